package index

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/quotesproject/quotes"
)

// The page before a query (no words, no filter: every quote, newest or
// oldest first, with its facets and timeline) counts facets over every
// quote: at a million quotes, reading the doc values of all of them took
// most of a second each time a write made the browse cache stale. It is
// answered in two parts instead:
//
//   - blankCounts keeps the facet counts and the total of each shard,
//     and their sum. A write changes the shards it touches; only those
//     are counted again, and their old counts taken off the sum.
//   - The hits come from the month shards in the page's order, newest
//     (or oldest) month first, then the undated ones: month shards hold
//     disjoint times, so the first shards that fill the page hold it
//     all, and the others are not read.

// blankFacetFields are the facets of the page before a query, by facet
// name; the speaker facet reads the field the index counts persons from
// (speakerFacetField).
var blankFacetFields = []string{fSpeaker, fOutlet, fKind, facetDay}

// isBlank reports whether req asks for the page before a query: no query
// words and no filter, in date order.
func isBlank(req quotes.SearchRequest) bool {
	r := req
	r.Offset, r.Size, r.Sort = 0, 0, ""
	return r == quotes.SearchRequest{} &&
		(req.Sort == quotes.SortRelevance || req.Sort == quotes.SortNewest || req.Sort == quotes.SortOldest)
}

// shardCounts are the facet counts of one shard's quotes (beliefs left
// out), by facet name and term, and their number.
type shardCounts struct {
	bl    bleve.Index // the shard they were counted in
	gen   uint64      // its write generation then
	total uint64
	terms map[string]map[string]int
}

// blankCounts keeps the counts of the page before a query, per shard and
// summed, for one shard set and speaker facet field.
type blankCounts struct {
	mu     sync.Mutex
	sh     *shardSet
	field  string
	shards map[string]*shardCounts
	sum    shardCounts
}

// counts brings c up to date with the shards of sh and returns the facets
// and total of all of them, counting speakers from field. A shard being
// written while it is read is counted for this answer and not kept.
func (c *blankCounts) counts(ctx context.Context, sh *shardSet, field string) (search.FacetResults, uint64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sh != sh || c.field != field {
		c.sh, c.field = sh, field
		c.shards = map[string]*shardCounts{}
		c.sum = shardCounts{terms: map[string]map[string]int{}}
	}
	names := sh.names()
	for name, old := range c.shards {
		if !slices.Contains(names, name) {
			c.sum.add(old, -1)
			delete(c.shards, name)
		}
	}
	var passing []*shardCounts // counted while written: this answer only
	for _, name := range names {
		bl, gen := sh.shardState(name)
		if bl == nil {
			continue
		}
		if old := c.shards[name]; old != nil && old.bl == bl && old.gen == gen && gen%2 == 0 {
			continue
		}
		sc, err := countShard(ctx, bl, field)
		if err != nil {
			return nil, 0, fmt.Errorf("count shard %s: %w", name, err)
		}
		if old := c.shards[name]; old != nil {
			c.sum.add(old, -1)
			delete(c.shards, name)
		}
		sc.bl, sc.gen = bl, gen
		if _, now := sh.shardState(name); gen%2 == 1 || now != gen {
			passing = append(passing, sc)
			continue
		}
		c.shards[name] = sc
		c.sum.add(sc, 1)
	}
	sum := &c.sum
	if len(passing) > 0 {
		tmp := shardCounts{terms: map[string]map[string]int{}}
		tmp.add(&c.sum, 1)
		for _, sc := range passing {
			tmp.add(sc, 1)
		}
		sum = &tmp
	}
	return sum.facets(field), sum.total, nil
}

// add adds the counts of o to s, times sign (1 or -1); terms whose count
// falls to zero are taken out.
func (s *shardCounts) add(o *shardCounts, sign int) {
	s.total = uint64(int64(s.total) + int64(sign)*int64(o.total))
	for f, terms := range o.terms {
		m := s.terms[f]
		if m == nil {
			m = make(map[string]int, len(terms))
			s.terms[f] = m
		}
		for t, n := range terms {
			if m[t] += sign * n; m[t] <= 0 {
				delete(m, t)
			}
		}
	}
}

