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
// article count as one appearance.
//
// A group is the set of appearances of one quote, in order of
// publication (dated before undated, then by article id and quote id):
// the first is where it first appeared. Its representative, the earliest
// of the appearances with the longest text, is indexed as the quote, so
// that a search for any of its words finds it; the others carry the copy
// flag (fCopy), and searches leave them out, as they leave out beliefs,
// unless asked for every appearance (SearchRequest.Appearances). So
// facets and totals count quotes, not copies.
//
// The groups live in the store, written in the transaction that stores
// the articles (putLocked, step 1):
//
//   - appearances: group key → the group (text, speaker key, appearances
//     in order, the exact keys merged into it);
//   - appearance_alias: exact key → group key, for the keys of quotes
//     that joined a longer one;
//   - appearance_articles: article id → its quotes' ids with their exact
//     keys, to take them out of their groups when the article changes
//     (one record an article, not one a quote: fewer pages to write);
//   - appearance_grams: speaker key, word trigram → group keys, the
//     trigrams at every third word of each group's text, by which a
//     contained quote finds its container without comparing pairs.
//
// A write that changes which appearance comes first re-indexes the one
// or two documents outside the write whose flag changes (flips).
// Reindex builds the tables afresh beside the live ones and puts them in
// place with the new quote index.

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
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
	groups, alias, articles, grams []byte
}

var (
	liveAppearances = apTables{
		groups: []byte("appearances"), alias: []byte("appearance_alias"),
		articles: []byte("appearance_articles"), grams: []byte("appearance_grams"),
	}
	newAppearances = apTables{
		groups: []byte("appearances.new"), alias: []byte("appearance_alias.new"),
		articles: []byte("appearance_articles.new"), grams: []byte("appearance_grams.new"),
	}
)

func (t apTables) all() [][]byte { return [][]byte{t.groups, t.alias, t.articles, t.grams} }

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

// appearance is one appearance of a quote, as the tables keep it.
type appearance struct {
	Quote     string
	Article   string
	Outlet    string
	Published int64 // Unix nanoseconds; 0 undated
	Shard     string
	Len       int    // of the normalized text
	Kind      string // of the quote
	Conf      int    // its attribution's confidence, in thousandths
}

// before orders appearances: dated before undated, earliest first, then
// by article and quote id.
func (a appearance) before(b appearance) bool {
	if (a.Published == 0) != (b.Published == 0) {
		return a.Published != 0
	}
	if a.Published != b.Published {
		return a.Published < b.Published
	}
	if a.Article != b.Article {
		return a.Article < b.Article
	}
	return a.Quote < b.Quote
}

func (a appearance) public() quotes.Appearance {
	ap := quotes.Appearance{QuoteID: a.Quote, ArticleID: a.Article, Outlet: a.Outlet}
	if a.Published != 0 {
		ap.Published = time.Unix(0, a.Published).UTC()
	}
	return ap
}

// group is one quote with its appearances.
type group struct {
	Speaker string       // SpeakerKey of the speaker
	Text    string       // normalized, the longest seen
	Entries []appearance // in order of publication
	// Merged are the exact keys of quotes that joined this group, each
	// aliased to it.
	Merged []groupKey
	// Overflow counts the appearances after the first maxGroupEntries,
	// not listed.
	Overflow int
}

// count is the number of the group's appearances: of the articles it
// appeared in (the same words twice in one article are one appearance).
func (gr *group) count() int {
	articles := make(map[string]bool, len(gr.Entries))
	for _, a := range gr.Entries {
		articles[a.Article] = true
	}
	return len(articles) + gr.Overflow
}

// in says whether the group has an appearance in the article.
func (gr *group) in(article string) bool {
	return slices.ContainsFunc(gr.Entries, func(a appearance) bool { return a.Article == article })
}

// apSource is what a quote document gives the grouping.
type apSource struct {
	speakerKey, norm string
	entry            appearance
}

