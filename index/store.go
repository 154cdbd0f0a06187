package index

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	bolt "go.etcd.io/bbolt"

	"github.com/quotesproject/quotes"
)

// Buckets of articles.db.
var (
	// bucketArticles maps an article id to the article as JSON.
	bucketArticles = []byte("articles")
	// bucketQuoteIDs maps an article id to the ids of its indexed quotes,
	// as a JSON array.
	bucketQuoteIDs = []byte("quote_ids")
)

// iterChunk is how many articles Articles reads per bbolt transaction. fn
// runs outside any transaction, so it may write to the index.
const iterChunk = 256

// Article returns the stored article with the given id, or an ENOTFOUND
// error.
func (ix *Index) Article(ctx context.Context, id string) (*quotes.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var a quotes.Article
	found := false
	err := ix.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketArticles).Get([]byte(id))
		if v == nil {
			return nil
		}
		found = true
		return json.Unmarshal(v, &a)
	})
	if err != nil {
		return nil, fmt.Errorf("index: article %q: %w", id, err)
	}
	if !found {
		return nil, quotes.Errorf(quotes.ENOTFOUND, "no article %q", id)
	}
	return &a, nil
}

// Articles calls fn for every stored article in id order and stops at the
// first error of fn, which it returns. A damaged record is skipped with a
// warning. It reads the articles in chunks, so
// fn may itself write to the index; articles put meanwhile are seen if
// their id sorts after the current one.
func (ix *Index) Articles(ctx context.Context, fn func(quotes.Article) error) error {
	var after []byte
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		chunk, last, damaged, err := ix.readChunk(after, iterChunk)
		if err != nil {
			return err
		}
		for _, d := range damaged {
			slog.Warn("index: skipped a damaged article record", "record", d)
		}
		for _, a := range chunk {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(chunk)+len(damaged) < iterChunk {
			return nil
		}
		after = last
	}
}

// readChunk reads up to n articles with ids after the id after (from the
// first when after is nil), and returns them with the last key read.
//
// A record that does not decode is left out and named in damaged, as
// "ID: problem", so that one bad record does not stop a reindex.
func (ix *Index) readChunk(after []byte, n int) (out []quotes.Article, last []byte, damaged []string, err error) {
	err = ix.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketArticles).Cursor()
		var k, v []byte
		if after == nil {
			k, v = c.First()
		} else if k, v = c.Seek(after); k != nil && string(k) == string(after) {
			k, v = c.Next()
		}
		for read := 0; k != nil && read < n; k, v = c.Next() {
			read++
			last = append(last[:0], k...)
			var a quotes.Article
			if err := json.Unmarshal(v, &a); err != nil {
				damaged = append(damaged, fmt.Sprintf("%.80q: %v", k, err))
				continue
			}
			if a.ID != string(k) {
				damaged = append(damaged, fmt.Sprintf("%.80q: the record holds article %.80q", k, a.ID))
				continue
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("index: read articles: %w", err)
	}
	return out, last, damaged, nil
}

// countArticles returns the number of stored articles.
func (ix *Index) countArticles() (int, error) {
	n := 0
	err := ix.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketArticles).Stats().KeyN
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("index: count articles: %w", err)
	}
	return n, nil
}

// Stats returns the number of stored articles and of indexed quotes,
// beliefs (kind belief) included.
func (ix *Index) Stats(ctx context.Context) (articles, quotesCount int, err error) {
	if err := ctx.Err(); err != nil {
		return 0, 0, err
	}
	articles, err = ix.countArticles()
	if err != nil {
		return 0, 0, err
	}
	bl, release, err := ix.reader()
	if err != nil {
		return 0, 0, err
	}
	defer release()
	n, err := bl.DocCount()
	if err != nil {
		return 0, 0, fmt.Errorf("index: count quotes: %w", err)
	}
	return articles, int(n), nil
}

func encodeIDs(ids []string) []byte {
	if ids == nil {
		ids = []string{}
	}
	b, _ := json.Marshal(ids) // cannot fail on strings
	return b
}

// decodeIDs reads a list of quote ids; a damaged list reads as empty,
// since PutBatch also asks the quote index for an article's quotes.
func decodeIDs(v []byte) []string {
	var ids []string
	if len(v) > 0 {
		_ = json.Unmarshal(v, &ids)
	}
	return ids
}
