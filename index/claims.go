package index

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/claims"
)

// Claims are derived data, like the quote index, and kept in articles.db:
//
//   - bucket "statements" maps an article id to its quotes read as
//     statements (claims.Statements), written with the article;
//   - bucket "claim_periods" holds a key period+"\x00"+article id for
//     every article, by the period of claims.Period its statements are
//     grouped in;
//   - bucket "claims" maps a claim id to the claim as JSON, the output of
//     claims.Tracker.Build over the statements of its period, and bucket
//     "period_claims" a key period+"\x00"+claim id for each, so that the
//     claims of one period can be replaced;
//   - bucket "claims_meta" holds a key "stale:"+period for every period
//     whose claims do not match its statements (a put marks the periods
//     of the articles it writes, old and new), and the key "stale" when
//     none can be trusted (after a reindex, a change of sides, or an index
//     made before claims were kept by period).
//
// UpdateClaims rebuilds the stale periods, and only those: an ingest of a
// day's news regroups that day's quarter, not the archive. Put (one
// article, the way the API ingests) updates the claims before it
// returns, so that no read ever waits on a rebuild; PutBatch, the bulk
// path, leaves it to its caller to call UpdateClaims once at the end. A
// read that still finds stale periods (a bulk ingest that stopped
// midway) updates them first, so a claim never lags the articles. The
// claims are cached in memory, period by period, between writes.
var (
	bucketStatements   = []byte("statements")
	bucketClaims       = []byte("claims")
	bucketClaimsMeta   = []byte("claims_meta")
	bucketClaimPeriods = []byte("claim_periods")
	bucketPeriodClaims = []byte("period_claims")
	keyStale           = []byte("stale")
	// keySides holds the fingerprint of the side table the stored claims
	// were built with (claims.Sides.Fingerprint).
	keySides = []byte("sides")
)

// staleMark is the prefix of the claims_meta key that marks a period
// stale.
const staleMark = "stale:"

var _ quotes.ClaimService = (*Index)(nil)

// checkHits is how many quotes a check reads from the quote index; the
// statements of their articles are then read against the claim.
const checkHits = 200

// maxCheckHits bounds the quotes a check reads when syndicated copies
// fill its pages (see Check).
const maxCheckHits = 2 * checkHits

// checkArticles is the most articles a check reads: those of its best
// quote hits, in order.
const checkArticles = 100

// markClaimsStale marks every period stale.
func markClaimsStale(tx *bolt.Tx) error {
	return tx.Bucket(bucketClaimsMeta).Put(keyStale, []byte{1})
}

// periodKey is the key of an article or a claim under its period.
func periodKey(period, id string) []byte {
	return []byte(period + "\x00" + id)
}

// movePeriod files an article under its period of claims (see
// periodFor), moving it out of the period of its last version (old, nil
// for a new article), and marks both periods stale.
func movePeriod(tx *bolt.Tx, id string, old []byte, published time.Time) error {
	cp, meta := tx.Bucket(bucketClaimPeriods), tx.Bucket(bucketClaimsMeta)
	var op string
	if old != nil {
		var err error
		if op, err = articlePeriod(tx, []byte(id), old); err != nil {
			return fmt.Errorf("article %q: %w", id, err)
		}
		if err := cp.Delete(periodKey(op, id)); err != nil {
			return err
		}
		if err := meta.Put([]byte(staleMark+op), []byte{1}); err != nil {
			return err
		}
	}
	period, err := periodFor(tx, []byte(id), published, op)
	if err != nil {
		return err
	}
	if err := cp.Put(periodKey(period, id), nil); err != nil {
		return err
	}
	return meta.Put([]byte(staleMark+period), []byte{1})
}

// Undated articles have no quarter to bound their claims by: they are
// grouped in blocks of undatedPeriodArticles, in the order they arrive,
// named "undated", then "undated-0002" and so on, and each article keeps
// its block (bucket article_periods). Without the bound, claims over an
// archive of undated text grew as the square of it.
var (
	bucketArticlePeriods = []byte("article_periods")
	keyUndatedBlock      = []byte("undated_block") // in claims_meta: block name, "\x00", articles
)

