package index

// The grouping of appearances (see appearances.go for the design): the
// records of the tables and the grouper that changes them within one
// write's transaction.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/quotesproject/quotes"
)

// maxAliasHops bounds the aliases followed from an exact key to its group
// (a group merged into one merged in turn into another…). Article records
// are rewritten when their quotes move, so a chain is only followed
// from a record a failed write left behind.
const maxAliasHops = 8

// freshKey returns the key of a group made for the wording ek by the
// quote id: never an exact key (a different hash), and never a key in use
// or once used, by a group, this write, or an alias left by a merge, so
// that a wording that left a group and comes back starts its own, and
// an old record or alias never leads to a new group.
func (g *grouper) freshKey(ek groupKey, id string) groupKey {
	h := fnv.New64a()
	h.Write([]byte("group\x00"))
	h.Write(ek[:])
	h.Write([]byte(id))
	var k groupKey
	for {
		binary.BigEndian.PutUint64(k[:], h.Sum64())
		_, seen := g.groups[k]
		if !seen && g.tx.Bucket(g.t.groups).Get(k[:]) == nil && g.tx.Bucket(g.t.alias).Get(k[:]) == nil {
			return k
		}
		h.Write([]byte{0}) // taken: the next key of the same seed
	}
}

// appearance is one appearance of a quote, as the tables keep it.
type appearance struct {
	Quote     string
	Article   string
	Outlet    string
	Published int64 // Unix nanoseconds; 0 undated
	Shard     string
	Key       groupKey // the exact key of its text
	Len       int      // of the normalized text
	Kind      string   // of the quote
	Conf      int      // its attribution's confidence, in thousandths
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

func (a appearance) compare(b appearance) int {
	switch {
	case a.before(b):
		return -1
	case b.before(a):
		return 1
	}
	return 0
}

func (a appearance) public() quotes.Appearance {
	ap := quotes.Appearance{QuoteID: a.Quote, ArticleID: a.Article, Outlet: a.Outlet}
	if a.Published != 0 {
		ap.Published = time.Unix(0, a.Published).UTC()
	}
	return ap
}

// keyText is one wording of a group's quote: its exact key and its
// normalized text.
type keyText struct {
	Key  groupKey
	Text string
}

// group is one quote with its appearances.
type group struct {
	Speaker string // SpeakerKey of the speaker
	// Texts are the wordings of its appearances; each key but the
	// group's own is aliased to the group.
	Texts []keyText
	// Entries are the first maxGroupEntries appearances, in order of
	// publication; the later ones are in the overflow bucket.
	Entries  []appearance
	Overflow int
	// Inner marks the group of a wording's appearances inside their own
	// articles' longer quotes (see addInner).
	Inner bool
}

// text is the group's longest wording, which holds the others; longestKey
// is its key.
func (gr *group) text() string { t, _ := gr.longest(); return t }

func (gr *group) longest() (string, groupKey) {
	var best keyText
	for _, kt := range gr.Texts {
		if len(kt.Text) > len(best.Text) {
			best = kt
		}
	}
	return best.Text, best.Key
}

func (gr *group) hasText(k groupKey) bool {
	return slices.ContainsFunc(gr.Texts, func(kt keyText) bool { return kt.Key == k })
}

func (gr *group) addText(k groupKey, text string) {
	if !gr.hasText(k) {
		gr.Texts = append(gr.Texts, keyText{k, text})
	}
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

// conflict says whether the article has another wording of the group:
// a quote of key ek from it would join its own article's longer quote.
func (gr *group) conflict(article string, ek groupKey) bool {
	return slices.ContainsFunc(gr.Entries, func(a appearance) bool { return a.Article == article && a.Key != ek })
}

// rep is the group's representative, indexed as the quote: the first
// appearance of its longest wording (which holds the others' words), or
// of the longest listed when that wording is only among the unlisted.
func (gr *group) rep() appearance {
	_, lk := gr.longest()
	for _, a := range gr.Entries {
		if a.Key == lk {
			return a
		}
	}
	r := gr.Entries[0]
	for _, a := range gr.Entries[1:] {
		if a.Len > r.Len {
			r = a
		}
	}
	return r
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
	s.entry.Key = exactKey(s.speakerKey, s.norm)
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
// It keeps the groups it reads and writes those it changed at flush.
type grouper struct {
	tx     *bolt.Tx
	t      apTables
	groups map[groupKey]*group // nil: none, or deleted
	// firstBefore and sigBefore are the representative and the union
	// (union.signature) of each group changed, as they were before (zero
	// when the group is new).
	firstBefore map[groupKey]appearance
	sigBefore   map[groupKey]string
	// batch are the quotes added by this write; removed those taken out
	// and not added again.
	batch, removed map[string]bool
	// keyOf is the group of each quote added or moved by this write.
	keyOf map[string]groupKey
	// articles are the articles of the write with their quotes, whose
	// records flush writes; moved the other articles some of whose
	// quotes changed group.
	articles map[string][]string
	moved    map[string]bool
}

func newGrouper(tx *bolt.Tx, t apTables) *grouper {
	return &grouper{tx: tx, t: t, groups: map[groupKey]*group{},
		firstBefore: map[groupKey]appearance{}, sigBefore: map[groupKey]string{},
		batch: map[string]bool{}, removed: map[string]bool{}, keyOf: map[string]groupKey{},
		articles: map[string][]string{}, moved: map[string]bool{}}
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
			return nil, fmt.Errorf("group %x: %w", k, err)
		}
	}
	g.groups[k] = gr
	return gr, nil
}

// touch records the group under k (loaded) as changed by this write, with
// its representative and union before the change; call it before
// changing the group.
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

// resolve returns the key of the group that the exact or group key k
// stands for now.
func (g *grouper) resolve(k groupKey) groupKey {
	ab := g.tx.Bucket(g.t.alias)
	for range maxAliasHops {
		v := ab.Get(k[:])
		if len(v) != len(groupKey{}) {
			break
		}
		k = groupKey(v)
	}
	return k
}

// movedTo records that the appearance a now belongs to the group k.
func (g *grouper) movedTo(a appearance, k groupKey) {
	g.keyOf[a.Quote] = k
	if !g.batch[a.Quote] {
		g.moved[a.Article] = true
	}
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
		if k, ok := g.keyOf[q.id]; ok { // moved by this write: the record is not written yet
			q.key = k
		}
		if err := g.remove(q.id, q.key); err != nil {
			return err
		}
	}
	return ab.Delete([]byte(article))
}

