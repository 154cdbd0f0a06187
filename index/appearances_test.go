package index

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/quotesproject/quotes"
)

func TestNormalizeQuote(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"The harbour will reopen.", "the harbour will reopen"},
		{"“The harbour,” she said, “will reopen”", "the harbour she said will reopen"},
		{"  THE   harbour\twill\nreopen!!", "the harbour will reopen"},
		{"We don’t know", "we dont know"},
		{"We don't know", "we dont know"},
		{"'Quoted' words", "quoted words"},
		{"Año 2025: 3.5% más", "año 2025 3 5 más"},
		{"", ""},
		{"…", ""},
	} {
		if got := normalizeQuote(tt.in); got != tt.want {
			t.Errorf("normalizeQuote(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// appearanceCorpus: one quote of Ada Quist's carried by three outlets (the
// earliest arriving last), the same words from Ben Oduya, and another
// quote of hers.
func appearanceCorpus() []Entry {
	harbour := func(id, outlet, published, text, speaker string) Entry {
		return article(id, outlet, published, []string{`"` + text + `," ` + speaker + ` said.`},
			quoteSpec{text: text, speaker: speaker})
	}
	return []Entry{
		harbour("w1", "Reuters", "2025-05-20T09:00:00Z", "The harbour will reopen on Monday", "Ada Quist"),
		harbour("w2", "BBC", "2025-05-21T09:00:00Z", "the harbour will REOPEN on Monday.", "Ada Quist"),
		harbour("w3", "Ben's Blog", "2025-05-20T10:00:00Z", "The harbour will reopen on Monday", "Ben Oduya"),
		harbour("w4", "Quay Gazette", "2025-05-22T09:00:00Z", "Tolls stay as they are", "Ada Quist"),
	}
}

type hitView struct {
	id, speaker, outlet string
	appearances         int
	firstOutlet         string
}

func viewHits(res *quotes.SearchResult) []hitView {
	var out []hitView
	for _, h := range res.Hits {
		v := hitView{id: h.Quote.ArticleID, speaker: h.Quote.Speaker, outlet: h.Quote.Outlet, appearances: h.Quote.Appearances}
		if h.Quote.First != nil {
			v.firstOutlet = h.Quote.First.Outlet
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b hitView) int {
		if a.id < b.id {
			return -1
		}
		return 1
	})
	return out
}

func TestAppearances(t *testing.T) {
	ctx := context.Background()
	ix := openTest(t)
	ix.SetExtractor(extractQuoted)
	if err := ix.PutBatch(ctx, appearanceCorpus()); err != nil {
		t.Fatal(err)
	}
	harbour := quotes.SearchRequest{Query: "harbour", Sort: quotes.SortOldest}
	check := func(step string, req quotes.SearchRequest, want []hitView) {
		t.Helper()
		res := doSearch(t, ix, req)
		if got := viewHits(res); !slices.Equal(got, want) {
			t.Errorf("%s: hits\n got %+v\nwant %+v", step, got, want)
		}
		if int(res.Total) != len(want) {
			t.Errorf("%s: total %d, want %d", step, res.Total, len(want))
		}
	}
	check("two copies", harbour, []hitView{
		{"w1", "Ada Quist", "Reuters", 2, "Reuters"},
		{"w3", "Ben Oduya", "Ben's Blog", 0, ""},
	})
	all := harbour
	all.Appearances = true
	check("every appearance", all, []hitView{
		{"w1", "Ada Quist", "Reuters", 2, "Reuters"},
		{"w2", "Ada Quist", "BBC", 2, "Reuters"},
		{"w3", "Ben Oduya", "Ben's Blog", 0, ""},
	})

	// An earlier appearance arrives: it becomes the quote, and the one
	// shown before a copy.
	early := article("w0", "AP", "2025-05-19T09:00:00Z", []string{`"The harbour will reopen on Monday!" Ada Quist said.`},
		quoteSpec{text: "The harbour will reopen on Monday!", speaker: "Ada Quist"})
	if err := ix.Put(ctx, early.Article, early.Quotes); err != nil {
		t.Fatal(err)
	}
	check("an earlier copy", harbour, []hitView{
		{"w0", "Ada Quist", "AP", 3, "AP"},
		{"w3", "Ben Oduya", "Ben's Blog", 0, ""},
	})
	res := doSearch(t, ix, quotes.SearchRequest{})
	if res.Total != 3 {
		t.Errorf("blank page: total %d, want 3 quotes (w0 for w0–w2, w3, w4)", res.Total)
	}
	for _, f := range res.Facets["speaker"] {
		if f.Term == "Ada Quist" && f.Count != 2 {
			t.Errorf("speaker facet: Ada Quist %d, want 2 quotes", f.Count)
		}
	}

	sps, err := ix.Speakers(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range sps {
		if f.Term == "Ada Quist" && f.Count != 2 {
			t.Errorf("Speakers: Ada Quist %d, want 2 quotes (the harbour, the tolls)", f.Count)
		}
	}

	// The first deleted: the next one is the quote again.
	if _, err := ix.Correct(ctx, quotes.CorrectionRequest{Action: quotes.DeleteArticle, ArticleID: "w0", By: "ed", Reason: "test"}); err != nil {
		t.Fatal(err)
	}
	check("the first deleted", harbour, []hitView{
		{"w1", "Ada Quist", "Reuters", 2, "Reuters"},
		{"w3", "Ben Oduya", "Ben's Blog", 0, ""},
	})

	// A new version of w1 without the quote: w2 is the quote.
	w1 := article("w1", "Reuters", "2025-05-20T09:00:00Z", []string{"Nothing was said."})
	if err := ix.Put(ctx, w1.Article, w1.Quotes); err != nil {
		t.Fatal(err)
	}
	check("w1 rewritten", harbour, []hitView{
		{"w2", "Ada Quist", "BBC", 0, ""},
		{"w3", "Ben Oduya", "Ben's Blog", 0, ""},
	})

	aps, err := ix.Appearances(ctx, mustOneID(t, ix, "w2"))
	if err != nil {
		t.Fatal(err)
	}
	if len(aps) != 1 || aps[0].Outlet != "BBC" || !aps[0].First || aps[0].URL != "https://example.com/w2" {
		t.Errorf("Appearances of w2's quote = %+v", aps)
	}
}

func TestAppearancesContained(t *testing.T) {
	ctx := context.Background()
	ix := openTest(t)
	long := "The harbour will reopen on Monday and the ferries will run again"
	short := "the harbour will reopen on Monday"
	// The short one first: the longer one, arriving later, takes it in.
	entries := []Entry{
		article("c1", "AP", "2025-05-19T09:00:00Z", []string{`Ada Quist said "` + short + `".`},
			quoteSpec{text: short, speaker: "Ada Quist", kind: quotes.KindPartial}),
	}
	if err := ix.PutBatch(ctx, entries); err != nil {
		t.Fatal(err)
	}
	if err := ix.PutBatch(ctx, []Entry{
		article("c2", "Reuters", "2025-05-20T09:00:00Z", []string{`"` + long + `," Ada Quist said.`},
			quoteSpec{text: long, speaker: "Ada Quist"}),
		// Too short to be taken in: a phrase, not an appearance.
		article("c3", "BBC", "2025-05-21T09:00:00Z", []string{`Ada Quist said the ferries will "run again".`},
			quoteSpec{text: "run again", speaker: "Ada Quist", kind: quotes.KindPartial}),
	}); err != nil {
		t.Fatal(err)
	}
	// The shorter one after the longer: it joins it.
	if err := ix.PutBatch(ctx, []Entry{
		article("c4", "Quay Gazette", "2025-05-22T09:00:00Z", []string{`She said "the ferries will run again".`},
			quoteSpec{text: "the ferries will run again", speaker: "Ada Quist", kind: quotes.KindPartial}),
		article("c5", "Quay Gazette", "2025-05-22T10:00:00Z", []string{`Ada Quist said "the harbour will reopen on Monday and the ferries".`},
			quoteSpec{text: "the harbour will reopen on Monday and the ferries", speaker: "Ada Quist", kind: quotes.KindPartial}),
	}); err != nil {
		t.Fatal(err)
	}
	res := doSearch(t, ix, quotes.SearchRequest{Query: "harbour OR ferries OR again", Sort: quotes.SortOldest})
	got := viewHits(res)
	want := []hitView{
		{"c2", "Ada Quist", "Reuters", 3, "AP"}, // c1, c2, c5; the longest is shown
		{"c3", "Ada Quist", "BBC", 0, ""},
		{"c4", "Ada Quist", "Quay Gazette", 0, ""}, // five words: under minContainedWords
	}
	if !slices.Equal(got, want) {
		t.Errorf("hits\n got %+v\nwant %+v", got, want)
	}
}

func mustOneID(t *testing.T, ix *Index, articleID string) string {
	t.Helper()
	res := doSearch(t, ix, quotes.SearchRequest{ArticleID: articleID, Appearances: true})
	if len(res.Hits) != 1 {
		t.Fatalf("article %s has %d quotes, want 1", articleID, len(res.Hits))
	}
	return res.Hits[0].Quote.ID
}

// extractSaid finds the quote of `"TEXT," SPEAKER said.` articles.
func extractSaid(a quotes.Article) []quotes.Quote {
	s := strings.Index(a.Text, `"`) + 1
	e := strings.Index(a.Text, `," `)
	said := strings.Index(a.Text, " said.")
	if s <= 0 || e < s || said < e {
		return nil
	}
	return []quotes.Quote{{Text: a.Text[s:e], Start: s, End: e, Kind: quotes.KindDirect,
		Speaker: a.Text[e+3 : said], SpeakerMention: a.Text[e+3 : said], Cue: "said"}}
}

// A reindex, whatever order it reads the articles in, shows the quotes
// the writes showed.
func TestAppearancesSurviveReindex(t *testing.T) {
	ctx := context.Background()
	ix := openTest(t)
	entries := appearanceCorpus()
	slices.Reverse(entries) // the earliest copies last
	for _, e := range entries {
		e.Quotes = extractSaid(e.Article)
		if err := ix.Put(ctx, e.Article, e.Quotes); err != nil {
			t.Fatal(err)
		}
	}
	shown := func() ([]hitView, []hitView) {
		return viewHits(doSearch(t, ix, quotes.SearchRequest{Size: 50})),
			viewHits(doSearch(t, ix, quotes.SearchRequest{Size: 50, Appearances: true}))
	}
	wantOne, wantAll := shown()
	if len(wantOne) != 3 || len(wantAll) != 4 {
		t.Fatalf("before the reindex: %d quotes, %d appearances; want 3 and 4", len(wantOne), len(wantAll))
	}
	if _, err := ix.Reindex(ctx, extractSaid, nil); err != nil {
		t.Fatal(err)
	}
	gotOne, gotAll := shown()
	if !slices.Equal(gotOne, wantOne) || !slices.Equal(gotAll, wantAll) {
		t.Errorf("after the reindex:\n got %+v\n     %+v\nwant %+v\n     %+v", gotOne, gotAll, wantOne, wantAll)
	}
	// The tables the reindex built are the live ones: a new copy joins.
	w5 := article("w5", "AFP", "2025-05-18T09:00:00Z", []string{`"The harbour will reopen on Monday," Ada Quist said.`})
	if err := ix.Put(ctx, w5.Article, extractSaid(w5.Article)); err != nil {
		t.Fatal(err)
	}
	res := doSearch(t, ix, quotes.SearchRequest{Query: "harbour", Speaker: "Ada Quist"})
	if len(res.Hits) != 1 || res.Hits[0].Quote.ArticleID != "w5" || res.Hits[0].Quote.Appearances != 3 {
		t.Errorf("after a new earliest copy: %+v", viewHits(res))
	}
}

// The records of the appearance tables decode whatever their bytes, and
// what encodes decodes back to itself.
func FuzzDecodeGroup(f *testing.F) {
	gr := &group{Speaker: "ada quist", Text: "the harbour will reopen", Overflow: 2,
		Merged: []groupKey{exactKey("ada quist", "harbour")},
		Entries: []appearance{{Quote: "q1", Article: "a1", Outlet: "AP", Published: 1747648800000000000, Shard: "2025-05", Len: 23},
			{Quote: "q2", Article: "a2", Shard: "undated-0001", Len: 23}}}
	f.Add(gr.encode())
	f.Add(appendArticleQuote(nil, "q1", exactKey("", "x")))
	f.Add([]byte{})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		if g, err := decodeGroup(b); err == nil {
			again, err := decodeGroup(g.encode())
			if err != nil {
				t.Fatalf("a decoded group does not decode once encoded: %v", err)
			}
			if !slices.Equal(again.Entries, g.Entries) || !slices.Equal(again.Merged, g.Merged) ||
				again.Text != g.Text || again.Speaker != g.Speaker || again.Overflow != g.Overflow {
				t.Fatalf("round trip: %+v → %+v", g, again)
			}
		}
		if qs, err := decodeArticleQuotes(b); err == nil {
			var again []byte
			for _, q := range qs {
				again = appendArticleQuote(again, q.id, q.key)
			}
			if back, err := decodeArticleQuotes(again); err != nil || len(back) != len(qs) {
				t.Fatalf("round trip of %d quotes: %d, %v", len(qs), len(back), err)
			}
		}
	})
}

// A filter or a facet on any appearance finds the quote: its outlets,
// kinds and best confidence are indexed on the one shown.
func TestAppearancesFilterOnAnyAppearance(t *testing.T) {
	ctx := context.Background()
	ix := openTest(t)
	text := "The harbour will reopen on Monday and the ferries will run"
	put := func(id, outlet, published string, conf float64, kind quotes.Kind, quote string) {
		t.Helper()
		e := article(id, outlet, published, []string{`Ada Quist said "` + quote + `".`},
			quoteSpec{text: quote, speaker: "Ada Quist", kind: kind})
		e.Quotes[0].Confidence = conf
		if err := ix.Put(ctx, e.Article, e.Quotes); err != nil {
			t.Fatal(err)
		}
	}
	count := func(step string, req quotes.SearchRequest, want int) {
		t.Helper()
		res := doSearch(t, ix, req)
		if int(res.Total) != want {
			t.Errorf("%s: %+v finds %d, want %d: %+v", step, req, res.Total, want, viewHits(res))
		}
	}
	put("f1", "Wire A", "2025-05-19T09:00:00Z", 0.7, quotes.KindDirect, text)
	put("f2", "Paper B", "2025-05-20T09:00:00Z", 0.95, quotes.KindDirect, text)
	count("a copy's outlet", quotes.SearchRequest{Outlet: "Paper B"}, 1)
	count("the first's outlet", quotes.SearchRequest{Outlet: "Wire A"}, 1)
	count("a copy's confidence", quotes.SearchRequest{MinConfidence: 0.9}, 1)
	count("no kind of theirs", quotes.SearchRequest{Kind: quotes.KindPartial}, 0)
	res := doSearch(t, ix, quotes.SearchRequest{})
	if res.Total != 1 || !slices.Contains(res.Facets["outlet"], quotes.FacetCount{Term: "Paper B", Count: 1}) {
		t.Errorf("blank page: total %d, outlet facet %+v; want one quote counted under both outlets", res.Total, res.Facets["outlet"])
	}
	// A partial appearance in a third outlet: the quote shown (f1,
	// outside this write) is indexed again with the new kind and outlet.
	put("f3", "Paper C", "2025-05-21T09:00:00Z", 0.5, quotes.KindPartial, "the harbour will reopen on Monday and")
	count("the new appearance's kind", quotes.SearchRequest{Kind: quotes.KindPartial}, 1)
	count("the new appearance's outlet", quotes.SearchRequest{Outlet: "Paper C"}, 1)
	count("direct still", quotes.SearchRequest{Kind: quotes.KindDirect}, 1)
	if res := doSearch(t, ix, quotes.SearchRequest{Outlet: "Paper C"}); len(res.Hits) == 1 && res.Hits[0].Quote.ArticleID != "f1" {
		t.Errorf("the hit is %s's quote, want f1's (the first with the longest text)", res.Hits[0].Quote.ArticleID)
	}
	// f2 goes: its outlet and confidence leave the quote shown.
	gone := article("f2", "Paper B", "2025-05-20T09:00:00Z", []string{"Nothing."})
	if err := ix.Put(ctx, gone.Article, gone.Quotes); err != nil {
		t.Fatal(err)
	}
	count("a gone copy's outlet", quotes.SearchRequest{Outlet: "Paper B"}, 0)
	count("a gone copy's confidence", quotes.SearchRequest{MinConfidence: 0.9}, 0)
	count("the rest", quotes.SearchRequest{Outlet: "Paper C"}, 1)
}
