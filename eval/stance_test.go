package eval

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
)

// All claims and texts below are invented for these tests.

const (
	sC = quotes.StanceConfirms
	sD = quotes.StanceDenies
	sR = quotes.StanceReports
	sU = quotes.StanceUnrelated
)

// stancePairs makes FNC-style pairs with the given gold stances.
func stancePairs(gold ...quotes.Stance) []StancePair {
	ps := make([]StancePair, len(gold))
	for i, g := range gold {
		ps[i] = StancePair{ID: string(rune('a' + i)), Gold: g, Dataset: StanceFNC}
	}
	return ps
}

// stancePreds maps the pairs' ids to predictions, in order; "" leaves a
// pair without prediction.
func stancePreds(ps []StancePair, pred ...quotes.Stance) map[string]quotes.Stance {
	m := map[string]quotes.Stance{}
	for i, p := range pred {
		if p != "" {
			m[ps[i].ID] = p
		}
	}
	return m
}

func stanceNear(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScoreStanceRule(t *testing.T) {
	// The toy set: 4 unrelated, 2 agree, 1 disagree, 3 discuss; max =
	// 4×0.25 + 6 = 7.
	gold := []quotes.Stance{sU, sU, sU, sU, sC, sC, sD, sR, sR, sR}
	tests := []struct {
		name      string
		pred      []quotes.Stance
		score     float64
		right     int
		macro     float64
		noFNC     bool
		missing   int
		confusion map[[2]int]int
	}{
		{name: "perfect", pred: gold, score: 7, right: 10, macro: 1},
		{
			// The README's weakness: a perfect related/unrelated split
			// saying discuss for every related pair: 1 + 3 + 3×0.25.
			name:  "perfect split, always discuss",
			pred:  []quotes.Stance{sU, sU, sU, sU, sR, sR, sR, sR, sR, sR},
			score: 4.75, right: 7,
			// F1: unrelated 1, discuss 2·0.5·1/1.5, agree 0, disagree 0.
			macro: (1 + 2.0/3) / 4,
		},
		{
			name:  "all unrelated",
			pred:  []quotes.Stance{sU, sU, sU, sU, sU, sU, sU, sU, sU, sU},
			score: 1, right: 4, macro: (2 * 0.4 / 1.4) / 4,
		},
		{
			// Related/unrelated confusions earn nothing.
			name:  "swapped",
			pred:  []quotes.Stance{sR, sC, sD, sR, sU, sU, sU, sU, sU, sU},
			score: 0, right: 0, macro: 0,
		},
		{
			// Missing predictions are wrong and earn nothing.
			name:  "missing",
			pred:  []quotes.Stance{"", sU, sU, sU, "", sC, sD, sR, sR, ""},
			score: 0.75 + 1 + 1 + 2, right: 7, missing: 3,
			macro:     (2*1*0.75/1.75 + 2*1*0.5/1.5 + 1 + 2*1*(2.0/3)/(1+2.0/3)) / 4,
			confusion: map[[2]int]int{{3, 4}: 1, {0, 4}: 1, {2, 4}: 1},
		},
		{
			// A wrong related label earns 0.25.
			name:  "wrong related",
			pred:  []quotes.Stance{sU, sU, sU, sU, sD, sR, sC, sC, sR, sR},
			score: 1 + 0.25*4 + 2, right: 6,
			macro: (0 + 0 + 2.0/3 + 1) / 4, // reports P = R = 2/3
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := stancePairs(gold...)
			r := ScoreStance(ps, stancePreds(ps, tc.pred...))
			if r.N != 10 || r.Right != tc.right || r.Missing != tc.missing {
				t.Errorf("N/right/missing = %d/%d/%d, want 10/%d/%d", r.N, r.Right, r.Missing, tc.right, tc.missing)
			}
			if r.FNC == nil {
				t.Fatal("no FNC score")
			}
			if !stanceNear(r.FNC.Max, 7) || !stanceNear(r.FNC.Score, tc.score) || !stanceNear(r.FNC.Relative, 100*tc.score/7) {
				t.Errorf("FNC = %+v, want %.2f / 7", *r.FNC, tc.score)
			}
			if !stanceNear(r.MacroF1, tc.macro) {
				t.Errorf("macro-F1 = %.4f, want %.4f", r.MacroF1, tc.macro)
			}
			if !stanceNear(r.Accuracy, float64(tc.right)/10) {
				t.Errorf("accuracy = %.4f", r.Accuracy)
			}
			if len(r.Classes) != 4 {
				t.Errorf("classes = %+v, want 4", r.Classes)
			}
			for cell, n := range tc.confusion {
				if got := r.Confusion[cell[0]][cell[1]]; got != n {
					t.Errorf("confusion[%s][%s] = %d, want %d", r.Labels[cell[0]], r.Labels[cell[1]], got, n)
				}
			}
			sum := 0
			for _, row := range r.Confusion {
				for _, n := range row {
					sum += n
				}
			}
			if sum != 10 {
				t.Errorf("confusion sums to %d", sum)
			}
			if s := r.String(); !strings.Contains(s, "FNC-1 score") || !strings.Contains(s, "unrelated") {
				t.Errorf("table:\n%s", s)
			}
			if _, err := json.Marshal(r); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestScoreStanceThreeClass(t *testing.T) {
	// Emergent-like: no unrelated gold, so no FNC score; three classes.
	ps := []StancePair{
		{ID: "1", Gold: sC, Dataset: StanceEmergent},
		{ID: "2", Gold: sD, Dataset: StanceEmergent},
		{ID: "3", Gold: sR, Dataset: StanceEmergent},
		{ID: "4", Gold: sR, Dataset: StanceEmergent},
		{ID: "5", Dataset: StanceEmergent}, // no gold: left out
	}
	r := ScoreStance(ps, map[string]quotes.Stance{"1": sC, "2": sR, "3": sR, "4": sU, "5": sC})
	if r.FNC != nil {
		t.Errorf("FNC score on Emergent: %+v", *r.FNC)
	}
	if r.N != 4 || r.Right != 2 || len(r.Classes) != 3 {
		t.Errorf("report %+v", r)
	}
	// confirms 1, denies 0, reports P 1/2 R 1/2.
	if want := (1 + 0 + 0.5) / 3; !stanceNear(r.MacroF1, want) {
		t.Errorf("macro-F1 %.4f, want %.4f", r.MacroF1, want)
	}
	if want := []string{"confirms", "denies", "reports", "unrelated", "(none)"}; strings.Join(r.Labels, ",") != strings.Join(want, ",") {
		t.Errorf("labels %v, want %v", r.Labels, want)
	}
}

func stanceWriteFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadStancePairs(t *testing.T) {
	dir := t.TempDir()
	fnc := stanceWriteFile(t, dir, "toy.pairs.jsonl",
		`{"id":"f1","claim":"Moon made of cheese","article_id":7,"stance":"agree"}
{"id":"f2","claim":"Moon made of cheese","article_id":8,"stance":"unrelated"}

{"id":"f3","claim":"Moon made of cheese","article_id":7,"text":"inline body","stance":"disagree"}
`)
	stanceWriteFile(t, dir, "toy.bodies.jsonl", `{"article_id":7,"text":"The moon is cheese, say mice."}
{"article_id":8,"text":"Rain in Spain."}
`)
	ps, err := LoadStancePairs(fnc)
	if err != nil {
		t.Fatal(err)
	}
	want := []StancePair{
		{ID: "f1", Claim: "Moon made of cheese", Text: "The moon is cheese, say mice.", Gold: sC, Dataset: StanceFNC, File: fnc, Line: 1},
		{ID: "f2", Claim: "Moon made of cheese", Text: "Rain in Spain.", Gold: sU, Dataset: StanceFNC, File: fnc, Line: 2},
		{ID: "f3", Claim: "Moon made of cheese", Text: "inline body", Gold: sD, Dataset: StanceFNC, File: fnc, Line: 4},
	}
	if len(ps) != len(want) {
		t.Fatalf("got %d pairs, want %d: %+v", len(ps), len(want), ps)
	}
	for i := range want {
		if ps[i] != want[i] {
			t.Errorf("pair %d = %+v, want %+v", i, ps[i], want[i])
		}
	}

	em := stanceWriteFile(t, dir, "toy.emergent.jsonl",
		`{"claim_id":"c1","claim":"A cat was elected mayor","truth":null,"articles":[{"article_id":"a1","headline":"Cat elected mayor","stance":"for","url":null},{"article_id":"a2","headline":"Is the cat mayor?","stance":"observing"},{"article_id":"a3","headline":"Cat mayor story a hoax","stance":"against"}]}
`)
	ps, err = LoadStancePairs(em)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 || ps[0].ID != "a1" || ps[1].Gold != sR || ps[2].Gold != sD || ps[2].Text != "Cat mayor story a hoax" || ps[0].Dataset != StanceEmergent || ps[0].Claim != "A cat was elected mayor" {
		t.Errorf("emergent pairs %+v", ps)
	}

	own := stanceWriteFile(t, dir, "own.jsonl", `{"id":"o1","claim":"c","text":"t","stance":"denies"}
{"claim":"c","text":"t2"}
`)
	ps, err = LoadStancePairs(own)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || ps[0].Gold != sD || ps[1].Gold != "" || ps[1].ID != own+":2" || ps[0].Dataset != StanceOwn {
		t.Errorf("own pairs %+v", ps)
	}
}

func TestLoadStanceErrors(t *testing.T) {
	tests := []struct {
		name, file, body, want string
	}{
		{"bad JSON", "a.jsonl", "{\"claim\":\"c\",\"text\":\"t\"}\n{oops\n", "a.jsonl:2: bad JSON"},
		{"no claim", "a.jsonl", `{"id":"x","text":"t"}`, `a.jsonl:1: no "claim"`},
		{"no text", "a.jsonl", `{"id":"x","claim":"c"}`, `a.jsonl:1: pair "x": no "text"`},
		{"unknown stance", "a.jsonl", `{"id":"x","claim":"c","text":"t","stance":"maybe"}`, `unknown stance "maybe"`},
		{"Emergent label in own file", "a.jsonl", `{"id":"x","claim":"c","text":"t","stance":"for"}`, `is not in the pairs (confirms`},
		{"FNC without bodies file", "a.jsonl", `{"id":"x","claim":"c","article_id":3,"stance":"agree"}`, `a.jsonl:1: pair "x": no "text", and`},
		{"FNC missing bodies file", "b.pairs.jsonl", `{"id":"x","claim":"c","article_id":3,"stance":"agree"}`, `b.bodies.jsonl`},
		{"duplicate id", "a.jsonl", "{\"id\":\"x\",\"claim\":\"c\",\"text\":\"t\"}\n{\"id\":\"x\",\"claim\":\"c\",\"text\":\"t\"}\n", `a.jsonl:2: id "x" already used on line 1`},
		{"bad article id", "a.jsonl", `{"id":"x","claim":"c","article_id":[1],"text":"t"}`, `neither a string nor a number`},
		{"Emergent bad stance", "a.jsonl", `{"claim":"c","articles":[{"article_id":"a","headline":"h","stance":"agree"}]}`, `a.jsonl:1: article a: stance "agree"`},
		{"Emergent no headline", "a.jsonl", `{"claim":"c","articles":[{"article_id":"a"}]}`, `no "headline"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			p := stanceWriteFile(t, dir, tc.file, tc.body)
			_, err := LoadStancePairs(p)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
	dir := t.TempDir()
	p := stanceWriteFile(t, dir, "c.pairs.jsonl", `{"id":"x","claim":"c","article_id":3,"stance":"agree"}`)
	stanceWriteFile(t, dir, "c.bodies.jsonl", `{"article_id":4,"text":"t"}`)
	if _, err := LoadStancePairs(p); err == nil || !strings.Contains(err.Error(), "c.pairs.jsonl:1:") || !strings.Contains(err.Error(), "article_id 3 not in") {
		t.Errorf("unknown article: %v", err)
	}
	if _, err := LoadStancePairs(filepath.Join(dir, "none.jsonl")); err == nil {
		t.Error("no error for a missing file")
	}
}

func TestStanceHalfAndLabel(t *testing.T) {
	n := [2]int{}
	for _, c := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"} {
		h := StanceHalf(c)
		if h != StanceHalf(c) || h < 0 || h > 1 {
			t.Fatalf("half of %q = %d", c, h)
		}
		n[h]++
	}
	if n[0] == 0 || n[1] == 0 {
		t.Errorf("halves %v", n)
	}
	for l, want := range map[string]quotes.Stance{"agree": sC, " Against ": sD, "observing": sR, "unrelated": sU, "reports": sR} {
		if got, err := StanceLabel(l); err != nil || got != want {
			t.Errorf("StanceLabel(%q) = %q, %v", l, got, err)
		}
	}
	if _, err := StanceLabel("neutral"); err == nil {
		t.Error("no error for an unknown label")
	}
	if StanceBodiesPath("x/y.pairs.jsonl") != "x/y.bodies.jsonl" || StanceBodiesPath("y.jsonl") != "" {
		t.Error("StanceBodiesPath")
	}
}

func FuzzPairLoader(f *testing.F) {
	f.Add([]byte(`{"id":"f1","claim":"c","article_id":7,"stance":"agree"}`))
	f.Add([]byte(`{"id":"o","claim":"c","text":"t","stance":"denies"}`))
	f.Add([]byte(`{"claim":"c","articles":[{"article_id":"a","headline":"h","stance":"for"},{"article_id":2,"headline":"h2"}]}`))
	f.Add([]byte(`{"claim":"c","article_id":"x","text":"t","stance":"UNRELATED"}`))
	f.Add([]byte("{}\n[]\nnull"))
	body := func(id string) (string, error) {
		if id == "7" {
			return "body seven", nil
		}
		return "", os.ErrNotExist
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ps, err := ReadStancePairs(bytes.NewReader(data), "f.jsonl", body)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.jsonl:") {
				t.Errorf("error %q does not name the file and line", err)
			}
			return
		}
		seen := map[string]bool{}
		preds := map[string]quotes.Stance{}
		for _, p := range ps {
			if p.ID == "" || seen[p.ID] {
				t.Fatalf("empty or repeated id in %+v", ps)
			}
			seen[p.ID] = true
			if p.Gold != "" && !p.Gold.Valid() {
				t.Fatalf("invalid gold %q", p.Gold)
			}
			if p.Dataset != StanceFNC && p.Dataset != StanceEmergent && p.Dataset != StanceOwn {
				t.Fatalf("dataset %q", p.Dataset)
			}
			if p.Line < 1 || p.File != "f.jsonl" {
				t.Fatalf("position %s:%d", p.File, p.Line)
			}
			preds[p.ID] = p.Gold
		}
		r := ScoreStance(ps, preds)
		if r.Right != r.N || (r.FNC != nil && r.FNC.Score != r.FNC.Max) {
			t.Fatalf("gold as predictions is not perfect: %+v", r)
		}
	})
}

// stanceShared is the folder of the shared claims data.
var stanceShared = filepath.Join("..", "..", "shared", "corpus", "claims")

// stanceRun classifies the pairs as quotes eval --stance does.
func stanceRun(ps []StancePair, related bool) map[string]quotes.Stance {
	return ClassifyStancePairs(ps, related)
}

// stanceHalves scores the pairs of each half apart.
func stanceHalves(t *testing.T, ps []StancePair, preds map[string]quotes.Stance) [2]StanceReport {
	var half [2][]StancePair
	for _, p := range ps {
		h := StanceHalf(p.Claim)
		half[h] = append(half[h], p)
	}
	var out [2]StanceReport
	for h := range half {
		out[h] = ScoreStance(half[h], preds)
		t.Logf("half %d:\n%s", h, out[h])
	}
	return out
}

func stanceF1(r StanceReport, s quotes.Stance) float64 {
	for _, c := range r.Classes {
		if c.Stance == s {
			return c.F1
		}
	}
	return 0
}

// TestFNCDev runs the classifier over all of FNC-1 train (pairs joined
// with bodies) and checks the floors: relative FNC score ≥ 81 and
// four-class macro-F1 ≥ 0.55, on the whole and on each half.
func TestFNCDev(t *testing.T) {
	path := filepath.Join(stanceShared, "fnc1.dev.pairs.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no shared FNC-1 data at %s", path)
	}
	start := time.Now()
	ps, err := LoadStancePairs(path)
	if err != nil {
		t.Fatal(err)
	}
	preds := stanceRun(ps, false)
	r := ScoreStance(ps, preds)
	t.Logf("FNC-1 dev, %d pairs in %v:\n%s", len(ps), time.Since(start), r)
	check := func(name string, r StanceReport) {
		if r.FNC == nil || r.FNC.Relative < 81 {
			t.Errorf("%s: FNC score %+v, want ≥ 81", name, r.FNC)
		}
		if r.MacroF1 < 0.55 {
			t.Errorf("%s: macro-F1 %.4f, want ≥ 0.55", name, r.MacroF1)
		}
	}
	check("all", r)
	for h, hr := range stanceHalves(t, ps, preds) {
		check("half "+string(rune('0'+h)), hr)
	}
	t.Logf("disagree F1 %.4f, agree F1 %.4f", stanceF1(r, sD), stanceF1(r, sC))
}

// TestEmergentDev runs the classifier over the Emergent dev claims (each
// article headline against its claim, read three ways) and checks the
// floor: accuracy ≥ 0.73, on the whole and on each half.
func TestEmergentDev(t *testing.T) {
	path := filepath.Join(stanceShared, "emergent.dev.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no shared Emergent data at %s", path)
	}
	ps, err := LoadStancePairs(path)
	if err != nil {
		t.Fatal(err)
	}
	preds := stanceRun(ps, true)
	r := ScoreStance(ps, preds)
	t.Logf("Emergent dev, %d pairs, three-way:\n%s", len(ps), r)
	if r.Accuracy < 0.73 {
		t.Errorf("accuracy %.4f, want ≥ 0.73", r.Accuracy)
	}
	for h, hr := range stanceHalves(t, ps, preds) {
		if hr.Accuracy < 0.73 {
			t.Errorf("half %d: accuracy %.4f, want ≥ 0.73", h, hr.Accuracy)
		}
	}
	// Read four ways (Stance), a headline may come out unrelated; that is
	// only reported.
	r4 := ScoreStance(ps, stanceRun(ps, false))
	t.Logf("Emergent dev, four-way (Stance): accuracy %.4f, macro-F1 %.4f", r4.Accuracy, r4.MacroF1)
}
