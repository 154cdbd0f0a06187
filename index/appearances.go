package index

// One quote, many appearances.
//
// The same statement carried by several outlets or wire copies is one
// quote with its appearances. Two quotes are the same when their
// normalized texts (lower case; letters and digits kept; every other run
// of characters, quotation marks, punctuation and white space, one space)
// and their speakers' keys (SpeakerKey) are equal; the kind does not
// count. A quote of at least minContainedWords words whose normalized
// text lies inside the longer text of the same speaker's quote in another
// article is an appearance of that one too. Within one article it is not:
// the partial quote inside the reported speech that holds it is a quote
// of its own (see package extract), and the same words twice in one
// article count as one appearance. Beliefs are not grouped.
//
// A group is the set of appearances of one quote, in order of
// publication (dated before undated, then by article id and quote id):
// the first is where it first appeared. Its representative, the first
// appearance of its longest wording (which holds the others' words), is
// indexed as the quote, with the outlets, kinds and best confidence of
// all its appearances (union); the others carry the copy flag (fCopy),
// and searches leave them out, as they leave out beliefs, unless asked
// for every appearance (SearchRequest.Appearances). So facets and totals
// count quotes, not copies, and a filter on any appearance finds the
// quote.
//
// The groups live in the store, written in the transaction that stores
// the articles (putLocked, step 1; the records are in grouper.go):
//
//   - appearances: group key → the group: speaker key, wordings (exact
//     key and normalized text), the first maxGroupEntries appearances;
//   - appearance_overflow: group key + quote id → a later appearance;
//   - appearance_alias: exact or former group key → group key, for the
//     wordings that joined a longer one and the groups merged into one;
//   - appearance_articles: article id → its grouped quotes' ids with
//     their group keys, to take them out when the article changes (one
//     record an article, not one a quote: fewer pages to write);
//   - appearance_grams: speaker key, word trigram → group keys, the
//     trigrams at every third word of each group's longest wording, by
//     which a contained quote finds its container without comparing
//     pairs.
//
// A write that changes a group's representative or union re-indexes the
// one or two documents outside the write that it changes (flips). When a
// group's longest wording goes, its other wordings are regrouped, each
// under the longest that holds it (split). Reindex builds the tables
// afresh beside the live ones and puts them in place with the new quote
// index.

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"

	"github.com/quotesproject/quotes"
)

// Limits of the grouping of appearances.
const (
	// minContainedWords is the fewest words a quote needs to be grouped
	// with a longer quote containing it: "fake news" is inside many
	// quotes of one speaker without being an appearance of any.
	minContainedWords = 6
	// gramWords is the length of the word n-grams that find containers.
	gramWords = 3
	// maxGroupEntries caps the appearances a group lists; later ones
	// are only counted (group.Overflow), so that a line every article of
	// an outlet repeats costs no more than this to rewrite.
	maxGroupEntries = 1000
	// maxGramPostings caps the groups listed under one speaker's trigram;
	// a trigram that common ("we are going") finds nothing by itself.
	maxGramPostings = 512
)

// fCopy is the keyword field flagging a quote document as a later
// appearance of another (value copyFlag).
const (
	fCopy    = "copy"
	copyFlag = "1"
)

// apTables names the buckets of one set of appearance tables: the live
// set, or the one a reindex builds.
type apTables struct {
	groups, alias, articles, grams, overflow []byte
}

var (
	liveAppearances = apTables{
		groups: []byte("appearances"), alias: []byte("appearance_alias"),
		articles: []byte("appearance_articles"), grams: []byte("appearance_grams"),
		overflow: []byte("appearance_overflow"),
	}
	newAppearances = apTables{
		groups: []byte("appearances.new"), alias: []byte("appearance_alias.new"),
		articles: []byte("appearance_articles.new"), grams: []byte("appearance_grams.new"),
		overflow: []byte("appearance_overflow.new"),
	}
)

func (t apTables) all() [][]byte { return [][]byte{t.groups, t.alias, t.articles, t.grams, t.overflow} }

