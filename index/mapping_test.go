package index

import (
	"slices"
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
	want := []string{"day", "kind", "outlet", "published", "speaker_key", "speakers"}
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
