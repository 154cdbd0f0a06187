package extract

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// entity is a person or organization the article names.
type entity struct {
	name   string // the fullest name the article uses
	kind   byte   // 'p' person, 'o' organization, '?' not known
	gender string // "m", "f" or "" when not known
	// personName is set when the name reads as a person's (two or more
	// capitalized words, no organization's head word), so that "he" and
	// "she" may find an entity whose kind is not known.
	personName bool
	// genderSeen is set when the article's own pronouns or a gendered
	// title gave the gender, not the first-name list.
	genderSeen bool
	role       string // the most specific role the article gives
	affil      string // the body the article ties it to ("Thames Valley Police")
	pub        bool   // a publication: the antecedent of "the newspaper"
	// unnamed is set for a person the article never names ("a spokesman
	// for Ofcom", "an attorney for the caucus"): name is the description
	// and head its head noun, so that "he" and "the spokesman" can refer
	// back to it instead of to a named person.
	unnamed bool
	head    string
	// described holds the words of the descriptions the article sets
	// beside the name ("The CBO, the nonpartisan budget-scoring agency,";
	// "Dunmore’s chief of staff, Ivo Carr,"), so that "the agency" can
	// refer back to it.
	described map[string]bool
}

// mention is one place where the article names an entity.
type mention struct {
	s, e int
	ent  *entity
	q    int // the quote holding the mention, -1 outside quotes
}

// entities is the article's register of names.
type entities struct {
	list     []*entity
	byName   map[string]*entity // full names and surnames, lower-cased
	byAcro   map[string]*entity
	byFirst  map[string]*entity // first names of people named in full; nil when shared
	mentions []mention          // in text order

	// prior indexes, for antecedent, the offsets of each entity's
	// mentions outside quotes and parentheses; it was built when mentions
	// had priorLen of them, and is rebuilt when that changes.
	prior    map[*entity][]int
	priorLen int
}

// namedBodies are bodies named after a person or place in lower case:
// "the Trump administration", "the Clinton campaign".
var namedBodies = set(`administration government campaign`)

// maxRoleWords bounds the lower-case job words before a name: "rock
// star", "former head coach".
const maxRoleWords = 3

// orgSuffixes end an organization's name without being needed to name
// it: "BuzzFeed News" is "BuzzFeed", "Acme Corp." is "Acme".
var orgSuffixes = set(`news inc corp co ltd plc llc group holdings`)

// notNames are capitalized words that start sentences or stand in
// headlines without naming anyone.
var notNames = set(`
the a an in on at by for with from to of and or but as if when while after before
this that these those there here it its he she they we i you his her their our my
your what who why how where which so yet then also more most some many much all
both each either neither no not one two three four five six seven eight nine ten
monday tuesday wednesday thursday friday saturday sunday january february march
april may june july august september october november december mr mrs ms dr
citing according speaking asked again earlier later last next trade key maybe perhaps
had has have would could should did does is was were will can
`)

// capRun is a run of capitalized tokens: a name with its title words.
type capRun struct {
	i, j int // token range [i, j)
}

