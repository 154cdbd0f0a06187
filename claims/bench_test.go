package claims_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/claims"
	"github.com/quotesproject/quotes/extract"
)

// newsStatements extracts the statements of the real news articles in
// ../shared/corpus/news (skipping when absent), on all cores.
func newsStatements(b *testing.B) []quotes.Statement {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "news", "*.jsonl"))
	if len(files) == 0 {
		b.Skip("no ../shared/corpus/news")
	}
	var arts []quotes.Article
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			var a quotes.Article
			if err := json.Unmarshal(sc.Bytes(), &a); err == nil && a.Text != "" {
				arts = append(arts, a)
			}
		}
		fh.Close()
	}
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
