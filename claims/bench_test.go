package claims_test

import (
	"runtime"
	"sync"
	"testing"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/claims"
	"github.com/quotesproject/quotes/extract"
	"github.com/quotesproject/quotes/internal/newscorpus"
)

// newsStatements extracts the statements of the real news articles of
// newscorpus (skipping when absent), on all cores.
func newsStatements(b *testing.B) []quotes.Statement {
	b.Helper()
	arts := newscorpus.Load(b)
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	out := make([][]quotes.Statement, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				a := arts[i]
				if a.Text == "" {
					continue
				}
				qs := x.Extract(a)
				for k := range qs {
					qs[k].ArticleID = a.ID
					qs[k].ID = quotes.QuoteID(a.ID, qs[k].Start, qs[k].End, qs[k].Kind)
				}
				out[i] = claims.Statements(a, qs)
			}
		})
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	var all []quotes.Statement
	for _, ss := range out {
		all = append(all, ss...)
	}
	return all
}

// BenchmarkBuildNews groups and classifies the statements of the news
// corpus (about 12 MB of articles).
func BenchmarkBuildNews(b *testing.B) {
	ss := newsStatements(b)
	t := claims.New(nil)
	b.ResetTimer()
	var n int
	for b.Loop() {
		n = len(t.Build(ss))
	}
	b.ReportMetric(float64(len(ss)), "statements/op")
	b.ReportMetric(float64(n), "claims/op")
}