// collectEntities scans the whole article for names, their titles and
// roles, and builds the register that resolution looks names up in.
func collectEntities(d *doc) *entities {
	es := &entities{byName: map[string]*entity{}, byAcro: map[string]*entity{}, byFirst: map[string]*entity{}}
	type pending struct {
		run        capRun
		role, name []tok
		the        bool
	}
	var runs []pending
	ds, de, later := d.laterDateline()
	for k := d.datelineEnd(); k < len(d.toks); {
		if later && k >= ds && k <= de {
			k = de + 1 // the place of a dateline after the headline
			continue
		}
		t := d.toks[k]
		if !t.word || !t.cap {
			k++
			continue
		}
		j := k
		headline := d.titleCaseLine(k)
		if headline {
			j = k + 1
		}
		for !headline && j < len(d.toks) && d.toks[j].unit == t.unit && d.toks[j].q == t.q {
			u := d.toks[j]
			if j > k && nameSuffixes[strings.TrimSuffix(d.toks[j-1].low, ".")] {
				break // a suffix ends a name: "released by Trump Jr. Trump Jr. initially …"
			}
			if u.word && (u.cap || (j > k && isNameConnector(u.low) && j+1 < len(d.toks) && d.toks[j+1].cap)) {
				j++
				continue
			}
			break
		}
		i := k
		the := false
		if k > 0 && d.toks[k-1].low == "the" && d.toks[k-1].unit == t.unit {
			the = true
		}
		// Drop leading words that merely open the sentence.
		for i < j && (notNames[d.toks[i].low] || i == k && cueVerbs[d.toks[i].low] && sentenceStart(d, i)) {
			if d.toks[i].low == "the" {
				the = true
			}
			i++
		}
		// "the 8th U.S. Circuit Court of Appeals": an ordinal opens the
		// name of a body.
		if i == k && k > 0 && isOrdinal(d.toks[k-1].low) && d.toks[k-1].unit == t.unit && slices.ContainsFunc(d.toks[k:j], func(t tok) bool { return orgHeads[t.low] }) {
			i = k - 1
		}
		if i < j {
			// Split the title words off the name: "United States President
			// Donald Trump" is role "United States President", name "Donald
			// Trump".
			last := -1
			// An organization's name keeps its words: "National Foreign
			// Trade Council" has no title "Foreign".
			for m := i; m < j-1 && !orgHeads[d.toks[j-1].low]; m++ {
				if titleWords[strings.TrimSuffix(d.toks[m].low, ".")] || titleWords[d.toks[m].low] || titleWords[strings.TrimSuffix(d.toks[m].low, "s")] {
					last = m
				}
			}
			// "Grower Tobias Rennick said": a job word capitalized only
			// because it opens the sentence.
			if last < 0 && j-i >= 3 && i == k && sentenceStart(d, i) && firstNames[d.toks[i].t] == "" && (firstNames[d.toks[i+1].t] != "" || jobNouns[d.toks[i].low] || personNouns[d.toks[i].low]) {
				last = i
			}
			p := pending{run: capRun{i, j}, the: the}
			if last >= 0 {
				p.role = d.toks[i : last+1]
				p.name = d.toks[last+1 : j]
			} else {
				p.name = d.toks[i:j]
			}
			// "U.S. Affairs Josefina Vidal", "Paul Miller of Thames Valley
			// Police": the name that heads the run.
			if n := d.tokAt(p.name[0].s); len(p.name) > 1 {
				if a, b, ok := d.headOfPhrase(n, n+len(p.name)); ok && (a > n || b < n+len(p.name)) {
					p.role = d.toks[i:a]
					p.name = d.toks[a:b]
				}
			}
			runs = append(runs, p)
		}
		k = j
	}
	// Words the article uses as places ("in Cuba", "to Havana") are no
	// first names: "Cuba Educational Travel" is nobody's "Cuba".
	places := map[string]bool{}
	for k := 1; k < len(d.toks); k++ {
		if d.toks[k].cap && placePreps[d.toks[k-1].low] || d.toks[k].cap && d.toks[k-1].low == "to" && k+1 < len(d.toks) && !d.toks[k+1].cap {
			places[d.toks[k].t] = true
		}
	}
	// "Trump Jr." is Donald Trump Jr., wherever the article names him
	// in full: a surname and a generational suffix are a short form of
	// the full name, not a name of their own.
	suffixed := map[string]bool{}
	for _, p := range runs {
		if n := len(p.name); n >= 3 && nameSuffixes[strings.TrimSuffix(p.name[n-1].low, ".")] {
			suffixed[suffixKey(p.name[n-2:])] = true
		}
	}
	// First pass: multi-word names and titled names define entities.
	for _, p := range runs {
		name := joinToks(d.text, p.name)
		if name == "" {
			continue
		}
		if len(p.name) == 2 && suffixed[suffixKey(p.name)] {
			continue // attached to the full name in the second pass
		}
		low := strings.ToLower(name)
		headOrg := orgHeads[strings.ToLower(p.name[len(p.name)-1].t)]
		e := es.byName[low]
		if e == nil && len(p.name) == 1 && len(p.role) > 0 {
			// "President Trump": attach to a known surname later.
			continue
		}
		if e == nil && len(p.name) < 2 && !(headOrg && d.standsAlone(p.run.i, p.the)) {
			continue
		}
		if e == nil {
			e = &entity{name: name, kind: '?', personName: personLikeName(name)}
			es.list = append(es.list, e)
			es.byName[low] = e
		}
		if k := p.run.i - 1; k >= 0 && d.toks[k].unit == d.toks[p.run.i].unit && pubIntro[d.toks[k].low] && len(p.role) == 0 {
			e.kind, e.pub = 'o', true // "Madrid daily Diario Sol"
		}
		switch {
		case headOrg || p.the:
			if e.kind == '?' {
				e.kind = 'o'
			}
			if p.the && p.run.i > 0 && d.toks[p.run.i-1].t == "The" && d.toks[p.run.i-1].unit == d.toks[p.run.i].unit && !sentenceStart(d, p.run.i-1) {
				e.name = "The " + strings.TrimPrefix(e.name, "The ")
			}
			e.pub = e.pub || pubHeads[strings.ToLower(p.name[len(p.name)-1].t)]
		case len(p.role) > 0:
			e.kind = 'p'
		case firstNames[p.name[0].t] != "":
			e.kind = 'p'
		}
		if g := firstNames[p.name[0].t]; g != "" && e.gender == "" && len(p.name) >= 2 {
			e.gender = g
		}
		if len(p.role) > 0 {
			setRole(e, d.text, p.role)
		}
		if n := len(p.name); n >= 3 && nameSuffixes[strings.TrimSuffix(p.name[n-1].low, ".")] {
			es.byName[suffixKey(p.name[n-2:])] = e
			es.byName[strings.ToLower(joinToks(d.text, p.name[n-2:]))] = e // "trump jr."
		}
		if e.kind == 'p' || e.kind == '?' {
			sur := strings.ToLower(p.name[len(p.name)-1].t)
			if old, ok := es.byName[sur]; !ok || old == e {
				es.byName[sur] = e
			}
			// "Ozzy" and "Sharon" for Ozzy and Sharon Osbourne: a first
			// name alone names the one person the article gives it to.
			if first := strings.ToLower(p.name[0].t); len(p.name) >= 2 && (e.kind == 'p' || e.personName && !nationalities[p.name[0].t] && !places[p.name[0].t]) {
				if old, ok := es.byFirst[first]; !ok {
					es.byFirst[first] = e
				} else if old != e {
					es.byFirst[first] = nil // two people share it
				}
			}
		}
		if e.kind == 'o' || e.kind == '?' {
			if acro := acronym(p.name); len(acro) >= 2 {
				es.byAcro[acro] = e
			}
			// "BuzzFeed News" is also "BuzzFeed"; "Acme Corp." "Acme".
			if n := len(p.name); n >= 2 && orgSuffixes[strings.TrimSuffix(p.name[n-1].low, ".")] {
				short := strings.ToLower(joinToks(d.text, p.name[:n-1]))
				if _, ok := es.byName[short]; !ok {
					es.byName[short] = e
				}
			}
		}
	}
	// Single names: "Spanish daily ABC", "according to BT", "as Marca
	// focuses". A word written in capitals mid-sentence (or an acronym)
	// that no fuller name explains is an entity of its own; the words
	// before it may say it is a publication or an organization.
	midSentence := map[string]bool{}
	for _, p := range runs {
		if len(p.name) == 1 && len(p.role) == 0 && !sentenceStart(d, p.run.i) && !d.titleCaseLine(p.run.i) {
			midSentence[p.name[0].t] = true
		}
	}
	for _, p := range runs {
		if len(p.name) != 1 || len(p.role) != 0 || d.titleCaseLine(p.run.i) {
			continue
		}
		t := p.name[0]
		low := t.low
		if es.byName[low] != nil || es.byAcro[t.t] != nil || es.byFirst[low] != nil || !singleName(t) ||
			!midSentence[t.t] && !isAcronym(t.t) {
			continue
		}
		if k := p.run.i - 1; k >= 0 && d.toks[k].isPossessive() {
			continue // "St. Luke's Hospital"
		}
		if k := p.run.i + 1; k < len(d.toks) && d.toks[k].t == "(" && isAcronym(t.t) {
			continue // a dateline's place: "OSLO (Reuters) -"
		}
		e := &entity{name: t.t, kind: '?'}
		if k := p.run.i - 1; k >= 0 && d.toks[k].unit == t.unit {
			switch w := d.toks[k].low; {
			case pubIntro[w]:
				e.kind, e.pub = 'o', true
			case orgNouns[w]:
				e.kind = 'o'
			}
		}
		es.list = append(es.list, e)
		es.byName[low] = e
	}
	// Second pass: record every mention, attaching surnames and titled
	// surnames to the entities above.
	for _, p := range runs {
		name := joinToks(d.text, p.name)
		low := strings.ToLower(name)
		e := es.byName[low]
		if e == nil && len(p.name) == 2 {
			e = es.byName[suffixKey(p.name)]
		}
		if e == nil && len(p.name) == 1 {
			// "EA" for Electronic Arts: a name the article shortens to its
			// initials is an organization's, so "he" is never it; a
			// person's initials met by chance in an everyday acronym
			// ("US" for Ulrich Schulte, "CD" for Cat Deeley) leave them a
			// person.
			if e = es.byAcro[p.name[0].t]; e != nil && e.kind == '?' && !commonAcronyms[p.name[0].low] {
				e.kind = 'o'
			}
		}
		if e == nil && len(p.name) == 1 {
			e = es.byFirst[low]
		}
		if e == nil {
			if len(p.role) == 0 {
				continue
			}
			// A titled single name never seen in full: an entity of its own.
			e = &entity{name: name, kind: 'p'}
			es.list = append(es.list, e)
			es.byName[low] = e
		}
		if len(p.role) > 0 {
			e.kind = 'p'
			setRole(e, d.text, p.role)
			for _, r := range p.role {
				if g := honorificGender[r.low]; g != "" && !e.genderSeen {
					e.gender, e.genderSeen = g, true
				}
			}
		}
		// "Rock star Ozzy Osbourne", "rapper Kez Monroe": lower-case job
		// words before the name are its role.
		if len(p.role) == 0 && e.role == "" {
			a := p.run.i
			for a > 0 && p.run.i-a < maxRoleWords && d.toks[a-1].word && !d.toks[a-1].cap && personNoun(d.toks[a-1].low) && d.toks[a-1].unit == d.toks[p.run.i].unit {
				a--
			}
			if a < p.run.i {
				if a > 0 && d.toks[a-1].cap && d.toks[a-1].word && d.toks[a-1].unit == d.toks[a].unit {
					a-- // "Rock star"
				}
				setRole(e, d.text, d.toks[a:p.run.i])
			}
		}
		es.mentions = append(es.mentions, mention{s: d.toks[p.run.i].s, e: d.toks[p.run.j-1].e, ent: e, q: d.toks[p.run.i].q})
	}
	// "the Trump administration", "the Clinton campaign": a body named
	// after a person or a place.
	for _, p := range runs {
		j := p.run.j
		if !p.the || j >= len(d.toks) || !namedBodies[d.toks[j].low] || d.toks[j].unit != d.toks[p.run.i].unit {
			continue
		}
		name := joinToks(d.text, d.toks[p.run.i:j+1])
		low := strings.ToLower(name)
		e := es.byName[low]
		if e == nil {
			e = &entity{name: name, kind: 'o'}
			es.list = append(es.list, e)
			es.byName[low] = e
		}
		es.addMention(mention{s: d.toks[p.run.i].s, e: d.toks[j].e, ent: e, q: d.toks[p.run.i].q})
	}
	d.ents = es
	d.appositives()
	d.unnamedSubjects()
	genderFromPronouns(d, es)
	return es
}

