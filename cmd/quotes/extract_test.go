package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// alvarezText is a small article whose first quote any extractor should
// find.
const alvarezText = "“We will not back down,” Governor Jane Alvarez said on Monday.\r\n\r\n" +
	"The governor said the budget would pass by June, and aides called the plan “final.”\n"

// decodeLines decodes JSON lines of quotes into maps, failing on a bad
// line.
func decodeLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for line := range strings.SplitSeq(strings.TrimRight(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("output line %q is not JSON: %v", line, err)
		}
		lines = append(lines, m)
	}
	return lines
}

// checkQuoteLines checks that each JSON line has the fields of the
// contract and that its offsets point at its quote in text.
func checkQuoteLines(t *testing.T, lines []map[string]any, articleID, text string) {
	t.Helper()
	for _, m := range lines {
		for _, k := range []string{"id", "article_id", "quote", "start", "end", "kind", "speaker", "speaker_mention", "cue", "role"} {
			if _, ok := m[k]; !ok {
				t.Errorf("quote %v has no %q", m, k)
			}
		}
		if m["article_id"] != articleID {
			t.Errorf("article_id = %v, want %q", m["article_id"], articleID)
		}
		start, _ := m["start"].(float64)
		end, _ := m["end"].(float64)
		if start < 0 || end < start || int(end) > len(text) {
			t.Errorf("offsets %v:%v out of the text (%d bytes)", start, end, len(text))
			continue
		}
		if got := text[int(start):int(end)]; got != m["quote"] {
			t.Errorf("text[%v:%v] = %q, want the quote %q", start, end, got, m["quote"])
		}
	}
}

func TestExtractJSONL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"alvarez.txt": alvarezText})
	r := runCLI(t, "", "extract", filepath.Join(dir, "alvarez.txt"))
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	// Offsets are into the text as read: \r\n made \n.
	checkQuoteLines(t, decodeLines(t, r.stdout), "alvarez", strings.ReplaceAll(alvarezText, "\r\n", "\n"))
}

// TestExtractAlvarezQuote needs the real extractor: it fails with the
// placeholder that finds no quotes.
func TestExtractAlvarezQuote(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"alvarez.txt": alvarezText})
	r := runCLI(t, "", "extract", "--format", "jsonl", filepath.Join(dir, "alvarez.txt"))
	if r.code != 0 {
		t.Fatalf("exit %d", r.code)
	}
	for _, m := range decodeLines(t, r.stdout) {
		if strings.Contains(m["quote"].(string), "We will not back down") {
			if m["kind"] != "direct" || m["speaker"] != "Jane Alvarez" {
				t.Errorf("quote = %v, want a direct quote of Jane Alvarez", m)
			}
			return
		}
	}
	t.Errorf("no quote “We will not back down” in\n%s", r.stdout)
}

func TestExtractStdinAndFormats(t *testing.T) {
	t.Parallel()
	jsonl := `{"id":"wire-1","url":"https://wire.example/1","outlet":"Wire","text":"“Taxes will fall,” Senator Mark Cole said."}` + "\n" +
		`{"id":"wire-2","text":"Nobody spoke."}` + "\n"
	r := runCLI(t, jsonl, "extract", "-")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	lines := decodeLines(t, r.stdout)
	for _, m := range lines {
		if m["article_id"] != "wire-1" || m["outlet"] != "Wire" || m["url"] != "https://wire.example/1" {
			t.Errorf("quote %v: want article wire-1 with its metadata", m)
		}
	}

	r = runCLI(t, jsonl, "extract", "--format", "text", "-")
	if r.code != 0 {
		t.Fatalf("exit %d", r.code)
	}
	if !strings.Contains(r.stdout, "wire-1 (") || !strings.Contains(r.stdout, "wire-2 (0 quotes)") {
		t.Errorf("text listing lacks the article headers:\n%s", r.stdout)
	}
	if len(lines) > 0 && !strings.Contains(r.stdout, " — “") {
		t.Errorf("text listing lacks speaker — cue — “quote” lines:\n%s", r.stdout)
	}
}

func TestExtractHTML(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	page := `<!doctype html><html><head><title>Budget</title>
<link rel="canonical" href="https://courier.example/budget"></head>
<body><article><p>` + strings.ReplaceAll(alvarezText, "\r\n", " ") + `</p></article></body></html>`
	writeFiles(t, dir, map[string]string{"page.html": page})
	r := runCLI(t, "", "extract", filepath.Join(dir, "page.html"))
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	for _, m := range decodeLines(t, r.stdout) {
		if m["url"] != "https://courier.example/budget" || m["article_id"] == "" {
			t.Errorf("quote %v: want the page's URL and id", m)
		}
	}
}

func TestExtractMissingFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"ok.txt": alvarezText})
	missing := filepath.Join(dir, "missing.txt")
	r := runCLI(t, "", "extract", missing, filepath.Join(dir, "ok.txt"))
	if r.code != exitFailure {
		t.Errorf("exit %d, want %d", r.code, exitFailure)
	}
	if want := "quotes: " + missing + ": no such file or directory\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	// The other file was still read.
	checkQuoteLines(t, decodeLines(t, r.stdout), "ok", strings.ReplaceAll(alvarezText, "\r\n", "\n"))
	if _, err := os.Stat(missing); err == nil {
		t.Fatal("missing file exists")
	}
}

// TestExtractOrder checks that the output follows the input order although
// articles are extracted concurrently.
func TestExtractOrder(t *testing.T) {
	t.Parallel()
	var in strings.Builder
	const n = 60
	for i := range n {
		fmt.Fprintf(&in, `{"id":"a%03d","text":"“Road %d opens soon,” Mayor Tom Reyes said. Council member Ana Ruiz said it was late."}`+"\n", i, i)
	}
	r := runCLI(t, in.String(), "extract", "-")
	if r.code != 0 {
		t.Fatalf("exit %d", r.code)
	}
	last, seen := "", 0
	for _, m := range decodeLines(t, r.stdout) {
		id := m["article_id"].(string)
		if id < last {
			t.Fatalf("article %s printed after %s", id, last)
		}
		if id != last {
			seen++
		}
		last = id
	}
	t.Logf("%d articles had quotes", seen)
	r2 := runCLI(t, in.String(), "extract", "-")
	if r2.stdout != r.stdout {
		t.Errorf("two runs gave different output")
	}
}
