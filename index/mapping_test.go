package index

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/quotesproject/quotes"
)

// TestQuoteDocumentKeepsDocValuesFlat checks which fields of a quote
// document keep doc values, and that those, and only those, are written
// unchunked and uncompressed (see flatDocValues).
func TestQuoteDocumentKeepsDocValuesFlat(t *testing.T) {
	q := quotes.Quote{
		ID: "a1-q1", ArticleID: "a1", Text: "We will not raise taxes.", Sentence: "“We will not raise taxes,” she said.",
		Speaker: "Ada Quist", Speakers: []string{"Ada Quist", "Ben Oduya"}, SpeakerMention: "she", Role: "finance minister",
		Title: "Budget day", Cue: "said", Kind: quotes.KindDirect, Outlet: "Example Times", Confidence: 0.9,
		Published: time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC),
	}
	d, err := toDoc(&q)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := quoteDocument(q.ID, d)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"day", "kind", "outlet", "published", "sort_time", "speaker_key", "speakers"}
	var got []string
	for _, f := range doc.Fields {
		o := f.Options()
		flat := o.SkipDVChunking() && o.SkipDVCompression()
		if o.IncludeDocValues() {
			if !slices.Contains(got, f.Name()) {
				got = append(got, f.Name())
			}
			if !flat {
				t.Errorf("field %s keeps doc values in compressed chunks (options %v)", f.Name(), o)
			}
		} else if o.SkipDVChunking() || o.SkipDVCompression() {
			t.Errorf("field %s has no doc values but options %v", f.Name(), o)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("doc-valued fields = %v, want %v", got, want)
	}
}

// An index whose shards hold quotes indexed before sort_time sorts by
// published until it is reindexed, with the quotes written since in their
// place; a shard made since, or empty, is marked as sorting by sort_time.
func TestSortBeforeSortTime(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	old := []Entry{
		article("s1", "AP", "2025-05-02T10:00:00Z", []string{`"First," Ada Quist said.`}, quoteSpec{text: "First", speaker: "Ada Quist"}),
		article("s2", "AP", "2025-05-20T10:00:00Z", []string{`"Third," Ada Quist said.`}, quoteSpec{text: "Third", speaker: "Ada Quist"}),
	}
	if err := ix.PutBatch(ctx, old); err != nil {
		t.Fatal(err)
	}
	if got := ix.sh.sortField(); got != fSortTime {
		t.Fatalf("new index sorts by %s", got)
	}
	// As an older version left it: no sort_time, no mark.
	for _, name := range ix.sh.names() {
		bl, _ := ix.sh.shardState(name)
		if err := bl.DeleteInternal(keySortTime); err != nil {
			t.Fatal(err)
		}
		if n, _ := bl.DocCount(); n > 0 {
			b := bl.NewBatch()
			for _, e := range old {
				p, err := prepareOne(e.Article, e.Quotes, nil)
				if err != nil {
					t.Fatal(err)
				}
				for i, id := range p.ids {
					delete(p.docs[i], fSortTime)
					if err := indexQuote(b, id, p.docs[i]); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := bl.Batch(b); err != nil {
				t.Fatal(err)
			}
		}
	}
	ix.Close()
	if ix, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer func() { ix.Close() }()
	if got := ix.sh.sortField(); got != fPublished {
		t.Fatalf("index with quotes before sort_time sorts by %s", got)
	}
	later := []Entry{
		article("s3", "AP", "2025-05-10T10:00:00Z", []string{`"Second," Ada Quist said.`}, quoteSpec{text: "Second", speaker: "Ada Quist"}),
		article("s4", "AP", "2025-07-01T10:00:00Z", []string{`"Fourth," Ada Quist said.`}, quoteSpec{text: "Fourth", speaker: "Ada Quist"}),
	}
	if err := ix.PutBatch(ctx, later); err != nil {
		t.Fatal(err)
	}
	want := []string{"Fourth", "Third", "Second", "First"}
	if got := texts(doSearch(t, ix, quotes.SearchRequest{Sort: quotes.SortNewest})); !slices.Equal(got, want) {
		t.Errorf("before a reindex, newest first = %q, want %q", got, want)
	}
	byID := map[string][]quotes.Quote{}
	for _, e := range append(old, later...) {
		byID[e.Article.ID] = e.Quotes
	}
	if _, err := ix.Reindex(ctx, func(a quotes.Article) []quotes.Quote { return byID[a.ID] }, nil); err != nil {
		t.Fatal(err)
	}
	if got := ix.sh.sortField(); got != fSortTime {
		t.Errorf("reindexed index sorts by %s", got)
	}
	if got := texts(doSearch(t, ix, quotes.SearchRequest{Sort: quotes.SortNewest})); !slices.Equal(got, want) {
		t.Errorf("after a reindex, newest first = %q, want %q", got, want)
	}
}

// Every query either becomes a bleve query the index can run, or is
// refused as invalid or over a limit: none panics or fails otherwise.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		`wall AND trump`, `speaker:(trump OR "joe biden") AND NOT kind:partial`, `published:>"not a date"`,
		`quote:/[a-/`, `tax* OR *`, `a~5`, `spekaer:x`, `(a OR b`, `confidence:>0.8`, `--a`, `"AND"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		q, err := parseQuery(text)
		if err != nil {
			if c := quotes.ErrorCode(err); c != quotes.EINVALID && c != quotes.ELIMIT {
				t.Fatalf("parseQuery(%q): %v (code %q)", text, err, c)
			}
			return
		}
		if q == nil && strings.TrimSpace(text) != "" {
			t.Fatalf("parseQuery(%q) = nil", text)
		}
	})
}
