package extract

import (
	"slices"
	"sort"
	"strings"

	quotes "github.com/quotesproject/quotes"
)

// unitBounds returns the token range [lo, hi) of the unit holding token k.
func (d *doc) unitBounds(k int) (int, int) {
	u := d.units[d.toks[k].unit]
	return d.tokAt(u.s), d.tokAt(u.e)
}

// markTok returns the index of the token at byte offset i (a quote mark).
func (d *doc) markTok(i int) int {
	k := d.tokAt(i)
	if k < len(d.toks) && d.toks[k].s == i {
		return k
	}
	return -1
}

// subjectBefore finds the subject of the cue at token k, scanning left no
// further than token lo: "President Claudia Sheinbaum said", "she has
// said", "The president, who …, said", "Trump, who said", "Rep. Jim Jordan
// (R-Ohio), an oversight panel member, said", "Kall -- co-editor of … --
// said".
func (d *doc) subjectBefore(k, lo int) *np {
	q := d.toks[k].q
	j := k - 1
	for j >= lo && d.toks[j].word && d.toks[j].q == q && (skipBetween[d.toks[j].low] || isDay(d.toks[j].low) || d.adverbAt(j, lo)) && !(j == lo) {
		j--
		// "The Electoral Commission on Thursday said"
		if j > lo && isDay(d.toks[j+1].low) && d.toks[j].low == "on" {
			j--
		}
	}
	if j < lo {
		return nil
	}
	j = d.skipParens(j, lo)
	switch d.toks[j].t {
	case ",":
		// "Her opponent, Senator James Corrigan, said": the name in the
		// apposition.
		if j-1 > lo && d.toks[j-1].cap && d.toks[j-1].q == q {
			if p := d.npEndingAt(j-1, lo, q); p != nil {
				if i := d.tokAt(p.s); i > lo && d.toks[i-1].t == "," {
					return p
				}
			}
		}
		// "X, who has long argued …, said", "X, a senator from Ohio,
		// said", "X, speaking in Ohio, said": the name before the
		// appositive.
		m := d.appositiveStart(j, lo, q, ",")
		if m < 0 {
			return nil
		}
		j = d.skipParens(m-1, lo)
	case "-", "—", "–":
		m := d.appositiveStart(j, lo, q, d.toks[j].t)
		if m < 0 {
			return nil
		}
		j = m - 1
		for j > lo && d.toks[j].t == d.toks[m].t {
			j-- // "--"
		}
		j = d.skipParens(j, lo)
	}
	if j >= lo && (d.toks[j].low == "who" || d.toks[j].low == "which") && j-1 > lo && d.toks[j-1].t == "," {
		j -= 2
		// "Howard Rubel, a senior analyst at Jefferies, who notes": the
		// clause describes the name the appositive stands beside.
		if m := d.appositiveStart(j+1, lo, q, ","); m >= 0 && d.describedBefore(m+1, j, lo, q) {
			j = d.skipParens(m-1, lo)
		}
	}
	p := d.npEndingAt(j, lo, q)
	if p != nil && !d.subjectCanSpeak(p, k) {
		return nil
	}
	// "Twelve women who said they worked for Conyers told reporters":
	// the name at the end of a relative clause is not the subject; the
	// phrase the clause describes is.
	if p != nil {
		if h := d.relativeHead(d.tokAt(p.s), lo, q); h != nil {
			return h
		}
	}
	// "The top two Republicans in Congress said", "officials in Kiev
	// said": the place or body after "in" says where the speakers are;
	// they speak.
	if p != nil {
		if i := d.tokAt(p.s); i-1 > lo && placePreps[d.toks[i-1].t] && d.toks[i-1].q == q {
			// The people before it: a word for people or a plural in
			// lower case ("hard-liners"), or a party's or a nation's
			// members ("Republicans"); not a name that holds "in" ("Kids
			// in Need of Defense").
			if h := d.npEndingAt(i-2, lo, q); h != nil {
				last := strings.Trim(d.toks[i-2].low, ".,")
				if speakerHead(last) || !d.toks[i-2].cap && strings.HasSuffix(last, "s") && !strings.HasSuffix(last, "ss") || groupName(d.toks[i-2].t) {
					return h
				}
			}
		}
	}
	return p
}

// maxRelativeClause is the most words of a relative clause without
// commas between its "who" and the cue of the phrase it describes.
const maxRelativeClause = 12

// relativeHead returns the phrase a "who" clause without commas
// describes when the clause ends at token i ("women who said they
// worked for Conyers"), or nil: the clause opens on a lower-case verb
// right after "who", and no mark of punctuation stands inside it.
func (d *doc) relativeHead(i, lo, q int) *np {
	for w := i - 1; w > lo && i-w <= maxRelativeClause; w-- {
		t := d.toks[w]
		if t.q != q || !t.word {
			return nil
		}
		if t.low != "who" {
			continue
		}
		if w+1 >= i || d.toks[w+1].cap || !d.toks[w+1].word {
			return nil
		}
		h := d.npEndingAt(w-1, lo, q)
		if h == nil {
			return nil
		}
		last := strings.Trim(d.toks[w-1].low, ".,")
		if !speakerHead(last) && (d.toks[w-1].cap || !strings.HasSuffix(last, "s") || strings.HasSuffix(last, "ss")) {
			return nil
		}
		// "Scott Morris, a former Treasury official who …, said": the
		// name the description stands beside.
		if j := d.tokAt(h.s) - 1; j-1 > lo && d.toks[j].t == "," && d.toks[j-1].cap && d.toks[j-1].q == q {
			if n := d.npEndingAt(j-1, lo, q); n != nil {
				return n
			}
		}
		return h
	}
	return nil
}

// describedBefore reports whether the tokens from m to j are a
// description of the name before them, not a name of its own: they open
// on an article or a word for a person ("a senior analyst at Jefferies",
// "the Chamber's chief strategist", "organizer of a group") and end on a lower-case word or a body named after
// a preposition ("at Jefferies", "of America"); "the producer Quincy
// Jones" is a name.
func (d *doc) describedBefore(m, j, lo, q int) bool {
	if m > j || d.toks[m].cap || !(d.toks[m].low == "a" || d.toks[m].low == "an" || d.toks[m].low == "the" || speakerHead(d.toks[m].low)) {
		return false
	}
	if !d.toks[j].cap {
		return true
	}
	p := d.npEndingAt(j, lo, q)
	if p == nil {
		return false
	}
	i := d.tokAt(p.s) - 1
	return i > m && prepositions[d.toks[i].low]
}

// agentNouns are the people who speak for another: "the lawyer for
// Flynn", "a spokeswoman for the senator".
var agentNouns = set(`lawyer lawyers attorney attorneys spokesman spokeswoman spokesperson counsel representative representatives aide aides`)

// maxAgentRole is the most role words between "for" and the name of the
// one spoken for: "for former U.S. national security adviser".
const maxAgentRole = 6

// agentFor returns the token of "for" when role words run back from the
// name starting at token i to "for" after a lower-case agent noun ("the
// lawyer for former adviser Michael Flynn"), or -1. At least one role
// word stands between; "a lawyer for Flynn" is read elsewhere.
func (d *doc) agentFor(i, lo, q int) int {
	for k := i - 1; k > lo && i-k <= maxAgentRole+1; k-- {
		t := d.toks[k]
		if t.q != q || !t.word || cueVerbs[t.low] || finiteVerbs[t.low] {
			return -1
		}
		if t.low != "for" {
			continue
		}
		if k == i-1 || !agentNouns[d.toks[k-1].low] || d.toks[k-1].cap {
			return -1
		}
		return k
	}
	return -1
}

// subjectCanSpeak reports whether the phrase p before the cue at token k
// can be its subject: for a cue that is as often a noun ("plan",
// "posts"), only a phrase ending in a name, a
// pronoun, a plural or a word for people or a body ("the current plan"
// is a plan, "the company plans to" a company planning).
func (d *doc) subjectCanSpeak(p *np, k int) bool {
	j := d.tokAt(p.e) - 1
	if !nounCues[d.toks[k].low] || j < 0 {
		return true
	}
	last := d.toks[j]
	if last.cap || pronouns[last.t] != "" {
		return true
	}
	w := strings.Trim(last.low, ".,")
	return speakerHead(w) || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
}

// appositiveStart finds, left of the closing punctuation at token j, the
// opening punctuation of an appositive set off by sep (a comma or a
// dash), and returns its token index, or -1. The appositive opens on a
// lower-case word, a determiner or "who"/"which", right after a name.
func (d *doc) appositiveStart(j, lo, q int, sep string) int {
	for m := j - 1; m > lo && j-m < 40; m-- {
		t := d.toks[m]
		if t.q != q || t.t == "." || t.t == ";" {
			return -1
		}
		if t.t != sep {
			continue
		}
		nx, pv := d.toks[m+1], d.toks[m-1]
		if nx.t == sep && sep != "," {
			continue // the second dash of "--"
		}
		// "Ard Jan Vetham, Capgemini’s principal consultant, said": a
		// name with its possessive opens a description.
		possessive := m+2 < j && nx.cap && d.toks[m+2].isPossessive()
		if !nx.word || nx.cap && !determiners[nx.low] && !possessive {
			continue
		}
		if nx.low == "and" || nx.low == "but" || nx.low == "or" || nx.low == "so" || nx.low == "yet" {
			return -1 // a second clause, not an appositive
		}
		if pv.cap || pv.t == ")" || pv.t == sep || pronouns[pv.t] != "" {
			return m
		}
		if nx.low == "who" || nx.low == "which" || determiners[nx.low] || possessive {
			return m
		}
	}
	return -1
}

// skipParens steps left over a parenthesis that ends at token j ("Jason
// Chaffetz (R-Utah)") and returns the token before it, else j.
func (d *doc) skipParens(j, lo int) int {
	if d.toks[j].t != ")" {
		return j
	}
	for m := j - 1; m > lo && j-m < 10; m-- {
		if d.toks[m].t == "(" {
			return m - 1
		}
	}
	return j
}

// adverbAt reports whether token j is an -ly adverb standing between a
// subject and its verb ("Smith flatly denied"), not a noun or adjective
// after a determiner ("the family", "an ally", "the early reports").
func (d *doc) adverbAt(j, lo int) bool {
	t := d.toks[j]
	if t.cap || !strings.HasSuffix(t.low, "ly") || j <= lo {
		return false
	}
	p := d.toks[j-1]
	return p.word && !determiners[p.low] && !prepsInNP[p.low] && p.low != "to"
}

func isDay(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return false
}

// plural reports whether token k is a plural noun of people written with
// a capital: "Cubans", "Democrats".
func (d *doc) plural(k int) bool {
	t := d.toks[k]
	return strings.HasSuffix(t.t, "s") && (nationalities[strings.TrimSuffix(t.t, "s")] || partyWords[t.low])
}

// nameInnerWords open sentences (so notNames lists them) but also stand
// inside names: "National Foreign Trade Council", "Key West".
var nameInnerWords = set(`trade key next last`)

// placePreps join a description to the place it is in: "producers in
// the Pacific Northwest".
var placePreps = set(`in across throughout`)

// peoplePreps join a plural word for people to the name of the place or
// the subject that describes them: "experts on North Korea", "residents
// in Gaza", "officials from Mexico".
var peoplePreps = set(`on in from across throughout`)

// prepsInNP may join the words of a descriptive subject: "a spokesman for
// the company", "people familiar with the matter".
var prepsInNP = set(`of for at with from familiar`)

