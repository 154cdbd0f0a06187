package index

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/quotesproject/quotes"
)

// Editors' corrections live in articles.db, beside the articles they
// correct, so that they outlive the quote index:
//
//   - bucket "corrections" maps a sequence number (8 bytes, big endian)
//     to the correction as JSON: the audit log, in the order made;
//   - bucket "article_corrections" holds a key article id+"\x00"+sequence
//     number for each, so that a put finds an article's corrections;
//   - bucket "deleted" maps the id of an article an editor deleted to the
//     article as JSON, so that it can be restored;
//   - bucket "pending" holds the ids of articles stored whose quotes may
//     not be indexed yet (see putLocked).
//
// A correction names a quote by its id, which depends on the quote's words
// (quotes.QuoteID): it applies at every put of the article, re-ingest and
// reindex included, for as long as the extractor finds that quote. When it
// no longer does (the article's text changed), the correction is marked
// stale in the log and applies to nothing.
var (
	bucketCorrections        = []byte("corrections")
	bucketArticleCorrections = []byte("article_corrections")
	bucketDeleted            = []byte("deleted")
	bucketPending            = []byte("pending")
)

// MaxCorrectionsListed bounds the corrections Corrections returns at once.
const MaxCorrectionsListed = 10000

var _ quotes.CorrectionService = (*Index)(nil)

// SetExtractor gives the index the extractor it needs to apply a
// correction, restore an article and index pending articles: each
// extracts an article's quotes anew. Without one, those fail.
func (ix *Index) SetExtractor(extract func(quotes.Article) []quotes.Quote) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.extract = extract
}

func seqKey(seq int64) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(seq))
}