// remove takes the quote id out of its group, recorded under gk.
func (g *grouper) remove(id string, gk groupKey) error {
	k := g.resolve(gk)
	gr, err := g.load(k)
	if err != nil || gr == nil {
		return err
	}
	if i := slices.IndexFunc(gr.Entries, func(a appearance) bool { return a.Quote == id }); i >= 0 {
		g.touch(k)
		gr.Entries = slices.Delete(gr.Entries, i, i+1)
	} else if gr.Overflow > 0 {
		ob := g.tx.Bucket(g.t.overflow)
		if ob.Get(overflowKey(k, id)) == nil {
			return nil
		}
		g.touch(k)
		if err := ob.Delete(overflowKey(k, id)); err != nil {
			return err
		}
		gr.Overflow--
	} else {
		return nil
	}
	g.removed[id] = true
	delete(g.keyOf, id)
	if err := g.refill(k, gr); err != nil {
		return err
	}
	if len(gr.Entries) == 0 {
		return g.drop(k, gr)
	}
	return g.prune(k, gr)
}

// prune takes out of the group under k the wordings with no appearance
// left, once every appearance is listed; when the longest went, the
// others may no longer all lie in one, and are regrouped.
func (g *grouper) prune(k groupKey, gr *group) error {
	if gr.Overflow > 0 || gr.Inner { // an inner group has one wording
		return nil
	}
	_, lk := gr.longest()
	ab := g.tx.Bucket(g.t.alias)
	longestGone := false
	var kept []keyText
	for _, kt := range gr.Texts {
		if slices.ContainsFunc(gr.Entries, func(a appearance) bool { return a.Key == kt.Key }) {
			kept = append(kept, kt)
			continue
		}
		if err := ab.Delete(kt.Key[:]); err != nil {
			return err
		}
		longestGone = longestGone || kt.Key == lk
	}
	gr.Texts = kept
	if longestGone {
		return g.split(k, gr)
	}
	return nil
}

