package index

import (
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/quotesproject/quotes"
)

// browseCacheEntries bounds the browse cache: past it, the cache starts
// over. Each entry is one page of hits with its facets and timeline,
// some tens of kilobytes.
const browseCacheEntries = 256

// browseCache keeps the results of searches without query words (the
// page before a query, a speaker's, an outlet's or a month's page) until
// the quote index or the speakers' view changes. Those pages are the
// most requested and the most costly (they count facets over every
// quote), and they change only with an ingest, a correction or a
// reindex.
//
// An entry is valid for the shard set, its write generation and the
// speakers' view it was computed with: a write bumps the generation
// (shardSet.write), a reindex replaces the shard set, a new speaker
// replaces the view. A result computed while a write ran is not kept.
type browseCache struct {
	// off turns the cache off, and the counts kept for the page before
	// a query (blankCounts), for benchmarks of the searches themselves.
	off  bool
	mu   sync.Mutex
	sh   *shardSet
	gen  uint64
	view *speakerView
	m    map[quotes.SearchRequest]*quotes.SearchResult
}

// browseKey returns req as a cache key, and false for a search the cache
// does not keep: one with query words. Times are compared by instant.
func browseKey(req quotes.SearchRequest) (quotes.SearchRequest, bool) {
	if req.Query != "" {
		return req, false
	}
	req.From, req.To = req.From.UTC(), req.To.UTC()
	return req, true
}

// get returns a copy of the result kept for key under the state (sh, gen,
// view), or nil.
func (c *browseCache) get(key quotes.SearchRequest, sh *shardSet, gen uint64, view *speakerView, start time.Time) *quotes.SearchResult {
	if c.off {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sh != sh || c.gen != gen || c.view != view {
		return nil
	}
	res, ok := c.m[key]
	if !ok {
		return nil
	}
	out := *res
	// Callers may touch their copy: the hits and facets are their own.
	out.Hits = slices.Clone(res.Hits)
	out.Facets = maps.Clone(res.Facets)
	out.Took = time.Since(start)
	return &out
}

// put keeps res for key, computed under the state (sh, gen, view); gen
// odd means a write was running, and nothing is kept.
func (c *browseCache) put(key quotes.SearchRequest, sh *shardSet, gen uint64, view *speakerView, res *quotes.SearchResult) {
	if c.off || gen%2 == 1 || sh.generation() != gen {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sh != sh || c.gen != gen || c.view != view || len(c.m) >= browseCacheEntries {
		c.sh, c.gen, c.view = sh, gen, view
		c.m = make(map[quotes.SearchRequest]*quotes.SearchResult)
	}
	kept := *res
	kept.Hits = slices.Clone(res.Hits)
	kept.Facets = maps.Clone(res.Facets)
	c.m[key] = &kept
}
