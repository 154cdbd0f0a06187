package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/quotesproject/quotes"
)

// article builds an article whose text is the given sentences, and the
// quotes found in it: each quote's text must occur in the article.
type quoteSpec struct {
	text, speaker string
	kind          quotes.Kind
	speakers      []string
}

func article(id, outlet, published string, sentences []string, specs ...quoteSpec) Entry {
	a := quotes.Article{
		ID:     id,
		URL:    "https://example.com/" + id,
		Title:  "Title of " + id,
		Outlet: outlet,
		Text:   strings.Join(sentences, " "),
	}
	if published != "" {
		t, err := quotes.ParseTime(published)
		if err != nil {
			panic(err)
		}
		a.Published = t
	}
	var qs []quotes.Quote
	for _, s := range specs {
		start := strings.Index(a.Text, s.text)
		if start < 0 {
			panic(fmt.Sprintf("quote %q not in article %s", s.text, id))
		}
		sentence := ""
		for _, sn := range sentences {
			if strings.Contains(sn, s.text) {
				sentence = sn
			}
		}
		kind := s.kind
		if kind == "" {
			kind = quotes.KindDirect
		}
		qs = append(qs, quotes.Quote{
			Text: s.text, Start: start, End: start + len(s.text), Kind: kind,
			Speaker: s.speaker, Speakers: s.speakers, SpeakerMention: s.speaker,
			Cue: "said", Role: "spokesperson", Sentence: sentence,
		})
	}
	return Entry{Article: a, Quotes: qs}
}

// corpus is the articles most tests search.
func corpus() []Entry {
	return []Entry{
		article("a1", "Reuters", "2025-05-19T10:00:00Z", []string{
			`"Our sovereignty is not sold, it is defended," Claudia Sheinbaum said on Monday.`,
			`Marcelo Ebrard said that Mexico would answer every tariff with calm.`,
		},
			quoteSpec{text: "Our sovereignty is not sold, it is defended", speaker: "Claudia Sheinbaum"},
			quoteSpec{text: "Mexico would answer every tariff with calm", speaker: "Marcelo Ebrard", kind: quotes.KindIndirect},
		),
		article("a2", "AP", "2025-06-01", []string{
			`"Tariffs are a beautiful thing," Donald Trump said.`,
			`Trump accused Sheinbaum of being "afraid" of the cartels.`,
			`Both leaders called the talks "productive", according to aides.`,
		},
			quoteSpec{text: "Tariffs are a beautiful thing", speaker: "Donald Trump"},
			quoteSpec{text: "afraid", speaker: "Donald Trump", kind: quotes.KindPartial},
			quoteSpec{text: "productive", speaker: "Donald Trump", speakers: []string{"Donald Trump", "Claudia Sheinbaum"}, kind: quotes.KindPartial},
		),
		article("a3", "El País", "", []string{
			`"<script>alert(1)</script> Sovereignty & dignity come first," Sheinbaum said.`,
			`Someone said nothing would change.`,
		},
			quoteSpec{text: "<script>alert(1)</script> Sovereignty & dignity come first", speaker: "Claudia Sheinbaum"},
			quoteSpec{text: "nothing would change", kind: quotes.KindIndirect},
		),
	}
}

func openTest(t testing.TB) *Index {
	t.Helper()
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func openWithCorpus(t testing.TB) *Index {
	t.Helper()
	ix := openTest(t)
	if err := ix.PutBatch(context.Background(), corpus()); err != nil {
		t.Fatalf("PutBatch: %v", err)
	}
	return ix
}

func doSearch(t *testing.T, ix *Index, req quotes.SearchRequest) *quotes.SearchResult {
	t.Helper()
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%+v): %v", req, err)
	}
	return res
}

// texts returns the texts of the hits, in order.
func texts(res *quotes.SearchResult) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Quote.Text)
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func fc(term string, count int) quotes.FacetCount {
	return quotes.FacetCount{Term: term, Count: count}
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := quotes.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
}

const (
	sovereign = "Our sovereignty is not sold, it is defended"
	tariffMX  = "Mexico would answer every tariff with calm"
	beautiful = "Tariffs are a beautiful thing"
	afraid    = "afraid"
	product   = "productive"
	script    = "<script>alert(1)</script> Sovereignty & dignity come first"
	nothing   = "nothing would change"
)

