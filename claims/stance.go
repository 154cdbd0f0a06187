package claims

import (
	"strings"

	quotes "github.com/quotesproject/quotes"
)

// A statement's stance toward a claim is read in this order:
//
//  1. reports: the speaker is a news outlet, a report or unnamed sources,
//     or the cue is one of relaying ("reported", "according to");
//  2. denies: the cue denies ("denied", "refuted"), the statement calls
//     the claim false ("That is false", "a lie", "never happened"), or
//     negation scopes over the words it shares with the claim in one and
//     not the other ("Mexico will not accept …" against "Mexico
//     accepted …");
//  3. confirms: the cue confirms ("confirmed", "acknowledged"), the
//     statement or a short sentence beside it says so ("It's true",
//     "she's 100% right"), or it acts on what the claim says happened
//     ("rejected an offer to send troops" confirms that the offer was
//     made);
//  4. asserts otherwise.
//
// Claim-level rules come after (see Verdict): an assertion becomes a
// confirmation when a speaker of another side affirms the same claim.

// reportCues are cues of relaying what others say.
var reportCues = setOf("reported", "reports", "report", "according to", "citing", "cited", "wrote", "writes", "published", "relayed")

// denyCues are cues that deny what follows.
var denyCues = setOf("denied", "denies", "deny", "denying", "refuted", "refutes", "disputed", "disputes", "dismissed",
	"dismisses", "rebutted", "contradicted", "contradicts", "debunked", "rejected", "rejects", "disavowed")

// confirmCues are cues that confirm what follows.
var confirmCues = setOf("confirmed", "confirms", "confirm", "confirming", "acknowledged", "acknowledges", "admitted",
	"admits", "conceded", "concedes", "agreed", "agrees", "verified", "corroborated", "affirmed", "affirms",
	"reaffirmed", "validated", "attested")

// denyWords call what they are said of false. Negated forms ("not
// false") are read by polarity, so a word here counts only when no
// negation comes right before it.
var denyWords = setOf("false", "untrue", "lie", "lies", "lying", "liar", "fake", "hoax", "baseless", "unfounded",
	"nonsense", "fabricated", "fabrication", "fiction", "fictitious", "incorrect", "inaccurate", "misleading",
	"debunked", "bogus", "absurd", "ridiculous", "groundless", "denied", "deny", "denies", "wrong", "myth", "rubbish",
	"disinformation", "misinformation", "smear")

// confirmWords say that what they are said of is so.
var confirmWords = setOf("true", "right", "correct", "accurate", "confirm", "confirmed", "confirms", "yes", "indeed",
	"exactly", "absolutely", "certainly", "verified", "precisely")

// actOnVerbs act on a thing and so take for granted that it exists:
// rejecting an offer confirms the offer was made.
var actOnVerbs = setOf("rejected", "rejects", "reject", "rejecting", "declined", "declines", "refused", "refuses",
	"turned", "accepted", "accepts", "welcomed", "welcomes", "thanked", "considered", "spurned", "rebuffed")

// negators reverse what follows them.
var negators = setOf("not", "no", "never", "neither", "nor", "without", "none", "nobody", "nothing", "cannot", "hardly")

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// isNegator reports whether a lower-case word negates: "not", "never",
// and the contractions in n't ("won't", "didn't").
func isNegator(w string) bool {
	return negators[w] || strings.HasSuffix(w, "n't")
}

// lightVerbs carry a negation on to the verb after them: "never going
// to accept", "not able to pay".
var lightVerbs = setOf("going", "able", "want", "wanted", "ever", "even", "really", "actually", "yet", "again",
	"willing", "planning", "trying", "expected", "likely", "gonna")

// negatedOver reports whether negation in ws scopes over one of the terms
// in shared. A negator scopes over the first content word after it (past
// light verbs such as "going to"), the verb it negates, and over the word
// after a negated "be" ("is not afraid"); "didn't reveal the offer" does
// not negate the offer.
func negatedOver(ws []word, shared map[string]bool) bool {
	for i, w := range ws {
		if !isNegator(w.lower) {
			continue
		}
		for j := i + 1; j < len(ws) && j <= i+6; j++ {
			x := ws[j].lower
			if isNegator(x) {
				break
			}
			if isStop(x) || lightVerbs[x] {
				continue
			}
			if shared[ws[j].stem] {
				return true
			}
			// "never signed anything that commits us to pay": a
			// negative-polarity word carries the negation to the end
			// of the clause.
			for k := j + 1; k < len(ws) && k <= j+3; k++ {
				if npis[ws[k].lower] {
					for m := k + 1; m < len(ws) && m <= k+8; m++ {
						if shared[ws[m].stem] {
							return true
						}
					}
				}
			}
			break
		}
	}
	return false
}

// npis are negative-polarity words: after a negated verb they carry the
// negation over what follows ("never signed anything that …").
var npis = setOf("anything", "any", "anyone", "anybody", "ever", "whatsoever")

// predicative are the words a judgement must be said of to count: "it's
// true", "she's 100% right", "was “true”" count; "a true friend" and "left
// and right" do not.
var predicative = setOf("true", "right", "correct", "accurate", "wrong", "false", "untrue", "inaccurate", "incorrect")