// npEndingAt returns the noun phrase that ends at token j, no further left
// than lo, inside quote q.
func (d *doc) npEndingAt(j, lo, q int) *np {
	if j < lo || j >= len(d.toks) {
		return nil
	}
	t := d.toks[j]
	if !t.word || t.q != q {
		return nil
	}
	mk := func(i int) *np {
		p := &np{s: d.toks[i].s, e: t.e, q: q}
		p.text = d.text[p.s:p.e]
		// "Both Sheinbaum and Trump": one phrase, two speakers.
		if strings.Contains(p.text, " and ") {
			start := i
			if d.toks[start].low == "both" {
				start++
			}
			var parts []span
			ps := start
			for m := start; m <= j; m++ {
				if d.toks[m].low == "and" {
					parts = append(parts, span{d.toks[ps].s, d.toks[m-1].e})
					ps = m + 1
				}
			}
			parts = append(parts, span{d.toks[ps].s, t.e})
			p.parts = parts
		}
		return p
	}
	if _, ok := pronouns[t.t]; ok {
		return mk(j)
	}
	if t.cap {
		i := j
		for i-1 >= lo {
			p := d.toks[i-1]
			// "the British Bankers' Association": a plural possessive
			// inside a name.
			if (p.t == "'" || p.t == "’") && i-2 >= lo && d.toks[i-2].cap && d.toks[i-2].q == q && strings.HasSuffix(d.toks[i-2].t, "s") && d.toks[i-2].e == p.s {
				i -= 2
				continue
			}
			if p.q != q || !p.word {
				break
			}
			if nameSuffixes[strings.TrimSuffix(p.low, ".")] && i < j {
				break // a suffix ends the name before: "by Trump Jr. Trump Jr. said"
			}
			if p.cap && !notNames[p.low] || isNameConnector(p.low) && i-2 >= lo && d.toks[i-2].cap {
				i--
				continue
			}
			// "The National Foreign Trade Council": a word that opens
			// sentences stands inside a name between capitals.
			if p.cap && nameInnerWords[p.low] && i-2 >= lo && d.toks[i-2].cap && d.toks[i-2].word && d.toks[i-2].q == q {
				i--
				continue
			}
			if isOrdinal(p.low) && slices.ContainsFunc(d.toks[i:j+1], func(t tok) bool { return orgHeads[t.low] }) {
				i-- // "the 8th U.S. Circuit Court of Appeals"
				continue
			}
			if p.low == "and" && i-2 >= lo && d.toks[i-2].cap && d.toks[i-2].q == q && !notNames[d.toks[i-2].low] {
				i--
				continue
			}
			if p.low == "the" || p.low == "both" {
				i--
			}
			break
		}
		for i < j && notNames[d.toks[i].low] && d.toks[i].low != "the" && d.toks[i].low != "both" {
			i++
		}
		// "Some lumber producers in the Pacific Northwest have argued":
		// the people, not the place.
		if b := i; b-2 >= lo && d.toks[b].low == "the" && placePreps[d.toks[b-1].low] && d.toks[b-2].word && (!d.toks[b-2].cap || d.plural(b-2) || partyWords[d.toks[b-2].low]) && d.toks[b-2].q == q && !nonSubject[d.toks[b-2].low] && !cueVerbs[d.toks[b-2].low] {
			if p := d.npEndingAt(b-2, lo, q); p != nil {
				return p
			}
		}
		// "Experts on North Korea said", "residents in Gaza say": the
		// people, not the place or the subject they know.
		if b := i; b-2 >= lo && peoplePreps[d.toks[b-1].low] && d.toks[b-2].word && d.toks[b-2].q == q && (!d.toks[b-2].cap || b-2 == lo) && strings.HasSuffix(d.toks[b-2].low, "s") && !strings.HasSuffix(d.toks[b-2].low, "ss") && speakerHead(d.toks[b-2].low) {
			if p := d.npEndingAt(b-2, lo, q); p != nil {
				return mk(d.tokAt(p.s))
			}
		}
		// "A spokesman for the Shareholders United said": the unnamed
		// person who speaks for the body, not the body.
		if b := i; b-2 >= lo && d.toks[b-1].low == "for" && !d.toks[b-2].cap && personNoun(d.toks[b-2].low) && d.toks[b-2].q == q && !d.personLike(b, j+1) {
			if p := d.npEndingAt(b-2, lo, q); p != nil && (d.tokAt(p.s) == lo || d.toks[d.tokAt(p.s)-1].t != ",") {
				return mk(d.tokAt(p.s)) // not an appositive: "Vann Newkirk, a writer for The Atlantic, said"
			}
		}
		// "The lawyer for former U.S. national security adviser Michael
		// Flynn said": the lawyer speaks, for the person the role words
		// describe.
		if f := d.agentFor(i, lo, q); f >= 0 {
			if p := d.npEndingAt(f-1, lo, q); p != nil && (d.tokAt(p.s) == lo || d.toks[d.tokAt(p.s)-1].t != ",") {
				return mk(d.tokAt(p.s))
			}
		}
		// "Mr. Morgan of the Sierra Club said", "Matthew Herren from
		// EduVision said": the person, not the organization.
		if b := i; b-2 >= lo && d.toks[b].low == "the" && prepsInNP[d.toks[b-1].low] && d.toks[b-2].cap && d.toks[b-2].q == q && !notNames[d.toks[b-2].low] {
			if p := d.npEndingAt(b-2, lo, q); p != nil {
				return p
			}
		}
		if b := i; b-2 >= lo && affiliationPreps[d.toks[b-1].low] && d.toks[b-2].cap && d.toks[b-2].q == q {
			if p := d.npEndingAt(b-2, lo, q); p != nil {
				if a, e := d.tokAt(p.s), d.tokAt(p.e); e-a >= 2 && d.personLike(a, e) {
					return p
				}
			}
		}
		return mk(i)
	}
	// "Those close to him say", "many of whom say": the people the
	// phrase ties to someone or counts, not that someone.
	if objectPronouns[t.low] && j-2 >= lo && d.toks[j-1].q == q {
		k := j - 1
		switch {
		case d.toks[k].low == "to" && d.toks[k-1].low == "close":
			k -= 2
		case d.toks[k].low == "of" && quantifiers[d.toks[k-1].low]:
			return mk(k - 1)
		default:
			return nil
		}
		if k >= lo && d.toks[k].q == q && (d.toks[k].low == "those" || d.toks[k].low == "people") {
			return mk(k)
		}
		if p := d.npEndingAt(k, lo, q); p != nil {
			return mk(d.tokAt(p.s))
		}
		return nil
	}
	// A description: "the newspaper", "a spokesman for the company",
	// "people familiar with the discussions", "officials".
	if nonSubject[t.low] || cueVerbs[t.low] || pronouns[t.t] != "" {
		return nil
	}
	if strings.HasSuffix(t.low, "ly") && (j == lo || !determiners[d.toks[j-1].low] && !d.toks[j-1].isPossessive()) {
		return nil // an adverb, not "the family" or "an ally"
	}
	i := j
	for n := 0; i-1 >= lo && n < 8; n++ {
		p := d.toks[i-1]
		if p.q != q {
			break
		}
		if p.isPossessive() {
			i--
			continue
		}
		if !p.word {
			break
		}
		if determiners[p.low] {
			i--
			if i-2 >= lo && prepsInNP[d.toks[i-1].low] && d.toks[i-2].word && !nonSubject[d.toks[i-2].low] {
				i--
				continue
			}
			if i-3 >= lo && d.toks[i-1].low == "to" && d.toks[i-2].low == "close" && d.toks[i-3].word {
				i -= 2 // "people close to the senator"
				continue
			}
			// "Cubans in the fledgling private sector say": people in
			// a place or a trade.
			if i-2 >= lo && placePreps[d.toks[i-1].low] && d.toks[i-2].q == q && (d.plural(i-2) || !d.toks[i-2].cap && strings.HasSuffix(d.toks[i-2].low, "s") && speakerHead(d.toks[i-2].low)) {
				i -= 2
				break
			}
			break
		}
		if prepsInNP[p.low] {
			i--
			continue
		}
		if nonSubject[p.low] || cueVerbs[p.low] || strings.HasSuffix(p.low, "ly") {
			break
		}
		i--
	}
	first := d.toks[i]
	// "officials said", "restructuring experts say", "the company said".
	if determiners[first.low] || strings.HasSuffix(t.low, "s") && !strings.HasSuffix(t.low, "ss") || first.cap {
		// Leading prepositions are not part of the phrase.
		for i < j && prepsInNP[d.toks[i].low] {
			i++
		}
		return mk(i)
	}
	return nil
}

// npAfter returns the noun phrase starting at token k, for inverted
// attributions ("said Sheinbaum", "said the president").
func (d *doc) npAfter(k, hi int) *np {
	if k >= hi || k >= len(d.toks) {
		return nil
	}
	t := d.toks[k]
	if !t.word {
		return nil
	}
	q := t.q
	if _, ok := pronouns[t.t]; ok {
		return &np{s: t.s, e: t.e, text: t.t, q: q}
	}
	// Lower-case role words before a name: "said head librarian Grace
	// Mendel".
	for n := k; n < hi && n-k < 4 && d.toks[n].word && !d.toks[n].cap && !determiners[d.toks[n].low] && !nonSubject[d.toks[n].low]; n++ {
		if n+1 < hi && d.toks[n+1].cap && d.toks[n+1].q == q {
			k, t = n+1, d.toks[n+1]
			break
		}
	}
	j := k
	if t.cap && !determiners[t.low] {
		j = d.capRunFrom(k, hi, q)
		// "said Global Insight analyst Howard Archer", "said ABN Amro’s
		// Paul Mackel": the name after the words that qualify it.
		for n := 0; n < maxQualifiers; n++ {
			m := j + 1
			if m < hi && d.toks[m].isPossessive() {
				m++
			}
			for m < hi && m-j <= maxQualifierWords && d.toks[m].word && !d.toks[m].cap && d.toks[m].q == q && !nonSubject[d.toks[m].low] && !cueVerbs[d.toks[m].low] {
				m++
			}
			// "Cuba’s Foreign Ministry chief for U.S. Affairs Josefina
			// Vidal": a job's own domain before the name.
			if m+1 < hi && m > j+1 && (d.toks[m].low == "for" || d.toks[m].low == "of") && personNoun(d.toks[m-1].low) && d.toks[m+1].cap {
				m++
			}
			lower := m > j+1 && !d.toks[m-1].cap && !d.toks[m-1].isPossessive()
			if m >= hi || m == j+1 || !d.toks[m].cap || d.toks[m].q != q || !d.toks[m].word ||
				lower && !jobNouns[d.toks[m-1].low] && !titleWords[d.toks[m-1].low] && d.toks[m-1].low != "for" && d.toks[m-1].low != "of" {
				break
			}
			j = d.capRunFrom(m, hi, q)
		}
	} else if n := k + 1; t.low == "the" && n+1 < hi && isOrdinal(d.toks[n].low) && d.toks[n+1].cap {
		// "the 8th U.S. Circuit Court of Appeals"
		t, j = d.toks[n], d.capRunFrom(n+1, hi, q)
	} else if determiners[t.low] && k+1 < hi && d.toks[k+1].cap && d.toks[k+1].word && !d.toks[k+1].isPossessive() && t.low == "the" {
		// "The White House has played down …": the name the article gives.
		j = d.capRunFrom(k+1, hi, q)
	} else if determiners[t.low] {
		for j+1 < hi && d.toks[j+1].word && d.toks[j+1].q == q && !nonSubject[d.toks[j+1].low] && !finiteVerbs[d.toks[j+1].low] && !cueVerbs[d.toks[j+1].low] && j-k < 5 {
			j++
			if j > k+1 && speakerHead(d.toks[j].low) && !(j+1 < hi && speakerHead(d.toks[j+1].low)) {
				break // "The foreign secretary hit back": the phrase ends at its head
			}
		}
		if j == k {
			return nil
		}
		// "said a spokesman for Ofcom", "said an official at the Bank
		// of England": the body the source speaks for.
		if m := j + 1; m+1 < hi && (affiliationPreps[d.toks[m].low] || d.toks[m].low == "for") && d.toks[m].q == q {
			n := m + 1
			if d.toks[n].low == "the" && n+1 < hi {
				n++
			}
			if d.toks[n].cap && d.toks[n].word && d.toks[n].q == q {
				j = d.capRunFrom(n, hi, q)
			}
		}
	} else {
		return nil
	}
	p := &np{s: t.s, e: d.toks[j].e, q: q}
	p.text = d.text[p.s:p.e]
	return p
}

