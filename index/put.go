package index

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	bolt "go.etcd.io/bbolt"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/claims"
)

// Entry is one article with its extracted quotes, the unit of PutBatch.
type Entry struct {
	Article quotes.Article
	Quotes  []quotes.Quote
}

// prepared is an entry checked and turned into what both stores write.
type prepared struct {
	id      string
	article []byte // JSON
	// statements are the quotes read as statements for the claim
	// tracker, as JSON.
	statements []byte
	published  time.Time // of the article: its period of claims
	shard      string    // of its quotes: monthShard, "" when undated
	ids        []string
	docs       []map[string]any // parallel to ids
	// applied and stale are the sequence numbers of the corrections that
	// applied to a quote, and of those whose quote is gone.
	applied, stale []int64
}

// Put stores the article a and replaces its quotes with qs. It gives each
// quote the article's id and metadata (URL, title, outlet, published
// time), and a quotes.QuoteID when it has no id, applies the editors'
// corrections of its quotes, and updates the claims of the article's
// period (see UpdateClaims). A bad article is an EINVALID error and
// nothing is stored; an article an editor deleted an ECONFLICT one.
func (ix *Index) Put(ctx context.Context, a quotes.Article, qs []quotes.Quote) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	entries, err := checkEntries([]Entry{{Article: a, Quotes: qs}})
	if err != nil {
		return err
	}
	ix.wmu.Lock()
	deleted, err := ix.putLocked(ctx, entries, false)
	ix.wmu.Unlock()
	if err != nil {
		return err
	}
	if len(deleted) > 0 {
		return quotes.Errorf(quotes.ECONFLICT, "article %q was deleted by an editor: restore it first (quotes undelete %s)", deleted[0], deleted[0])
	}
	// The claims of the article's period, so that no read waits on them.
	if err := ix.UpdateClaims(ctx); err != nil {
		return fmt.Errorf("index: put %q: stored, but its claims are not updated yet: %w", a.ID, err)
	}
	return nil
}

// PutBatch does Put for every entry, with one bbolt transaction and one
// write to the quote index: the way to ingest in bulk. It checks every
// article first and stores nothing when one is bad. When an article occurs
// more than once, its last entry wins. An article an editor deleted is
// left out, and named in a *DeletedError once the others are stored. Editors' corrections of the
// articles' quotes are applied to the quotes given.
func (ix *Index) PutBatch(ctx context.Context, entries []Entry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	entries, err := checkEntries(entries)
	if err != nil || len(entries) == 0 {
		return err
	}
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	deleted, err := ix.putLocked(ctx, entries, false)
	if err == nil && len(deleted) > 0 {
		return &DeletedError{IDs: deleted}
	}
	return err
}

// DeletedError is PutBatch's error when it left out articles an editor
// deleted, having stored the others. Its code is ECONFLICT.
type DeletedError struct {
	IDs []string
}

// Error names the articles left out.
func (e *DeletedError) Error() string {
	return fmt.Sprintf("left out %d articles an editor deleted (%s): quotes undelete ID brings one back", len(e.IDs), strings.Join(e.IDs, ", "))
}

// Unwrap gives the error its ECONFLICT code.
func (e *DeletedError) Unwrap() error { return quotes.Errorf(quotes.ECONFLICT, "%s", e.Error()) }