// drop deletes the empty group under k and the aliases of its wordings.
func (g *grouper) drop(k groupKey, gr *group) error {
	if gr.Inner {
		g.groups[k] = nil
		return nil
	}
	for _, kt := range gr.Texts {
		if err := g.tx.Bucket(g.t.alias).Delete(kt.Key[:]); err != nil {
			return err
		}
	}
	g.groups[k] = nil
	return nil
}

// split regroups the wordings of the group under k after its longest
// went: each joins the longest wording that holds it, or makes a group of
// its own. The first keeps the key k. The group has no unlisted
// appearances (remove calls split only then).
func (g *grouper) split(k groupKey, gr *group) error {
	texts := slices.Clone(gr.Texts)
	slices.SortStableFunc(texts, func(a, b keyText) int { return len(b.Text) - len(a.Text) })
	var parts []*group
	for _, kt := range texts {
		mine := slices.DeleteFunc(slices.Clone(gr.Entries), func(a appearance) bool { return a.Key != kt.Key })
		var into *group
		for _, p := range parts {
			if containable(gr.Speaker, kt.Text) && containsWords(p.text(), kt.Text) &&
				!slices.ContainsFunc(mine, func(a appearance) bool { return p.in(a.Article) }) {
				into = p
				break
			}
		}
		if into == nil {
			into = &group{Speaker: gr.Speaker}
			parts = append(parts, into)
		}
		into.Texts = append(into.Texts, kt)
		into.Entries = append(into.Entries, mine...)
	}
	for _, p := range parts {
		slices.SortFunc(p.Entries, appearance.compare)
	}
	if len(parts) <= 1 {
		return g.reclaim(k, gr)
	}
	*gr = *parts[0]
	if err := g.reclaim(k, gr); err != nil {
		return err
	}
	ab := g.tx.Bucket(g.t.alias)
	for _, p := range parts[1:] {
		_, lk := p.longest()
		nk := g.freshKey(lk, p.Entries[0].Quote)
		if _, err := g.load(nk); err != nil {
			return err
		}
		g.touch(nk)
		g.groups[nk] = p
		for _, kt := range p.Texts {
			if err := ab.Put(kt.Key[:], nk[:]); err != nil {
				return err
			}
		}
		for _, a := range p.Entries {
			g.movedTo(a, nk)
		}
		if err := g.indexGrams(nk, p); err != nil {
			return err
		}
		if err := g.reclaim(nk, p); err != nil {
			return err
		}
	}
	return nil
}

// reclaim takes back into the group gr (under k), after a split, the
// appearances kept in the inner groups of its wordings whose articles no
// longer have another wording in it.
func (g *grouper) reclaim(k groupKey, gr *group) error {
	for _, kt := range slices.Clone(gr.Texts) {
		if err := g.reclaimWording(k, gr, kt.Key); err != nil {
			return err
		}
	}
	return nil
}

// reclaimWording takes into the group gr (under k) the appearances in the
// inner group of its wording ek whose articles have no other wording in
// it.
func (g *grouper) reclaimWording(k groupKey, gr *group, ek groupKey) error {
	ik := innerGroupKey(ek)
	in, err := g.load(ik)
	if err != nil || in == nil {
		return err
	}
	var stay []appearance
	for _, a := range in.Entries {
		if gr.conflict(a.Article, ek) {
			// As in add: the longer of two wordings of one article
			// stays in the group, the shorter goes inner.
			if slices.ContainsFunc(gr.Entries, func(b appearance) bool {
				return b.Article == a.Article && b.Key != ek && b.Len >= a.Len
			}) {
				stay = append(stay, a)
				continue
			}
			if err := g.evict(k, gr, a.Article, ek); err != nil {
				return err
			}
		}
		g.touch(ik)
		if err := g.insert(k, gr, a); err != nil {
			return err
		}
		g.movedTo(a, k)
	}
	if len(stay) < len(in.Entries) {
		in.Entries = stay
		if len(stay) == 0 && in.Overflow == 0 {
			g.groups[ik] = nil
		}
	}
	return nil
}

