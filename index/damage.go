package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/quotesproject/quotes"
)

// A damaged store gives one EDAMAGED error naming the file and the command
// that repairs it, never a panic or a crash:
//
//   - articles.db missing or empty beside a quote index that holds quotes:
//     the source of truth was lost, and opening would create an empty one
//     that a reindex would then copy over every quote. Open refuses;
//     the repair is a restore from a backup.
//   - articles.db that bbolt cannot open, or shorter than its own meta
//     page says (a truncated copy, which bbolt would map and then crash
//     reading past its end): the same.
//   - a quote index bleve cannot open, or whose opening panics: the
//     articles are intact, and quotes reindex rebuilds it
//     (OpenForReindex moves the damaged one aside).

// restoreHint is the repair of a damaged article store.
const restoreHint = "restore the data directory from a backup with quotes restore BACKUP_DIR --index %s (see the README, Backups)"

// storeLost reports, as an EDAMAGED error, an article store missing or
// emptied beside a quote index.
func storeLost(dir string) error {
	path := filepath.Join(dir, articlesFile)
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.Size() > 0:
		return nil
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("index: open %s: %w", path, err)
	}
	sharded, _ := filepath.Glob(filepath.Join(dir, quotesDir, "*", "store", "*.zap"))
	single, _ := filepath.Glob(filepath.Join(dir, quotesDir, "store", "*.zap")) // before shards
	if len(sharded)+len(single) == 0 {
		return nil // a new data directory, or an empty quote index
	}
	what := "is missing"
	if err == nil {
		what = "is empty"
	}
	return quotes.Errorf(quotes.EDAMAGED, "the article store %s %s while the quote index beside it remains: "+
		"the articles, the source of truth, were lost; "+restoreHint, path, what, dir)
}

// openStore opens articles.db, turning a lock held elsewhere into
// ECONFLICT and damage into EDAMAGED.
func openStore(dir string) (db *bolt.DB, err error) {
	path := filepath.Join(dir, articlesFile)
	damaged := func(why string) error {
		return quotes.Errorf(quotes.EDAMAGED, "the article store %s is damaged (%s); "+restoreHint, path, why, dir)
	}
	// bbolt maps the file and reads its freelist while opening: on a
	// file cut short that read faults past the end, which would kill the
	// process. Here it panics instead, and the panic is the damage.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if db != nil {
				db.Close()
			}
			db, err = nil, damaged(fmt.Sprintf("%v: the file was cut short or overwritten", r))
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout})
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, inUse(dir)
	case err != nil:
		return nil, damaged(err.Error())
	}
	fi, err := os.Stat(path)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("index: open %s: %w", path, err)
	}
	var want int64
	if err := db.View(func(tx *bolt.Tx) error { want = tx.Size(); return nil }); err != nil {
		db.Close()
		return nil, damaged(err.Error())
	}
	if fi.Size() < want {
		db.Close()
		return nil, damaged(fmt.Sprintf("%d bytes where its pages need %d: the file was cut short", fi.Size(), want))
	}
	return db, nil
}

// openBleve opens the quote index at path, turning a panic of bleve on
// damaged files into an error.
func openBleve(path string) (bl bleve.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			bl, err = nil, fmt.Errorf("bleve panicked opening it: %v", r)
		}
	}()
	return bleve.OpenUsing(path, map[string]any{"bolt_timeout": lockTimeout.String()})
}

// lostShard returns the name of a shard that holds no quote, or is
// missing, while the store lists quotes of articles recorded in it, or "".
// The shard skip, about to be rebuilt, is not reported.
func (ix *Index) lostShard(sh *shardSet, skip string) string {
	empty := map[string]bool{}
	for _, n := range sh.names() {
		if c, err := sh.lookup(n).DocCount(); err == nil && c == 0 {
			empty[n] = true
		}
	}
	lost := ""
	_ = ix.db.View(func(tx *bolt.Tx) error {
		lists, pending := tx.Bucket(bucketQuoteIDs), tx.Bucket(bucketPending)
		c := tx.Bucket(bucketArticleShards).Cursor()
		for k, v := c.First(); k != nil && lost == ""; k, v = c.Next() {
			// A pending article's quotes may not have been written yet.
			if string(v) != skip && (empty[string(v)] || sh.lookup(string(v)) == nil) && len(decodeIDs(lists.Get(k))) > 0 && pending.Get(k) == nil {
				lost = string(v)
			}
		}
		return nil
	})
	return lost
}

// firstLine returns the first line of err's message.
func firstLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}
