package index

// BenchmarkAppearances measures what grouping the appearances of quotes
// costs a bulk ingest, and shows that copies are one quote:
//
//	QUOTES_BENCH_CORPUS=/tmp/news1.jsonl go test ./index -run NONE -bench Appearances -benchtime 1x -timeout 60m
//	QUOTES_BENCH_CORPUS=/tmp/news4.jsonl go test ./index -run NONE -bench Appearances -benchtime 1x -timeout 60m
//
// where news4.jsonl is the news corpus four times over with new ids and
// dates (quotes bench corpus --times 4). "grouped" and "baseline" store the
// same extracted entries, by PutBatch of reindexBatch articles, with and
// without the grouping; extraction is done once, before the timer. Each
// reports the ingest rate (MB of article text a second) and "quotes", the
// total of the page before a query; "hits" is the sum of the totals of
// the fixed word, pair and phrase searches and of the ten most quoted
// speakers' pages (benchset), each logged with -v. Grouped, a corpus and
// its copies give the same.

import (
	"context"
	"testing"
	"time"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/internal/benchset"
)

func BenchmarkAppearances(b *testing.B) {
	entries := benchEntries(b)
	size := 0
	for _, e := range entries {
		size += len(e.Article.Text)
	}
	for _, mode := range []struct {
		name    string
		grouped bool
	}{{"grouped", true}, {"baseline", false}} {
		b.Run(mode.name, func(b *testing.B) {
			ctx := context.Background()
			var ix *Index
			var took time.Duration
			for range b.N {
				b.StopTimer()
				if ix != nil {
					ix.Close()
				}
				var err error
				if ix, err = Open(b.TempDir()); err != nil {
					b.Fatal(err)
				}
				ix.noAppearances = !mode.grouped
				b.StartTimer()
				start := time.Now()
				for i := 0; i < len(entries); i += reindexBatch {
					if err := ix.PutBatch(ctx, entries[i:min(i+reindexBatch, len(entries))]); err != nil {
						b.Fatal(err)
					}
				}
				took += time.Since(start)
			}
			b.StopTimer()
			defer ix.Close()
			b.ReportMetric(float64(size)*float64(b.N)/1e6/took.Seconds(), "MB/s")
			blank, err := ix.Search(ctx, quotes.SearchRequest{})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(blank.Total), "quotes")
			top, err := ix.Speakers(ctx, 10)
			if err != nil {
				b.Fatal(err)
			}
			var speakers []string
			for _, s := range top {
				speakers = append(speakers, s.Term)
			}
			hits := 0
			for _, s := range benchset.Build(speakers, nil, nil) {
				if s.Kind == benchset.Blank {
					continue
				}
				res, err := ix.Search(ctx, s.Request)
				if err != nil {
					b.Fatal(err)
				}
				hits += int(res.Total)
				b.Logf("%s %-8s %q %q: %d", mode.name, s.Kind, s.Request.Query, s.Request.Speaker, res.Total)
			}
			b.ReportMetric(float64(hits), "hits")
		})
	}
}