func date(s string) time.Time {
	t, err := quotes.ParseTime(s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestSearchFindsQuotes(t *testing.T) {
	ix := openWithCorpus(t)
	tests := []struct {
		name string
		req  quotes.SearchRequest
		want []string // any order
	}{
		{"empty query matches every quote", quotes.SearchRequest{},
			[]string{sovereign, tariffMX, beautiful, afraid, product, script, nothing}},
		{"keyword, stemmed and case-folded", quotes.SearchRequest{Query: "sovereignty"}, []string{sovereign, script}},
		{"keyword matches plural by stem", quotes.SearchRequest{Query: "tariff"}, []string{tariffMX, beautiful}},
		{"phrase with a stop word", quotes.SearchRequest{Query: `"not sold"`}, []string{sovereign}},
		{"phrase not in that order finds nothing", quotes.SearchRequest{Query: `"sold not"`}, nil},
		{"speaker name as text", quotes.SearchRequest{Query: "ebrard"}, []string{tariffMX}},
		{"speaker surname as text finds every speaker", quotes.SearchRequest{Query: "sheinbaum"},
			// her own quotes, the joint one, and the one whose sentence names her
			[]string{sovereign, script, product, afraid}},
		{"exact speaker field query", quotes.SearchRequest{Query: `speaker:"Claudia Sheinbaum"`}, []string{sovereign, script}},
		{"speakers field holds joint speakers", quotes.SearchRequest{Query: `speakers:"Claudia Sheinbaum"`}, []string{sovereign, script, product}},
		{"must and must-not", quotes.SearchRequest{Query: "+sovereignty -dignity"}, []string{sovereign}},
		{"title field", quotes.SearchRequest{Query: "title:a2"}, []string{beautiful, afraid, product}},
		{"speaker filter", quotes.SearchRequest{Speaker: "Donald Trump"}, []string{beautiful, afraid, product}},
		{"speaker filter takes a variant of the name", quotes.SearchRequest{Speaker: "trump"}, []string{beautiful, afraid, product}},
		{"speaker filter ignores case", quotes.SearchRequest{Speaker: "CLAUDIA SHEINBAUM"}, []string{sovereign, script}},
		{"speaker filter of an unknown speaker", quotes.SearchRequest{Speaker: "Ivanka Trump"}, nil},
		{"speaker filter and query", quotes.SearchRequest{Query: "tariffs", Speaker: "Donald Trump"}, []string{beautiful}},
		{"outlet filter", quotes.SearchRequest{Outlet: "El País"}, []string{script, nothing}},
		{"kind filter", quotes.SearchRequest{Kind: quotes.KindPartial}, []string{afraid, product}},
		{"article filter", quotes.SearchRequest{ArticleID: "a1"}, []string{sovereign, tariffMX}},
		{"date range is inclusive at both ends",
			quotes.SearchRequest{From: date("2025-05-19T10:00:00Z"), To: date("2025-06-01")},
			[]string{sovereign, tariffMX, beautiful, afraid, product}},
		{"from only", quotes.SearchRequest{From: date("2025-05-20")}, []string{beautiful, afraid, product}},
		{"to only", quotes.SearchRequest{To: date("2025-05-31")}, []string{sovereign, tariffMX}},
		{"date filter excludes undated articles", quotes.SearchRequest{Query: "sovereignty", From: date("1990-01-01")}, []string{sovereign}},
		{"far-off date bounds", quotes.SearchRequest{From: date("0001-01-02"), To: date("9999-01-01")},
			[]string{sovereign, tariffMX, beautiful, afraid, product}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := doSearch(t, ix, tt.req)
			if got := sorted(texts(res)); !slices.Equal(got, sorted(tt.want)) {
				t.Errorf("hits = %q\nwant   %q", got, sorted(tt.want))
			}
			if res.Total != uint64(len(tt.want)) {
				t.Errorf("Total = %d, want %d", res.Total, len(tt.want))
			}
		})
	}
}

func TestSearchHitIsTheWholeQuote(t *testing.T) {
	ix := openWithCorpus(t)
	res := doSearch(t, ix, quotes.SearchRequest{Query: `"not sold"`})
	if len(res.Hits) != 1 {
		t.Fatalf("hits = %q", texts(res))
	}
	in := corpus()[0]
	want := in.Quotes[0]
	want.ID = quotes.QuoteID("a1", want.Kind, want.Text, 0)
	want.ArticleID, want.URL, want.Title, want.Outlet, want.Published = "a1", in.Article.URL, in.Article.Title, "Reuters", in.Article.Published
	got := res.Hits[0].Quote
	if !got.Published.Equal(want.Published) {
		t.Errorf("Published = %v, want %v", got.Published, want.Published)
	}
	got.Published = want.Published
	if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", want) {
		t.Errorf("quote =\n%#v\nwant\n%#v", got, want)
	}
	if res.Hits[0].Score <= 0 {
		t.Errorf("Score = %v, want > 0", res.Hits[0].Score)
	}
	if res.Took <= 0 {
		t.Errorf("Took = %v, want > 0", res.Took)
	}
}

func TestSearchOrder(t *testing.T) {
	ix := openWithCorpus(t)
	t.Run("empty query lists newest first, undated last", func(t *testing.T) {
		res := doSearch(t, ix, quotes.SearchRequest{})
		got := texts(res)
		if len(got) != 7 {
			t.Fatalf("hits = %q", got)
		}
		if !slices.Equal(sorted(got[:3]), sorted([]string{beautiful, afraid, product})) ||
			!slices.Equal(sorted(got[3:5]), sorted([]string{sovereign, tariffMX})) ||
			!slices.Equal(sorted(got[5:]), sorted([]string{script, nothing})) {
			t.Errorf("order = %q", got)
		}
	})
	t.Run("a query orders by score", func(t *testing.T) {
		res := doSearch(t, ix, quotes.SearchRequest{Query: "sovereignty defended"})
		if got := texts(res); len(got) != 2 || got[0] != sovereign {
			t.Errorf("order = %q, want %q first", got, sovereign)
		}
		if res.Hits[0].Score < res.Hits[1].Score {
			t.Errorf("scores %v, %v not descending", res.Hits[0].Score, res.Hits[1].Score)
		}
	})
}

func TestSearchSort(t *testing.T) {
	ix := openWithCorpus(t)
	tests := []struct {
		name  string
		req   quotes.SearchRequest
		first []string // the first hits, as a set
		last  string
	}{
		{"newest first, even with a query", quotes.SearchRequest{Query: "sovereignty tariff thing", Sort: quotes.SortNewest},
			[]string{beautiful}, script},
		{"oldest first, undated last", quotes.SearchRequest{Sort: quotes.SortOldest},
			[]string{sovereign, tariffMX}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(doSearch(t, ix, tt.req))
			if len(got) < len(tt.first) || !slices.Equal(sorted(got[:len(tt.first)]), sorted(tt.first)) {
				t.Fatalf("order = %q, want %q first", got, tt.first)
			}
			if tt.last != "" && got[len(got)-1] != tt.last {
				t.Errorf("order = %q, want %q last", got, tt.last)
			}
			if tt.req.Sort == quotes.SortOldest {
				if tail := sorted(got[len(got)-2:]); !slices.Equal(tail, sorted([]string{script, nothing})) {
					t.Errorf("undated quotes %q not last in %q", tail, got)
				}
			}
		})
	}
	t.Run("an unknown order is EINVALID", func(t *testing.T) {
		_, err := ix.Search(context.Background(), quotes.SearchRequest{Sort: "loudest"})
		wantCode(t, err, quotes.EINVALID)
	})
}

