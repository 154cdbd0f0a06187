package index

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp/syntax"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	vregexp "github.com/blevesearch/vellum/regexp"

	"github.com/quotesproject/quotes"
)

// facetSize is how many terms each facet of a search result lists.
const facetSize = 20

// Facets a search result carries, by name; the speaker facet counts
// persons (see speakers.go), from speaker_key.
var facetFields = []string{fSpeaker, fOutlet, fKind}

// The timeline. One facet counts the matches by day of publication, with
// room for every day an index can hold a date in (1678–2262), so that the
// counts are exact; months and years are summed from the days. The
// timeline counts by day when the matches span at most dayMonths months,
// by month when they span at most maxMonths, else by year, and has at most
// maxBuckets buckets: a longer span keeps its latest periods and counts
// the rest as Timeline.Earlier.
const (
	dayMonths    = 3
	maxMonths    = 120
	maxBuckets   = 120
	allDays      = 220_000
	facetDay     = "timeline_day"
	monthLayout  = "2006-01"
	yearLayout   = "2006"
	facetKindMax = 8
)

// highlightFields are the fields hits carry highlighted fragments of.
var highlightFields = []string{fQuote, fSentence}

// Search returns one page of the quotes matching req. A malformed query or
// filter is an EINVALID error.
func (ix *Index) Search(ctx context.Context, req quotes.SearchRequest) (*quotes.SearchResult, error) {
	start := time.Now()
	// The speakers' view before the reader: loading it takes wmu.
	v, err := ix.speakers(ctx)
	if err != nil {
		return nil, err
	}
	var speakerQ query.Query
	if req.Speaker != "" {
		speakerQ = ix.speakerFilter(v, req.Speaker)
	}
	bl, release, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer release()
	// ix.sh is replaced by a reindex's swap: read it under the lock.
	sh := ix.sh
	breq, err := buildRequest(req, speakerQ, ix.speakerFacetField(), sh.sortField())
	if err != nil {
		return nil, err
	}
	key, browse := browseKey(req)
	gen := sh.generation()
	if browse {
		if res := ix.browse.get(key, sh, gen, v, start); res != nil {
			return res, nil
		}
	}
	if !req.From.IsZero() || !req.To.IsZero() {
		// A date range reads the shards of its months alone. With no
		// month in range, any shard answers: the range matches none of
		// its quotes.
		if sub := sh.over(sh.between(req.From, req.To)); sub != nil {
			bl = sub
		} else {
			bl = sh.over(sh.names()[:1])
		}
	}
	var res *bleve.SearchResult
	if isBlank(req) && !ix.browse.off {
		res, err = ix.blankPage(withTermBudget(ctx), sh, breq, req.Sort == quotes.SortOldest)
	} else {
		res, err = ix.searchPage(withTermBudget(ctx), bl, breq)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err := overBudget(req.Query, err); quotes.ErrorCode(err) == quotes.ELIMIT {
			return nil, err
		}
		return nil, fmt.Errorf("index: search %q: %w", req.Query, err)
	}
	out := &quotes.SearchResult{
		Total:  res.Total,
		Hits:   make([]quotes.Hit, 0, len(res.Hits)),
		Facets: make(map[string][]quotes.FacetCount, len(facetFields)),
	}
	if page := breq.Size - 1; len(res.Hits) > page {
		res.Hits = res.Hits[:page]
		if page > 0 {
			out.Next = encodeCursor(afterValues(breq.Sort, res.Hits[page-1]))
		}
	}
	for _, h := range res.Hits {
		q, err := fromFields(h.ID, h.Fields)
		if err != nil {
			return nil, err
		}
		hit := quotes.Hit{Quote: q, Score: h.Score}
		for f, frags := range h.Fragments {
			for _, fr := range frags {
				// Without a match in the field, bleve still gives its
				// opening; only fragments with a match are highlights.
				if strings.Contains(fr, "<mark>") {
					if hit.Highlights == nil {
						hit.Highlights = make(map[string][]string)
					}
					hit.Highlights[f] = append(hit.Highlights[f], fr)
				}
			}
		}
		out.Hits = append(out.Hits, hit)
	}
	if err := ix.annotate(len(out.Hits), func(i int) *quotes.Quote { return &out.Hits[i].Quote }); err != nil {
		return nil, err
	}
	for _, f := range facetFields {
		if f == fSpeaker {
			out.Facets[f] = mergeSpeakers(v, res.Facets[f], facetSize)
			continue
		}
		out.Facets[f] = facetCounts(res.Facets[f])
	}
	out.Timeline = timeline(res.Facets[facetDay])
	out.Took = time.Since(start)
	if browse {
		ix.browse.put(key, sh, gen, v, out)
	}
	return out, nil
}