// appositives reads the descriptions set beside a name outside quotes,
// after it ("The CBO, the nonpartisan budget-scoring agency, said") or
// before it ("Trump’s White House attorney, Ty Cobb, declined"): their
// words tie later descriptions to the entity, and a description of a
// person or of a body tells the entity's kind.
// suffixKey is the key a surname and its generational suffix are found
// by: "trump jr" for "Trump Jr." and "Trump Jr".
func suffixKey(ts []tok) string {
	return strings.ToLower(ts[0].t) + " " + strings.TrimSuffix(ts[1].low, ".")
}

func (d *doc) appositives() {
	for _, m := range d.ents.mentions {
		if m.q >= 0 || m.ent.unnamed {
			continue
		}
		a, b := d.tokAt(m.s), d.tokAt(m.e)
		if b < len(d.toks) && d.toks[b].t == "," {
			// The appositive runs to the next comma or the end of the
			// sentence, and holds no verb: "Colin Lavery, head of Island
			// Travel." but not "Smith, who said …".
			lo := b + 1
			hi := lo
			clause := false
			for hi < len(d.toks) && hi-lo < maxAppositiveWords && d.toks[hi].unit == d.toks[a].unit && d.toks[hi].t != "," && d.toks[hi].t != ")" && d.toks[hi].q < 0 {
				if w := d.toks[hi].low; !d.toks[hi].cap && (finiteVerbs[w] || cueVerbs[w] || w == "who" || w == "which" || w == "that") {
					clause = true
				}
				hi++
			}
			end := hi < len(d.toks) && d.toks[hi].t == "," || hi == len(d.toks) || d.toks[hi].unit != d.toks[a].unit
			if hi > lo && !clause && end {
				d.describe(m.ent, lo, hi)
			}
		}
		if a >= 2 && d.toks[a-1].t == "," {
			start, _ := d.unitBounds(a)
			if a-1-start <= maxAppositiveDescription && d.describesPerson(start, a-1) {
				d.describe(m.ent, start, a-1)
			}
		}
	}
}

// sentenceEndAt reports whether token k ends its sentence unit.
func sentenceEndAt(d *doc, k int) bool {
	return k+1 >= len(d.toks) || d.toks[k+1].unit != d.toks[k].unit
}

// describe ties the description toks[lo:hi] to e, when its words name a
// person or a body.
func (d *doc) describe(e *entity, lo, hi int) {
	person, body := false, false
	for k := lo; k < hi; k++ {
		w := d.toks[k].low
		if !d.toks[k].word {
			continue
		}
		if affiliationPreps[w] || prepositions[w] {
			break // "a senior project manager at Nokia": Nokia is not described
		}
		person = person || personNoun(w)
		body = body || orgNouns[w] || pubNouns[w]
	}
	if !person && !body {
		return
	}
	if e.described == nil {
		e.described = map[string]bool{}
	}
	for k := lo; k < hi; k++ {
		if w := d.toks[k].low; d.toks[k].word && !determiners[w] {
			if affiliationPreps[w] || prepositions[w] {
				break
			}
			e.described[w] = true
		}
	}
	if e.kind == '?' {
		switch {
		case person && !body:
			e.kind = 'p'
		case body && !person:
			e.kind = 'o'
		}
	}
}

// unnamedSubjects records the unnamed people who open a clause as its
// subject, "a spokesman for Ofcom said", "but an attorney for the caucus
// criticized the move", so that a pronoun after them can refer to them.
func (d *doc) unnamedSubjects() {
	for k := 0; k < len(d.toks); k++ {
		t := d.toks[k]
		if t.low != "a" && t.low != "an" || !d.opensSubject(k) {
			continue
		}
		h := k + 1
		for h < len(d.toks) && h-k <= maxAnaphoricModifiers+2 && d.toks[h].word && !personNoun(d.toks[h].low) {
			h++
		}
		if h >= len(d.toks) || !personNoun(d.toks[h].low) || d.toks[h].unit != t.unit {
			continue
		}
		end := h + 1
		if end < len(d.toks) && affiliationPreps[d.toks[end].low] || end < len(d.toks) && d.toks[end].low == "for" {
			j := end + 1
			for j < len(d.toks) && d.toks[j].unit == t.unit && (d.toks[j].cap || d.toks[j].low == "the" || isNameConnector(d.toks[j].low) && j+1 < len(d.toks) && d.toks[j+1].cap) {
				j++
			}
			if j > end+1 && d.toks[j-1].cap {
				end = j
			}
		}
		if end >= len(d.toks) || !d.toks[end].word || d.toks[end].cap {
			continue // not followed by its verb
		}
		name := d.text[t.s:d.toks[end-1].e]
		name = strings.ToLower(name[:1]) + name[1:]
		d.unnamedEntity(t.s, d.toks[end-1].e, name)
		k = end
	}
}

// opensSubject reports whether token k opens a clause whose subject it
// may begin: the start of a sentence, or a conjunction after a comma ("…,
// but an attorney …").
func (d *doc) opensSubject(k int) bool {
	if sentenceStart(d, k) {
		return true
	}
	p := k - 1
	if conjunctionOpeners[d.toks[p].low] && p > 0 {
		return sentenceStart(d, p) || d.toks[p-1].t == "," || d.toks[p-1].t == ";"
	}
	return false
}

// isOrdinal reports whether the lower-cased word w is an ordinal written
// in digits: "8th", "2nd", "101st".
func isOrdinal(w string) bool {
	n := len(w)
	if n < 3 || w[0] < '0' || w[0] > '9' {
		return false
	}
	switch w[n-2:] {
	case "st", "nd", "rd", "th":
		return strings.Trim(w[:n-2], "0123456789") == ""
	}
	return false
}

func sentenceStart(d *doc, k int) bool {
	return k == 0 || d.toks[k-1].unit != d.toks[k].unit || d.toks[k-1].t == "“" || d.toks[k-1].t == "\""
}

func isNameConnector(w string) bool {
	switch w {
	case "de", "del", "della", "der", "van", "von", "da", "du", "la", "le", "al", "bin", "ibn", "of":
		return true
	}
	return false
}

// setAffiliation keeps the words toks[lo:hi] before a name as e's role
// when it has none: "Global Insight analyst", "ABN Amro’s".
func (d *doc) setAffiliation(e *entity, lo, hi int) {
	if e.role == "" {
		setRole(e, d.text, d.toks[lo:hi])
	}
}

// setRole keeps the most specific role seen for e.
func setRole(e *entity, text string, role []tok) {
	r := joinToks(text, role)
	if len(r) > len(e.role) {
		e.role = r
	}
}

func joinToks(text string, ts []tok) string {
	if len(ts) == 0 {
		return ""
	}
	return text[ts[0].s:ts[len(ts)-1].e]
}

// acronym returns the initials of a multi-word name ("Wall Street Journal"
// → "WSJ"), skipping connectors and a leading "The".
func acronym(name []tok) string {
	var b strings.Builder
	for _, t := range name {
		if t.low == "the" || isNameConnector(t.low) {
			continue
		}
		b.WriteString(strings.ToUpper(t.t[:1]))
	}
	return b.String()
}

// datelineEnd returns the first token after the dateline that opens an
// agency's story ("SÃO PAULO —", "WASHINGTON (Reuters) -"): a place in
// capitals, perhaps the agency in parentheses, and a dash. The place is
// no entity of the story; the agency is kept (it is the outlet). It
// returns 0 when the article opens otherwise.
// contentStart returns the offset where the article's text starts after
// its dateline ("OTTAWA —", "WASHINGTON (Reuters) -"), or 0.
func (d *doc) contentStart() int {
	k := d.datelineEnd()
	if k == 0 {
		if _, dash, ok := d.laterDateline(); ok && dash+1 < len(d.toks) {
			return d.toks[dash+1].s
		}
		return 0
	}
	for n := k; n < len(d.toks) && n-k < maxDatelineWords; n++ {
		switch d.toks[n].t {
		case "—", "–", "-":
			if n+1 < len(d.toks) {
				return d.toks[n+1].s
			}
		}
	}
	return 0
}