func TestSearchTimeline(t *testing.T) {
	put := func(t *testing.T, dates ...string) *Index {
		ix := openTest(t)
		var entries []Entry
		for i, d := range dates {
			id := fmt.Sprintf("t%d", i)
			rain := fmt.Sprintf("Rain again, day %d", i) // not appearances of one quote
			entries = append(entries, article(id, "X", d, []string{`"` + rain + `," she said.`},
				quoteSpec{text: rain, speaker: "Ana"}))
		}
		if err := ix.PutBatch(context.Background(), entries); err != nil {
			t.Fatal(err)
		}
		return ix
	}
	tests := []struct {
		name     string
		dates    []string
		interval string
		buckets  []quotes.FacetCount
	}{
		{"days within a few months, gaps filled", []string{"2025-05-19", "2025-05-19T23:30:00Z", "2025-05-21"},
			quotes.IntervalDay, []quotes.FacetCount{fc("2025-05-19", 2), fc("2025-05-20", 0), fc("2025-05-21", 1)}},
		{"days in UTC", []string{"2025-05-19T23:30:00-05:00"},
			quotes.IntervalDay, []quotes.FacetCount{fc("2025-05-20", 1)}},
		{"months over a longer span, even with few months", []string{"2024-11-02", "2025-03-30", "2025-03-01"},
			quotes.IntervalMonth, []quotes.FacetCount{fc("2024-11", 1), fc("2024-12", 0), fc("2025-01", 0), fc("2025-02", 0), fc("2025-03", 2)}},
		{"three months still by day", []string{"2025-01-01", "2025-03-31"},
			quotes.IntervalDay, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := put(t, tt.dates...)
			tl := doSearch(t, ix, quotes.SearchRequest{}).Timeline
			if tl == nil || tl.Interval != tt.interval {
				t.Fatalf("timeline = %+v, want interval %s", tl, tt.interval)
			}
			if tt.buckets == nil {
				if len(tl.Buckets) != 90 || tl.Buckets[0] != fc("2025-01-01", 1) || tl.Buckets[89] != fc("2025-03-31", 1) {
					t.Errorf("buckets = %d from %v to %v, want 90 days", len(tl.Buckets), tl.Buckets[0], tl.Buckets[len(tl.Buckets)-1])
				}
				return
			}
			if !slices.Equal(tl.Buckets, tt.buckets) {
				t.Errorf("buckets = %v, want %v", tl.Buckets, tt.buckets)
			}
		})
	}
	t.Run("years over more than ten years", func(t *testing.T) {
		tl := doSearch(t, put(t, "2010-03-01", "2010-07-01", "2021-01-05"), quotes.SearchRequest{}).Timeline
		if tl == nil || tl.Interval != quotes.IntervalYear || len(tl.Buckets) != 12 ||
			tl.Buckets[0] != fc("2010", 2) || tl.Buckets[1] != fc("2011", 0) || tl.Buckets[11] != fc("2021", 1) || tl.Earlier != 0 {
			t.Errorf("timeline = %+v, want 12 years from 2010", tl)
		}
	})
	t.Run("a span of centuries keeps its latest 120 periods", func(t *testing.T) {
		tl := doSearch(t, put(t, "1700-01-01", "1701-06-01", "2260-01-01", "2200-05-05"), quotes.SearchRequest{}).Timeline
		if tl == nil || tl.Interval != quotes.IntervalYear || len(tl.Buckets) != maxBuckets ||
			tl.Buckets[0].Term != "2141" || tl.Buckets[len(tl.Buckets)-1] != fc("2260", 1) || tl.Earlier != 2 {
			t.Errorf("timeline = %s … %s of %d, earlier %d; want 2141 … 2260, earlier 2", tl.Buckets[0].Term, tl.Buckets[len(tl.Buckets)-1].Term, len(tl.Buckets), tl.Earlier)
		}
	})
	t.Run("no dates, no timeline", func(t *testing.T) {
		ix := put(t, "")
		if tl := doSearch(t, ix, quotes.SearchRequest{}).Timeline; tl != nil {
			t.Errorf("timeline = %+v, want none", tl)
		}
	})
	t.Run("the timeline counts the matches only", func(t *testing.T) {
		ix := openWithCorpus(t)
		tl := doSearch(t, ix, quotes.SearchRequest{Query: "sovereignty"}).Timeline
		if tl == nil || !slices.Equal(tl.Buckets, []quotes.FacetCount{fc("2025-05-19", 1)}) {
			t.Errorf("timeline = %+v, want the one dated match", tl)
		}
	})
}

func TestSearchPaging(t *testing.T) {
	ix := openTest(t)
	var sentences []string
	var specs []quoteSpec
	for i := range 120 {
		s := fmt.Sprintf("quote number %03d", i)
		sentences = append(sentences, `"`+s+`," she said.`)
		specs = append(specs, quoteSpec{text: s, speaker: "Ana"})
	}
	if err := ix.PutBatch(context.Background(), []Entry{article("many", "X", "2025-01-01", sentences, specs...)}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		offset, size int
		wantHits     int
	}{
		{"size 0 is the default page size", 0, 0, quotes.DefaultPageSize},
		{"explicit size", 0, 7, 7},
		{"size is capped", 0, 1000, quotes.MaxPageSize},
		{"last partial page", 115, 10, 5},
		{"past the end", 500, 10, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := doSearch(t, ix, quotes.SearchRequest{Query: "quote", Offset: tt.offset, Size: tt.size})
			if len(res.Hits) != tt.wantHits || res.Total != 120 {
				t.Errorf("got %d hits of %d, want %d of 120", len(res.Hits), res.Total, tt.wantHits)
			}
		})
	}
	t.Run("pages are disjoint and cover every hit", func(t *testing.T) {
		for _, q := range []string{"", "quote"} {
			seen := map[string]bool{}
			for off := 0; off < 120; off += 25 {
				for _, h := range doSearch(t, ix, quotes.SearchRequest{Query: q, Offset: off, Size: 25}).Hits {
					if seen[h.Quote.ID] {
						t.Fatalf("query %q: quote %s on two pages", q, h.Quote.ID)
					}
					seen[h.Quote.ID] = true
				}
			}
			if len(seen) != 120 {
				t.Errorf("query %q: pages cover %d quotes, want 120", q, len(seen))
			}
		}
	})
}

func TestSearchFacets(t *testing.T) {
	ix := openWithCorpus(t)
	res := doSearch(t, ix, quotes.SearchRequest{Size: 1})
	// most quoted first, ties by term; the quote without speaker is not counted
	want := map[string][]quotes.FacetCount{
		"speaker": {fc("Donald Trump", 3), fc("Claudia Sheinbaum", 2), fc("Marcelo Ebrard", 1)},
		"outlet":  {fc("AP", 3), fc("El País", 2), fc("Reuters", 2)},
	}
	for f, w := range want {
		if !slices.Equal(res.Facets[f], w) {
			t.Errorf("facet %s = %v, want %v", f, res.Facets[f], w)
		}
	}
	t.Run("kinds are counted", func(t *testing.T) {
		want := []quotes.FacetCount{fc("direct", 3), fc("indirect", 2), fc("partial", 2)}
		if !slices.Equal(res.Facets["kind"], want) {
			t.Errorf("kind facet = %v, want %v", res.Facets["kind"], want)
		}
	})
	t.Run("facets count the matching quotes only", func(t *testing.T) {
		res := doSearch(t, ix, quotes.SearchRequest{Query: "sovereignty"})
		if w := []quotes.FacetCount{fc("Claudia Sheinbaum", 2)}; !slices.Equal(res.Facets["speaker"], w) {
			t.Errorf("speaker facet = %v, want %v", res.Facets["speaker"], w)
		}
	})
}

