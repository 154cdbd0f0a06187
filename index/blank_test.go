package index

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/quotesproject/quotes"
)

// hitIDs returns the ids of the hits of res, in order.
func hitIDs(res *quotes.SearchResult) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Quote.ID)
	}
	return out
}

// The page before a query, from the counts kept per shard and the hits of
// the first shards in date order, is the page a search of every shard
// gives, after each kind of write.
func TestBlankPageIsTheSearchOfEveryShard(t *testing.T) {
	ctx := context.Background()
	ix := openWithCorpus(t)
	more := []Entry{
		article("b1", "AP", "2024-12-30T08:00:00Z", []string{`"Winter is long," Ada Quist said.`},
			quoteSpec{text: "Winter is long", speaker: "Ada Quist"}),
		article("b2", "Reuters", "2025-06-01T09:00:00Z", []string{`"June is busy," Ben Oduya said.`, `"So is May," Ada Quist said.`},
			quoteSpec{text: "June is busy", speaker: "Ben Oduya"}, quoteSpec{text: "So is May", speaker: "Ada Quist"}),
		article("b3", "", "", []string{`"No date here," Ben Oduya said.`},
			quoteSpec{text: "No date here", speaker: "Ben Oduya"}),
	}
	if err := ix.PutBatch(ctx, more); err != nil {
		t.Fatal(err)
	}
	pages := []quotes.SearchRequest{
		{}, {Size: 2}, {Size: 2, Offset: 2}, {Size: 3, Offset: 5}, {Offset: 100},
		{Sort: quotes.SortNewest, Size: 4}, {Sort: quotes.SortOldest, Size: 3}, {Sort: quotes.SortOldest, Size: 3, Offset: 6},
	}
	compare := func(step string) {
		t.Helper()
		for _, req := range pages {
			ix.browse.off = true
			want := doSearch(t, ix, req)
			ix.browse.off = false
			got := doSearch(t, ix, req)
			name := fmt.Sprintf("%s, %+v", step, req)
			if got.Total != want.Total {
				t.Errorf("%s: total %d, want %d", name, got.Total, want.Total)
			}
			if !reflect.DeepEqual(hitIDs(got), hitIDs(want)) {
				t.Errorf("%s: hits %q, want %q", name, hitIDs(got), hitIDs(want))
			}
			for i := range min(len(got.Hits), len(want.Hits)) {
				if got.Hits[i].Quote.Text != want.Hits[i].Quote.Text || got.Hits[i].Quote.Sentence != want.Hits[i].Quote.Sentence {
					t.Errorf("%s: hit %d is %+v, want %+v", name, i, got.Hits[i].Quote, want.Hits[i].Quote)
				}
			}
			if !reflect.DeepEqual(got.Facets, want.Facets) {
				t.Errorf("%s: facets %v, want %v", name, got.Facets, want.Facets)
			}
			if !reflect.DeepEqual(got.Timeline, want.Timeline) {
				t.Errorf("%s: timeline %+v, want %+v", name, got.Timeline, want.Timeline)
			}
		}
	}
	compare("first")

	// A quote taken out of an article: its month's counts change.
	e := more[1]
	e.Quotes = e.Quotes[:1]
	if err := ix.Put(ctx, e.Article, e.Quotes); err != nil {
		t.Fatal(err)
	}
	compare("after a quote is taken out")

	// An article moved to another month: two shards change.
	e = more[0]
	e.Article.Published = date("2025-07-04")
	if err := ix.Put(ctx, e.Article, e.Quotes); err != nil {
		t.Fatal(err)
	}
	compare("after an article moves to July")
	if got := doSearch(t, ix, quotes.SearchRequest{}).Total; got != 10 {
		t.Errorf("total after the writes = %d, want 10", got)
	}
}