// sourceOf reads the grouping's fields from a quote document (toDoc).
func sourceOf(id, shard string, d map[string]any) apSource {
	s := apSource{entry: appearance{Quote: id, Shard: shard}}
	s.speakerKey, _ = d[fSpeakerKey].(string)
	text, _ := d[fQuote].(string)
	s.norm = normalizeQuote(text)
	s.entry.Len = len(s.norm)
	s.entry.Article, _ = d[fArticleID].(string)
	s.entry.Outlet, _ = d[fOutlet].(string)
	s.entry.Kind, _ = d[fKind].(string)
	if c, ok := d[fConfidence].(float64); ok {
		s.entry.Conf = int(math.Round(c * 1000))
	}
	if t, ok := d[fPublished].(time.Time); ok {
		s.entry.Published = t.UnixNano()
	}
	return s
}

// grouper changes the appearance tables t within the transaction tx.
// It keeps the groups it reads and writes them at flush.
type grouper struct {
	tx     *bolt.Tx
	t      apTables
	groups map[groupKey]*group // nil: deleted
	// firstBefore is the representative of each group touched, as it
	// was before (zero when the group is new).
	firstBefore map[groupKey]appearance
	// batch are the quotes added by this write, removed those taken out
	// and not added again.
	batch, removed map[string]bool
	// exact and keyOf are the exact key and the group key each quote
	// of the write got.
	exact, keyOf map[string]groupKey
	// sigBefore is the union of each touched group before the write
	// (union.signature).
	sigBefore map[groupKey]string
}

func newGrouper(tx *bolt.Tx, t apTables) *grouper {
	return &grouper{tx: tx, t: t, groups: map[groupKey]*group{},
		firstBefore: map[groupKey]appearance{}, batch: map[string]bool{}, removed: map[string]bool{},
		exact: map[string]groupKey{}, keyOf: map[string]groupKey{}, sigBefore: map[groupKey]string{}}
}

// load returns the group under k, or nil.
func (g *grouper) load(k groupKey) (*group, error) {
	if gr, ok := g.groups[k]; ok {
		return gr, nil
	}
	var gr *group
	if v := g.tx.Bucket(g.t.groups).Get(k[:]); v != nil {
		var err error
		if gr, err = decodeGroup(v); err != nil {
			return nil, fmt.Errorf("appearances: group %x: %w", k, err)
		}
	}
	g.groups[k] = gr
	return gr, nil
}

// touch records the group under k as changed by this write, with its
// first appearance before the change; call it before changing the group.
func (g *grouper) touch(k groupKey) {
	if _, ok := g.firstBefore[k]; ok {
		return
	}
	var rep appearance
	sig := ""
	if gr := g.groups[k]; gr != nil && len(gr.Entries) > 0 {
		rep = gr.rep()
		sig = gr.union().signature()
	}
	g.firstBefore[k] = rep
	g.sigBefore[k] = sig
}

// resolve returns the key of the group that quotes of exact key ek
// belong to.
func (g *grouper) resolve(ek groupKey) groupKey {
	if v := g.tx.Bucket(g.t.alias).Get(ek[:]); len(v) == len(groupKey{}) {
		return groupKey(v)
	}
	return ek
}

// removeArticle takes the quotes of the article, as the tables last
// recorded them, out of their groups.
func (g *grouper) removeArticle(article string) error {
	ab := g.tx.Bucket(g.t.articles)
	v := ab.Get([]byte(article))
	if v == nil {
		return nil
	}
	qs, err := decodeArticleQuotes(v)
	if err != nil {
		return fmt.Errorf("article %q: %w", article, err)
	}
	for _, q := range qs {
		if err := g.remove(q.id, q.key); err != nil {
			return err
		}
	}
	return ab.Delete([]byte(article))
}

// remove takes the quote id, of exact key ek, out of its group.
func (g *grouper) remove(id string, ek groupKey) error {
	k := g.resolve(ek)
	gr, err := g.load(k)
	if err != nil || gr == nil {
		return err
	}
	g.removed[id] = true
	g.touch(k)
	n := len(gr.Entries)
	gr.Entries = slices.DeleteFunc(gr.Entries, func(a appearance) bool { return a.Quote == id })
	if len(gr.Entries) == n {
		gr.Overflow = max(0, gr.Overflow-1) // one of those not listed
	}
	if len(gr.Entries) == 0 {
		for _, m := range gr.Merged {
			if err := g.tx.Bucket(g.t.alias).Delete(m[:]); err != nil {
				return err
			}
		}
		g.groups[k] = nil
	}
	return nil
}

