package index

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

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

// BenchmarkCheck answers a check query on an index of real news
// sentences stored as quotes, ten to an article: $QUOTES_BENCH_QUOTES of
// them (default 100,000; the figure is for 1,000,000, which takes
// some minutes to build).
func BenchmarkCheck(b *testing.B) {
	n := 100_000
	if v := os.Getenv("QUOTES_BENCH_QUOTES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("QUOTES_BENCH_QUOTES: %v", err)
		}
	}
	sents := newsSentences(b)
	ix, err := Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	speakers := []struct{ name, role string }{
		{"Ann Lee", "U.S. trade official"}, {"Marc Roy", "Canadian minister"}, {"Luis Vega", "Mexican senator"},
		{"The Daily Ledger", ""}, {"Kim Park", "spokesperson for Acme Corp"},
	}
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
		batch = append(batch, Entry{Article: quotes.Article{ID: fmt.Sprint("a", a), Outlet: "Bench News", Text: text.String()}, Quotes: qs})
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
