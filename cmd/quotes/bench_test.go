package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	quotes "github.com/quotesproject/quotes"
)

// TestBenchCorpusCopies checks the corpus "bench corpus" makes: every
// article once a copy, copy k with the id ID~k and its date moved by 2k
// years, undated articles left undated.
func TestBenchCorpusCopies(t *testing.T) {
	in := `{"id":"a","url":"https://x.example/a","published":"2016-03-01T10:00:00Z","text":"“Yes,” said Ada Quist."}
{"id":"b","text":"“No,” said Ben Oduya."}
`
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"in.jsonl": in})
	r := runCLI(t, "", "bench", "corpus", "--times", "3", filepath.Join(dir, "in.jsonl"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	type row struct{ id, url, published string }
	want := []row{
		{"a", "https://x.example/a", "2016-03-01T10:00:00Z"},
		{"b", "", ""},
		{"a~1", "https://x.example/a#copy-1", "2018-03-01T10:00:00Z"},
		{"b~1", "", ""},
		{"a~2", "https://x.example/a#copy-2", "2020-03-01T10:00:00Z"},
		{"b~2", "", ""},
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d", len(lines), len(want))
	}
	for i, line := range lines {
		var a quotes.Article
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		got := row{a.ID, a.URL, ""}
		if !a.Published.IsZero() {
			got.published = a.Published.UTC().Format("2006-01-02T15:04:05Z")
		}
		if got != want[i] {
			t.Errorf("line %d: got %+v, want %+v", i+1, got, want[i])
		}
	}
}

// TestBenchCorpusUsage checks the usage errors of bench corpus.
func TestBenchCorpusUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--times", "0", "x.jsonl"}, "invalid --times 0"},
		{[]string{"--times", "2", "-"}, "standard input can be read only once"},
	} {
		r := runCLI(t, "", append([]string{"bench", "corpus"}, tc.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q: want 2 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
}

// TestBenchSearchReportsEachKind runs bench search on a small index: one
// row for each kind of search the index has material for, and the total.
func TestBenchSearchReportsEachKind(t *testing.T) {
	dir := t.TempDir()
	if r := runCLI(t, "", "--index", dir, "ingest", "../../testdata/articles"); r.code != 0 {
		t.Fatalf("ingest: exit %d: %s", r.code, r.stderr)
	}
	r := runCLI(t, "", "--index", dir, "bench", "search", "--rounds", "2")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n")[1:] {
		f := strings.Fields(line)
		rows[f[0]] = f[1]
	}
	// 20 words, 10 pairs and 10 phrases, each timed twice.
	for kind, runs := range map[string]string{"word": "40", "and": "20", "phrase": "20", "blank": "2"} {
		if rows[kind] != runs {
			t.Errorf("row %s: %q runs, want %s", kind, rows[kind], runs)
		}
	}
	if rows["speaker"] == "" || rows["all"] == "" {
		t.Errorf("no speaker or total row in:\n%s", r.stdout)
	}
	if r := runCLI(t, "", "--index", dir, "bench", "search", "--rounds", "0"); r.code != 2 {
		t.Errorf("--rounds 0: exit %d, want 2", r.code)
	}
}