// undatedPeriodArticles is how many undated articles share a period of
// claims.
const undatedPeriodArticles = 2500

// periodFor returns the period of claims of the article id published at
// published, and files it in article_periods: its quarter; or, undated,
// the block it had (was), else the block being filled.
func periodFor(tx *bolt.Tx, id []byte, published time.Time, was string) (string, error) {
	ap := tx.Bucket(bucketArticlePeriods)
	p := claims.Period(published)
	if p == claims.Undated {
		if strings.HasPrefix(was, claims.Undated) {
			p = was
		} else {
			meta := tx.Bucket(bucketClaimsMeta)
			name, n := claims.Undated, 0
			if v := meta.Get(keyUndatedBlock); v != nil {
				b, c, _ := strings.Cut(string(v), "\x00")
				name = b
				fmt.Sscan(c, &n)
			}
			if n >= undatedPeriodArticles {
				k := 1
				if _, num, ok := strings.Cut(name, "-"); ok {
					fmt.Sscan(num, &k)
				}
				name, n = fmt.Sprintf("%s-%04d", claims.Undated, k+1), 0
			}
			if err := meta.Put(keyUndatedBlock, fmt.Appendf(nil, "%s\x00%d", name, n+1)); err != nil {
				return "", err
			}
			p = name
		}
	}
	return p, ap.Put(id, []byte(p))
}

// articlePeriod returns the period of claims of a stored article: the one
// filed for it, else (an index made before periods were filed) its
// quarter, read from the article (JSON).
func articlePeriod(tx *bolt.Tx, id, v []byte) (string, error) {
	if p := tx.Bucket(bucketArticlePeriods).Get(id); p != nil {
		return string(p), nil
	}
	var a struct {
		Published time.Time `json:"published"`
	}
	if err := json.Unmarshal(v, &a); err != nil {
		return "", fmt.Errorf("read publication time: %w", err)
	}
	return claims.Period(a.Published), nil
}

// SetSides replaces the side table claims are built with (see
// claims.LoadAliases); when the stored claims were built with another
// table, every claim is rebuilt at the next read, once.
func (ix *Index) SetSides(s *claims.Sides) {
	ix.cmu.Lock()
	defer ix.cmu.Unlock()
	ix.tracker = claims.New(s)
	ix.sides = s.Fingerprint()
}

// RebuildClaims groups every stored statement into claims again and
// stores them, whether or not they are stale.
func (ix *Index) RebuildClaims(ctx context.Context) error {
	if err := ix.db.Update(markClaimsStale); err != nil {
		return fmt.Errorf("index: rebuild claims: %w", err)
	}
	return ix.UpdateClaims(ctx)
}

// UpdateClaims rebuilds the claims of the stale periods (see the
// comment on the buckets above) and leaves the others as they are.
func (ix *Index) UpdateClaims(ctx context.Context) error {
	ix.cmu.Lock()
	defer ix.cmu.Unlock()
	return ix.updateLocked(ctx)
}

// loadClaims returns the current claims' refs, in list order, updating
// the stale periods first.
func (ix *Index) loadClaims(ctx context.Context) ([]claimRef, error) {
	ix.cmu.Lock()
	defer ix.cmu.Unlock()
	if err := ix.updateLocked(ctx); err != nil {
		return nil, err
	}
	return ix.cached, nil
}

// stalePeriods returns the periods marked stale, and whether all are:
// marked so, or built with another side table than the tracker's.
func (ix *Index) stalePeriods() (periods []string, all bool, err error) {
	err = ix.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketClaimsMeta)
		all = meta.Get(keyStale) != nil
		if sides := meta.Get(keySides); string(sides) != ix.sides && hasArticles(tx) {
			all = true
		}
		c := meta.Cursor()
		for k, _ := c.Seek([]byte(staleMark)); k != nil && strings.HasPrefix(string(k), staleMark); k, _ = c.Next() {
			periods = append(periods, string(k[len(staleMark):]))
		}
		return nil
	})
	return periods, all, err
}

