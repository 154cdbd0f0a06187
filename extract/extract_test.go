package extract

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/eval"
)

// update rewrites testdata/expect from the extractor's output; review the
// diff before committing it.
var update = flag.Bool("update", false, "rewrite testdata/expect with the current output")

var (
	sharedOnce sync.Once
	sharedX    *Extractor
)

// extractor returns one Extractor for the whole test binary: building it
// loads models, which the package promises to do once per process.
func extractor(tb testing.TB) *Extractor {
	sharedOnce.Do(func() {
		x, err := New()
		if err != nil {
			tb.Fatalf("New: %v", err)
		}
		sharedX = x
	})
	return sharedX
}

// want is one expected quote of a testdata case.
type want struct {
	Quote   string `json:"quote"`
	Kind    string `json:"kind"`
	Speaker string `json:"speaker"`
	Cue     string `json:"cue"`
}

// TestCases runs the extractor on each article in testdata/articles, one
// per hard case, and compares every quote found (text, kind, speaker, cue)
// with testdata/expect: a quote missing, extra or misattributed fails.
func TestCases(t *testing.T) {
	files, err := filepath.Glob("../testdata/articles/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	x := extractor(t)
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join("../testdata/expect", name+".json"))
			if err != nil {
				t.Fatalf("expected output: %v", err)
			}
			var wants []want
			if err := json.Unmarshal(b, &wants); err != nil {
				t.Fatalf("expected output: %v", err)
			}
			got := x.Extract(quotes.Article{ID: name, Text: string(text)})
			checkOffsets(t, string(text), got)
			var gotW []want
			for _, q := range got {
				gotW = append(gotW, want{q.Text, string(q.Kind), q.Speaker, q.Cue})
			}
			if *update {
				out, err := json.MarshalIndent(gotW, "", " ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join("../testdata/expect", name+".json"), append(out, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, w := range wants {
				if !containsWant(gotW, w) {
					t.Errorf("missing %s quote %q by %q (cue %q)", w.Kind, w.Quote, w.Speaker, w.Cue)
				}
			}
			for _, g := range gotW {
				if !containsWant(wants, g) {
					t.Errorf("unexpected %s quote %q by %q (cue %q)", g.Kind, g.Quote, g.Speaker, g.Cue)
				}
			}
		})
	}
}

func containsWant(ws []want, w want) bool {
	for _, v := range ws {
		if v == w {
			return true
		}
	}
	return false
}

// checkOffsets asserts the contract on offsets: each quote's text is the
// article's text at its byte span, and mentions and cues lie in the text.
func checkOffsets(t *testing.T, text string, qs []quotes.Quote) {
	t.Helper()
	for _, q := range qs {
		if q.Start < 0 || q.End > len(text) || q.Start >= q.End {
			t.Fatalf("quote %q: bad span %d:%d", q.Text, q.Start, q.End)
		}
		if text[q.Start:q.End] != q.Text {
			t.Fatalf("quote %q: text at %d:%d is %q", q.Text, q.Start, q.End, text[q.Start:q.End])
		}
		if q.SpeakerMention != "" && text[q.SpeakerStart:q.SpeakerEnd] != q.SpeakerMention {
			t.Fatalf("quote %q: mention %q not at %d:%d", q.Text, q.SpeakerMention, q.SpeakerStart, q.SpeakerEnd)
		}
		if q.Cue != "" && (q.CueStart < 0 || q.CueEnd > len(text) || q.CueStart >= q.CueEnd) {
			t.Fatalf("quote %q: bad cue span %d:%d", q.Text, q.CueStart, q.CueEnd)
		}
		if !q.Kind.Valid() {
			t.Fatalf("quote %q: bad kind %q", q.Text, q.Kind)
		}
	}
}

// TestStableIDs: the same article gives the same quote ids, so re-ingest
// replaces quotes instead of adding them.
func TestStableIDs(t *testing.T) {
	x := extractor(t)
	a := quotes.Article{ID: "a1", Text: "“We will not back down,” Governor Jane Alvarez said."}
	q1, q2 := x.Extract(a), x.Extract(a)
	if len(q1) != 1 || len(q2) != 1 || q1[0].ID != q2[0].ID || q1[0].ID == "" {
		t.Fatalf("ids not stable: %+v %+v", q1, q2)
	}
	if q1[0].Speaker != "Jane Alvarez" || q1[0].Role != "Governor" {
		t.Fatalf("speaker %q role %q, want Jane Alvarez, Governor", q1[0].Speaker, q1[0].Role)
	}
}

// seedPath is the article the project was specified from, with its gold.
const seedPath = "../../shared/corpus/seed/mnd-2025-05-19-sheinbaum-troops"