// correctionsOf returns the corrections of the given articles, oldest
// first, and which of them an editor deleted.
func (ix *Index) correctionsOf(ids []string) (map[string][]quotes.Correction, map[string]bool, error) {
	corr := map[string][]quotes.Correction{}
	gone := map[string]bool{}
	err := ix.db.View(func(tx *bolt.Tx) error {
		log, idx, del := tx.Bucket(bucketCorrections), tx.Bucket(bucketArticleCorrections).Cursor(), tx.Bucket(bucketDeleted)
		for _, id := range ids {
			if del.Get([]byte(id)) != nil {
				gone[id] = true
			}
			prefix := []byte(id + "\x00")
			for k, _ := idx.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = idx.Next() {
				var c quotes.Correction
				if err := json.Unmarshal(log.Get(k[len(prefix):]), &c); err != nil {
					return fmt.Errorf("correction %x of article %q: %w", k[len(prefix):], id, err)
				}
				corr[id] = append(corr[id], c)
			}
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("index: read corrections: %w", err)
	}
	return corr, gone, nil
}

// applyCorrections applies the corrections cs, oldest first, to the quotes
// qs of article a, and returns the quotes left (hidden ones left out),
// with the sequence numbers of the corrections that applied and of those
// whose quote is gone.
func applyCorrections(a quotes.Article, qs []quotes.Quote, cs []quotes.Correction) (out []quotes.Quote, applied, stale []int64) {
	if len(cs) == 0 {
		return qs, nil, nil
	}
	hidden := map[string]bool{}
	for _, c := range cs {
		switch c.Action {
		case quotes.DeleteArticle, quotes.RestoreArticle:
			continue
		}
		found := false
		for i := range qs {
			q := &qs[i]
			if q.ID != c.QuoteID {
				continue
			}
			found = true
			var fields []string
			switch c.Action {
			case quotes.HideQuote:
				hidden[q.ID] = true
			case quotes.ShowQuote:
				delete(hidden, q.ID)
			case quotes.CorrectQuote:
				if c.Speaker != "" {
					q.Speaker, q.Speakers, q.Role, q.Confidence = c.Speaker, nil, c.Role, 1
					q.SpeakerMention, q.SpeakerStart, q.SpeakerEnd = "", 0, 0
					fields = append(fields, "speaker")
				}
				if c.Kind != "" {
					q.Kind = c.Kind
					fields = append(fields, "kind")
				}
				if c.Start != nil && spanError(a.Text, *c.Start, *c.End) == nil {
					q.Start, q.End, q.Text = *c.Start, *c.End, a.Text[*c.Start:*c.End]
					fields = append(fields, "span")
				}
			}
			if len(fields) > 0 {
				if q.Corrected != nil {
					for _, f := range q.Corrected.Fields {
						if !slices.Contains(fields, f) {
							fields = append(fields, f)
						}
					}
				}
				slices.Sort(fields)
				q.Corrected = &quotes.Corrected{Fields: fields, By: c.By, At: c.At, Reason: c.Reason}
			}
		}
		if found {
			applied = append(applied, c.Seq)
		} else {
			stale = append(stale, c.Seq)
		}
	}
	out = qs[:0]
	for _, q := range qs {
		if !hidden[q.ID] {
			out = append(out, q)
		}
	}
	return out, applied, stale
}

// spanError reports, as an EINVALID error, why start:end is not a span
// of text an editor may make a quote of.
func spanError(text string, start, end int) error {
	switch {
	case start < 0 || end > len(text) || end <= start:
		return quotes.Errorf(quotes.EINVALID, "span: %d:%d is outside the article's text (0:%d)", start, end, len(text))
	case !utf8.RuneStart(text[start]) || end < len(text) && !utf8.RuneStart(text[end]):
		return quotes.Errorf(quotes.EINVALID, "span: %d:%d cuts a character in two", start, end)
	case end-start > quotes.MaxQuoteBytes:
		return quotes.Errorf(quotes.EINVALID, "span: %d bytes, over the %d a quote may hold", end-start, quotes.MaxQuoteBytes)
	}
	return nil
}

// markStale records in the audit log which corrections apply to a quote
// and which no longer do.
func markStale(tx *bolt.Tx, stale, applied []int64) error {
	log := tx.Bucket(bucketCorrections)
	set := func(seqs []int64, v bool) error {
		for _, seq := range seqs {
			raw := log.Get(seqKey(seq))
			if raw == nil {
				continue
			}
			var c quotes.Correction
			if err := json.Unmarshal(raw, &c); err != nil {
				return fmt.Errorf("correction %d: %w", seq, err)
			}
			if c.Stale == v {
				continue
			}
			c.Stale = v
			blob, err := json.Marshal(&c)
			if err != nil {
				return err
			}
			if err := log.Put(seqKey(seq), blob); err != nil {
				return err
			}
		}
		return nil
	}
	if err := set(stale, true); err != nil {
		return err
	}
	return set(applied, false)
}

// Correct makes an editor's correction (see quotes.CorrectionService): it
// logs it, then puts the article again with its quotes extracted anew and
// every correction applied, and updates the claims.
func (ix *Index) Correct(ctx context.Context, req quotes.CorrectionRequest) (*quotes.Correction, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	ix.wmu.Lock()
	c, err := ix.correctLocked(ctx, req)
	ix.wmu.Unlock()
	if err != nil {
		return nil, err
	}
	if err := ix.UpdateClaims(ctx); err != nil {
		return c, fmt.Errorf("index: correction %d made, but the claims are not updated yet: %w", c.Seq, err)
	}
	return c, nil
}

func (ix *Index) correctLocked(ctx context.Context, req quotes.CorrectionRequest) (*quotes.Correction, error) {
	if ix.bl == nil {
		return nil, errClosed
	}
	if ix.extract == nil {
		return nil, quotes.Errorf(quotes.EINTERNAL, "index: corrections need an extractor (SetExtractor)")
	}
	switch req.Action {
	case quotes.DeleteArticle:
		return ix.deleteArticle(ctx, req)
	case quotes.RestoreArticle:
		return ix.restoreArticle(ctx, req)
	}
	articleID, err := ix.articleOfQuote(ctx, req.QuoteID)
	if err != nil {
		return nil, err
	}
	req.ArticleID = articleID
	a, err := ix.Article(ctx, articleID)
	if err != nil {
		return nil, err
	}
	if req.Start != nil {
		if err := spanError(a.Text, *req.Start, *req.End); err != nil {
			return nil, err
		}
	}
	c, err := ix.logCorrection(req, nil)
	if err != nil {
		return nil, err
	}
	if _, err := ix.putLocked(ctx, []Entry{{Article: *a, Quotes: ix.extract(*a)}}, false); err != nil {
		return nil, fmt.Errorf("index: correction %d logged, but the article not put again: %w", c.Seq, err)
	}
	return c, nil
}

// articleOfQuote returns the id of the article of the quote with the
// given id: from the quote index, or, for a hidden quote, from the
// corrections that hid it.
func (ix *Index) articleOfQuote(ctx context.Context, quoteID string) (string, error) {
	q, err := ix.Quote(ctx, quoteID)
	if err == nil {
		return q.ArticleID, nil
	}
	if quotes.ErrorCode(err) != quotes.ENOTFOUND {
		return "", err
	}
	var articleID string
	err = ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCorrections).ForEach(func(_, v []byte) error {
			var c quotes.Correction
			if json.Unmarshal(v, &c) == nil && c.QuoteID == quoteID && c.ArticleID != "" {
				articleID = c.ArticleID
			}
			return nil
		})
	})
	if err != nil {
		return "", fmt.Errorf("index: find quote %s in the corrections: %w", quoteID, err)
	}
	if articleID == "" {
		return "", quotes.Errorf(quotes.ENOTFOUND, "no quote %q", quoteID)
	}
	return articleID, nil
}

