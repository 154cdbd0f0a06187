package eval

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
)

// TestScoreChecks scores three hand-made answers: a right both-sides with
// its evidence, a wrong both-sides (the claim is disputed) whose evidence
// has the wrong polarity, and a claim left unanswered.
func TestScoreChecks(t *testing.T) {
	golds := []CheckGold{
		{ID: "a", Claim: "Acme bought Brill", Verdict: "both-sides", Evidence: []CheckEvidence{
			{ArticleID: "n1", Quote: "we bought Brill last week", Stance: quotes.StanceConfirms},
			{ArticleID: "n2", Quote: "Brill now belongs to Acme", Stance: quotes.StanceAsserts},
		}},
		{ID: "b", Claim: "Acme fired its chief", Verdict: "disputed", Acceptable: []string{"denied"}, Evidence: []CheckEvidence{
			{ArticleID: "n3", Quote: "nobody was fired", Stance: quotes.StanceDenies},
		}},
		{ID: "c", Claim: "Brill closed its plant", Verdict: "one-side", Evidence: []CheckEvidence{
			{ArticleID: "n4", Quote: "the plant is closed", Stance: quotes.StanceConfirms},
		}},
	}
	answers := map[string]CheckAnswer{
		"a": {ID: "a", Verdict: "both-sides", Statements: []quotes.Statement{
			{ArticleID: "n1", Quote: "We bought Brill last week, and we are proud", Stance: quotes.StanceConfirms},
			{ArticleID: "n2", Quote: "Brill now belongs to Acme", Stance: quotes.StanceConfirms},
			{ArticleID: "n9", Quote: "we bought Brill last week", Stance: quotes.StanceConfirms}, // another article
		}},
		"b": {ID: "b", Verdict: "both-sides", Statements: []quotes.Statement{
			{ArticleID: "n3", Quote: "nobody was fired", Stance: quotes.StanceConfirms},
		}},
	}
	r := ScoreChecks(golds, answers)
	if r.VerdictAccuracy.Right != 1 || r.VerdictAccuracy.Of != 3 {
		t.Errorf("verdict accuracy %d of %d, want 1 of 3", r.VerdictAccuracy.Right, r.VerdictAccuracy.Of)
	}
	if b := r.BothSides; b.TP != 1 || b.Predicted != 2 || b.Gold != 1 || b.Precision != 0.5 || b.Recall != 1 {
		t.Errorf("both-sides %+v, want 1 right of 2 answered, 1 gold", b)
	}
	if e := r.EvidenceFound; e.Right != 3 || e.Of != 4 {
		t.Errorf("evidence found %d of %d, want 3 of 4", e.Right, e.Of)
	}
	if p := r.PolarityRight; p.Right != 2 || p.Of != 3 {
		t.Errorf("polarity right %d of %d, want 2 of 3", p.Right, p.Of)
	}
	if got := r.Rows[2].Verdict; got != quotes.VerdictNone {
		t.Errorf("unanswered claim scored as %q, want none", got)
	}
}

// TestScoreChecksPairs: two contradictory claims both answered both-sides
// are reported.
func TestScoreChecksPairs(t *testing.T) {
	golds := []CheckGold{
		{ID: "x", Claim: "Moss won", Verdict: "both-sides", Pair: "y", PairKind: "contradicts"},
		{ID: "y", Claim: "Lane won", Verdict: "denied", Pair: "x", PairKind: "contradicts"},
	}
	r := ScoreChecks(golds, map[string]CheckAnswer{"x": {Verdict: "both-sides"}, "y": {Verdict: "both-sides"}})
	if len(r.BothSidesPairs) != 1 || r.BothSidesPairs[0] != "x/y" {
		t.Errorf("both-sides pairs %q, want [x/y]", r.BothSidesPairs)
	}
}

func TestLoadCheckGoldErrors(t *testing.T) {
	for _, c := range []struct{ name, text string }{
		{"bad json", "{"},
		{"no claim", `{"id":"a","verdict":"none"}`},
		{"unknown verdict", `{"id":"a","claim":"x","verdict":"maybe"}`},
		{"unknown acceptable", `{"id":"a","claim":"x","verdict":"none","acceptable":["sure"]}`},
		{"empty", ""},
	} {
		p := filepath.Join(t.TempDir(), "c.jsonl")
		if err := os.WriteFile(p, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadCheckGold(p); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

func TestNewLatency(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		var out []time.Duration
		for _, n := range ns {
			out = append(out, time.Duration(n)*time.Millisecond)
		}
		return out
	}
	tests := []struct {
		name string
		in   []time.Duration
		want *Latency
	}{
		{"none", nil, nil},
		{"one", ms(7), &Latency{N: 1, P50: 7, P95: 7, Max: 7}},
		{"unsorted, nearest rank", ms(40, 10, 30, 20), &Latency{N: 4, P50: 20, P95: 40, Max: 40}},
		{"twenty: p95 is the 19th", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100),
			&Latency{N: 20, P50: 10, P95: 19, Max: 100}},
	}
	for _, tt := range tests {
		got := NewLatency(tt.in)
		if (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
