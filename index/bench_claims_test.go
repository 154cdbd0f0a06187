package index

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/internal/newscorpus"
)

// newsSentences reads the sentences of the news corpus in
// ../shared/corpus/news, skipping when it is absent.
func newsSentences(b *testing.B) []string {
	b.Helper()
	var out []string
	for _, a := range newscorpus.Load(b) {
		for _, s := range strings.Split(a.Text, ". ") {
			if len(s) > 40 && len(s) < 400 {
				out = append(out, s)
			}
		}
	}
	return out
}

// benchQuotes is $QUOTES_BENCH_QUOTES, or def.
func benchQuotes(b *testing.B, def int) int {
	b.Helper()
	if v := os.Getenv("QUOTES_BENCH_QUOTES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatalf("QUOTES_BENCH_QUOTES: %v", err)
		}
		return n
	}
	return def
}

// newsIndex returns an index of n real news sentences stored as quotes,
// ten to an article, the articles published over some three years.
func newsIndex(b *testing.B, n int) *Index {
	b.Helper()
	sents := newsSentences(b)
	ix, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ix.Close() })
	ctx := context.Background()
	speakers := []struct{ name, role string }{
		{"Ann Lee", "U.S. trade official"}, {"Marc Roy", "Canadian minister"}, {"Luis Vega", "Mexican senator"},
		{"The Daily Ledger", ""}, {"Kim Park", "spokesperson for Acme Corp"},
	}
	first := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	const perArticle = 10
	var batch []Entry
	for a := 0; a*perArticle < n; a++ {
		var text strings.Builder
		var qs []quotes.Quote
		for k := range perArticle {
			s := sents[(a*perArticle+k)%len(sents)]
			if (a*perArticle+k)/len(sents) > 0 {
				s = fmt.Sprintf("%s (%d)", s, (a*perArticle+k)/len(sents)) // no two quotes alike
			}
			sp := speakers[(a+k)%len(speakers)]
			start := text.Len()
			text.WriteString(s)
			qs = append(qs, quotes.Quote{Text: s, Start: start, End: text.Len(), Kind: quotes.KindIndirect,
				Speaker: sp.name, Role: sp.role, Cue: "said"})
			text.WriteString(". ")
		}
		batch = append(batch, Entry{Article: quotes.Article{ID: fmt.Sprint("a", a), Outlet: "Bench News",
			Published: first.AddDate(0, 0, a%1100), Text: text.String()}, Quotes: qs})
		if len(batch) == 1000 {
			if err := ix.PutBatch(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := ix.PutBatch(ctx, batch); err != nil {
		b.Fatal(err)
	}
	return ix
}

// BenchmarkSearch runs the searches of the page, facets and timeline
// included, on $QUOTES_BENCH_QUOTES news quotes (default 100,000): every
// quote (the page before a query, the heaviest: every hit is counted in
// five facets), and a word query.
func BenchmarkSearch(b *testing.B) {
	n := benchQuotes(b, 100_000)
	ix := newsIndex(b, n)
	ctx := context.Background()
	for _, bm := range []struct{ name, query string }{{"all", ""}, {"words", "government interest rates"}} {
		b.Run(bm.name, func(b *testing.B) {
			var res *quotes.SearchResult
			for b.Loop() {
				var err error
				if res, err = ix.Search(ctx, quotes.SearchRequest{Query: bm.query}); err != nil {
					b.Fatal(err)
				}
			}
			if res.Timeline == nil {
				b.Fatal("no timeline")
			}
			b.ReportMetric(float64(res.Total), "hits")
		})
	}
}

// BenchmarkCheck answers a check query on an index of real news
// sentences stored as quotes ($QUOTES_BENCH_QUOTES of them, default
// 100,000; the figure is for 1,000,000, which takes some minutes
// to build).
func BenchmarkCheck(b *testing.B) {
	n := benchQuotes(b, 100_000)
	ix := newsIndex(b, n)
	ctx := context.Background()
	claims := []string{
		"the government will raise interest rates",
		"the company reported record profits this year",
		"police arrested two men after the attack",
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := ix.Check(ctx, claims[i%len(claims)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(n), "quotes")
}
