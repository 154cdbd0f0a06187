package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"time"

	"github.com/quotesproject/quotes/internal/benchset"

	"github.com/spf13/cobra"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/source"
)

// benchCommand is "quotes bench": the tools that measure the product at
// scale.
func (a *app) benchCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure the product at scale",
		Long: `Bench holds the tools behind the figures in docs/scale.md: "bench corpus"
makes a corpus of any size from real articles, "bench search" times the
searches an editor makes against an index.`,
	}
	cmd.AddCommand(a.benchCorpusCommand(), a.benchSearchCommand())
	return cmd
}

// copyYears is how many years each copy of "bench corpus" moves the
// publication dates: two, so that the copies of a corpus that spans two
// years do not share a quarter.
const copyYears = 2

// benchCorpusCommand is "quotes bench corpus": a corpus N times the size
// of the inputs.
func (a *app) benchCorpusCommand() *cobra.Command {
	var times int
	var out string
	cmd := &cobra.Command{
		Use:   "corpus --times N [-o FILE] PATH...",
		Short: "Write the articles of the inputs N times as JSON lines, with new ids and dates",
		Long: `Corpus writes the articles read from the inputs N times over, as JSON lines
that "quotes ingest" reads: copy k (from 0) of an article has the id
"ID~k" (copy 0 keeps its id) and, when the article is dated, a publication
date moved by 2k years, so that the copies fall in their own months and
quarters as a longer archive would. Undated articles stay undated.

The copies are read and written one article at a time: a corpus of any size
is made in flat memory.`,
		Example: `  quotes bench corpus --times 16 -o /tmp/news16.jsonl ../shared/corpus/news`,
		Args:    minArgs(1, "PATH (a file or a folder of articles)"),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			if times < 1 {
				return usageErrorf("invalid --times %d: want 1 or more", times)
			}
			if times > 1 && slices.Contains(args, "-") {
				return usageErrorf("standard input can be read only once: give files for --times %d", times)
			}
			w := a.stdout
			if out != "" && out != "-" {
				f, err := os.Create(out)
				if err != nil {
					return fmt.Errorf("bench corpus: %w", err)
				}
				defer func() {
					if cerr := f.Close(); cerr != nil && err == nil {
						err = fmt.Errorf("bench corpus: %w", cerr)
					}
				}()
				w = f
			}
			bw := bufio.NewWriterSize(w, 1<<20)
			enc := json.NewEncoder(bw)
			n := 0
			for k := range times {
				walker := source.Walker{Stdin: a.stdin, Limits: a.limits}
				err := walker.Stream(args, source.Visitor{
					Article: func(_ string, art quotes.Article) error {
						n++
						return enc.Encode(benchCopy(art, k))
					},
					End: func(_ string, _ int, err error) error {
						if err != nil {
							a.report(err)
						}
						return nil
					},
				})
				if err != nil {
					return fmt.Errorf("bench corpus: %w", err)
				}
			}
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("bench corpus: %w", err)
			}
			a.log.Info("bench corpus written", "articles", n, "copies", times)
			return nil
		},
	}
	cmd.Flags().IntVarP(&times, "times", "n", 1, "how many `copies` of the inputs to write")
	cmd.Flags().StringVarP(&out, "output", "o", "", "`file` to write (default standard output)")
	a.limitFlags(cmd)
	return cmd
}

// benchCopy is copy k of art (see benchCorpusCommand).
func benchCopy(art quotes.Article, k int) quotes.Article {
	if k == 0 {
		return art
	}
	art.ID = fmt.Sprintf("%s~%d", art.ID, k)
	if art.URL != "" {
		art.URL = fmt.Sprintf("%s#copy-%d", art.URL, k)
	}
	if !art.Published.IsZero() {
		art.Published = art.Published.AddDate(copyYears*k, 0, 0)
	}
	return art
}

// benchSearchCommand is "quotes bench search": the latency of the
// searches editors make.
func (a *app) benchSearchCommand() *cobra.Command {
	var rounds int
	cmd := &cobra.Command{
		Use:   "search [--index DIR] [--rounds N]",
		Short: "Time the searches editors make against the index",
		Long: `Search runs a fixed set of searches against the index (or, while quotes serve
runs on it, against the server over HTTP) and prints the latency of each kind:
one word, two required words, a phrase, a speaker's page, a word within an
outlet, a word within a month, and the page before a query (every quote,
newest first, with its facets and timeline). The speakers, outlets and
months are the index's most frequent. Every search runs once to warm up,
then --rounds times; "cold ms" is the slowest warm-up run of each kind.
Searches without query words (a speaker's page, the page before a query)
are answered from a cache between ingests, so their warm figures are the
cache's.`,
		Example: `  quotes bench search --index /tmp/news16 --rounds 5`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			if rounds < 1 {
				return usageErrorf("invalid --rounds %d: want 1 or more", rounds)
			}
			a.tuneGC(serveGCPercent) // as the server runs
			rd, done, err := a.openReader()
			if err != nil {
				return err
			}
			defer func() {
				if cerr := done(); cerr != nil && err == nil {
					err = cerr
				}
			}()
			ctx := cmd.Context()
			set, err := benchset.FromIndex(ctx, rd.Search)
			if err != nil {
				return err
			}
			took := map[string][]time.Duration{}
			cold := map[string]time.Duration{} // the slowest of the warm-up round
			for r := range rounds + 1 {
				for _, s := range set {
					start := time.Now()
					if _, err := rd.Search(ctx, s.Request); err != nil {
						return fmt.Errorf("bench search %s %+v: %w", s.Kind, s.Request, err)
					}
					d := time.Since(start)
					if r == 0 { // the first round warms up
						cold[s.Kind] = max(cold[s.Kind], d)
						cold["all"] = max(cold["all"], d)
						continue
					}
					took[s.Kind] = append(took[s.Kind], d)
				}
			}
			fmt.Fprintf(a.stdout, "%-8s %6s %9s %9s %9s %9s %9s\n", "search", "runs", "p50 ms", "p95 ms", "p99 ms", "max ms", "cold ms")
			var all []time.Duration
			for _, k := range benchset.Kinds {
				all = append(all, took[k]...)
				a.printLatency(k, took[k], cold[k])
			}
			a.printLatency("all", all, cold["all"])
			return nil
		},
	}
	cmd.Flags().IntVar(&rounds, "rounds", 3, "how many `times` each search is timed")
	return cmd
}

// printLatency prints one row of bench search.
// cold is the slowest first run of the kind, before caches are warm
// (searches without query words are kept between writes).
func (a *app) printLatency(kind string, ds []time.Duration, cold time.Duration) {
	if len(ds) == 0 {
		return
	}
	slices.Sort(ds)
	at := func(p float64) float64 {
		i := min(len(ds)-1, int(math.Ceil(p*float64(len(ds))))-1)
		return float64(ds[max(i, 0)].Microseconds()) / 1000
	}
	fmt.Fprintf(a.stdout, "%-8s %6d %9.1f %9.1f %9.1f %9.1f %9.1f\n", kind, len(ds), at(0.5), at(0.95), at(0.99), at(1), float64(cold.Microseconds())/1000)
}