// beForms are the words after which a judgement is predicative.
var beForms = setOf("is", "was", "are", "were", "be", "been", "being", "it's", "that's", "she's", "he's", "you're",
	"they're", "i'm", "we're", "100", "absolutely", "entirely", "completely", "totally", "quite", "all", "partly",
	"largely", "simply", "very", "not", "isn't", "wasn't", "aren't", "weren't", "seems", "sounds", "proved", "proven")

// counts reports whether the marker at ws[i] counts: a predicative word
// only after a form of "to be" or an intensifier, or first in its
// sentence ("True, we met").
func counts(ws []word, i int) bool {
	if !predicative[ws[i].lower] || i == 0 {
		return true
	}
	return beForms[ws[i-1].lower]
}

// hasMarker reports whether ws holds a word of set not right after a
// negator ("true" but not "not true").
func hasMarker(ws []word, set map[string]bool) bool {
	for i, w := range ws {
		if !set[w.lower] || !counts(ws, i) {
			continue
		}
		if i > 0 && isNegator(ws[i-1].lower) || i > 1 && isNegator(ws[i-2].lower) && isStop(ws[i-1].lower) {
			continue
		}
		return true
	}
	return false
}

// hasNegatedMarker reports whether ws says "not true", "isn't right".
func hasNegatedMarker(ws []word, set map[string]bool) bool {
	for i, w := range ws {
		if !set[w.lower] || !counts(ws, i) {
			continue
		}
		if i > 0 && isNegator(ws[i-1].lower) || i > 1 && isNegator(ws[i-2].lower) && isStop(ws[i-1].lower) {
			return true
		}
	}
	return false
}

// actsOn reports whether ws has a verb of actOnVerbs followed, within
// four words, by a word whose stem is in claim.
func actsOn(ws []word, claim map[string]bool) bool {
	for i, w := range ws {
		if !actOnVerbs[w.lower] {
			continue
		}
		for j := i + 1; j < len(ws) && j <= i+4; j++ {
			if claim[ws[j].stem] {
				return true
			}
		}
	}
	return false
}

// proposition is a text analysed for stance: its words and content stems.
type proposition struct {
	text  string
	ws    []word
	terms map[string]bool
}

func newProposition(text string) *proposition {
	ws := words(text)
	terms := make(map[string]bool, len(ws))
	for _, w := range ws {
		if !isStop(w.lower) && !isNegator(w.lower) && (len(w.lower) > 1 || isNumber(w.lower)) {
			terms[w.stem] = true
		}
	}
	return &proposition{text: text, ws: ws, terms: terms}
}

// shared returns the stems both propositions hold.
func (p *proposition) shared(o *proposition) map[string]bool {
	m := map[string]bool{}
	for t := range p.terms {
		if o.terms[t] {
			m[t] = true
		}
	}
	return m
}

// StatementStance returns the stance of a statement toward a claim, read
// in the sentence that bears on it (unit) and the short sentences around
// it (context: "It's true." after the sentence it confirms). The claim is
// given as text.
func StatementStance(st *quotes.Statement, unit, context, claim string) quotes.Stance {
	return statementStance(st, newProposition(unit), newProposition(context), newProposition(claim))
}

func statementStance(st *quotes.Statement, unit, context, claim *proposition) quotes.Stance {
	cue := strings.ToLower(st.Cue)
	if IsMedia(st.Speaker) || reportCues[cue] {
		return quotes.StanceReports
	}
	shared := unit.shared(claim)
	switch {
	case denyCues[cue] && !actsOnClaim(cue, unit, claim):
		return quotes.StanceDenies
	case hasMarker(unit.ws, denyWords) || hasMarker(context.ws, denyWords):
		return quotes.StanceDenies
	case hasNegatedMarker(unit.ws, confirmWords) || hasNegatedMarker(context.ws, confirmWords):
		return quotes.StanceDenies
	case len(shared) > 0 && negatedOver(unit.ws, shared) != negatedOver(claim.ws, shared):
		return quotes.StanceDenies
	case confirmCues[cue], actOnVerbs[cue] && actsOnClaim(cue, unit, claim):
		return quotes.StanceConfirms
	case hasMarker(unit.ws, confirmWords) || hasMarker(context.ws, confirmWords):
		return quotes.StanceConfirms
	case actsOn(unit.ws, claim.terms):
		return quotes.StanceConfirms
	}
	return quotes.StanceAsserts
}

// actsOnClaim reports whether a denying cue such as "rejected" takes a
// thing the claim says exists as its object ("rejected an offer" when the
// claim is about the offer), which confirms rather than denies. The
// statement itself is then the object: the cue's object is not in the
// quote, so the quote's first words are looked at.
func actsOnClaim(cue string, unit, claim *proposition) bool {
	if !actOnVerbs[cue] {
		return false
	}
	for i, w := range unit.ws {
		if i >= 4 {
			break
		}
		if claim.terms[w.stem] {
			return true
		}
	}
	return false
}