// TestSeedArticle checks the figure the first issue asks for: at least 18
// of the 23 gold quotes found with their speaker (a span matches when it
// overlaps a gold span by at least half of the longer one), and none of
// the things that are not quotes.
func TestSeedArticle(t *testing.T) {
	docs, err := eval.Load(seedPath + ".gold.json")
	if err != nil {
		t.Skipf("seed article not available (%v): ../shared is absent", err)
	}
	preds, _, err := eval.Run(context.Background(), docs, extractor(t))
	if err != nil {
		t.Fatal(err)
	}
	for i := range docs {
		checkOffsets(t, docs[i].Text, preds[i])
	}
	r := eval.Score(docs, preds, []eval.Subset{eval.All()})
	row := r.Total.Rows[0]
	// The bar: all 23 gold quotes with the right speaker, and
	// nothing extracted over a span the gold says is no quote.
	t.Logf("seed: %d of %d gold quotes found, %d with the right speaker", row.Matched, row.Gold, row.EndToEnd.TP)
	if row.EndToEnd.TP < row.Gold {
		t.Errorf("seed: %d of %d gold quotes with the right speaker, want all", row.EndToEnd.TP, row.Gold)
	}
	if r.Total.NotQuoteHits > 0 {
		t.Errorf("seed: %d predictions over not_quotes: %+v", r.Total.NotQuoteHits, r.Total.OnNotQuotes)
	}
}

// TestPolNeARDev holds the extractor to the figures the project reports on
// PolNeAR's dev split (see README): span F1 and speaker accuracy on direct
// quotes, on the speech subset and on all attributions. A rule change that
// loses quality fails here; the figures themselves come from quotes eval.
func TestPolNeARDev(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	r := scoreGold(t, "../../shared/corpus/gold/polnear.dev.jsonl", eval.Kinds("direct"), eval.Speech(), eval.All())
	for i, want := range []struct {
		f1, speaker, e2e float64
	}{
		{0.97, 0.92, 0},    // direct
		{0.82, 0.90, 0.77}, // speech
		{0.64, 0, 0},       // all kinds
	} {
		row := r.Total.Rows[i]
		t.Logf("%s: span F1 %.3f, speaker %.3f, end-to-end F1 %.3f", row.Subset, row.Span.F1, row.Speaker.Value, row.EndToEnd.F1)
		if row.Span.F1 < want.f1 || row.Speaker.Value < want.speaker || row.EndToEnd.F1 < want.e2e {
			t.Errorf("%s: span F1 %.3f (want ≥ %.2f), speaker %.3f (want ≥ %.2f), end-to-end F1 %.3f (want ≥ %.2f)",
				row.Subset, row.Span.F1, want.f1, row.Speaker.Value, want.speaker, row.EndToEnd.F1, want.e2e)
		}
	}
}

// TestNews40 holds speaker resolution to the figures the project reports
// on news40 (BBC and Reuters articles with speakers resolved to full names
// by hand): speaker accuracy over matched quotes, span and end-to-end F1,
// and the share of right speakers among quotes given 0.9 or more.
func TestNews40(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	row := scoreGold(t, "../../shared/corpus/gold/news40.dev.jsonl", eval.All()).Total.Rows[0]
	t.Logf("news40: span F1 %.3f, speaker %.3f, end-to-end F1 %.3f", row.Span.F1, row.Speaker.Value, row.EndToEnd.F1)
	if row.Span.F1 < 0.85 || row.Speaker.Value < 0.93 || row.EndToEnd.F1 < 0.78 {
		t.Errorf("news40: span F1 %.3f (want ≥ 0.85), speaker %.3f (want ≥ 0.93), end-to-end F1 %.3f (want ≥ 0.78)", row.Span.F1, row.Speaker.Value, row.EndToEnd.F1)
	}
	for i, level := range eval.ConfidenceLevels {
		if c := row.Confidence[i]; level == 0.9 && c.Of > 0 && c.Value < 0.95 {
			t.Errorf("news40: %.3f of %d quotes given ≥ 0.9 have the right speaker, want ≥ 0.95", c.Value, c.Of)
		}
	}
}

// scoreGold extracts the articles of the gold file at path and scores
// them on subsets; the test is skipped when ../shared is absent.
func scoreGold(t *testing.T, path string, subsets ...eval.Subset) *eval.Report {
	t.Helper()
	docs, err := eval.Load(path)
	if err != nil {
		t.Skipf("%s not available (%v): ../shared is absent", path, err)
	}
	preds, _, err := eval.Run(context.Background(), docs, extractor(t))
	if err != nil {
		t.Fatal(err)
	}
	return eval.Score(docs, preds, subsets)
}

// FuzzExtract: on any text, extraction does not panic and every quote's
// offsets point at its text.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"“A,” she said, “B.”",
		"\"Unclosed quote\n\n\"goes on,\" he said.",
		"'x': Y Says Z",
		"‘‘’’“”“",
		"He said that.",
		"According to , .",
		"« a » b said",
	} {
		f.Add(s)
	}
	files, _ := filepath.Glob("../testdata/articles/*.txt")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	x := extractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip()
		}
		checkOffsets(t, text, x.Extract(quotes.Article{ID: "f", Text: text}))
	})
}
