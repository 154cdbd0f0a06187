package claims_test

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

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

// scaled returns k copies of the news statements. Spread (the archive
// grows by years) puts copy i i×5 years later, in periods of its own;
// dense (a bigger newsroom) keeps every copy in the same weeks, as
// other articles with the words of each statement said again.
func scaled(ss []quotes.Statement, k int, dense bool) []quotes.Statement {
	out := make([]quotes.Statement, 0, k*len(ss))
	for i := range k {
		for _, s := range ss {
			if i > 0 {
				s.ArticleID = fmt.Sprintf("%s~%d", s.ArticleID, i)
				s.QuoteID = fmt.Sprintf("%s~%d", s.QuoteID, i)
				if dense {
					s.Published = s.Published.AddDate(0, 0, i%3)
					s.Quote = fmt.Sprintf("%s (copy %d)", s.Quote, i)
				} else {
					s.Published = s.Published.AddDate(5*i, 0, 0)
				}
			}
			out = append(out, s)
		}
	}
	return out
}

// peakHeap samples the heap in use while fn runs and returns its peak.
func peakHeap(fn func()) uint64 {
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var m runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	fn()
	close(done)
	wg.Wait()
	return peak
}

// BenchmarkBuildScale builds the claims of 1×, 4× and 16× the news
// corpus's statements (16× is some 540,000), the archive grown by years
// ("years") or the same weeks told by a bigger newsroom ("dense", to 4×),
// and reports the time, the statements and the peak heap. Building is
// linear when time and heap per statement hold as the corpus grows. The
// index builds period by period from disk (see index.UpdateClaims), so
// its peak is below the one here, which holds every statement at once.
func BenchmarkBuildScale(b *testing.B) {
	ss := newsStatements(b)
	for _, bm := range []struct {
		name  string
		k     int
		dense bool
	}{{"years-1x", 1, false}, {"years-4x", 4, false}, {"years-16x", 16, false}, {"dense-4x", 4, true}} {
		b.Run(bm.name, func(b *testing.B) {
			all := scaled(ss, bm.k, bm.dense)
			t := claims.New(nil)
			runtime.GC()
			var n int
			var peak uint64
			for b.Loop() {
				peak = max(peak, peakHeap(func() { n = len(t.Build(all)) }))
			}
			b.ReportMetric(float64(len(all)), "statements")
			b.ReportMetric(float64(n), "claims")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(len(all)), "µs/statement")
		})
	}
}