func (ix *Index) updateLocked(ctx context.Context) error {
	periods, all, err := ix.stalePeriods()
	if err != nil {
		return fmt.Errorf("index: claims: %w", err)
	}
	if !all && len(periods) == 0 && ix.byPeriod != nil {
		return nil
	}
	start := time.Now()
	if all {
		if periods, err = ix.refilePeriods(ctx); err != nil {
			return err
		}
		ix.byPeriod = map[string][]claimRef{}
	} else if ix.byPeriod == nil {
		if err := ix.readClaimsLocked(); err != nil {
			return err
		}
	}
	n, err := ix.rebuildPeriods(ctx, periods)
	if err != nil {
		return err
	}
	if all {
		if err := ix.db.Update(func(tx *bolt.Tx) error {
			meta := tx.Bucket(bucketClaimsMeta)
			if err := meta.Put(keySides, []byte(ix.sides)); err != nil {
				return err
			}
			return meta.Delete(keyStale)
		}); err != nil {
			return fmt.Errorf("index: claims: %w", err)
		}
	}
	ix.flattenLocked()
	if len(periods) > 0 {
		took := time.Since(start)
		slog.Debug("index: claims updated", "periods", len(periods), "statements", n, "claims", len(ix.cached),
			"took", took)
		if ix.claimsObserver != nil {
			ix.claimsObserver(len(periods), took)
		}
	}
	return nil
}

// SetClaimsObserver makes f be called after every build of claims with
// the number of periods rebuilt and the time it took: for metrics.
func (ix *Index) SetClaimsObserver(f func(periods int, took time.Duration)) {
	ix.cmu.Lock()
	defer ix.cmu.Unlock()
	ix.claimsObserver = f
}

// refilePeriods files every article under its period again and drops
// every stored claim, for a rebuild of all; it returns the periods.
func (ix *Index) refilePeriods(ctx context.Context) ([]string, error) {
	var periods []string
	err := ix.db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketClaimPeriods, bucketClaims, bucketPeriodClaims} {
			if err := tx.DeleteBucket(b); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
				return err
			}
			if _, err := tx.CreateBucket(b); err != nil {
				return err
			}
		}
		cp := tx.Bucket(bucketClaimPeriods)
		seen := map[string]bool{}
		return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			p, err := articlePeriod(tx, k, v)
			if err != nil {
				return fmt.Errorf("article %q: %w", k, err)
			}
			if p == claims.Undated && tx.Bucket(bucketArticlePeriods).Get(k) == nil {
				// Filed before blocks of undated articles.
				if p, err = periodFor(tx, k, time.Time{}, ""); err != nil {
					return err
				}
			}
			if !seen[p] {
				seen[p] = true
				periods = append(periods, p)
			}
			return cp.Put(periodKey(p, string(k)), nil)
		})
	})
	if err != nil {
		return nil, fmt.Errorf("index: file articles by period: %w", err)
	}
	slices.Sort(periods)
	return periods, nil
}

// builtPeriod is the claims of one period, built and not stored yet.
type builtPeriod struct {
	period     string
	claims     []quotes.Claim
	statements int
}

