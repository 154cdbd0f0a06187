package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
)

// All texts below are invented for these tests.

// filler is a text of n pseudo-random letters, for tests about offsets
// only: no stretch of it repeats, so the repeated-text rule stays out.
func filler(n int) string {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('a' + r.IntN(26))
	}
	return string(b)
}

// gold returns a gold quote of the given kind at s:e of text, with a
// speaker.
func gold(text string, s, e int, kind string) Gold {
	return Gold{Text: text[s:e], Start: s, End: e, Kind: kind, Speaker: "Tom Reyes", Speech: true}
}

// pred returns a prediction of the given kind at s:e of text, by the same
// speaker as gold's.
func pred(text string, s, e int, kind quotes.Kind) quotes.Quote {
	return quotes.Quote{Text: text[s:e], Start: s, End: e, Kind: kind, Speaker: "Tom Reyes"}
}

// at returns the span of the n-th (from 1) occurrence of sub in text.
func at(t *testing.T, text, sub string, n int) (int, int) {
	t.Helper()
	off := 0
	for range n {
		i := strings.Index(text[off:], sub)
		if i < 0 {
			t.Fatalf("%q occurs fewer than %d times", sub, n)
		}
		off += i + len(sub)
	}
	return off - len(sub), off
}

// score scores one document on one subset and returns the row.
func score(d Doc, ps []quotes.Quote, s Subset) Row {
	return Score([]Doc{d}, [][]quotes.Quote{ps}, []Subset{s}).Files[0].Rows[0]
}

// counts is what tests check of a row: gold, predicted, matched.
type rowCounts struct{ gold, pred, match int }

func countsOf(r Row) rowCounts { return rowCounts{r.Gold, r.Predicted, r.Matched} }

