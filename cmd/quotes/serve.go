package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/auth"
	"github.com/quotesproject/quotes/server"
	"github.com/quotesproject/quotes/watch"
)

// serveCommand is "quotes serve": the HTTP API and search page.
func (a *app) serveCommand() *cobra.Command {
	var (
		addr           string
		ingests        []string
		watchFeeds     []string
		wf             watchFlags
		corsOrigins    []string
		frameAncestors []string
		baseURL        string
		writeOrigins   []string
		readOnly       bool
		readKey        bool
		readTimeout    time.Duration
		ratePerSecond  float64
		rateBurst      int
		node           string
		workers        int
	)
	cmd := &cobra.Command{
		Use:   "serve [--index DIR] [--addr 127.0.0.1:8080] [--ingest PATH]...",
		Short: "Serve search over HTTP",
		Long: `Serve serves over HTTP the search page (/), quote and speaker pages
(/quotes/{id}, /speakers/{name}), the embeddable widget (/embed, its loader
/widget.js, and /oembed) and the JSON API described at /api/openapi.json.

Writes (POST /api/articles and the correction routes) need a key made with
"quotes token create NAME", sent as "Authorization: Bearer KEY", and a JSON
body; a browser may send them only from the server's own pages or from
--write-origins. --read-only serves no write route at all;
--require-read-key makes the JSON API's reads need a key too.

--cors-origins lets pages on other origins call the JSON API from a browser;
--frame-ancestors limits who may frame the widget (any page by default; every
other page may be framed only by the server itself); --base-url is the public
address used in oEmbed answers and permalinks when the server sits behind a
proxy.

The paths given with --ingest (files, folders, feeds) are ingested first, as
"quotes ingest" does; bad inputs are reported and skipped. The server then
logs the URL it listens on, and shuts down gracefully on SIGINT or SIGTERM.
While it runs it holds the index: other quotes commands on the same index fail
with "in use" until it stops.

With --nats, the server is a node of a NATS JetStream cluster: it keeps its
own index in --index, fed from the cluster's article log under --node (it
resumes there after a restart), extracts articles of the cluster's work queue
with --workers, checks keys against the cluster's, and shares its
corrections. A POST /api/articles answers once the cluster's log holds the
article; every node's search shows it a moment later.`,
		Example: `  quotes serve
  quotes serve --addr :8080 --ingest testdata/articles
  quotes serve --nats nats://10.0.0.1:4222,nats://10.0.0.2:4222 --node web1
  quotes serve --cors-origins https://cms.example.org --frame-ancestors https://cms.example.org`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			ctx := cmd.Context()
			corsOrigins, err := checkOrigins(corsOrigins, "--cors-origins")
			if err != nil {
				return err
			}
			writeOrigins, err := checkOrigins(writeOrigins, "--write-origins")
			if err != nil {
				return err
			}
			if err := checkFrameAncestors(frameAncestors); err != nil {
				return err
			}
			if len(watchFeeds) > 0 {
				if err := watch.CheckFeeds(watchFeeds); err != nil {
					return &usageError{err: err}
				}
			}
			if baseURL != "" {
				base, err := checkOrigins([]string{baseURL}, "--base-url")
				if err != nil {
					return err
				}
				baseURL = base[0]
			}
			a.tuneGC(serveGCPercent)
			ix, err := a.openWriter(ctx)
			if err != nil {
				return err
			}
			defer closeIndex(ix, &err)
			x, err := a.newExtractor() // built once per process: openWriter's
			if err != nil {
				return err
			}
			var (
				svc   quotes.QuoteService      = ix
				corr  quotes.CorrectionService = ix
				keyst auth.Store               = auth.Open(a.indexDir)
			)
			if a.natsURL != "" {
				if workers < 0 {
					return usageErrorf("invalid --workers %d: want 0 or more", workers)
				}
				conn, err := a.connectNATS(ctx, "quotes serve "+node)
				if err != nil {
					return err
				}
				defer conn.Close()
				if corr, err = conn.Corrections(ctx, node, ix); err != nil {
					return err
				}
				if keyst, err = conn.Keys(ctx); err != nil {
					return err
				}
				svc = clusterService{Index: ix, conn: conn}
				cctx, stop := context.WithCancel(ctx)
				wait := a.followCluster(cctx, conn, ix, node)
				done := make(chan struct{})
				go func() {
					defer close(done)
					if err := runWorkers(cctx, conn, x, workers); err != nil {
						a.log.Error("extraction workers stopped", "err", err)
					}
				}()
				defer func() { stop(); wait(); <-done }()
				a.log.Info("joined the cluster", "nats", a.natsURL, "node", node, "workers", workers, "replicas", conn.Replicas())
				if len(ingests) > 0 {
					st, dups, err := a.ingestToCluster(ctx, conn, ingests)
					fmt.Fprintln(a.stderr, clusterSummary(st, dups))
					if err != nil {
						return err
					}
					ingests = nil
				}
			}
			if len(ingests) > 0 {
				st, err := a.ingest(ctx, ix, x, ingests)
				fmt.Fprintln(a.stderr, st.summary())
				if err != nil {
					return err
				}
				if err := a.trackClaims(ctx, ix, st); err != nil {
					return err
				}
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("listen on %s: %w", addr, err)
			}
			if err := a.logKeys(keyst, readOnly, readKey); err != nil {
				return err
			}
			// The other commands on this data directory work through
			// this server, with a key of this run (see running.go).
			local, err := auth.NewLocal(keyst)
			if err != nil {
				return err
			}
			unannounce, err := a.announce(ln, local)
			if err != nil {
				return err
			}
			defer unannounce()
			if len(watchFeeds) > 0 {
				w, done, err := a.newWatcher(watchFeeds, wf, extractAndPut(x, svc.Put))
				if err != nil {
					return err
				}
				wctx, stopWatch := context.WithCancel(ctx)
				watched := make(chan struct{})
				go func() {
					defer close(watched)
					if err := w.Run(wctx); err != nil && !errors.Is(err, context.Canceled) {
						a.log.Error("watch stopped", "err", err)
					}
				}()
				defer func() { stopWatch(); <-watched; done() }()
				a.log.Info("watching", "feeds", len(watchFeeds), "every", wf.every, "per_host", wf.perHost)
			}
			a.log.Info("listening", "url", "http://"+ln.Addr().String()+"/")
			// The first page before a query counts the facets of every
			// shard (0.7 s at a million quotes); later ones recount the
			// shards written since. Count them now, not on a reader's time.
			go func() {
				start := time.Now()
				if _, err := ix.Search(ctx, quotes.SearchRequest{}); err != nil && ctx.Err() == nil {
					a.log.Warn("cannot prepare the page before a query", "err", err)
					return
				}
				a.log.Debug("page before a query prepared", "took", time.Since(start))
			}()
			h := server.New(svc, x, server.Options{
				Logger: a.log, Claims: ix,
				CORSOrigins: corsOrigins, FrameAncestors: frameAncestors, BaseURL: baseURL,
				Corrections: corr, DataDir: a.indexDir,
				Backup: func(ctx context.Context, dir string) (any, error) { return backup(ctx, ix, dir) },
				Verify: func(ctx context.Context, repair bool) (any, error) { return verify(ctx, ix, repair) },
				Keys:   local, WriteOrigins: writeOrigins, ReadOnly: readOnly, RequireReadKey: readKey,
				ReadTimeout: readTimeout, RatePerSecond: ratePerSecond, RateBurst: rateBurst,
				MaxArticleBytes: a.limits.MaxArticleBytes,
			})
			if err := server.Serve(ctx, ln, h, a.log); err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			return nil
		},
	}
	a.limitFlags(cmd)
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "`address` to listen on (host:port)")
	cmd.Flags().StringArrayVar(&ingests, "ingest", nil, "ingest this `path` before serving (repeatable)")
	cmd.Flags().StringArrayVar(&watchFeeds, "watch", nil, "follow this RSS or Atom feed `URL` and ingest its new articles while serving (repeatable; see quotes watch)")
	wf.add(cmd, "watch-")
	cmd.Flags().StringSliceVar(&corsOrigins, "cors-origins", nil,
		"`origins` allowed to call /api/ from a browser, comma-separated (https://cms.example.org, or * for any)")
	cmd.Flags().StringSliceVar(&frameAncestors, "frame-ancestors", nil,
		"`sources` allowed to frame /embed, comma-separated CSP sources (default any: *)")
	cmd.Flags().StringSliceVar(&writeOrigins, "write-origins", nil,
		"`origins` besides the server's own whose pages may send writes from a browser, comma-separated")
	cmd.Flags().BoolVar(&readOnly, "read-only", false, "serve no write route at all: every POST, PUT and DELETE answers 405")
	cmd.Flags().BoolVar(&readKey, "require-read-key", false, "the JSON API's reads need a key too (the pages stay open)")
	cmd.Flags().DurationVar(&readTimeout, "read-timeout", server.DefaultReadTimeout,
		"how long a search or page may run before it answers 503 (-1s: no limit)")
	cmd.Flags().Float64Var(&ratePerSecond, "rate", server.DefaultRatePerSecond,
		"requests a second each client address may sustain, beyond --rate-burst (-1: no limit)")
	cmd.Flags().IntVar(&rateBurst, "rate-burst", server.DefaultRateBurst, "requests each client address may send at once")
	cmd.Flags().StringVar(&node, "node", defaultNode(), "this server's `name` in the --nats cluster: it names its place in the article log")
	cmd.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "with --nats, how many articles of the cluster's work queue to extract at once (0: none)")
	cmd.Flags().StringVar(&baseURL, "base-url", "", "public `URL` of the server for absolute links (default: the address each request came to)")
	return cmd
}

