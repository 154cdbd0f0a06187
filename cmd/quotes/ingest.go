package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/index"
	"github.com/quotesproject/quotes/server"
	"github.com/quotesproject/quotes/source"
)

// Batches of ingest: the articles extracted are stored and indexed in
// batches of about batchBytes of text (at most batchArticles articles),
// while the next batch is extracted. At most one batch waits for the
// store, so that memory holds two batches and the articles in extraction,
// whatever the size of the input.
const (
	batchBytes    = 512 << 10
	batchArticles = 2000
)

// ingestCommand is "quotes ingest": extract and store.
func (a *app) ingestCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ingest [--index DIR] PATH...|-",
		Short: "Extract the quotes of articles and store them in the index",
		Long: `Ingest reads articles from files, folders (recursively, skipping hidden files
and files of unknown types), RSS/Atom feeds and standard input ("-"), extracts
their quotes and stores both in the index, in batches.

An article is stored under its id (see "quotes extract"), so ingesting the
same articles again replaces them rather than adding duplicates: after an
interrupted ingest, run it again.

While quotes serve runs on the same data directory, ingest reads the inputs
and posts each article to it; the server extracts and stores them.

With --nats, ingest queues the articles on the cluster's work queue, where
the workers ("quotes work", "quotes serve --nats") extract them; every query
node then stores them. The same article queued twice is dropped by the
cluster.

An input that cannot be read or parsed is reported on stderr and skipped, and
the rest goes on; the exit status is then 1. So is binary input (an image, a
PDF), an article longer than --max-article-bytes (1 MiB) and the items of a
feed past --max-feed-items (5,000). A progress bar is shown when
stderr is a terminal, and a summary line at the end.`,
		Example: `  quotes ingest articles/
  quotes ingest --index /tmp/quotes feed.xml page.html
  curl -s https://example.org/feed.rss | quotes ingest -`,
		Args: minArgs(1, "PATH (a file, a folder or - for standard input)"),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			if a.natsURL != "" {
				conn, err := a.connectNATS(cmd.Context(), "quotes ingest")
				if err != nil {
					return err
				}
				defer conn.Close()
				st, dups, err := a.ingestToCluster(cmd.Context(), conn, args)
				fmt.Fprintln(a.stderr, clusterSummary(st, dups))
				if err == nil && st.failed > 0 {
					err = errReported
				}
				return err
			}
			if c := a.runningServer(); c != nil {
				st, err := a.ingestThrough(cmd.Context(), c, args)
				fmt.Fprintln(a.stderr, st.summary()+" through the running server")
				if err == nil && st.failed > 0 {
					err = errReported
				}
				return err
			}
			a.tuneGC(ingestGCPercent)
			ix, err := a.openWriter(cmd.Context())
			if err != nil {
				return err
			}
			defer closeIndex(ix, &err)
			x, err := a.newExtractor()
			if err != nil {
				return err
			}
			st, err := a.ingest(cmd.Context(), ix, x, args)
			fmt.Fprintln(a.stderr, st.summary())
			if err != nil {
				return err
			}
			if err := a.trackClaims(cmd.Context(), ix, st); err != nil {
				return err
			}
			if st.failed > 0 {
				return errReported
			}
			return nil
		},
	}
	a.limitFlags(cmd)
	return cmd
}

// limitFlags adds to cmd the flags that bound what one input may hand on
// (source.Limits).
func (a *app) limitFlags(cmd *cobra.Command) {
	cmd.Flags().IntVar(&a.limits.MaxArticleBytes, "max-article-bytes", source.DefaultMaxArticleBytes,
		"the most `bytes` of text one article may have; longer ones are reported and skipped")
	cmd.Flags().IntVar(&a.limits.MaxFeedItems, "max-feed-items", source.DefaultMaxFeedItems,
		"the most `items` read from one feed; the rest are reported and skipped")
}

// ingestStats sums up an ingest.
type ingestStats struct {
	inputs   int // inputs read
	failed   int // inputs with any problem
	skipped  int // inputs of which nothing was stored
	bad      int // bad records in inputs otherwise stored
	articles int // articles stored
	quotes   int // quotes stored
	took     time.Duration
	stopped  bool // interrupted
}