// logCorrection appends req to the audit log, and runs also, when not
// nil, in the same transaction.
func (ix *Index) logCorrection(req quotes.CorrectionRequest, also func(tx *bolt.Tx) error) (*quotes.Correction, error) {
	c := quotes.Correction{CorrectionRequest: req, At: time.Now().UTC().Truncate(time.Second)}
	err := ix.db.Update(func(tx *bolt.Tx) error {
		log := tx.Bucket(bucketCorrections)
		seq, err := log.NextSequence()
		if err != nil {
			return err
		}
		c.Seq = int64(seq)
		blob, err := json.Marshal(&c)
		if err != nil {
			return err
		}
		if err := log.Put(seqKey(c.Seq), blob); err != nil {
			return err
		}
		if err := tx.Bucket(bucketArticleCorrections).Put(append([]byte(c.ArticleID+"\x00"), seqKey(c.Seq)...), nil); err != nil {
			return err
		}
		if also != nil {
			return also(tx)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: log correction: %w", err)
	}
	return &c, nil
}

// deleteArticle moves an article out of the store into the deleted
// bucket, with the correction that says so, and then drops its quotes
// from the quote index.
func (ix *Index) deleteArticle(ctx context.Context, req quotes.CorrectionRequest) (*quotes.Correction, error) {
	id := []byte(req.ArticleID)
	c, err := ix.logCorrection(req, func(tx *bolt.Tx) error {
		arts := tx.Bucket(bucketArticles)
		v := arts.Get(id)
		if v == nil {
			if tx.Bucket(bucketDeleted).Get(id) != nil {
				return quotes.Errorf(quotes.ECONFLICT, "article %q is already deleted", req.ArticleID)
			}
			return quotes.Errorf(quotes.ENOTFOUND, "no article %q", req.ArticleID)
		}
		if err := tx.Bucket(bucketDeleted).Put(id, v); err != nil {
			return err
		}
		op, err := articlePeriod(tx, id, v)
		if err != nil {
			return fmt.Errorf("article %q: %w", req.ArticleID, err)
		}
		for _, del := range []struct {
			b []byte
			k []byte
		}{{bucketArticles, id}, {bucketQuoteIDs, id}, {bucketStatements, id}, {bucketClaimPeriods, periodKey(op, req.ArticleID)}} {
			if err := tx.Bucket(del.b).Delete(del.k); err != nil {
				return err
			}
		}
		if err := tx.Bucket(bucketClaimsMeta).Put([]byte(staleMark+op), []byte{1}); err != nil {
			return err
		}
		return tx.Bucket(bucketPending).Put(id, nil)
	})
	if err != nil {
		return nil, err
	}
	if err := ix.dropQuotes(ctx, []string{req.ArticleID}); err != nil {
		return c, notIndexed(1, err)
	}
	if err := ix.clearPending([]string{req.ArticleID}); err != nil {
		return c, fmt.Errorf("index: delete %q: %w", req.ArticleID, err)
	}
	return c, nil
}

// dropQuotes deletes every quote of the given articles from the quote
// index.
func (ix *Index) dropQuotes(ctx context.Context, articleIDs []string) error {
	ids, err := ix.quotesIn(ctx, articleIDs, everyOne(articleIDs))
	if err != nil {
		return err
	}
	// Their appearances go, even when the index lost the quotes; where
	// one was shown, the next one is.
	var flips []flip
	if err := ix.db.Update(func(tx *bolt.Tx) error {
		flips, err = ix.group(tx, liveAppearances, articleIDs, nil)
		return err
	}); err != nil {
		return fmt.Errorf("index: drop the quotes of %d articles: %w", len(articleIDs), err)
	}
	if len(ids) == 0 && len(flips) == 0 {
		return nil
	}
	bs := ix.sh.batches()
	if err := flipIn(ctx, bs, flips); err != nil {
		return fmt.Errorf("index: drop the quotes of %d articles: %w", len(articleIDs), err)
	}
	for id, sh := range ids {
		b, err := bs.of(sh)
		if err != nil {
			return fmt.Errorf("index: drop the quotes of %d articles: %w", len(articleIDs), err)
		}
		b.Delete(id)
	}
	if err := ix.sh.write(bs, ix.failBatch); err != nil {
		return fmt.Errorf("index: drop the quotes of %d articles: %w", len(articleIDs), err)
	}
	ix.updateSpeakers(nil, nil)
	return nil
}

// restoreArticle brings a deleted article back and puts it again.
func (ix *Index) restoreArticle(ctx context.Context, req quotes.CorrectionRequest) (*quotes.Correction, error) {
	id := []byte(req.ArticleID)
	var a quotes.Article
	c, err := ix.logCorrection(req, func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketDeleted).Get(id)
		if v == nil {
			if tx.Bucket(bucketArticles).Get(id) != nil {
				return quotes.Errorf(quotes.ECONFLICT, "article %q is not deleted", req.ArticleID)
			}
			return quotes.Errorf(quotes.ENOTFOUND, "no deleted article %q", req.ArticleID)
		}
		if err := json.Unmarshal(v, &a); err != nil {
			return fmt.Errorf("deleted article %q: %w", req.ArticleID, err)
		}
		return tx.Bucket(bucketDeleted).Delete(id)
	})
	if err != nil {
		return nil, err
	}
	if _, err := ix.putLocked(ctx, []Entry{{Article: a, Quotes: ix.extract(a)}}, false); err != nil {
		return c, fmt.Errorf("index: article %q restored in the log, but not put again: %w", req.ArticleID, err)
	}
	return c, nil
}