func TestSearchHighlights(t *testing.T) {
	ix := openWithCorpus(t)
	t.Run("matches are marked", func(t *testing.T) {
		res := doSearch(t, ix, quotes.SearchRequest{Query: `"not sold"`})
		frags := res.Hits[0].Highlights["quote"]
		if len(frags) != 1 || !strings.Contains(frags[0], "<mark>not</mark> <mark>sold</mark>") {
			t.Errorf("quote highlights = %q", frags)
		}
	})
	t.Run("article text is HTML-escaped", func(t *testing.T) {
		res := doSearch(t, ix, quotes.SearchRequest{Query: "dignity"})
		if len(res.Hits) != 1 {
			t.Fatalf("hits = %q", texts(res))
		}
		for _, f := range []string{"quote", "sentence"} {
			frags := res.Hits[0].Highlights[f]
			if len(frags) == 0 {
				t.Fatalf("no %s highlights: %v", f, res.Hits[0].Highlights)
			}
			for _, fr := range frags {
				if strings.Contains(fr, "<script") || strings.Contains(fr, " & ") {
					t.Errorf("%s fragment not escaped: %q", f, fr)
				}
				if !strings.Contains(fr, "&lt;script&gt;alert(1)&lt;/script&gt;") ||
					!strings.Contains(fr, "&amp; <mark>dignity</mark>") {
					t.Errorf("%s fragment = %q", f, fr)
				}
			}
		}
	})
	t.Run("fields without a match carry no highlight", func(t *testing.T) {
		res := doSearch(t, ix, quotes.SearchRequest{Query: "speaker_text:ebrard"})
		if len(res.Hits) != 1 || res.Hits[0].Highlights != nil {
			t.Errorf("hits %q, highlights %q", texts(res), res.Hits[0].Highlights)
		}
	})
	t.Run("an empty query highlights nothing", func(t *testing.T) {
		for _, h := range doSearch(t, ix, quotes.SearchRequest{}).Hits {
			if h.Highlights != nil {
				t.Errorf("highlights %q", h.Highlights)
			}
		}
	})
}

func TestSearchRejectsBadRequests(t *testing.T) {
	ix := openWithCorpus(t)
	tests := []struct {
		name string
		req  quotes.SearchRequest
	}{
		{"unclosed phrase", quotes.SearchRequest{Query: `"unclosed`}},
		{"field with open paren", quotes.SearchRequest{Query: `speaker:(`}},
		{"unclosed group", quotes.SearchRequest{Query: `(tariff OR sovereignty`}},
		{"operator without a right side", quotes.SearchRequest{Query: `tariff AND`}},
		{"unknown field", quotes.SearchRequest{Query: `spekaer:trump`}},
		{"field without value", quotes.SearchRequest{Query: `speaker:`}},
		{"dangling plus", quotes.SearchRequest{Query: `+`}},
		{"bad regexp", quotes.SearchRequest{Query: `quote:/[a-/`}},
		{"regexp vellum cannot run", quotes.SearchRequest{Query: `quote:/^sov/`}},
		{"too fuzzy", quotes.SearchRequest{Query: `sovereignty~5`}},
		{"bad date in query", quotes.SearchRequest{Query: `published:>"not a date"`}},
		{"negative offset", quotes.SearchRequest{Offset: -1}},
		{"negative size", quotes.SearchRequest{Size: -5}},
		{"unknown kind", quotes.SearchRequest{Kind: "rumour"}},
		{"from after to", quotes.SearchRequest{From: date("2025-02-01"), To: date("2025-01-01")}},
		{"confidence above 1", quotes.SearchRequest{MinConfidence: 1.5}},
		{"negative confidence", quotes.SearchRequest{MinConfidence: -0.1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), tt.req)
			wantCode(t, err, quotes.EINVALID)
			var qe *quotes.Error
			if errors.As(err, &qe) && tt.req.Query != "" && !strings.Contains(qe.Message, strconv.Quote(tt.req.Query)) {
				t.Errorf("message %q does not name the query", qe.Message)
			}
		})
	}
}

// The query language (package querylang): Boolean operators and groups
// over bleve's terms, which keep their meaning, parentheses in phrases,
// regular expressions and escapes included.
func TestSearchQueryLanguage(t *testing.T) {
	ix := openWithCorpus(t)
	tests := []struct {
		query string
		want  []string
	}{
		{`sovereignty`, []string{sovereign, script}},
		{`sovereignty AND dignity`, []string{script}},
		{`sovereignty and dignity`, []string{sovereign, script}}, // lower case: words, any of them
		{`sovereignty dignity`, []string{sovereign, script}},
		{`+sovereignty +dignity`, []string{script}},
		{`tariffs OR dignity`, []string{beautiful, script, tariffMX}},
		{`sovereignty AND NOT dignity`, []string{sovereign}},
		{`sovereignty NOT dignity`, []string{sovereign}},
		{`sovereignty -dignity`, []string{sovereign}},
		{`(tariffs OR tariff) AND calm`, []string{tariffMX}},
		{`speaker:("Donald Trump" OR "Marcelo Ebrard") AND NOT kind:partial`, []string{beautiful, tariffMX}},
		{`NOT sovereignty AND kind:direct`, []string{beautiful}},
		{`"AND"`, nil},
		{`"sovereignty is (not) sold"`, []string{sovereign}},
		{`quote:/(sovereign|dignit).*/`, []string{sovereign, script}}, // terms are stemmed
		{`sovereignty \(dignity\)`, []string{sovereign, script}},
		{`alert(1)`, []string{script}},
	}
	for _, tt := range tests {
		res := doSearch(t, ix, quotes.SearchRequest{Query: tt.query})
		if got := sorted(texts(res)); !slices.Equal(got, sorted(tt.want)) {
			t.Errorf("%s: hits %q, want %q", tt.query, got, sorted(tt.want))
		}
	}
	t.Run("errors say where", func(t *testing.T) {
		for q, want := range map[string]string{
			`sovereignty AND`:           `at character 13, “AND” has nothing on its right`,
			`(tariffs OR dignity`:       `at character 1, “(” is not closed`,
			`sovereignty spekaer:trump`: `at character 13, there is no field “spekaer”`,
			`x published:>"not a date"`: `at character 3, “published:>"not a date"”`,
		} {
			_, err := ix.Search(context.Background(), quotes.SearchRequest{Query: q})
			wantCode(t, err, quotes.EINVALID)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %v, want %q in it", q, err, want)
			}
		}
	})
}

