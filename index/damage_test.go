package index

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/quotesproject/quotes"
)

// closedCorpus returns a data directory holding the test corpus, closed.
func closedCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.PutBatch(context.Background(), corpus()); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// segments returns the segment files of the quote index in dir.
func segments(t *testing.T, dir string) []string {
	t.Helper()
	segs, _ := filepath.Glob(filepath.Join(dir, quotesDir, "*", "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("fixture: no segment in the quote index")
	}
	return segs
}

// shardFiles returns the file name in every shard of the quote index in
// dir that holds quotes.
func shardFiles(t *testing.T, dir, name string) []string {
	t.Helper()
	var out []string
	for _, seg := range segments(t, dir) {
		shard := filepath.Dir(filepath.Dir(seg))
		if p := filepath.Join(shard, name); !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

func truncateHalf(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, fi.Size()/2); err != nil {
		t.Fatal(err)
	}
}

// truncateStoreHalf cuts the bbolt file at path to half of the pages it
// uses: bbolt grows its files ahead of their data, so half the file may
// hold every page.
func truncateStoreHalf(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var used int64
	err = db.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil })
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, used/2); err != nil {
		t.Fatal(err)
	}
}

func scribble(t *testing.T, path string, at int64) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	junk := []byte(strings.Repeat("\xde\xad\xbe\xef", 1024))
	if _, err := f.WriteAt(junk, at); err != nil {
		t.Fatal(err)
	}
}

// Each damage gives one EDAMAGED error that names the damaged file and
// the command that repairs it, and never a panic or a crash.
func TestDamagedStoresNamedWithTheirRepair(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, dir string)
		file   string // named in the error
		repair string // the command the error gives
	}{
		{"article store deleted", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, articlesFile)) }, articlesFile + " is missing", "quotes restore"},
		{"article store emptied", func(t *testing.T, dir string) { os.Truncate(filepath.Join(dir, articlesFile), 0) }, articlesFile + " is empty", "quotes restore"},
		{"article store cut in half", func(t *testing.T, dir string) { truncateStoreHalf(t, filepath.Join(dir, articlesFile)) }, articlesFile + " is damaged", "quotes restore"},
		{"article store's two meta pages overwritten", func(t *testing.T, dir string) {
			scribble(t, filepath.Join(dir, articlesFile), 0)
			scribble(t, filepath.Join(dir, articlesFile), 4096)
		}, articlesFile + " is damaged", "quotes restore"},
		{"quote segment cut in half", func(t *testing.T, dir string) {
			for _, s := range segments(t, dir) {
				truncateHalf(t, s)
			}
		}, quotesDir + string(filepath.Separator), "quotes reindex"},
		{"quote segment overwritten", func(t *testing.T, dir string) {
			for _, s := range segments(t, dir) {
				fi, _ := os.Stat(s)
				scribble(t, s, max(0, fi.Size()-4096))
			}
		}, quotesDir + string(filepath.Separator), "quotes reindex"},
		{"quote index meta overwritten", func(t *testing.T, dir string) {
			for _, m := range shardFiles(t, dir, "index_meta.json") {
				os.WriteFile(m, []byte("{not json"), 0o600)
			}
		}, quotesDir + string(filepath.Separator), "quotes reindex"},
		{"quote index root cut", func(t *testing.T, dir string) {
			for _, m := range shardFiles(t, dir, filepath.Join("store", "root.bolt")) {
				os.Truncate(m, 100)
			}
		}, quotesDir + string(filepath.Separator), "quotes reindex"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := closedCorpus(t)
			tt.damage(t, dir)
			ix, err := Open(dir)
			if err == nil {
				ix.Close()
				t.Fatal("Open of a damaged directory succeeded")
			}
			wantCode(t, err, quotes.EDAMAGED)
			if msg := err.Error(); !strings.Contains(msg, tt.file) || !strings.Contains(msg, tt.repair) || !strings.Contains(msg, dir) {
				t.Errorf("error %q does not name %q, the directory and %q", msg, tt.file, tt.repair)
			}
			if tt.repair != "quotes reindex" {
				return
			}
			// The repair it names works: the articles are intact.
			ix, err = OpenForReindex(dir)
			if err != nil {
				t.Fatalf("OpenForReindex: %v", err)
			}
			defer ix.Close()
			if _, err := ix.Reindex(context.Background(), extractWords, nil); err != nil {
				t.Fatal(err)
			}
			if _, n, _ := ix.Stats(context.Background()); n == 0 {
				t.Error("no quote after the reindex")
			}
		})
	}
}

// A reindex of an empty store beside a full index would delete every
// quote: it is refused.
func TestReindexRefusesAnEmptyStore(t *testing.T) {
	ctx := context.Background()
	ix := openWithCorpus(t)
	if err := ix.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketArticles); err != nil {
			return err
		}
		_, err := tx.CreateBucket(bucketArticles)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	_, err := ix.Reindex(ctx, extractWords, nil)
	wantCode(t, err, quotes.ECONFLICT)
	if !strings.Contains(err.Error(), "holds no article while the quote index holds 7 quotes") || !strings.Contains(err.Error(), "quotes restore") {
		t.Errorf("error = %v", err)
	}
	if _, n, _ := ix.Stats(ctx); n != 7 {
		t.Errorf("quotes after the refused reindex: %d, want 7", n)
	}
}