// Limits of the words that may qualify a name after an inverted cue:
// "said Prudential Equity Group insurance analyst Jay Gelb".
const (
	maxQualifiers     = 2 // capitalized runs before the name
	maxQualifierWords = 3 // lower-case job words between two runs
)

// capRunFrom returns the last token of the run of capitalized words (with
// name connectors: "Bank of England") that starts at token k.
func (d *doc) capRunFrom(k, hi, q int) int {
	j := k
	for j+1 < hi && d.toks[j+1].word && d.toks[j+1].q == q && (d.toks[j+1].cap || isNameConnector(d.toks[j+1].low) && j+2 < hi && d.toks[j+2].cap) {
		j++
	}
	return j
}

// notSpeech reports whether the quoted passage is a title of a work or a
// description of anonymous sources, by the word just before it.
func (d *doc) notSpeech(qi int) bool {
	q := d.quotes[qi]
	k := d.markTok(q.open) - 1
	for k >= 0 && (d.toks[k].t == ":" || d.toks[k].t == "," || determiners[d.toks[k].low]) && d.toks[k].q == q.parent {
		k--
	}
	if k < 0 || d.toks[k].q != q.parent {
		return false
	}
	w := d.toks[k].low
	if d.toks[k].isPossessive() && d.titleCased(q.s, q.e) {
		return true // MSNBC's “Morning Joe”: a programme's title
	}
	return titleContext[w] || anonContext[w]
}

// titleCased reports whether text[s:e] is a short run of capitalized
// words, as titles are: “Morning Joe”, “The Art of the Deal”.
func (d *doc) titleCased(s, e int) bool {
	n := 0
	for k := d.tokAt(s); k < len(d.toks) && d.toks[k].e <= e; k++ {
		t := d.toks[k]
		if !t.word {
			continue
		}
		n++
		if !t.cap && !isNameConnector(t.low) && t.low != "the" && t.low != "a" && t.low != "and" {
			return false
		}
	}
	return n > 0 && n <= 6
}

// attributeQuotes attributes top-level quoted passages by the cue right
// after or right before them.
func (d *doc) attributeQuotes() {
	for qi := range d.quotes {
		q := d.quotes[qi]
		if q.parent >= 0 || d.quoteDone[qi] {
			continue
		}
		if d.notSpeech(qi) {
			d.quoteDone[qi] = true
			continue
		}
		if d.transcript(qi) {
			continue
		}
		if subj := d.bylineAfter(qi); subj != nil {
			d.quoteDone[qi] = true
			d.add(found{s: q.s, e: q.e, kind: quotes.KindDirect, subj: subj})
			continue
		}
		subj, cue, next, ok := d.attribution(qi)
		if !ok {
			continue
		}
		if cue >= 0 {
			d.cueUsed[cue] = true
		}
		kind := quotes.KindDirect
		if cue >= 0 && d.toks[cue].s > q.open {
			if lo := d.statementStart(q.open); lo >= 0 {
				// Not paying taxes “makes me smart,” Trump said: a statement
				// that only ends in a quote is reported speech holding a
				// partial quote.
				end := q.close + q.closeLen
				if q.close < 0 {
					end = q.e
				}
				d.partialsIn(d.toks[lo].s, end, subj, cue)
				d.reported(d.toks[lo].s, end, cue, subj, d.toks[cue].low)
				continue
			}
		}
		d.addQuote(qi, kind, subj, cue)
		// A quote split by its attribution: “…,” she said, “…”.
		if next >= 0 && !d.quoteDone[next] {
			d.addQuote(next, kind, subj, cue)
		}
	}
}

// maxLabelWords is the most words a transcript's speaker label takes:
// "SEN. WARREN:".
const maxLabelWords = 3

// labelAt returns the token after a transcript's speaker label that
// starts at token k ("WALLACE:", "MIKE PENCE:"), the entity the label
// names, and ok: the label is one to three words in capitals, then a
// colon; it names the one the article names in full by that surname,
// else a person of that name.
func (d *doc) labelAt(k, hi int) (after int, e *entity, ok bool) {
	j := k
	for j < hi && j-k < maxLabelWords && d.toks[j].word && len(d.toks[j].t) >= 2 && strings.ToUpper(d.toks[j].t) == d.toks[j].t && strings.ToLower(d.toks[j].t) != d.toks[j].t {
		j++
	}
	if j == k || j >= hi || d.toks[j].t != ":" {
		return 0, nil, false
	}
	surname := strings.ToLower(strings.TrimSuffix(d.toks[j-1].t, "."))
	if e = d.ents.byName[surname]; e != nil && strings.Contains(e.name, " ") {
		return j + 1, e, true
	}
	// A label the article names no one by in full is the speaker's
	// name as the transcript writes it: "RAMOS:" is Ramos.
	name := strings.ToUpper(surname[:1]) + surname[1:]
	e = &entity{name: name, kind: 'p'}
	d.ents.list = append(d.ents.list, e)
	return j + 1, e, true
}

// transcript attributes a quoted transcript ("WALLACE: Let's start …
// PENCE: Well, …") turn by turn to the people its labels name, and
// reports whether the quote is one. The labels are no part of what was
// said.
func (d *doc) transcript(qi int) bool {
	q := d.quotes[qi]
	lo, hi := d.tokAt(q.s), d.tokAt(q.e)
	after, e, ok := d.labelAt(lo, hi)
	if !ok {
		return false
	}
	d.quoteDone[qi] = true
	for ok {
		start := after
		next := -1
		var nextE *entity
		nextAfter := 0
		for k := start; k < hi; k++ {
			if k > start && d.toks[k-1].t != "," && (d.toks[k-1].t == "." || d.toks[k-1].t == "?" || d.toks[k-1].t == "!" || d.toks[k-1].unit != d.toks[k].unit) {
				if a, ne, ok2 := d.labelAt(k, hi); ok2 {
					next, nextE, nextAfter = k, ne, a
					break
				}
			}
		}
		end := q.e
		if next >= 0 {
			end = d.toks[next-1].e
		}
		if start < hi && d.toks[start].s < end {
			subj := &np{s: d.toks[lo].s, e: d.toks[after-2].e, q: q.parent}
			subj.text = d.text[subj.s:subj.e]
			subj.ents, subj.name, subj.how = []*entity{e}, []string{e.name}, []resolvedBy{byPartName}
			d.add(found{s: d.toks[start].s, e: end, kind: quotes.KindDirect, subj: subj})
		}
		if next < 0 {
			break
		}
		lo, after, e = next, nextAfter, nextE
	}
	return true
}

// continueRuns gives a quote that opens a sentence and carries no
// attribution of its own to the speaker of the statement just before it,
// direct or reported: “…,” he said. “…” — and the paragraph that opens
// with more of the same speaker. It runs after reported speech is found:
// "She said she wished she had kept them. “…”" goes on her.
func (d *doc) continueRuns() {
	for qi := range d.quotes {
		q := d.quotes[qi]
		if q.parent >= 0 || d.quoteDone[qi] || q.single || d.words(q.s, q.e) < 2 {
			continue
		}
		if !d.opensSentence(q.open) || !d.wholeSentence(qi) {
			continue
		}
		var prev *found
		for i := range d.found {
			f := &d.found[i]
			if f.kind != quotes.KindPartial && f.e <= q.open && (prev == nil || f.e > prev.e) {
				prev = f
			}
		}
		if prev == nil || q.open-prev.e > 1500 || d.paraIndex(q.open)-d.paraIndex(prev.e-1) > 1 {
			continue
		}
		if prev.kind != quotes.KindDirect && d.paraIndex(prev.e-1) != d.paraIndex(q.open) {
			continue // after reported speech, only in its paragraph
		}
		if d.words(q.s, q.e) < 4 && d.paraIndex(prev.e-1) != d.paraIndex(q.open) {
			continue // a short quote goes on only in the paragraph of the last one
		}
		d.quoteDone[qi] = true
		d.add(found{s: q.s, e: q.e, kind: quotes.KindDirect, subj: prev.subj, cue: prev.cue, cs: prev.cs, ce: prev.ce, continued: true})
	}
}

// bylineAfter reads a quote signed with a dash at the end of its
// paragraph, the way letters and comments are printed: “…” ― Ana Ruiz.
func (d *doc) bylineAfter(qi int) *np {
	q := d.quotes[qi]
	if q.close < 0 || !d.opensSentence(q.open) {
		return nil
	}
	k := d.tokAt(q.close + q.closeLen)
	if k+1 >= len(d.toks) || d.toks[k].s >= q.paraEnd {
		return nil
	}
	switch d.toks[k].t {
	case "―", "—", "–", "-":
	default:
		return nil
	}
	j := k + 1
	for j < len(d.toks) && d.toks[j].s < q.paraEnd && d.toks[j].word && d.toks[j].cap && j-k <= 5 {
		j++
	}
	if j == k+1 || j-k > 5 {
		return nil
	}
	if j < len(d.toks) && d.toks[j].s < q.paraEnd && !(d.toks[j].t == "." && (j+1 >= len(d.toks) || d.toks[j+1].s >= q.paraEnd)) {
		return nil
	}
	p := &np{s: d.toks[k+1].s, e: d.toks[j-1].e, q: -1}
	p.text = d.text[p.s:p.e]
	return p
}

// statementStart returns the first token of the sentence holding the quote
// mark at i when at least two words of the speaker's own stand before the
// mark (“Not paying taxes ‘makes me smart’”), else -1.
func (d *doc) statementStart(i int) int {
	k := d.markTok(i)
	if k < 0 {
		return -1
	}
	lo, _ := d.unitBounds(k)
	if lo < len(d.toks) && (d.toks[lo].low == "but" || d.toks[lo].low == "and" || d.toks[lo].low == "so") {
		lo++
	}
	if k == 0 || !d.toks[k-1].word {
		return -1 // "Asked about the plan, “It is dead,” Smith said."
	}
	n := 0
	for m := lo; m < k; m++ {
		if d.toks[m].word && d.toks[m].q < 0 {
			n++
		}
	}
	if n < 2 {
		return -1
	}
	return lo
}

// wholeSentence reports whether quote qi is a sentence of its own, not a
// phrase used in one (“Make America Great Again” hats were everywhere):
// it ends in sentence punctuation, or no word follows its closing mark.
func (d *doc) wholeSentence(qi int) bool {
	q := d.quotes[qi]
	if q.close < 0 {
		return true
	}
	switch runeBefore(d.text, q.close) {
	case '.', '?', '!', ',', '…':
		return true
	}
	n := d.tokAt(q.close + q.closeLen)
	return n >= len(d.toks) || !d.toks[n].word || d.toks[n].s >= q.paraEnd
}