func TestQuoteAndArticle(t *testing.T) {
	ix := openWithCorpus(t)
	ctx := context.Background()
	in := corpus()[2]
	id := quotes.QuoteID("a3", quotes.KindDirect, in.Quotes[0].Text, 0)

	q, err := ix.Quote(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if q.ID != id || q.Text != script || q.ArticleID != "a3" || q.Outlet != "El País" || !q.Published.IsZero() {
		t.Errorf("Quote = %+v", q)
	}
	a, err := ix.Article(ctx, "a3")
	if err != nil {
		t.Fatal(err)
	}
	if *a != in.Article {
		t.Errorf("Article = %+v, want %+v", *a, in.Article)
	}
	a, err = ix.Article(ctx, "a1")
	if err != nil || !a.Published.Equal(corpus()[0].Article.Published) {
		t.Errorf("Article(a1) = %+v, %v", a, err)
	}

	_, err = ix.Quote(ctx, "nope")
	wantCode(t, err, quotes.ENOTFOUND)
	_, err = ix.Article(ctx, "nope")
	wantCode(t, err, quotes.ENOTFOUND)
}

func TestSpeakersAndStats(t *testing.T) {
	ix := openWithCorpus(t)
	ctx := context.Background()
	got, err := ix.Speakers(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if want := []quotes.FacetCount{fc("Donald Trump", 3), fc("Claudia Sheinbaum", 2)}; !slices.Equal(got, want) {
		t.Errorf("Speakers(2) = %v, want %v", got, want)
	}
	got, _ = ix.Speakers(ctx, 0)
	if len(got) != 3 { // the quote without speaker is not counted
		t.Errorf("Speakers(0) = %v, want all 3 speakers", got)
	}
	arts, qs, err := ix.Stats(ctx)
	if err != nil || arts != 3 || qs != 7 {
		t.Errorf("Stats = %d, %d, %v; want 3, 7", arts, qs, err)
	}
}

func TestPut(t *testing.T) {
	ctx := context.Background()
	t.Run("re-put replaces the quotes", func(t *testing.T) {
		ix := openWithCorpus(t)
		e := corpus()[0]
		e.Article.Title = "New title"
		e.Quotes = e.Quotes[:1] // Ebrard's quote is gone
		for range 2 {
			if err := ix.Put(ctx, e.Article, e.Quotes); err != nil {
				t.Fatal(err)
			}
		}
		res := doSearch(t, ix, quotes.SearchRequest{ArticleID: "a1"})
		if got := texts(res); !slices.Equal(got, []string{sovereign}) {
			t.Errorf("quotes of a1 = %q, want only %q", got, sovereign)
		}
		if res.Hits[0].Quote.Title != "New title" {
			t.Errorf("quote title = %q, want the new one", res.Hits[0].Quote.Title)
		}
		if _, qs, _ := ix.Stats(ctx); qs != 6 {
			t.Errorf("%d quotes indexed, want 6", qs)
		}
		if a, _ := ix.Article(ctx, "a1"); a.Title != "New title" {
			t.Errorf("article title = %q", a.Title)
		}
	})
	t.Run("re-ingesting a batch duplicates nothing", func(t *testing.T) {
		ix := openWithCorpus(t)
		if err := ix.PutBatch(ctx, corpus()); err != nil {
			t.Fatal(err)
		}
		if arts, qs, _ := ix.Stats(ctx); arts != 3 || qs != 7 {
			t.Errorf("Stats = %d, %d; want 3, 7", arts, qs)
		}
	})
	t.Run("the last entry of an article in a batch wins", func(t *testing.T) {
		ix := openTest(t)
		first, second := corpus()[0], corpus()[0]
		second.Quotes = second.Quotes[1:]
		if err := ix.PutBatch(ctx, []Entry{first, second}); err != nil {
			t.Fatal(err)
		}
		if got := texts(doSearch(t, ix, quotes.SearchRequest{})); !slices.Equal(got, []string{tariffMX}) {
			t.Errorf("quotes = %q, want only %q", got, tariffMX)
		}
	})
	t.Run("ids are derived when missing, kept when given", func(t *testing.T) {
		ix := openTest(t)
		a := quotes.Article{URL: "https://example.com/x", Text: `"Hi," he said. "Bye," he said.`}
		qs := []quotes.Quote{
			{Text: "Hi", Start: 1, End: 3, Kind: quotes.KindDirect},
			{ID: "given", Text: "Bye", Start: 16, End: 19, Kind: quotes.KindDirect},
		}
		if err := ix.Put(ctx, a, qs); err != nil {
			t.Fatal(err)
		}
		a.NormalizeID()
		if _, err := ix.Article(ctx, a.ID); err != nil {
			t.Errorf("article not stored under its normalized id %q: %v", a.ID, err)
		}
		for _, id := range []string{quotes.QuoteID(a.ID, quotes.KindDirect, "Hi", 0), "given"} {
			if q, err := ix.Quote(ctx, id); err != nil || q.ArticleID != a.ID || q.URL != a.URL {
				t.Errorf("Quote(%s) = %+v, %v", id, q, err)
			}
		}
	})
	badArticles := []struct {
		name    string
		article quotes.Article
		wantMsg string
	}{
		{"no text", quotes.Article{ID: "empty", Text: "  "}, `article "empty" has no text`},
		{"id too long", quotes.Article{ID: strings.Repeat("x", 600), Text: "t"}, "entry 4 of 4: article id is longer"},
	}
	for _, tt := range badArticles {
		t.Run("a bad article fails the whole batch: "+tt.name, func(t *testing.T) {
			ix := openTest(t)
			err := ix.PutBatch(ctx, append(corpus(), Entry{Article: tt.article}))
			wantCode(t, err, quotes.EINVALID)
			if !strings.Contains(quotes.ErrorMessage(err), tt.wantMsg) {
				t.Errorf("message %q, want it to contain %q", quotes.ErrorMessage(err), tt.wantMsg)
			}
			if arts, qs, _ := ix.Stats(ctx); arts != 0 || qs != 0 {
				t.Errorf("Stats = %d, %d after a failed batch; want nothing stored", arts, qs)
			}
		})
	}
	t.Run("cancelled context stores nothing", func(t *testing.T) {
		ix := openTest(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if err := ix.PutBatch(cctx, corpus()); !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

// The store is written first: when the quote index cannot be written (a
// full disk, a crash), the articles are stored and marked pending, no
// quote is left without its article, and IndexPending, run at the next
// start, indexes them.
func TestFailedIndexWriteLeavesPendingArticles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.PutBatch(ctx, corpus()); err != nil {
		t.Fatal(err)
	}
	// A new version of a1 and a new article a4, put when the quote index
	// fails every write.
	v2 := corpus()[0]
	v2.Article.Text += ` "A new quote," she added.`
	v2.Quotes = append(v2.Quotes[:1], quotes.Quote{Text: "A new quote", Start: len(v2.Article.Text) - 22, End: len(v2.Article.Text) - 11, Kind: quotes.KindDirect})
	a4 := article("a4", "AP", "2025-07-01", []string{`"Fresh," he said.`}, quoteSpec{text: "Fresh", speaker: "Bob"})
	ix.failBatch = errors.New("no space left on device")
	err = ix.PutBatch(ctx, []Entry{v2, a4})
	if err == nil || !strings.Contains(err.Error(), "stored, but their quotes are not indexed") {
		t.Fatalf("PutBatch with a failing quote index: %v", err)
	}
	if got, err := ix.Pending(ctx); err != nil || !slices.Equal(sorted(got), []string{"a1", "a4"}) {
		t.Errorf("Pending = %q, %v; want a1, a4", got, err)
	}
	if got := doSearch(t, ix, quotes.SearchRequest{Query: "Fresh"}); got.Total != 0 {
		t.Errorf("a quote indexed without its article: %q", texts(got))
	}
	ix.Close()

	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if got := doSearch(t, ix, quotes.SearchRequest{ArticleID: "a4"}); got.Total != 0 {
		t.Errorf("quotes of a4 indexed before the repair: %q", texts(got))
	}
	ix.SetExtractor(func(a quotes.Article) []quotes.Quote {
		for _, e := range []Entry{v2, a4} {
			if e.Article.ID == a.ID {
				return e.Quotes
			}
		}
		return nil
	})
	if n, err := ix.IndexPending(ctx); n != 2 || err != nil {
		t.Fatalf("IndexPending = %d, %v; want 2", n, err)
	}
	if got, _ := ix.Pending(ctx); len(got) != 0 {
		t.Errorf("still pending after the repair: %q", got)
	}
	arts, qs, _ := ix.Stats(ctx)
	if arts != 4 || qs != 8 { // a1 lost Ebrard's quote and gained one; a4 has one
		t.Errorf("Stats = %d, %d; want 4, 8", arts, qs)
	}
	if got := sorted(texts(doSearch(t, ix, quotes.SearchRequest{ArticleID: "a1"}))); !slices.Equal(got, sorted([]string{sovereign, "A new quote"})) {
		t.Errorf("quotes of a1 = %q", got)
	}
	// A re-put that moves an article to another shard (it gains a date)
	// and fails at the index leaves its old quotes in the old shard: the
	// next put of it, pending, finds them there.
	fresh := article("a5", "AP", "", []string{`"Fresh," he said.`}, quoteSpec{text: "Fresh", speaker: "Bob"})
	if err := ix.PutBatch(ctx, []Entry{fresh}); err != nil {
		t.Fatal(err)
	}
	dated := article("a5", "AP", "2025-08-01T10:00:00Z", []string{`He said: "Stale".`}, quoteSpec{text: "Stale", speaker: "Bob"})
	ix.failBatch = errors.New("no space left on device")
	if err := ix.PutBatch(ctx, []Entry{dated}); err == nil {
		t.Fatal("PutBatch with a failing index succeeded")
	}
	ix.failBatch = nil
	if err := ix.PutBatch(ctx, []Entry{dated}); err != nil {
		t.Fatal(err)
	}
	if got := texts(doSearch(t, ix, quotes.SearchRequest{ArticleID: "a5"})); !slices.Equal(got, []string{"Stale"}) {
		t.Errorf("quotes of a5 = %q, want only Stale", got)
	}
}

func TestArticles(t *testing.T) {
	ix := openTest(t)
	ctx := context.Background()
	var entries []Entry
	for i := range 2*iterChunk + 10 { // several chunks
		entries = append(entries, Entry{Article: quotes.Article{ID: fmt.Sprintf("art-%04d", (i*7919)%(2*iterChunk+10)), Text: "text"}})
	}
	if err := ix.PutBatch(ctx, entries); err != nil {
		t.Fatal(err)
	}
	t.Run("every article once, in id order", func(t *testing.T) {
		var ids []string
		if err := ix.Articles(ctx, func(a quotes.Article) error {
			ids = append(ids, a.ID)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(ids) != len(entries) || !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
			t.Errorf("got %d ids (sorted %v), want %d distinct in order", len(ids), slices.IsSorted(ids), len(entries))
		}
	})
	t.Run("stops at fn's error", func(t *testing.T) {
		stop := errors.New("stop")
		n := 0
		err := ix.Articles(ctx, func(quotes.Article) error {
			n++
			if n == 3 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || n != 3 {
			t.Errorf("err = %v after %d calls, want stop after 3", err, n)
		}
	})
	t.Run("fn may write to the index", func(t *testing.T) {
		err := ix.Articles(ctx, func(a quotes.Article) error {
			if a.ID < "art-0005" {
				return ix.Put(ctx, a, nil)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// extractWords is a toy extractor: every word of the article is a quote.
func extractWords(a quotes.Article) []quotes.Quote {
	var qs []quotes.Quote
	off := 0
	for _, w := range strings.Fields(a.Text) {
		i := strings.Index(a.Text[off:], w) + off
		qs = append(qs, quotes.Quote{Text: w, Start: i, End: i + len(w), Kind: quotes.KindIndirect, Speaker: "Words"})
		off = i + len(w)
	}
	return qs
}

func TestReindex(t *testing.T) {
	ctx := context.Background()
	t.Run("new extraction replaces the quotes, articles intact", func(t *testing.T) {
		ix := openWithCorpus(t)
		var calls [][2]int
		if _, err := ix.Reindex(ctx, extractWords, func(done, total int) { calls = append(calls, [2]int{done, total}) }); err != nil {
			t.Fatal(err)
		}
		if calls[0] != [2]int{0, 3} || calls[len(calls)-1] != [2]int{3, 3} {
			t.Errorf("progress calls = %v", calls)
		}
		if got := doSearch(t, ix, quotes.SearchRequest{Speaker: "Claudia Sheinbaum"}); got.Total != 0 {
			t.Errorf("old quotes still found: %q", texts(got))
		}
		old := corpus()[0].Quotes[0]
		_, err := ix.Quote(ctx, quotes.QuoteID("a1", old.Kind, old.Text, 0))
		wantCode(t, err, quotes.ENOTFOUND)
		res := doSearch(t, ix, quotes.SearchRequest{Query: "Monday", Speaker: "Words"})
		if got := texts(res); !slices.Equal(got, []string{"Monday."}) || res.Hits[0].Quote.Outlet != "Reuters" {
			t.Errorf("new quotes = %q", got)
		}
		for _, e := range corpus() {
			if a, err := ix.Article(ctx, e.Article.ID); err != nil || a.Text != e.Article.Text {
				t.Errorf("article %s after reindex: %v", e.Article.ID, err)
			}
		}
		arts, qs, _ := ix.Stats(ctx)
		want := 0
		for _, e := range corpus() {
			want += len(strings.Fields(e.Article.Text))
		}
		if arts != 3 || qs != want {
			t.Errorf("Stats = %d, %d; want 3, %d", arts, qs, want)
		}
		// Re-put after reindex still replaces exactly.
		e := corpus()[0]
		if err := ix.Put(ctx, e.Article, e.Quotes); err != nil {
			t.Fatal(err)
		}
		if got := sorted(texts(doSearch(t, ix, quotes.SearchRequest{ArticleID: "a1"}))); !slices.Equal(got, sorted([]string{sovereign, tariffMX})) {
			t.Errorf("quotes of a1 = %q", got)
		}
		if _, err := os.Stat(filepath.Join(ix.Dir(), quotesDir+newSuffix)); !os.IsNotExist(err) {
			t.Errorf("%s left behind", quotesDir+newSuffix)
		}
	})
	failures := []struct {
		name    string
		ctx     func() context.Context
		extract func(quotes.Article) []quotes.Quote
	}{
		{"extract panics", func() context.Context { return ctx }, func(a quotes.Article) []quotes.Quote {
			if a.ID == "a2" {
				panic("boom")
			}
			return extractWords(a)
		}},
		{"context cancelled", func() context.Context {
			c, cancel := context.WithCancel(ctx)
			cancel()
			return c
		}, extractWords},
	}
	for _, tt := range failures {
		t.Run("failure leaves the old index: "+tt.name, func(t *testing.T) {
			ix := openWithCorpus(t)
			if _, err := ix.Reindex(tt.ctx(), tt.extract, nil); err == nil {
				t.Fatal("Reindex succeeded, want an error")
			}
			if got := sorted(texts(doSearch(t, ix, quotes.SearchRequest{Query: "sovereignty"}))); !slices.Equal(got, sorted([]string{sovereign, script})) {
				t.Errorf("after failed reindex, sovereignty finds %q", got)
			}
			if err := ix.Put(ctx, corpus()[0].Article, nil); err != nil {
				t.Errorf("Put after failed reindex: %v", err)
			}
			if _, err := os.Stat(filepath.Join(ix.Dir(), quotesDir+newSuffix)); !os.IsNotExist(err) {
				t.Errorf("%s left behind", quotesDir+newSuffix)
			}
		})
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.PutBatch(ctx, corpus()); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Search(ctx, quotes.SearchRequest{}); err == nil {
		t.Error("Search after Close succeeded")
	}
	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if arts, qs, _ := ix.Stats(ctx); arts != 3 || qs != 7 {
		t.Errorf("Stats after reopen = %d, %d; want 3, 7", arts, qs)
	}
	if got := texts(doSearch(t, ix, quotes.SearchRequest{Query: `"not sold"`})); !slices.Equal(got, []string{sovereign}) {
		t.Errorf("phrase after reopen = %q", got)
	}
}

func TestOpenRecoversInterruptedReindex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.PutBatch(ctx, corpus()); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	// A crash between the two renames of the swap: the old index is
	// aside, the new one half-built.
	cur := filepath.Join(dir, quotesDir)
	if err := os.Rename(cur, cur+oldSuffix); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(cur+newSuffix, "junk"), 0o750); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, qs, _ := ix.Stats(ctx); qs != 7 {
		t.Errorf("%d quotes after recovery, want 7", qs)
	}
	for _, p := range []string{cur + oldSuffix, cur + newSuffix} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s left behind", p)
		}
	}
}

func TestOpenHeldDirectoryConflicts(t *testing.T) {
	ix := openTest(t)
	start := time.Now()
	_, err := Open(ix.Dir())
	wantCode(t, err, quotes.ECONFLICT)
	if !strings.Contains(quotes.ErrorMessage(err), ix.Dir()) || !strings.Contains(quotes.ErrorMessage(err), "in use") {
		t.Errorf("message %q", quotes.ErrorMessage(err))
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("second Open took %v, want it to fail fast", d)
	}
}

func TestConcurrentSearchPutAndReindex(t *testing.T) {
	ix := openWithCorpus(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				var err error
				switch {
				case w == 0:
					e := corpus()[i%3]
					err = ix.Put(ctx, e.Article, e.Quotes)
				case w == 1 && i%10 == 0:
					_, err = ix.Reindex(ctx, extractWords, nil)
				default:
					_, err = ix.Search(ctx, quotes.SearchRequest{Query: "sovereignty"})
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv("QUOTES_DIR", "/q")
	t.Setenv("XDG_DATA_HOME", "/xdg")
	t.Setenv("HOME", "/home/u")
	if got := DefaultDir(); got != "/q" {
		t.Errorf("with QUOTES_DIR: %q", got)
	}
	t.Setenv("QUOTES_DIR", "")
	if got := DefaultDir(); got != "/xdg/quotes" {
		t.Errorf("with XDG_DATA_HOME: %q", got)
	}
	t.Setenv("XDG_DATA_HOME", "")
	if got := DefaultDir(); got != "/home/u/.local/share/quotes" {
		t.Errorf("with HOME only: %q", got)
	}
}

func BenchmarkPutBatch(b *testing.B) {
	const batch = 250
	ix := openTest(b)
	ctx := context.Background()
	speakers := []string{"Claudia Sheinbaum", "Donald Trump", "Marcelo Ebrard", "Ana Pérez", ""}
	n := 0
	b.ResetTimer()
	for b.Loop() {
		entries := make([]Entry, batch)
		for i := range entries {
			n++
			var sb strings.Builder
			var qs []quotes.Quote
			for j := range 8 {
				q := fmt.Sprintf("Quote %d of article %d says the sovereignty of tariff number %d matters", j, n, n*j)
				start := sb.Len() + 1
				fmt.Fprintf(&sb, "%q, %s said on Monday in a long sentence. ", q, speakers[j%len(speakers)])
				qs = append(qs, quotes.Quote{Text: q, Start: start, End: start + len(q), Kind: quotes.KindDirect,
					Speaker: speakers[(n+j)%len(speakers)], Cue: "said", Sentence: q + " said someone."})
			}
			entries[i] = Entry{
				Article: quotes.Article{ID: fmt.Sprintf("bench-%08d", n), Outlet: "Outlet", Title: "Title",
					Published: time.Date(2025, 1, 1+n%300, 0, 0, 0, 0, time.UTC), Text: sb.String()},
				Quotes: qs,
			}
		}
		if err := ix.PutBatch(ctx, entries); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// TestSearchLeavesOutBeliefs: a reported belief ("polls show …") is stored
// but is no quote; search and the speaker list leave it out unless the kind
// filter or a kind:belief term asks for it.
func TestSearchLeavesOutBeliefs(t *testing.T) {
	ix := openWithCorpus(t)
	const belief = "the wall would pay for itself"
	if err := ix.PutBatch(context.Background(), []Entry{article("b1", "Reuters", "2025-05-21",
		[]string{"Pollster Ana Ruiz believes the wall would pay for itself."},
		quoteSpec{text: belief, speaker: "Ana Ruiz", kind: quotes.KindBelief})}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		req  quotes.SearchRequest
		want []string
	}{
		{"query without a kind", quotes.SearchRequest{Query: "wall"}, nil},
		{"speaker filter without a kind", quotes.SearchRequest{Speaker: "Ana Ruiz"}, nil},
		{"excluding another kind does not let beliefs in", quotes.SearchRequest{Query: "wall -kind:direct"}, nil},
		{"kind filter", quotes.SearchRequest{Kind: quotes.KindBelief}, []string{belief}},
		{"kind:belief in the query", quotes.SearchRequest{Query: "+kind:belief wall"}, []string{belief}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := texts(doSearch(t, ix, tt.req)); !slices.Equal(got, tt.want) {
				t.Errorf("hits = %q, want %q", got, tt.want)
			}
		})
	}
	speakers, err := ix.Speakers(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range speakers {
		if s.Term == "Ana Ruiz" {
			t.Errorf("speakers list Ana Ruiz (%d), who only holds a belief", s.Count)
		}
	}
}

// TestOldIndexMigratedByReindex checks that a quote index made before
// shards (one bleve index in quotes.bleve) is refused with a message
// asking for a reindex, and that the reindex migrates it: the old index
// moved aside, the quotes rebuilt in shards by month.
func TestOldIndexMigratedByReindex(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.PutBatch(ctx, corpus()); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// The quote index as a version before shards left it.
	cur := filepath.Join(dir, quotesDir)
	if err := os.RemoveAll(cur); err != nil {
		t.Fatal(err)
	}
	bl, err := bleve.NewUsing(cur, newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	bl.Close()

	_, err = Open(dir)
	wantCode(t, err, quotes.EDAMAGED)
	for _, want := range []string{"older version", "quotes reindex --index " + dir} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Open of an index before shards: %v; want it to say %q", err, want)
		}
	}
	ix, err = OpenForReindex(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if _, err := ix.Reindex(ctx, extractWords, nil); err != nil {
		t.Fatal(err)
	}
	if got := doSearch(t, ix, quotes.SearchRequest{Query: "sovereignty"}).Total; got == 0 {
		t.Error("no quote found after the migration")
	}
	if !exists(filepath.Join(cur, "2025-05")) {
		t.Errorf("no shard 2025-05 in %s: %v", cur, ix.sh.names())
	}
	if !exists(cur + damagedSuffix) {
		t.Errorf("the old index was not kept aside at %s", cur+damagedSuffix)
	}
}

// TestSearchMinConfidence keeps only the attributions sure enough: the
// quotes given a confidence at or above the minimum.
func TestSearchMinConfidence(t *testing.T) {
	ix := openTest(t)
	entries := corpus()
	confidence := map[string]float64{sovereign: 0.95, tariffMX: 0.88, beautiful: 0.9, afraid: 0.5, product: 0.7, script: 0.95, nothing: 0}
	for i := range entries {
		for k := range entries[i].Quotes {
			entries[i].Quotes[k].Confidence = confidence[entries[i].Quotes[k].Text]
		}
	}
	if err := ix.PutBatch(context.Background(), entries); err != nil {
		t.Fatalf("PutBatch: %v", err)
	}
	tests := []struct {
		min  float64
		want []string
	}{
		{0, []string{sovereign, tariffMX, beautiful, afraid, product, script, nothing}},
		{0.9, []string{sovereign, beautiful, script}},
		{0.95, []string{sovereign, script}},
		{1, nil},
	}
	for _, tt := range tests {
		res := doSearch(t, ix, quotes.SearchRequest{MinConfidence: tt.min, Size: 20})
		if got, want := sorted(texts(res)), sorted(tt.want); !slices.Equal(got, want) {
			t.Errorf("MinConfidence %v: got %q, want %q", tt.min, got, want)
		}
		for _, h := range res.Hits {
			if h.Quote.Confidence != confidence[h.Quote.Text] {
				t.Errorf("hit %q has confidence %v, want %v as stored", h.Quote.Text, h.Quote.Confidence, confidence[h.Quote.Text])
			}
		}
	}
}
