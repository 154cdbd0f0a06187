package index

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/quotesproject/quotes"
)

// exportPage is how many quotes Export reads from the index at a time,
// between which it lets writes in.
const exportPage = 1000

// afterValues returns the values bleve's SearchAfter takes for the hit h
// under the sort order: its sort values, but its score where the order
// sorts by score (the hit's sort value there is a placeholder).
func afterValues(order search.SortOrder, h *search.DocumentMatch) []string {
	out := slices.Clone(h.Sort)
	for i, ss := range order {
		if ss.RequiresScoring() && i < len(out) {
			out[i] = strconv.FormatFloat(h.Score, 'g', -1, 64)
		}
	}
	return out
}

// encodeCursor writes the sort values of a hit (afterValues) as a cursor
// for SearchRequest.After: each value's length and bytes, in URL-safe
// base64.
func encodeCursor(values []string) string {
	var b []byte
	for _, v := range values {
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a cursor of n sort values, or returns an EINVALID
// error.
func decodeCursor(c string, n int) ([]string, error) {
	bad := quotes.Errorf(quotes.EINVALID, "after: %q is not a cursor of this search (use the next cursor a search returned)", c)
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return nil, bad
	}
	out := make([]string, 0, n)
	for len(b) > 0 {
		l, k := binary.Uvarint(b)
		if k <= 0 || l > uint64(len(b)-k) {
			return nil, bad
		}
		out = append(out, string(b[k:k+int(l)]))
		b = b[k+int(l):]
	}
	if len(out) != n {
		return nil, bad
	}
	return out, nil
}

// Export calls each with every quote matching req (see
// quotes.QuoteService), newest first, or oldest first when req asks for
// it. It reads the shards one at a time in that order (month shards hold
// disjoint times, the undated ones come last), exportPage quotes at a
// time after a cursor, without facets or highlights, and lets writes in
// between pages: a quote written meanwhile may or may not be among them,
// and none is given twice. Reading a shard at a time keeps each page's
// cost to its shard's matches; over all shards at once, every page would
// sort the matches of every shard again.
func (ix *Index) Export(ctx context.Context, req quotes.SearchRequest, each func(quotes.Quote) error) error {
	v, err := ix.speakers(ctx)
	if err != nil {
		return err
	}
	req.Offset, req.Size, req.After = 0, 0, ""
	if req.Sort != quotes.SortOldest {
		req.Sort = quotes.SortNewest
	}
	var speakerQ query.Query
	if req.Speaker != "" {
		speakerQ = ix.speakerFilter(v, req.Speaker)
	}
	// ix.sh is replaced by a reindex's swap: read it under the lock.
	_, release, err := ix.reader()
	if err != nil {
		return err
	}
	sh := ix.sh
	release()
	breq, err := buildRequest(req, speakerQ, ix.speakerFacetField(), sh.sortField())
	if err != nil {
		return err
	}
	breq.Size = exportPage
	breq.Facets, breq.Highlight = nil, nil
	names := sh.names() // months sort as text: oldest first, then undated
	if !req.From.IsZero() || !req.To.IsZero() {
		names = sh.between(req.From, req.To)
	}
	if req.Sort != quotes.SortOldest {
		dated := slices.DeleteFunc(slices.Clone(names), isUndated)
		slices.Reverse(dated)
		names = append(dated, slices.DeleteFunc(names, func(n string) bool { return !isUndated(n) })...)
	}
	for _, name := range names {
		breq.SearchAfter = nil
		for {
			hits, err := ix.exportPage(ctx, name, req, breq)
			if err != nil {
				return err
			}
			page := make([]quotes.Quote, len(hits))
			for i, h := range hits {
				if page[i], err = fromFields(h.ID, h.Fields); err != nil {
					return err
				}
			}
			if err := ix.annotate(len(page), func(i int) *quotes.Quote { return &page[i] }); err != nil {
				return err
			}
			for _, q := range page {
				if err := each(q); err != nil {
					return err
				}
			}
			if len(hits) < exportPage {
				break
			}
			breq.SearchAfter = afterValues(breq.Sort, hits[len(hits)-1])
		}
	}
	return nil
}

// exportPage runs one page of an export in the shard name, under the read
// lock; a shard gone since (a reindex) has no page.
func (ix *Index) exportPage(ctx context.Context, name string, req quotes.SearchRequest, breq *bleve.SearchRequest) (search.DocumentMatchCollection, error) {
	_, release, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer release()
	bl, _ := ix.sh.shardState(name)
	if bl == nil {
		return nil, nil
	}
	res, err := bl.SearchInContext(withTermBudget(ctx), breq)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err := overBudget(req.Query, err); quotes.ErrorCode(err) == quotes.ELIMIT {
			return nil, err
		}
		return nil, fmt.Errorf("index: export %q: shard %s: %w", req.Query, name, err)
	}
	return res.Hits, nil
}
