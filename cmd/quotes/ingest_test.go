package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/index"
)

// corpus writes n small articles as text files under dir/articles and
// returns their ids.
func corpus(t *testing.T, dir string, n int) []string {
	t.Helper()
	files := map[string]string{}
	var ids []string
	for i := range n {
		id := fmt.Sprintf("story-%02d", i)
		files["articles/"+id+".txt"] = fmt.Sprintf(
			"“We will fix road %d,” Mayor Tom Reyes said on Friday.\n\nCouncil member Ana Ruiz said the plan for road %d was late.\n", i, i)
		ids = append(ids, id)
	}
	writeFiles(t, dir, files)
	return ids
}

var summaryRE = regexp.MustCompile(`(?m)^ingested (\d+) articles?, (\d+) quotes? in \d+\.\ds`)

// summary returns the article count of ingest's summary line in stderr.
func summary(t *testing.T, stderr string) (line string, articles int) {
	t.Helper()
	m := summaryRE.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary line in stderr %q", stderr)
	}
	fmt.Sscan(m[1], &articles)
	line, _, _ = strings.Cut(stderr[strings.Index(stderr, m[0]):], "\n")
	return line, articles
}

func TestIngestBadInputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	in := filepath.Join(dir, "in")
	writeFiles(t, in, map[string]string{
		"good.txt": alvarezText,
		"wire.jsonl": `{"id":"w1","text":"“Taxes will fall,” Senator Mark Cole said."}` + "\n" +
			`{"id":"w2","text": oops}` + "\n" +
			`{"id":"w3","text":"Mayor Tom Reyes said the road would open."}` + "\n",
		"broken.xml":      "<rss><channel><item>",
		".hidden.txt":     "Hidden, not read.",
		"notes/readme.md": "Notes said nothing.",
		"photo.jpg":       "not an article",
	})
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(in, "dead.txt")); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "", "ingest", "--index", idx, in)
	if r.code != exitFailure {
		t.Errorf("exit %d, want %d", r.code, exitFailure)
	}
	for _, want := range []string{
		"quotes: " + filepath.Join(in, "wire.jsonl") + ":2: invalid character 'o'",
		"quotes: " + filepath.Join(in, "dead.txt") + ": no such file or directory",
		"quotes: " + filepath.Join(in, "broken.xml") + ": ",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	line, n := summary(t, r.stderr)
	if n != 4 || !strings.Contains(line, "(2 files skipped, 1 bad record)") {
		t.Errorf("summary %q, want 4 articles, 2 files skipped, 1 bad record", line)
	}
	if got, want := articleIDs(t, idx), []string{"good", "readme", "w1", "w3"}; !slices.Equal(got, want) {
		t.Errorf("stored articles %v, want %v", got, want)
	}
}

func TestIngestTwiceNoDuplicates(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	ids := corpus(t, dir, 5)
	r := runCLI(t, "", "ingest", "--index", idx, filepath.Join(dir, "articles"))
	if r.code != 0 {
		t.Fatalf("first ingest: exit %d", r.code)
	}
	if _, n := summary(t, r.stderr); n != len(ids) {
		t.Errorf("summary says %d articles, want %d", n, len(ids))
	}
	a1, q1 := indexStats(t, idx)
	r = runCLI(t, "", "ingest", "--index", idx, filepath.Join(dir, "articles"))
	if r.code != 0 {
		t.Fatalf("second ingest: exit %d", r.code)
	}
	a2, q2 := indexStats(t, idx)
	if a1 != len(ids) || a2 != a1 || q2 != q1 {
		t.Errorf("stats after first ingest %d/%d, after second %d/%d; want %d articles both times", a1, q1, a2, q2, len(ids))
	}
}

func TestIngestStdin(t *testing.T) {
	t.Parallel()
	idx := filepath.Join(t.TempDir(), "idx")
	in := `{"id":"s1","text":"“Taxes will fall,” Senator Mark Cole said."}` + "\n"
	r := runCLI(t, in, "ingest", "--index", idx, "-")
	if r.code != 0 {
		t.Fatalf("exit %d", r.code)
	}
	if got := articleIDs(t, idx); !slices.Equal(got, []string{"s1"}) {
		t.Errorf("stored %v, want [s1]", got)
	}
}

