package index

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	bindex "github.com/blevesearch/bleve_index_api"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/quotesproject/quotes"
)

// A backup is a directory with the same layout as a data directory:
// articles.db, copied inside one bbolt read transaction (a consistent
// snapshot, taken while writes go on), and quotes.bleve, copied through
// bleve's copy reader (the segments of one snapshot). Restoring is putting
// those files back; a backup is itself a data directory that quotes can
// open.

// BackupStats says what a backup holds.
type BackupStats struct {
	Articles, Quotes int
	Bytes            int64
}

// Backup writes a consistent copy of the stores into dir, which must not
// exist or be empty. It runs beside searches and writes; a write made
// during it may be in the articles and not yet in the quote copy (a
// restore then reports it pending and indexes it). Other files of the data
// directory (the keys) are the caller's to copy.
func (ix *Index) Backup(ctx context.Context, dir string) (*BackupStats, error) {
	if err := emptyDir(dir); err != nil {
		return nil, err
	}
	st := &BackupStats{}
	err := ix.db.View(func(tx *bolt.Tx) error {
		st.Articles = tx.Bucket(bucketArticles).Stats().KeyN
		return tx.CopyFile(filepath.Join(dir, articlesFile), 0o600)
	})
	if err != nil {
		return nil, fmt.Errorf("index: backup %s: %w", articlesFile, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	bl, release, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer release()
	n, err := bl.DocCount()
	if err != nil {
		return nil, fmt.Errorf("index: backup: count quotes: %w", err)
	}
	st.Quotes = int(n)
	for _, name := range ix.sh.names() {
		cp, ok := ix.sh.lookup(name).(interface{ CopyTo(bindex.Directory) error })
		if !ok {
			return nil, fmt.Errorf("index: backup: the quote index cannot be copied")
		}
		if err := cp.CopyTo(fsDirectory(filepath.Join(dir, quotesDir, name))); err != nil {
			return nil, fmt.Errorf("index: backup %s: %w", filepath.Join(quotesDir, name), err)
		}
	}
	st.Bytes, _ = dirSize(dir)
	return st, nil
}

// fsDirectory is a bleve index.Directory writing under a path.
type fsDirectory string

// GetWriter creates the file at path under d, and its directories.
func (d fsDirectory) GetWriter(path string) (io.WriteCloser, error) {
	full := filepath.Join(string(d), filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o750); err != nil {
		return nil, err
	}
	return os.OpenFile(full, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
}

// emptyDir creates dir, or checks that it is an empty directory.
func emptyDir(dir string) error {
	ents, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return fmt.Errorf("index: backup: %w", err)
		}
		return nil
	case err != nil:
		return fmt.Errorf("index: backup: %w", err)
	case len(ents) > 0:
		return quotes.Errorf(quotes.EINVALID, "backup: %s is not empty: give a new directory", dir)
	}
	return nil
}

func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n, err
}

// Restore replaces the stores of the data directory dataDir with those of
// the backup in backupDir, after checking that the backup opens. It
// refuses when dataDir is in use, and, unless replace is set, when it
// already holds articles. The replaced stores are moved aside (their names
// with ".before-restore"), not deleted. A backup without a quote index
// restores the articles alone; a reindex then rebuilds the quotes.
func Restore(backupDir, dataDir string, replace bool) (*BackupStats, error) {
	st, err := checkBackup(backupDir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("index: restore: %w", err)
	}
	cur := filepath.Join(dataDir, articlesFile)
	if exists(cur) {
		db, err := bolt.Open(cur, 0o600, &bolt.Options{Timeout: lockTimeout, ReadOnly: true})
		switch {
		case errors.Is(err, berrors.ErrTimeout):
			return nil, inUse(dataDir)
		case err == nil:
			n := 0
			_ = db.View(func(tx *bolt.Tx) error {
				if b := tx.Bucket(bucketArticles); b != nil {
					n = b.Stats().KeyN
				}
				return nil
			})
			db.Close()
			if n > 0 && !replace {
				return nil, quotes.Errorf(quotes.ECONFLICT, "restore: %s already holds %d articles: "+
					"restore into a new directory, or pass --replace to move them aside", dataDir, n)
			}
		}
	}
	for _, name := range []string{articlesFile, quotesDir} {
		target := filepath.Join(dataDir, name)
		aside := target + ".before-restore"
		if exists(target) {
			if err := os.RemoveAll(aside); err != nil {
				return nil, fmt.Errorf("index: restore: %w", err)
			}
			if err := os.Rename(target, aside); err != nil {
				return nil, fmt.Errorf("index: restore: move %s aside: %w", target, err)
			}
			slog.Info("index: restore: moved the replaced store aside", "path", aside)
		}
		src := filepath.Join(backupDir, name)
		if !exists(src) {
			continue
		}
		if err := copyTree(src, target); err != nil {
			return nil, fmt.Errorf("index: restore %s: %w", name, err)
		}
	}
	return st, nil
}

// checkBackup opens the backup's article store read-only and counts it.
func checkBackup(dir string) (*BackupStats, error) {
	path := filepath.Join(dir, articlesFile)
	if !exists(path) {
		return nil, quotes.Errorf(quotes.EINVALID, "restore: %s holds no %s: not a backup", dir, articlesFile)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockTimeout, ReadOnly: true})
	if err != nil {
		return nil, quotes.Errorf(quotes.EDAMAGED, "restore: the backup's %s does not open (%v)", path, err)
	}
	defer db.Close()
	st := &BackupStats{}
	err = db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		if b == nil {
			return errors.New("no articles bucket")
		}
		st.Articles = b.Stats().KeyN
		return nil
	})
	if err != nil {
		return nil, quotes.Errorf(quotes.EDAMAGED, "restore: the backup's %s is not an article store (%v)", path, err)
	}
	st.Bytes, _ = dirSize(dir)
	return st, nil
}

// copyTree copies the file or directory src to dst.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o750)
		}
		return copyFile(path, to)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
