package index

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/quotesproject/quotes"
)

// extractQuoted is the test's extractor: every text between straight
// double quotes is a direct quote of "Ben Oduya", who said none of them.
func extractQuoted(a quotes.Article) []quotes.Quote {
	var qs []quotes.Quote
	for off := 0; ; {
		i := strings.IndexByte(a.Text[off:], '"')
		if i < 0 {
			return qs
		}
		s := off + i + 1
		j := strings.IndexByte(a.Text[s:], '"')
		if j < 0 {
			return qs
		}
		e := s + j
		qs = append(qs, quotes.Quote{Text: a.Text[s:e], Start: s, End: e, Kind: quotes.KindDirect,
			Speaker: "Ben Oduya", SpeakerMention: "Oduya", Confidence: 0.6})
		off = e + 1
	}
}

const correctedText = `Ada Quist spoke on Monday. "We will build the bridge," she said. ` +
	`"Taxes will not rise," she added. Ben Oduya, her rival, was not there.`

// openCorrectable returns an index holding correctedText as article c1,
// with extractQuoted as its extractor.
func openCorrectable(t *testing.T) *Index {
	t.Helper()
	ix := openTest(t)
	ix.SetExtractor(extractQuoted)
	a := quotes.Article{ID: "c1", Outlet: "Wire", Text: correctedText}
	if err := ix.Put(context.Background(), a, extractQuoted(a)); err != nil {
		t.Fatal(err)
	}
	return ix
}

func quoteID(text string) string { return quotes.QuoteID("c1", quotes.KindDirect, text, 0) }

func intp(n int) *int { return &n }