func (d *doc) datelineEnd() int {
	k := 0
	for k < len(d.toks) && k < maxDatelineWords && d.toks[k].word && isAcronym(strings.ReplaceAll(d.toks[k].t, "Ã", "A")) {
		k++
	}
	if k == 0 || k >= len(d.toks) {
		return 0
	}
	p := k
	if d.toks[p].t == "(" {
		return k // the agency in parentheses stays a mention
	}
	switch d.toks[p].t {
	case "—", "–", "-":
		return p
	case ",":
		if dash := d.datelineRegion(p); dash > 0 {
			return dash
		}
	}
	return 0
}

// datelineRegion reads the region after a dateline's place and its comma
// at token p ("DECATUR, Ill. —", "BELFAST, Northern Ireland -") and
// returns the token of the dash that ends it, or 0.
func (d *doc) datelineRegion(p int) int {
	for n := p + 1; n < len(d.toks) && n-p <= maxDatelineWords+2; n++ {
		t := d.toks[n]
		switch {
		case t.t == "—" || t.t == "–" || t.t == "-":
			if n > p+1 {
				return n
			}
			return 0
		case t.word && t.cap, t.t == ".":
		default:
			return 0
		}
	}
	return 0
}

// laterDateline finds a dateline that opens the paragraph after a
// headline ("Cruz: ‘…’\n\nDECATUR, Ill. — Sen. Ted Cruz …"), not the
// text: it returns the tokens of its place and of the dash after it.
func (d *doc) laterDateline() (start, dash int, ok bool) {
	if len(d.paras) < 2 {
		return 0, 0, false
	}
	st := d.tokAt(d.paras[1].s)
	if st == 0 || st >= len(d.toks) || st > maxHeadlineWords {
		return 0, 0, false
	}
	k := st
	for k < len(d.toks) && k-st < maxDatelineWords && d.toks[k].word && isAcronym(d.toks[k].t) {
		k++
	}
	if k == st || k >= len(d.toks) {
		return 0, 0, false
	}
	switch d.toks[k].t {
	case "—", "–", "-":
		return st, k, true
	case ",":
		if n := d.datelineRegion(k); n > 0 {
			return st, n, true
		}
	}
	return 0, 0, false
}

// maxHeadlineWords is the longest headline, in tokens, a dateline may
// follow in the paragraph after it.
const maxHeadlineWords = 30

// maxDatelineWords is the longest place name a dateline opens with.
const maxDatelineWords = 4

// standsAlone reports whether the one-word organization name at token k
// names a body by itself ("the Pentagon", "(Reuters)"), not a common noun
// opening a sentence or ending a possessive name ("St. Luke's Hospital").
func (d *doc) standsAlone(k int, the bool) bool {
	if k > 0 && d.toks[k-1].isPossessive() || genericOrgHeads[d.toks[k].low] {
		return false
	}
	return the || !sentenceStart(d, k)
}

// singleName reports whether the capitalized word t may name an entity on
// its own: not a title, a job, a nationality, a number, a first name or a
// word that merely opens sentences.
func singleName(t tok) bool {
	w := strings.TrimSuffix(t.low, ".")
	return len(t.t) >= 2 && !notNames[w] && !orgHeads[w] && !titleWords[t.low] && !titleWords[w] && !jobNouns[w] &&
		!nationalities[t.t] && !numberWords[w] && firstNames[t.t] == "" && !partyWords[w] && !cueVerbs[w] &&
		strings.IndexFunc(t.t, unicode.IsDigit) < 0
}

// isAcronym reports whether w is written in capitals: "BT", "ABC".
func isAcronym(w string) bool {
	if len(w) < 2 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) && r != '.' {
			return false
		}
	}
	return true
}

// genderFromPronouns learns a person's gender from "NAME said (that) she".
func genderFromPronouns(d *doc, es *entities) {
	for mi, m := range es.mentions {
		if m.ent.genderSeen || m.ent.kind == 'o' || m.q >= 0 {
			continue
		}
		k := d.tokAt(m.e)
		if k >= len(d.toks) || !d.opensClause(d.tokAt(m.s)) {
			continue
		}
		// The first gendered pronoun of the subject's own sentence, before
		// anyone else is named: "Senate candidate Norah Vance opened her
		// campaign", "Trump said he …".
		next := len(d.toks)
		if mi+1 < len(es.mentions) {
			next = d.tokAt(es.mentions[mi+1].s)
		}
		unit := d.toks[k].unit
		for ; k < next && k < len(d.toks) && d.toks[k].unit == unit && k-d.tokAt(m.e) < maxGenderReach; k++ {
			t := d.toks[k]
			if t.q >= 0 {
				break
			}
			if g := pronounGender[t.low]; g != "" {
				m.ent.gender, m.ent.genderSeen = g, true
				break
			}
		}
	}
}

// maxGenderReach is how many tokens after a subject its gendered pronoun
// may stand.
const maxGenderReach = 12

// pronounGender gives the gender of the pronouns that have one.
var pronounGender = map[string]string{
	"he": "m", "him": "m", "his": "m", "himself": "m",
	"she": "f", "her": "f", "hers": "f", "herself": "f",
}

// np is a noun phrase attached to a quote as its speaker, with what it
// resolves to.
type np struct {
	s, e  int
	text  string
	parts []span // the conjuncts of "Both A and B"
	q     int    // the quote holding the phrase, -1 outside
	// resolved
	ents []*entity
	name []string
	how  []resolvedBy
}

// speakerHistory remembers resolved speakers in text order, for "the
// president" and pronouns.
type speakerHistory struct {
	ents []*entity
	pos  []int // the offset of each speaker's mention, ascending
}

// resolve turns the attached mentions of all found quotes into canonical
// names, in text order of the mentions.
func (d *doc) resolve() {
	order := make([]int, len(d.found))
	for i := range order {
		order[i] = i
	}
	pos := func(i int) int {
		if f := d.found[i]; f.subj != nil {
			return f.subj.s
		}
		return d.found[i].s
	}
	sortInts(order, func(a, b int) bool { return pos(a) < pos(b) })
	var hist speakerHistory
	cache := map[*np]bool{}
	for _, i := range order {
		f := &d.found[i]
		if f.subj == nil {
			continue
		}
		if !cache[f.subj] {
			d.resolveNP(f.subj, &hist)
			cache[f.subj] = true
		}
		f.mention = f.subj.text
		f.ms, f.me = f.subj.s, f.subj.e
		f.speakers = f.subj.name
		if len(f.subj.name) > 0 {
			f.speaker = f.subj.name[0]
		}
		// A speaker is an entity: never a fragment, an adjective, a place
		// cut out of a description or words of the quote. The quote keeps
		// its place with no speaker instead.
		if len(f.speakers) > 1 {
			f.speakers = slices.DeleteFunc(slices.Clone(f.speakers), func(n string) bool { return !plausibleSpeaker(n) })
			if len(f.speakers) > 0 {
				f.speaker = f.speakers[0]
			} else {
				f.speaker = ""
			}
		} else if !plausibleSpeaker(f.speaker) {
			f.speaker, f.speakers = "", nil
		}
		if f.speaker != "" {
			f.confidence = 1
			for _, how := range f.subj.how {
				f.confidence = min(f.confidence, confidence(how, f.continued))
			}
		}
		if len(f.subj.ents) > 0 && f.subj.ents[0] != nil {
			f.role = f.subj.ents[0].role
		}
	}
}

func sortInts(a []int, less func(a, b int) bool) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && less(a[j], a[j-1]); j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// resolveNP resolves one speaker phrase.
func (d *doc) resolveNP(p *np, hist *speakerHistory) {
	parts := p.parts
	if len(parts) == 0 {
		parts = []span{{p.s, p.e}}
	}
	for _, part := range parts {
		part = d.trimOpeners(part)
		r := d.resolveOne(part, p.q, hist)
		p.ents = append(p.ents, r.ent)
		p.name = append(p.name, r.name)
		p.how = append(p.how, r.how)
		if r.ent == nil && r.how == unnamedSource {
			if e := d.unnamedEntity(part.s, part.e, r.name); e != nil {
				r.ent, r.name = e, e.name
			}
		}
		if r.ent != nil {
			hist.ents = append(hist.ents, r.ent)
			hist.pos = append(hist.pos, part.s)
		}
	}
}