// create makes t's buckets, empty when fresh is set.
func (t apTables) create(tx *bolt.Tx, fresh bool) error {
	for _, name := range t.all() {
		if fresh && tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}

// groupKey identifies a group: the hash of a speaker key and a
// normalized text.
type groupKey [8]byte

func exactKey(speakerKey, norm string) groupKey {
	h := fnv.New64a()
	h.Write([]byte(speakerKey))
	h.Write([]byte{0})
	h.Write([]byte(norm))
	var k groupKey
	binary.BigEndian.PutUint64(k[:], h.Sum64())
	return k
}

// normalizeQuote returns text as appearances compare it: lower case,
// letters and digits, every other run of characters one space. An
// apostrophe inside a word is dropped, so "don’t" and "don't" are "dont".
func normalizeQuote(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	var prev rune // the rune before r, 0 at the start
	for i, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '’') && unicode.IsLetter(prev) && startsWithLetter(text[i+utf8.RuneLen(r):]):
			// inside a word: dropped
		default:
			space = true
		}
		prev = r
	}
	return b.String()
}

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// groupOf returns the group of q in the live tables, or nil when q is
// in none (a belief, a quote within its own article's longer one, or an
// index built before the tables).
func groupOf(tx *bolt.Tx, q *quotes.Quote) (*group, error) {
	return groupAt(tx, q.ArticleID, q.ID)
}

// groupAt returns the live group of the quote id of the article, or nil:
// the article's record names it.
func groupAt(tx *bolt.Tx, article, id string) (*group, error) {
	t := liveAppearances
	ab, gb, alias := tx.Bucket(t.articles), tx.Bucket(t.groups), tx.Bucket(t.alias)
	if ab == nil || gb == nil || alias == nil {
		return nil, nil
	}
	qs, err := decodeArticleQuotes(ab.Get([]byte(article)))
	if err != nil {
		return nil, fmt.Errorf("appearances: article %q: %w", article, err)
	}
	i := slices.IndexFunc(qs, func(q articleQuote) bool { return q.id == id })
	if i < 0 {
		return nil, nil
	}
	k := qs[i].key
	for range maxAliasHops {
		v := alias.Get(k[:])
		if len(v) != len(groupKey{}) {
			break
		}
		k = groupKey(v)
	}
	raw := gb.Get(k[:])
	if raw == nil {
		return nil, nil
	}
	gr, err := decodeGroup(raw)
	if err != nil {
		return nil, fmt.Errorf("appearances: group %x: %w", k, err)
	}
	return gr, nil
}

// group updates the appearance tables t for a write: the quotes of the
// articles gone and of those of preps, as last recorded, leave their
// groups; the quotes of preps join theirs, an article's longest first.
// It sets the copy flag and the union (see union) on the documents of
// preps, and returns the flips of quotes outside the write.
func (ix *Index) group(tx *bolt.Tx, t apTables, gone []string, preps []prepared) ([]flip, error) {
	if ix.noAppearances {
		return nil, nil
	}
	g := newGrouper(tx, t)
	for _, a := range gone {
		if err := g.removeArticle(a); err != nil {
			return nil, fmt.Errorf("appearances: %w", err)
		}
	}
	for _, p := range preps {
		if err := g.removeArticle(p.id); err != nil {
			return nil, fmt.Errorf("appearances: %w", err)
		}
	}
	for _, p := range preps {
		srcs := make([]apSource, len(p.ids))
		for i, id := range p.ids {
			srcs[i] = sourceOf(id, p.shard, p.docs[i])
		}
		// The longest first: within one article a shorter quote inside
		// a longer one (a partial quote in its reported speech) then
		// finds the longer one's group taken by this article, and stays
		// a quote of its own.
		slices.SortStableFunc(srcs, func(a, b apSource) int { return len(b.norm) - len(a.norm) })
		for _, src := range srcs {
			if err := g.add(src); err != nil {
				return nil, fmt.Errorf("appearances of quote %s: %w", src.entry.Quote, err)
			}
		}
		g.written(p.id, p.ids)
	}
	flips, err := g.flush()
	if err != nil {
		return nil, fmt.Errorf("appearances: %w", err)
	}
	for _, p := range preps {
		for i, id := range p.ids {
			gr := g.groupOf(id)
			copy := gr != nil && gr.rep().Quote != id
			setCopy(p.docs[i], copy)
			if gr != nil && !copy {
				gr.union().apply(p.docs[i])
			}
		}
	}
	return flips, nil
}

