package extract

import (
	"slices"
	"strings"
	"unicode"
)

// A speaker phrase names its speaker once, among words that describe the
// speaker: "Global Insight analyst Howard Archer", "ABN Amro's Paul
// Mackel", "Detective Inspector Paul Miller of Thames Valley Police",
// "Cuba's Foreign Ministry chief for U.S. Affairs Josefina Vidal". The
// name is the head of the phrase: the last capitalized run, after the
// possessives, the lower-case job words and the titles that qualify it,
// and before a postmodifier ("of Thames Valley Police") when a full name
// stands before that. What comes before the name is its role and
// affiliation; what comes after, its affiliation.

// affiliationPreps join a name to the body it belongs to: "Paul Miller of
// Thames Valley Police", "Matthew Herren from EduVision".
var affiliationPreps = set(`of from at with`)

// headOfPhrase returns the token range [a, b) of the name that heads the
// phrase toks[lo:hi], and the token range of what follows it as an
// affiliation ([b, hi) without the preposition), for a phrase that opens
// with a capital letter. ok is false when the phrase has no such name
// (a description: "The Tory spokesman").
func (d *doc) headOfPhrase(lo, hi int) (a, b int, ok bool) {
	a, b = lo, hi
	// "Experts on North Korea", "Some residents in Gaza": people the
	// place or subject describes, not the place.
	for p := a + 1; p < b && !d.toks[p].cap; p++ {
		if w := d.toks[p-1]; peoplePreps[d.toks[p].low] && (!w.cap || p-1 == lo) && strings.HasSuffix(w.low, "s") && !strings.HasSuffix(w.low, "ss") && speakerHead(w.low) {
			return lo, hi, false
		}
	}
	// "Paul Miller of Thames Valley Police": a full name before "of".
	for p := a + 1; p < b; p++ {
		if affiliationPreps[d.toks[p].low] && !d.toks[p].cap {
			if na, nb := d.stripTitles(a, p); nb-na >= 2 && d.personLike(na, nb) {
				b = p
			}
			break
		}
	}
	// "ABN Amro's Paul Mackel": the name after the last possessive.
	for p := b - 1; p > a; p-- {
		if d.toks[p].isPossessive() {
			a = p + 1
			break
		}
	}
	// "Global Insight analyst Howard Archer": the name after the last
	// lower-case word, unless it is a connector inside the name ("Ludwig
	// van Beethoven", "Bank of England").
	for p := b - 1; p >= a; p-- {
		t := d.toks[p]
		if !t.word {
			if t.t == "." || t.t == "-" || t.t == "’" || t.t == "'" {
				continue
			}
			a = p + 1
			break
		}
		if !t.cap && !(isNameConnector(t.low) && p > a && d.toks[p-1].cap) {
			a = p + 1
			break
		}
	}
	a, b = d.stripTitles(a, b)
	if a >= b {
		return lo, hi, false
	}
	// "chief for U.S. Affairs Josefina Vidal": the name starts after the
	// domain of the job.
	for p := b - 3; p >= a; p-- {
		if domainWords[d.toks[p].low] {
			a = p + 1
			break
		}
	}
	// "U.S. Affairs Josefina Vidal": the name starts at a known first
	// name when words that are not names stand before it.
	if firstNames[d.toks[a].t] == "" && !orgHeads[d.toks[b-1].low] {
		for p := a + 1; p < b-1; p++ {
			if firstNames[d.toks[p].t] != "" {
				a = p
				break
			}
		}
	}
	return a, b, true
}

// domainWords end the domain of a job that stands before a name: "chief
// for U.S. Affairs", "Minister of Foreign Relations".
var domainWords = set(`affairs relations policy security development operations communications`)

// stripTitles steps over the titles, job words, nationalities and party
// words that open the capitalized run toks[a:b] ("Detective Inspector",
// "Journalist", "Democrat", "U.S. Senator"), keeping at least one word.
func (d *doc) stripTitles(a, b int) (int, int) {
	if a < b && orgHeads[d.toks[b-1].low] {
		return a, b // "Democratic Party", "Foreign Ministry"
	}
	for a < b-1 && d.toks[a+1].cap {
		// A word before a connector is the name's ("House of
		// Representatives"), not a title.
		t := d.toks[a]
		w := strings.TrimSuffix(t.low, ".")
		if b-a == 2 && partyWords[w] && partyWords[strings.TrimSuffix(d.toks[a+1].low, "s")] {
			break // "Liberal Democrats", "Free Democrats": a party's name, not "Democrats"
		}
		if titleWords[t.low] || titleWords[w] || jobNouns[w] || nationalities[t.t] || partyWords[w] || partyWords[strings.TrimSuffix(w, "s")] || w == "tories" {
			a++
			continue
		}
		break
	}
	return a, b
}