// add puts the quote s into its group, made when there is none.
func (g *grouper) add(s apSource) error {
	g.batch[s.entry.Quote] = true
	delete(g.removed, s.entry.Quote)
	ek := exactKey(s.speakerKey, s.norm)
	g.exact[s.entry.Quote] = ek
	k := g.resolve(ek)
	gr, err := g.load(k)
	if err != nil {
		return err
	}
	if gr == nil && k != ek { // a stale alias
		k = ek
		if gr, err = g.load(k); err != nil {
			return err
		}
	}
	if gr == nil {
		if ck, ok, err := g.container(s); err != nil {
			return err
		} else if ok {
			k, gr = ck, g.groups[ck]
			g.touch(k)
			gr.Merged = append(gr.Merged, ek)
			if err := g.tx.Bucket(g.t.alias).Put(ek[:], ck[:]); err != nil {
				return err
			}
		}
	}
	g.touch(k)
	if gr == nil {
		gr = &group{Speaker: s.speakerKey, Text: s.norm}
		g.groups[k] = gr
		if err := g.indexGrams(k, gr); err != nil {
			return err
		}
		if err := g.absorb(k, gr, s.entry.Article); err != nil {
			return err
		}
	}
	gr.insert(s.entry)
	g.keyOf[s.entry.Quote] = k
	return nil
}

// insert puts a in its place among the group's appearances.
func (gr *group) insert(a appearance) {
	gr.Entries = slices.DeleteFunc(gr.Entries, func(b appearance) bool { return b.Quote == a.Quote })
	i, _ := slices.BinarySearchFunc(gr.Entries, a, func(x, y appearance) int {
		if x.before(y) {
			return -1
		}
		if y.before(x) {
			return 1
		}
		return 0
	})
	gr.Entries = slices.Insert(gr.Entries, i, a)
	if len(gr.Entries) > maxGroupEntries {
		gr.Entries = gr.Entries[:maxGroupEntries]
		gr.Overflow++
	}
}

// containable says whether a quote of this speaker and text may be
// grouped by containment.
func containable(speakerKey, norm string) bool {
	return speakerKey != "" && strings.Count(norm, " ")+1 >= minContainedWords
}

// container finds the group of the same speaker whose text contains s's,
// the one with the earliest first appearance.
func (g *grouper) container(s apSource) (groupKey, bool, error) {
	if !containable(s.speakerKey, s.norm) {
		return groupKey{}, false, nil
	}
	words := strings.Fields(s.norm)
	var best groupKey
	var bestFirst appearance
	found := false
	seen := map[groupKey]bool{}
	// A text of at least gramWords+2 words holds one of the trigrams
	// kept for its container (at every third word) at offset 0, 1 or 2.
	for off := 0; off < gramWords && off+gramWords <= len(words); off++ {
		for _, ck := range g.postings(s.speakerKey, words[off:off+gramWords]) {
			if seen[ck] {
				continue
			}
			seen[ck] = true
			gr, err := g.load(ck)
			if err != nil {
				return groupKey{}, false, err
			}
			if gr == nil || gr.Speaker != s.speakerKey || len(gr.Entries) == 0 || gr.in(s.entry.Article) ||
				len(gr.Text) <= len(s.norm) || !containsWords(gr.Text, s.norm) {
				continue
			}
			if !found || gr.Entries[0].before(bestFirst) {
				best, bestFirst, found = ck, gr.Entries[0], true
			}
		}
	}
	return best, found, nil
}

// absorb merges into the new group gr (under k) the groups of the same
// speaker whose texts it contains.
func (g *grouper) absorb(k groupKey, gr *group, article string) error {
	if gr.Speaker == "" {
		return nil
	}
	words := strings.Fields(gr.Text)
	seen := map[groupKey]bool{k: true}
	for i := 0; i+gramWords <= len(words); i++ {
		for _, ck := range g.postings(gr.Speaker, words[i:i+gramWords]) {
			if seen[ck] {
				continue
			}
			seen[ck] = true
			c, err := g.load(ck)
			if err != nil {
				return err
			}
			if c == nil || c.Speaker != gr.Speaker || len(c.Entries) == 0 || c.in(article) ||
				!containable(c.Speaker, c.Text) || len(c.Text) >= len(gr.Text) || !containsWords(gr.Text, c.Text) {
				continue
			}
			g.touch(ck)
			for _, a := range c.Entries {
				gr.insert(a)
			}
			gr.Overflow += c.Overflow
			for _, m := range append(c.Merged, ck) {
				gr.Merged = append(gr.Merged, m)
				if err := g.tx.Bucket(g.t.alias).Put(m[:], k[:]); err != nil {
					return err
				}
			}
			g.groups[ck] = nil
		}
	}
	return nil
}

