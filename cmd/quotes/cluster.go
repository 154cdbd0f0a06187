package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/index"
	qnats "github.com/quotesproject/quotes/nats"
)

// Limits of the cluster commands.
const (
	// clusterBatch is how many articles ingest --nats publishes at once.
	clusterBatch = 100
	// claimsEvery is how often a node of a cluster brings its claims up
	// to date with the articles its feed applied.
	claimsEvery = 10 * time.Second
)

// connectNATS connects to the cluster of --nats as the client name.
func (a *app) connectNATS(ctx context.Context, name string) (*qnats.Conn, error) {
	conn, err := qnats.Connect(ctx, a.natsURL, qnats.Options{Name: name, Logger: a.log})
	if err != nil {
		return nil, err
	}
	a.log.Debug("connected to NATS", "url", a.natsURL, "replicas", conn.Replicas())
	return conn, nil
}

// stamped is an extractor whose quotes carry their ids and the
// article's metadata (see stamp): what a worker publishes to the log.
type stamped struct{ x quotes.Extractor }

func (s stamped) Extract(a quotes.Article) []quotes.Quote {
	qs := s.x.Extract(a)
	stamp(a, qs)
	return qs
}

// workCommand is "quotes work": an extraction worker of a cluster.
func (a *app) workCommand() *cobra.Command {
	var workers int
	cmd := &cobra.Command{
		Use:   "work --nats URL [--workers N]",
		Short: "Extract the quotes of a cluster's queued articles",
		Long: `Work takes articles from the work queue of the NATS JetStream cluster at
--nats (where "quotes ingest --nats" puts them), extracts their quotes and
publishes them to the cluster's article log, from which every query node
("quotes serve --nats") stores them. Run it on as many machines as
extraction needs; each article is extracted once. It runs until SIGINT or
SIGTERM; an article it was working on then goes to another worker.`,
		Example: `  quotes work --nats nats://10.0.0.1:4222,nats://10.0.0.2:4222 --workers 8`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if a.natsURL == "" {
				return usageErrorf("work needs --nats URL: the cluster to take articles from")
			}
			if workers < 1 {
				return usageErrorf("invalid --workers %d: want 1 or more", workers)
			}
			ctx := cmd.Context()
			conn, err := a.connectNATS(ctx, "quotes work")
			if err != nil {
				return err
			}
			defer conn.Close()
			x, err := a.newExtractor()
			if err != nil {
				return err
			}
			a.log.Info("extracting from the cluster's work queue", "workers", workers)
			return runWorkers(ctx, conn, x, workers)
		},
	}
	cmd.Flags().IntVar(&workers, "workers", runtime.GOMAXPROCS(0), "how many articles to extract at once")
	return cmd
}

// runWorkers runs n extraction workers on conn until ctx is done.
func runWorkers(ctx context.Context, conn *qnats.Conn, x quotes.Extractor, n int) error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = conn.Work(ctx, stamped{x}) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// ingestToCluster reads the inputs in paths and queues their articles
// for extraction on the cluster, clusterBatch at a time.
func (a *app) ingestToCluster(ctx context.Context, conn *qnats.Conn, paths []string) (ingestStats, int, error) {
	start := time.Now()
	var (
		st    ingestStats
		dups  int
		batch []quotes.Article
	)
	tally := a.newTally(&st)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		pub, err := conn.Ingest(context.WithoutCancel(ctx), batch)
		if err != nil {
			return err
		}
		st.articles += pub.New
		dups += pub.Duplicates
		batch = batch[:0]
		return nil
	}
	h := inputHandler{
		article: func(name string, art quotes.Article, _ []quotes.Quote) error {
			batch = append(batch, art)
			if len(batch) >= clusterBatch {
				return flush()
			}
			return nil
		},
		input: tally.input,
	}
	err := a.extractInputs(ctx, noExtract{}, paths, h)
	if err == nil {
		err = flush()
	}
	st.took = time.Since(start)
	if ctx.Err() != nil {
		st.stopped = true
		return st, dups, errInterrupted
	}
	return st, dups, err
}

// clusterSummary is the line ingest --nats prints at the end.
func clusterSummary(st ingestStats, dups int) string {
	msg := fmt.Sprintf("queued %s for extraction in %.1fs", plural(st.articles, "article"), st.took.Seconds())
	if dups > 0 {
		msg += fmt.Sprintf(" (%d already queued or ingested, dropped)", dups)
	}
	if st.failed > 0 {
		msg += fmt.Sprintf("; %s had problems", plural(st.failed, "input"))
	}
	return msg
}

// nodeNamePart is what a default node name keeps of the host name.
var nodeNamePart = regexp.MustCompile(`[^A-Za-z0-9_-]+`)

// defaultNode is the node name of a server: its host name.
func defaultNode() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "node"
	}
	return strings.Trim(nodeNamePart.ReplaceAllString(h, "-"), "-")
}