// add puts the quote s into its group, made when there is none. Beliefs
// are not grouped: search leaves them out, and one must not stand for a
// quote. Nor is a quote whose article has another wording of its group
// (a partial quote inside its own article's reported speech).
func (g *grouper) add(s apSource) error {
	if s.entry.Kind == string(quotes.KindBelief) {
		return nil
	}
	id, ek := s.entry.Quote, s.entry.Key
	g.batch[id] = true
	delete(g.removed, id)
	ab := g.tx.Bucket(g.t.alias)
	// The group of this wording: its alias, followed through merges.
	var k groupKey
	var gr *group
	if ab.Get(ek[:]) != nil {
		k = g.resolve(ek)
		var err error
		if gr, err = g.load(k); err != nil {
			return err
		}
		if gr == nil || !gr.hasText(ek) { // a stale alias
			if err := ab.Delete(ek[:]); err != nil {
				return err
			}
			gr = nil
		}
	}
	if gr != nil && gr.conflict(s.entry.Article, ek) {
		// The group has another wording from this article: of the two,
		// the shorter lies in the longer, its own article's quote, and
		// goes to the inner group of its wording, whatever their order.
		if slices.ContainsFunc(gr.Entries, func(a appearance) bool {
			return a.Article == s.entry.Article && a.Key != ek && a.Len >= s.entry.Len
		}) {
			return g.addInner(s)
		}
		if err := g.evict(k, gr, s.entry.Article, ek); err != nil {
			return err
		}
	}
	if gr == nil {
		ck, ok, err := g.container(s)
		if err != nil {
			return err
		}
		if ok {
			k, gr = ck, g.groups[ck]
			if err := ab.Put(ek[:], ck[:]); err != nil {
				return err
			}
		}
	}
	made := gr == nil
	newWording := made || !gr.hasText(ek)
	if made {
		k = g.freshKey(ek, id)
		if _, err := g.load(k); err != nil {
			return err
		}
		g.touch(k)
		gr = &group{Speaker: s.speakerKey, Texts: []keyText{{ek, s.norm}}}
		g.groups[k] = gr
		if err := ab.Put(ek[:], k[:]); err != nil {
			return err
		}
		if err := g.absorb(k, gr, s.entry.Article); err != nil {
			return err
		}
	}
	g.touch(k)
	gr.addText(ek, s.norm)
	if err := g.insert(k, gr, s.entry); err != nil {
		return err
	}
	g.keyOf[id] = k
	if newWording { // its appearances kept apart may join it now
		if err := g.reclaimWording(k, gr, ek); err != nil {
			return err
		}
	}
	if made { // listed once it has an appearance: candidates drops empty groups
		return g.indexGrams(k, gr)
	}
	return nil
}

// addInner puts the quote s, which lies inside its own article's longer
// quote of the group its wording belongs to, into the inner group of its
// wording: the same words at the same place in other articles (the
// copies of that article), and nothing else. An inner group has no alias
// and no trigrams: nothing joins it by containment.
func (g *grouper) addInner(s apSource) error {
	id, ek := s.entry.Quote, s.entry.Key
	k := innerGroupKey(ek)
	gr, err := g.load(k)
	if err != nil {
		return err
	}
	g.touch(k)
	if gr == nil {
		gr = &group{Speaker: s.speakerKey, Texts: []keyText{{ek, s.norm}}, Inner: true}
		g.groups[k] = gr
	}
	if err := g.insert(k, gr, s.entry); err != nil {
		return err
	}
	g.keyOf[id] = k
	return nil
}