// TestIngestResume simulates an ingest killed midway: part of the inputs
// stored, then everything ingested again. Every article must be stored
// once.
func TestIngestResume(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	ids := corpus(t, dir, 6)
	path := func(id string) string { return filepath.Join(dir, "articles", id+".txt") }

	// A run stopped by a signal: the context is cancelled while standard
	// input, the second input, is read.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stdin := &cancellingReader{cancel: cancel, r: strings.NewReader("Text from standard input.")}
	r := runCLIContext(t, ctx, stdin, "ingest", "--index", idx, path(ids[0]), "-", path(ids[1]), path(ids[2]))
	if r.code != exitFailure || !strings.Contains(r.stderr, "interrupted") {
		t.Errorf("interrupted ingest: exit %d, stderr %q; want 1 and interrupted", r.code, r.stderr)
	}
	if got := articleIDs(t, idx); !slices.Equal(got, ids[:1]) {
		t.Errorf("after the interrupted ingest, stored %v: want what was read before, %s", got, ids[0])
	}

	// A run that wrote part of the inputs.
	if r := runCLI(t, "", "ingest", "--index", idx, path(ids[1]), path(ids[3])); r.code != 0 {
		t.Fatalf("partial ingest: exit %d", r.code)
	}
	// Everything again.
	if r := runCLI(t, "", "ingest", "--index", idx, filepath.Join(dir, "articles")); r.code != 0 {
		t.Fatalf("full ingest: exit %d", r.code)
	}
	if got := articleIDs(t, idx); !slices.Equal(got, ids) {
		t.Errorf("stored %v, want each of %v once", got, ids)
	}
	if n, _ := indexStats(t, idx); n != len(ids) {
		t.Errorf("stats count %d articles, want %d", n, len(ids))
	}
}

// cancellingReader cancels a context when first read, like a signal
// arriving while an input is read.
type cancellingReader struct {
	once   sync.Once
	cancel context.CancelFunc
	r      *strings.Reader
}

func (c *cancellingReader) Read(p []byte) (int, error) {
	c.once.Do(c.cancel)
	return c.r.Read(p)
}

func TestIngestMissingPath(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	writeFiles(t, dir, map[string]string{"a.txt": alvarezText})
	missing := filepath.Join(dir, "gone")
	r := runCLI(t, "", "ingest", "--index", idx, missing, filepath.Join(dir, "a.txt"))
	if r.code != exitFailure || !strings.Contains(r.stderr, "quotes: "+missing+": no such file or directory\n") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if line, n := summary(t, r.stderr); n != 1 || !strings.Contains(line, "1 file skipped") {
		t.Errorf("summary %q", line)
	}
}

func TestReindexKeepsCounts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	corpus(t, dir, 4)
	if r := runCLI(t, "", "ingest", "--index", idx, filepath.Join(dir, "articles")); r.code != 0 {
		t.Fatalf("ingest: exit %d", r.code)
	}
	a1, q1 := indexStats(t, idx)
	r := runCLI(t, "", "reindex", "--index", idx)
	if r.code != 0 {
		t.Fatalf("reindex: exit %d", r.code)
	}
	want := fmt.Sprintf("reindexed %d articles, %d quotes in ", a1, q1)
	if !strings.HasPrefix(r.stderr, want) {
		t.Errorf("stderr %q, want it to start with %q", r.stderr, want)
	}
	if a2, q2 := indexStats(t, idx); a2 != a1 || q2 != q1 {
		t.Errorf("after reindex %d/%d, before %d/%d", a2, q2, a1, q1)
	}
}

func TestStoreBatchIsolatesBadEntries(t *testing.T) {
	t.Parallel()
	ix, err := index.Open(filepath.Join(t.TempDir(), "idx"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	batch := []index.Entry{
		{Article: quotes.Article{ID: "good", Text: "Fine text."}},
		{Article: quotes.Article{ID: "empty", Text: "  "}},
		{Article: quotes.Article{ID: "also-good", Text: "More text."}},
	}
	stored, failures, err := storeBatch(context.Background(), ix, batch)
	if err != nil {
		t.Fatal(err)
	}
	if stored != 2 || failures[0] != nil || failures[1] == nil || failures[2] != nil {
		t.Errorf("stored %d, failures %v; want 2 stored and the empty one refused", stored, failures)
	}
	if n, _, _ := ix.Stats(context.Background()); n != 2 {
		t.Errorf("index has %d articles, want 2", n)
	}
}
