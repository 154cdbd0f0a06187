package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/watch"
)

// watchStateFile is the watcher's record in the data directory.
const watchStateFile = "watch.db"

// watchFlags are the flags of quotes watch and serve --watch.
type watchFlags struct {
	every, perHost time.Duration
	once           bool
}

// add registers the flags on cmd; prefix names them for serve.
func (f *watchFlags) add(cmd *cobra.Command, prefix string) {
	cmd.Flags().DurationVar(&f.every, prefix+"every", watch.DefaultEvery, "how often each feed is polled")
	cmd.Flags().DurationVar(&f.perHost, prefix+"per-host", watch.DefaultPerHost, "the least time between two requests to one site")
}

// watchCommand is "quotes watch": follow feeds and ingest their new
// articles.
func (a *app) watchCommand() *cobra.Command {
	var f watchFlags
	cmd := &cobra.Command{
		Use:   "watch [flags] FEED_URL...",
		Short: "Follow RSS and Atom feeds and ingest each new article",
		Long: `Watch polls each feed (with conditional GET: an unchanged feed costs one
304), fetches the page of every item it has not seen, reads its article and
ingests it: the quotes are extracted and stored, and the claims kept up to
date. When a page cannot be had, the item's own text stands in if the feed
carries one; else the item is tried again at the next rounds, 3 times at
most. Requests to one site are spaced by --per-host. What was seen is kept
in watch.db in the data directory, so that a restarted watch fetches
nothing twice. It runs until stopped (Ctrl-C), or for one round with
--once. serve --watch does the same beside the server.`,
		Example: `  quotes watch https://www.example-news.org/rss.xml
  quotes watch --every 5m --per-host 5s https://a.example/feed.atom https://b.example/rss
  quotes watch --once https://www.example-news.org/rss.xml`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			if err := watch.CheckFeeds(args); err != nil {
				return &usageError{err: err}
			}
			if f.every <= 0 || f.perHost <= 0 {
				return usageErrorf("--every and --per-host must be more than 0")
			}
			ctx := cmd.Context()
			ix, err := a.openWriter(ctx)
			if err != nil {
				return err
			}
			defer closeIndex(ix, &err)
			x, err := a.newExtractor()
			if err != nil {
				return err
			}
			w, done, err := a.newWatcher(args, f, extractAndPut(x, ix.Put))
			if err != nil {
				return err
			}
			defer func() {
				if cerr := done(); err == nil {
					err = cerr
				}
			}()
			if f.once {
				n := 0
				for _, feed := range args {
					r, err := w.Poll(ctx, feed)
					if err != nil {
						a.log.Warn("feed failed", "feed", feed, "err", err)
						continue
					}
					n += r.New
					fmt.Fprintf(a.stderr, "%s: %d items, %d new, %d failed%s\n", feed, r.Items, r.New, r.Failed,
						map[bool]string{true: " (not modified)"}[r.NotModified])
				}
				fmt.Fprintf(a.stderr, "ingested %s\n", plural(n, "article"))
				return nil
			}
			a.log.Info("watching", "feeds", len(args), "every", f.every, "per_host", f.perHost)
			if err := w.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
				return fmt.Errorf("watch: %w", err)
			}
			return nil
		},
	}
	f.add(cmd, "")
	cmd.Flags().BoolVar(&f.once, "once", false, "poll each feed once, then stop")
	return cmd
}

// newWatcher returns a watcher of feeds with its state in the data
// directory, putting articles with put; done closes the state.
func (a *app) newWatcher(feeds []string, f watchFlags, put func(context.Context, quotes.Article) error) (*watch.Watcher, func() error, error) {
	st, err := watch.OpenState(filepath.Join(a.indexDir, watchStateFile))
	if err != nil {
		return nil, nil, err
	}
	w := &watch.Watcher{Feeds: feeds, Put: put, State: st, Every: f.every, PerHost: f.perHost, Log: a.log}
	return w, st.Close, nil
}

// extractAndPut returns what a watcher does with an article: extract its
// quotes with x and store both with put.
func extractAndPut(x quotes.Extractor, put func(context.Context, quotes.Article, []quotes.Quote) error) func(context.Context, quotes.Article) error {
	return func(ctx context.Context, art quotes.Article) error {
		qs, err := safeExtract(x, art)
		if err != nil {
			return err
		}
		return put(ctx, art, qs)
	}
}
