package index

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"github.com/quotesproject/quotes"
)

// OpenForShardReindex is Open for a rebuild of the shard name alone
// (ReindexShard): the shard is moved aside to NAME.damaged under
// quotes.bleve, damaged or not, so that the others open without it.
func OpenForShardReindex(dir, name string) (*Index, error) {
	if !shardName.MatchString(name) {
		return nil, quotes.Errorf(quotes.EINVALID, "%q is not the name of a shard (want a month such as 2016-03, or undated-0001)", name)
	}
	root := filepath.Join(dir, quotesDir)
	path := filepath.Join(root, name)
	if exists(path) {
		aside := path + damagedSuffix
		if err := os.RemoveAll(aside); err != nil {
			return nil, fmt.Errorf("index: move shard %s aside: %w", name, err)
		}
		// bbolt's lock on articles.db guards the directory: take it
		// before touching a shard.
		ix, err := Open(dir)
		if err == nil {
			if err := ix.sh.drop(name); err != nil {
				ix.Close()
				return nil, err
			}
			if err := os.Rename(path, aside); err != nil {
				ix.Close()
				return nil, fmt.Errorf("index: move shard %s aside: %w", name, err)
			}
			ix.rebuilding = name
			return ix, nil
		}
		if quotes.ErrorCode(err) != quotes.EDAMAGED {
			return nil, err
		}
		// Damaged, maybe this very shard: move it aside before opening.
		if err := os.Rename(path, aside); err != nil {
			return nil, fmt.Errorf("index: move shard %s aside: %w", name, err)
		}
	}
	ix, err := openSkipping(dir, name)
	if err != nil {
		return nil, err
	}
	ix.rebuilding = name
	return ix, nil
}

// openSkipping is Open where the shard skip may be missing without being
// reported lost: it is about to be rebuilt.
func openSkipping(dir, skip string) (*Index, error) {
	return openWith(dir, false, skip)
}

// ReindexShard rebuilds the shard the Index was opened to rebuild (see
// OpenForShardReindex) from the articles recorded in it, extracting their
// quotes anew with extract; the other shards are left as they are. It
// returns the ids of the articles whose records do not decode, skipped.
func (ix *Index) ReindexShard(ctx context.Context, extract func(quotes.Article) []quotes.Quote, progress func(done, total int)) (damaged []string, err error) {
	name := ix.rebuilding
	if name == "" {
		return nil, quotes.Errorf(quotes.EINVALID, "index: reindex a shard: open the index with OpenForShardReindex")
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if ix.bl == nil {
		return nil, errClosed
	}
	var ids []string
	if err := ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticleShards).ForEach(func(k, v []byte) error {
			if string(v) == name && tx.Bucket(bucketArticles).Get(k) != nil {
				ids = append(ids, string(k))
			}
			return nil
		})
	}); err != nil {
		return nil, fmt.Errorf("index: reindex shard %s: %w", name, err)
	}
	nu := filepath.Join(ix.sh.root, name+newSuffix)
	if err := os.RemoveAll(nu); err != nil {
		return nil, fmt.Errorf("index: reindex shard %s: %w", name, err)
	}
	nb, err := newQuoteIndex(nu)
	if err != nil {
		return nil, fmt.Errorf("index: reindex shard %s: %w", name, err)
	}
	lists := map[string][]string{}
	stmts := map[string][]byte{}
	fillErr := func() error {
		progress(0, len(ids))
		for start := 0; start < len(ids); start += reindexBatch {
			chunk := ids[start:min(start+reindexBatch, len(ids))]
			corr, _, err := ix.correctionsOf(chunk)
			if err != nil {
				return err
			}
			b := nb.NewBatch()
			for _, id := range chunk {
				if err := ctx.Err(); err != nil {
					return err
				}
				a, err := ix.Article(ctx, id)
				if err != nil {
					slog.Warn("index: reindex: skipped a damaged article record", "record", id, "err", err)
					damaged = append(damaged, id)
					continue
				}
				qs, err := safeExtract(extract, *a)
				if err != nil {
					return err
				}
				p, err := prepareOne(*a, qs, corr[id])
				if err != nil {
					return fmt.Errorf("article %q: %w", id, err)
				}
				lists[id], stmts[id] = p.ids, p.statements
				// The appearance tables are intact: they say which
				// quotes are copies.
				if err := ix.flagAmong(p.ids, p.docs); err != nil {
					return fmt.Errorf("article %q: appearances: %w", id, err)
				}
				for i, qid := range p.ids {
					if err := indexQuote(b, qid, p.docs[i]); err != nil {
						return fmt.Errorf("article %q: quote %s: %w", id, qid, err)
					}
				}
			}
			if err := nb.Batch(b); err != nil {
				return err
			}
			progress(min(start+reindexBatch, len(ids)), len(ids))
		}
		return nil
	}()
	if cerr := nb.Close(); fillErr == nil {
		fillErr = cerr
	}
	if fillErr == nil {
		fillErr = os.Rename(nu, filepath.Join(ix.sh.root, name))
	}
	if fillErr != nil {
		if rerr := os.RemoveAll(nu); rerr != nil {
			slog.Warn("index: reindex: cannot remove the unfinished shard", "path", nu, "err", rerr)
		}
		return nil, fmt.Errorf("index: reindex shard %s: %w", name, fillErr)
	}
	bl, err := openBleve(filepath.Join(ix.sh.root, name))
	if err != nil {
		return nil, fmt.Errorf("index: reindex shard %s: open it: %w", name, err)
	}
	ix.mu.Lock()
	ix.sh.mu.Lock()
	ix.sh.add(name, bl)
	ix.sh.mu.Unlock()
	ix.mu.Unlock()
	ix.rebuilding = ""
	ix.forgetSpeakers()
	err = ix.db.Update(func(tx *bolt.Tx) error {
		lb, sb, pb := tx.Bucket(bucketQuoteIDs), tx.Bucket(bucketStatements), tx.Bucket(bucketPending)
		for id, l := range lists {
			if err := lb.Put([]byte(id), encodeIDs(l)); err != nil {
				return err
			}
			if err := sb.Put([]byte(id), stmts[id]); err != nil {
				return err
			}
			if err := pb.Delete([]byte(id)); err != nil {
				return err
			}
		}
		for id := range lists { // their statements may have changed
			p, err := articlePeriod(tx, []byte(id), tx.Bucket(bucketArticles).Get([]byte(id)))
			if err != nil {
				return err
			}
			if err := tx.Bucket(bucketClaimsMeta).Put([]byte(staleMark+p), []byte{1}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return damaged, fmt.Errorf("index: reindex shard %s: shard in place, but its quote ids not stored: %w", name, err)
	}
	if err := os.RemoveAll(filepath.Join(ix.sh.root, name+damagedSuffix)); err != nil {
		slog.Warn("index: reindex: cannot remove the shard moved aside", "shard", name, "err", err)
	}
	return damaged, nil
}

// drop closes the shard name and takes it out of the set and the alias.
func (s *shardSet) drop(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	bl, ok := s.shards[name]
	if !ok {
		return nil
	}
	s.alias.Remove(bl)
	delete(s.shards, name)
	if err := bl.Close(); err != nil {
		return fmt.Errorf("index: close shard %s: %w", name, err)
	}
	return nil
}
