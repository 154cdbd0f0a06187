package index

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	bolt "go.etcd.io/bbolt"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/claims"
)

// Claims are derived data, like the quote index, and kept in articles.db:
//
//   - bucket "statements" maps an article id to its quotes read as
//     statements (claims.Statements), written with the article;
//   - bucket "claims" maps a claim id to the claim as JSON, the output of
//     claims.Tracker.Build over every stored statement;
//   - bucket "claims_meta" holds the key "stale" while the claims do not
//     match the statements: every put and reindex sets it.
//
// Reading claims rebuilds them first when they are stale, so a claim
// never lags the articles, and the grouping, which depends only on the set
// of statements, never depends on the order articles came in. The claims
// are cached in memory between writes.
var (
	bucketStatements = []byte("statements")
	bucketClaims     = []byte("claims")
	bucketClaimsMeta = []byte("claims_meta")
	keyStale         = []byte("stale")
)

var _ quotes.ClaimService = (*Index)(nil)

// checkHits is how many quotes a check reads from the quote index; the
// statements of their articles are then read against the claim.
const checkHits = 200

// checkArticles is the most articles a check reads: those of its best
// quote hits, in order.
const checkArticles = 100

func markClaimsStale(tx *bolt.Tx) error {
	return tx.Bucket(bucketClaimsMeta).Put(keyStale, []byte{1})
}

// SetSides replaces the side table claims are built with (see
// claims.LoadAliases); the claims are rebuilt at the next read.
func (ix *Index) SetSides(s *claims.Sides) {
	ix.cmu.Lock()
	defer ix.cmu.Unlock()
	ix.tracker = claims.New(s)
	ix.fresh = false
	ix.cached = nil
}

// RebuildClaims groups every stored statement into claims again and
// stores them, whether or not they are stale.
func (ix *Index) RebuildClaims(ctx context.Context) error {
	ix.cmu.Lock()
	defer ix.cmu.Unlock()
	return ix.rebuildLocked(ctx)
}

// loadClaims returns the current claims, rebuilding them when stale.
func (ix *Index) loadClaims(ctx context.Context) ([]quotes.Claim, error) {
	ix.cmu.Lock()
	defer ix.cmu.Unlock()
	stale := false
	if err := ix.db.View(func(tx *bolt.Tx) error {
		stale = tx.Bucket(bucketClaimsMeta).Get(keyStale) != nil
		return nil
	}); err != nil {
		return nil, fmt.Errorf("index: claims: %w", err)
	}
	if stale || !ix.fresh {
		if stale {
			if err := ix.rebuildLocked(ctx); err != nil {
				return nil, err
			}
		} else if err := ix.readClaimsLocked(); err != nil {
			return nil, err
		}
	}
	return ix.cached, nil
}

func (ix *Index) readClaimsLocked() error {
	var cs []quotes.Claim
	err := ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketClaims).ForEach(func(_, v []byte) error {
			var c quotes.Claim
			if err := json.Unmarshal(v, &c); err != nil {
				return err
			}
			cs = append(cs, c)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("index: read claims: %w", err)
	}
	claims.SortClaims(cs)
	ix.cached, ix.fresh = cs, true
	return nil
}

func (ix *Index) rebuildLocked(ctx context.Context) error {
	start := time.Now()
	var all []quotes.Statement
	missing := 0
	err := ix.db.View(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketStatements)
		return tx.Bucket(bucketArticles).ForEach(func(k, _ []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			v := sb.Get(k)
			if v == nil {
				missing++
				return nil
			}
			var ss []quotes.Statement
			if err := json.Unmarshal(v, &ss); err != nil {
				return fmt.Errorf("statements of article %q: %w", k, err)
			}
			all = append(all, ss...)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("index: rebuild claims: %w", err)
	}
	if missing > 0 {
		slog.Warn("index: articles stored before claim tracking have no statements; run quotes reindex", "articles", missing)
	}
	cs := ix.tracker.Build(all)
	err = ix.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketClaims); err != nil {
			return err
		}
		b, err := tx.CreateBucket(bucketClaims)
		if err != nil {
			return err
		}
		for _, c := range cs {
			v, err := json.Marshal(&c)
			if err != nil {
				return err
			}
			if err := b.Put([]byte(c.ID), v); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketClaimsMeta).Delete(keyStale)
	})
	if err != nil {
		return fmt.Errorf("index: store claims: %w", err)
	}
	ix.cached, ix.fresh = cs, true
	slog.Debug("index: claims rebuilt", "statements", len(all), "claims", len(cs), "took", time.Since(start))
	return nil
}

// Claims returns one page of the claims matching req, in the order of
// claims.SortClaims: told in the most articles first.
func (ix *Index) Claims(ctx context.Context, req quotes.ClaimRequest) (*quotes.ClaimList, error) {
	if req.Verdict != "" && req.Verdict != "both-sides" && !validLabel(req.Verdict) {
		return nil, quotes.Errorf(quotes.EINVALID, "unknown verdict %q (want both-sides or one of: %s)", req.Verdict, strings.Join(claims.Labels, ", "))
	}
	if req.Offset < 0 || req.Size < 0 {
		return nil, quotes.Errorf(quotes.EINVALID, "offset and size must not be negative")
	}
	size := req.Size
	if size == 0 {
		size = quotes.DefaultPageSize
	}
	size = min(size, quotes.MaxPageSize)
	var speaker func(string) bool
	if req.Speaker != "" {
		v, err := ix.speakers(ctx)
		if err != nil {
			return nil, err
		}
		speaker = speakerMatcher(v, req.Speaker)
	}
	cs, err := ix.loadClaims(ctx)
	if err != nil {
		return nil, err
	}
	words := strings.Fields(strings.ToLower(req.Query))
	out := &quotes.ClaimList{Claims: []quotes.Claim{}}
	for i := range cs {
		if !claimMatches(&cs[i], req, speaker, words) {
			continue
		}
		if out.Total >= req.Offset && len(out.Claims) < size {
			out.Claims = append(out.Claims, cs[i])
		}
		out.Total++
	}
	return out, nil
}