// trimOpeners drops the words that open a sentence before a speaker's
// name without naming anyone: "But Mutu", "And Ms Lee", "However Smith".
// The phrase is kept whole when nothing would be left.
func (d *doc) trimOpeners(sp span) span {
	k, end := d.tokAt(sp.s), d.tokAt(sp.e)
	for k+1 < end && d.toks[k].cap && (conjunctionOpeners[d.toks[k].low] || adverbOpeners[d.toks[k].low]) {
		k++
	}
	if k < len(d.toks) && d.toks[k].s > sp.s {
		sp.s = d.toks[k].s
	}
	return sp
}

// conjunctionOpeners are the conjunctions a sentence may open with before
// its subject.
var conjunctionOpeners = set(`but and so yet or also then`)

// resolveOne resolves the phrase text[sp.s:sp.e] found in quote q.
func (d *doc) resolveOne(sp span, q int, hist *speakerHistory) resolution {
	text := strings.TrimSpace(d.text[sp.s:sp.e])
	low := strings.ToLower(text)
	if g, ok := pronouns[text]; ok {
		// A pronoun is never a speaker's name: resolved, or left empty
		// (the mention still says what the article wrote).
		if low == "i" || low == "we" || low == "they" {
			return resolution{}
		}
		if g == "o" && low != "it" {
			return resolution{}
		}
		if e, margin := d.antecedent(sp.s, q, g, hist); e != nil {
			if g != "o" && e.gender == "" {
				e.gender, e.genderSeen = g, true
			}
			if g == "o" && e.kind == '?' {
				e.kind = 'o' // the article calls it "it"
			}
			how := byPronoun
			if margin < pronounClearMargin || g == "o" {
				how = byPronounClose
			}
			return resolution{e, e.name, how}
		}
		return resolution{}
	}
	// "Marca's headline", "the company's statement": a document speaks
	// for whoever owns it.
	if lo, hi := d.tokAt(sp.s), d.tokAt(sp.e); hi-lo >= 3 {
		for k := lo + 1; k < hi-1; k++ {
			if d.toks[k].isPossessive() {
				if h := d.toks[k+1 : hi]; d.toks[k-1].cap && !determiners[d.toks[lo].low] && docNouns[h[len(h)-1].low] && !slices.ContainsFunc(h, func(t tok) bool { return prepositions[t.low] }) {
					return d.resolveOne(span{sp.s, d.toks[k-1].e}, q, hist)
				}
				break
			}
		}
	}
	// "the lawyer for former adviser Michael Flynn": someone unnamed
	// who speaks for the person named, not that person (as "a
	// spokesman for …" below).
	if f := strings.Fields(low); len(f) > 3 && f[0] == "the" && agentNouns[f[1]] && f[2] == "for" {
		return resolution{name: "the " + text[4:], how: unnamedSource}
	}
	// "his spokeswoman", "her lawyer": someone unnamed who speaks for
	// the person the pronoun refers to.
	if f := strings.Fields(low); len(f) == 2 && possessivePronouns[f[0]] != "" && personNoun(f[1]) {
		if e, margin := d.antecedent(sp.s, q, possessivePronouns[f[0]], hist); e != nil && !e.unnamed && margin >= pronounClearMargin {
			return resolution{name: e.name + "’s " + f[1], how: unnamedSource}
		}
	}
	bare := strings.TrimPrefix(strings.TrimPrefix(low, "the "), "both ")
	// "Global Insight analyst Howard Archer", "Paul Miller of Thames
	// Valley Police": the name that heads the phrase.
	if isUpperStart(text) && d.ents.byName[bare] == nil && !indefiniteDescription(low) {
		lo, hi := d.tokAt(sp.s), d.tokAt(sp.e)
		if a, b, ok := d.headOfPhrase(lo, hi); ok && (a > lo || b < hi) {
			core := span{d.toks[a].s, d.toks[b-1].e}
			if r := d.resolveOne(core, q, hist); r.ent != nil {
				if a > lo {
					d.setAffiliation(r.ent, lo, a)
				}
				return r
			}
		}
	}
	// A name the register knows, whole, as a surname or as an acronym.
	words := strings.Fields(text)
	if e := d.ents.byName[bare]; e != nil {
		return resolution{e, e.name, nameResolution(len(strings.Fields(bare)))}
	}
	if len(words) > 0 {
		lastW := strings.Trim(words[len(words)-1], ",.")
		if e := d.ents.byAcro[lastW]; e != nil {
			return resolution{e, e.name, byPartName}
		}
	}
	if e := d.ents.byFirst[bare]; e != nil && len(words) == 1 {
		return resolution{e, e.name, byPartName}
	}
	// "a report published Friday by the Wall Street Journal"
	if i := strings.LastIndex(low, " by "); i >= 0 {
		if r := d.resolveOne(span{sp.s + i + 4, sp.e}, q, hist); r.ent != nil {
			return r
		}
	}
	// A capitalized phrase with its title words: "President Trump",
	// "Mexican President Claudia Sheinbaum".
	fields := strings.Fields(bare)
	lastTitle := -1 // the last title or job word: what comes before it may be stripped
	for k, f := range fields {
		if w := strings.TrimSuffix(f, "."); titleWords[f] || titleWords[w] || jobNouns[w] {
			lastTitle = k
		}
	}
	for k := 1; k < len(fields); k++ {
		if affiliationPreps[fields[k-1]] || prepositions[fields[k-1]] {
			break // "the senator from Wisconsin" is no Wisconsin
		}
		if partyWords[fields[k-1]] && !titleWords[fields[k-1]] && k == len(fields)-1 {
			break // "The Liberal Democrats" are not the Democrats
		}
		if k-1 > lastTitle && !nationalityWord(fields[k-1]) && !partyWords[fields[k-1]] {
			break // "Foreign Ministry" is no "Ministry"; "County Commissioner" may go
		}
		if e := d.ents.byName[strings.Join(fields[k:], " ")]; e != nil {
			return resolution{e, e.name, nameResolution(len(fields) - k)}
		}
	}
	// The head noun stands before any postmodifier: "the head of a small
	// travel company" is a head, not a company.
	head, modifiers := "", 0
	if len(fields) > 0 {
		head = descriptionHead(fields)
		modifiers = slices.Index(fields, head)
		if modifiers < 0 {
			modifiers = len(fields) - 1
		}
	}
	// Descriptions: "the newspaper", "the report", "the president".
	if pubNouns[head] && (strings.HasPrefix(low, "the ") || strings.HasPrefix(low, "a ")) {
		// "the paper" is the publication in view; "a preliminary Ofcom
		// report" is a document of its own.
		if e := d.recentPub(sp.s); e != nil && strings.HasPrefix(low, "the ") {
			return resolution{e, e.name, byDescription}
		}
		if !orgNouns[head] {
			return resolution{name: text, how: unnamedSource}
		}
		// "the agency" with no news agency in view: a body, below.
	}
	lastOrig := ""
	if f := strings.Fields(text); len(f) > 0 {
		lastOrig = f[len(f)-1]
	}
	definite := strings.HasPrefix(low, "the ") && !isUpperStart(lastOrig)
	if definite || len(fields) == 1 && titleWords[head] {
		if e := d.describedEntity(sp.s, q, head, modifiers, hist); e != nil {
			return resolution{e, e.name, byDescription}
		}
		// A description never resolved: "the regional health authority";
		// a title alone ("DR said") stays as written.
		if !strings.HasPrefix(low, "the ") {
			return resolution{name: low, how: unnamedSource}
		}
		return resolution{name: "the " + text[4:], how: unnamedSource}
	}
	if r, _ := utf8.DecodeRuneInString(text); unicode.IsUpper(r) && len(fields) == 1 && (sourceNouns[head] || jobNouns[strings.TrimSuffix(head, "s")] || docNouns[head] && strings.HasSuffix(head, "s")) {
		// "Analysts said", "Surveys show": a description capitalized
		// only because it opens the sentence.
		return resolution{name: low, how: unnamedSource}
	}
	if indefiniteDescription(low) {
		// "A spokesman for the Shareholders United": someone unnamed,
		// not the body named after "for".
		return resolution{name: strings.ToLower(text[:1]) + text[1:], how: unnamedSource}
	}
	if isUpperStart(text) {
		// A capitalized name never seen before: a person or organization
		// in its own right; the entity tagger tells which.
		name := text
		if strings.HasPrefix(name, "The ") && !d.midSentenceThe(sp.s) {
			name = strings.TrimPrefix(name, "The ")
		}
		if genericOrgHeads[strings.ToLower(name)] {
			// "The Department said": a description, not a name.
			return resolution{name: strings.ToLower(text), how: unnamedSource}
		}
		e := &entity{name: name, kind: d.x.entityKind(d.text, d.window(sp), text), personName: personLikeName(name)}
		d.ents.list = append(d.ents.list, e)
		d.ents.byName[strings.ToLower(name)] = e
		return resolution{e, name, byNewName}
	}
	// "the Northern Lenders' Association": a name after the article.
	if strings.HasPrefix(text, "the ") && isUpperStart(text[4:]) && !slices.ContainsFunc(strings.Fields(text[4:]), func(w string) bool { return !isUpperStart(w) && !isNameConnector(w) }) {
		if r := d.resolveOne(span{sp.s + 4, sp.e}, q, hist); r.ent != nil {
			return r
		}
	}
	return resolution{name: text, how: unnamedSource}
}

