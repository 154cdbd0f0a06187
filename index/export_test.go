package index

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/quotesproject/quotes"
)

// Paging with cursors gives every hit once, in the order of one big page,
// whatever the sort; the last page has no cursor.
func TestSearchCursors(t *testing.T) {
	ix := openWithCorpus(t)
	for _, base := range []quotes.SearchRequest{
		{},
		{Sort: quotes.SortOldest},
		{Query: "sovereignty OR tariffs OR productive OR afraid"},
		{Query: "kind:partial OR kind:direct", Sort: quotes.SortNewest},
	} {
		all := base
		all.Size = 100
		want := hitIDs(doSearch(t, ix, all))
		var got []string
		req := base
		req.Size = 2
		for pages := 0; ; pages++ {
			if pages > len(want) {
				t.Fatalf("%+v: cursors do not end", base)
			}
			res := doSearch(t, ix, req)
			got = append(got, hitIDs(res)...)
			if res.Next == "" {
				break
			}
			req.After = res.Next
		}
		if !slices.Equal(got, want) {
			t.Errorf("%+v: paged with cursors %q, want %q", base, got, want)
		}
	}
	t.Run("a cursor with an offset, or not a cursor, is EINVALID", func(t *testing.T) {
		res := doSearch(t, ix, quotes.SearchRequest{Size: 1})
		if res.Next == "" {
			t.Fatal("no cursor after the first of several hits")
		}
		for _, req := range []quotes.SearchRequest{
			{Size: 1, Offset: 1, After: res.Next},
			{After: "not a cursor!"},
			{After: encodeCursor([]string{"one value"})},
		} {
			_, err := ix.Search(context.Background(), req)
			wantCode(t, err, quotes.EINVALID)
		}
	})
}

// Export gives every match, in the search's order, past any page.
func TestExport(t *testing.T) {
	ctx := context.Background()
	ix := openWithCorpus(t)
	var more []Entry
	for i := range 2*exportPage + 7 {
		more = append(more, article(
			"bulk-"+string(rune('a'+i%26))+string(rune('a'+i/26%26))+string(rune('a'+i/676)), "AP", "2024-03-01",
			[]string{`"The levee held," Ada Quist said.`}, quoteSpec{text: "The levee held", speaker: "Ada Quist"}))
	}
	if err := ix.PutBatch(ctx, more); err != nil {
		t.Fatal(err)
	}
	collect := func(req quotes.SearchRequest) []string {
		t.Helper()
		var ids []string
		if err := ix.Export(ctx, req, func(q quotes.Quote) error {
			ids = append(ids, q.ID)
			if q.Text == "" || q.ArticleID == "" {
				t.Fatalf("exported quote without its fields: %+v", q)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return ids
	}
	var once []quotes.Quote
	if err := ix.Export(ctx, quotes.SearchRequest{Query: "levee"}, func(q quotes.Quote) error {
		once = append(once, q)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(once) != 1 || once[0].Appearances != len(more) {
		t.Errorf("export of one quote with %d appearances: %d rows, want 1 with its count", len(more), len(once))
	}
	levee := collect(quotes.SearchRequest{Query: "levee", Size: 5, Offset: 40, Appearances: true})
	if len(levee) != len(more) {
		t.Errorf("exported %d levee quotes, want %d", len(levee), len(more))
	}
	seen := map[string]bool{}
	for _, id := range levee {
		if seen[id] {
			t.Fatalf("quote %s exported twice", id)
		}
		seen[id] = true
	}
	want := hitIDs(doSearch(t, ix, quotes.SearchRequest{Speaker: "Claudia Sheinbaum", Sort: quotes.SortOldest}))
	if got := collect(quotes.SearchRequest{Speaker: "claudia sheinbaum", Sort: quotes.SortOldest}); !slices.Equal(got, want) {
		t.Errorf("speaker export %q, want %q", got, want)
	}
	// Every match, newest first across the month shards, the undated last.
	var newest []string
	for _, req := range []quotes.SearchRequest{{Sort: quotes.SortNewest, Size: 100}} {
		for {
			res := doSearch(t, ix, req)
			newest = append(newest, hitIDs(res)...)
			if res.Next == "" {
				break
			}
			req.After = res.Next
		}
	}
	if got := collect(quotes.SearchRequest{}); !slices.Equal(got, newest) {
		t.Errorf("export of every quote: %d quotes, want the %d of the search, newest first", len(got), len(newest))
	}
	stop := errors.New("enough")
	n := 0
	err := ix.Export(ctx, quotes.SearchRequest{}, func(quotes.Quote) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("export after its callback failed: %v after %d quotes", err, n)
	}
	wantCode(t, ix.Export(ctx, quotes.SearchRequest{Query: "levee AND"}, func(quotes.Quote) error { return nil }), quotes.EINVALID)
}

// A cursor comes back from a client: any text is read, or refused as
// EINVALID; a cursor written reads back to its values.
func FuzzDecodeCursor(f *testing.F) {
	f.Add("", 3)
	f.Add(encodeCursor([]string{"\x00\x01prefix-coded", "1.5", "quote-id"}), 3)
	f.Add("not a cursor!", 2)
	f.Fuzz(func(t *testing.T, c string, n int) {
		n = n%8 + 1
		if n < 1 {
			n += 8
		}
		vals, err := decodeCursor(c, n)
		if err != nil {
			if quotes.ErrorCode(err) != quotes.EINVALID {
				t.Fatalf("decodeCursor(%q): %v", c, err)
			}
			return
		}
		if len(vals) != n {
			t.Fatalf("decodeCursor(%q, %d) = %d values", c, n, len(vals))
		}
		again, err := decodeCursor(encodeCursor(vals), n)
		if err != nil || !slices.Equal(again, vals) {
			t.Fatalf("cursor of %q reads back as %q, %v", vals, again, err)
		}
	})
}