func TestCorrections(t *testing.T) {
	ctx := context.Background()
	bridge, taxes := "We will build the bridge,", "Taxes will not rise,"
	bStart := strings.Index(correctedText, bridge)
	tests := []struct {
		name string
		reqs []quotes.CorrectionRequest
		// check runs on the quote of bridge (nil when it is hidden).
		want func(t *testing.T, q *quotes.Quote)
	}{
		{
			name: "speaker",
			reqs: []quotes.CorrectionRequest{{Action: quotes.CorrectQuote, QuoteID: quoteID(bridge), Speaker: "Ada Quist", Role: "mayor", Reason: "she said it", By: "desk"}},
			want: func(t *testing.T, q *quotes.Quote) {
				if q.Speaker != "Ada Quist" || q.Role != "mayor" || q.Confidence != 1 || q.SpeakerMention != "" {
					t.Errorf("speaker = %q, role %q, confidence %v, mention %q", q.Speaker, q.Role, q.Confidence, q.SpeakerMention)
				}
				if c := q.Corrected; c == nil || !slices.Equal(c.Fields, []string{"speaker"}) || c.By != "desk" || c.Reason != "she said it" || c.At.IsZero() {
					t.Errorf("corrected = %+v", c)
				}
			},
		},
		{
			name: "kind and span, the id kept",
			reqs: []quotes.CorrectionRequest{
				{Action: quotes.CorrectQuote, QuoteID: quoteID(bridge), Kind: quotes.KindPartial, Reason: "only part is quoted"},
				{Action: quotes.CorrectQuote, QuoteID: quoteID(bridge), Start: intp(bStart), End: intp(bStart + len(bridge) - 1), Reason: "no comma"},
			},
			want: func(t *testing.T, q *quotes.Quote) {
				if q.Kind != quotes.KindPartial || q.Text != "We will build the bridge" || q.Start != bStart {
					t.Errorf("quote = %q %s at %d", q.Text, q.Kind, q.Start)
				}
				if c := q.Corrected; c == nil || !slices.Equal(c.Fields, []string{"kind", "span"}) || c.Reason != "no comma" {
					t.Errorf("corrected = %+v", c)
				}
			},
		},
		{
			name: "hidden",
			reqs: []quotes.CorrectionRequest{{Action: quotes.HideQuote, QuoteID: quoteID(bridge), Reason: "not a quote"}},
		},
		{
			name: "hidden, then shown",
			reqs: []quotes.CorrectionRequest{
				{Action: quotes.HideQuote, QuoteID: quoteID(bridge), Reason: "not a quote"},
				{Action: quotes.ShowQuote, QuoteID: quoteID(bridge), Reason: "it was"},
			},
			want: func(t *testing.T, q *quotes.Quote) {
				if q.Speaker != "Ben Oduya" || q.Corrected != nil {
					t.Errorf("shown quote = %+v", q)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := openCorrectable(t)
			for _, r := range tt.reqs {
				if _, err := ix.Correct(ctx, r); err != nil {
					t.Fatalf("Correct(%+v): %v", r, err)
				}
			}
			check := func(when string) {
				t.Helper()
				q, err := ix.Quote(ctx, quoteID(bridge))
				if tt.want == nil {
					wantCode(t, err, quotes.ENOTFOUND)
					if res := doSearch(t, ix, quotes.SearchRequest{Query: "bridge"}); res.Total != 0 {
						t.Errorf("%s: hidden quote found by search", when)
					}
				} else if err != nil {
					t.Fatalf("%s: %v", when, err)
				} else {
					tt.want(t, q)
				}
				if _, err := ix.Quote(ctx, quoteID(taxes)); err != nil {
					t.Errorf("%s: the other quote: %v", when, err)
				}
			}
			check("after the correction")
			a, _ := ix.Article(ctx, "c1")
			if err := ix.Put(ctx, *a, extractQuoted(*a)); err != nil {
				t.Fatal(err)
			}
			check("after a re-ingest")
			if _, err := ix.Reindex(ctx, extractQuoted, nil); err != nil {
				t.Fatal(err)
			}
			check("after a reindex")
		})
	}
}

func TestCorrectionsRefused(t *testing.T) {
	ctx := context.Background()
	ix := openCorrectable(t)
	bridge := quoteID("We will build the bridge,")
	tests := []struct {
		name string
		req  quotes.CorrectionRequest
		code string
		msg  string
	}{
		{"no reason", quotes.CorrectionRequest{Action: quotes.CorrectQuote, QuoteID: bridge, Speaker: "Ada Quist"}, quotes.EINVALID, "needs a reason"},
		{"nothing changed", quotes.CorrectionRequest{Action: quotes.CorrectQuote, QuoteID: bridge, Reason: "x"}, quotes.EINVALID, "none given"},
		{"unknown kind", quotes.CorrectionRequest{Action: quotes.CorrectQuote, QuoteID: bridge, Kind: "rumour", Reason: "x"}, quotes.EINVALID, `"rumour" is not`},
		{"span past the text", quotes.CorrectionRequest{Action: quotes.CorrectQuote, QuoteID: bridge, Start: intp(10), End: intp(5000), Reason: "x"}, quotes.EINVALID, "outside the article's text"},
		{"half a span", quotes.CorrectionRequest{Action: quotes.CorrectQuote, QuoteID: bridge, Start: intp(10), Reason: "x"}, quotes.EINVALID, "both start and end"},
		{"no such quote", quotes.CorrectionRequest{Action: quotes.HideQuote, QuoteID: "nope", Reason: "x"}, quotes.ENOTFOUND, `no quote "nope"`},
		{"no such article", quotes.CorrectionRequest{Action: quotes.DeleteArticle, ArticleID: "nope", Reason: "x"}, quotes.ENOTFOUND, `no article "nope"`},
		{"restore a live article", quotes.CorrectionRequest{Action: quotes.RestoreArticle, ArticleID: "c1", Reason: "x"}, quotes.ECONFLICT, "is not deleted"},
		{"unknown action", quotes.CorrectionRequest{Action: "merge", QuoteID: bridge, Reason: "x"}, quotes.EINVALID, `"merge" is not`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Correct(ctx, tt.req)
			wantCode(t, err, tt.code)
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error %q does not say %q", err, tt.msg)
			}
		})
	}
	if got, _ := ix.Corrections(ctx, "", 0); len(got) != 0 {
		t.Errorf("refused corrections were logged: %+v", got)
	}
	q, _ := ix.Quote(ctx, bridge)
	if q.Corrected != nil || q.Speaker != "Ben Oduya" {
		t.Errorf("quote changed by refused corrections: %+v", q)
	}
}