// putLocked stores and indexes checked entries; ix.wmu must be held. It
// returns the ids of the articles left out because an editor deleted
// them.
//
// The store is written first, the source of truth, with a pending mark
// on every article in the same transaction; the quote index second; the
// marks are cleared third. A failure or a crash between the first two
// steps leaves marked articles whose quotes may be missing or old, never
// a quote without its article: IndexPending, run by the commands that
// write at their start, and Verify find them.
//
// The quotes an entry replaces are looked for in the shard recorded for
// its article, or in every shard when its article is pending or when
// everywhere is set (a repair, which trusts no record).
func (ix *Index) putLocked(ctx context.Context, entries []Entry, everywhere bool) (deleted []string, err error) {
	if ix.bl == nil { // only holders of wmu change bl
		return nil, errClosed
	}
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = e.Article.ID
	}
	corr, gone, err := ix.correctionsOf(ids)
	if err != nil {
		return nil, err
	}
	preps := make([]prepared, 0, len(entries))
	for n, e := range entries {
		if gone[e.Article.ID] {
			deleted = append(deleted, e.Article.ID)
			continue
		}
		p, err := prepareOne(e.Article, e.Quotes, corr[e.Article.ID])
		if err != nil {
			return nil, fmt.Errorf("index: put entry %d (article %.80q): %w", n, e.Article.ID, err)
		}
		preps = append(preps, p)
	}
	if len(preps) == 0 {
		return deleted, nil
	}
	articleIDs := make([]string, len(preps))
	for i, p := range preps {
		articleIDs[i] = p.id
	}
	// The quotes the articles have now, with their shards: in the shard
	// recorded for each, or in every shard for an article whose last
	// write may not have reached the index (still pending).
	var all map[string]bool
	if everywhere {
		all = everyOne(articleIDs)
	} else if err := ix.db.View(func(tx *bolt.Tx) error {
		all = pendingOf(tx, articleIDs)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("index: put: %w", err)
	}
	old, err := ix.quotesIn(ctx, articleIDs, all)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// 1. The store, with the pending marks, the shard of each article's
	// quotes, and their appearances.
	var flips []flip
	err = ix.db.Update(func(tx *bolt.Tx) error {
		arts, lists, stmts := tx.Bucket(bucketArticles), tx.Bucket(bucketQuoteIDs), tx.Bucket(bucketStatements)
		pending, shards := tx.Bucket(bucketPending), tx.Bucket(bucketArticleShards)
		for i := range preps {
			p := &preps[i]
			if p.shard == "" { // undated: its shard again, else the one being filled
				if was := string(shards.Get([]byte(p.id))); isUndated(was) {
					p.shard = was
				} else {
					p.shard = ix.sh.undatedFor(len(p.ids))
				}
			}
			if err := shards.Put([]byte(p.id), []byte(p.shard)); err != nil {
				return err
			}
			if err := movePeriod(tx, p.id, arts.Get([]byte(p.id)), p.published); err != nil {
				return err
			}
			if err := arts.Put([]byte(p.id), p.article); err != nil {
				return err
			}
			if err := lists.Put([]byte(p.id), encodeIDs(p.ids)); err != nil {
				return err
			}
			if err := stmts.Put([]byte(p.id), p.statements); err != nil {
				return err
			}
			if err := pending.Put([]byte(p.id), nil); err != nil {
				return err
			}
			if err := markStale(tx, p.stale, p.applied); err != nil {
				return err
			}
		}
		flips, err = ix.group(tx, liveAppearances, nil, preps)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("index: put %d articles: store articles: %w", len(preps), err)
	}

	// 2. The quote index, a batch a shard. The speakers of the quotes
	// replaced first, to keep the speaker registry counting what the
	// index holds (see speakers.go).
	ix.smu.Lock()
	counting := ix.registry != nil
	ix.smu.Unlock()
	var oldForms speakerRegistry
	if counting {
		var touched []string
		for _, sh := range old {
			if !slices.Contains(touched, sh) {
				touched = append(touched, sh)
			}
		}
		if al := ix.sh.over(touched); al != nil {
			if oldForms, err = speakerForms(ctx, al, articlesQuery(articleIDs)); err != nil {
				slog.Warn("index: put: cannot count the speakers replaced; reloading them at the next read", "err", err)
			}
		}
	}
	bs := ix.sh.batches()
	keep := make(map[string]string) // quote id → its new shard
	for _, p := range preps {
		b, err := bs.of(p.shard)
		if err != nil {
			return nil, notIndexed(len(preps), err)
		}
		for i, id := range p.ids {
			keep[id] = p.shard
			if err := indexQuote(b, id, p.docs[i]); err != nil {
				return nil, notIndexed(len(preps), fmt.Errorf("quote %s of article %q: %w", id, p.id, err))
			}
		}
	}
	if err := flipIn(ctx, bs, flips); err != nil {
		return nil, notIndexed(len(preps), err)
	}
	for id, sh := range old {
		if keep[id] != sh { // gone, or moved to another shard
			b, err := bs.of(sh)
			if err != nil {
				return nil, notIndexed(len(preps), err)
			}
			b.Delete(id)
		}
	}
	if err := ix.sh.write(bs, ix.failBatch); err != nil {
		ix.updateSpeakers(nil, nil)
		return nil, notIndexed(len(preps), err)
	}
	if counting {
		docs := make([][]map[string]any, len(preps))
		for i, p := range preps {
			docs[i] = p.docs
		}
		ix.updateSpeakers(oldForms, docs)
	}

	// 3. The marks. Left behind, they only cost a needless repair.
	if err := ix.clearPending(articleIDs); err != nil {
		slog.Warn("index: put: articles stored and indexed, but their pending marks stay", "err", err)
	}
	return deleted, nil
}

// notIndexed is the error of a put whose articles were stored but whose
// quotes could not be indexed.
func notIndexed(n int, err error) error {
	return fmt.Errorf("index: put %d articles: stored, but their quotes are not indexed (%w); "+
		"they are indexed again when quotes serve or quotes ingest next starts, or by quotes check-index --repair", n, err)
}

// checkEntries checks and normalizes the entries' articles, the last
// entry of an article replacing earlier ones.
func checkEntries(entries []Entry) ([]Entry, error) {
	out := make([]Entry, 0, len(entries))
	at := make(map[string]int, len(entries))
	for n, e := range entries {
		a := e.Article
		a.NormalizeID()
		if err := a.Validate(); err != nil {
			msg := quotes.ErrorMessage(err)
			if len(entries) > 1 {
				msg = fmt.Sprintf("entry %d of %d: %s", n+1, len(entries), msg)
			}
			if !strings.Contains(msg, a.ID) {
				msg = fmt.Sprintf("article %.80q: %s", a.ID, msg)
			}
			return nil, quotes.Errorf(quotes.ErrorCode(err), "%s", msg)
		}
		e.Article = a
		if i, ok := at[a.ID]; ok {
			out[i] = e
			continue
		}
		at[a.ID] = len(out)
		out = append(out, e)
	}
	return out, nil
}

// prepareOne encodes article a with its quotes qs, the corrections cs
// applied to them, for both stores.
func prepareOne(a quotes.Article, qs []quotes.Quote, cs []quotes.Correction) (prepared, error) {
	blob, err := json.Marshal(&a)
	if err != nil {
		return prepared{}, fmt.Errorf("encode article: %w", err)
	}
	p := prepared{id: a.ID, article: blob}
	qs = slices.Clone(qs)
	quotes.AssignQuoteIDs(a.ID, qs)
	qs, p.applied, p.stale = applyCorrections(a, qs, cs)
	at := make(map[string]int, len(qs))
	stamped := make([]quotes.Quote, 0, len(qs))
	for _, q := range qs {
		q.ArticleID = a.ID
		q.URL, q.Title, q.Outlet, q.Published = a.URL, a.Title, a.Outlet, a.Published
		stamped = append(stamped, q)
		d, err := toDoc(&q)
		if err != nil {
			return prepared{}, err
		}
		if i, ok := at[q.ID]; ok { // the same quote twice: keep the last
			p.docs[i] = d
			continue
		}
		at[q.ID] = len(p.ids)
		p.ids = append(p.ids, q.ID)
		p.docs = append(p.docs, d)
	}
	p.published = a.Published
	p.shard = monthShard(a.Published)
	if p.statements, err = json.Marshal(claims.Statements(a, stamped)); err != nil {
		return prepared{}, fmt.Errorf("encode statements: %w", err)
	}
	return p, nil
}

// articlesQuery matches the quotes of the given articles.
func articlesQuery(articleIDs []string) query.Query {
	terms := make([]query.Query, len(articleIDs))
	for i, id := range articleIDs {
		tq := bleve.NewTermQuery(id)
		tq.SetField(fArticleID)
		terms[i] = tq
	}
	return bleve.NewDisjunctionQuery(terms...)
}

// quotesOf returns the ids of the quotes bl holds for the given
// articles, each with the name of its shard.
func quotesOf(ctx context.Context, bl bleve.Index, articleIDs []string) (map[string]string, error) {
	q := articlesQuery(articleIDs)
	size := 1024
	for {
		req := bleve.NewSearchRequestOptions(q, size, 0, false)
		req.Score = "none"
		res, err := bl.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("index: look up quotes of %d articles: %w", len(articleIDs), err)
		}
		if res.Total <= uint64(len(res.Hits)) {
			ids := make(map[string]string, len(res.Hits))
			for _, h := range res.Hits {
				ids[h.ID] = h.Index
			}
			return ids, nil
		}
		size = int(res.Total)
	}
}
