package index

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/quotesproject/quotes"
)

// One speaker across articles.
//
// Every quote document carries speaker_key, SpeakerKey of its speaker,
// and speaker_keys, the keys of all its speakers: variants that differ in
// case, titles, a middle initial or punctuation share a key. The index
// also keeps, in memory, how many quotes name each display form of a
// speaker (the speakers field of every quote, beliefs included): the
// speaker registry. It is built by one facet over the quote index the
// first time it is needed, and kept up to date by PutBatch (which counts
// the forms of the quotes it replaces with one facet over their articles)
// and Reindex, so no request scans the whole index but the first.
//
// From the registry, a speakerView merges keys into persons:
//
//   - keys with the same first word, surname and generational suffix that
//     differ only by full middle names ("hillary clinton", "hillary rodham
//     clinton") are one person, when the group has at most one such
//     middle-name variant (two, "john adam smith" and "john paul smith",
//     may be two people: none of them merges);
//   - a one-word key ("trump") is an alias of the one person whose surname
//     it is, when exactly one person in the index has that surname; with
//     Bill and Hillary Clinton both quoted, "clinton" stays a speaker of
//     its own;
//   - a key made of a party word and a person's key ("republican donald
//     trump") is an alias of that person.
//
// First names that differ never merge. A person is shown under the most
// frequent display form of their full-name keys, and searched, faceted
// and listed under all their keys and aliases.

// speakerRegistry counts the quotes naming each display form of a
// speaker; nil until loaded.
type speakerRegistry map[string]int

// speakerView is the persons derived from a registry; immutable once built.
type speakerView struct {
	// canon maps every key in the index to the key of its person.
	canon map[string]string
	// persons maps a person's key to the person.
	persons map[string]*person
	// bySurname maps a surname to the keys of the persons having it.
	bySurname map[string][]string
	// common holds the one-word keys also written in lower case
	// ("voters"): common nouns, never a surname.
	common map[string]bool
}

// person is one speaker of the view: the keys merged into it and the
// display forms they were written in.
type person struct {
	key   string
	label string
	keys  []string // own keys first (by count), then aliases
	forms []string // display forms of all keys, most frequent first
	// candidates lists, for a surname shared by several persons, their
	// labels.
	candidates []string
}

// partyWords are the affiliations a name can be written after
// ("Republican Donald Trump"); such a key is an alias of the person.
var partyWords = setOf("democrat", "democratic", "republican", "gop", "labour", "tory",
	"conservative", "liberal", "independent")

// split returns a key's words, the surname (the last word before a
// generational suffix) and that suffix.
func splitKey(key string) (words []string, surname, gen string) {
	words = strings.Fields(key)
	if len(words) == 0 {
		return nil, "", ""
	}
	last := len(words) - 1
	if last > 0 && generations[words[last]] {
		gen = words[last]
		last--
	}
	return words, words[last], gen
}