// indefiniteDescription reports whether the lower-cased phrase low is an
// indefinite description of a person: "a spokesman for the Shareholders
// United", "an official at the Bank of England".
func indefiniteDescription(low string) bool {
	f := strings.Fields(low)
	if len(f) < 2 {
		return false
	}
	switch f[0] {
	case "a", "an", "another":
		// "A milder review", "a spokesman for the company": a
		// description, whatever its head.
		return true
	case "one":
		return personNoun(descriptionHead(f[1:]))
	}
	return false
}

// possessivePronouns give the gender of the antecedent of a possessive
// pronoun ("o" for "its").
var possessivePronouns = map[string]string{"his": "m", "her": "f", "its": "o"}

func (d *doc) midSentenceThe(i int) bool {
	k := d.tokAt(i)
	return k > 0 && k < len(d.toks) && !sentenceStart(d, k)
}

func isUpperStart(s string) bool {
	return s != "" && s[0] >= 'A' && s[0] <= 'Z'
}

// Salience weights of a pronoun's candidate antecedents. A candidate
// scores for being recent, for being the subject of its sentence, for
// being the speaker of the run of quotes the pronoun continues, and for a
// gender that agrees with the pronoun; a gender that disagrees rules it
// out. The weights are in units of one sentence of distance.
const (
	salienceSubject     = 2.0 // the mention opens its sentence
	salienceLastSpeaker = 3.0 // the latest resolved speaker before the pronoun
	salienceSpeaker     = 1.0 // any earlier speaker within reach
	salienceGenderKnown = 1.5 // gender agrees, as the article's own pronouns or a title show
	salienceGenderPrior = 1.0 // gender agrees by the first-name list only
	salienceReachUnits  = 8   // sentences back a pronoun may reach
	salienceUnknownKind = 1.0 // "he" or "she" for a name nothing showed to be a person's
	// The article's main people are mentioned often: each mention before
	// the pronoun adds salienceProminence, up to salienceProminenceCap
	// mentions.
	salienceProminence    = 0.5
	salienceProminenceCap = 3
	salienceSameSentence  = 0.5 // a mention in the pronoun's own sentence, before it
	// Of two subjects in one sentence ("Briggs did not respond, but an
	// attorney criticized the ruling"), the later one's clause is nearer.
	salienceLatestClause = 2.0
	// A name in a possessive ("Mr Howard's letter") only qualifies
	// another noun; it is seldom what a pronoun after it refers to.
	saliencePossessive = 1.0
)

// antecedent finds the entity a pronoun of gender g ("m", "f", or "o" for
// "it") at offset i refers to: first among the names inside quote q (a
// pronoun in a quote refers to names in it), then by salience among the
// mentions and speakers before it.
func (d *doc) antecedent(i, q int, g string, hist *speakerHistory) (*entity, float64) {
	ms := d.ents.mentions
	fits := func(e *entity) bool {
		if g == "o" {
			// An organization, or a name of unknown kind no pronoun or
			// first name has made a person ("Larchmont Foods").
			return e.kind == 'o' || e.kind == '?' && (!e.personName || e.gender == "")
		}
		if g != "" && groupName(e.name) {
			return false // "he" is never "Congressional Republicans"
		}
		return (e.kind == 'p' || e.kind == '?' && e.personName) && (g == "" || e.gender == "" || e.gender == g)
	}
	if q >= 0 {
		for k := len(ms) - 1; k >= 0; k-- {
			if ms[k].s < i && ms[k].q == q && fits(ms[k].ent) && ms[k].ent.gender == g {
				return ms[k].ent, pronounClearMargin
			}
		}
		i = d.quotes[q].open
	}
	if len(d.toks) == 0 {
		return nil, 0
	}
	here := d.toks[min(d.tokAt(i), len(d.toks)-1)].unit
	score := map[*entity]float64{}
	var order []*entity // candidates, latest first
	consider := func(e *entity, unit int, bonus float64) {
		dist := here - unit
		if dist < 0 || dist > salienceReachUnits || !fits(e) {
			return
		}
		s := -float64(dist) + bonus
		if dist == 0 {
			s -= salienceSameSentence
		}
		if old, ok := score[e]; !ok {
			order = append(order, e)
			score[e] = s
		} else if s > old {
			score[e] = s
		}
	}
	last := lastBefore(hist.pos, i)
	latestSubject := -1         // offset of the latest subject that fits
	subjectIn := map[int]bool{} // sentences whose latest subject was seen
	// Mentions are in text order: the scan stops at the first beyond
	// reach, so that resolving every pronoun of an article costs its
	// length times the reach, not its length squared.
	for k := sort.Search(len(ms), func(k int) bool { return ms[k].s >= i }) - 1; k >= 0; k-- {
		m := ms[k]
		if m.q >= 0 || d.inParens(m.s) {
			continue
		}
		t := d.tokAt(m.s)
		if here-d.toks[t].unit > salienceReachUnits {
			break
		}
		bonus := 0.0
		if d.possessiveAfter(m.e) {
			bonus -= saliencePossessive
		}
		if d.opensClause(t) && !d.possessiveAfter(m.e) {
			bonus += salienceSubject
			if u := d.toks[t].unit; !subjectIn[u] {
				subjectIn[u] = true
				bonus += salienceLatestClause
			}
			if fits(m.ent) && m.s > latestSubject {
				latestSubject = m.s
			}
		}
		consider(m.ent, d.toks[t].unit, bonus)
	}
	for k := last; k >= 0; k-- {
		bonus := salienceSpeaker + salienceSubject
		// The current speaker of a run of quotes, unless another subject
		// has come in since: "Her opponent, Gil Horner, … “…,” he said."
		if k == last && latestSubject <= hist.pos[k]+len(hist.ents[k].name) {
			bonus = salienceLastSpeaker + salienceSubject
		}
		unit := d.toks[min(d.tokAt(hist.pos[k]), len(d.toks)-1)].unit
		if here-unit > salienceReachUnits {
			break // speakers are in text order too
		}
		consider(hist.ents[k], unit, bonus)
	}
	var best *entity
	bestScore, second := 0.0, math.Inf(-1)
	for _, e := range order {
		s := score[e] + salienceProminence*float64(d.mentionsBefore(e, i))
		if (g == "m" || g == "f") && e.kind == '?' {
			s -= salienceUnknownKind
		}
		switch {
		case g == "o" || g == "":
		case e.genderSeen:
			s += salienceGenderKnown
		case e.gender == g:
			s += salienceGenderPrior
		}
		if best == nil || s > bestScore {
			if best != nil {
				second = bestScore
			}
			best, bestScore = e, s
		} else if s > second {
			second = s
		}
	}
	return best, bestScore - second
}

