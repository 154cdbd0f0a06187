package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lumberArticles is one claim in three outlets: Canada asserts it, a U.S.
// official confirms it, a newspaper reports it; and an unrelated article.
const lumberArticles = `{"id":"n1","outlet":"Northern Wire","published":"2026-03-09","text":"Canadian Trade Minister Elaine Marchetti said Canada and the United States reached an agreement to cut lumber tariffs."}
{"id":"p1","outlet":"Potomac Report","published":"2026-03-10","text":"U.S. trade official Tom Whitcombe confirmed that the United States reached an agreement with Canada to cut lumber tariffs."}
{"id":"d1","outlet":"Daily Ledger","published":"2026-03-11","text":"The Daily Ledger reported that the agreement to cut lumber tariffs was reached by Canada and the United States."}
{"id":"k1","outlet":"Kingsford Times","published":"2026-03-12","text":"Mayor Ann Diaz said the library will open on Sundays from next month."}
`

func ingestLumber(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"in/lumber.jsonl": lumberArticles})
	idx := filepath.Join(dir, "index")
	if r := runCLI(t, "", "--index", idx, "ingest", filepath.Join(dir, "in")); r.code != 0 {
		t.Fatalf("ingest: %d", r.code)
	} else if !strings.Contains(r.stderr, "tracking 1 claim, 1 confirmed by both sides") {
		t.Errorf("ingest summary %q, want the claims tracked", r.stderr)
	}
	return idx
}

type checkJSONOut struct {
	Found      bool   `json:"found"`
	Verdict    string `json:"verdict"`
	BothSides  bool   `json:"both_sides"`
	Sides      []any  `json:"sides"`
	Statements []struct {
		Speaker   string `json:"speaker"`
		Side      string `json:"side"`
		Stance    string `json:"stance"`
		Quote     string `json:"quote"`
		ArticleID string `json:"article_id"`
	} `json:"statements"`
}

func TestClaimsAndCheck(t *testing.T) {
	idx := ingestLumber(t)

	r := runCLI(t, "", "--index", idx, "claims", "--both-sides", "--json")
	var list struct {
		Total  int `json:"total"`
		Claims []struct {
			Verdict struct {
				BothSides bool `json:"both_sides"`
			} `json:"verdict"`
			Statements []struct{ Speaker, Stance string } `json:"statements"`
		} `json:"claims"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || r.code != 0 {
		t.Fatalf("claims --json: %d, %v", r.code, err)
	}
	if list.Total != 1 || len(list.Claims[0].Statements) != 3 {
		t.Fatalf("claims: %+v", list)
	}
	if r := runCLI(t, "", "--index", idx, "claims", "--side", "Mexico"); r.code != 0 || !strings.Contains(r.stdout, "No claims match") {
		t.Errorf("claims --side Mexico: %d %q", r.code, r.stdout)
	}
	if r := runCLI(t, "", "--index", idx, "claims", "--verdict", "maybe"); r.code != 2 || !strings.Contains(r.stderr, "unknown verdict") {
		t.Errorf("claims --verdict maybe: %d %q", r.code, r.stderr)
	}

	r = runCLI(t, "", "--index", idx, "check", "--json", "Canada and the United States agreed to cut lumber tariffs")
	var out checkJSONOut
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != 0 {
		t.Fatalf("check --json: %d, %v", r.code, err)
	}
	if !out.Found || !out.BothSides || out.Verdict != "both-sides" || len(out.Statements) != 3 {
		t.Fatalf("check: %+v", out)
	}
	stances := map[string]string{}
	for _, s := range out.Statements {
		stances[s.Speaker+"/"+s.Side] = s.Stance
		if s.Quote == "" || s.ArticleID == "" {
			t.Errorf("statement without quote or article: %+v", s)
		}
	}
	want := map[string]string{
		"Elaine Marchetti/Canada":     "asserts",
		"Tom Whitcombe/United States": "confirms",
		"Daily Ledger/":               "reports",
	}
	for k, v := range want {
		if stances[k] != v {
			t.Errorf("stance of %s = %q, want %q (all: %v)", k, stances[k], v, stances)
		}
	}

	r = runCLI(t, "", "--index", idx, "check", "Mars has two moons")
	if r.code != 0 || !strings.Contains(r.stdout, "Nothing in the index bears on") {
		t.Errorf("check of an unrelated claim: %d %q", r.code, r.stdout)
	}
	if r := runCLI(t, "", "--index", idx, "check"); r.code != 2 || !strings.Contains(r.stderr, "missing CLAIM") {
		t.Errorf("check without claim: %d %q", r.code, r.stderr)
	}
}

func TestCheckPairs(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"pairs.jsonl": `{"id":"1","claim":"Acme recalls its blue kettles","text":"Acme denied reports that it is recalling its blue kettles, calling them a hoax."}
{"id":"2","claim":"Acme recalls its blue kettles","text":"The city council voted to repave Main Street next spring."}
`,
		"bad.jsonl": `{"id":"1","claim":"x"` + "\n",
	})
	r := runCLI(t, "", "check", "--pairs", filepath.Join(dir, "pairs.jsonl"))
	if r.code != 0 {
		t.Fatalf("check --pairs: %d", r.code)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"stance":"denies"`) || !strings.Contains(lines[1], `"stance":"unrelated"`) {
		t.Errorf("check --pairs printed %q", r.stdout)
	}
	r = runCLI(t, "", "check", "--pairs", filepath.Join(dir, "bad.jsonl"))
	if r.code == 0 || !strings.Contains(r.stderr, "bad.jsonl:1") {
		t.Errorf("bad pairs file: %d %q", r.code, r.stderr)
	}
}

func TestEvalClaims(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"lumber.jsonl": lumberArticles,
		"gold.json": `{"claims":[{"claim":"Canada and the United States agreed to cut lumber tariffs",
			"stances":{"Elaine Marchetti":"asserts","Tom Whitcombe":"confirms","The Daily Ledger":"reports"},
			"confirmed_by_both_sides":true}]}`,
	})
	r := runCLI(t, "", "eval", "--claims", filepath.Join(dir, "gold.json"), filepath.Join(dir, "lumber.jsonl"))
	if r.code != 0 || !strings.Contains(r.stdout, "claims found 1/1, stances right 3/3, verdicts right 1/1") {
		t.Errorf("eval --claims: %d %q", r.code, r.stdout)
	}
}

// TestEvalClaimsFigures holds the claim tracker's figures: the team's
// multi-article examples, and the seed article when ../shared is beside
// the project.
func TestEvalClaimsFigures(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"team examples", []string{filepath.Join("..", "..", "testdata", "claims", "claims.gold.json"), filepath.Join("..", "..", "testdata", "claims", "articles.jsonl")},
			"claims found 4/4, stances right 6/6, verdicts right 4/4"},
		{"seed article", []string{filepath.Join("..", "..", "..", "shared", "corpus", "seed", "mnd-2025-05-19-sheinbaum-troops.gold.json")},
			"claims found 4/4, stances right 8/8, verdicts right 4/4"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := os.Stat(tt.args[0]); err != nil {
				t.Skipf("no %s", tt.args[0])
			}
			r := runCLI(t, "", append([]string{"eval", "--claims"}, tt.args...)...)
			if r.code != 0 || !strings.Contains(r.stdout, tt.want) {
				t.Errorf("eval --claims: %d, want %q in\n%s", r.code, tt.want, r.stdout)
			}
		})
	}
}
