package index

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
)

// verifyPage is how many quote documents Verify reads per search.
const verifyPage = 10000

// Report is what Verify found: where the quote index and the store
// disagree. Each list is sorted.
type Report struct {
	// Articles and Quotes count the stored articles and the indexed
	// quotes.
	Articles, Quotes int
	// Missing lists the articles some of whose quotes the index lacks.
	Missing []string
	// Stray lists the articles for which the index holds quotes the
	// store does not list (an old version's, or a crash's).
	Stray []string
	// Orphaned lists the ids of articles not stored whose quotes the index
	// holds.
	Orphaned []string
	// Pending lists the articles a write left pending (see putLocked).
	Pending []string
	// Damaged lists the article records that do not decode, as "ID:
	// problem".
	Damaged []string
}

// OK reports whether the index and the store agree.
func (r *Report) OK() bool {
	return len(r.Missing)+len(r.Stray)+len(r.Orphaned)+len(r.Pending)+len(r.Damaged) == 0
}

// Verify compares the quote index with the store, article by article, and
// reports where they differ. It reads every quote id once, so it takes
// seconds per million quotes, and runs beside searches and writes (a write
// during it may show as a difference).
func (ix *Index) Verify(ctx context.Context) (*Report, error) {
	bl, release, err := ix.reader()
	if err != nil {
		return nil, err
	}
	indexed, total, err := indexedByArticle(ctx, bl)
	release()
	if err != nil {
		return nil, err
	}
	r := &Report{Quotes: total}
	if r.Pending, err = ix.Pending(ctx); err != nil {
		return nil, err
	}
	err = ix.db.View(func(tx *bolt.Tx) error {
		lists := tx.Bucket(bucketQuoteIDs)
		return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			id := string(k)
			r.Articles++
			var a struct {
				ID string `json:"id"`
			}
			if err := json.Unmarshal(v, &a); err != nil {
				r.Damaged = append(r.Damaged, fmt.Sprintf("%.80q: %v", id, err))
			} else if a.ID != id {
				r.Damaged = append(r.Damaged, fmt.Sprintf("%.80q: the record holds article %.80q", id, a.ID))
			}
			have := indexed[id]
			delete(indexed, id)
			listed := decodeIDs(lists.Get(k))
			for _, q := range listed {
				if !have[q] {
					r.Missing = append(r.Missing, id)
					break
				}
			}
			if len(have) > 0 {
				want := make(map[string]bool, len(listed))
				for _, q := range listed {
					want[q] = true
				}
				for q := range have {
					if !want[q] {
						r.Stray = append(r.Stray, id)
						break
					}
				}
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("index: verify: read the store: %w", err)
	}
	r.Orphaned = slices.Sorted(maps.Keys(indexed))
	return r, nil
}

// indexedByArticle returns the ids of the quotes bl holds, by article,
// and their number.
func indexedByArticle(ctx context.Context, bl bleve.Index) (map[string]map[string]bool, int, error) {
	out := map[string]map[string]bool{}
	total := 0
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), verifyPage, 0, false)
		req.Fields = []string{fDoc} // article_id has doc values, but is not stored
		req.SortBy([]string{"_id"})
		req.Score = "none"
		if after != nil {
			req.SetSearchAfter(after)
		}
		res, err := bl.SearchInContext(ctx, req)
		if err != nil {
			return nil, 0, fmt.Errorf("index: verify: read the quote index: %w", err)
		}
		for _, h := range res.Hits {
			var d struct {
				ArticleID string `json:"article_id"`
			}
			blob, _ := h.Fields[fDoc].(string)
			_ = json.Unmarshal([]byte(blob), &d) // a damaged document counts as an orphan
			a := d.ArticleID
			if out[a] == nil {
				out[a] = map[string]bool{}
			}
			out[a][h.ID] = true
		}
		total += len(res.Hits)
		if len(res.Hits) < verifyPage {
			return out, total, nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// Repair makes the quote index agree with the store where r says they
// differ: the missing, stray and pending articles are extracted and
// indexed again, the orphaned quotes dropped. Damaged records it cannot
// repair: they need a backup or a new ingest. It returns how many
// articles it repaired.
func (ix *Index) Repair(ctx context.Context, r *Report) (int, error) {
	seen := map[string]bool{}
	var ids []string
	for _, list := range [][]string{r.Missing, r.Stray, r.Pending, r.Orphaned} {
		for _, id := range list {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	n := 0
	for chunk := range slices.Chunk(ids, reindexBatch) {
		done, err := ix.repair(ctx, chunk)
		n += done
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