func TestMatching(t *testing.T) {
	t.Parallel()
	text := filler(100)
	tests := []struct {
		name  string
		gold  []Gold
		preds []quotes.Quote
		want  rowCounts
	}{
		{
			name:  "half of the longer span, gold longer",
			gold:  []Gold{gold(text, 0, 20, "direct")},
			preds: []quotes.Quote{pred(text, 10, 30, quotes.KindDirect)},
			want:  rowCounts{gold: 1, pred: 1, match: 1},
		},
		{
			name:  "one byte short of half",
			gold:  []Gold{gold(text, 0, 20, "direct")},
			preds: []quotes.Quote{pred(text, 11, 31, quotes.KindDirect)},
			want:  rowCounts{gold: 1, pred: 1, match: 0},
		},
		{
			name:  "half of the longer span, prediction longer",
			gold:  []Gold{gold(text, 0, 10, "direct")},
			preds: []quotes.Quote{pred(text, 0, 20, quotes.KindDirect)},
			want:  rowCounts{gold: 1, pred: 1, match: 1},
		},
		{
			name:  "prediction too long",
			gold:  []Gold{gold(text, 0, 10, "direct")},
			preds: []quotes.Quote{pred(text, 0, 21, quotes.KindDirect)},
			want:  rowCounts{gold: 1, pred: 1, match: 0},
		},
		{
			name: "one-to-one: the second prediction is spurious",
			gold: []Gold{gold(text, 0, 20, "direct")},
			preds: []quotes.Quote{
				pred(text, 2, 20, quotes.KindDirect),
				pred(text, 0, 19, quotes.KindDirect),
			},
			want: rowCounts{gold: 1, pred: 2, match: 1},
		},
		{
			name: "greedy by overlap: each gold gets a prediction",
			gold: []Gold{gold(text, 0, 20, "direct"), gold(text, 20, 30, "direct")},
			preds: []quotes.Quote{
				// Overlaps the second gold by 10 (of 18) and the first by 8.
				pred(text, 12, 30, quotes.KindDirect),
				// Overlaps the first gold by 12 (of 20).
				pred(text, 0, 12, quotes.KindDirect),
			},
			want: rowCounts{gold: 2, pred: 2, match: 2},
		},
		{
			name: "nested prediction is neutral",
			gold: []Gold{gold(text, 10, 60, "mixed")},
			preds: []quotes.Quote{
				pred(text, 10, 60, quotes.KindIndirect),
				pred(text, 30, 40, quotes.KindPartial),
			},
			want: rowCounts{gold: 1, pred: 1, match: 1},
		},
		{
			name: "nested in an unmatched prediction is still neutral",
			gold: []Gold{gold(text, 80, 90, "direct")},
			preds: []quotes.Quote{
				pred(text, 10, 60, quotes.KindIndirect),
				pred(text, 30, 40, quotes.KindPartial),
			},
			want: rowCounts{gold: 1, pred: 1, match: 0},
		},
		{
			name:  "lone partial is spurious",
			gold:  []Gold{gold(text, 10, 60, "mixed")},
			preds: []quotes.Quote{pred(text, 30, 40, quotes.KindPartial)},
			want:  rowCounts{gold: 1, pred: 1, match: 0},
		},
		{
			name: "duplicate span is not nested",
			gold: []Gold{gold(text, 10, 20, "direct")},
			preds: []quotes.Quote{
				pred(text, 10, 20, quotes.KindDirect),
				pred(text, 10, 20, quotes.KindPartial),
			},
			want: rowCounts{gold: 1, pred: 2, match: 1},
		},
		{
			name:  "prediction outside the text is clamped",
			gold:  []Gold{gold(text, 90, 100, "direct")},
			preds: []quotes.Quote{{Start: 90, End: 140, Kind: quotes.KindDirect}},
			want:  rowCounts{gold: 1, pred: 1, match: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Doc{ID: "d", Text: text, Gold: tt.gold}
			if got := countsOf(score(d, tt.preds, All())); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestRepeatedText(t *testing.T) {
	t.Parallel()
	text := "The mayor called it “a fair deal” at noon. Later, her rival said the plan was “a fair deal,” too, and the clerk disagreed."
	s1, e1 := at(t, text, "a fair deal", 1)
	s2, e2 := at(t, text, "a fair deal,", 1)
	g := gold(text, s1, e1, "partial") // the gold points at the first one

	t.Run("rescued", func(t *testing.T) {
		d := Doc{ID: "d", Text: text, Gold: []Gold{g}}
		// The prediction is at the second occurrence, with its comma.
		r := score(d, []quotes.Quote{pred(text, s2, e2, quotes.KindPartial)}, All())
		if got, want := countsOf(r), (rowCounts{1, 1, 1}); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
		if r.Exact.TP != 1 {
			t.Errorf("exact TP = %d, want 1 (trimmed texts are equal)", r.Exact.TP)
		}
	})
	t.Run("other text not rescued", func(t *testing.T) {
		d := Doc{ID: "d", Text: text, Gold: []Gold{g}}
		s, e := at(t, text, "a fair deal,” too", 1)
		r := score(d, []quotes.Quote{pred(text, s, e, quotes.KindPartial)}, All())
		if got, want := countsOf(r), (rowCounts{1, 1, 0}); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
	t.Run("matched prediction not taken", func(t *testing.T) {
		// Two gold quotes of the same text; one prediction at the first
		// occurrence matches the first gold, the second is rescued.
		d := Doc{ID: "d", Text: text, Gold: []Gold{g, g}}
		ps := []quotes.Quote{pred(text, s1, e1, quotes.KindPartial), pred(text, s2, e2, quotes.KindPartial)}
		if got, want := countsOf(score(d, ps, All())), (rowCounts{2, 2, 2}); got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
}

func TestSubsets(t *testing.T) {
	t.Parallel()
	text := filler(200)
	notSpeech := gold(text, 50, 90, "indirect")
	notSpeech.Speech = false
	d := Doc{ID: "d", Text: text, Gold: []Gold{
		gold(text, 0, 20, "direct"),
		notSpeech,
		gold(text, 100, 140, "mixed"),
	}}
	ps := []quotes.Quote{
		pred(text, 0, 20, quotes.KindDirect),        // matches the direct gold
		pred(text, 50, 90, quotes.KindIndirect),     // matches the belief
		pred(text, 45, 85, quotes.KindIndirect),     // unmatched, over the belief
		pred(text, 100, 140, quotes.KindDirect),     // matches the mixed gold
		pred(text, 150, 160, quotes.KindDirect),     // spurious
		pred(text, 170, 180, quotes.Kind("belief")), // a kind of the future
	}
	tests := []struct {
		subset Subset
		want   rowCounts
	}{
		{All(), rowCounts{gold: 3, pred: 3 + 3, match: 3}},
		// The unmatched prediction over the belief and the belief kind do
		// not count.
		{Speech(), rowCounts{gold: 2, pred: 2 + 1, match: 2}},
		{Kinds("direct"), rowCounts{gold: 1, pred: 1 + 1, match: 1}},
		// The belief is an indirect gold quote: the unmatched indirect
		// prediction over it is spurious here; the direct one is not
		// covered.
		{Kinds("indirect"), rowCounts{gold: 1, pred: 1 + 1, match: 1}},
		// mixed covers indirect predictions; the one over the belief
		// overlaps gold outside the subset.
		{Kinds("mixed"), rowCounts{gold: 1, pred: 1, match: 1}},
		{Kinds("direct", "mixed"), rowCounts{gold: 2, pred: 2 + 1, match: 2}},
		{Kinds("belief"), rowCounts{gold: 0, pred: 1, match: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.subset.Name, func(t *testing.T) {
			if got := countsOf(score(d, ps, tt.subset)); got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}

	names := func(ss []Subset) string {
		var n []string
		for _, s := range ss {
			n = append(n, s.Name)
		}
		return strings.Join(n, " ")
	}
	if got, want := names(DefaultSubsets([]Doc{d})), "all direct indirect mixed speech"; got != want {
		t.Errorf("DefaultSubsets = %s, want %s", got, want)
	}
	if got, want := Kinds("direct", "mixed", "direct").Name, "direct,mixed"; got != want {
		t.Errorf("Kinds name = %q, want %q", got, want)
	}
}

func TestExactAndCoverage(t *testing.T) {
	t.Parallel()
	text := "Reyes said: “We will fix the bridge by spring, and the road after that.” Then he left the hall, " +
		"walked to the square, spoke to a few neighbours about their gardens and drove home before dark."
	s, e := at(t, text, "We will fix the bridge by spring, and the road after that.", 1)
	d := Doc{ID: "d", Text: text, Gold: []Gold{gold(text, s, e, "direct")}}
	tests := []struct {
		name                      string
		ps, pe                    int
		span, exact, cov30, cov80 int // TP under each rule
	}{
		{"identical", s, e, 1, 1, 1, 1},
		{"with the marks", s - len("“"), e + len("”"), 1, 1, 1, 1},
		{"without the period", s, e - 1, 1, 1, 1, 1},
		{"one word short", s, e - len(" that."), 1, 0, 1, 1},
		{"a third", s, s + (e-s)/3, 0, 0, 1, 0},
		{"a quarter", s, s + (e-s)/4, 0, 0, 0, 0},
		// Covers all the gold, but is more than twice as long.
		{"far too long", 0, len(text), 0, 0, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := score(d, []quotes.Quote{pred(text, tt.ps, tt.pe, quotes.KindDirect)}, All())
			got := [4]int{r.Span.TP, r.Exact.TP, r.Cover30.TP, r.Cover80.TP}
			if want := [4]int{tt.span, tt.exact, tt.cov30, tt.cov80}; got != want {
				t.Errorf("TP span, exact, cover30, cover80 = %v, want %v", got, want)
			}
			if r.Cover30.Predicted != 1 {
				t.Errorf("cover30 predicted = %d, want 1", r.Cover30.Predicted)
			}
		})
	}
}

func TestSpeakerRight(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		g    Gold
		p    quotes.Quote
		want bool
	}{
		{"same name", Gold{Speaker: "Tom Reyes"}, quotes.Quote{Speaker: "Tom Reyes"}, true},
		{"case", Gold{Speaker: "TOM REYES"}, quotes.Quote{Speaker: "Tom Reyes"}, true},
		{"last name", Gold{Speaker: "Reyes"}, quotes.Quote{Speaker: "Tom Reyes"}, true},
		{"other last name", Gold{Speaker: "Tom Reyes"}, quotes.Quote{Speaker: "Tom Ortiz"}, false},
		{"title", Gold{Speaker: "Gov. Jane Alvarez"}, quotes.Quote{Speaker: "Jane Alvarez"}, true},
		{"title after the name", Gold{Speaker: "Jane Alvarez"}, quotes.Quote{Speaker: "Alvarez Jr."}, true},
		{"possessive", Gold{Speaker: "Alvarez’s"}, quotes.Quote{Speaker: "Jane Alvarez"}, true},
		{"title only", Gold{Speaker: "the mayor"}, quotes.Quote{Speaker: "Mayor"}, true},
		{"title is not a name", Gold{Speaker: "the mayor"}, quotes.Quote{Speaker: "Tom Reyes"}, false},
		{"one of speakers", Gold{Speaker: "the council", Speakers: []string{"the council", "Ana Ruiz"}}, quotes.Quote{Speaker: "Ana Ruiz"}, true},
		// Resolved gold (no speaker span): the name must be the entity's.
		{"resolved: a mention is no name", Gold{Speaker: "a spokesperson", SpeakerMention: "Ruiz"}, quotes.Quote{Speaker: "Ana Ruiz"}, false},
		{"resolved: pronoun", Gold{Speaker: "Ana Ruiz", SpeakerMention: "she"}, quotes.Quote{Speaker: "she", SpeakerMention: "she"}, false},
		{"resolved: description for a name", Gold{Speaker: "Charles Kennedy", SpeakerMention: "the Lib Dem leader"},
			quotes.Quote{Speaker: "the Lib Dem leader"}, false},
		{"resolved: surname alone", Gold{Speaker: "Charles Kennedy"}, quotes.Quote{Speaker: "Kennedy"}, true},
		{"resolved: honorific and surname", Gold{Speaker: "Michael Howard"}, quotes.Quote{Speaker: "Mr Howard"}, true},
		{"resolved: middle initial", Gold{Speaker: "Donald Trump"}, quotes.Quote{Speaker: "Donald J. Trump"}, true},
		{"resolved: initial for first name", Gold{Speaker: "John Prescott"}, quotes.Quote{Speaker: "J. Prescott"}, true},
		{"resolved: other first name", Gold{Speaker: "Hillary Clinton"}, quotes.Quote{Speaker: "Bill Clinton"}, false},
		{"resolved: unnamed source kept", Gold{Speaker: "a spokesman"}, quotes.Quote{Speaker: "a spokesman for the ministry"}, true},
		{"resolved: unnamed source named", Gold{Speaker: "analysts"}, quotes.Quote{Speaker: "Tom Analysts"}, false},
		{"resolved: several speakers", Gold{Speaker: "John Okafor and Mae Lin"}, quotes.Quote{Speaker: "John Okafor", Speakers: []string{"John Okafor", "Lin"}}, true},
		{"resolved: one of several speakers is not the gold's", Gold{Speaker: "John Okafor and Mae Lin"}, quotes.Quote{Speaker: "John Okafor", Speakers: []string{"John Okafor", "Tom Reyes"}}, false},
		{"resolved: one speaker of two", Gold{Speaker: "John Okafor and Mae Lin"}, quotes.Quote{Speaker: "John Okafor"}, false},
		{"resolved: same words, other case", Gold{Speaker: "Analysts"}, quotes.Quote{Speaker: "analysts"}, true},
		{"resolved: unnamed source, other head", Gold{Speaker: "a spokesman"}, quotes.Quote{Speaker: "police"}, false},
		{"mention span overlaps", Gold{Speaker: "she", SpeakerMention: "she", SpeakerStart: 40, SpeakerEnd: 43},
			quotes.Quote{Speaker: "Ana Ruiz", SpeakerMention: "she", SpeakerStart: 40, SpeakerEnd: 43}, true},
		{"mention span apart", Gold{Speaker: "she", SpeakerStart: 40, SpeakerEnd: 43},
			quotes.Quote{Speaker: "Ana Ruiz", SpeakerStart: 50, SpeakerEnd: 53}, false},
		{"no predicted span (0/0)", Gold{Speaker: "she", SpeakerStart: 0, SpeakerEnd: 3},
			quotes.Quote{Speaker: "Ana Ruiz"}, false},
		{"no source, none predicted", Gold{NoSource: true}, quotes.Quote{}, true},
		{"no source, empty speaker", Gold{}, quotes.Quote{Speaker: " "}, true},
		{"no source, one predicted", Gold{NoSource: true}, quotes.Quote{Speaker: "Ana Ruiz"}, false},
		{"none predicted", Gold{Speaker: "Ana Ruiz"}, quotes.Quote{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := speakerRight(&tt.g, &tt.p); got != tt.want {
				t.Errorf("speakerRight(%+v, %+v) = %v, want %v", tt.g, tt.p, got, tt.want)
			}
		})
	}
}

func TestCueRight(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		g    Gold
		p    quotes.Quote
		want bool
	}{
		{"same", Gold{Cue: "said"}, quotes.Quote{Cue: "said"}, true},
		{"case and punctuation", Gold{Cue: "According to "}, quotes.Quote{Cue: "according  to,"}, true},
		{"other verb", Gold{Cue: "told"}, quotes.Quote{Cue: "said"}, false},
		{"spans overlap", Gold{Cue: "told reporters", CueStart: 10, CueEnd: 24}, quotes.Quote{Cue: "told", CueStart: 10, CueEnd: 14}, true},
		{"spans apart", Gold{Cue: "told", CueStart: 10, CueEnd: 14}, quotes.Quote{Cue: "added", CueStart: 30, CueEnd: 35}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cueRight(&tt.g, &tt.p); got != tt.want {
				t.Errorf("cueRight = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestScoreRowAndCases(t *testing.T) {
	t.Parallel()
	text := "“The bridge will open in May,” Reyes said. Ruiz said the date was too early.\nShe added that “nobody asked” the residents. The film “Bridges” opened."
	s1, e1 := at(t, text, "The bridge will open in May,", 1)
	s2, e2 := at(t, text, "the date was too early", 1)
	s3, e3 := at(t, text, "nobody asked", 1)
	ns, ne := at(t, text, "Bridges", 1)
	g1 := gold(text, s1, e1, "direct")
	g1.Cue = "said"
	g2 := gold(text, s2, e2, "indirect")
	g2.Speaker, g2.Cue = "Ruiz", "said"
	g3 := gold(text, s3, e3, "partial")
	g3.Speaker = "Ruiz"
	d := Doc{ID: "d1", File: "f.jsonl", Text: text, Gold: []Gold{g1, g2, g3},
		NotQuotes: []NotQuote{{Text: text[ns:ne], Start: ns, End: ne, Why: "a title"}}}

	p1 := pred(text, s1, e1, quotes.KindDirect)
	p1.Cue = "said"
	p2 := pred(text, s2, e2, quotes.KindIndirect) // speaker wrong
	p2.Cue = "added"
	p4 := pred(text, ns, ne, quotes.KindDirect) // spurious, on a not-quote
	r := Score([]Doc{d}, [][]quotes.Quote{{p1, p2, p4}}, []Subset{All()})
	f := r.Files[0]
	row := f.Rows[0]
	if got, want := countsOf(row), (rowCounts{3, 3, 2}); got != want {
		t.Fatalf("counts %+v, want %+v", got, want)
	}
	if row.Speaker != (Accuracy{Right: 1, Of: 2, Value: 0.5}) {
		t.Errorf("speaker = %+v, want 1 of 2", row.Speaker)
	}
	if row.Cue != (Accuracy{Right: 1, Of: 2, Value: 0.5}) {
		t.Errorf("cue = %+v, want 1 of 2", row.Cue)
	}
	if e := row.EndToEnd; e.TP != 1 || e.Precision != 1.0/3 || e.Recall != 1.0/3 {
		t.Errorf("end to end = %+v, want 1 of 3 and 1 of 3", e)
	}
	if s := row.Span; s.Precision != 2.0/3 || s.Recall != 2.0/3 || s.F1 < 0.666 || s.F1 > 0.667 {
		t.Errorf("span = %+v, want P = R = F1 = 2/3", s)
	}
	if f.NotQuotes != 1 || f.NotQuoteHits != 1 || len(f.OnNotQuotes) != 1 || f.OnNotQuotes[0].Why != "a title" {
		t.Errorf("not quotes %d, hits %d, cases %+v; want 1, 1 and one case", f.NotQuotes, f.NotQuoteHits, f.OnNotQuotes)
	}
	if len(f.Missed) != 1 || f.Missed[0].Start != s3 || !strings.Contains(f.Missed[0].Context, "⟦nobody asked⟧") {
		t.Errorf("missed = %+v, want the partial quote in context", f.Missed)
	}
	if !strings.Contains(f.Missed[0].Context, " ¶ She added") {
		t.Errorf("context %q: want the line break shown as ¶", f.Missed[0].Context)
	}
	if len(f.Spurious) != 1 || f.Spurious[0].Start != ns {
		t.Errorf("spurious = %+v, want the title", f.Spurious)
	}
	if len(f.Misattributed) != 1 || f.Misattributed[0].GoldSpeaker != "Ruiz" || f.Misattributed[0].Speaker != "Tom Reyes" {
		t.Errorf("misattributed = %+v, want gold Ruiz, predicted Tom Reyes", f.Misattributed)
	}
	if r.Total.File != "total" || !reflect.DeepEqual(r.Total.Rows[0], row) || len(r.Total.Missed) != 0 {
		t.Errorf("total = %+v, want the file's row and no cases", r.Total)
	}

	r.LimitCases(0)
	if f := r.Files[0]; f.Missed != nil || f.Spurious != nil || f.Misattributed != nil || f.OnNotQuotes != nil {
		t.Errorf("LimitCases(0) kept cases: %+v", f)
	}
}

func TestNotQuoteOverlap(t *testing.T) {
	t.Parallel()
	text := filler(100)
	d := Doc{ID: "d", File: "f", Text: text, NotQuotes: []NotQuote{{Start: 50, End: 60}}}
	tests := []struct {
		s, e int
		hit  bool
	}{
		{52, 58, true},  // inside
		{40, 55, true},  // 5 of the shorter 10
		{40, 54, false}, // 4 of the shorter 10
		{0, 100, true},  // all of the shorter
		{60, 70, false}, // touching
	}
	for _, tt := range tests {
		r := Score([]Doc{d}, [][]quotes.Quote{{pred(text, tt.s, tt.e, quotes.KindDirect)}}, []Subset{All()})
		if got := r.Files[0].NotQuoteHits == 1; got != tt.hit {
			t.Errorf("prediction %d:%d on not-quote 50:60: hit %v, want %v", tt.s, tt.e, got, tt.hit)
		}
	}
}

func TestScoreFilesAndTotal(t *testing.T) {
	t.Parallel()
	text := filler(50)
	docs := []Doc{
		{ID: "a", File: "one", Text: text, Gold: []Gold{gold(text, 0, 10, "direct")}},
		{ID: "b", File: "two", Text: text, Gold: []Gold{gold(text, 0, 10, "direct")}},
		{ID: "c", File: "one", Text: text, Gold: []Gold{gold(text, 20, 30, "direct")}},
	}
	preds := [][]quotes.Quote{{pred(text, 0, 10, quotes.KindDirect)}, nil} // c: missing entry
	r := Score(docs, preds, []Subset{All(), Speech()})
	if len(r.Files) != 2 || r.Files[0].File != "one" || r.Files[0].Docs != 2 || r.Files[1].Docs != 1 {
		t.Fatalf("files = %+v, want one (2 docs), two (1 doc)", r.Files)
	}
	if got, want := countsOf(r.Files[0].Rows[0]), (rowCounts{2, 1, 1}); got != want {
		t.Errorf("file one: %+v, want %+v", got, want)
	}
	if got, want := countsOf(r.Total.Rows[1]), (rowCounts{3, 1, 1}); got != want {
		t.Errorf("total speech: %+v, want %+v", got, want)
	}
	r.SetTiming(docs, []time.Duration{time.Second, time.Second, 2 * time.Second})
	if f := r.Files[0]; f.ExtractSeconds != 3 || f.MBPerSecond != 100.0/1e6/3 {
		t.Errorf("file one timing: %v s, %v MB/s", f.ExtractSeconds, f.MBPerSecond)
	}
	if r.Total.ExtractSeconds != 4 || r.Total.Bytes != 150 {
		t.Errorf("total timing: %v s over %d bytes", r.Total.ExtractSeconds, r.Total.Bytes)
	}
}

// fakeExtractor returns one direct quote over the whole text and records
// the articles it was given.
type fakeExtractor struct{ got []quotes.Article }

func (x *fakeExtractor) Extract(a quotes.Article) []quotes.Quote {
	x.got = append(x.got, a)
	return []quotes.Quote{{Start: 0, End: len(a.Text), Kind: quotes.KindDirect}}
}

func TestRun(t *testing.T) {
	t.Parallel()
	docs := []Doc{
		{ID: "a", Title: "A title", Outlet: "The Courier", Published: "2025-05-19", Text: "one"},
		{ID: "b", Text: "two"},
	}
	x := &fakeExtractor{}
	preds, took, err := Run(context.Background(), docs, x)
	if err != nil || len(preds) != 2 || len(took) != 2 || preds[1][0].End != 3 {
		t.Fatalf("Run = %v, %v, %v", preds, took, err)
	}
	a := x.got[0]
	if a.ID != "a" || a.Title != "A title" || a.Outlet != "The Courier" || a.Text != "one" ||
		!a.Published.Equal(time.Date(2025, 5, 19, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("article = %+v", a)
	}
	if !x.got[1].Published.IsZero() {
		t.Errorf("article without a date got %v", x.got[1].Published)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Run(ctx, docs, x); err == nil {
		t.Errorf("Run with a cancelled context: no error")
	}
}

// jsonLine returns a JSONL document line for text with the given quotes.
func jsonLine(t *testing.T, id, text string, qs ...map[string]any) string {
	t.Helper()
	if qs == nil {
		qs = []map[string]any{}
	}
	b, err := json.Marshal(map[string]any{"id": id, "source": "test", "outlet": "The Courier",
		"published": "2025-05-19", "title": "T", "text": text, "quotes": qs, "extra": []int{1}})
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

const loadText = "“We will fix it,” Reyes said. Ruiz thinks it will rain."

func TestLoadJSONL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, e := at(t, loadText, "We will fix it,", 1)
	bs, be := at(t, loadText, "it will rain", 1)
	good := jsonLine(t, "a", loadText,
		map[string]any{"quote": loadText[s:e], "start": s, "end": e, "kind": "direct", "speaker": "Reyes",
			"speaker_mention": "Reyes", "cue": "said", "speaker_start": 20, "speaker_end": 25, "unknown": "x"},
		map[string]any{"quote": loadText[bs:be], "start": bs, "end": be, "kind": "indirect", "speaker": "Ruiz",
			"speech": false, "no_source": false})
	long := strings.Repeat("word ", 300_000) // a line of more than 1 MB
	path := filepath.Join(dir, "g.jsonl")
	if err := os.WriteFile(path, []byte(good+"\n"+jsonLine(t, "", long)), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d docs, want 2", len(docs))
	}
	d := docs[0]
	if d.File != path || d.Line != 1 || d.ID != "a" || d.Outlet != "The Courier" || d.Published != "2025-05-19" || d.Title != "T" {
		t.Errorf("doc = %+v", d)
	}
	if len(d.Gold) != 2 || !d.Gold[0].Speech || d.Gold[1].Speech || d.Gold[0].SpeakerEnd != 25 || d.Gold[0].Text != loadText[s:e] {
		t.Errorf("gold = %+v", d.Gold)
	}
	if docs[1].Line != 3 || docs[1].ID != "g.jsonl:3" || len(docs[1].Text) != len(long) {
		t.Errorf("long doc: line %d, id %q, %d bytes", docs[1].Line, docs[1].ID, len(docs[1].Text))
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	s, e := at(t, loadText, "We will fix it,", 1)
	q := func(kv ...any) map[string]any {
		m := map[string]any{"quote": loadText[s:e], "start": s, "end": e, "kind": "direct"}
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == nil {
				delete(m, kv[i].(string))
			} else {
				m[kv[i].(string)] = kv[i+1]
			}
		}
		return m
	}
	n := len(loadText)
	tests := []struct {
		name, content, want string
	}{
		{"bad JSON", jsonLine(t, "a", loadText) + "{\"id\": \"b\", \"text\": \n", "g.jsonl:2: bad JSON"},
		{"not an object", "[1, 2]\n", "g.jsonl:1: bad JSON"},
		{"no text", `{"id": "a", "quotes": []}` + "\n", `g.jsonl:1: document "a" has no "text"`},
		{"end beyond the text", jsonLine(t, "a", loadText, q("end", n+1, "quote", nil)),
			fmt.Sprintf(`g.jsonl:1: document "a": quote 1: end %d is beyond the text (%d bytes)`, n+1, n)},
		{"negative start", jsonLine(t, "a", loadText, q("start", -1, "quote", nil)), "quote 1: start -1 is negative"},
		{"end before start", jsonLine(t, "a", loadText, q("start", 5, "end", 4, "quote", nil)), "quote 1: end 4 is before start 5"},
		{"no start", jsonLine(t, "a", loadText, q(), q("start", nil)), `quote 2: no "start"`},
		{"no kind", jsonLine(t, "a", loadText, q("kind", "")), `quote 1: no "kind"`},
		{"quote text differs", jsonLine(t, "a", loadText, q("start", s+1, "end", e+1)), "quote 1: text[4:19] is"},
		{"speaker span out", jsonLine(t, "a", loadText, q("speaker_start", 5, "speaker_end", n+5)), "quote 1: speaker_end"},
		{"cue span reversed", jsonLine(t, "a", loadText, q("cue_start", 9, "cue_end", 3)), "quote 1: cue_end 3 is before cue_start 9"},
		{"bad date", strings.Replace(jsonLine(t, "a", loadText), "2025-05-19", "soon", 1), `published: cannot read "soon"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "g.jsonl")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load error = %v, want …%s…", err, tt.want)
			}
		})
	}
}

func TestLoadGoldJSON(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, e := at(t, loadText, "We will fix it,", 1)
	ns, ne := at(t, loadText, "Ruiz", 1)
	obj := map[string]any{
		"id": "", "source": "The Courier", "published": "2025-05-19",
		"quotes":     []map[string]any{{"quote": loadText[s:e], "start": s, "end": e, "kind": "direct", "speaker": "Reyes"}},
		"not_quotes": []map[string]any{{"text": "Ruiz", "start": ns, "end": ne, "why": "a name"}},
		"claims":     []any{map[string]any{"other": true}},
	}
	b, _ := json.Marshal(obj)
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	path := write("sub/art.gold.json", string(b))
	write("sub/art.txt", loadText)

	docs, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.ID != "art" || d.Outlet != "The Courier" || d.Text != loadText || len(d.Gold) != 1 || d.Line != 0 {
		t.Errorf("doc = %+v", d)
	}
	if len(d.NotQuotes) != 1 || d.NotQuotes[0] != (NotQuote{Text: "Ruiz", Start: ns, End: ne, Why: "a name"}) {
		t.Errorf("not quotes = %+v", d.NotQuotes)
	}

	// A folder: both kinds of file, other files ignored.
	write("sub/notes.md", "ignored")
	write("a.jsonl", jsonLine(t, "j", loadText))
	docs, err = Load(dir)
	if err != nil || len(docs) != 2 || docs[0].ID != "j" || docs[1].ID != "art" {
		t.Errorf("Load(folder) = %d docs, %v", len(docs), err)
	}

	// Missing text file.
	lone := write("lone.gold.json", string(b))
	if _, err := Load(lone); err == nil || !strings.Contains(err.Error(), "lone.gold.json: read the article text (the sibling lone.txt)") {
		t.Errorf("missing .txt: %v", err)
	}
	// Text given in the object: no sibling needed.
	obj["text"] = loadText
	b2, _ := json.Marshal(obj)
	if docs, err := Load(write("inline.gold.json", string(b2))); err != nil || docs[0].Text != loadText {
		t.Errorf("inline text: %v", err)
	}
	// A not-quote out of the text.
	obj["not_quotes"] = []map[string]any{{"start": 3, "end": 900}}
	b3, _ := json.Marshal(obj)
	if _, err := Load(write("nq.gold.json", string(b3))); err == nil || !strings.Contains(err.Error(), "not_quote 1: end 900 is beyond") {
		t.Errorf("bad not_quote: %v", err)
	}
	// Bad JSON, another suffix, nothing there.
	if _, err := Load(write("bad.gold.json", "{")); err == nil || !strings.Contains(err.Error(), "bad.gold.json: bad JSON") {
		t.Errorf("bad JSON: %v", err)
	}
	if _, err := Load(write("x.json", "{}")); err == nil || !strings.Contains(err.Error(), "not a gold file") {
		t.Errorf("x.json: %v", err)
	}
	if _, err := Load(filepath.Join(dir, "nothing.jsonl")); err == nil {
		t.Errorf("missing file: no error")
	}
	if _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no gold files") {
		t.Errorf("empty folder: %v", err)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"He said “yes.”","quotes":[{"quote":"yes.","start":11,"end":15,"kind":"direct","speaker":"He"}]}` + "\n"))
	f.Add([]byte(`{"text":"abc","quotes":[{"start":0,"end":3,"kind":"mixed","speech":false,"speaker_start":1,"speaker_end":2}]}`))
	f.Add([]byte("\n\n{}\n[]"))
	f.Add([]byte(`{"text":"é","quotes":[{"start":1,"end":2,"kind":"x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := readJSONL(bytes.NewReader(data), "f.jsonl")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.jsonl:") {
				t.Errorf("error %q does not name the file and line", err)
			}
			return
		}
		preds := make([][]quotes.Quote, len(docs))
		for i, d := range docs {
			for _, g := range d.Gold {
				if g.Start < 0 || g.Start > g.End || g.End > len(d.Text) || d.Text[g.Start:g.End] != g.Text {
					t.Fatalf("gold %+v out of its text (%d bytes)", g, len(d.Text))
				}
				preds[i] = append(preds[i], quotes.Quote{Start: g.Start, End: g.End, Kind: PredictedKind(g.Kind), Speaker: g.Speaker})
			}
		}
		r := Score(docs, preds, DefaultSubsets(docs))
		for _, row := range r.Total.Rows {
			if row.Matched > row.Gold || row.Matched > row.Predicted || row.Span.Precision > 1 || row.Span.Recall > 1 {
				t.Fatalf("row %+v out of bounds", row)
			}
		}
	})
}

// TestSharedGold loads the project's shared gold data when it is there
// and scores the gold quotes as predictions: every row must be perfect.
func TestSharedGold(t *testing.T) {
	t.Parallel()
	seed := filepath.Join("..", "..", "shared", "corpus", "seed")
	if _, err := os.Stat(seed); err != nil {
		t.Skipf("no shared seed corpus at %s", seed)
	}
	docs, err := Load(seed)
	if err != nil {
		t.Fatal(err)
	}
	dev := filepath.Join("..", "..", "shared", "corpus", "gold", "polnear.dev.jsonl")
	if _, err := os.Stat(dev); err == nil {
		more, err := Load(dev)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, more...)
	}
	preds := make([][]quotes.Quote, len(docs))
	for i, d := range docs {
		for _, g := range d.Gold {
			if g.End > g.Start {
				preds[i] = append(preds[i], quotes.Quote{
					Start: g.Start, End: g.End, Kind: PredictedKind(g.Kind),
					Speaker: g.Speaker, SpeakerMention: g.SpeakerMention, SpeakerStart: g.SpeakerStart, SpeakerEnd: g.SpeakerEnd,
					Cue: g.Cue, CueStart: g.CueStart, CueEnd: g.CueEnd,
				})
			}
		}
	}
	r := Score(docs, preds, DefaultSubsets(docs))
	for _, row := range r.Total.Rows {
		if row.Gold > 0 && (row.Span.F1 != 1 || row.Exact.F1 != 1 || row.Speaker.Value != 1 || row.Cue.Value != 1) {
			t.Errorf("gold as predictions, row %s: %+v", row.Subset, row)
		}
	}
	if r.Total.NotQuoteHits != 0 {
		t.Errorf("gold quotes over not-quotes: %d", r.Total.NotQuoteHits)
	}
}
