package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// evalText is an invented article with one direct quote and one reported
// clause.
const evalText = "“We will fix the bridge by spring,” Mayor Tom Reyes said on Tuesday.\n\n" +
	"Council member Ana Ruiz said the repairs would cost more than planned.\n"

// writeEvalGold writes a JSON-lines gold file for evalText into dir and
// returns its path.
func writeEvalGold(t *testing.T, dir string) string {
	t.Helper()
	span := func(sub string) (int, int) {
		i := strings.Index(evalText, sub)
		if i < 0 {
			t.Fatalf("%q not in the text", sub)
		}
		return i, i + len(sub)
	}
	ds, de := span("We will fix the bridge by spring,")
	is, ie := span("the repairs would cost more than planned")
	doc := map[string]any{
		"id": "bridge", "source": "test", "outlet": "The Courier", "published": "2025-05-20", "title": "Bridge",
		"text": evalText,
		"quotes": []map[string]any{
			{"quote": evalText[ds:de], "start": ds, "end": de, "kind": "direct", "speaker": "Tom Reyes", "speaker_mention": "Mayor Tom Reyes", "cue": "said"},
			{"quote": evalText[is:ie], "start": is, "end": ie, "kind": "indirect", "speaker": "Ana Ruiz", "speaker_mention": "Ana Ruiz", "cue": "said"},
		},
	}
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "gold.jsonl")
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEvalText(t *testing.T) {
	t.Parallel()
	path := writeEvalGold(t, t.TempDir())
	r := runCLI(t, "", "eval", "--errors", "2", path)
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	for _, want := range []string{
		`(?m)^` + regexp.QuoteMeta(path) + `: 1 doc, 0\.00 MB, extract \d+\.\d\ds, \d+\.\d\d MB/s$`,
		`(?m)^subset\s+gold\s+pred\s+match\s+P\s+R\s+F1\s+exactF1\s+cov30F1\s+cov80F1\s+speaker\s+cue\s+e2eP\s+e2eR\s+e2eF1$`,
		`(?m)^all\s+2\s+\d+\s+\d+(\s+(\d\.\d\d\d|-)){11}$`,
		`(?m)^direct\s+1\s`, `(?m)^indirect\s+1\s`, `(?m)^speech\s+2\s`,
		`cov30F1 cov80F1: prediction covers ≥30% / ≥80% of the gold span`,
	} {
		if !regexp.MustCompile(want).MatchString(r.stdout) {
			t.Errorf("output does not match %s", want)
		}
	}
	if strings.Contains(r.stdout, "\ntotal: ") {
		t.Errorf("a total for one file")
	}

	other := filepath.Join(t.TempDir(), "other.jsonl")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, filepath.Dir(other), map[string]string{"other.jsonl": string(b)})
	r = runCLI(t, "", "eval", "--kinds", "direct", path, other)
	for _, want := range []string{`(?m)^direct\s+1\s`, `(?m)^total: 2 docs`, `(?m)^direct\s+2\s`} {
		if !regexp.MustCompile(want).MatchString(r.stdout) {
			t.Errorf("--kinds direct on two files: output does not match %s", want)
		}
	}
	if r.code != 0 || strings.Contains(r.stdout, "\nall ") {
		t.Errorf("--kinds direct: exit %d, or a row all", r.code)
	}
}