// evict moves the appearances of the article in the group under k, of
// wordings other than ek (all shorter), to their wordings' inner groups.
func (g *grouper) evict(k groupKey, gr *group, article string, ek groupKey) error {
	g.touch(k)
	var out []appearance
	gr.Entries = slices.DeleteFunc(gr.Entries, func(a appearance) bool {
		if a.Article == article && a.Key != ek {
			out = append(out, a)
			return true
		}
		return false
	})
	for _, a := range out {
		i := slices.IndexFunc(gr.Texts, func(kt keyText) bool { return kt.Key == a.Key })
		if i < 0 {
			return fmt.Errorf("group %x: an appearance of a wording it does not list", k)
		}
		ik := innerGroupKey(a.Key)
		in, err := g.load(ik)
		if err != nil {
			return err
		}
		g.touch(ik)
		if in == nil {
			in = &group{Speaker: gr.Speaker, Texts: []keyText{gr.Texts[i]}, Inner: true}
			g.groups[ik] = in
		}
		if err := g.insert(ik, in, a); err != nil {
			return err
		}
		g.movedTo(a, ik)
	}
	return nil
}

// innerGroupKey is the key of the inner group of the wording ek (see
// addInner).
func innerGroupKey(ek groupKey) groupKey {
	h := fnv.New64a()
	h.Write([]byte("inner\x00"))
	h.Write(ek[:])
	var k groupKey
	binary.BigEndian.PutUint64(k[:], h.Sum64())
	return k
}

// written records the quotes of an article of the write, for flush to
// write its record.
func (g *grouper) written(article string, ids []string) { g.articles[article] = ids }

// insert puts a in its place among the group's listed appearances; past
// maxGroupEntries, the latest goes to the overflow bucket.
func (g *grouper) insert(k groupKey, gr *group, a appearance) error {
	i, _ := slices.BinarySearchFunc(gr.Entries, a, appearance.compare)
	gr.Entries = slices.Insert(gr.Entries, i, a)
	if len(gr.Entries) <= maxGroupEntries {
		return nil
	}
	// The latest goes, unless it is the first appearance of the longest
	// wording, the one shown: then the latest before it.
	_, lk := gr.longest()
	out := len(gr.Entries) - 1
	if first := slices.IndexFunc(gr.Entries, func(e appearance) bool { return e.Key == lk }); first == out {
		out--
	}
	last := gr.Entries[out]
	gr.Entries = slices.Delete(gr.Entries, out, out+1)
	gr.Overflow++
	return g.tx.Bucket(g.t.overflow).Put(overflowKey(k, last.Quote), appendAppearance(nil, last))
}

// refill lists the earliest unlisted appearances again when the listed
// ones fell under maxGroupEntries.
func (g *grouper) refill(k groupKey, gr *group) error {
	if gr.Overflow == 0 || len(gr.Entries) >= maxGroupEntries {
		return nil
	}
	over, err := g.overflowOf(k)
	if err != nil {
		return err
	}
	slices.SortFunc(over, appearance.compare)
	ob := g.tx.Bucket(g.t.overflow)
	for _, a := range over[:min(len(over), maxGroupEntries-len(gr.Entries))] {
		if err := ob.Delete(overflowKey(k, a.Quote)); err != nil {
			return err
		}
		i, _ := slices.BinarySearchFunc(gr.Entries, a, appearance.compare)
		gr.Entries = slices.Insert(gr.Entries, i, a)
		gr.Overflow--
	}
	return nil
}

// overflowOf returns the unlisted appearances of the group k.
func (g *grouper) overflowOf(k groupKey) ([]appearance, error) {
	var out []appearance
	c := g.tx.Bucket(g.t.overflow).Cursor()
	for key, v := c.Seek(k[:]); key != nil && len(key) >= len(k) && groupKey(key[:len(k)]) == k; key, v = c.Next() {
		a, err := decodeAppearance(v)
		if err != nil {
			return nil, fmt.Errorf("group %x: %w", k, err)
		}
		out = append(out, a)
	}
	return out, nil
}

func overflowKey(k groupKey, quote string) []byte {
	return append(k[:len(k):len(k)], quote...)
}