// opensSentence reports whether the quote mark at i opens its sentence
// unit, or follows only a conjunction ("But “…”").
func (d *doc) opensSentence(i int) bool {
	k := d.markTok(i)
	if k < 0 {
		return false
	}
	lo, _ := d.unitBounds(k)
	if k > lo && k == lo+1 && (d.toks[lo].low == "but" || d.toks[lo].low == "and") {
		return true
	}
	return k == lo
}

// paraIndex returns the index of the paragraph holding offset i.
func (d *doc) paraIndex(i int) int {
	return sort.Search(len(d.paras), func(k int) bool { return d.paras[k].e > i })
}

// addQuote records quote qi with the given speaker phrase and cue token.
func (d *doc) addQuote(qi int, kind quotes.Kind, subj *np, cue int) {
	q := d.quotes[qi]
	d.quoteDone[qi] = true
	f := found{s: q.s, e: q.e, kind: kind, subj: subj}
	if cue >= 0 {
		c := d.toks[cue]
		f.cue, f.cs, f.ce = c.low, c.s, c.e
		if c.low == "according" {
			f.cue, f.ce = "according to", c.e+3
		}
	}
	d.add(f)
}

// attributionAfter matches “…,” X said / “…,” said X / '…': X Reacts,
// returning the speaker phrase, the cue token, and the next quote when the
// attribution splits a quote in two.
func (d *doc) attributionAfter(qi int) (*np, int, int, bool) {
	q := d.quotes[qi]
	if q.close < 0 {
		return nil, -1, -1, false
	}
	k := d.tokAt(q.close + q.closeLen)
	if k >= len(d.toks) {
		return nil, -1, -1, false
	}
	_, hi := d.unitBounds(d.tokAt(q.open))
	if k < len(d.toks) && d.toks[k].s >= d.quotes[qi].paraEnd {
		return nil, -1, -1, false
	}
	if k >= hi && q.close > 0 {
		// “Is it true?” Graham asked: the sentence splitter ends the
		// sentence at the question mark, the attribution goes on.
		if r := runeBefore(d.text, q.close); r == '?' || r == '!' || r == ',' || r == '—' {
			_, hi = d.unitBounds(k)
		}
	}
	if k < hi && (d.toks[k].t == "," || d.toks[k].t == ":" || d.toks[k].t == "—" || d.toks[k].t == "–") {
		k++
	}
	cue := -1
	// The cue is near, unless an appositive stands between: “…,” Scott
	// Pruitt, the Republican attorney general of Oklahoma, said.
	reach := k + 9
	if k+1 < hi && d.toks[k].cap && d.toks[k].q < 0 {
		for m := k + 1; m < hi && m < k+7; m++ {
			if d.toks[m].t == "," {
				reach = k + 30
				break
			}
		}
	}
	for m := k; m < hi && m < reach; m++ {
		if d.toks[m].t == "(" {
			// “…,” Jason Chaffetz (R-Utah) said.
			for m < hi && d.toks[m].t != ")" {
				m++
			}
			continue
		}
		t := d.toks[m]
		if t.q >= 0 || !t.word && (reach == k+9 || t.t == "." || t.t == ";" || d.quoteAt(t.s) >= 0) {
			break
		}
		if d.cueAt(m) {
			cue = m
			break
		}
	}
	if cue < 0 {
		return nil, -1, -1, false
	}
	var subj *np
	if cue == k {
		// “…,” said X. A quote run into the verb with no punctuation is
		// a word of the sentence (the advertisement “wrongfully” suggests
		// Phoenix …), unless the verb is one of saying.
		if r := runeBefore(d.text, q.close); r != ',' && r != '?' && r != '!' && r != '—' && r != '.' && d.toks[k-1].t != "," && d.toks[k-1].t != ":" && d.toks[k-1].t != "—" && !sayVerbs[d.toks[k].low] {
			return nil, -1, -1, false
		}
		subj = d.npAfter(cue+1, hi)
	} else {
		subj = d.subjectBefore(cue, k)
		if subj != nil {
			// Only a description may stand between the quote and the name:
			// “…,” union leader Maria Okafor said; “…,” Clinton campaign
			// spokesman Brian Fallon said.
			for m := k; m < d.tokAt(subj.s); m++ {
				t := d.toks[m]
				if !(t.word || t.isPossessive() || t.t == "(" || t.t == ")") || m-k > 5 || cueVerbs[t.low] || t.low == "that" || t.low == "and" {
					subj = nil
					break
				}
			}
		}
	}
	if subj == nil {
		return nil, -1, -1, false
	}
	// The cue must not introduce other content: “…,” the WSJ reported
	// that “…”.
	after := d.tokAt(subj.e)
	if cue > d.tokAt(subj.s) {
		after = cue + 1
	}
	after = d.skipTime(after, hi)
	if after < hi && (d.toks[after].low == "that" || d.toks[after].t == ":") {
		return nil, -1, -1, false
	}
	next := -1
	// “…,” he told the host on Monday, “…”: the object and the time of the
	// cue may come before the comma that carries the attribution on.
	if tellVerbs[d.toks[cue].low] && after < hi {
		after = d.objectAfter(after, hi)
	}
	// “…,” Trump said during a rally in Kenansville, N.C., “…”.
	for n, m := 0, after; n < 12 && m+1 < hi && d.toks[m].q < 0 && !cueVerbs[d.toks[m].low] && d.toks[m].t != "." && d.toks[m].t != ";"; n, m = n+1, m+1 {
		if t := d.toks[m].t; (t == "," || t == ":") && d.quoteAt(d.toks[m+1].s) >= 0 {
			after = m
			break
		}
	}
	// Only a comma or colon carries the attribution on to the next quote:
	// after a period, the next quote is a sentence of its own.
	if after < len(d.toks) && (d.toks[after].t == "," || d.toks[after].t == ":") {
		after++
	} else {
		after = len(d.toks)
	}
	if after < len(d.toks) {
		for ni := qi + 1; ni < len(d.quotes); ni++ {
			if d.quotes[ni].parent < 0 && d.quotes[ni].open == d.toks[after].s && d.quotes[ni].open < q.paraEnd {
				next = ni
				break
			}
		}
	}
	return subj, cue, next, true
}

// attributionBefore matches X said: “…” / X said that “…” / X told
// reporters “…” / According to X, “…”.
func (d *doc) attributionBefore(qi int) (*np, int, bool) {
	q := d.quotes[qi]
	k := d.markTok(q.open)
	if k <= 0 {
		return nil, -1, false
	}
	lo, _ := d.unitBounds(k)
	j := k - 1
	if j < lo && j >= 0 && d.toks[j].t == ":" && d.toks[j].q == q.parent {
		// He said:
		// “…”
		lo, _ = d.unitBounds(j)
	}
	if j < lo {
		return nil, -1, false
	}
	if t := d.toks[j].t; t == ":" || t == "," || t == "—" {
		j--
	}
	if j >= lo && d.toks[j].low == "that" {
		j--
	}
	// "says on its website that “…”", "said in French: “…”": a short
	// phrase of place or manner between the cue and the quote.
	if j > lo && !d.cueAt(j) {
		for m := j - 1; m > lo && j-m <= maxMannerWords+1 && d.toks[m+1].word && d.toks[m+1].q == q.parent; m-- {
			if d.cueAt(m) && (adjunctPreps[d.toks[m+1].low] || d.toks[m+1].low == "in") {
				j = m
				break
			}
		}
	}
	if j < lo || d.toks[j].q != q.parent {
		return nil, -1, false
	}
	// "According to X, “…”"
	if d.toks[k-1].t == "," {
		for m := j; m > lo; m-- {
			if d.toks[m].low == "to" && d.toks[m-1].low == "according" {
				p := &np{s: d.toks[m+1].s, e: d.toks[j].e, q: q.parent}
				p.text = d.text[p.s:p.e]
				return p, m - 1, true
			}
			if !d.toks[m].word {
				break
			}
		}
	}
	// "told reporters", "told BBC Radio Five Live": skip the object of a
	// verb of telling.
	if !d.cueAt(j) && d.toks[j].cap {
		for m := j; m > lo && j-m < maxTellObject && d.toks[m].word && (d.toks[m].cap || isNameConnector(d.toks[m].low)); m-- {
			if d.toks[m-1].word && tellVerbs[d.toks[m-1].low] {
				j = m - 1
				break
			}
		}
	}
	for n := 0; n < 2 && j > lo && !d.cueAt(j); n++ {
		if d.toks[j-1].word && tellVerbs[d.toks[j-1].low] && d.toks[j].word {
			j--
			break
		}
		if n == 0 && (isDay(d.toks[j].low) || timeWords[d.toks[j].low]) {
			j--
			continue
		}
		break
	}
	// "Said Ellis: “…”": the cue opens the sentence, the name follows.
	if d.toks[j].cap && !d.cueAt(j) {
		for i := j - 1; i >= lo && j-i < 4; i-- {
			if i == lo && d.cueAt(i) {
				if p := d.npAfter(i+1, j+1); p != nil && p.e == d.toks[j].e {
					return p, i, true
				}
			}
		}
	}
	if !d.cueAt(j) {
		// "Cruz called them on it: “…”", "As John Cornyn put it: “…”":
		// a sentence that introduces the quote with a colon gives it the
		// speaker of its subject.
		if d.toks[k-1].t == ":" && lo < k-1 {
			if p, cue, ok := d.frameVerbBefore(qi); ok {
				return p, cue, true // "… he exclaimed: “…”"
			}
			if p := d.colonSubject(lo, k-1); p != nil {
				return p, -1, true
			}
		}
		return nil, -1, false
	}
	// X said “budget reforms” and the collection of taxes would …: the
	// quote is part of a reported clause, not the whole statement.
	if r := runeBefore(d.text, q.close); q.close >= 0 && r != '.' && r != '?' && r != '!' {
		if n := d.tokAt(q.close + q.closeLen); n < len(d.toks) && d.toks[n].unit == d.toks[k].unit && d.toks[n].word && d.toks[n].q == q.parent {
			return nil, -1, false
		}
	}
	subj := d.subjectBefore(j, lo)
	if subj == nil && j-1 > lo && (d.toks[j-1].low == "and" || d.toks[j-1].low == "but") {
		// "He supported Obama and said, “…”": the subject of the sentence.
		subj = d.openingName(lo, j)
	}
	if subj == nil {
		return nil, -1, false
	}
	return subj, j, true
}

// maxTellObject is the most words the named object of a verb of telling
// may take before a quote: "told BBC Radio Five Live: “…”".
const maxTellObject = 6

// openingName returns the pronoun or capitalized name that opens the
// sentence at lo, as the subject of a later "and said", or nil: "Cruz
// exhorted Republicans … and said …", not "The company cut 500 jobs".
func (d *doc) openingName(lo, hi int) *np {
	if c := d.tokAt(d.contentStart()); c > lo && c < hi {
		lo = c // not the dateline: "WASHINGTON (Reuters) - Biden …"
	}
	if lo >= hi {
		return nil
	}
	t := d.toks[lo]
	if (t.low == "the" || t.low == "a" || t.low == "an") && t.cap {
		// "The official could not comment … but said …": a description
		// whose head can speak.
		if p := d.npAfter(lo, hi); p != nil && speakerHead(strings.ToLower(lastWord(p.text))) {
			return p
		}
		return nil
	}
	if pronouns[t.t] == "" && (!t.cap || determiners[t.low] || notNames[t.low]) {
		return nil
	}
	return d.npAfter(lo, hi)
}