// containsWords says whether the normalized text long holds short at word
// boundaries.
func containsWords(long, short string) bool {
	return strings.Contains(" "+long+" ", " "+short+" ")
}

func gramKey(speakerKey string, words []string) []byte {
	return []byte(speakerKey + "\x00" + strings.Join(words, " "))
}

// postings returns the groups listed under a speaker's trigram.
func (g *grouper) postings(speakerKey string, words []string) []groupKey {
	v := g.tx.Bucket(g.t.grams).Get(gramKey(speakerKey, words))
	ks := make([]groupKey, 0, len(v)/8)
	for i := 0; i+8 <= len(v); i += 8 {
		ks = append(ks, groupKey(v[i:i+8]))
	}
	return ks
}

// indexGrams lists the group under the trigrams at every third word of
// its text, when its quotes can contain others.
func (g *grouper) indexGrams(k groupKey, gr *group) error {
	if !containable(gr.Speaker, gr.Text) {
		return nil
	}
	b := g.tx.Bucket(g.t.grams)
	words := strings.Fields(gr.Text)
	for i := 0; i+gramWords <= len(words); i += gramWords {
		key := gramKey(gr.Speaker, words[i:i+gramWords])
		v := b.Get(key)
		if len(v) >= maxGramPostings*8 || containsKey(v, k) {
			continue
		}
		nv := make([]byte, len(v), len(v)+8)
		copy(nv, v)
		if err := b.Put(key, append(nv, k[:]...)); err != nil {
			return err
		}
	}
	return nil
}

func containsKey(v []byte, k groupKey) bool {
	for i := 0; i+8 <= len(v); i += 8 {
		if groupKey(v[i:i+8]) == k {
			return true
		}
	}
	return false
}

// flip is a quote outside a write whose document the write changed: a
// representative that became a copy, or a representative to index with
// its group's union.
type flip struct {
	id, shard string
	copy      bool
	union     union // when not copy
}

// union is what a group's representative is indexed with besides its own
// fields, so that a filter or a facet on any appearance finds the quote:
// the outlets and kinds of every appearance, and their best confidence.
// The date stays the representative's own: a date range finds a quote by
// when it was first carried, as the timeline counts it.
type union struct {
	outlets, kinds []string // sorted
	conf           int      // thousandths
}

// union returns the group's union. Beliefs are left out of the kinds
// unless every appearance is one: search leaves beliefs out, and a
// quote's words once reported as a belief stay a quote.
func (gr *group) union() union {
	var u union
	for _, a := range gr.Entries {
		if a.Outlet != "" && !slices.Contains(u.outlets, a.Outlet) {
			u.outlets = append(u.outlets, a.Outlet)
		}
		if a.Kind != "" && a.Kind != string(quotes.KindBelief) && !slices.Contains(u.kinds, a.Kind) {
			u.kinds = append(u.kinds, a.Kind)
		}
		u.conf = max(u.conf, a.Conf)
	}
	slices.Sort(u.outlets)
	slices.Sort(u.kinds)
	return u
}

// signature is u as a comparable string.
func (u union) signature() string {
	return strings.Join(u.outlets, "\x00") + "\x01" + strings.Join(u.kinds, "\x00") + "\x01" + strconv.Itoa(u.conf)
}

// apply sets u on the representative's document d: every outlet and kind
// (kept as one value when there is one), the best confidence.
func (u union) apply(d map[string]any) {
	if len(u.outlets) > 1 {
		d[fOutlet] = u.outlets
	}
	if len(u.kinds) > 1 {
		d[fKind] = u.kinds
	}
	if c, _ := d[fConfidence].(float64); float64(u.conf)/1000 > c {
		d[fConfidence] = float64(u.conf) / 1000
	}
}

