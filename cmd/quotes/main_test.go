package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/index"
)

// result is what one run of the command gave.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the command line args in-process with stdin as standard
// input.
func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return runCLIContext(t, context.Background(), strings.NewReader(stdin), args...)
}

func runCLIContext(t *testing.T, ctx context.Context, stdin interface{ Read([]byte) (int, error) }, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(ctx, args, stdin, &out, &errb)
	t.Logf("quotes %s → %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out.String(), errb.String())
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// writeFiles writes files (slash path → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// indexStats opens the index in dir and returns its counts.
func indexStats(t *testing.T, dir string) (articles, nquotes int) {
	t.Helper()
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatalf("open index: %v", err)
	}
	defer ix.Close()
	articles, nquotes, err = ix.Stats(context.Background())
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	return articles, nquotes
}

// articleIDs returns the ids of the articles stored in dir, in store
// order.
func articleIDs(t *testing.T, dir string) []string {
	t.Helper()
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatalf("open index: %v", err)
	}
	defer ix.Close()
	var ids []string
	if err := ix.Articles(context.Background(), func(a quotes.Article) error {
		ids = append(ids, a.ID)
		return nil
	}); err != nil {
		t.Fatalf("articles: %v", err)
	}
	return ids
}

// syncBuffer is a bytes.Buffer safe for one writer and concurrent readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestHelp(t *testing.T) {
	t.Parallel()
	for _, cmd := range []string{"", "extract", "ingest", "search", "reindex", "serve"} {
		args := []string{"--help"}
		if cmd != "" {
			args = []string{cmd, "--help"}
		}
		r := runCLI(t, "", args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Examples:") || !strings.Contains(r.stdout, "--index") {
			t.Errorf("quotes %s --help: code %d, stdout %q", cmd, r.code, r.stdout)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Some text."})
	file := filepath.Join(dir, "a.txt")
	idx := filepath.Join(dir, "idx")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"extract", "--bogus", file}, "unknown flag: --bogus"},
		{[]string{"extract"}, "missing FILE"},
		{[]string{"ingest", "--index", idx}, "missing PATH"},
		{[]string{"extract", "--format", "xml", file}, `invalid --format "xml"`},
		{[]string{"search", "--index", idx, "--from", "last tuesday", "x"}, `invalid --from: cannot read "last tuesday" as a date`},
		{[]string{"search", "--index", idx, "--to", "2025-13-45"}, "invalid --to"},
		{[]string{"search", "--index", idx, "--from", "2025-06-01", "--to", "2025-05-01"}, "is before --from"},
		{[]string{"search", "--index", idx, "--kind", "quoted"}, `invalid --kind "quoted"`},
		{[]string{"search", "--index", idx, "--limit", "0"}, "invalid --limit 0"},
		{[]string{"search", "--index", idx, "--limit", "many"}, `invalid argument "many"`},
		{[]string{"search", "--index", idx, "--page", "0"}, "invalid --page 0"},
		{[]string{"reindex", "--index", idx, "extra"}, `unexpected argument "extra"`},
		{[]string{"serve", "--index", idx, "--bogus"}, "unknown flag: --bogus"},
		{[]string{"serch"}, `unknown command "serch" (did you mean "search"?)`},
		{nil, "missing command"},
	}
	for _, tt := range tests {
		r := runCLI(t, "", tt.args...)
		if r.code != exitUsage {
			t.Errorf("quotes %q: exit %d, want %d", tt.args, r.code, exitUsage)
		}
		if !strings.HasPrefix(r.stderr, "quotes: ") || !strings.Contains(r.stderr, tt.want) || !strings.Contains(r.stderr, "--help' for usage") {
			t.Errorf("quotes %q: stderr %q, want quotes: …%s… and a usage hint", tt.args, r.stderr, tt.want)
		}
		if r.stdout != "" {
			t.Errorf("quotes %q: stdout %q, want nothing", tt.args, r.stdout)
		}
	}
	if _, err := os.Stat(idx); err == nil {
		t.Errorf("a usage error created the index")
	}
}

func TestHighlight(t *testing.T) {
	t.Parallel()
	frag := `&ldquo;We &amp; they <mark>will</mark> &lt;not&gt; back <mark>down</mark>`
	if got, want := highlight(frag, false), "“We & they will <not> back down"; got != want {
		t.Errorf("highlight plain = %q, want %q", got, want)
	}
	if got, want := highlight(frag, true), "“We & they \x1b[1mwill\x1b[0m <not> back \x1b[1mdown\x1b[0m"; got != want {
		t.Errorf("highlight bold = %q, want %q", got, want)
	}
}

// TestReadOnlyCommandsNeedAnIndex: search and reindex on a directory that
// holds no index fail (exit 1) instead of creating an empty one.
func TestReadOnlyCommandsNeedAnIndex(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "typo")
	for _, args := range [][]string{{"search", "--index", dir, "x"}, {"reindex", "--index", dir}} {
		r := runCLI(t, "", args...)
		if r.code != 1 || !strings.Contains(r.stderr, "no index at") {
			t.Errorf("%v: exit %d, stderr %q; want 1 and 'no index at'", args, r.code, r.stderr)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("%v created %s", args, dir)
		}
	}
}