// buildView merges the keys of a registry into persons.
func buildView(reg speakerRegistry) *speakerView {
	keyCount := map[string]int{}
	keyForms := map[string]map[string]int{}
	for form, n := range reg {
		k := SpeakerKey(form)
		if k == "" || n <= 0 {
			continue
		}
		keyCount[k] += n
		if keyForms[k] == nil {
			keyForms[k] = map[string]int{}
		}
		keyForms[k][form] += n
	}
	v := &speakerView{canon: map[string]string{}, persons: map[string]*person{}, bySurname: map[string][]string{},
		common: map[string]bool{}}
	for k, forms := range keyForms {
		if strings.Contains(k, " ") {
			continue
		}
		for f := range forms {
			if ws := strings.Fields(f); len(ws) > 0 && unicode.IsLower([]rune(ws[len(ws)-1])[0]) {
				v.common[k] = true
			}
		}
	}

	// Full names grouped by first word, surname and suffix.
	type groupKey struct{ first, surname, gen string }
	groups := map[groupKey][]string{}
	for k := range keyCount {
		words, surname, gen := splitKey(k)
		core := len(words)
		if gen != "" {
			core--
		}
		if core >= 2 && !(core >= 3 && partyWords[words[0]]) {
			g := groupKey{words[0], surname, gen}
			groups[g] = append(groups[g], k)
		}
	}
	byCount := func(a, b string) int {
		return cmp.Or(keyCount[b]-keyCount[a], len(a)-len(b), strings.Compare(a, b))
	}
	for g, keys := range groups {
		var plain, middle []string
		for _, k := range keys {
			words, _, _ := splitKey(k)
			core := len(words)
			if g.gen != "" {
				core--
			}
			if core == 2 {
				plain = append(plain, k)
			} else {
				middle = append(middle, k)
			}
		}
		merge := len(plain) == 1 && len(middle) == 1 && fullMiddle(middle[0], g.gen != "")
		if !merge {
			for _, k := range keys {
				v.addPerson([]string{k})
			}
			continue
		}
		members := append(plain, middle...)
		slices.SortFunc(members, byCount)
		v.addPerson(members)
	}
	// Only what reads as a person's name ("Peter Goldsmith", not "Asian
	// Americans" nor "University of Michigan") takes in a bare surname.
	for _, p := range v.persons {
		forms := map[string]int{}
		for _, k := range p.keys {
			for f, n := range keyForms[k] {
				forms[f] += n
			}
		}
		if personName(mostFrequent(forms)) {
			_, surname, _ := splitKey(p.key)
			v.bySurname[surname] = append(v.bySurname[surname], p.key)
		}
	}
	// Everything else: a surname alone, a party word before a name, or
	// a speaker of its own.
	var rest []string
	for k := range keyCount {
		if _, ok := v.canon[k]; !ok {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		if to := v.alias(k); to != "" {
			v.canon[k] = to
			v.persons[to].keys = append(v.persons[to].keys, k)
			continue
		}
		v.addPerson([]string{k})
	}
	for _, keys := range v.bySurname {
		slices.Sort(keys)
	}
	// Labels and forms.
	for _, p := range v.persons {
		own := map[string]int{}
		all := map[string]int{}
		for i, k := range p.keys {
			for f, n := range keyForms[k] {
				all[f] += n
				if i == 0 || v.isOwn(p, k) {
					own[f] += n
				}
			}
		}
		p.label = mostFrequent(own)
		p.forms = byFrequency(all)
	}
	for surname, keys := range v.bySurname {
		if len(keys) < 2 {
			continue
		}
		if p, ok := v.persons[surname]; ok {
			for _, k := range keys {
				if l := v.persons[k].label; !slices.Contains(p.candidates, l) {
					p.candidates = append(p.candidates, l)
				}
			}
			slices.Sort(p.candidates)
		}
	}
	return v
}

// isOwn reports whether k is one of p's full-name keys rather than an
// alias.
func (v *speakerView) isOwn(p *person, k string) bool {
	words, _, gen := splitKey(k)
	core := len(words)
	if gen != "" {
		core--
	}
	return core >= 2 && !partyWords[words[0]] || k == p.key
}

// personName reports whether a display name reads as a person's: two to
// four words (a generational suffix aside), each capitalised, none an
// acronym ("SK Telecom") nor a lower-case word ("leaders of Pacific Rim
// nations").
func personName(name string) bool {
	words := strings.Fields(name)
	if n := len(words); n > 0 && generations[SpeakerKey(words[n-1])] {
		words = words[:n-1]
	}
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	// "Senior Tories", "Top Democrats": a group, whose last word is no
	// surname.
	last := strings.ToLower(words[len(words)-1])
	if groupModifiers[strings.ToLower(words[0])] || partyWords[strings.TrimSuffix(last, "s")] || last == "tories" {
		return false
	}
	for _, w := range words {
		rs := []rune(w)
		if !unicode.IsUpper(rs[0]) {
			return false
		}
		if len(rs) > 1 && unicode.IsUpper(rs[1]) && !strings.Contains(w, ".") {
			return false // an acronym, not an initial
		}
	}
	return true
}

// groupModifiers open a description of a group, never a name: "Senior
// Tories", "Some Republicans".
var groupModifiers = setOf("senior", "top", "leading", "some", "many", "most", "other", "several")

// fullMiddle reports whether the middle of a key is made of full names
// (three letters or more), as in "hillary rodham clinton", not of
// initials ("george hw bush").
func fullMiddle(key string, hasGen bool) bool {
	words := strings.Fields(key)
	end := len(words) - 1
	if hasGen {
		end--
	}
	for _, w := range words[1:end] {
		if len([]rune(w)) < 3 {
			return false
		}
	}
	return true
}

// addPerson adds a person made of keys, the first being theirs.
func (v *speakerView) addPerson(keys []string) {
	p := &person{key: keys[0], keys: keys}
	v.persons[p.key] = p
	for _, k := range keys {
		v.canon[k] = p.key
	}
}

// alias returns the person a key that is no full name stands for, or "".
func (v *speakerView) alias(key string) string {
	words := strings.Fields(key)
	switch {
	case len(words) == 1 && !v.common[key]:
		if ps := v.bySurname[words[0]]; len(ps) == 1 {
			return ps[0]
		}
	case len(words) >= 3 && partyWords[words[0]]:
		if to, ok := v.canon[strings.Join(words[1:], " ")]; ok {
			return to
		}
	}
	return ""
}

// resolve returns the person a name stands for, or nil when the index
// knows no one by that name.
func (v *speakerView) resolve(name string) *person {
	k := SpeakerKey(name)
	if k == "" {
		return nil
	}
	if to, ok := v.canon[k]; ok {
		return v.persons[to]
	}
	if to := v.alias(k); to != "" {
		return v.persons[to]
	}
	return nil
}

// canonical returns the key of the person a key belongs to: the key
// itself for a key the index does not know.
func (v *speakerView) canonical(key string) string {
	if to, ok := v.canon[key]; ok {
		return to
	}
	if to := v.alias(key); to != "" {
		return to
	}
	return key
}

// mostFrequent returns the form of a name counted most often in m; among
// equals, one written in mixed case ("Donald Trump", not "DONALD TRUMP"),
// then the shortest.
func mostFrequent(m map[string]int) string {
	best := ""
	for f, n := range m {
		if best == "" || cmp.Or(n-m[best], mixedCase(f)-mixedCase(best), len(best)-len(f), strings.Compare(best, f)) > 0 {
			best = f
		}
	}
	return best
}

// mixedCase is 1 for a name with both upper- and lower-case letters.
func mixedCase(s string) int {
	if strings.ToUpper(s) != s && strings.ToLower(s) != s {
		return 1
	}
	return 0
}

// byFrequency returns the keys of m, the most counted first, then in
// byte order.
func byFrequency(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(m[b]-m[a], strings.Compare(a, b)) })
	return out
}

