package index

import (
	"context"
	"slices"
	"testing"

	"github.com/quotesproject/quotes"
)

// The pages searched without query words are kept between writes; every
// write, and a reindex, shows on them at once.
func TestBrowsePagesFollowWrites(t *testing.T) {
	ctx := context.Background()
	ix := openWithCorpus(t)
	pages := []quotes.SearchRequest{
		{},                  // the page before a query
		{ArticleID: "a1"},   // an article's quotes
		{Outlet: "El País"}, // an outlet's page
	}
	before := make([]*quotes.SearchResult, len(pages))
	for i, req := range pages {
		before[i] = doSearch(t, ix, req)
		again := doSearch(t, ix, req)
		if !slices.Equal(texts(again), texts(before[i])) || again.Total != before[i].Total {
			t.Fatalf("%+v: second search %q (%d), first %q (%d)", req, texts(again), again.Total, texts(before[i]), before[i].Total)
		}
	}
	// A caller changing its page does not change the next one's.
	if len(before[0].Hits) > 0 {
		before[0].Hits[0].Quote.Text = "changed by a caller"
		if got := doSearch(t, ix, pages[0]).Hits[0].Quote.Text; got == "changed by a caller" {
			t.Fatal("a page kept for later shares its hits with a caller")
		}
	}

	e := corpus()[0]
	e.Quotes = e.Quotes[:1]
	if err := ix.Put(ctx, e.Article, e.Quotes); err != nil {
		t.Fatal(err)
	}
	if got := doSearch(t, ix, pages[0]).Total; got != before[0].Total-1 {
		t.Errorf("page before a query after a put: %d quotes, want %d", got, before[0].Total-1)
	}
	if got := texts(doSearch(t, ix, pages[1])); !slices.Equal(got, []string{sovereign}) {
		t.Errorf("article page after a put = %q, want only %q", got, sovereign)
	}

	// A reindex extracts the quotes anew: the page shows those.
	if _, err := ix.Reindex(ctx, extractQuoted, nil); err != nil {
		t.Fatal(err)
	}
	_, qs, err := ix.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := doSearch(t, ix, pages[0]).Total; got != uint64(qs) || got == before[0].Total-1 {
		t.Errorf("page before a query after a reindex: %d quotes, want the %d reindexed", got, qs)
	}
}