// summary is the line ingest prints at the end, such as
// "ingested 42 articles, 310 quotes in 1.8s (1 file skipped)".
func (s ingestStats) summary() string {
	msg := fmt.Sprintf("ingested %s, %s in %.1fs", plural(s.articles, "article"), plural(s.quotes, "quote"), s.took.Seconds())
	var notes []string
	if s.skipped > 0 {
		notes = append(notes, plural(s.skipped, "file")+" skipped")
	}
	if s.bad > 0 {
		notes = append(notes, plural(s.bad, "bad record"))
	}
	if s.stopped {
		notes = append(notes, "interrupted")
	}
	if len(notes) > 0 {
		msg += " (" + strings.Join(notes, ", ") + ")"
	}
	return msg
}

// errInterrupted ends an ingest stopped by a signal.
var errInterrupted = errors.New("interrupted: what was read so far is stored; run the same command again to finish")

// ingest extracts the quotes of the inputs in paths with x and stores them
// in ix, in batches, reporting bad inputs on stderr. It returns an error
// only for a failure that stops it (the index cannot be written, ctx
// cancelled); bad inputs are counted in the stats. Whatever was read
// before a stop is stored.
func (a *app) ingest(ctx context.Context, ix *index.Index, x quotes.Extractor, paths []string) (ingestStats, error) {
	start := time.Now()
	var (
		st ingestStats
		mu sync.Mutex // guards st and tally: the store runs beside the reading
	)
	tally := a.newTally(&st)
	bar := a.progressBar(source.Count(paths), "ingesting")

	// The store goroutine writes each batch while the next is extracted.
	// A store finishes even when ctx is cancelled: what was extracted is
	// kept.
	storeCtx := context.WithoutCancel(ctx)
	type batch struct {
		entries []index.Entry
		names   []string // input of each entry
	}
	batches := make(chan batch, 1)
	storeDone := make(chan error, 1)
	var storeFailed atomic.Bool
	go func() {
		var serr error
		for b := range batches {
			if serr != nil {
				continue // drain: the reading stops at its next article
			}
			stored, failures, err := storeBatch(storeCtx, ix, b.entries)
			if err != nil {
				serr = err
				storeFailed.Store(true)
				continue
			}
			mu.Lock()
			for i, ferr := range failures {
				if ferr != nil {
					a.clearBar(bar)
					a.reportf("%s: %v", b.names[i], ferr)
					tally.fail(b.names[i])
					st.bad++
					continue
				}
				st.articles++
				st.quotes += len(b.entries[i].Quotes)
			}
			mu.Unlock()
			a.log.Debug("stored batch", "articles", stored, "entries", len(b.entries))
		}
		storeDone <- serr
	}()

	var (
		cur   batch
		bytes int
	)
	flush := func() {
		if len(cur.entries) > 0 {
			batches <- cur
			cur, bytes = batch{}, 0
		}
	}
	errStore := errors.New("the store failed")
	h := inputHandler{
		article: func(name string, art quotes.Article, qs []quotes.Quote) error {
			if storeFailed.Load() {
				return errStore
			}
			cur.entries = append(cur.entries, index.Entry{Article: art, Quotes: qs})
			cur.names = append(cur.names, name)
			if bytes += len(art.Text); bytes >= batchBytes || len(cur.entries) >= batchArticles {
				flush()
			}
			return nil
		},
		input: func(name string, articles int, err error) error {
			mu.Lock()
			defer mu.Unlock()
			if bar != nil {
				_ = bar.Add(1)
			}
			if err != nil {
				a.clearBar(bar)
			}
			return tally.input(name, articles, err)
		},
	}
	err := a.extractInputs(ctx, x, paths, h)
	if !storeFailed.Load() {
		flush()
	}
	close(batches)
	if serr := <-storeDone; serr != nil {
		err = serr
	} else if errors.Is(err, errStore) {
		err = nil
	}
	if bar != nil {
		_ = bar.Finish()
		a.clearBar(bar)
	}
	st.took = time.Since(start)
	if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		st.stopped = true
		err = errInterrupted
	}
	return st, err
}

// storeBatch stores the entries with one PutBatch. When the batch is
// refused because of a bad entry, it stores the entries one by one and
// returns the problem of each entry that could not be stored (failures[i]
// for batch[i]); any other failure is returned as err.
func storeBatch(ctx context.Context, ix *index.Index, batch []index.Entry) (stored int, failures []error, err error) {
	failures = make([]error, len(batch))
	err = ix.PutBatch(ctx, batch)
	if err == nil {
		return len(batch), failures, nil
	}
	var de *index.DeletedError
	if errors.As(err, &de) {
		stored = len(batch)
		for i, e := range batch {
			if slices.Contains(de.IDs, e.Article.ID) {
				failures[i] = fmt.Errorf("article %q was deleted by an editor: left out (quotes undelete %s brings it back)", e.Article.ID, e.Article.ID)
				stored--
			}
		}
		return stored, failures, nil
	}
	if quotes.ErrorCode(err) != quotes.EINVALID {
		return 0, nil, fmt.Errorf("store articles: %w", err)
	}
	for i, e := range batch {
		if err := ix.Put(ctx, e.Article, e.Quotes); err != nil {
			if quotes.ErrorCode(err) != quotes.EINVALID {
				return stored, nil, fmt.Errorf("store article %q: %w", e.Article.ID, err)
			}
			failures[i] = fmt.Errorf("article %q: %w", e.Article.ID, err)
			continue
		}
		stored++
	}
	return stored, failures, nil
}