// searchPage runs breq over bl in two passes. Over an alias, every shard
// loads the stored fields of its own best hits and highlights them before
// the alias keeps the best of all: at 200 shards, 200 pages loaded for one
// shown. The first pass finds the page, its total and its facets without
// fields or highlights; the second (loadPage) loads them for the page's
// hits alone.
func (ix *Index) searchPage(ctx context.Context, bl bleve.Index, breq *bleve.SearchRequest) (*bleve.SearchResult, error) {
	fields, hl := breq.Fields, breq.Highlight
	breq.Fields, breq.Highlight = nil, nil
	res, err := bl.SearchInContext(ctx, breq)
	breq.Fields, breq.Highlight = fields, hl
	if err != nil {
		return nil, err
	}
	if err := ix.loadPage(ctx, bl, breq, res.Hits); errors.Is(err, errPageChanged) {
		return bl.SearchInContext(ctx, breq)
	} else if err != nil {
		return nil, err
	}
	return res, nil
}

// errPageChanged is loadPage's error when a write took out a hit between
// the two passes; the search is then run again in one.
var errPageChanged = errors.New("a quote of the page was written over while it was loaded")

// loadPage sets the stored fields and highlights breq asks for on hits,
// found by breq without them. It reads the shards that hold the hits
// (bl when the hits do not name theirs), with breq's query, for the
// highlights, limited to the hits' ids; the hits keep their order and
// scores.
func (ix *Index) loadPage(ctx context.Context, bl bleve.Index, breq *bleve.SearchRequest, hits search.DocumentMatchCollection) error {
	if len(hits) == 0 || (len(breq.Fields) == 0 && breq.Highlight == nil) {
		return nil
	}
	ids := make([]string, len(hits))
	var shards []string
	for i, h := range hits {
		ids[i] = h.ID
		if !slices.Contains(shards, h.Index) {
			shards = append(shards, h.Index)
		}
	}
	from := ix.sh.over(shards)
	if from == nil {
		from = bl
	}
	freq := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), breq.Query), len(ids), 0, false)
	freq.Fields, freq.Highlight = breq.Fields, breq.Highlight
	full, err := from.SearchInContext(ctx, freq)
	if err != nil {
		return fmt.Errorf("load the page: %w", err)
	}
	byID := make(map[string]*search.DocumentMatch, len(full.Hits))
	for _, h := range full.Hits {
		byID[h.ID] = h
	}
	for _, h := range hits {
		f, ok := byID[h.ID]
		if !ok {
			return errPageChanged
		}
		h.Fields, h.Fragments = f.Fields, f.Fragments
	}
	return nil
}