// colonSubject returns the subject of the sentence text[lo:colon] that
// introduces a quote with a colon: a name, a pronoun or a description that
// opens it ("As John Cornyn … put it:" gives John Cornyn).
func (d *doc) colonSubject(lo, colon int) *np {
	m := lo
	if d.toks[m].low == "as" {
		m++
	}
	// "Collecting his award, U2 frontman Bono said: …": an opening
	// participle phrase is not the subject; the subject follows its comma.
	if m < colon && strings.HasSuffix(d.toks[m].low, "ing") && firstNames[d.toks[m].t] == "" && d.ents.byName[d.toks[m].low] == nil {
		for n := m + 1; n < colon && n-m <= maxOpeningPhrase; n++ {
			if d.toks[n].t == "," {
				m = n + 1
				break
			}
		}
	}
	if m >= colon || colon-m < 2 {
		return nil
	}
	t := d.toks[m]
	if !(t.cap && !determiners[t.low] && !notNames[t.low] || pronouns[t.t] != "" && t.low != "it" && t.low != "i" && t.low != "we") {
		return nil
	}
	p := d.npAfter(m, colon)
	if p == nil || d.tokAt(p.e) >= colon {
		return nil
	}
	// The next word must be a verb's, not more of a name or a heading.
	if n := d.toks[d.tokAt(p.e)]; !n.word || n.cap {
		return nil
	}
	return p
}

// attributeNested attributes quotes nested in quotes by the cue inside the
// outer quote: “… he said: ‘…’”.
func (d *doc) attributeNested() {
	for qi, q := range d.quotes {
		if q.parent < 0 || d.quoteDone[qi] {
			continue
		}
		if d.notSpeech(qi) {
			continue
		}
		subj, cue, _, ok := d.attribution(qi)
		if !ok {
			continue
		}
		d.addQuote(qi, quotes.KindDirect, subj, cue)
	}
}

// findReported finds reported speech: a cue verb outside quotes with its
// subject opens a reported clause ("X said (that) …"), an indirect quote;
// quoted fragments inside the clause are partial quotes of the same
// speaker. It also reads "…, X said." and "according to X".
func (d *doc) findReported() {
	var lastSubj *np
	lastUnit := -1
	// The subject of the last cue not inside another's reported words:
	// "Ment said Pike wrote a sketch … and said he insisted".
	var outerSubj *np
	outerUnit := -1
	from := len(d.found) // the reported clauses this scan finds, in text order
	for k := 0; k < len(d.toks); k++ {
		t := d.toks[k]
		if t.q >= 0 || !t.word {
			continue
		}
		lo, hi := d.unitBounds(k)
		if t.low == "according" && k+1 < hi && d.toks[k+1].low == "to" {
			d.accordingTo(k, lo, hi)
			continue
		}
		// "is estimating that", "are now demanding", "was adamant that":
		// a cue in its -ing form or an adjective, after a form of "be".
		low, subjAt := t.low, k
		if w, a := d.beCue(k, lo, hi); w != "" {
			low, subjAt = w, a
		} else if base, ok := participleCues[t.low]; ok && !d.cueUsed[k] {
			d.participle(k, lo, hi, base, lastSubj, lastUnit)
			continue
		}
		belief := !cueVerbs[low] && (low != t.low && beliefVerbs[low] || d.beliefAt(k))
		phrasal := d.phrasalCue(k)
		if d.cueUsed[k] || !belief && !phrasal && !(low != t.low && cueVerbs[low] || d.cueAt(k)) {
			continue
		}
		subj := d.subjectBefore(subjAt, lo)
		// "…, the Maldives, do not buy insurance, said a US-based
		// insurance expert.": a cue right after a comma with a phrase
		// that ends the sentence after it is inverted.
		if subj != nil && k > lo && d.toks[k-1].t == "," && sayVerbs[low] {
			if p := d.npAfter(k+1, hi); p != nil {
				if n := d.tokAt(p.e); (n >= hi || d.toks[n].t == ".") && (isUpperStart(lastWord(p.text)) || speakerHead(strings.ToLower(lastWord(p.text)))) {
					subj = nil
				}
			}
		}
		// "a General Election widely expected to be held": a passive,
		// not a belief of the phrase before it.
		if belief && subj != nil && strings.HasSuffix(low, "ed") && k+1 < hi && d.toks[k+1].low == "to" && k-1 > lo && (strings.HasSuffix(d.toks[k-1].low, "ly") || passiveAux[d.toks[k-1].low]) {
			continue
		}
		c := k - 1 // "… but has since said": the conjunction before the auxiliaries
		for c > lo && skipBetween[d.toks[c].low] {
			c--
		}
		if subj == nil && c > lo && (d.toks[c].low == "and" || d.toks[c].low == "but") {
			// A second predicate of the same subject: "Trump confirmed …,
			// and accused Sheinbaum of being “afraid”", "Cruz exhorted
			// Republicans to … and said …".
			if outerSubj != nil && outerUnit == t.unit {
				// The speaker of the sentence, not a subject inside
				// what they are reported to have said: "May said the
				// country would leave … and suggested that …".
				subj = outerSubj
			} else if lastSubj != nil && lastUnit == t.unit {
				subj = lastSubj
			} else {
				subj = d.openingName(lo, k)
			}
		}
		if subj != nil {
			if i := d.tokAt(subj.s); i > lo && (d.toks[i-1].low == "what" || d.toks[i-1].low == "which" || d.toks[i-1].low == "whom" || d.toks[i-1].low == "how") {
				// "what Trump says his plan would do": the content is the
				// relative pronoun, not the words after the cue. But in
				// "the document, which the Foreign Office says has cost
				// £2,500" and "what the White House said was a failure to
				// stem “lethal drugs”" the pronoun is the subject of what
				// was said, and the predicate after the cue is reported.
				d.cueUsed[k] = true
				if m := k + 1; m < hi && d.toks[m].word && finiteVerbs[d.toks[m].low] && d.toks[i-1].low != "how" {
					start, end := d.toks[m].s, d.clauseEnd(m, hi, t.unit)
					d.partialsIn(start, end, subj, k)
					d.reported(start, end, k, subj, low)
				}
				continue
			}
			if st := d.toks[d.tokAt(subj.s)]; st.cap && openingParticiples[st.low] && d.tokAt(subj.s) == lo && st.e == subj.e {
				continue // "Having said that, …", not "Hensarling said …"
			}
			lastSubj, lastUnit = subj, t.unit
			if !d.insideReported(t.s, from, d.units[t.unit].s) {
				outerSubj, outerUnit = subj, t.unit
			}
		}
		inverted := false
		if subj == nil && k > lo && d.toks[k-1].t == "," {
			subj = d.npAfter(k+1, hi)
			inverted = true
		}
		if subj == nil {
			continue
		}
		// The complement: skip the time, the object of "told", "that".
		m := k + 1
		if phrasal {
			m++ // "pointed out that …"
		}
		if inverted {
			m = d.tokAt(subj.e)
		}
		m = d.skipTime(m, hi)
		if (low == "called" || low == "calls") && m < hi && (d.toks[m].low == "for" || d.toks[m].low == "on") {
			m++ // "called for new tariffs", "called on Congress to act"
		}
		if tellVerbs[low] && m < hi {
			if p := d.objectAfter(m, hi); p > m {
				m = d.skipTime(p, hi) // "told reporters on Monday he …"
			}
			// "told voters here Sunday that …": any listener before "that".
			for n := m; n < hi && n-m < maxTellObject && d.toks[m].low != "that"; n++ {
				if t := d.toks[n]; t.low == "that" && n > m {
					m = n
					break
				} else if !t.word || t.q >= 0 || cueVerbs[t.low] || finiteVerbs[t.low] {
					break
				}
			}
		}
		// "says in Ohio that …", "told MSNBC's Morning Joe on Friday that
		// …": a short adjunct before the complementizer.
		if !inverted {
			m = d.contentThat(m, hi, low)
			m = d.thatAhead(m, hi)
		}
		// "vowed to form a task force", "urged Congress to act": what the
		// speaker committed to or asked for.
		if !inverted && (infinitiveCues[low] || intentVerbs[low]) && m+1 < hi && d.toks[m].low == "to" && d.toks[m+1].word && !d.toks[m+1].cap {
			start, end := d.toks[m].s, d.clauseEnd(m, hi, t.unit)
			d.partialsIn(start, end, subj, k)
			d.reported(start, end, k, subj, low)
			continue
		}
		hasThat := false
		if m < hi && d.toks[m].low == "that" && d.toks[m].q < 0 {
			m++
			hasThat = true
		}
		subjStart := d.roleLead(d.tokAt(subj.s), lo)
		// "The museum, Mr. Obama said, would make …": an attribution set
		// in the middle of the statement; both parts are reported.
		// A participle clause with words quoted in it ("…, she said,
		// referencing the bank’s drive to “cross-sell”") still reports her.
		participleAfter := m+1 < hi && d.toks[m].t == "," && d.toks[m+1].word && !d.toks[m+1].cap && strings.HasSuffix(d.toks[m+1].low, "ing") && !d.quotedIn(m+1, hi) && !d.gerundSubject(m+1, hi)
		if participleAfter && subjStart > lo+1 && d.toks[subjStart-1].t == "," && !hasThat {
			// "Canada and the U.S. have a deal, the minister said on
			// Monday, ending a dispute …": what comes before is said.
			if !d.relayed(d.toks[lo].s, d.toks[subjStart-1].s) {
				d.partialsIn(d.toks[lo].s, d.toks[subjStart-1].s, subj, k)
				d.reported(d.toks[lo].s, d.toks[subjStart-1].s, k, subj, low)
			}
			continue
		}
		if !hasThat && m < hi && d.toks[m].t == "," && m+1 < hi && subjStart > lo+1 && d.toks[subjStart-1].t == "," {
			if !prepositions[d.toks[lo].low] {
				// Not "On Tuesday, Smith said, the company would close."
				d.partialsIn(d.toks[lo].s, d.toks[subjStart-1].s, subj, k)
				d.reportedMin(d.toks[lo].s, d.toks[subjStart-1].s, k, subj, low, 1)
			}
			start, end := d.toks[m+1].s, d.clauseEnd(m+1, hi, t.unit)
			d.partialsIn(start, end, subj, k)
			d.reported(start, end, k, subj, low)
			continue
		}
		if inverted && m < hi && d.toks[m].t == "," && m+1 < hi && k-1 > lo {
			// "The museum, said Mr. Obama, would make …"
			d.partialsIn(d.toks[lo].s, d.toks[k-1].s, subj, k)
			d.reported(d.toks[lo].s, d.toks[k-1].s, k, subj, low)
			start, end := d.toks[m+1].s, d.clauseEnd(m+1, hi, t.unit)
			d.partialsIn(start, end, subj, k)
			d.reported(start, end, k, subj, low)
			continue
		}
		if m < hi && (d.toks[m].t == ":" || d.toks[m].t == ",") && !inverted {
			m++
			// "said on Monday, ending a dispute …": a participle of the
			// sentence, not what was said.
			if d.toks[m-1].t == "," && m < hi && d.toks[m].word && !d.toks[m].cap && strings.HasSuffix(d.toks[m].low, "ing") && !d.quotedIn(m, hi) && !d.gerundSubject(m, hi) {
				continue
			}
		}
		// "…, X said." — the clause before the attribution.
		if m >= hi || d.toks[m].t == "." || (d.toks[m].t == ":" && subjStart > lo+2 && d.toks[subjStart-1].t == ",") {
			if subjStart > lo && d.toks[subjStart-1].t == "," || inverted && d.toks[k-1].t == "," {
				end := d.toks[subjStart-1].s
				if inverted {
					end = d.toks[k-1].s
				}
				if !d.relayed(d.toks[lo].s, end) {
					d.reported(d.toks[lo].s, end, k, subj, low)
				}
			}
			continue
		}
		if inverted {
			continue
		}
		end := d.clauseEnd(m, hi, t.unit)
		if k-1 > lo && (d.toks[k-1].low == "who" || d.toks[k-1].low == "which") {
			// "Delia Ferris, who wrote the proposal, called …": the
			// relative clause ends at its comma.
			for n := m; n < d.tokAt(end); n++ {
				if d.toks[n].t == "," && d.toks[n].q < 0 {
					end = d.toks[n].s
					break
				}
			}
		}
		start := d.toks[m].s
		// A quote that fills the whole clause was attributed as direct.
		if qi := d.quoteAt(start); qi >= 0 {
			s, e := d.trimSpan(start, end, ".,;: ")
			if q := d.quotes[qi]; q.close >= 0 && q.close+q.closeLen >= e-1 && s == q.open {
				continue
			}
		}
		// Partial quotes inside the clause.
		d.partialsIn(start, end, subj, k)
		switch {
		case speechVerbsWithClause[low] && (hasThat || sayVerbs[low] && !objectSayVerbs[low] && d.clauseStart(m, hi) || d.finiteClause(m, hi)):
			d.reported(start, end, k, subj, low)
		case belief && stanceVerbs[low] && !hasThat && d.objectStart(m, hi):
			// "The union endorsed Clinton for president": a stance. "cited
			// a former staffer as saying …": the source cited, whose words
			// the participle reports.
			for n := m + 1; n+1 < d.tokAt(end); n++ {
				if d.toks[n].low == "as" && participleCues[d.toks[n+1].low] != "" {
					end = d.toks[n].s
					break
				}
			}
			d.reported(start, end, k, subj, low)
		case belief && (hasThat || !beliefNeedsThat[low] && d.subjectStart(m, hi)):
			// "Trump believes the election is rigged", "polls show that …".
			d.reported(start, end, k, subj, low)
		case !hasThat && objectVerbs[low] && d.objectStart(m, hi) && !d.naming(k, m, subj) && (!plainObjectVerbs[low] || d.saysOfObject(m, d.tokAt(end))):
			// "The campaign called the charges unsubstantiated", "Graham
			// criticized the party's lack of …": the object and what is
			// said of it, up to the quote that ends it ("blasted Clinton
			// as a “disgrace” Wednesday on …").
			for n := m; n < d.tokAt(end); n++ {
				if qi := d.quoteAt(d.toks[n].s); qi >= 0 && d.quotes[qi].close >= 0 {
					q := d.quotes[qi]
					if a := d.tokAt(q.close + q.closeLen); a < hi && d.toks[a].word && (timeWords[d.toks[a].low] || isDay(d.toks[a].low) || adjunctStarts[d.toks[a].low]) {
						end = q.close + q.closeLen
						break
					}
				}
			}
			d.reported(start, end, k, subj, low)
		}
	}
}