// flush writes the groups changed, and returns the flips: the quotes
// outside the write that stopped or started being their group's first
// appearance.
func (g *grouper) flush() ([]flip, error) {
	gb := g.tx.Bucket(g.t.groups)
	firstAfter := map[string]bool{}
	for k := range g.firstBefore {
		gr := g.groups[k]
		if gr == nil {
			if err := gb.Delete(k[:]); err != nil {
				return nil, err
			}
			continue
		}
		firstAfter[gr.rep().Quote] = true
		v := gr.encode()
		if err := gb.Put(k[:], v); err != nil {
			return nil, err
		}
	}
	var flips []flip
	firstBefore := map[string]bool{}
	for _, a := range g.firstBefore {
		if a.Quote == "" {
			continue
		}
		firstBefore[a.Quote] = true
		if firstAfter[a.Quote] || g.batch[a.Quote] {
			continue
		}
		// Still stored? Then it is a copy now.
		if !g.removed[a.Quote] {
			flips = append(flips, flip{id: a.Quote, shard: a.Shard, copy: true})
		}
	}
	for k := range g.firstBefore {
		gr := g.groups[k]
		if gr == nil {
			continue
		}
		a, u := gr.rep(), gr.union()
		// A representative outside the write is indexed again when it
		// became one, or when its group's outlets, kinds or best
		// confidence changed.
		if !g.batch[a.Quote] && (!firstBefore[a.Quote] || u.signature() != g.sigBefore[k]) {
			flips = append(flips, flip{id: a.Quote, shard: a.Shard, union: u})
		}
	}
	slices.SortFunc(flips, func(a, b flip) int { return strings.Compare(a.id, b.id) })
	return flips, nil
}

// groupOf returns the group the quote id, added by this write, ended in;
// call it after flush.
func (g *grouper) groupOf(id string) *group {
	k, ok := g.keyOf[id]
	if !ok {
		return nil
	}
	// Its group may have been merged into another since it joined.
	for g.groups[k] == nil {
		nk := g.resolve(g.exact[id])
		if nk == k {
			return nil
		}
		k = nk
	}
	if gr := g.groups[k]; len(gr.Entries) > 0 {
		return gr
	}
	return nil
}

// rep is the group's representative: the first of its appearances with
// the longest text, which holds the others'.
func (gr *group) rep() appearance {
	r := gr.Entries[0]
	for _, a := range gr.Entries[1:] {
		if a.Len > r.Len {
			r = a
		}
	}
	return r
}

// groupOf returns the group of q in the live tables, or nil when q is
// in none (an index built before the tables).
func groupOf(tx *bolt.Tx, q *quotes.Quote) (*group, error) {
	return groupAt(tx, q.ID, SpeakerKey(q.Speaker), normalizeQuote(q.Text))
}