// buildRequest turns req into a bleve request, or an EINVALID error. The
// speaker filter is speakerQ (nil for none): the quotes of every variant
// of the speaker; the speaker facet counts the terms of speakerField, to
// be merged into persons (so all of them, not the top facetSize); the
// date sort reads timeField (shardSet.sortField).
func buildRequest(req quotes.SearchRequest, speakerQ query.Query, speakerField, timeField string) (*bleve.SearchRequest, error) {
	if req.Offset < 0 {
		return nil, quotes.Errorf(quotes.EINVALID, "offset %d is negative", req.Offset)
	}
	if req.Size < 0 {
		return nil, quotes.Errorf(quotes.EINVALID, "page size %d is negative", req.Size)
	}
	size := req.Size
	if size == 0 {
		size = quotes.DefaultPageSize
	}
	size = min(size, quotes.MaxPageSize)
	if req.Kind != "" && !req.Kind.Valid() {
		return nil, quotes.Errorf(quotes.EINVALID, "unknown kind %q (want %s)", req.Kind, quotes.KindList())
	}
	if req.MinConfidence < 0 || req.MinConfidence > 1 || req.MinConfidence != req.MinConfidence {
		return nil, quotes.Errorf(quotes.EINVALID, "minimum confidence %v is not between 0 and 1", req.MinConfidence)
	}
	if !req.From.IsZero() && !req.To.IsZero() && req.From.After(req.To) {
		return nil, quotes.Errorf(quotes.EINVALID, "date range starts (%s) after it ends (%s)",
			req.From.Format(time.RFC3339), req.To.Format(time.RFC3339))
	}

	var main query.Query
	text := strings.TrimSpace(req.Query)
	if text == "" {
		main = bleve.NewMatchAllQuery()
	} else {
		q, err := parseQuery(text)
		if err != nil {
			return nil, err
		}
		main = q
	}
	conj := []query.Query{main}
	term := func(field, value string) {
		if value != "" {
			tq := bleve.NewTermQuery(value)
			tq.SetField(field)
			conj = append(conj, tq)
		}
	}
	if speakerQ != nil {
		conj = append(conj, speakerQ)
	}
	term(fOutlet, req.Outlet)
	term(fKind, string(req.Kind))
	term(fArticleID, req.ArticleID)
	if req.MinConfidence > 0 {
		incl := true
		cq := bleve.NewNumericRangeInclusiveQuery(&req.MinConfidence, nil, &incl, nil)
		cq.SetField(fConfidence)
		conj = append(conj, cq)
	}
	if !req.From.IsZero() || !req.To.IsZero() {
		incl := true
		dq := bleve.NewDateRangeInclusiveQuery(clampTime(req.From), clampTime(req.To), &incl, &incl)
		dq.SetField(fPublished)
		conj = append(conj, dq)
	}
	var q query.Query = main
	if len(conj) > 1 {
		q = bleve.NewConjunctionQuery(conj...)
	}
	if req.Kind == "" && !strings.Contains(strings.ToLower(text), fKind+":"+string(quotes.KindBelief)) {
		// Beliefs ("polls show …") are no quotes: only a kind filter, or
		// a kind:belief term in the query, asks for them ("-kind:direct"
		// does not).
		q = withoutBeliefs(q)
	}
	if !req.Appearances && req.ArticleID == "" { // an article's quotes are all its own
		q = withoutCopies(q)
	}

	if req.After != "" && req.Offset != 0 {
		return nil, quotes.Errorf(quotes.EINVALID, "offset %d with a cursor: a page after a cursor starts there", req.Offset)
	}
	// One hit more than the page: whether it comes says whether a next
	// page does (Search trims it).
	breq := bleve.NewSearchRequestOptions(q, size+1, req.Offset, false)
	breq.Fields = storedFields
	switch {
	case req.Sort == quotes.SortNewest || (req.Sort == quotes.SortRelevance && text == ""):
		breq.SortBy([]string{"-" + timeField, "-_score", "_id"})
	case req.Sort == quotes.SortOldest:
		// Quotes without a date have no value to sort on; bleve puts
		// them last either way.
		breq.SortBy([]string{timeField, "-_score", "_id"})
	case req.Sort == quotes.SortRelevance:
		breq.SortBy([]string{"-_score", "-" + timeField, "_id"})
	default:
		return nil, quotes.Errorf(quotes.EINVALID, "unknown sort %q (want relevance, newest or oldest)", req.Sort)
	}
	if req.After != "" {
		after, err := decodeCursor(req.After, len(breq.Sort))
		if err != nil {
			return nil, err
		}
		breq.SearchAfter = after
	}
	if text != "" {
		breq.Highlight = bleve.NewHighlightWithStyle(wholeHighlighter)
		for _, f := range highlightFields {
			breq.Highlight.AddField(f)
		}
	}
	for _, f := range facetFields {
		switch f {
		case fKind:
			breq.AddFacet(f, bleve.NewFacetRequest(f, facetKindMax))
		case fSpeaker:
			// bleve counts every term anyway before it keeps the top
			// ones; the persons are counted from all of them.
			breq.AddFacet(f, bleve.NewFacetRequest(speakerField, math.MaxInt32))
		default:
			breq.AddFacet(f, bleve.NewFacetRequest(f, facetSize))
		}
	}
	breq.AddFacet(facetDay, bleve.NewFacetRequest(fDay, allDays))
	return breq, nil
}