// clusterService is the quote service of a cluster's node: reads from
// its own index, writes to the cluster's article log, from which every
// node (this one too) stores them.
type clusterService struct {
	*index.Index
	conn *qnats.Conn
}

// Put publishes the article and its quotes to the log: it returns once
// the cluster holds them; each node's search shows them once its feed
// has applied them.
func (s clusterService) Put(ctx context.Context, art quotes.Article, qs []quotes.Quote) error {
	_, err := s.conn.Publish(ctx, []qnats.Entry{{Article: art, Quotes: qs}})
	return err
}

// followCluster feeds ix from the cluster's article log and corrections
// as node, and keeps its claims up to date, until ctx is done. It returns
// a function that waits for it to stop.
func (a *app) followCluster(ctx context.Context, conn *qnats.Conn, ix *index.Index, node string) func() {
	var (
		wg    sync.WaitGroup
		dirty atomic.Bool
	)
	wg.Go(func() {
		err := conn.Follow(ctx, node, func(ctx context.Context, batch []qnats.Entry) error {
			entries := make([]index.Entry, len(batch))
			for i, e := range batch {
				entries[i] = index.Entry{Article: e.Article, Quotes: e.Quotes}
			}
			if err := a.applyEntries(ctx, ix, entries); err != nil {
				return err
			}
			dirty.Store(true)
			a.log.Debug("applied articles from the log", "node", node, "articles", len(entries))
			return nil
		})
		if err != nil {
			a.log.Error("cluster feed stopped", "node", node, "err", err)
		}
	})
	wg.Go(func() {
		err := conn.FollowCorrections(ctx, node, func(ctx context.Context, req quotes.CorrectionRequest) error {
			_, err := ix.Correct(ctx, req)
			return err
		})
		if err != nil {
			a.log.Error("cluster corrections stopped", "node", node, "err", err)
		}
	})
	wg.Go(func() {
		t := time.NewTicker(claimsEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			if dirty.Swap(false) {
				if err := ix.UpdateClaims(ctx); err != nil && ctx.Err() == nil {
					a.log.Error("update claims", "err", err)
					dirty.Store(true)
				}
			}
		}
	})
	return wg.Wait
}

// clusterCommand is "quotes cluster": the state of a cluster.
func (a *app) clusterCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "cluster --nats URL [--json]",
		Short: "Show a cluster's article log, work queue and query nodes",
		Long: `Cluster prints the state of the NATS JetStream cluster at --nats: how many
articles its log holds and where, how many wait for extraction, and for each
query node ("quotes serve --nats --node NAME") how many articles of the log it
has not applied yet. A node at 0 answers with everything.`,
		Example: `  quotes cluster --nats nats://10.0.0.1:4222`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if a.natsURL == "" {
				return usageErrorf("cluster needs --nats URL")
			}
			ctx := cmd.Context()
			conn, err := a.connectNATS(ctx, "quotes cluster")
			if err != nil {
				return err
			}
			defer conn.Close()
			st, err := conn.Status(ctx)
			if err != nil {
				return err
			}
			if asJSON {
				return encodeJSON(a.stdout, st)
			}
			leader := ""
			if st.Leader != "" {
				leader = ", leader " + st.Leader
			}
			fmt.Fprintf(a.stdout, "log: %s, %.1f MB, %d replicas%s\n", plural(int(st.Articles), "article"), float64(st.LogBytes)/(1<<20), st.Replicas, leader)
			fmt.Fprintf(a.stdout, "queue: %s waiting for extraction\n", plural(int(st.Queued), "article"))
			if len(st.Nodes) == 0 {
				fmt.Fprintln(a.stdout, "no query node has joined yet (quotes serve --nats URL --node NAME)")
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NODE\tBEHIND\tLAST ACTIVE")
			for _, n := range st.Nodes {
				last := "-"
				if !n.LastActive.IsZero() {
					last = n.LastActive.Format(time.RFC3339)
				}
				fmt.Fprintf(tw, "%s\t%d\t%s\n", n.Node, n.Behind, last)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the state as JSON")
	return cmd
}

// applyEntries stores a batch of the log on a node. What cannot be
// stored for good is logged and passed over, so that it does not hold
// back the log: an article an editor deleted here stays deleted, and an
// entry the index refuses as invalid is left out (the others of its
// batch are stored one by one).
func (a *app) applyEntries(ctx context.Context, ix *index.Index, entries []index.Entry) error {
	err := ix.PutBatch(ctx, entries)
	var deleted *index.DeletedError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &deleted):
		a.log.Info("cluster: articles deleted on this node stay deleted", "articles", deleted.IDs)
		return nil
	case quotes.ErrorCode(err) != quotes.EINVALID:
		return err
	}
	for _, e := range entries {
		err := ix.PutBatch(ctx, []index.Entry{e})
		switch {
		case err == nil, errors.As(err, &deleted):
		case quotes.ErrorCode(err) == quotes.EINVALID:
			a.log.Error("cluster: left out an article of the log the index refuses", "article", e.Article.ID, "err", err)
		default:
			return err
		}
	}
	return nil
}