// insideReported reports whether offset i falls inside a reported clause
// found since d.found[from], in the sentence that starts at offset unit.
// Those are in text order, so the scan stops at the first that starts
// before the sentence.
func (d *doc) insideReported(i, from, unit int) bool {
	for n := len(d.found) - 1; n >= from; n-- {
		f := &d.found[n]
		if f.s < unit {
			return false
		}
		if f.kind == quotes.KindIndirect && f.s <= i && i < f.e {
			return true
		}
	}
	return false
}

// participle reads ", saying (that) …" and ", saying, “…”": the speaker
// is the subject of the sentence, the last one seen in it or the phrase
// that opens it.
func (d *doc) participle(k, lo, hi int, base string, lastSubj *np, lastUnit int) {
	if k == lo {
		return
	}
	// "with analysts saying …": the phrase after "with" speaks.
	if d.toks[k-1].t != "," {
		with := -1
		for n := k - 1; n > lo && k-n <= maxWithSubject && d.toks[n].word; n-- {
			if d.toks[n].low == "with" {
				with = n
				break
			}
		}
		switch {
		case with >= 0 && with+1 < k:
			if p := d.npEndingAt(k-1, with+1, -1); p != nil && d.tokAt(p.s) == with+1 {
				lastSubj, lastUnit = p, d.toks[k].unit
			} else if p != nil && d.toks[with+1].word && determiners[d.toks[with+1].low] {
				// "with the No. 2 Democrat in the House saying": the whole
				// description, with its place.
				w := &np{s: d.toks[with+1].s, e: d.toks[k-1].e, q: -1}
				w.text = d.text[w.s:w.e]
				lastSubj, lastUnit = w, d.toks[k].unit
			} else {
				return
			}
		case d.toks[k-1].low == "as" && k-2 > lo:
			// "which cited a former staffer as saying …", "quoted an
			// aide as saying …": the one cited speaks.
			n := k - 2
			for n > lo && k-n <= maxWithSubject && !quotingVerbs[d.toks[n].low] {
				n--
			}
			p := d.npEndingAt(k-2, n+1, -1)
			if !quotingVerbs[d.toks[n].low] || p == nil || d.tokAt(p.s) != n+1 {
				return
			}
			lastSubj, lastUnit = p, d.toks[k].unit
		case d.statementBefore(k, lo):
			// "sent a note on Wednesday saying that …", "issued a
			// statement saying …": the subject of the sentence.
		case d.toks[k-1].low == "by" || k+1 < hi && d.toks[k+1].t == ":" && lastUnit == d.toks[k].unit:
			// "hit back by saying …", "insisted there was no plan
			// saying: “…”": the subject of the sentence.
		default:
			return
		}
	}
	subj := lastSubj
	if lastUnit != d.toks[k].unit {
		// "But he also spoke of …, adding that …": the subject after the
		// conjunction that opens the sentence.
		first := lo
		if c := d.tokAt(d.contentStart()); c > first && c < k {
			first = c // after the dateline: "NEW YORK (Reuters) - The Sierra Club …"
		}
		for first+1 < k && d.toks[first].cap && (conjunctionOpeners[d.toks[first].low] || adverbOpeners[d.toks[first].low]) {
			first++
		}
		// "In 2016, the court …", "On Wednesday the court …": a time
		// before the subject.
		if first+1 < k && prepositions[d.toks[first].low] {
			n := first + 1
			for n < k && (timeWords[d.toks[n].low] || isDay(d.toks[n].low) || notNames[d.toks[n].low] && d.toks[n].cap && d.toks[n].low != "the" || d.toks[n].t[0] >= '0' && d.toks[n].t[0] <= '9' || d.toks[n].t == ",") {
				n++
			}
			if n > first+1 && n < k {
				first = n
			} else {
				// "In rulings in 2013 and 2017, the court …": a longer
				// phrase set off by its comma.
				for c := first + 1; c < k && c-first <= maxOpeningPhrase; c++ {
					if d.toks[c].t == "," {
						if c+1 < k && d.subjectStart(c+1, k) {
							first = c + 1
						}
						break
					}
				}
			}
		}
		subj = d.npAfter(first, k)
		// "The county's water manager, Omar Haddad, defended …": the
		// name in the apposition.
		if subj != nil {
			// "The president of the energy council, Gregory Wetstone,
			// sent …": past the description's own postmodifier too.
			if n := d.tokAt(subj.e); n < k && (d.toks[n].isPossessive() || d.toks[n].t == "," || prepsInNP[d.toks[n].low]) {
				for c := n; c+1 < k; c++ {
					if cueVerbs[d.toks[c].low] || finiteVerbs[d.toks[c].low] {
						break
					}
					if d.toks[c].t == "," && d.toks[c+1].cap {
						if p := d.npAfter(c+1, k); p != nil {
							subj = p
						}
						break
					}
				}
			}
		}
	}
	if subj == nil {
		return
	}
	m := k + 1
	if (base == "told" || base == "warned") && m < hi {
		m = d.objectAfter(m, hi)
	}
	if m < hi && (d.toks[m].t == "," || d.toks[m].t == ":") {
		m++
	}
	hasThat := m < hi && d.toks[m].low == "that"
	if hasThat {
		m++
	}
	if m >= hi {
		return
	}
	// “…” right after the participle is a direct quote of the subject.
	if qi := d.quoteAt(d.toks[m].s); qi >= 0 && !d.quoteDone[qi] && !hasThat {
		q := d.quotes[qi]
		if n := d.tokAt(q.close + q.closeLen); q.close >= 0 && (n >= hi || !d.toks[n].word) {
			d.cueUsed[k] = true
			d.addQuote(qi, quotes.KindDirect, subj, k)
			return
		}
	}
	if !hasThat && !d.clauseStart(m, hi) {
		return
	}
	d.cueUsed[k] = true
	start, end := d.toks[m].s, d.clauseEnd(m, hi, d.toks[k].unit)
	d.partialsIn(start, end, subj, k)
	d.reported(start, end, k, subj, d.toks[k].low)
}

// beCue reads a cue after a form of "be": the -ing form of a verb of
// saying or belief ("is estimating that", "are now demanding") or an
// adjective of saying before "that" ("was adamant that"). It returns the
// cue's past form, which the lexicons list, and the token of "be"; "" when
// token k is no such cue.
func (d *doc) beCue(k, lo, hi int) (string, int) {
	t := d.toks[k]
	if t.cap || !t.word || t.q >= 0 || k == lo {
		return "", -1
	}
	past := adjectiveCues[t.low]
	if past != "" && !(k+1 < hi && d.toks[k+1].low == "that") {
		return "", -1
	}
	if past == "" && strings.HasSuffix(t.low, "ing") && len(t.low) > 5 {
		past = participleCues[t.low]
		if stem := strings.TrimSuffix(t.low, "ing"); past == "" {
			for _, c := range []string{stem + "ed", stem + "d", strings.TrimSuffix(stem, "y") + "ied"} {
				if cueVerbs[c] || beliefVerbs[c] {
					past = c
					break
				}
			}
		}
	}
	if past == "" {
		return "", -1
	}
	a := k - 1
	for a > lo && (beAdverbs[d.toks[a].low] || strings.HasSuffix(d.toks[a].low, "ly")) {
		a--
	}
	if !passiveAux[d.toks[a].low] && d.toks[a].low != "’s" && d.toks[a].low != "am" || d.toks[a].low == "being" || d.toks[a].low == "be" {
		return "", -1
	}
	return past, a
}

// adjectiveCues are adjectives that report speech or belief after "be"
// and before "that", with the verb whose lexicon entry they share: "was
// adamant that".
var adjectiveCues = map[string]string{
	"adamant": "insisted", "emphatic": "insisted", "insistent": "insisted",
	"confident": "believed", "convinced": "believed",
}

// beAdverbs may stand between "be" and the cue after it: "are now
// demanding".
var beAdverbs = set(`now also still again not`)

// statementBefore reports whether a noun of a statement ("a note", "a
// statement", "a letter") stands just before the participle at token k,
// a time word or two aside.
func (d *doc) statementBefore(k, lo int) bool {
	for n := k - 1; n > lo && k-n <= 3; n-- {
		w := d.toks[n].low
		if mannerNouns[w] {
			return true
		}
		if !timeWords[w] && !isDay(w) {
			return false
		}
	}
	return false
}

// quotingVerbs pass on what someone said: "cited a former staffer as
// saying …".
var quotingVerbs = set(`cited cites citing quoted quotes quoting`)

// passiveAux make a past participle passive: "is expected to".
var passiveAux = set(`is are was were be been being`)

// maxWithSubject bounds the phrase between "with" and a participle:
// "with the No. 2 Democrat in the House saying".
const maxWithSubject = 10

