package index

// The side-by-side benchmark of the quote index against SQLite FTS5
// (modernc.org/sqlite, a test-only dependency): the same quotes, the same
// searches (internal/benchset), the same work per search: the first page
// of 20 hits ranked (bm25 in both), highlighted snippets of the quote and
// its sentence, the total, and the facets the search page shows (speaker,
// outlet, kind, and the day counts of the timeline).
//
//	go test ./index -run NONE -bench FTS5 -benchtime 30x
//	QUOTES_BENCH_CORPUS=/tmp/news16.jsonl go test ./index -run NONE -bench FTS5 -benchtime 30x -timeout 60m
//
// The corpus is JSON lines of articles (default: the news corpus in
// ../shared); its quotes are extracted once. The ratio table at the end
// is FTS5's time over bleve's for each kind of search: above 1, bleve is
// faster. The index's cache of browse pages is off: both engines do the
// work each time.

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/extract"
	"github.com/quotesproject/quotes/internal/benchset"
	"github.com/quotesproject/quotes/source"
)

// ftsPage is the page size of both engines in the benchmark.
const ftsPage = 20

// benchEntries reads and extracts the benchmark corpus.
func benchEntries(b *testing.B) []Entry {
	b.Helper()
	path := os.Getenv("QUOTES_BENCH_CORPUS")
	var files []string
	if path != "" {
		files = []string{path}
	} else {
		dir := filepath.Join("..", "..", "shared", "corpus", "news")
		m, _ := filepath.Glob(filepath.Join(dir, "*.jsonl"))
		if len(m) == 0 {
			b.Skip("no corpus: set QUOTES_BENCH_CORPUS or put ../shared beside the project")
		}
		files = m
	}
	var arts []quotes.Article
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		err = source.Stream(f, r, source.Limits{}, func(a quotes.Article) error {
			arts = append(arts, a)
			return nil
		})
		r.Close()
		if err != nil {
			b.Logf("%s: %v", f, err) // bad lines are skipped
		}
	}
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	entries := make([]Entry, len(arts))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				a := arts[i]
				qs := x.Extract(a)
				quotes.AssignQuoteIDs(a.ID, qs)
				for j := range qs {
					q := &qs[j]
					q.ArticleID, q.URL, q.Title, q.Outlet, q.Published = a.ID, a.URL, a.Title, a.Outlet, a.Published
				}
				entries[i] = Entry{Article: a, Quotes: qs}
			}
		})
	}
	for i := range arts {
		next <- i
	}
	close(next)
	wg.Wait()
	return entries
}

// fts is the SQLite FTS5 side: a table of the quotes' fields and an FTS5
// table of their text, joined by rowid.
type fts struct{ db *sql.DB }