// progressBar returns a progress bar on stderr when stderr is a terminal,
// else nil.
func (a *app) progressBar(total int, what string) *progressbar.ProgressBar {
	if !isTerminal(a.stderr) {
		return nil
	}
	return progressbar.NewOptions(total,
		progressbar.OptionSetWriter(a.stderr),
		progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

// clearBar clears the progress bar, if any, before a line is printed.
func (a *app) clearBar(bar *progressbar.ProgressBar) {
	if bar != nil {
		_ = bar.Clear()
	}
}

// trackClaims updates the claims of the periods an ingest touched, so
// that the first claims query need not, and prints how many there are.
func (a *app) trackClaims(ctx context.Context, ix *index.Index, st ingestStats) error {
	if st.articles == 0 {
		return nil
	}
	start := time.Now()
	if err := gcPercentFor(claimsGCPercent, func() error { return ix.UpdateClaims(ctx) }); err != nil {
		return fmt.Errorf("track claims: %w", err)
	}
	res, err := ix.Claims(ctx, quotes.ClaimRequest{Size: 1})
	if err != nil {
		return fmt.Errorf("track claims: %w", err)
	}
	both, err := ix.Claims(ctx, quotes.ClaimRequest{Size: 1, Verdict: "both-sides"})
	if err != nil {
		return fmt.Errorf("track claims: %w", err)
	}
	fmt.Fprintf(a.stderr, "tracking %s, %d confirmed by both sides (%.1fs)\n", plural(res.Total, "claim"), both.Total, time.Since(start).Seconds())
	return nil
}

// noExtract hands articles on without quotes: the server extracts them.
type noExtract struct{}

func (noExtract) Extract(quotes.Article) []quotes.Quote { return nil }

// ingestThrough reads the inputs in paths and posts each article to the
// running server c, reporting bad inputs and refused articles on stderr.
func (a *app) ingestThrough(ctx context.Context, c *server.Client, paths []string) (ingestStats, error) {
	start := time.Now()
	var st ingestStats
	tally := a.newTally(&st)
	h := inputHandler{
		article: func(name string, art quotes.Article, _ []quotes.Quote) error {
			n, err := c.PostArticle(context.WithoutCancel(ctx), art)
			switch {
			case quotes.ErrorCode(err) == quotes.EINTERNAL:
				return fmt.Errorf("post article %q: %w", art.ID, err)
			case err != nil:
				a.reportf("%s: article %q: %s", name, art.ID, quotes.ErrorMessage(err))
				tally.fail(name)
				st.bad++
				return nil
			}
			st.articles++
			st.quotes += n
			return nil
		},
		input: tally.input,
	}
	err := a.extractInputs(ctx, noExtract{}, paths, h)
	st.took = time.Since(start)
	if ctx.Err() != nil {
		st.stopped = true
		return st, errInterrupted
	}
	return st, err
}

// inputTally counts the inputs of an ingest into its stats as they are
// read: each input, and once each input with problems, which it reports.
type inputTally struct {
	a   *app
	st  *ingestStats
	bad map[string]bool
}

// newTally returns the tally of an ingest counting into st.
func (a *app) newTally(st *ingestStats) *inputTally {
	return &inputTally{a: a, st: st, bad: map[string]bool{}}
}

// fail counts the input name among those with problems, once.
func (t *inputTally) fail(name string) {
	if !t.bad[name] {
		t.bad[name] = true
		t.st.failed++
	}
}

// input is an inputHandler's input: it counts the input, and reports and
// counts its problems.
func (t *inputTally) input(name string, articles int, err error) error {
	t.st.inputs++
	if err == nil {
		return nil
	}
	t.a.report(err)
	t.fail(name)
	if articles == 0 {
		t.st.skipped++
	} else {
		t.st.bad += problems(err)
	}
	return nil
}