// groupAt returns the live group of the quote id, of the given speaker key
// and normalized text, or nil.
func groupAt(tx *bolt.Tx, id, speakerKey, norm string) (*group, error) {
	gb, ab := tx.Bucket(liveAppearances.groups), tx.Bucket(liveAppearances.alias)
	if gb == nil || ab == nil {
		return nil, nil
	}
	k := exactKey(speakerKey, norm)
	if v := ab.Get(k[:]); len(v) == len(groupKey{}) {
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
	if gr.Overflow == 0 && !slices.ContainsFunc(gr.Entries, func(a appearance) bool { return a.Quote == id }) {
		return nil, nil
	}
	return gr, nil
}

// group updates the appearance tables t for a write: the quotes of the
// articles gone and of those of preps, as last recorded, leave their
// groups; the quotes of preps join theirs. It sets the copy flag on the
// documents of preps, and returns the flips of quotes outside the write.
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
	ab := tx.Bucket(t.articles)
	for _, p := range preps {
		var list []byte
		for i, id := range p.ids {
			if err := g.add(sourceOf(id, p.shard, p.docs[i])); err != nil {
				return nil, fmt.Errorf("appearances of quote %s: %w", id, err)
			}
			list = appendArticleQuote(list, id, g.exact[id])
		}
		if len(list) > 0 {
			if err := ab.Put([]byte(p.id), list); err != nil {
				return nil, fmt.Errorf("appearances of article %q: %w", p.id, err)
			}
		}
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

// articleQuote is a quote of an article as appearance_articles records
// it.
type articleQuote struct {
	id  string
	key groupKey
}

func appendArticleQuote(b []byte, id string, k groupKey) []byte {
	b = binary.AppendUvarint(b, uint64(len(id)))
	b = append(b, id...)
	return append(b, k[:]...)
}

func decodeArticleQuotes(b []byte) ([]articleQuote, error) {
	var out []articleQuote
	for len(b) > 0 {
		n, w := binary.Uvarint(b)
		if w <= 0 || n > uint64(len(b)-w) || uint64(len(b)-w)-n < 8 {
			return nil, fmt.Errorf("appearances: a damaged record of an article's quotes")
		}
		b = b[w:]
		q := articleQuote{id: string(b[:n])}
		copy(q.key[:], b[n:n+8])
		out = append(out, q)
		b = b[n+8:]
	}
	return out, nil
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
			if err != nil || gr == nil {
				return err
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
		if err := tx.DeleteBucket(from); err != nil {
			return err
		}
	}
	return nil
}

// flagAmong sets, on the documents docs of the quotes ids, the copy flag
// and the representatives' unions the live tables give them.
func (ix *Index) flagAmong(ids []string, docs []map[string]any) error {
	return ix.db.View(func(tx *bolt.Tx) error {
		for i, id := range ids {
			s := sourceOf(id, "", docs[i])
			gr, err := groupAt(tx, id, s.speakerKey, s.norm)
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

// encode writes the group as the groups table keeps it: the speaker key,
// the text, the overflow, the merged keys, then each appearance, strings
// and counts as uvarints (a fifth of the size of JSON, and no reflection
// on the hot path of an ingest).
func (gr *group) encode() []byte {
	b := make([]byte, 0, 16+len(gr.Speaker)+len(gr.Text)+8*len(gr.Merged)+80*len(gr.Entries))
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(gr.Speaker)
	str(gr.Text)
	b = binary.AppendUvarint(b, uint64(gr.Overflow))
	b = binary.AppendUvarint(b, uint64(len(gr.Merged)))
	for _, m := range gr.Merged {
		b = append(b, m[:]...)
	}
	b = binary.AppendUvarint(b, uint64(len(gr.Entries)))
	for _, a := range gr.Entries {
		str(a.Quote)
		str(a.Article)
		str(a.Outlet)
		str(a.Shard)
		b = binary.AppendVarint(b, a.Published)
		b = binary.AppendUvarint(b, uint64(a.Len))
		str(a.Kind)
		b = binary.AppendUvarint(b, uint64(a.Conf))
	}
	return b
}

// errBadGroup is the error of a group record that does not decode.
var errBadGroup = errors.New("a damaged group record")

// decodeGroup reads a group written by encode.
func decodeGroup(b []byte) (*group, error) {
	bad := false
	num := func() uint64 {
		n, w := binary.Uvarint(b)
		if w <= 0 {
			bad = true
			return 0
		}
		b = b[w:]
		return n
	}
	str := func() string {
		n := num()
		if bad || uint64(len(b)) < n {
			bad = true
			return ""
		}
		s := string(b[:n])
		b = b[n:]
		return s
	}
	gr := &group{Speaker: str(), Text: str()}
	gr.Overflow = int(num())
	if m := num(); !bad && m <= uint64(len(b))/8 {
		gr.Merged = make([]groupKey, m)
		for i := range gr.Merged {
			copy(gr.Merged[i][:], b[8*i:])
		}
		b = b[8*m:]
	} else {
		bad = true
	}
	n := num()
	if bad || n > uint64(len(b)) { // an appearance takes a byte or more
		return nil, errBadGroup
	}
	gr.Entries = make([]appearance, 0, n)
	for range n {
		a := appearance{Quote: str(), Article: str(), Outlet: str(), Shard: str()}
		p, w := binary.Varint(b)
		if w <= 0 {
			return nil, errBadGroup
		}
		b = b[w:]
		a.Published = p
		a.Len = int(num())
		a.Kind = str()
		a.Conf = int(num())
		if bad {
			return nil, errBadGroup
		}
		gr.Entries = append(gr.Entries, a)
	}
	if bad || len(b) != 0 {
		return nil, errBadGroup
	}
	return gr, nil
}
