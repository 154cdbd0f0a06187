package index

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/quotesproject/quotes"
)

func TestSearchBudget(t *testing.T) {
	ix := openWithCorpus(t)
	// One quote of more words than a search may expand into.
	var words []string
	for i := range MaxTermSearchers + 100 {
		words = append(words, fmt.Sprintf("zq%05d", i))
	}
	many := strings.Join(words, " ")
	e := article("many", "Wire", "", []string{many}, quoteSpec{text: many, speaker: "Ada Quist"})
	if err := ix.Put(context.Background(), e.Article, e.Quotes); err != nil {
		t.Fatal(err)
	}
	repeat := func(term string, n int) string { return strings.TrimSpace(strings.Repeat(term+" ", n)) }
	tests := []struct {
		query string
		want  string // "" to run, else a word of the ELIMIT message
	}{
		{"sovereignty", ""},
		{"sov* tarif*", ""},
		{"zq0000*", ""}, // 10 words
		{repeat("word", MaxQueryClauses), ""},
		{repeat("a*", MaxExpandingTerms), ""},
		{"sovreignty~2", ""},
		{strings.Repeat("x", MaxQueryBytes+1), "bytes"},
		{repeat("word", MaxQueryClauses+1), "terms and phrases"},
		{repeat("a*", 2000), "bytes"},
		{repeat("a*", MaxExpandingTerms+1), "wildcard"},
		{repeat("ab~1", MaxExpandingTerms+1), "wildcard"},
		{strings.Repeat("x", MaxFuzzyTermRunes+1) + "~1", "fuzzy term"},
		{"zq*", "too many words"},  // 4,196 words
		{"*q0*", "too many words"}, // a leading wildcard over them
		{"/zq.*/", "too many words"},
		{"+sovereignty zq*", "too many words"},
	}
	for _, tt := range tests {
		t.Run(tt.query[:min(len(tt.query), 40)], func(t *testing.T) {
			_, err := ix.Search(context.Background(), quotes.SearchRequest{Query: tt.query})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Search: %v", err)
				}
				return
			}
			wantCode(t, err, quotes.ELIMIT)
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}