func TestEvalJSON(t *testing.T) {
	t.Parallel()
	path := writeEvalGold(t, t.TempDir())
	r := runCLI(t, "", "eval", "--speech", "--json", path)
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	var rep struct {
		Subsets []string `json:"subsets"`
		Files   []struct {
			File string `json:"file"`
			Docs int    `json:"docs"`
			Rows []struct {
				Subset string `json:"subset"`
				Gold   int    `json:"gold"`
				Span   struct {
					Precision float64 `json:"precision"`
				} `json:"span"`
			} `json:"rows"`
		} `json:"files"`
		Total struct {
			MBPerSecond float64 `json:"mb_per_second"`
		} `json:"total"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if len(rep.Files) != 1 || rep.Files[0].File != path || rep.Files[0].Docs != 1 || len(rep.Files[0].Rows) != 1 ||
		rep.Files[0].Rows[0].Subset != "speech" || rep.Files[0].Rows[0].Gold != 2 || rep.Total.MBPerSecond <= 0 {
		t.Errorf("report = %+v", rep)
	}
}

func TestEvalErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := writeEvalGold(t, dir)
	bad := filepath.Join(dir, "bad.jsonl")
	writeFiles(t, dir, map[string]string{
		"bad.jsonl":   `{"id": "x", "text": "short", "quotes": [{"start": 0, "end": 99, "kind": "direct"}]}` + "\n",
		"notes.txt":   "not gold",
		"a.gold.json": `{"id": "a", "quotes": []}`,
	})
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"eval", good, bad}, exitFailure, `quotes: ` + bad + `:1: document "x": quote 1: end 99 is beyond the text (5 bytes)`},
		{[]string{"eval", filepath.Join(dir, "notes.txt")}, exitFailure, "not a gold file"},
		{[]string{"eval", filepath.Join(dir, "a.gold.json")}, exitFailure, "the sibling a.txt"},
		{[]string{"eval"}, exitUsage, "missing GOLD file"},
		{[]string{"eval", "--kinds", "direct", "--speech", good}, exitUsage, "--kinds and --speech cannot be combined"},
		{[]string{"eval", "--kinds", "quoted", good}, exitUsage, `invalid --kinds "quoted"`},
		{[]string{"eval", "--errors", "-1", good}, exitUsage, "invalid --errors -1"},
		{[]string{"eval", "--check", good, "--claims"}, exitUsage, "--check cannot be combined"},
		{[]string{"eval", "--check", good, good}, exitUsage, "unexpected argument"},
		{[]string{"eval", "--check", filepath.Join(dir, "missing.jsonl")}, exitFailure, "missing.jsonl"},
	}
	for _, tt := range tests {
		r := runCLI(t, "", tt.args...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("quotes %q: exit %d, stderr %q; want %d and …%s…", tt.args, r.code, r.stderr, tt.code, tt.want)
		}
		if r.stdout != "" {
			t.Errorf("quotes %q: stdout %q, want nothing", tt.args, r.stdout)
		}
	}
}

// TestEvalSharedSeed runs eval on the project's shared seed article when
// it is there.
func TestEvalSharedSeed(t *testing.T) {
	t.Parallel()
	seed := filepath.Join("..", "..", "..", "shared", "corpus", "seed")
	if _, err := os.Stat(seed); err != nil {
		t.Skipf("no shared seed corpus at %s", seed)
	}
	r := runCLI(t, "", "eval", "--errors", "3", seed)
	if r.code != 0 || !strings.Contains(r.stdout, "\nall ") || !strings.Contains(r.stdout, "not quotes: 3 marked in the gold") {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestEvalCheck checks claims against an index of the team's example
// articles: one claim nothing bears on, whose gold verdict is none.
func TestEvalCheck(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ix := filepath.Join(dir, "index")
	if r := runCLI(t, "", "--index", ix, "ingest", "../../testdata/claims/articles.jsonl"); r.code != 0 {
		t.Fatalf("ingest: exit %d: %s", r.code, r.stderr)
	}
	writeFiles(t, dir, map[string]string{"check.jsonl": `{"id":"z1","claim":"The Zorblax fleet annexed the moon of Quarr","verdict":"none","evidence":[]}` + "\n"})
	r := runCLI(t, "", "--index", ix, "eval", "--check", filepath.Join(dir, "check.jsonl"))
	if r.code != 0 || !strings.Contains(r.stdout, "verdict accuracy      1.000 (1 of 1)") {
		t.Errorf("exit %d, stdout %q; want verdict accuracy 1 of 1", r.code, r.stdout)
	}
}