// speakers returns the current view of the speakers, loading the registry
// from the quote index the first time. It must not be called with mu
// held: loading takes wmu, which Reindex holds while it waits for mu.
func (ix *Index) speakers(ctx context.Context) (*speakerView, error) {
	ix.smu.Lock()
	if ix.view != nil {
		v := ix.view
		ix.smu.Unlock()
		return v, nil
	}
	loaded := ix.registry != nil
	ix.smu.Unlock()
	if !loaded {
		// Writers change the quote index and the registry together
		// under wmu; holding it, the load sees a quiet index.
		ix.wmu.Lock()
		defer ix.wmu.Unlock()
		if ix.bl == nil {
			return nil, errClosed
		}
		ix.smu.Lock()
		defer ix.smu.Unlock()
		if ix.registry == nil {
			reg, err := speakerForms(ctx, ix.bl, bleve.NewMatchAllQuery())
			if err != nil {
				return nil, fmt.Errorf("index: load speakers: %w", err)
			}
			ix.registry = reg
		}
	} else {
		ix.smu.Lock()
		defer ix.smu.Unlock()
	}
	if ix.view == nil {
		ix.view = buildView(ix.registry)
	}
	return ix.view, nil
}

// speakerForms counts the display forms of the speakers of the quotes
// matching q (beliefs included).
func speakerForms(ctx context.Context, bl bleve.Index, q query.Query) (speakerRegistry, error) {
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.AddFacet(fSpeakers, bleve.NewFacetRequest(fSpeakers, math.MaxInt32))
	res, err := bl.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	reg := speakerRegistry{}
	if f := res.Facets[fSpeakers]; f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			reg[t.Term] += t.Count
		}
	}
	return reg, nil
}