// logKeys says at start what writes need: a key of keys, or nothing at
// all on a read-only server. It fails when the key file is damaged.
func (a *app) logKeys(keys auth.Store, readOnly, readKey bool) error {
	if readOnly {
		a.log.Info("read-only: no write route is served")
		if !readKey {
			return nil
		}
	}
	list, err := keys.List()
	if err != nil {
		return err
	}
	active := 0
	for _, k := range list {
		if k.Active() {
			active++
		}
	}
	if active == 0 {
		a.log.Warn("no active keys: every write answers 401 until you run quotes token create NAME", "in", keys.Where())
		return nil
	}
	a.log.Info("writes need a key", "active_keys", active, "reads_need_key", readKey)
	return nil
}

// checkOrigins fails unless each of origins is "*" or an http(s) origin
// with no path, naming flag in the error, and returns them as browsers
// send them: scheme://host[:port], lower case, without a trailing slash.
func checkOrigins(origins []string, flag string) ([]string, error) {
	out := make([]string, 0, len(origins))
	for _, o := range origins {
		if o == "*" && flag == "--cors-origins" {
			out = append(out, o)
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return nil, usageErrorf("%s: %q is not an origin such as https://news.example.org", flag, o)
		}
		out = append(out, strings.ToLower(u.Scheme+"://"+u.Host))
	}
	return out, nil
}

// checkFrameAncestors fails unless each source is one CSP frame-ancestors
// source: a keyword ('self', 'none'), a scheme (https:), or a host source
// (https://cms.example.org, *.example.org, *).
func checkFrameAncestors(sources []string) error {
	for _, src := range sources {
		if strings.ContainsAny(src, " ;,\t\r\n\"") || src == "" {
			return usageErrorf("--frame-ancestors: %q is not one CSP source such as https://cms.example.org or 'self'", src)
		}
		if strings.HasPrefix(src, "'") && src != "'self'" && src != "'none'" {
			return usageErrorf("--frame-ancestors: %q: the only quoted sources are 'self' and 'none'", src)
		}
	}
	if len(sources) > 1 && slices.Contains(sources, "'none'") {
		return usageErrorf("--frame-ancestors: 'none' cannot be combined with other sources")
	}
	return nil
}