// containable says whether a quote of this speaker and text may be
// grouped by containment.
func containable(speakerKey, norm string) bool {
	return speakerKey != "" && strings.Count(norm, " ")+1 >= minContainedWords
}

// container finds the group of the same speaker whose text contains s's,
// from another article, the one with the earliest first appearance.
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
		cands, err := g.candidates(s.speakerKey, words[off:off+gramWords])
		if err != nil {
			return groupKey{}, false, err
		}
		for _, ck := range cands {
			if seen[ck] {
				continue
			}
			seen[ck] = true
			gr := g.groups[ck]
			text := gr.text()
			if gr.Speaker != s.speakerKey || gr.in(s.entry.Article) ||
				len(text) <= len(s.norm) || !containsWords(text, s.norm) {
				continue
			}
			if !found || gr.Entries[0].before(bestFirst) {
				best, bestFirst, found = ck, gr.Entries[0], true
			}
		}
	}
	return best, found, nil
}

// absorb merges into the new group gr (under k, for a quote of article)
// the groups of the same speaker whose texts it contains and that share
// no article with it.
func (g *grouper) absorb(k groupKey, gr *group, article string) error {
	if gr.Speaker == "" {
		return nil
	}
	text := gr.text()
	words := strings.Fields(text)
	seen := map[groupKey]bool{k: true}
	articles := map[string]bool{article: true}
	for i := 0; i+gramWords <= len(words); i++ {
		cands, err := g.candidates(gr.Speaker, words[i:i+gramWords])
		if err != nil {
			return err
		}
		for _, ck := range cands {
			if seen[ck] {
				continue
			}
			seen[ck] = true
			c := g.groups[ck]
			ct := c.text()
			if c.Speaker != gr.Speaker || !containable(c.Speaker, ct) || len(ct) >= len(text) || !containsWords(text, ct) ||
				slices.ContainsFunc(c.Entries, func(a appearance) bool { return articles[a.Article] }) {
				continue
			}
			if err := g.merge(k, gr, ck, c); err != nil {
				return err
			}
			for _, a := range c.Entries {
				articles[a.Article] = true
			}
		}
	}
	return nil
}

