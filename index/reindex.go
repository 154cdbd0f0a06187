package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/quotesproject/quotes"
)

// reindexBatch is how many articles Reindex extracts and indexes per bleve
// batch.
const reindexBatch = 256

// Reindex rebuilds the quote index from the stored articles, extracting
// their quotes anew with extract. It builds the new index beside the old
// one, which keeps serving searches meanwhile, and swaps it in only once
// it is complete; writes wait until Reindex returns. When it fails (an
// error, a panic in extract, ctx cancelled), the old index stays in place.
// progress, when not nil, is called with the number of articles done and
// their total. A stored article whose record does not decode is skipped
// and named in damaged ("ID: problem"); the others are reindexed.
//
// Reindex refuses, with an ECONFLICT error, to run when the store holds
// no article while the quote index holds quotes: the store was lost or
// replaced, and a reindex would delete every quote.
func (ix *Index) Reindex(ctx context.Context, extract func(quotes.Article) []quotes.Quote, progress func(done, total int)) (damaged []string, err error) {
	if extract == nil {
		return nil, quotes.Errorf(quotes.EINVALID, "index: reindex: no extract function")
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if ix.bl == nil {
		return nil, errClosed
	}
	total, err := ix.countArticles()
	if err != nil {
		return nil, err
	}
	if total == 0 {
		if n, err := ix.bl.DocCount(); err == nil && n > 0 {
			return nil, quotes.Errorf(quotes.ECONFLICT, "refusing to reindex: %s holds no article while the quote index holds %d quotes, "+
				"and a reindex would delete them all; the store was lost or replaced: restore it from a backup (quotes restore BACKUP_DIR), "+
				"or, to empty the index on purpose, remove %s", filepath.Join(ix.dir, articlesFile), n, filepath.Join(ix.dir, quotesDir))
		}
	}
	cur := filepath.Join(ix.dir, quotesDir)
	nu := cur + newSuffix
	if err := os.RemoveAll(nu); err != nil {
		return nil, fmt.Errorf("index: reindex: %w", err)
	}
	nb, err := createShards(nu)
	if err != nil {
		return nil, fmt.Errorf("index: reindex: %w", err)
	}
	if err := ix.db.Update(func(tx *bolt.Tx) error { return newAppearances.create(tx, true) }); err != nil {
		nb.close()
		return nil, fmt.Errorf("index: reindex: appearances: %w", err)
	}
	lists, stmts, shards, damaged, err := fill(ctx, ix, nb, extract, total, progress)
	if cerr := nb.close(); err == nil && cerr != nil {
		err = fmt.Errorf("index: reindex: close new index: %w", cerr)
	}
	if err != nil {
		if rerr := os.RemoveAll(nu); rerr != nil {
			slog.Warn("index: reindex: cannot remove the unfinished index", "path", nu, "err", rerr)
		}
		if derr := ix.db.Update(dropNewAppearances); derr != nil {
			slog.Warn("index: reindex: cannot remove the unfinished appearance tables", "err", derr)
		}
		return nil, err
	}
	if err := ix.swap(cur, nu); err != nil {
		return nil, err
	}
	ix.forgetSpeakers()
	// The lists are only a hint for re-put (see the package doc), so the
	// swap stands even when they cannot be written.
	err = ix.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketQuoteIDs); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
			return err
		}
		b, err := tx.CreateBucket(bucketQuoteIDs)
		if err != nil {
			return err
		}
		for id, ids := range lists {
			if err := b.Put([]byte(id), encodeIDs(ids)); err != nil {
				return err
			}
		}
		if err := tx.DeleteBucket(bucketArticleShards); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
			return err
		}
		ab, err := tx.CreateBucket(bucketArticleShards)
		if err != nil {
			return err
		}
		for id, sh := range shards {
			if err := ab.Put([]byte(id), []byte(sh)); err != nil {
				return err
			}
		}
		// Every article is indexed now: none is pending.
		if err := tx.DeleteBucket(bucketPending); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
			return err
		}
		if _, err := tx.CreateBucket(bucketPending); err != nil {
			return err
		}
		sb := tx.Bucket(bucketStatements)
		for id, st := range stmts {
			if err := sb.Put([]byte(id), st); err != nil {
				return err
			}
		}
		if err := replaceAppearances(tx); err != nil {
			return err
		}
		return markClaimsStale(tx)
	})
	if err != nil {
		return damaged, fmt.Errorf("index: reindex: new index in place, but its quote ids not stored: %w", err)
	}
	return damaged, nil
}