// clearPending removes the pending marks of the given articles.
func (ix *Index) clearPending(ids []string) error {
	return ix.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPending)
		for _, id := range ids {
			if err := b.Delete([]byte(id)); err != nil {
				return err
			}
		}
		return nil
	})
}

// Corrections returns up to limit corrections, newest first: of the
// article with the given id, or of all when it is empty.
func (ix *Index) Corrections(ctx context.Context, articleID string, limit int) ([]quotes.Correction, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limit <= 0 || limit > MaxCorrectionsListed {
		limit = MaxCorrectionsListed
	}
	var out []quotes.Correction
	err := ix.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketCorrections).Cursor()
		for k, v := c.Last(); k != nil && len(out) < limit; k, v = c.Prev() {
			var cor quotes.Correction
			if err := json.Unmarshal(v, &cor); err != nil {
				return fmt.Errorf("correction %x: %w", k, err)
			}
			if articleID == "" || cor.ArticleID == articleID {
				out = append(out, cor)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: list corrections: %w", err)
	}
	return out, nil
}

// Pending returns the ids of the articles stored whose quotes may not be
// in the quote index: a put or a delete failed or crashed between the
// two stores.
func (ix *Index) Pending(ctx context.Context) ([]string, error) {
	var ids []string
	err := ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPending).ForEach(func(k, _ []byte) error {
			ids = append(ids, string(k))
			return ctx.Err()
		})
	})
	if err != nil {
		return nil, fmt.Errorf("index: read pending articles: %w", err)
	}
	return ids, nil
}

// IndexPending puts every pending article again, its quotes extracted
// anew, and drops the quotes of pending articles no longer stored. It
// returns how many articles it repaired.
func (ix *Index) IndexPending(ctx context.Context) (int, error) {
	ids, err := ix.Pending(ctx)
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	return ix.repair(ctx, ids)
}

// repair puts the given articles again from the store, and drops from the
// quote index the quotes of those no longer stored.
func (ix *Index) repair(ctx context.Context, ids []string) (int, error) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if ix.bl == nil {
		return 0, errClosed
	}
	if ix.extract == nil {
		return 0, quotes.Errorf(quotes.EINTERNAL, "index: repair needs an extractor (SetExtractor)")
	}
	var entries []Entry
	var gone []string
	for _, id := range ids {
		a, err := ix.Article(ctx, id)
		switch {
		case quotes.ErrorCode(err) == quotes.ENOTFOUND:
			gone = append(gone, id)
			continue
		case ctx.Err() != nil:
			return 0, ctx.Err()
		case err != nil: // a damaged record: Verify names it
			slog.Warn("index: repair: skipped an article that cannot be read", "article", id, "err", err)
			continue
		}
		qs, err := safeExtract(ix.extract, *a)
		if err != nil {
			return 0, fmt.Errorf("index: repair: %w", err)
		}
		entries = append(entries, Entry{Article: *a, Quotes: qs})
	}
	if len(gone) > 0 {
		if err := ix.dropQuotes(ctx, gone); err != nil {
			return 0, err
		}
		if err := ix.clearPending(gone); err != nil {
			return 0, err
		}
	}
	if len(entries) > 0 {
		if _, err := ix.putLocked(ctx, entries, true); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