// merge moves the group c (under ck) into gr (under k).
func (g *grouper) merge(k groupKey, gr *group, ck groupKey, c *group) error {
	g.touch(ck)
	moving := slices.Clone(c.Entries)
	if c.Overflow > 0 {
		over, err := g.overflowOf(ck)
		if err != nil {
			return err
		}
		ob := g.tx.Bucket(g.t.overflow)
		for _, a := range over {
			if err := ob.Delete(overflowKey(ck, a.Quote)); err != nil {
				return err
			}
		}
		moving = append(moving, over...)
	}
	for _, a := range moving {
		if err := g.insert(k, gr, a); err != nil {
			return err
		}
		g.movedTo(a, k)
	}
	ab := g.tx.Bucket(g.t.alias)
	for _, kt := range c.Texts {
		gr.addText(kt.Key, kt.Text)
		if err := ab.Put(kt.Key[:], k[:]); err != nil {
			return err
		}
	}
	if err := ab.Put(ck[:], k[:]); err != nil { // records made under ck
		return err
	}
	g.groups[ck] = nil
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

// candidates returns the live groups listed under a speaker's trigram,
// loaded, and takes the gone ones off the list.
func (g *grouper) candidates(speakerKey string, words []string) ([]groupKey, error) {
	b := g.tx.Bucket(g.t.grams)
	key := gramKey(speakerKey, words)
	v := b.Get(key)
	var live []groupKey
	dead := false
	for i := 0; i+8 <= len(v); i += 8 {
		k := groupKey(v[i : i+8])
		gr, err := g.load(k)
		if err != nil {
			return nil, err
		}
		if gr == nil || len(gr.Entries) == 0 {
			dead = true
			continue
		}
		live = append(live, k)
	}
	if dead {
		nv := make([]byte, 0, 8*len(live))
		for _, k := range live {
			nv = append(nv, k[:]...)
		}
		if err := b.Put(key, nv); err != nil {
			return nil, err
		}
	}
	return live, nil
}

// indexGrams lists the group under the trigrams at every third word of
// its text, when its quotes can contain others.
func (g *grouper) indexGrams(k groupKey, gr *group) error {
	text := gr.text()
	if !containable(gr.Speaker, text) {
		return nil
	}
	b := g.tx.Bucket(g.t.grams)
	words := strings.Fields(text)
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
// the outlets and kinds of every listed appearance, and their best
// confidence. The date stays the representative's own: a date range finds
// a quote by when it was first carried, as the timeline counts it.
type union struct {
	outlets, kinds []string // sorted
	conf           int      // thousandths
}

// union returns the group's union.
func (gr *group) union() union {
	var u union
	for _, a := range gr.Entries {
		if a.Outlet != "" && !slices.Contains(u.outlets, a.Outlet) {
			u.outlets = append(u.outlets, a.Outlet)
		}
		if a.Kind != "" && !slices.Contains(u.kinds, a.Kind) {
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

// flush writes the groups and article records changed, and returns the
// flips: the quotes outside the write that stopped being their group's
// representative, or became one, or whose group's union changed.
func (g *grouper) flush() ([]flip, error) {
	gb := g.tx.Bucket(g.t.groups)
	firstAfter := map[string]bool{}
	for k := range g.firstBefore {
		gr := g.groups[k]
		if gr == nil || len(gr.Entries) == 0 {
			g.groups[k] = nil
			if err := gb.Delete(k[:]); err != nil {
				return nil, err
			}
			continue
		}
		firstAfter[gr.rep().Quote] = true
		if err := gb.Put(k[:], gr.encode()); err != nil {
			return nil, err
		}
	}
	if err := g.writeArticles(); err != nil {
		return nil, err
	}
	var flips []flip
	firstBefore := map[string]bool{}
	for _, a := range g.firstBefore {
		if a.Quote == "" {
			continue
		}
		firstBefore[a.Quote] = true
		if firstAfter[a.Quote] || g.batch[a.Quote] || g.removed[a.Quote] {
			continue
		}
		flips = append(flips, flip{id: a.Quote, shard: a.Shard, copy: true})
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

// writeArticles writes the records of the write's articles, and of the
// others whose quotes moved to another group.
func (g *grouper) writeArticles() error {
	ab := g.tx.Bucket(g.t.articles)
	for article, ids := range g.articles {
		var list []byte
		for _, id := range ids {
			if k, ok := g.keyOf[id]; ok && !g.removed[id] {
				list = appendArticleQuote(list, id, k)
			}
		}
		var err error
		if len(list) == 0 {
			err = ab.Delete([]byte(article))
		} else {
			err = ab.Put([]byte(article), list)
		}
		if err != nil {
			return fmt.Errorf("article %q: %w", article, err)
		}
	}
	for article := range g.moved {
		if _, ok := g.articles[article]; ok {
			continue
		}
		v := ab.Get([]byte(article))
		if v == nil { // the article left in this write
			continue
		}
		qs, err := decodeArticleQuotes(v)
		if err != nil {
			return fmt.Errorf("article %q: %w", article, err)
		}
		var list []byte
		for _, q := range qs {
			if k, ok := g.keyOf[q.id]; ok {
				q.key = k
			}
			list = appendArticleQuote(list, q.id, q.key)
		}
		if err := ab.Put([]byte(article), list); err != nil {
			return fmt.Errorf("article %q: %w", article, err)
		}
	}
	return nil
}

// groupOf returns the group the quote id, added by this write, ended in,
// or nil when it was not grouped; call it after flush.
func (g *grouper) groupOf(id string) *group {
	k, ok := g.keyOf[id]
	if !ok {
		return nil
	}
	if gr := g.groups[k]; gr != nil && len(gr.Entries) > 0 {
		return gr
	}
	return nil
}

// articleQuote is a quote of an article as appearance_articles records
// it: its id and its group's key.
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

// errBadRecord is the error of a record of the tables that does not
// decode.
var errBadRecord = errors.New("a damaged record of the appearance tables")

// reader reads the uvarint-framed records of the tables; bad is set at
// the first read past the end.
type reader struct {
	b   []byte
	bad bool
}

func (r *reader) num() uint64 {
	n, w := binary.Uvarint(r.b)
	if w <= 0 {
		r.bad = true
		return 0
	}
	r.b = r.b[w:]
	return n
}

func (r *reader) signed() int64 {
	n, w := binary.Varint(r.b)
	if w <= 0 {
		r.bad = true
		return 0
	}
	r.b = r.b[w:]
	return n
}

func (r *reader) str() string {
	n := r.num()
	if r.bad || uint64(len(r.b)) < n {
		r.bad = true
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *reader) key() groupKey {
	var k groupKey
	if len(r.b) < len(k) {
		r.bad = true
		return k
	}
	copy(k[:], r.b)
	r.b = r.b[len(k):]
	return k
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendAppearance writes a as the tables keep it.
func appendAppearance(b []byte, a appearance) []byte {
	b = appendStr(b, a.Quote)
	b = appendStr(b, a.Article)
	b = appendStr(b, a.Outlet)
	b = appendStr(b, a.Shard)
	b = binary.AppendVarint(b, a.Published)
	b = append(b, a.Key[:]...)
	b = binary.AppendUvarint(b, uint64(a.Len))
	b = appendStr(b, a.Kind)
	return binary.AppendUvarint(b, uint64(a.Conf))
}

func (r *reader) appearance() appearance {
	a := appearance{Quote: r.str(), Article: r.str(), Outlet: r.str(), Shard: r.str()}
	a.Published = r.signed()
	a.Key = r.key()
	a.Len = int(min(r.num(), math.MaxInt32))
	a.Kind = r.str()
	a.Conf = int(min(r.num(), math.MaxInt32))
	return a
}

func decodeAppearance(b []byte) (appearance, error) {
	r := &reader{b: b}
	a := r.appearance()
	if r.bad || len(r.b) != 0 {
		return appearance{}, errBadRecord
	}
	return a, nil
}

// encode writes the group as the groups table keeps it: the speaker key,
// the wordings, the count of unlisted appearances, then each listed
// appearance, strings and counts as uvarints (a fifth of the size of
// JSON, and no reflection on the hot path of an ingest).
func (gr *group) encode() []byte {
	b := make([]byte, 0, 16+len(gr.Speaker)+24*len(gr.Texts)+len(gr.text())+90*len(gr.Entries))
	b = appendStr(b, gr.Speaker)
	inner := uint64(0)
	if gr.Inner {
		inner = 1
	}
	b = binary.AppendUvarint(b, inner)
	b = binary.AppendUvarint(b, uint64(len(gr.Texts)))
	for _, kt := range gr.Texts {
		b = append(b, kt.Key[:]...)
		b = appendStr(b, kt.Text)
	}
	b = binary.AppendUvarint(b, uint64(gr.Overflow))
	b = binary.AppendUvarint(b, uint64(len(gr.Entries)))
	for _, a := range gr.Entries {
		b = appendAppearance(b, a)
	}
	return b
}

// decodeGroup reads a group written by encode.
func decodeGroup(b []byte) (*group, error) {
	r := &reader{b: b}
	gr := &group{Speaker: r.str()}
	switch r.num() {
	case 0:
	case 1:
		gr.Inner = true
	default:
		return nil, errBadRecord
	}
	n := r.num()
	if r.bad || n > uint64(len(r.b))/9 { // a wording takes nine bytes or more
		return nil, errBadRecord
	}
	for range n {
		kt := keyText{Key: r.key()}
		kt.Text = r.str()
		gr.Texts = append(gr.Texts, kt)
	}
	gr.Overflow = int(min(r.num(), math.MaxInt32))
	n = r.num()
	if r.bad || n > uint64(len(r.b))/14 { // an appearance takes fourteen bytes or more
		return nil, errBadRecord
	}
	gr.Entries = make([]appearance, 0, n)
	for range n {
		gr.Entries = append(gr.Entries, r.appearance())
	}
	if r.bad || len(r.b) != 0 {
		return nil, errBadRecord
	}
	return gr, nil
}