// timeline builds the histogram of a search from its day facet (see the
// timeline constants), filling in the periods between the first and the
// last with zero counts. It returns nil when no match has a date.
func timeline(f *search.FacetResult) *quotes.Timeline {
	if f == nil || f.Terms == nil {
		return nil
	}
	days := map[time.Time]int{}
	var first, last time.Time
	for _, tf := range f.Terms.Terms() {
		d, err := time.Parse(time.DateOnly, tf.Term)
		if err != nil {
			continue // not written by toDoc
		}
		days[d] += tf.Count
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
	}
	if first.IsZero() {
		return nil
	}
	tl := &quotes.Timeline{Interval: quotes.IntervalYear}
	layout := yearLayout
	period := func(d time.Time) time.Time { return time.Date(d.Year(), 1, 1, 0, 0, 0, 0, time.UTC) }
	step := func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }
	switch months := (last.Year()-first.Year())*12 + int(last.Month()) - int(first.Month()) + 1; {
	case months <= dayMonths:
		tl.Interval, layout = quotes.IntervalDay, time.DateOnly
		period = func(d time.Time) time.Time { return d }
		step = func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	case months <= maxMonths:
		tl.Interval, layout = quotes.IntervalMonth, monthLayout
		period = func(d time.Time) time.Time { return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC) }
		step = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	}
	counts := map[time.Time]int{}
	for d, n := range days {
		counts[period(d)] += n
	}
	for t := period(first); !t.After(last); t = step(t) {
		tl.Buckets = append(tl.Buckets, quotes.FacetCount{Term: t.Format(layout), Count: counts[t]})
	}
	if n := len(tl.Buckets) - maxBuckets; n > 0 {
		for _, b := range tl.Buckets[:n] {
			tl.Earlier += b.Count
		}
		tl.Buckets = tl.Buckets[n:]
	}
	return tl
}

// checkQuery reports the faults of q that bleve finds only when it builds
// the searchers: regular expressions it cannot compile, and too much
// fuzziness.
func checkQuery(q query.Query) error {
	switch q := q.(type) {
	case *query.BooleanQuery:
		for _, sub := range []query.Query{q.Must, q.Should, q.MustNot, q.Filter} {
			if sub != nil {
				if err := checkQuery(sub); err != nil {
					return err
				}
			}
		}
	case *query.ConjunctionQuery:
		for _, sub := range q.Conjuncts {
			if err := checkQuery(sub); err != nil {
				return err
			}
		}
	case *query.DisjunctionQuery:
		for _, sub := range q.Disjuncts {
			if err := checkQuery(sub); err != nil {
				return err
			}
		}
	case *query.MatchQuery:
		if q.Fuzziness > searcher.MaxFuzziness {
			return fmt.Errorf("fuzziness %d is above the maximum of %d", q.Fuzziness, searcher.MaxFuzziness)
		}
	case *query.RegexpQuery:
		parsed, err := syntax.Parse(q.Regexp, syntax.Perl)
		if err != nil {
			return fmt.Errorf("regular expression /%s/: %w", q.Regexp, err)
		}
		if _, err := vregexp.NewParsedWithLimit(q.Regexp, parsed, vregexp.DefaultLimit); err != nil {
			return fmt.Errorf("regular expression /%s/: %w", q.Regexp, err)
		}
	}
	return nil
}

