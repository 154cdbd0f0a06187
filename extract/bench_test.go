package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	quotes "github.com/quotesproject/quotes"
)

// newsCorpus loads the articles of ../shared/corpus/news, skipping the
// benchmark when the folder is absent.
func newsCorpus(b *testing.B) []quotes.Article {
	files, _ := filepath.Glob("../../shared/corpus/news/*.jsonl")
	if len(files) == 0 {
		b.Skip("../shared/corpus/news is absent")
	}
	var arts []quotes.Article
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		r := bufio.NewReaderSize(fh, 1<<20)
		dec := json.NewDecoder(r)
		for {
			var a quotes.Article
			if err := dec.Decode(&a); err != nil {
				break
			}
			arts = append(arts, a)
		}
		fh.Close()
	}
	return arts
}

// BenchmarkExtractNews measures extraction throughput over the real news
// corpus, on one goroutine; the MB/s column is article text per second.
func BenchmarkExtractNews(b *testing.B) {
	arts := newsCorpus(b)
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
