package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"

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
	cmd.AddCommand(a.benchCorpusCommand())
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