// finiteClause reports whether the tokens at m open a clause whose
// finite verb comes within maxClauseSubject words, before any
// punctuation: "suggested the referendum could take place", not
// "suggested a compromise".
func (d *doc) finiteClause(m, hi int) bool {
	if !d.subjectStart(m, hi) {
		return false
	}
	for n := m + 1; n < hi && n-m <= maxClauseSubject; n++ {
		t := d.toks[n]
		if t.isPossessive() || (t.t == "'" || t.t == "’") && d.toks[n-1].e == t.s {
			continue // "Holmes' presence would be …"
		}
		if !t.word || t.q >= 0 {
			return false
		}
		if finiteVerbs[t.low] {
			return true
		}
	}
	return false
}

// maxClauseSubject is the most words before the finite verb of a clause
// reported without "that".
const maxClauseSubject = 7

// clauseEnd returns where the reported clause that starts at token m ends:
// the end of the sentence, or a second predicate of the same subject
// (", and accused …"), or a trailing "according to".
func (d *doc) clauseEnd(m, hi, unit int) int {
	for n := m; n < hi; n++ {
		if d.toks[n].q >= 0 {
			continue
		}
		if d.toks[n].t == "," && n+2 < hi && (d.toks[n+1].low == "and" || d.toks[n+1].low == "but") && clauseBreakers[d.toks[n+2].low] {
			return d.toks[n].s
		}
		if d.toks[n].low == "but" && n+1 < hi && (clauseBreakers[d.toks[n+1].low] || d.secondAttribution(n+1, hi)) {
			return d.toks[n].s
		}
		// "…, but the Kiwi said he was …": a new subject with a cue of
		// its own.
		if d.toks[n].t == "," && n+2 < hi && (d.toks[n+1].low == "and" || d.toks[n+1].low == "but") && d.secondAttribution(n+2, hi) {
			return d.toks[n].s
		}
		// "described the bill as … and said that …": a second cue;
		// "said … but accepted that …": a second predicate.
		if (d.toks[n].low == "and" || d.toks[n].low == "but") && n+1 < hi && n > m && (cueVerbs[d.toks[n+1].low] || d.toks[n].low == "but" && d.pastVerb(n+1)) {
			return d.toks[n].s
		}
		// "…against Conyers, who said his office had resolved …": a
		// relative clause that reports its own speaker's words.
		if d.toks[n].t == "," && n+2 < hi && d.toks[n+1].low == "who" && d.relativeCue(n+2, hi) {
			return d.toks[n].s
		}
		if d.toks[n].t == "," && n+2 < hi && d.toks[n+1].low == "according" {
			return d.toks[n].s
		}
		if d.toks[n].t == ";" {
			return d.toks[n].s
		}
		// "attacked Clinton for …, saying …": the participle reports
		// speech of its own; so does one without its comma that opens a
		// quote ("… the country saying: “…”").
		if d.toks[n].t == "," && n+1 < hi && (participleCues[d.toks[n+1].low] != "" || sourceParticiples[d.toks[n+1].low]) {
			return d.toks[n].s
		}
		// "…, and when pressed on why, she smiled": a clause of its own
		// after a subordinate one.
		if d.toks[n].t == "," && n+2 < hi && d.toks[n+1].low == "and" && subordinators[d.toks[n+2].low] {
			return d.toks[n].s
		}
		// "… mishandled the inquiry and Democrats accused the GOP of …":
		// a second subject with a cue of its own, even with no comma.
		if d.toks[n].low == "and" && n > m+2 && n+1 < hi && d.toks[n+1].cap && d.secondAttribution(n+1, hi) {
			return d.toks[n].s
		}
		if n > m && participleCues[d.toks[n].low] != "" && n+1 < hi && (d.toks[n+1].t == ":" || d.toks[n+1].low == "that") {
			return d.toks[n].s
		}
	}
	return d.units[unit].e
}

// relativeCue reports whether a cue opens the relative clause from token
// m, after at most one auxiliary or adverb ("who said", "who has said",
// "which also said").
func (d *doc) relativeCue(m, hi int) bool {
	for n := m; n < hi && n <= m+1; n++ {
		if d.toks[n].q >= 0 || !d.toks[n].word {
			return false
		}
		if d.cueAt(n) {
			return true
		}
		// "which he said was …", "who he described as …": the clause
		// has a subject of its own, the sentence's speaker.
		if !relativeAux[d.toks[n].low] {
			return false
		}
	}
	return false
}

// relativeAux may stand between "who" and its cue: "who has said", "who
// also told".
var relativeAux = set(`has have had also later earlier previously then once first recently repeatedly publicly`)

// maxRoleLead is the most words of a role that may stand between a comma
// and the name of the speaker after it: "…, Lib Dem leader Charles Kennedy
// has said."
const maxRoleLead = 5

// roleLead returns the token that opens the role words before the
// subject starting at token i, when a comma stands before them ("…, Green
// leader Ada Morrow has said"), else i.
func (d *doc) roleLead(i, lo int) int {
	for n := i - 1; n > lo && i-n <= maxRoleLead; n-- {
		t := d.toks[n]
		if t.t == "," {
			if n+1 < i {
				return n + 1
			}
			return i
		}
		if !(t.word || t.isPossessive()) || t.q >= 0 || cueVerbs[t.low] || finiteVerbs[t.low] || nonSubject[t.low] {
			return i
		}
	}
	return i
}

// objectSayVerbs are verbs of saying as often followed by what was made
// as by what was said: "tweeted a video", "wrote an op-ed", "reported the
// account". Without "that" they report a clause only when a finite verb
// follows its subject.
var objectSayVerbs = set(`wrote writes tweeted tweets posted posts reported reports repeated repeats`)

// sourceParticiples end a reported clause with what the speaker drew on:
// "analysts said …, citing the country's location".
var sourceParticiples = set(`citing referencing echoing`)

// subordinators open a subordinate clause: ", and when pressed, she …".
var subordinators = set(`when while after before as if although though`)

// maxSecondSubject is the most words a subject may run after ", but"
// before its own cue: "…, but the New Zealand wing said …".
const maxSecondSubject = 5

// secondAttribution reports whether the tokens from m hold a subject and
// a cue of their own ("the Kiwi said", "he insisted") within
// maxSecondSubject words.
func (d *doc) secondAttribution(m, hi int) bool {
	if !d.subjectStart(m, hi) && !d.bareSubject(m, hi) {
		return false
	}
	for n := m + 1; n < hi && n-m <= maxSecondSubject; n++ {
		t := d.toks[n]
		if !t.word || finiteVerbs[t.low] || t.low == "not" {
			return false // "…, and Strand Air did not return calls"
		}
		if d.cueAt(n) {
			return true
		}
	}
	return false
}

// maxOpeningPhrase is the most words of a phrase that opens a sentence
// before its subject: "In rulings in 2013 and 2017, …".
const maxOpeningPhrase = 12

// phrasalCues are verbs of saying only with their particle: "pointed
// out that …".
var phrasalCues = map[string]string{"pointed": "out", "points": "out", "point": "out"}

// phrasalCue reports whether token k opens a phrasal verb of saying.
func (d *doc) phrasalCue(k int) bool {
	t := d.toks[k]
	p, ok := phrasalCues[t.low]
	return ok && !t.cap && k+2 < len(d.toks) && d.toks[k+1].low == p && d.toks[k+2].low == "that"
}

// bareSubject reports whether the tokens from m open with a plural noun
// phrase without determiner that can speak, right before a cue: "state
// officials said", "analysts say".
func (d *doc) bareSubject(m, hi int) bool {
	for n := m; n < hi && n-m < maxBareSubject; n++ {
		t := d.toks[n]
		if !t.word || t.cap {
			return false
		}
		if strings.HasSuffix(t.low, "s") && speakerHead(t.low) {
			return n+1 < hi && d.cueAt(n+1)
		}
	}
	return false
}

// maxBareSubject is the most words of a plural subject without
// determiner: "state election officials".
const maxBareSubject = 3

// saysOfObject reports whether the object of a cue in tokens [m, n) comes
// with what is said of it — a quote, "as …", "of …", "for …", "to …" or a
// second noun phrase ("accused Trump of lying", "described him as
// “reckless”", "called the plan a fantasy") — rather than
// being a plain object ("Police called the fire department").
func (d *doc) saysOfObject(m, n int) bool {
	for k := m; k < n; k++ {
		t := d.toks[k]
		if t.q >= 0 || k > m && (t.low == "as" || t.low == "of" || t.low == "for" || t.low == "to" || t.low == "a" || t.low == "an") {
			return true
		}
	}
	return false
}

// naming reports whether the cue at k names something rather than
// reports speech: "a group called Lashkar-e-Taiba".
func (d *doc) naming(k, m int, subj *np) bool {
	if m+1 < len(d.toks) && d.toks[m].low == "the" {
		m++ // "a group called the Fulton Kings"
	}
	if d.toks[k].low != "called" || m >= len(d.toks) || !d.toks[m].cap {
		return false
	}
	st := d.toks[d.tokAt(subj.s)]
	return (!st.cap || determiners[st.low]) && pronouns[st.t] == ""
}

// contentThat returns the "that" after a noun of a thing said that a cue
// of contentCues takes as its object ("denied claims that", "denied the
// allegations that"), else m: the that-clause is what the cue judges.
func (d *doc) contentThat(m, hi int, cue string) int {
	if !contentCues[cue] {
		return m
	}
	n := m
	if n < hi && (determiners[d.toks[n].low] && d.toks[n].low != "that" || d.toks[n].low == "any" || d.toks[n].low == "all") {
		n++ // "denied the claims", "denied any suggestion", "denied all reports"
	}
	if n+1 < hi && contentNouns[d.toks[n].low] && d.toks[n+1].low == "that" && d.toks[n+1].q < 0 {
		return n + 1
	}
	return m
}

// thatAhead returns the token of a "that" a few words after m, when only
// an adjunct of the cue stands before it ("says in Ohio that"), else m.
func (d *doc) thatAhead(m, hi int) int {
	if m >= hi || d.toks[m].low == "that" {
		return m
	}
	// Only an adjunct or a named listener may come first: not "said
	// officials are in possession of video that …".
	if f := d.toks[m]; !prepositions[f.low] && !f.cap && !f.isPossessive() && d.quoteAt(f.s) < 0 {
		return m
	}
	for n := m; n < hi && n-m < 10; n++ {
		t := d.toks[n]
		if qi := d.quoteAt(t.s); qi >= 0 && d.words(d.quotes[qi].s, d.quotes[qi].e) <= 4 {
			// told MSNBC's “Morning Joe” that …
			n = d.tokAt(d.quotes[qi].e)
			continue
		}
		// "says at a stop in Toledo, Ohio, that …": the commas of a place.
		if t.t == "," && n > m && n+1 < hi && d.toks[n-1].cap && (d.toks[n+1].cap || d.toks[n+1].low == "that") {
			continue
		}
		if t.q >= 0 || !(t.word || t.isPossessive()) || cueVerbs[t.low] || t.low == "and" || t.low == "but" {
			return m
		}
		if t.low == "that" && n > m {
			return n
		}
	}
	return m
}

// objectStart reports whether the tokens at m open a noun phrase that a
// cue verb takes as its object.
func (d *doc) objectStart(m, hi int) bool {
	if m >= hi || hi-m < 3 {
		return false
	}
	t := d.toks[m]
	if !t.word {
		return d.quoteAt(t.s) >= 0 // "called the senator “sick”"
	}
	return !prepositions[t.low] && !strings.HasSuffix(t.low, "ly")
}

// quoteAt returns the top-level quote whose opening mark is at i, or -1.
func (d *doc) quoteAt(i int) int {
	// Quotes are in text order, and so are their opening marks: a nested
	// quote opens after its parent's mark.
	for qi := d.quoteFrom(i); qi < len(d.quotes) && d.quotes[qi].open == i; qi++ {
		if d.quotes[qi].parent < 0 {
			return qi
		}
	}
	return -1
}