// mentionsBefore returns how many times e is named before offset i outside
// quotes and parentheses, up to salienceProminenceCap: how prominent the
// article has made it by then.
func (d *doc) mentionsBefore(e *entity, i int) int {
	es := d.ents
	if es.prior == nil || es.priorLen != len(es.mentions) {
		es.prior = map[*entity][]int{}
		for _, m := range es.mentions {
			if m.q < 0 && !d.inParens(m.s) {
				es.prior[m.ent] = append(es.prior[m.ent], m.s)
			}
		}
		es.priorLen = len(es.mentions)
	}
	n, _ := slices.BinarySearch(es.prior[e], i)
	return min(n, salienceProminenceCap)
}

// groupName reports whether an entity's name is a group of people, which
// "he" or "she" cannot refer to: its last word is the plural of a party
// or nationality word ("Congressional Republicans", "Senior Tories").
func groupName(name string) bool {
	last := strings.ToLower(lastWord(name))
	one := strings.TrimSuffix(last, "s")
	if one == "" {
		return false // a lone "s" ("Standard & Poor's" cut at the apostrophe)
	}
	return last == "tories" || one != last && (partyWords[one] || nationalities[strings.ToUpper(one[:1])+one[1:]])
}

// possessiveAfter reports whether the mention ending at offset e is a
// possessive ("Trump’s White House attorney, Ty Cobb, …"): a modifier of
// the subject, not the subject.
func (d *doc) possessiveAfter(e int) bool {
	k := d.tokAt(e)
	return k < len(d.toks) && d.toks[k].s == e && d.toks[k].isPossessive()
}

// inParens reports whether offset i stands right inside parentheses, as
// a dateline's agency does: "WASHINGTON (Reuters) -".
func (d *doc) inParens(i int) bool {
	k := d.tokAt(i)
	return k > 0 && d.toks[k-1].t == "("
}

// lastBefore returns the index of the last position in pos (ascending)
// before i, or -1.
func lastBefore(pos []int, i int) int {
	return sort.SearchInts(pos, i) - 1
}

// opensClause reports whether token k opens its sentence or clause, so
// that a name there is the subject: after a sentence break, a quotation
// mark, a leading conjunction or determiner, or title words.
func (d *doc) opensClause(k int) bool {
	lo := k
	for lo > 0 && d.toks[lo-1].unit == d.toks[k].unit && k-lo < 4 {
		p := d.toks[lo-1]
		if p.word && (titleWords[p.low] || personNoun(p.low) || p.low == "the" || p.low == "a" || p.low == "an" || clauseConjunctions[p.low] || p.low == "and" || p.low == "former" || p.cap && !notNames[p.low]) {
			lo--
			continue
		}
		break
	}
	if sentenceStart(d, lo) {
		return true
	}
	// A clause joined by a contrasting conjunction: "…, but an attorney
	// for the caucus criticized the move".
	if lo < k && clauseConjunctions[d.toks[lo].low] && lo > 0 && (d.toks[lo-1].t == "," || d.toks[lo-1].t == ";") {
		return true
	}
	// An appositive to a short phrase that opens the sentence: "Her
	// opponent, state Treasurer Gil Horner, spent …" (not the object of
	// "Ashby pressed the chain's chief executive, Graham Ostrowski").
	if lo > 0 && d.toks[lo-1].t == "," {
		start, _ := d.unitBounds(lo)
		return lo-1-start <= maxAppositiveHead || lo-1-start <= maxAppositiveDescription && d.describesPerson(start, lo-1)
	}
	return false
}

// clauseConjunctions join two clauses that each have a subject of their
// own ("…, but an attorney for the caucus criticized …"); "and" is left
// out, because it mostly joins names in a list.
var clauseConjunctions = set(`but while although though whereas`)

// maxAppositiveHead is the longest phrase, in tokens, that an appositive
// opening a sentence may follow ("Her opponent,"); a phrase that only
// describes a person may run to maxAppositiveDescription ("Trump’s White
// House attorney, Ty Cobb, …").
const (
	maxAppositiveHead        = 3
	maxAppositiveDescription = 7
	// maxAppositiveWords bounds an appositive after a name: "The
	// National Foreign Trade Council, a business lobby group in
	// Washington,".
	maxAppositiveWords = 12
)

// describesPerson reports whether toks[a:b] is a description of a person
// and nothing else: names, possessives, determiners and titles, ending in
// a title or job word ("Trump’s White House attorney", "Dunmore’s chief
// of staff").
func (d *doc) describesPerson(a, b int) bool {
	person := false
	for k := a; k < b; k++ {
		t := d.toks[k]
		if personNoun(strings.TrimSuffix(t.low, ".")) {
			person = true
			continue
		}
		if t.cap || t.isPossessive() || determiners[t.low] || isNameConnector(t.low) || t.low == "staff" {
			continue
		}
		return false
	}
	return person
}

// describedEntity resolves a definite description whose head is head
// ("the Liberal Democrat leader", "the company", "the paper", "the
// 31-year-old") to the entity the article ties it to: a speaker or a
// mention whose role names the head; for a publication, the latest
// publication; for an organization, the latest organization so named or
// that spoke; for a person, the most salient person before it.
func (d *doc) describedEntity(i, q int, head string, modifiers int, hist *speakerHistory) *entity {
	if u := d.tokAt(i); d.possessiveBefore(u, head) {
		return nil // "the rapper's spokesman" is not the rapper
	}
	tied := func(e *entity) bool { return roleHas(e.role, head) || e.described[head] }
	// "the foreign secretary" is Foreign Secretary Jack Straw before it is
	// Shadow foreign secretary Michael Ancram: a role that qualifies the
	// office ("shadow", "former", "deputy") ties only when the description
	// says so too.
	desc := strings.ToLower(d.text[i:min(len(d.text), i+maxDescriptionBytes)])
	exact := func(e *entity) bool {
		if !tied(e) {
			return false
		}
		for _, w := range strings.Fields(strings.ToLower(e.role)) {
			if roleQualifiers[w] && !strings.Contains(desc, w) {
				return false
			}
		}
		return true
	}
	for _, ok := range []func(*entity) bool{exact, tied} {
		for k := len(hist.ents) - 1; k >= 0; k-- {
			if e := hist.ents[k]; ok(e) {
				return e
			}
		}
		if e := d.recentEntity(i, ok); e != nil {
			return e
		}
	}
	switch {
	case pubNouns[head] && d.recentPub(i) != nil:
		return d.recentPub(i)
	case orgNouns[head]:
		if e := d.recentEntity(i, func(e *entity) bool {
			return e.kind == 'o' && strings.Contains(strings.ToLower(e.name), head)
		}); e != nil {
			return e
		}
		if publicBodies[head] {
			// "the government", "the authority": only a body the article
			// named so ("the Mexican government"); else a description.
			return nil
		}
		// "the company", "the chain": the latest organization that spoke.
		for k := len(hist.ents) - 1; k >= 0; k-- {
			if e := hist.ents[k]; (e.kind == 'o' || e.kind == '?' && !e.personName) && e.gender == "" && !e.pub && !e.unnamed {
				return e
			}
		}
		// "the telecoms giant": the organization in view. A longer
		// description ("the regional health authority") brings in a
		// body of its own.
		if modifiers <= maxAnaphoricModifiers {
			e, _ := d.antecedent(i, q, "o", hist)
			return e
		}
	case personNoun(head) && d.unnamedBefore(i, head) != nil:
		// "a spokesman for Ofcom … the Ofcom spokesman said"
		return d.unnamedBefore(i, head)
	case personNoun(head) && !d.introducedUnnamed(i, head):
		e, _ := d.antecedent(i, q, "", hist)
		if e != nil && groupName(e.name) && !strings.HasSuffix(head, "s") {
			return nil // "the president" is no "Congressional Republicans"
		}
		if e != nil && d.mentionedInSentence(e, i) {
			// "The referee said …, but the winger said …": a second
			// person in the same sentence is someone else.
			return nil
		}
		return e
	}
	return nil
}