// personLike reports whether toks[a:b] reads as a person's name: not an
// organization's ("Thames Valley Police", "Bank of England").
func (d *doc) personLike(a, b int) bool {
	if orgHeads[d.toks[b-1].low] {
		return false
	}
	for p := a; p < b; p++ {
		t := d.toks[p]
		if !t.cap && !isNameConnector(t.low) || titleWords[t.low] || numberWords[t.low] || notNames[t.low] {
			return false
		}
	}
	return true
}

// numberWords open counts, never names: "Fifty nine percent of people".
var numberWords = set(`
one two three four five six seven eight nine ten eleven twelve twenty thirty
forty fifty sixty seventy eighty ninety hundred thousand million half most many
`)

// personLikeName reports whether a name reads as a person's: two to four
// capitalized words (name connectors aside), none a title, a number or an
// organization's head word ("Bahtiyar Duysak", not "M6 Toll" or "Trade
// Council").
func personLikeName(name string) bool {
	f := strings.Fields(name)
	if len(f) < 2 || len(f) > 4 || orgHeads[strings.ToLower(f[len(f)-1])] {
		return false
	}
	for _, w := range f {
		low := strings.ToLower(w)
		if isNameConnector(low) {
			continue
		}
		if !isUpperStart(w) || titleWords[low] || numberWords[low] || notNames[low] || nationalities[w] || isAcronym(w) || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			return false // not "USA TODAY" nor "M6 Toll"
		}
	}
	return true
}

// plausibleSpeaker reports whether a resolved speaker reads as a person,
// an organization or an unnamed source: a name whose words are all
// capitalized (name connectors aside) and that is no adjective, adverb or
// preposition ("Republican", "Also", "Like Corker"); or a description
// whose head noun names people, a body or a source ("a spokesman for the
// company", "analysts", "people familiar with the matter"), not "recent
// days" or "the same".
func plausibleSpeaker(name string) bool {
	f := strings.Fields(name)
	if len(f) == 0 {
		return false
	}
	if strings.EqualFold(f[0], "the") && len(f) > 1 && isUpperStart(f[1]) {
		f = f[1:] // "The Congressional Budget Office"
	}
	if len(f) > 1 && !slices.ContainsFunc(f, func(w string) bool { return strings.ToUpper(w) != w }) {
		return false // a heading in capitals: "MARKET STRATEGIST"
	}
	first := strings.ToLower(f[0])
	if !isUpperStart(f[0]) || determiners[first] {
		return speakerHead(descriptionHead(f))
	}
	for _, w := range f[1:] {
		low := strings.ToLower(strings.Trim(w, ",.;:()"))
		if !isUpperStart(w) && !isNameConnector(low) && low != "the" && !strings.HasPrefix(w, "(") {
			// "Seattle officials", "One lobbyist": a description that
			// opens with a capital.
			return speakerHead(descriptionHead(f))
		}
	}
	if notNames[first] || prepositions[first] || adverbOpeners[first] || len(f) == 1 && (partyWords[first] && !partyNames[first] || nationalities[f[0]]) {
		return false
	}
	return true
}

// shareWords name a share of a group: "percent of people", "most of the
// voters".
var shareWords = set(`percent per cent majority minority some most many all none several`)

// maxShareWords bounds the words before "of" in a share: "more than
// half".
const maxShareWords = 4

// partyNames are party words that name the party standing alone, as
// British news writes "Labour said"; the others are adjectives
// ("Republican" alone is nobody).
var partyNames = set(`labour`)

// descriptionHead returns the head noun of a description: its last word
// before a preposition or a relative word ("a spokesman for the company"
// → "spokesman", "people familiar with the matter" → "people").
func descriptionHead(f []string) string {
	// "Fifty nine percent of people", "half of the respondents": the
	// people the share is of.
	for i := 0; i+2 < len(f) && i < maxShareWords; i++ {
		if w := strings.ToLower(f[i]); (numberWords[w] || shareWords[w]) && strings.EqualFold(f[i+1], "of") && (i+1 == len(f)-1 || numberWords[strings.ToLower(f[0])] || shareWords[strings.ToLower(f[0])]) {
			return descriptionHead(f[i+2:])
		}
	}
	head := ""
	for i, w := range f {
		low := strings.ToLower(strings.Trim(w, ",.;:()"))
		if i > 0 && (prepositions[low] || prepsInNP[low] || nonSubject[low]) {
			break
		}
		head = low
	}
	return head
}

// speakerHead reports whether a description's head noun (singular or
// plural) names people, a body or a source that can speak.
func speakerHead(head string) bool {
	for _, h := range []string{head, strings.TrimSuffix(head, "s"), strings.TrimSuffix(head, "es"), strings.TrimSuffix(head, "ies") + "y"} {
		if h != "" && (personNoun(h) || orgNouns[h] || orgHeads[h] || pubNouns[h] || sourceNouns[h] || sourceNouns[h+"s"] || docNouns[h] || h != head && lowerNationalities[h]) {
			return true
		}
	}
	return false
}

// adverbOpeners are capitalized words that open a sentence without naming
// anyone and that notNames does not list.
var adverbOpeners = set(`like unlike however meanwhile still instead indeed perhaps maybe despite besides`)