// rebuildPeriods groups the statements of each period into claims and
// stores them in place of the period's old claims; it returns how many
// statements it read. The periods are built in parallel, one a core
// (they are independent, and the tracker is safe for concurrent use),
// and stored one by one as they come.
func (ix *Index) rebuildPeriods(ctx context.Context, periods []string) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan string)
	built := make(chan builtPeriod)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(periods), 1)) {
		wg.Go(func() {
			for p := range jobs {
				b, err := ix.buildPeriod(ctx, p)
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					cancel()
					return
				}
				select {
				case built <- b:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, p := range periods {
			select {
			case jobs <- p:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(built)
	}()
	n := 0
	var storeErr error
	for b := range built {
		if storeErr != nil {
			continue // drain
		}
		if err := ix.storePeriod(b); err != nil {
			storeErr = err
			cancel()
			continue
		}
		n += b.statements
	}
	if storeErr != nil {
		return 0, storeErr
	}
	select {
	case err := <-errs:
		return 0, err
	default:
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return n, nil
}

// buildPeriod reads the statements of one period and groups them into
// claims.
func (ix *Index) buildPeriod(ctx context.Context, period string) (builtPeriod, error) {
	var ss []quotes.Statement
	missing := 0
	prefix := periodKey(period, "")
	err := ix.db.View(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bucketStatements)
		c := tx.Bucket(bucketClaimPeriods).Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			id := k[len(prefix):]
			v := sb.Get(id)
			if v == nil {
				missing++
				continue
			}
			var part []quotes.Statement
			if err := json.Unmarshal(v, &part); err != nil {
				return fmt.Errorf("statements of article %q: %w", id, err)
			}
			ss = append(ss, part...)
		}
		return nil
	})
	if err != nil {
		return builtPeriod{}, fmt.Errorf("index: claims of %s: %w", period, err)
	}
	if missing > 0 {
		slog.Warn("index: articles stored before claim tracking have no statements; run quotes reindex", "articles", missing)
	}
	return builtPeriod{period: period, claims: ix.tracker.Build(ss), statements: len(ss)}, nil
}

// storePeriod stores the claims of a period in place of its old ones,
// and keeps their refs.
func (ix *Index) storePeriod(b builtPeriod) error {
	period, cs := b.period, b.claims
	prefix := periodKey(period, "")
	err := ix.db.Update(func(tx *bolt.Tx) error {
		cb, pc := tx.Bucket(bucketClaims), tx.Bucket(bucketPeriodClaims)
		var old [][]byte
		c := pc.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			old = append(old, append([]byte(nil), k...))
		}
		for _, k := range old {
			if err := cb.Delete(k[len(prefix):]); err != nil {
				return err
			}
			if err := pc.Delete(k); err != nil {
				return err
			}
		}
		for _, c := range cs {
			v, err := json.Marshal(&c)
			if err != nil {
				return err
			}
			if err := cb.Put([]byte(c.ID), v); err != nil {
				return err
			}
			if err := pc.Put(periodKey(period, c.ID), nil); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketClaimsMeta).Delete([]byte(staleMark + period))
	})
	if err != nil {
		return fmt.Errorf("index: store claims of %s: %w", period, err)
	}
	if len(cs) == 0 {
		delete(ix.byPeriod, period)
	} else {
		refs := make([]claimRef, len(cs))
		for i := range cs {
			refs[i] = refOf(&cs[i])
		}
		ix.byPeriod[period] = refs
	}
	return nil
}

// readClaimsLocked loads the stored claims into memory, by period.
func (ix *Index) readClaimsLocked() error {
	byPeriod := map[string][]claimRef{}
	err := ix.db.View(func(tx *bolt.Tx) error {
		cb := tx.Bucket(bucketClaims)
		return tx.Bucket(bucketPeriodClaims).ForEach(func(k, _ []byte) error {
			period, id, ok := bytes.Cut(k, []byte{0})
			if !ok {
				return fmt.Errorf("bad period key %q", k)
			}
			v := cb.Get(id)
			if v == nil {
				return nil
			}
			var c quotes.Claim
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("claim %q: %w", id, err)
			}
			byPeriod[string(period)] = append(byPeriod[string(period)], refOf(&c))
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("index: read claims: %w", err)
	}
	ix.byPeriod = byPeriod
	return nil
}

// flattenLocked lists the claims of every period, in the order of
// claims.SortClaims.
func (ix *Index) flattenLocked() {
	n := 0
	for _, cs := range ix.byPeriod {
		n += len(cs)
	}
	all := make([]claimRef, 0, n)
	for _, cs := range ix.byPeriod {
		all = append(all, cs...)
	}
	sortRefs(all)
	ix.cached = all
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
	refs, err := ix.loadClaims(ctx)
	if err != nil {
		return nil, err
	}
	words := lowerWords(req.Query)
	out := &quotes.ClaimList{Claims: []quotes.Claim{}}
	var page []string
	for i := range refs {
		if !refs[i].matches(req, speaker, words) {
			continue
		}
		if out.Total >= req.Offset && len(page) < size {
			page = append(page, refs[i].id)
		}
		out.Total++
	}
	cs, err := ix.readClaims(page)
	if err != nil {
		return nil, err
	}
	out.Claims = append(out.Claims, cs...)
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
	if _, err := ix.loadClaims(ctx); err != nil {
		return nil, err
	}
	cs, err := ix.readClaims([]string{id})
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, quotes.Errorf(quotes.ENOTFOUND, "no claim %q", id)
	}
	return &cs[0], nil
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
	terms := claims.SearchWords(claim)
	if len(terms) == 0 {
		return nil, quotes.Errorf(quotes.EINVALID, "the claim %q has no content words to look for", claim)
	}
	// Content words only: "the" and "will" would score a million quotes.
	// The quote and its sentence, not the title: a title word matches
	// every quote of its article, which costs a check a sixth of its
	// time at 16× the news corpus and finds no statement the words of
	// the sentence do not.
	dis := make([]query.Query, 0, 2*len(terms))
	for _, t := range terms {
		for _, field := range []string{fQuote, fSentence} {
			m := bleve.NewMatchQuery(t)
			m.SetField(field)
			dis = append(dis, m)
		}
	}
	// The hits' articles in order. Syndicated copies repeat one
	// statement under many articles: the search reads maxCheckHits
	// quotes, and the articles of the first checkHits distinct
	// statements are kept.
	bl, release, err := ix.reader()
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(dis...), maxCheckHits, 0, false)
	req.Fields = []string{fDoc}
	res, err := bl.SearchInContext(ctx, req)
	if err != nil {
		release()
		return nil, fmt.Errorf("index: check: %w", err)
	}
	var ids []string
	seen := map[string]bool{}
	distinct := map[string]bool{}
	read := 0
	for _, h := range res.Hits {
		if len(distinct) == checkHits {
			break
		}
		read++
		hq, err := fromFields(h.ID, h.Fields)
		if err != nil {
			release()
			return nil, fmt.Errorf("index: check: %w", err)
		}
		distinct[hq.Speaker+"\x00"+hq.Text] = true
		if id := hq.ArticleID; id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	release()
	// The first checkArticles articles, a copy of one already read (the
	// same title and text under another id) left out.
	var sources []claims.Source
	texts := map[[sha256.Size]byte]bool{}
	err = ix.db.View(func(tx *bolt.Tx) error {
		b, ab := tx.Bucket(bucketStatements), tx.Bucket(bucketArticles)
		for _, id := range ids {
			if len(sources) == checkArticles {
				break
			}
			v, av := b.Get([]byte(id)), ab.Get([]byte(id))
			if v == nil || av == nil {
				continue
			}
			var src claims.Source
			if err := json.Unmarshal(av, &src.Article); err != nil {
				return fmt.Errorf("article %q: %w", id, err)
			}
			sum := sha256.Sum256([]byte(src.Article.Title + "\x00" + src.Article.Text))
			if texts[sum] {
				continue
			}
			texts[sum] = true
			if err := json.Unmarshal(v, &src.Statements); err != nil {
				return fmt.Errorf("statements of article %q: %w", id, err)
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
	slog.Debug("check: read", "hits", read, "articles", len(ids), "sources", len(sources))
	r := t.Check(claim, sources)
	return &r, nil
}

// hasArticles reports whether any article is stored.
func hasArticles(tx *bolt.Tx) bool {
	k, _ := tx.Bucket(bucketArticles).Cursor().First()
	return k != nil
}

// readClaims reads the stored claims with the given ids, in that order;
// a claim rebuilt away since its id was listed is left out.
func (ix *Index) readClaims(ids []string) ([]quotes.Claim, error) {
	out := make([]quotes.Claim, 0, len(ids))
	err := ix.db.View(func(tx *bolt.Tx) error {
		cb := tx.Bucket(bucketClaims)
		for _, id := range ids {
			v := cb.Get([]byte(id))
			if v == nil {
				continue
			}
			var c quotes.Claim
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("claim %q: %w", id, err)
			}
			out = append(out, c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: read claims: %w", err)
	}
	return out, nil
}

// lowerWords returns the words of a claim query, in lower case.
func lowerWords(q string) []string { return strings.Fields(strings.ToLower(q)) }