func buildFTS(b *testing.B, dir string, entries []Entry) *fts {
	b.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, "fts.db"))
	if err != nil {
		b.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	for _, s := range []string{
		`PRAGMA journal_mode=WAL`,
		`CREATE TABLE q(rowid INTEGER PRIMARY KEY, id TEXT, speaker TEXT, outlet TEXT, kind TEXT, day TEXT, published INTEGER)`,
		`CREATE VIRTUAL TABLE f USING fts5(quote, sentence, speaker_text, tokenize='porter unicode61')`,
	} {
		if _, err := db.Exec(s); err != nil {
			b.Fatalf("%s: %v", s, err)
		}
	}
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	qst, err := tx.Prepare(`INSERT INTO q VALUES (?,?,?,?,?,?,?)`)
	if err != nil {
		b.Fatal(err)
	}
	fst, err := tx.Prepare(`INSERT INTO f(rowid, quote, sentence, speaker_text) VALUES (?,?,?,?)`)
	if err != nil {
		b.Fatal(err)
	}
	row := 0
	for _, e := range entries {
		for _, q := range e.Quotes {
			if q.Kind == quotes.KindBelief {
				continue // the index's searches leave them out
			}
			row++
			var day any
			var pub any
			if !q.Published.IsZero() {
				day = q.Published.UTC().Format("2006-01-02")
				pub = q.Published.Unix()
			}
			if _, err := qst.Exec(row, q.ID, q.Speaker, q.Outlet, string(q.Kind), day, pub); err != nil {
				b.Fatal(err)
			}
			if _, err := fst.Exec(row, q.Text, q.Sentence, strings.Join(speakerNames(&q), "; ")); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	for _, s := range []string{
		`CREATE INDEX q_speaker ON q(speaker, published)`,
		`CREATE INDEX q_outlet ON q(outlet, published)`,
		`CREATE INDEX q_published ON q(published)`,
		`INSERT INTO f(f) VALUES('optimize')`,
	} {
		if _, err := db.Exec(s); err != nil {
			b.Fatalf("%s: %v", s, err)
		}
	}
	return &fts{db: db}
}

// ftsMatch returns the FTS5 query of s's words, or "".
func ftsMatch(s benchset.Search) string {
	if len(s.Words) == 0 {
		return ""
	}
	if s.Phrase {
		return `"` + strings.Join(s.Words, " ") + `"`
	}
	parts := make([]string, len(s.Words))
	for i, w := range s.Words {
		parts[i] = `"` + w + `"`
	}
	return strings.Join(parts, " AND ")
}

// search does in SQLite what Index.Search does: a page of ranked hits
// with snippets, the total, and four facets.
func (f *fts) search(s benchset.Search) (int, error) {
	match := ftsMatch(s)
	var (
		where []string
		args  []any
	)
	from := "q"
	if match != "" {
		from = "f JOIN q ON q.rowid = f.rowid"
		where = append(where, "f MATCH ?")
		args = append(args, match)
	}
	r := s.Request
	if r.Speaker != "" {
		where = append(where, "q.speaker = ?")
		args = append(args, r.Speaker)
	}
	if r.Outlet != "" {
		where = append(where, "q.outlet = ?")
		args = append(args, r.Outlet)
	}
	if !r.From.IsZero() {
		where = append(where, "q.published >= ?")
		args = append(args, r.From.Unix())
	}
	if !r.To.IsZero() {
		where = append(where, "q.published <= ?")
		args = append(args, r.To.Unix())
	}
	if r.Kind == "" {
		where = append(where, "q.kind <> 'belief'")
	}
	cond := strings.Join(where, " AND ")
	page := `SELECT q.id, q.published FROM ` + from + ` WHERE ` + cond + ` ORDER BY q.published DESC LIMIT ?`
	if match != "" {
		page = `SELECT q.id, snippet(f, 0, '<mark>', '</mark>', '…', 16), snippet(f, 1, '<mark>', '</mark>', '…', 16), bm25(f) AS rank
			FROM ` + from + ` WHERE ` + cond + ` ORDER BY rank LIMIT ?`
	}
	rows, err := f.db.Query(page, append(slices.Clone(args), ftsPage)...)
	if err != nil {
		return 0, fmt.Errorf("page: %w", err)
	}
	hits := 0
	for rows.Next() {
		hits++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var total int
	if err := f.db.QueryRow(`SELECT count(*) FROM `+from+` WHERE `+cond, args...).Scan(&total); err != nil {
		return 0, fmt.Errorf("total: %w", err)
	}
	for _, facet := range []struct {
		col   string
		limit int
	}{{"speaker", 20}, {"outlet", 20}, {"kind", 8}, {"day", -1}} {
		rows, err := f.db.Query(`SELECT q.`+facet.col+`, count(*) AS n FROM `+from+` WHERE `+cond+` AND q.`+facet.col+
			` IS NOT NULL GROUP BY 1 ORDER BY n DESC LIMIT ?`, append(slices.Clone(args), facet.limit)...)
		if err != nil {
			return 0, fmt.Errorf("facet %s: %w", facet.col, err)
		}
		for rows.Next() {
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
	}
	return total, nil
}

func BenchmarkFTS5SideBySide(b *testing.B) {
	entries := benchEntries(b)
	ctx := context.Background()

	dir := b.TempDir()
	start := time.Now()
	ix, err := Open(filepath.Join(dir, "quotes"))
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ix.browse.off = true
	for i := 0; i < len(entries); i += 500 {
		if err := ix.PutBatch(ctx, entries[i:min(i+500, len(entries))]); err != nil {
			b.Fatal(err)
		}
	}
	bleveTook := time.Since(start)
	start = time.Now()
	f := buildFTS(b, dir, entries)
	defer f.db.Close()
	ftsTook := time.Since(start)
	_, nq, _ := ix.Stats(ctx)
	bleveSize, _ := dirSize(filepath.Join(dir, "quotes", "quotes.bleve"))
	ftsSize, _ := dirSize(filepath.Join(dir, "fts.db"))
	fmt.Printf("%d quotes; built in %.1fs (bleve, with the article store) and %.1fs (FTS5); on disk %d MB (quotes.bleve) and %d MB (fts.db)",
		nq, bleveTook.Seconds(), ftsTook.Seconds(), bleveSize>>20, ftsSize>>20)
	fmt.Println()

	// The set, from the index's top speakers, outlets and months.
	set, err := benchset.FromIndex(ctx, ix.Search)
	if err != nil {
		b.Fatal(err)
	}

	perOp := map[string]map[string]float64{}
	for _, kind := range benchset.Kinds {
		var of []benchset.Search
		for _, s := range set {
			if s.Kind == kind {
				of = append(of, s)
			}
		}
		if len(of) == 0 {
			continue
		}
		perOp[kind] = map[string]float64{}
		for _, engine := range []string{"bleve", "fts5"} {
			b.Run(kind+"/"+engine, func(b *testing.B) {
				for i := 0; b.Loop(); i++ {
					s := of[i%len(of)]
					if engine == "bleve" {
						if _, err := ix.Search(ctx, s.Request); err != nil {
							b.Fatal(err)
						}
					} else if _, err := f.search(s); err != nil {
						b.Fatalf("%+v: %v", s, err)
					}
				}
				perOp[kind][engine] = float64(b.Elapsed().Microseconds()) / 1000 / float64(b.N)
			})
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "\n%-8s %10s %10s %12s\n", "search", "bleve ms", "fts5 ms", "fts5/bleve")
	for _, kind := range benchset.Kinds {
		m := perOp[kind]
		if m == nil || m["bleve"] == 0 {
			continue
		}
		fmt.Fprintf(&sb, "%-8s %10.2f %10.2f %12.2f\n", kind, m["bleve"], m["fts5"], m["fts5"]/m["bleve"])
	}
	fmt.Print(sb.String()) // b.Log shows only with -v
}