// One damaged article record is skipped and named; the rest is reindexed
// and Verify reports it.
func TestDamagedRecordSkipped(t *testing.T) {
	ctx := context.Background()
	ix := openWithCorpus(t)
	if err := ix.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).Put([]byte("a2"), []byte(`{"id": "a2", "text": `))
	}); err != nil {
		t.Fatal(err)
	}
	damaged, err := ix.Reindex(ctx, extractWords, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(damaged) != 1 || !strings.HasPrefix(damaged[0], `"a2": `) {
		t.Errorf("damaged = %q, want a2 named", damaged)
	}
	for _, id := range []string{"a1", "a3"} {
		if res := doSearch(t, ix, quotes.SearchRequest{ArticleID: id}); res.Total == 0 {
			t.Errorf("article %s not reindexed", id)
		}
	}
	r, err := ix.Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Damaged) != 1 || r.OK() {
		t.Errorf("Verify = %+v, want a2 damaged", r)
	}
}

func TestVerifyAndRepair(t *testing.T) {
	ctx := context.Background()
	ix := openWithCorpus(t)
	ix.SetExtractor(func(a quotes.Article) []quotes.Quote {
		for _, e := range corpus() {
			if e.Article.ID == a.ID {
				return e.Quotes
			}
		}
		return nil
	})
	r, err := ix.Verify(ctx)
	if err != nil || !r.OK() || r.Articles != 3 || r.Quotes != 7 {
		t.Fatalf("Verify of a sound index = %+v, %v", r, err)
	}
	// A quote of a1 lost, a stray quote for a3, an orphan of a9.
	ids, _ := quotesOf(ctx, ix.bl, []string{"a1"})
	var lostID, shard string
	for id, sh := range ids {
		lostID, shard = id, sh
	}
	bl := ix.sh.lookup(shard)
	b := bl.NewBatch()
	b.Delete(lostID)
	stray := map[string]any{fQuote: "stray", fArticleID: "a3", fDoc: `{"article_id":"a3"}`}
	b.Index("stray-quote", stray)
	b.Index("orphan-quote", map[string]any{fQuote: "orphan", fArticleID: "a9", fDoc: `{"article_id":"a9"}`})
	if err := bl.Batch(b); err != nil {
		t.Fatal(err)
	}
	r, err = ix.Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Missing, []string{"a1"}) || !slices.Equal(r.Stray, []string{"a3"}) || !slices.Equal(r.Orphaned, []string{"a9"}) || r.OK() {
		t.Errorf("Verify = %+v; want a1 missing, a3 stray, a9 orphaned", r)
	}
	if n, err := ix.Repair(ctx, r); n != 3 || err != nil {
		t.Errorf("Repair = %d, %v; want 3", n, err)
	}
	if r, err := ix.Verify(ctx); err != nil || !r.OK() || r.Quotes != 7 {
		t.Errorf("Verify after the repair = %+v, %v", r, err)
	}
}

// TestReindexOneShard damages the segments of one shard: Open names that
// shard and its own repair, and rebuilding it alone brings every quote
// back while the other shards are not rewritten.
func TestReindexOneShard(t *testing.T) {
	ctx := context.Background()
	dir := closedCorpus(t)
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	before := texts(doSearch(t, ix, quotes.SearchRequest{Size: 100}))
	shards := ix.sh.names()
	ix.Close()
	if len(shards) < 3 {
		t.Fatalf("fixture: shards %v, want several", shards)
	}
	victim := shards[0] // the earliest month
	others := map[string]string{}
	for _, seg := range segments(t, dir) {
		if !strings.Contains(seg, string(filepath.Separator)+victim+string(filepath.Separator)) {
			b, _ := os.ReadFile(seg)
			others[seg] = string(b)
			continue
		}
		truncateHalf(t, seg)
	}
	_, err = Open(dir)
	wantCode(t, err, quotes.EDAMAGED)
	if err == nil || !strings.Contains(err.Error(), "quotes reindex --shard "+victim) {
		t.Fatalf("Open: %v; want it to name the repair of shard %s alone", err, victim)
	}

	if _, err := OpenForShardReindex(dir, "2025-13-x"); quotes.ErrorCode(err) != quotes.EINVALID {
		t.Errorf("a bad shard name: %v, want EINVALID", err)
	}
	ix, err = OpenForShardReindex(dir, victim)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.ReindexShard(ctx, extractQuotesOf(corpus()), nil); err != nil {
		t.Fatal(err)
	}
	if got := texts(doSearch(t, ix, quotes.SearchRequest{Size: 100})); !slices.Equal(sorted(got), sorted(before)) {
		t.Errorf("after the shard's rebuild: %q, want %q", got, before)
	}
	for seg, was := range others {
		if b, err := os.ReadFile(seg); err != nil || string(b) != was {
			t.Errorf("segment %s of another shard changed (%v)", seg, err)
		}
	}
}

// extractQuotesOf returns an extractor giving each article of entries its
// quotes there.
func extractQuotesOf(entries []Entry) func(quotes.Article) []quotes.Quote {
	return func(a quotes.Article) []quotes.Quote {
		for _, e := range entries {
			if e.Article.ID == a.ID {
				return e.Quotes
			}
		}
		return nil
	}
}
