package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/index"
)

// reindexCommand is "quotes reindex": rebuild the quote index.
func (a *app) reindexCommand() *cobra.Command {
	var shard string
	cmd := &cobra.Command{
		Use:   "reindex [--index DIR] [--shard NAME]",
		Short: "Rebuild the quote index from the stored articles",
		Long: `Reindex extracts the quotes of every stored article anew and rebuilds the
search index from them: the way to apply a better extractor or a new index
layout. The old index keeps serving until the new one is complete; an
interrupted reindex leaves it in place. A progress bar is shown when stderr is
a terminal, and a summary line at the end.

The quote index is kept in shards, one a month of publication (2016-03) and
undated ones filled in turn (undated-0001). With --shard, only that shard is
rebuilt, from the articles whose quotes it holds: the repair an error names
when one shard is damaged. An index made before shards is migrated by a
reindex.`,
		Example: `  quotes reindex
  quotes reindex --index /tmp/quotes
  quotes reindex --shard 2016-03`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			start := time.Now()
			if err := a.needsDirectory("reindex"); err != nil {
				return err
			}
			if _, err := os.Stat(filepath.Join(a.indexDir, "articles.db")); err != nil {
				return fmt.Errorf("no index at %s (run quotes ingest first, or check --index)", a.indexDir)
			}
			// A damaged quote index is what a reindex repairs: it is
			// moved aside rather than refused.
			var ix *index.Index
			if shard != "" {
				ix, err = index.OpenForShardReindex(a.indexDir, shard)
			} else {
				ix, err = index.OpenForReindex(a.indexDir)
			}
			if err != nil {
				return err
			}
			if err := a.applySides(ix); err != nil {
				ix.Close()
				return err
			}
			defer closeIndex(ix, &err)
			x, err := a.newExtractor()
			if err != nil {
				return err
			}
			extract := func(art quotes.Article) []quotes.Quote {
				qs := x.Extract(art)
				stamp(art, qs)
				return qs
			}
			var (
				progress func(done, total int)
				finish   = func() {}
			)
			if isTerminal(a.stderr) {
				bar := a.progressBar(-1, "reindexing")
				progress = func(done, total int) {
					if bar.GetMax() != total {
						bar.ChangeMax(total)
					}
					_ = bar.Set(done)
				}
				finish = func() { _ = bar.Finish(); a.clearBar(bar) }
			}
			var damaged []string
			if shard != "" {
				damaged, err = ix.ReindexShard(cmd.Context(), extract, progress)
			} else {
				damaged, err = ix.Reindex(cmd.Context(), extract, progress)
			}
			finish()
			if err != nil {
				return fmt.Errorf("reindex: %w", err)
			}
			for _, d := range damaged {
				a.reportf("reindex: skipped the damaged record of article %s", d)
			}
			articles, qs, err := ix.Stats(cmd.Context())
			if err != nil {
				return fmt.Errorf("reindex: count: %w", err)
			}
			what := ""
			if shard != "" {
				what = " (shard " + shard + " rebuilt)"
			}
			fmt.Fprintf(a.stderr, "reindexed %s, %s in %.1fs%s\n",
				plural(articles, "article"), plural(qs, "quote"), time.Since(start).Seconds(), what)
			if len(damaged) > 0 {
				a.reportf("%s skipped: restore them from a backup, or ingest them again", plural(len(damaged), "damaged record"))
				return errReported
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&shard, "shard", "", "rebuild only the shard `NAME` (a month such as 2016-03, or undated-0001)")
	return cmd
}