// countShard counts the facets of every quote of bl but beliefs.
func countShard(ctx context.Context, bl bleve.Index, field string) (*shardCounts, error) {
	req := bleve.NewSearchRequestOptions(withoutCopies(withoutBeliefs(bleve.NewMatchAllQuery())), 0, 0, false)
	for _, f := range blankFacetFields {
		req.AddFacet(f, bleve.NewFacetRequest(blankField(f, field), math.MaxInt32))
	}
	res, err := bl.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	sc := &shardCounts{total: res.Total, terms: make(map[string]map[string]int, len(blankFacetFields))}
	for _, f := range blankFacetFields {
		m := map[string]int{}
		if fr := res.Facets[f]; fr != nil && fr.Terms != nil {
			for _, t := range fr.Terms.Terms() {
				m[t.Term] = t.Count
			}
		}
		sc.terms[f] = m
	}
	return sc, nil
}

// blankField returns the index field facet name counts.
func blankField(name, speakerField string) string {
	switch name {
	case fSpeaker:
		return speakerField
	case facetDay:
		return fDay
	}
	return name
}

// facets returns the counts of s as the facets a search of every quote
// would have: every term of the speaker facet and the timeline, the top
// facetSize outlets and facetKindMax kinds, most frequent first.
func (s *shardCounts) facets(speakerField string) search.FacetResults {
	out := make(search.FacetResults, len(blankFacetFields))
	for _, f := range blankFacetFields {
		terms := make([]*search.TermFacet, 0, len(s.terms[f]))
		total := 0
		for t, n := range s.terms[f] {
			terms = append(terms, &search.TermFacet{Term: t, Count: n})
			total += n
		}
		slices.SortFunc(terms, func(a, b *search.TermFacet) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Term, b.Term))
		})
		limit := len(terms)
		switch f {
		case fOutlet:
			limit = min(limit, facetSize)
		case fKind:
			limit = min(limit, facetKindMax)
		}
		tf := &search.TermFacets{}
		tf.Add(terms[:limit]...)
		out[f] = &search.FacetResult{Field: blankField(f, speakerField), Total: total, Terms: tf}
	}
	return out
}

// blankPage answers breq, the page before a query, over sh: the counts
// from c, the hits from the fewest shards that hold them.
func (ix *Index) blankPage(ctx context.Context, sh *shardSet, breq *bleve.SearchRequest, oldest bool) (*bleve.SearchResult, error) {
	facets, total, err := ix.blank.counts(ctx, sh, ix.speakerFacetField())
	if err != nil {
		return nil, err
	}
	names := sh.names() // months sort as text: oldest first, then undated
	if !oldest {
		dated := slices.DeleteFunc(slices.Clone(names), isUndated)
		slices.Reverse(dated)
		names = append(dated, slices.DeleteFunc(names, func(n string) bool { return !isUndated(n) })...)
	}
	want := breq.From + breq.Size
	sreq := *breq
	sreq.From, sreq.Size = 0, want
	sreq.Facets, sreq.Fields, sreq.Highlight = nil, nil, nil
	var hits search.DocumentMatchCollection
	for _, name := range names {
		if len(hits) >= want {
			break
		}
		bl, _ := sh.shardState(name)
		if bl == nil {
			continue
		}
		res, err := bl.SearchInContext(ctx, &sreq)
		if err != nil {
			return nil, fmt.Errorf("shard %s: %w", name, err)
		}
		hits = append(hits, res.Hits...)
	}
	page := hits[min(breq.From, len(hits)):min(want, len(hits))]
	res := &bleve.SearchResult{Status: &bleve.SearchStatus{Total: 1, Successful: 1}, Request: breq,
		Hits: page, Total: total, Facets: facets}
	if err := ix.loadPage(ctx, sh.alias, breq, res.Hits); errors.Is(err, errPageChanged) {
		return sh.alias.SearchInContext(ctx, breq)
	} else if err != nil {
		return nil, err
	}
	return res, nil
}
