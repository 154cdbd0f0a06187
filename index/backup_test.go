package index

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/quotesproject/quotes"
)

func TestBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.PutBatch(ctx, corpus()); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "b1")
	st, err := ix.Backup(ctx, backup)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 3 || st.Quotes != 7 || st.Bytes == 0 {
		t.Errorf("Backup = %+v, want 3 articles, 7 quotes", st)
	}
	_, err = ix.Backup(ctx, backup)
	wantCode(t, err, quotes.EINVALID)

	// Written after the backup: lost by the restore, as it should be.
	later := article("a9", "AP", "", []string{`"Later," he said.`}, quoteSpec{text: "Later", speaker: "Bob"})
	if err := ix.PutBatch(ctx, []Entry{later}); err != nil {
		t.Fatal(err)
	}
	_, err = Restore(backup, dir, false)
	wantCode(t, err, quotes.ECONFLICT) // in use
	ix.Close()
	_, err = Restore(backup, dir, false)
	wantCode(t, err, quotes.ECONFLICT) // holds articles
	if !strings.Contains(err.Error(), "--replace") {
		t.Errorf("refusal does not say how to go on: %v", err)
	}

	// The damage of the issue: the store deleted beside its index.
	os.Remove(filepath.Join(dir, articlesFile))
	if _, err := Open(dir); quotes.ErrorCode(err) != quotes.EDAMAGED {
		t.Fatalf("Open without the store: %v", err)
	}
	if _, err := Restore(backup, dir, false); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, qs, _ := ix.Stats(ctx); n != 3 || qs != 7 {
		t.Errorf("restored: %d articles, %d quotes; want 3, 7", n, qs)
	}
	if r, err := ix.Verify(ctx); err != nil || !r.OK() {
		t.Errorf("Verify of the restored directory = %+v, %v", r, err)
	}
	if !exists(filepath.Join(dir, quotesDir+".before-restore")) {
		t.Error("the replaced quote index was not kept aside")
	}
}

func TestRestoreRefusesWhatIsNotABackup(t *testing.T) {
	empty := t.TempDir()
	_, err := Restore(empty, t.TempDir(), false)
	wantCode(t, err, quotes.EINVALID)
	os.WriteFile(filepath.Join(empty, articlesFile), []byte("not a database, but long enough to be read as one, or not"), 0o600)
	_, err = Restore(empty, t.TempDir(), false)
	wantCode(t, err, quotes.EDAMAGED)
}