// quoteFrom returns the index of the first quote whose opening mark is at
// or after offset i.
func (d *doc) quoteFrom(i int) int {
	return sort.Search(len(d.quotes), func(k int) bool { return d.quotes[k].open >= i })
}

// objectAfter skips the object of a verb of telling ("told reporters",
// "told Trump", "told the audience") and returns the token after it.
func (d *doc) objectAfter(m, hi int) int {
	t := d.toks[m]
	switch {
	case !t.word || t.q >= 0:
		return m
	case addressees[t.low]:
		return m + 1
	case t.cap:
		for m < hi && d.toks[m].word && d.toks[m].cap {
			m++
		}
		return m
	case determiners[t.low] && t.low != "that":
		n := m + 1
		for n < hi && n-m < 4 && d.toks[n].word && !nonSubject[d.toks[n].low] {
			n++
		}
		return n
	}
	return m
}

// clauseStart reports whether the tokens at m open a clause: a subject
// pronoun, a determiner, a name or a number.
func (d *doc) clauseStart(m, hi int) bool {
	if m >= hi || hi-m < 3 {
		return false
	}
	if !d.toks[m].word && d.toks[m].q < 0 && m+1 < hi && d.toks[m+1].q >= 0 {
		m++ // a clause that opens with a quote
	}
	t := d.toks[m]
	if !t.word {
		return false
	}
	if d.subjectStart(m, hi) {
		return true
	}
	// "said if Democrats want a deal, they need to attend": a condition
	// that opens the reported clause.
	if conditionals[t.low] && m+1 < hi && d.toks[m+1].word && !prepositions[d.toks[m+1].low] {
		return true
	}
	// "said talking was the only answer": a gerund as the subject, with
	// a finite verb after it.
	if strings.HasSuffix(t.low, "ing") {
		return d.gerundSubject(m, hi)
	}
	// "said local officials should …", "said witnesses saw a gun": any
	// word that is not a preposition, an adverb or a conjunction.
	return !prepositions[t.low] && !strings.HasSuffix(t.low, "ly")
}

// conditionals open a condition a reported clause may start with.
var conditionals = set(`if unless`)

// maxGerundSubject is the most words a gerund subject may run before its
// verb: "abolishing the individual requirement would cause …".
const maxGerundSubject = 8

// gerundSubject reports whether the -ing word at m opens a clause as its
// subject: a finite verb follows within maxGerundSubject words, before
// any punctuation.
func (d *doc) gerundSubject(m, hi int) bool {
	for n := m + 1; n < hi && n-m <= maxGerundSubject; n++ {
		t := d.toks[n]
		if !t.word || t.cap || prepositions[t.low] || nonSubject[t.low] && !finiteVerbs[t.low] {
			return false // "told a town hall meeting on Wednesday that …"
		}
		if finiteVerbs[t.low] {
			return true
		}
	}
	return false
}

// subjectStart reports whether the tokens at m open a clause with a
// subject: a pronoun, a determiner, a name or a number.
func (d *doc) subjectStart(m, hi int) bool {
	if m >= hi || hi-m < 3 || !d.toks[m].word {
		return false
	}
	t := d.toks[m]
	switch t.low {
	case "he", "she", "it", "they", "we", "i", "there", "you", "this", "these", "those":
		return true
	}
	if approxWords[t.low] && m+1 < hi && (isNumber(d.toks[m+1].t) || numberWords[d.toks[m+1].low]) {
		return true // "said about 20 people have …"
	}
	return determiners[t.low] && t.low != "that" || t.cap || isNumber(t.t)
}

// objectPronouns are pronouns that cannot be a subject: "those close to
// him", "many of whom".
var objectPronouns = set(`him her them us whom`)

// quantifiers count the people of a group: "many of whom", "some of
// them".
var quantifiers = set(`many some most all none several both each few one two three half`)

// approxWords qualify a number that opens a clause: "about 20 people".
var approxWords = set(`about around nearly almost roughly over under some fewer more`)

// isNumber reports whether the token w is written as a number: "20",
// "$5", "1.7".
func isNumber(w string) bool {
	return w != "" && (w[0] >= '0' && w[0] <= '9' || (w[0] == '$' || w[0] == '£') && len(w) > 1)
}

// reported records an indirect quote over text[s:e] with its cue k; a
// belief when the cue is a verb of belief.
func (d *doc) reported(s, e, k int, subj *np, cue string) {
	d.reportedMin(s, e, k, subj, cue, 3)
}

// reportedMin is reported for a clause of at least min words: the first
// half of "The museum, he said, would …" may be one or two.
func (d *doc) reportedMin(s, e, k int, subj *np, cue string, min int) {
	// "OTTAWA — Canada and the United States …, the minister said": the
	// dateline is not said.
	if c := d.contentStart(); s < c && c < e {
		s = c
	}
	s, e = d.trimSpan(s, e, ".,;:—– ")
	if d.words(s, e) < min {
		return
	}
	// A clause that is one quoted passage is that quote, not speech reported.
	if d.coveredByQuote(s, e, 3) {
		return
	}
	// Reported speech inside reported speech ("she said that she told him
	// that …") belongs to the outer clause.
	if d.inReported(k) {
		return
	}
	c := d.toks[k]
	f := found{s: s, e: e, kind: quotes.KindIndirect, subj: subj, cue: cue, cs: c.s, ce: c.e}
	if beliefVerbs[cue] && !cueVerbs[cue] {
		f.kind = quotes.KindBelief
	}
	if w := c.low; w != cue && cue != "according" {
		f.cue = w // "is estimating": the word the article wrote, not its past form
	}
	if cue == "according" {
		f.cue, f.ce = "according to", c.e+3
	}
	d.add(f)
}

// accordingTo reads "According to X, …" and "…, according to X.".
func (d *doc) accordingTo(k, lo, hi int) {
	// The source runs from after "to" to the next comma or the end.
	n := k + 2
	for n < hi && d.toks[n].t != "," && d.toks[n].t != "." && d.toks[n].t != ":" && d.toks[n].t != ";" && d.toks[n].q < 0 {
		n++
	}
	if n == k+2 {
		return
	}
	subj := &np{s: d.toks[k+2].s, e: d.toks[n-1].e, q: -1}
	subj.text = d.text[subj.s:subj.e]
	d.cueUsed[k] = true
	if k == lo || (k == lo+1 && !d.toks[lo].word) {
		if n+1 < hi && d.toks[n].t == "," {
			start := d.toks[n+1].s
			end := d.units[d.toks[k].unit].e
			d.partialsIn(start, end, subj, k)
			d.reported(start, end, k, subj, "according")
		}
		return
	}
	// "…, saying …, according to court papers": the papers record what
	// the groups said.
	if k > lo && d.toks[k-1].t == "," && !(docNouns[lastWord(subj.text)] && d.relayed(d.toks[lo].s, d.toks[k-1].s)) {
		d.partialsIn(d.toks[lo].s, d.toks[k-1].s, subj, k)
		d.reported(d.toks[lo].s, d.toks[k-1].s, k, subj, "according")
	}
}

// quotedIn reports whether a quotation mark opens in tokens [m, hi).
func (d *doc) quotedIn(m, hi int) bool {
	for n := m; n < hi; n++ {
		if d.toks[n].q >= 0 {
			return true
		}
	}
	return false
}

// relayed reports whether the clause text[s:e], set before a trailing
// attribution ("…, according to court papers", "…, Politico reported"),
// already holds a statement with a cue of its own ("A CNN spokesperson
// told Politico that …", "The groups sued, saying …"): the trailing
// source relays that statement and is not its speaker.
func (d *doc) relayed(s, e int) bool {
	for _, f := range d.found {
		if f.cs >= s && f.ce <= e && f.s >= s && f.e <= e+1 {
			return true
		}
	}
	return false
}

// partialsIn marks the unattributed quotes in text[s:e] as partial quotes.
func (d *doc) partialsIn(s, e int, subj *np, cue int) {
	for qi := d.quoteFrom(s); qi < len(d.quotes) && d.quotes[qi].open < e; qi++ {
		q := d.quotes[qi]
		if q.parent >= 0 || d.quoteDone[qi] || q.e > e || d.notSpeech(qi) {
			continue
		}
		d.addQuote(qi, quotes.KindPartial, subj, cue)
	}
}

// skipTime skips the time and manner that may follow a cue verb ("said on
// Friday", "said last week", "said in a statement") and returns the next
// token.
func (d *doc) skipTime(m, hi int) int {
	for n := 0; n < 5 && m < hi && d.toks[m].word && d.toks[m].q < 0; n++ {
		w := d.toks[m].low
		if m+1 < hi && d.toks[m+1].isPossessive() {
			break // "Friday's decision"
		}
		// "reported separately that …"
		if strings.HasSuffix(w, "ly") && m+1 < hi && d.toks[m+1].low == "that" {
			m++
			continue
		}
		// "on Friday", "this week", but not "on a conference call".
		if timeWords[w] && !(timeOpeners[w] && !(m+1 < hi && (timeWords[d.toks[m+1].low] && !timeOpeners[d.toks[m+1].low] || isDay(d.toks[m+1].low) || months[d.toks[m+1].low]))) || isDay(w) {
			m++
			continue
		}
		// "in a statement", "in an emailed statement", "in legal papers",
		// "in court filings".
		if w == "in" {
			end := -1
			for n := m + 1; n < hi && n-m <= maxMannerWords && d.toks[n].word && !d.toks[n].cap; n++ {
				if low := d.toks[n].low; mannerNouns[low] || docNouns[low] || mannerNouns[strings.TrimSuffix(low, "s")] || docNouns[strings.TrimSuffix(low, "s")] {
					end = n + 1
					break
				}
			}
			if end > 0 {
				m = end
				continue
			}
		}
		// "said after the convention he would …", "said at a rally that
		// …": a short phrase of time or place, taken only when a clause
		// or "that" follows it.
		if adjunctPreps[w] {
			end := -1
			for n := m + 1; n < hi && n-m <= maxMannerWords+1 && (d.toks[n].word || d.toks[n].isPossessive()) && d.toks[n].q < 0; n++ {
				if a := n + 1; a < hi && (d.toks[a].low == "that" || pronounSubjects[d.toks[a].low]) {
					end = a
					break
				}
			}
			if end > 0 {
				m = end
				continue
			}
		}
		break
	}
	return m
}

// months name the months, whole or abbreviated: "on Dec. 5".
var months = set(`january february march april may june july august september october november december jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.`)

// timeOpeners are time words only before another: "on Friday", "this
// week", "last month".
var timeOpeners = set(`on this last`)

// adjunctPreps open a phrase of time or place that may stand between a
// cue and its clause: "said after the convention he would …".
var adjunctPreps = set(`after before during at following on`)

// pronounSubjects open a reported clause: "said after the vote he …".
var pronounSubjects = set(`he she they we i it`)

// maxMannerWords bounds the phrase of manner after "in": "in an emailed
// statement".
const maxMannerWords = 3

// mannerNouns are the ways a statement is made: "said in a statement".
var mannerNouns = set(`statement interview email letter post tweet speech video briefing release news conference note memo`)

// attribution finds the cue of quote qi after it, else before it; next is
// the quote an attribution after it carries on to (a split quote), or -1.
func (d *doc) attribution(qi int) (subj *np, cue, next int, ok bool) {
	if subj, cue, next, ok = d.attributionAfter(qi); ok {
		return subj, cue, next, true
	}
	subj, cue, ok = d.attributionBefore(qi)
	return subj, cue, -1, ok
}
