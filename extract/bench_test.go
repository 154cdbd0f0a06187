package extract

import (
	"testing"

	"github.com/quotesproject/quotes/internal/newscorpus"
)

// BenchmarkExtractNews measures extraction throughput over the real news
// corpus, on one goroutine; the MB/s column is article text per second.
func BenchmarkExtractNews(b *testing.B) {
	arts := newscorpus.Load(b)
	x := extractor(b)
	var size int64
	for _, a := range arts {
		size += int64(len(a.Text))
	}
	b.SetBytes(size)
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			n += len(x.Extract(a))
		}
	}
	b.ReportMetric(float64(n)/float64(b.N), "quotes/op")
}