// fill extracts the quotes of every stored article into the shards of
// nb, and returns the ids of each article's quotes, its statements as
// JSON and the shard of its quotes.
func fill(ctx context.Context, ix *Index, nb *shardSet, extract func(quotes.Article) []quotes.Quote,
	total int, progress func(done, total int)) (lists map[string][]string, stmts map[string][]byte, shards map[string]string, damaged []string, err error) {
	lists = make(map[string][]string, total)
	stmts = make(map[string][]byte, total)
	shards = make(map[string]string, total)
	done := 0
	progress(done, total)
	var after []byte
	fail := func(err error) (map[string][]string, map[string][]byte, map[string]string, []string, error) {
		return nil, nil, nil, nil, err
	}
	for {
		if err := ctx.Err(); err != nil {
			return fail(fmt.Errorf("index: reindex: %w", err))
		}
		chunk, last, bad, err := ix.readChunk(after, reindexBatch)
		if err != nil {
			return fail(fmt.Errorf("index: reindex: %w", err))
		}
		for _, d := range bad {
			slog.Warn("index: reindex: skipped a damaged article record", "record", d)
		}
		damaged = append(damaged, bad...)
		ids := make([]string, len(chunk))
		for i, a := range chunk {
			ids[i] = a.ID
		}
		corr, _, err := ix.correctionsOf(ids)
		if err != nil {
			return fail(fmt.Errorf("index: reindex: %w", err))
		}
		bs := nb.batches()
		preps := make([]prepared, 0, len(chunk))
		for _, a := range chunk {
			qs, err := safeExtract(extract, a)
			if err != nil {
				return fail(fmt.Errorf("index: reindex: %w", err))
			}
			p, err := prepareOne(a, qs, corr[a.ID])
			if err != nil {
				return fail(fmt.Errorf("index: reindex: article %q: %w", a.ID, err))
			}
			if p.shard == "" {
				p.shard = nb.undatedFor(len(p.ids))
			}
			lists[a.ID], stmts[a.ID], shards[a.ID] = p.ids, p.statements, p.shard
			preps = append(preps, p)
		}
		// The appearances, in the tables the reindex builds; a quote
		// of an earlier chunk that stops being the one shown is
		// re-indexed from the new index.
		var flips []flip
		if err := ix.db.Update(func(tx *bolt.Tx) error {
			flips, err = ix.group(tx, newAppearances, nil, preps)
			return err
		}); err != nil {
			return fail(fmt.Errorf("index: reindex: %w", err))
		}
		if err := flipIn(ctx, bs, flips); err != nil {
			return fail(fmt.Errorf("index: reindex: %w", err))
		}
		for _, p := range preps {
			b, err := bs.of(p.shard)
			if err != nil {
				return fail(fmt.Errorf("index: reindex: %w", err))
			}
			for i, id := range p.ids {
				if err := indexQuote(b, id, p.docs[i]); err != nil {
					return fail(fmt.Errorf("index: reindex: article %q: quote %s: %w", p.id, id, err))
				}
			}
		}
		if err := nb.write(bs, nil); err != nil {
			return fail(fmt.Errorf("index: reindex: index quotes: %w", err))
		}
		done += len(chunk) + len(bad)
		progress(done, total)
		if len(chunk)+len(bad) < reindexBatch {
			return lists, stmts, shards, damaged, nil
		}
		after = last
	}
}

// safeExtract calls extract, turning a panic into an error.
func safeExtract(extract func(quotes.Article) []quotes.Quote, a quotes.Article) (qs []quotes.Quote, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("extract panicked on article %q: %v", a.ID, r)
		}
	}()
	return extract(a), nil
}

// swap replaces the quote index at cur with the complete, closed one at
// nu: close the old index, rename it aside, rename the new one in, open
// it, remove the old one. A crash between the renames is undone by Open.
// On failure it puts the old index back and reopens it.
func (ix *Index) swap(cur, nu string) error {
	old := cur + oldSuffix
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if err := ix.sh.close(); err != nil {
		slog.Warn("index: reindex: closing the old index", "err", err)
	}
	ix.bl, ix.sh = nil, nil
	reopen := func(cause error) error {
		sh, err := openShards(cur, ix.dir)
		if err != nil {
			return fmt.Errorf("index: reindex: %w; and reopening the old index: %w", cause, err)
		}
		ix.sh, ix.bl = sh, sh.alias
		return fmt.Errorf("index: reindex: %w", cause)
	}
	if err := os.RemoveAll(old); err != nil {
		return reopen(err)
	}
	if err := os.Rename(cur, old); err != nil {
		return reopen(err)
	}
	if err := os.Rename(nu, cur); err != nil {
		if rerr := os.Rename(old, cur); rerr != nil {
			return fmt.Errorf("index: reindex: %w; and restoring the old index: %w", err, rerr)
		}
		return reopen(err)
	}
	sh, err := openShards(cur, ix.dir)
	if err != nil {
		if rerr := os.RemoveAll(cur); rerr != nil {
			return fmt.Errorf("index: reindex: open new index: %w; and removing it: %w", err, rerr)
		}
		if rerr := os.Rename(old, cur); rerr != nil {
			return fmt.Errorf("index: reindex: open new index: %w; and restoring the old index: %w", err, rerr)
		}
		return reopen(fmt.Errorf("open new index: %w", err))
	}
	ix.sh, ix.bl = sh, sh.alias
	ix.keyed.Store(true)
	if err := os.RemoveAll(old); err != nil {
		slog.Warn("index: reindex: cannot remove the old index", "path", old, "err", err)
	}
	return nil
}