// clampTime brings t into the range of datetimes bleve indexes, so that a
// far-off bound of a date filter means "unbounded"; zero stays zero.
func clampTime(t time.Time) time.Time {
	switch {
	case t.IsZero():
		return t
	case t.Before(minIndexTime):
		return minIndexTime
	case t.After(maxIndexTime):
		return maxIndexTime
	}
	return t
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

func facetCounts(f *search.FacetResult) []quotes.FacetCount {
	out := []quotes.FacetCount{}
	if f == nil || f.Terms == nil {
		return out
	}
	for _, t := range f.Terms.Terms() {
		if t.Term != "" {
			out = append(out, quotes.FacetCount{Term: t.Term, Count: t.Count})
		}
	}
	return out
}

// Quote returns the quote with the given id, or an ENOTFOUND error.
func (ix *Index) Quote(ctx context.Context, id string) (*quotes.Quote, error) {
	bl, release, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer release()
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{id}), 1, 0, false)
	req.Fields = storedFields
	req.Score = "none"
	res, err := bl.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("index: quote %q: %w", id, err)
	}
	if len(res.Hits) == 0 {
		return nil, quotes.Errorf(quotes.ENOTFOUND, "no quote %q", id)
	}
	q, err := fromFields(id, res.Hits[0].Fields)
	if err != nil {
		return nil, err
	}
	if err := ix.annotate(1, func(int) *quotes.Quote { return &q }); err != nil {
		return nil, err
	}
	return &q, nil
}

// Speakers returns up to limit speakers with the number of their quotes,
// most quoted first; a limit of zero or less means every speaker. The
// variants of a speaker's name are counted together, under the canonical
// name (see Speaker). Quotes without a speaker are not counted.
func (ix *Index) Speakers(ctx context.Context, limit int) ([]quotes.FacetCount, error) {
	v, err := ix.speakers(ctx)
	if err != nil {
		return nil, err
	}
	field := ix.speakerFacetField()
	bl, release, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer release()
	// Speakers of quotes, as search counts them: beliefs left out.
	req := bleve.NewSearchRequestOptions(withoutCopies(withoutBeliefs(bleve.NewMatchAllQuery())), 0, 0, false)
	req.AddFacet(fSpeaker, bleve.NewFacetRequest(field, math.MaxInt32))
	res, err := bl.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("index: speakers: %w", err)
	}
	return mergeSpeakers(v, res.Facets[fSpeaker], limit), nil
}

// withoutBeliefs returns q without the quotes of kind belief.
func withoutBeliefs(q query.Query) query.Query {
	not := bleve.NewTermQuery(string(quotes.KindBelief))
	not.SetField(fKind)
	return without(q, not)
}

// withoutCopies returns q without the later appearances of quotes (see
// appearances.go).
func withoutCopies(q query.Query) query.Query {
	not := bleve.NewTermQuery(copyFlag)
	not.SetField(fCopy)
	return without(q, not)
}

// without returns q without the matches of not, folded into q when q is
// already a "q but not" query.
func without(q query.Query, not query.Query) query.Query {
	if bq, ok := q.(*query.BooleanQuery); ok && bq.Must != nil && bq.Should == nil {
		bq.AddMustNot(not)
		return bq
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(q)
	bq.AddMustNot(not)
	return bq
}
