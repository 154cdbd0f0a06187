package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/index"
)

// seedIndex stores two articles with hand-made quotes in a new index, so
// that search is tested whatever the extractor finds.
func seedIndex(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	a1 := quotes.Article{ID: "budget", Title: "Budget fight", Outlet: "Valley Courier",
		Published: time.Date(2025, 5, 19, 9, 0, 0, 0, time.UTC),
		Text:      "“We will not back down & we won't,” Governor Jane Alvarez said."}
	a2 := quotes.Article{ID: "harbor", Outlet: "Harbor Times",
		Published: time.Date(2025, 6, 2, 9, 0, 0, 0, time.UTC),
		Text:      "Mayor Tom Reyes said the harbor would not close."}
	q1 := quotes.Quote{Text: "We will not back down & we won't,", Start: 3, End: 36, Kind: quotes.KindDirect,
		Speaker: "Jane Alvarez", SpeakerMention: "Governor Jane Alvarez", Cue: "said", Role: "Governor"}
	q2 := quotes.Quote{Text: "the harbor would not close", Start: 21, End: 47, Kind: quotes.KindIndirect,
		Speaker: "Tom Reyes", SpeakerMention: "Mayor Tom Reyes", Cue: "said", Role: "Mayor"}
	err = ix.PutBatch(context.Background(), []index.Entry{
		{Article: a1, Quotes: []quotes.Quote{q1}},
		{Article: a2, Quotes: []quotes.Quote{q2}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestSearchJSON(t *testing.T) {
	t.Parallel()
	idx := seedIndex(t)
	r := runCLI(t, "", "search", "--index", idx, "--json", "not")
	if r.code != 0 {
		t.Fatalf("exit %d", r.code)
	}
	var res quotes.SearchResult
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatalf("output is not a SearchResult: %v", err)
	}
	if res.Total != 2 || len(res.Hits) != 2 {
		t.Fatalf("total %d, %d hits; want 2", res.Total, len(res.Hits))
	}
	for _, h := range res.Hits {
		if h.Quote.ID == "" || h.Quote.ArticleID == "" || h.Quote.Outlet == "" {
			t.Errorf("hit %+v lacks ids or metadata", h.Quote)
		}
	}

	// Filters.
	for _, tt := range []struct {
		args []string
		want string // the article of the only hit
	}{
		{[]string{"--speaker", "Jane Alvarez"}, "budget"},
		{[]string{"--outlet", "Harbor Times"}, "harbor"},
		{[]string{"--kind", "indirect"}, "harbor"},
		{[]string{"--from", "2025-06-01"}, "harbor"},
		{[]string{"--to", "2025-05-19"}, "budget"}, // a plain date includes its day
		{[]string{"--limit", "1", "--page", "2", "--to", "2025-12-31"}, ""},
	} {
		args := append([]string{"search", "--index", idx, "--json"}, tt.args...)
		r := runCLI(t, "", append(args, "not")...)
		var res quotes.SearchResult
		if err := json.Unmarshal([]byte(r.stdout), &res); r.code != 0 || err != nil {
			t.Fatalf("%v: exit %d, %v", tt.args, r.code, err)
		}
		if tt.want == "" {
			if res.Total != 2 || len(res.Hits) != 1 {
				t.Errorf("%v: total %d, %d hits; want page 2 of 2 with 1 hit", tt.args, res.Total, len(res.Hits))
			}
			continue
		}
		if len(res.Hits) != 1 || res.Hits[0].Quote.ArticleID != tt.want {
			t.Errorf("%v: hits %+v, want one of %s", tt.args, res.Hits, tt.want)
		}
	}
}

func TestSearchText(t *testing.T) {
	t.Parallel()
	idx := seedIndex(t)
	r := runCLI(t, "", "search", "--index", idx, "back", "down")
	if r.code != 0 {
		t.Fatalf("exit %d", r.code)
	}
	for _, want := range []string{
		"1. “We will not back down & we won't,”", // no <mark>, entities decoded
		"— Jane Alvarez (Governor), Valley Courier, 2025-05-19",
		"1 quote found, 1–1 shown",
		"speakers: Jane Alvarez (1)",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "<mark>") || strings.Contains(r.stdout, "\x1b[") || strings.Contains(r.stdout, "&amp;") {
		t.Errorf("output has markup on a non-terminal:\n%s", r.stdout)
	}

	r = runCLI(t, "", "search", "--index", idx, "nothingmatchesthis")
	if r.code != 0 || !strings.Contains(r.stdout, "no quotes found") {
		t.Errorf("exit %d, stdout %q; want no quotes found", r.code, r.stdout)
	}
}

func TestSearchBadQuery(t *testing.T) {
	t.Parallel()
	idx := seedIndex(t)
	r := runCLI(t, "", "search", "--index", idx, `"unclosed`)
	if r.code != exitUsage || !strings.HasPrefix(r.stderr, `quotes: invalid query "\"unclosed": `) {
		t.Errorf("exit %d, stderr %q; want %d and the query named", r.code, r.stderr, exitUsage)
	}
}

func TestSearchExportAndCursor(t *testing.T) {
	t.Parallel()
	idx := seedIndex(t)
	r := runCLI(t, "", "search", "--index", idx, "--format", "csv", "--limit", "1", "not")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if r.code != 0 || err != nil || len(rows) != 3 || rows[0][1] != "quote" {
		t.Fatalf("exit %d, %d rows (%v); want the header and both quotes whatever --limit", r.code, len(rows), err)
	}
	if got := []string{rows[1][3], rows[2][3]}; !slices.Contains(got, "Jane Alvarez") || !slices.Contains(got, "Tom Reyes") {
		t.Errorf("speakers %q", got)
	}
	r = runCLI(t, "", "search", "--index", idx, "--format", "jsonl", "harbor")
	if r.code != 0 || strings.Count(r.stdout, "\n") != 1 || !strings.Contains(r.stdout, `"speaker":"Tom Reyes"`) {
		t.Errorf("jsonl export: exit %d, %q", r.code, r.stdout)
	}
	r = runCLI(t, "", "search", "--index", idx, "--limit", "1", "--sort", "oldest")
	_, cursor, ok := strings.Cut(r.stdout, "next page: --after ")
	cursor, _, _ = strings.Cut(cursor, "\n")
	if r.code != 0 || !ok || !strings.Contains(r.stdout, "Jane Alvarez") {
		t.Fatalf("first page: exit %d, %q; want Jane Alvarez and a cursor", r.code, r.stdout)
	}
	r = runCLI(t, "", "search", "--index", idx, "--limit", "1", "--sort", "oldest", "--after", strings.TrimSpace(cursor))
	if r.code != 0 || !strings.Contains(r.stdout, "Tom Reyes") || strings.Contains(r.stdout, "next page") {
		t.Errorf("page after the cursor: exit %d, %q; want Tom Reyes and no further cursor", r.code, r.stdout)
	}
	for _, args := range [][]string{
		{"--format", "xlsx"},
		{"--page", "2", "--after", strings.TrimSpace(cursor)},
		{"--format", "csv", "not AND"},
	} {
		r = runCLI(t, "", append([]string{"search", "--index", idx}, args...)...)
		if r.code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, r.code, exitUsage)
		}
	}
}