// updateSpeakers applies to a loaded registry the change of a batch: the
// forms of the quotes it replaced go, those of its documents come. A nil
// old means the registry could not be updated: it is dropped, to be
// loaded again.
func (ix *Index) updateSpeakers(old speakerRegistry, docs [][]map[string]any) {
	ix.smu.Lock()
	defer ix.smu.Unlock()
	if ix.registry == nil {
		return
	}
	ix.view = nil
	if old == nil {
		ix.registry = nil
		return
	}
	for f, n := range old {
		if ix.registry[f] -= n; ix.registry[f] <= 0 {
			delete(ix.registry, f)
		}
	}
	for _, ds := range docs {
		for _, d := range ds {
			names, _ := d[fSpeakers].([]string)
			for _, f := range names {
				ix.registry[f]++
			}
		}
	}
}

// forgetSpeakers drops the registry, to be loaded again from the quote
// index at the next read (after Reindex).
func (ix *Index) forgetSpeakers() {
	ix.smu.Lock()
	defer ix.smu.Unlock()
	ix.registry, ix.view = nil, nil
}

// speakerFilter returns the query matching the quotes of the person the
// name stands for: their keys on the speaker_key field, or, on an index
// built before it, the display forms of those keys on the speaker field.
// A name the index does not know matches by its key alone.
func (ix *Index) speakerFilter(v *speakerView, name string) query.Query {
	var terms []string
	field := fSpeakerKey
	p := v.resolve(name)
	switch {
	case !ix.keyed.Load() && p != nil:
		field, terms = fSpeaker, p.forms
	case !ix.keyed.Load():
		field, terms = fSpeaker, []string{name}
	case p != nil:
		terms = p.keys
	default:
		terms = []string{SpeakerKey(name)}
	}
	if len(terms) == 0 || terms[0] == "" {
		return bleve.NewMatchNoneQuery()
	}
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		tq := bleve.NewTermQuery(t)
		tq.SetField(field)
		qs[i] = tq
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// speakerFacetField returns the field speakers are counted on:
// speaker_key, or speaker on an index built before it.
func (ix *Index) speakerFacetField() string {
	if ix.keyed.Load() {
		return fSpeakerKey
	}
	return fSpeaker
}

// mergeSpeakers sums the terms of a speaker facet by person and returns
// up to limit of them (all when limit <= 0), most quoted first, under
// their labels.
func mergeSpeakers(v *speakerView, f *search.FacetResult, limit int) []quotes.FacetCount {
	counts := map[string]int{}
	if f != nil && f.Terms != nil {
		for _, t := range f.Terms.Terms() {
			if k := SpeakerKey(t.Term); k != "" {
				counts[v.canonical(k)] += t.Count
			}
		}
	}
	out := make([]quotes.FacetCount, 0, len(counts))
	for k, n := range counts {
		label := k
		if p := v.persons[k]; p != nil {
			label = p.label
		}
		out = append(out, quotes.FacetCount{Term: label, Count: n})
	}
	slices.SortFunc(out, func(a, b quotes.FacetCount) int {
		return cmp.Or(b.Count-a.Count, strings.Compare(a.Term, b.Term))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

// Speaker returns the speaker a name stands for, in any of its variants
// ("donald trump", "Donald J. Trump", and "Trump" when no other Trump is
// quoted): their canonical name, key and the forms they are quoted under.
// A name the index knows no quote of is an ENOTFOUND error.
func (ix *Index) Speaker(ctx context.Context, name string) (*quotes.Speaker, error) {
	v, err := ix.speakers(ctx)
	if err != nil {
		return nil, err
	}
	p := v.resolve(name)
	if p == nil {
		return nil, quotes.Errorf(quotes.ENOTFOUND, "no speaker %q", name)
	}
	return &quotes.Speaker{
		Name:       p.label,
		Key:        p.key,
		Variants:   slices.Clone(p.forms),
		Candidates: slices.Clone(p.candidates),
	}, nil
}