// publicBodies are organization nouns that refer back only to a body the
// article named with them: "the government" after "the Mexican
// government", never after a company that spoke.
var publicBodies = set(`government administration authority ministry department council court committee commission panel`)

// roleQualifiers qualify an office so that its holder is someone else
// than the office's: "Shadow foreign secretary", "former president".
var roleQualifiers = set(`shadow former deputy vice assistant acting ex`)

// maxDescriptionBytes bounds the text of a description read for its
// qualifiers.
const maxDescriptionBytes = 60

// nationalityWord reports whether the lower-cased word w is a
// nationality or country word ("u.s.", "mexican").
func nationalityWord(w string) bool {
	return lowerNationalities[w]
}

// lowerNationalities is nationalities in lower case.
var lowerNationalities = func() map[string]bool {
	m := map[string]bool{}
	for w := range nationalities {
		m[strings.ToLower(w)] = true
	}
	return m
}()

// possessiveBefore reports whether the description that starts at token
// k holds a possessive before its head word: "the rapper's spokesman".
func (d *doc) possessiveBefore(k int, head string) bool {
	for n := k; n < len(d.toks) && n-k < maxDescriptionWords; n++ {
		if d.toks[n].low == head {
			return false
		}
		if d.toks[n].isPossessive() {
			return true
		}
	}
	return false
}

// maxDescriptionWords bounds the scan of a description for its head.
const maxDescriptionWords = 8

// mentionedInSentence reports whether e is named in the sentence of
// offset i, before it, or speaks there.
func (d *doc) mentionedInSentence(e *entity, i int) bool {
	u := d.unitOf(i)
	for _, m := range d.ents.mentions {
		if m.ent == e && m.s >= u.s && m.s < i {
			return true
		}
	}
	return false
}

// introducedUnnamed reports whether, before offset i, the article brought
// in someone unnamed with the same head noun ("a U.S. official … the
// official said"): the description refers back to that source, not to a
// named person.
func (d *doc) introducedUnnamed(i int, head string) bool {
	for k := d.tokAt(i) - 1; k >= 0; k-- {
		if d.toks[k].low != head {
			continue
		}
		for j := k - 1; j >= 0 && k-j <= 3; j-- {
			switch d.toks[j].low {
			case "a", "an", "one", "another":
				return true
			}
		}
	}
	return false
}

// maxAnaphoricModifiers is the most words a description of an
// organization may put before its head and still refer back to one
// already named.
const maxAnaphoricModifiers = 1

// personNoun reports whether a description's head word names a person:
// a title, a job, a standing or an age ("the 31-year-old").
func personNoun(head string) bool {
	return titleWords[head] || jobNouns[head] || personNouns[head] || strings.HasSuffix(head, "-year-old")
}

// recentPub returns the publication named latest before offset i, or
// nil; the agency of a dateline ("WASHINGTON (Reuters) -") does not count.
func (d *doc) recentPub(i int) *entity {
	ms := d.ents.mentions
	for k := len(ms) - 1; k >= 0; k-- {
		if ms[k].s < i && ms[k].ent.pub && !d.inParens(ms[k].s) {
			return ms[k].ent
		}
	}
	return nil
}

// recentEntity returns the entity of the latest mention before i that ok
// accepts.
func (d *doc) recentEntity(i int, ok func(*entity) bool) *entity {
	ms := d.ents.mentions
	for k := len(ms) - 1; k >= 0; k-- {
		if ms[k].s < i && ok(ms[k].ent) {
			return ms[k].ent
		}
	}
	for _, e := range d.ents.list {
		if ok(e) {
			return e
		}
	}
	return nil
}

// entityKind asks prose's entity tagger what the capitalized phrase name,
// found in the sentence sent, names: 'p' for a person, 'o' otherwise.
func (x *Extractor) entityKind(text string, sent span, name string) byte {
	if orgHeads[strings.ToLower(lastWord(name))] {
		return 'o'
	}
	if f := strings.Fields(name); len(f) >= 2 && firstNames[f[0]] != "" {
		return 'p' // "Tobias Rennick" needs no tagger when "Tobias" is known
	}
	doc, err := prose.NewDocument(text[sent.s:sent.e],
		prose.UsingModel(x.model), prose.WithSegmentation(false))
	if err != nil {
		return '?'
	}
	for _, ent := range doc.Entities() {
		if strings.Contains(ent.Text, lastWord(name)) {
			if ent.Label == "PERSON" {
				return 'p'
			}
			return 'o'
		}
	}
	return '?'
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// titleAbbrevs maps a title to the abbreviations a role may use for it:
// "the senator" is the "Sen." of "Sen. Howard Quist".
var titleAbbrev = map[string]string{
	"senator": "sen.", "representative": "rep.", "congressman": "rep.", "congresswoman": "rep.",
	"governor": "gov.", "general": "gen.", "lieutenant": "lt.", "professor": "prof.",
	"doctor": "dr.", "reverend": "rev.", "sergeant": "sgt.", "captain": "capt.", "colonel": "col.",
}

// roleHas reports whether a role ("Sen.", "Mexican President") names the
// title head ("senator", "president").
func roleHas(role, head string) bool {
	r := strings.ToLower(role)
	if strings.Contains(r, head) {
		return true
	}
	a, ok := titleAbbrev[head]
	return ok && strings.Contains(r, a)
}

// window returns the span of the words around sp, at most eight either
// side and within its sentence: the entity tagger's cost grows with the
// words it reads, and its features look only a few words away.
func (d *doc) window(sp span) span {
	u := d.unitOf(sp.s)
	lo, hi := d.tokAt(u.s), d.tokAt(u.e)
	a, b := d.tokAt(sp.s), d.tokAt(sp.e)
	a, b = max(lo, a-8), min(hi, b+8)
	if a >= b || b > len(d.toks) {
		return u
	}
	return span{d.toks[a].s, d.toks[b-1].e}
}

// unnamedEntity returns the unnamed person the description name (at
// text[s:e]) stands for: a definite one ("the spokesman") is the latest
// unnamed person before it with the same head noun; an indefinite one ("a
// spokesman for Ofcom") or one without antecedent is a new entity, with a
// mention so that later pronouns can find it. It returns nil when the
// description is no single person ("analysts", "the report").
func (d *doc) unnamedEntity(s, e int, name string) *entity {
	f := strings.Fields(name)
	if len(f) == 0 {
		return nil
	}
	head := descriptionHead(f)
	if !personNoun(head) {
		return nil
	}
	for _, m := range d.ents.mentions {
		if m.s == s && m.ent.unnamed {
			return m.ent // recorded as a clause's subject
		}
	}
	if det := strings.ToLower(f[0]); det != "a" && det != "an" && det != "one" && det != "another" {
		if old := d.unnamedBefore(s, head); old != nil {
			return old
		}
	}
	ent := &entity{name: name, kind: 'p', unnamed: true, head: head}
	d.ents.list = append(d.ents.list, ent)
	d.ents.addMention(mention{s: s, e: e, ent: ent, q: d.toks[min(d.tokAt(s), len(d.toks)-1)].q})
	return ent
}

// unnamedBefore returns the latest unnamed person mentioned before offset
// i whose head noun is head, or nil.
func (d *doc) unnamedBefore(i int, head string) *entity {
	ms := d.ents.mentions
	for k := len(ms) - 1; k >= 0; k-- {
		if e := ms[k].ent; ms[k].s < i && e.unnamed && e.head == head {
			return e
		}
	}
	return nil
}

// addMention records m in text order.
func (es *entities) addMention(m mention) {
	k := sort.Search(len(es.mentions), func(k int) bool { return es.mentions[k].s > m.s })
	es.mentions = slices.Insert(es.mentions, k, m)
}