func setCopy(d map[string]any, copy bool) {
	if copy {
		d[fCopy] = copyFlag
	} else {
		delete(d, fCopy)
	}
}

// flipIn adds to bs the documents of the flips, read back from their
// shards with the flag changed.
func flipIn(ctx context.Context, bs *shardBatches, flips []flip) error {
	for _, f := range flips {
		bl := bs.s.lookup(f.shard)
		if bl == nil {
			continue // its shard is gone: nothing to flag
		}
		req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{f.id}), 1, 0, false)
		req.Fields = storedFields
		req.Score = "none"
		res, err := bl.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("appearances: read quote %s: %w", f.id, err)
		}
		if len(res.Hits) == 0 {
			continue
		}
		q, err := fromFields(f.id, res.Hits[0].Fields)
		if err != nil {
			return err
		}
		d, err := toDoc(&q)
		if err != nil {
			return err
		}
		setCopy(d, f.copy)
		if !f.copy {
			f.union.apply(d)
		}
		b, err := bs.of(f.shard)
		if err != nil {
			return err
		}
		if err := indexQuote(b, f.id, d); err != nil {
			return fmt.Errorf("appearances: quote %s: %w", f.id, err)
		}
	}
	return nil
}

// annotate sets Appearances and First on the n quotes at(0)…at(n-1) from
// the tables.
func (ix *Index) annotate(n int, at func(int) *quotes.Quote) error {
	if n == 0 {
		return nil
	}
	err := ix.db.View(func(tx *bolt.Tx) error {
		for i := range n {
			q := at(i)
			gr, err := groupOf(tx, q)
			if err != nil {
				return err
			}
			if gr == nil {
				continue
			}
			if n := gr.count(); n > 1 {
				q.Appearances = n
				first := gr.Entries[0].public()
				first.First = true
				q.First = &first
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("index: appearances: %w", err)
	}
	return nil
}

// Appearances returns every appearance of the quote id, the first first,
// each with its article's URL and title; a quote that appeared once has
// one. The id may be that of any appearance. A quote not in the tables
// (indexed before they were kept: quotes reindex) has none.
func (ix *Index) Appearances(ctx context.Context, id string) ([]quotes.Appearance, error) {
	q, err := ix.Quote(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []quotes.Appearance
	err = ix.db.View(func(tx *bolt.Tx) error {
		gr, err := groupOf(tx, q)
		if err != nil || gr == nil {
			return err
		}
		arts := tx.Bucket(bucketArticles)
		for i, e := range gr.Entries {
			a := e.public()
			a.First = i == 0
			if raw := arts.Get([]byte(e.Article)); raw != nil {
				var art struct {
					URL   string `json:"url"`
					Title string `json:"title"`
				}
				if json.Unmarshal(raw, &art) == nil {
					a.URL, a.Title = art.URL, art.Title
				}
			}
			out = append(out, a)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: appearances of %q: %w", id, err)
	}
	return out, nil
}

// replaceAppearances puts the tables a reindex built in place of the
// live ones.
func replaceAppearances(tx *bolt.Tx) error {
	if err := liveAppearances.create(tx, true); err != nil {
		return err
	}
	for i, from := range newAppearances.all() {
		src, dst := tx.Bucket(from), tx.Bucket(liveAppearances.all()[i])
		if src == nil {
			continue
		}
		if err := src.ForEach(func(k, v []byte) error { return dst.Put(k, v) }); err != nil {
			return err
		}
	}
	return dropNewAppearances(tx)
}

// flagAmong sets, on the documents docs of the quotes ids, the copy flag
// and the representatives' unions the live tables give them.
func (ix *Index) flagAmong(ids []string, docs []map[string]any) error {
	return ix.db.View(func(tx *bolt.Tx) error {
		for i, id := range ids {
			article, _ := docs[i][fArticleID].(string)
			gr, err := groupAt(tx, article, id)
			if err != nil {
				return err
			}
			if gr == nil {
				continue
			}
			copy := gr.rep().Quote != id
			setCopy(docs[i], copy)
			if !copy {
				gr.union().apply(docs[i])
			}
		}
		return nil
	})
}

// dropNewAppearances removes the tables of a reindex that failed.
func dropNewAppearances(tx *bolt.Tx) error {
	for _, name := range newAppearances.all() {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
	}
	return nil
}