func TestDeleteAndRestoreArticle(t *testing.T) {
	ctx := context.Background()
	ix := openCorrectable(t)
	if _, err := ix.Correct(ctx, quotes.CorrectionRequest{Action: quotes.DeleteArticle, ArticleID: "c1", Reason: "fabricated", By: "desk"}); err != nil {
		t.Fatal(err)
	}
	_, err := ix.Article(ctx, "c1")
	wantCode(t, err, quotes.ENOTFOUND)
	if res := doSearch(t, ix, quotes.SearchRequest{}); res.Total != 0 {
		t.Errorf("quotes of a deleted article found: %q", texts(res))
	}
	a := quotes.Article{ID: "c1", Text: correctedText}
	wantCode(t, ix.Put(ctx, a, extractQuoted(a)), quotes.ECONFLICT)
	other := quotes.Article{ID: "c2", Text: `"Fine," he said.`}
	err = ix.PutBatch(ctx, []Entry{{Article: a, Quotes: extractQuoted(a)}, {Article: other, Quotes: extractQuoted(other)}})
	var de *DeletedError
	if !errors.As(err, &de) || !slices.Equal(de.IDs, []string{"c1"}) || quotes.ErrorCode(err) != quotes.ECONFLICT {
		t.Errorf("PutBatch of a deleted article and another: %v; want a DeletedError naming c1", err)
	}
	if n, qs, _ := ix.Stats(ctx); n != 1 || qs != 1 {
		t.Errorf("after a bulk ingest of the deleted article and another: %d articles, %d quotes; want 1, 1", n, qs)
	}
	_, err = ix.Correct(ctx, quotes.CorrectionRequest{Action: quotes.DeleteArticle, ArticleID: "c1", Reason: "again"})
	wantCode(t, err, quotes.ECONFLICT)

	if _, err := ix.Correct(ctx, quotes.CorrectionRequest{Action: quotes.RestoreArticle, ArticleID: "c1", Reason: "it was real", By: "chief"}); err != nil {
		t.Fatal(err)
	}
	if n, qs, _ := ix.Stats(ctx); n != 2 || qs != 3 {
		t.Errorf("after the restore: %d articles, %d quotes; want 2, 3", n, qs)
	}
	log, err := ix.Corrections(ctx, "c1", 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range log {
		got = append(got, string(c.Action)+" by "+c.By+": "+c.Reason)
	}
	if want := []string{"restore_article by chief: it was real", "delete_article by desk: fabricated"}; !slices.Equal(got, want) {
		t.Errorf("audit log = %q, want %q", got, want)
	}
}

// Re-ingesting an edited article keeps the ids of the quotes whose words
// did not change, and a correction of a quote the edit removed is marked
// stale in the log.
func TestReingestEditedArticle(t *testing.T) {
	ctx := context.Background()
	ix := openCorrectable(t)
	taxes := quoteID("Taxes will not rise,")
	if _, err := ix.Correct(ctx, quotes.CorrectionRequest{Action: quotes.CorrectQuote, QuoteID: quoteID("We will build the bridge,"), Speaker: "Ada Quist", Reason: "r"}); err != nil {
		t.Fatal(err)
	}
	edited := quotes.Article{ID: "c1", Text: "Updated at noon.\n\n" + strings.Replace(correctedText, "build the bridge", "build two bridges", 1)}
	if err := ix.Put(ctx, edited, extractQuoted(edited)); err != nil {
		t.Fatal(err)
	}
	q, err := ix.Quote(ctx, taxes)
	if err != nil {
		t.Fatalf("the unchanged quote lost its id: %v", err)
	}
	if q.Start != strings.Index(edited.Text, "Taxes") {
		t.Errorf("the unchanged quote keeps its old offset %d", q.Start)
	}
	log, _ := ix.Corrections(ctx, "", 0)
	if len(log) != 1 || !log[0].Stale {
		t.Errorf("correction of a quote the edit removed: %+v, want it stale", log)
	}
}
