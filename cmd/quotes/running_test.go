package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/auth"
)

// firstQuoteID returns the id of the first quote a search finds.
func firstQuoteID(t *testing.T, args ...string) string {
	t.Helper()
	r := runCLI(t, "", append([]string{"search", "--json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("search: %d %s", r.code, r.stderr)
	}
	return firstHit(t, r.stdout).Quote.ID
}

// firstHit decodes the output of search --json and returns its first hit.
func firstHit(t *testing.T, out string) quotes.Hit {
	t.Helper()
	var res quotes.SearchResult
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.Hits) == 0 {
		t.Fatalf("search --json: %v, %d hits", err, len(res.Hits))
	}
	return res.Hits[0]
}

// The rule for many processes: while serve runs on a data directory, the
// other commands work through it; reindex and restore refuse.
func TestCommandsWhileServing(t *testing.T) {
	dir := t.TempDir()
	if r := runCLI(t, "", "--index", dir, "ingest", "../../testdata/articles/speaker-resolution.txt"); r.code != 0 {
		t.Fatalf("ingest: %s", r.stderr)
	}
	id := firstQuoteID(t, "--index", dir)
	s := startServe(t, "--index", dir, "serve", "--addr", "127.0.0.1:0")
	if srv, err := auth.RunningServer(dir); err != nil || srv == nil || srv.Key == "" {
		t.Fatalf("serve wrote no %s: %+v, %v", auth.ServerFile, srv, err)
	}
	if fi, err := os.Stat(filepath.Join(dir, auth.ServerFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("%s: %v, mode %v; want 0600", auth.ServerFile, err, fi.Mode())
	}
	steps := []struct {
		args []string
		code int
		want string // in stdout or stderr
	}{
		{[]string{"search", "--json"}, 0, `"quote"`},
		{[]string{"correct", id, "--speaker", "Ada Quist", "--reason", "named two lines up"}, 0, "correction 1: correct " + id},
		{[]string{"search", "--json", "--speaker", "Ada Quist"}, 0, `"corrected": {`},
		{[]string{"corrections"}, 0, "named two lines up"},
		{[]string{"hide", id}, exitUsage, "needs a reason"},
		{[]string{"ingest", "../../testdata/articles/nested.txt"}, 0, "ingested 1 article"},
		{[]string{"check-index"}, 0, "the index agrees with the store"},
		{[]string{"backup", filepath.Join(dir, "..", "backup")}, 0, "backed up 2 articles"},
		{[]string{"reindex"}, exitFailure, "needs the data directory to itself"},
		{[]string{"restore", filepath.Join(dir, "..", "backup")}, exitFailure, "needs the data directory to itself"},
	}
	for _, st := range steps {
		r := runCLI(t, "", append([]string{"--index", dir}, st.args...)...)
		if r.code != st.code || !strings.Contains(r.stdout+r.stderr, st.want) {
			t.Errorf("quotes %s while serving → %d\n%s%s\nwant %d and %q", strings.Join(st.args, " "), r.code, r.stdout, r.stderr, st.code, st.want)
		}
	}
	s.stop(t)
	if _, err := os.Stat(filepath.Join(dir, auth.ServerFile)); err == nil {
		t.Errorf("%s left behind after the server stopped", auth.ServerFile)
	}
	// The backup is a data directory of its own, correction included.
	r := runCLI(t, "", "--index", filepath.Join(dir, "..", "backup"), "corrections")
	if r.code != 0 || !strings.Contains(r.stdout, "speaker=Ada Quist") || !strings.Contains(r.stdout, "cli:") {
		t.Errorf("corrections of the backup: %d %s %s", r.code, r.stdout, r.stderr)
	}
}

func TestCorrectionCommands(t *testing.T) {
	dir := t.TempDir()
	if r := runCLI(t, "", "--index", dir, "ingest", "../../testdata/articles/speaker-resolution.txt"); r.code != 0 {
		t.Fatalf("ingest: %s", r.stderr)
	}
	id := firstQuoteID(t, "--index", dir)
	h := firstHit(t, runCLI(t, "", "--index", dir, "search", "--json").stdout)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"correct", id, "--kind", "partial", "--reason", "only a phrase is quoted"}, 0, "correction 1"},
		{[]string{"correct", id, "--span", "5", "--reason", "x"}, exitUsage, "is not START:END"},
		{[]string{"correct", id, "--reason", "x"}, exitUsage, "none given"},
		{[]string{"correct", "nope", "--kind", "partial", "--reason", "x"}, exitFailure, `no quote "nope"`},
		{[]string{"hide", id, "--reason", "not a quote"}, 0, "correction 2: hide"},
		{[]string{"unhide", id, "--reason", "it was"}, 0, "correction 3: show"},
		{[]string{"delete", h.Quote.ArticleID, "--reason", "fabricated"}, 0, "correction 4: delete_article"},
		{[]string{"ingest", "../../testdata/articles/speaker-resolution.txt"}, exitFailure, "was deleted by an editor: left out"},
		{[]string{"undelete", h.Quote.ArticleID, "--reason", "real after all"}, 0, "correction 5: restore_article"},
		{[]string{"corrections", "--article", h.Quote.ArticleID}, 0, "restore_article"},
	}
	for _, tt := range tests {
		r := runCLI(t, "", append([]string{"--index", dir}, tt.args...)...)
		if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.want) {
			t.Errorf("quotes %s → %d\n%s%s\nwant %d and %q", strings.Join(tt.args, " "), r.code, r.stdout, r.stderr, tt.code, tt.want)
		}
	}
	r := runCLI(t, "", "--index", dir, "search", "--json", "--kind", "partial")
	if !strings.Contains(r.stdout, id) {
		t.Errorf("the kind correction did not outlive delete and undelete: %s", r.stdout)
	}
}

// A server killed with SIGKILL leaves its file behind, naming a process
// that may still exist (a zombie, a reused id): the commands see that
// nobody holds the directory and open it themselves.
func TestStaleServerFileIgnored(t *testing.T) {
	dir := t.TempDir()
	if r := runCLI(t, "", "--index", dir, "ingest", "../../testdata/articles/nested.txt"); r.code != 0 {
		t.Fatalf("ingest: %s", r.stderr)
	}
	if _, err := auth.WriteServer(dir, auth.Server{URL: "http://127.0.0.1:1", PID: os.Getpid(), Key: "ql_x"}); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, "", "--index", dir, "search", "--json"); r.code != 0 || !strings.Contains(r.stdout, `"quote"`) {
		t.Errorf("search beside a stale server file: %d %s", r.code, r.stderr)
	}
	if r := runCLI(t, "", "--index", dir, "reindex"); r.code != 0 {
		t.Errorf("reindex beside a stale server file: %d %s", r.code, r.stderr)
	}
}