func validLabel(l string) bool {
	for _, x := range claims.Labels {
		if x == l {
			return true
		}
	}
	return false
}

// claimMatches reports whether c passes the filters of req; speaker
// matches the speaker filter (nil for none) and words are the query's
// lower-case words, each to be found in the claim's text or in one of its
// statements.
func claimMatches(c *quotes.Claim, req quotes.ClaimRequest, speaker func(string) bool, words []string) bool {
	switch {
	case req.Verdict == "both-sides" && !c.Verdict.BothSides:
		return false
	case req.Verdict != "" && req.Verdict != "both-sides" && c.Verdict.Label != req.Verdict:
		return false
	}
	if req.Speaker != "" || req.Side != "" {
		ok := false
		for _, s := range c.Statements {
			if (speaker == nil || speaker(s.Speaker)) && (req.Side == "" || strings.EqualFold(s.Side, req.Side)) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	if len(words) == 0 {
		return true
	}
	var b strings.Builder
	b.WriteString(strings.ToLower(c.Text))
	for _, s := range c.Statements {
		b.WriteByte('\n')
		b.WriteString(strings.ToLower(s.Quote))
		b.WriteByte('\n')
		b.WriteString(strings.ToLower(s.Speaker))
	}
	hay := b.String()
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// speakerMatcher returns whether a statement's speaker matches a speaker
// filter: they are one person (any variant of the name, see Speaker), or
// the filter is the whole name or one of its words, ignoring case
// ("sheinbaum" finds "Claudia Sheinbaum").
func speakerMatcher(v *speakerView, filter string) func(string) bool {
	want := SpeakerKey(filter)
	if p := v.resolve(filter); p != nil {
		want = p.key
	}
	return func(name string) bool {
		if k := SpeakerKey(name); k != "" && v.canonical(k) == want {
			return true
		}
		return nameMatches(name, filter)
	}
}

// nameMatches reports whether a speaker's name matches a filter: the whole
// name or one of its words, ignoring case.
func nameMatches(name, filter string) bool {
	if strings.EqualFold(name, filter) {
		return true
	}
	for _, w := range strings.Fields(name) {
		if strings.EqualFold(w, filter) {
			return true
		}
	}
	return false
}

// Claim returns the claim with the given id, or an ENOTFOUND error.
func (ix *Index) Claim(ctx context.Context, id string) (*quotes.Claim, error) {
	cs, err := ix.loadClaims(ctx)
	if err != nil {
		return nil, err
	}
	for i := range cs {
		if cs[i].ID == id {
			c := cs[i]
			return &c, nil
		}
	}
	return nil, quotes.Errorf(quotes.ENOTFOUND, "no claim %q", id)
}

// Check finds the quotes that bear on a claim typed by a person: the best
// matches of its words in the quote index, read with the other statements
// of their articles, and classified by claims.Tracker.Check.
func (ix *Index) Check(ctx context.Context, claim string) (*quotes.CheckResult, error) {
	claim = strings.TrimSpace(claim)
	if claim == "" {
		return nil, quotes.Errorf(quotes.EINVALID, "no claim to check: give the claim as text")
	}
	if len(claim) > 1000 {
		return nil, quotes.Errorf(quotes.EINVALID, "claim is %d bytes long; keep it under 1000", len(claim))
	}
	terms := claims.ContentWords(claim)
	if len(terms) == 0 {
		return nil, quotes.Errorf(quotes.EINVALID, "the claim %q has no content words to look for", claim)
	}
	// Content words only: "the" and "will" would score a million quotes.
	dis := make([]query.Query, 0, 3*len(terms))
	for _, t := range terms {
		for _, field := range []string{fQuote, fSentence, fTitle} {
			m := bleve.NewMatchQuery(t)
			m.SetField(field)
			dis = append(dis, m)
		}
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(dis...), checkHits, 0, false)
	req.Fields = []string{fDoc}
	bl, release, err := ix.reader()
	if err != nil {
		return nil, err
	}
	res, err := bl.SearchInContext(ctx, req)
	release()
	if err != nil {
		return nil, fmt.Errorf("index: check: %w", err)
	}
	var ids []string
	seen := map[string]bool{}
	for _, h := range res.Hits {
		hq, err := fromFields(h.ID, h.Fields)
		if err != nil {
			return nil, fmt.Errorf("index: check: %w", err)
		}
		id := hq.ArticleID
		if id != "" && !seen[id] && len(ids) < checkArticles {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	var sources []claims.Source
	err = ix.db.View(func(tx *bolt.Tx) error {
		b, ab := tx.Bucket(bucketStatements), tx.Bucket(bucketArticles)
		for _, id := range ids {
			v, av := b.Get([]byte(id)), ab.Get([]byte(id))
			if v == nil || av == nil {
				continue
			}
			var src claims.Source
			if err := json.Unmarshal(v, &src.Statements); err != nil {
				return fmt.Errorf("statements of article %q: %w", id, err)
			}
			if err := json.Unmarshal(av, &src.Article); err != nil {
				return fmt.Errorf("article %q: %w", id, err)
			}
			sources = append(sources, src)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: check: %w", err)
	}
	ix.cmu.Lock()
	t := ix.tracker
	ix.cmu.Unlock()
	slog.Debug("check: read", "hits", len(res.Hits), "articles", len(ids), "sources", len(sources))
	r := t.Check(claim, sources)
	return &r, nil
}
