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
// A person who wrote a letter or a post says it themself: "wrote" relays
// only from a news outlet, which IsMedia covers.
var reportCues = setOf("reported", "reports", "report", "according to", "citing", "cited", "relayed")

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
	"disinformation", "misinformation", "smear", "delusional", "laughable", "ludicrous", "preposterous", "innocent",
	"fantasy", "invented", "concocted", "fabricate", "fabricating")

// denyPhrases say that what they are said of did not happen or is not so.
var denyPhrases = [][]string{
	{"made", "up"}, {"never", "happened"}, {"did", "not", "happen"}, {"didn't", "happen"}, {"no", "truth"},
	{"nothing", "to", "it"}, {"not", "guilty"}, {"no", "basis"}, {"not", "the", "case"}, {"fake", "news"},
	{"never", "did", "what"}, {"never", "met"},
}

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

// negativeVerbs say that what follows them did not happen or will not:
// "refused to concede", "skipped the meeting". A claim and a statement
// that both hold one over the same words agree: "pulled out of the
// meeting" and "would not meet".
var negativeVerbs = setOf("refused", "refuses", "refuse", "refusing", "declined", "declines", "decline", "failed",
	"fails", "fail", "boycotted", "boycotts", "boycott", "skipped", "skips", "skip", "cancelled", "canceled",
	"cancels", "cancel", "withdrew", "withdrawn", "withdraws")

// negativeParticleVerbs say it with a particle after them: "pulled out
// of", "called off", "backed out of".
var negativeParticleVerbs = map[string]string{
	"pulled": "out", "pull": "out", "pulls": "out", "pulling": "out",
	"backed": "out", "back": "out", "backs": "out",
	"opted": "out", "opt": "out",
	"called": "off", "call": "off", "calls": "off",
	"walked": "away", "walk": "away", "walks": "away",
}

// negatorWidth returns how many words of ws from i negate what follows
// them: 1 for "not", "won't" and the negativeVerbs, 2 for "pulled out",
// 0 for none. Only polarity (negatedOver) reads the verbs: a verb is no
// "not" before a word of confirmation ("refused to confirm" is read by
// its own rule).
func negatorWidth(ws []word, i int) int {
	w := ws[i].lower
	switch {
	case isNegator(w) || negativeVerbs[w]:
		return 1
	case i+1 < len(ws) && negativeParticleVerbs[w] != "" && ws[i+1].lower == negativeParticleVerbs[w]:
		return 2
	}
	return 0
}

// maxObjectWords is how far the scope of a negative verb reaches: its
// object, "a planned Nov. 28 White House meeting".
const maxObjectWords = 10

// lightVerbs carry a negation on to the verb after them: "never going
// to accept", "not able to pay".
var lightVerbs = setOf("going", "able", "want", "wanted", "ever", "even", "really", "actually", "yet", "again",
	"willing", "planning", "trying", "expected", "likely", "gonna")

// proofNouns, negated, carry the negation over what they are proof of:
// "no evidence that his client colluded", "no sign he lied".
var proofNouns = setOf("evidence", "proof", "sign", "signs", "indication", "truth")

// negatedOver reports whether negation in ws scopes over one of the terms
// in shared. A negator scopes over the first content word after it (past
// light verbs such as "going to"), the verb it negates, and over the word
// after a negated "be" ("is not afraid"); "didn't reveal the offer" does
// not negate the offer.
func negatedOver(ws []word, shared map[string]bool) bool {
	for i := range ws {
		n := negatorWidth(ws, i)
		if n == 0 || doubleNegative(ws, i) {
			continue
		}
		// A negative verb scopes over its whole object: "pulled out of a
		// planned Nov. 28 White House meeting".
		verb := !isNegator(ws[i].lower)
		reach := i + 6
		if verb {
			reach = i + n + maxObjectWords
		}
		for j := i + n; j < len(ws) && j <= reach; j++ {
			x := ws[j].lower
			if isNegator(x) || ws[j].brk {
				break
			}
			if shared[ws[j].stem] {
				return true // "was not asked" when asking is the claim's
			}
			if (urging[x] || proofNouns[x]) && !verb {
				// "never asked former FBI Director James Comey to stop
				// investigating": a negated call scopes over what it
				// calls for, and "no evidence that" over what it would
				// prove.
				verb, reach = true, j+maxObjectWords
				continue
			}
			if isStop(x) || lightVerbs[x] {
				continue
			}
			if shared[ws[j].stem] {
				return true
			}
			if verb {
				continue
			}
			if transferVerbs[x] {
				// "did not receive a text message from Flynn": what
				// was not received was not sent. A pronoun object ends
				// the reach: "cannot make it through a ceremony".
				if j+1 < len(ws) && pronounObjects[ws[j+1].lower] {
					break
				}
				verb, reach = true, j+maxObjectWords
				continue
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

// doubleNegative reports whether the negator at ws[i] is "without" after
// another negator in its clause, which it cancels: "cannot even make it
// through a ceremony without having to throw out a racial slur" says he
// threw one out.
func doubleNegative(ws []word, i int) bool {
	if ws[i].lower != "without" {
		return false
	}
	for j := i - 1; j >= 0; j-- {
		if isNegator(ws[j].lower) {
			return true
		}
		if ws[j].brk {
			break
		}
	}
	return false
}

// negatedClause reports whether negation scopes over the claim's words
// in the clause that holds most of them. Clauses end at the breaks that
// end a negator's scope, so "By all means get drunk once in a while -
// but do not get into a situation …" says the claim's "get drunk" in its
// first clause and is not a denial of it for the "not get" of the
// second: a negated clause counts when it holds as many of the shared
// words as any clause clear of negation.
func negatedClause(ws []word, shared map[string]bool) bool {
	negated, clear := 0, 0
	for start := 0; start < len(ws); {
		end := start + 1
		for end < len(ws) && !ws[end].brk {
			end++
		}
		clause := ws[start:end]
		n := 0
		seen := map[string]bool{}
		for _, w := range clause {
			if shared[w.stem] && !seen[w.stem] {
				seen[w.stem] = true
				n++
			}
		}
		if n > 0 {
			if negatedOver(clause, shared) {
				negated = max(negated, n)
			} else {
				clear = max(clear, n)
			}
		}
		start = end
	}
	return negated > 0 && negated >= clear
}

// topicMarkers name what follows them as a topic rather than say it
// happened: "allegations of meddling", "arguing over meddling", "the
// probe into collusion".
var topicMarkers = func() map[string]bool {
	m := setOf("over", "of", "about", "into", "regarding", "concerning", "on", "probe", "investigation", "inquiry",
		"alleged", "suspected", "possible", "any")
	for w := range metaNouns {
		m[w] = true
	}
	return m
}()

// maxTopicReach is how far before a word a noun of allegation names it
// as a topic: "accusations that it meddled".
const maxTopicReach = 4

// assertsCore reports whether ws says one of the core words (stems) as
// something that happened: an occurrence with no topic marker in the
// two words before it, within its clause.
func assertsCore(ws []word, core map[string]bool) bool {
	for i, w := range ws {
		hit := false
		for c := range core {
			hit = hit || sameStem(w.stem, c)
		}
		if !hit {
			continue
		}
		topic := false
		for j := i - 1; j >= 0 && j >= i-maxTopicReach; j-- {
			// A preposition or "alleged" stands right before what it
			// names ("over Russian meddling"); a noun of allegation may
			// take a clause ("accusations that it meddled").
			if topicMarkers[ws[j].lower] && (j >= i-2 || metaNouns[ws[j].lower]) {
				topic = true
				break
			}
			if ws[j+1].brk {
				break
			}
		}
		if !topic {
			return true
		}
	}
	return false
}

// hypothetical words make a statement one of what would be, which
// denies no fact: "would not accept it if it were offered".
var hypothetical = setOf("if", "unless")

// conditionalModals say what would happen: "would not", "won't".
var conditionalModals = setOf("would", "will", "could", "wouldn't", "won't", "couldn't")

// conditionalRefusal reports whether a statement negates what would
// happen on a condition: "he would not accept Cruz's endorsement if it
// were offered". "Tyson was not asked to speak, though he would do a
// good job if he was" negates a fact, and is read as one.
func conditionalRefusal(ws []word) bool {
	if !hasAny(ws, hypothetical) {
		return false
	}
	for i := 1; i < len(ws); i++ {
		if isNegator(ws[i].lower) && conditionalModals[ws[i-1].lower] ||
			(ws[i].lower == "won't" || ws[i].lower == "wouldn't" || ws[i].lower == "couldn't") {
			return true
		}
	}
	return false
}

// maxJudgementWords is the longest partial quote read as a judgement
// by itself: “false”, “totally untrue”.
const maxJudgementWords = 3

// transferVerbs, negated, negate their object too: nothing changed
// hands ("did not receive a text message", "never sent any money",
// "didn't sign the deal"), and a light verb's object is the deed itself
// ("wasn't making a racial slur", "did not use the word"). Other verbs
// leave their object standing: "didn't reveal the offer" says there was
// an offer.
var transferVerbs = setOf("receive", "received", "receives", "receiving", "get", "got", "gets", "getting", "send",
	"sent", "sends", "sending", "give", "gave", "gives", "giving", "take", "took", "takes", "taking", "accept",
	"accepted", "accepts", "accepting", "sign", "signed", "signs", "signing", "exchange", "exchanged", "pay", "paid",
	"pays", "paying", "hold", "held", "holding", "make", "made", "making", "use", "used", "uses", "using")

// pronounObjects are the objects that end a negated verb's reach: what
// follows them is no longer the thing not done.
var pronounObjects = setOf("it", "them", "this", "that", "him", "her", "me", "us")

// npis are negative-polarity words: after a negated verb they carry the
// negation over what follows ("never signed anything that …").
var npis = setOf("anything", "any", "anyone", "anybody", "ever", "whatsoever")

// modalWords make a claim one of what should or will happen, which a
// call for it to happen does not deny.
var modalWords = setOf("should", "must", "ought", "will", "would", "could", "may", "might", "plans", "plan", "planning",
	"intends", "wants", "shall")

// obligation are the words of "should happen": said of a claim that it
// happened, they say it has not happened yet ("he should concede", "it
// should have already taken place").
var obligation = setOf("should", "must", "ought")

// urging are the verbs of calling on someone to do a thing, which they
// have not done yet ("called on his opponent to concede").
var urging = setOf("urged", "urge", "urges", "urging", "called", "calls", "call", "calling", "demanded", "demand",
	"demands", "demanding", "pressed", "pressing", "asked", "ask", "asks", "asking", "challenged", "recommended",
	"recommend", "recommends", "recommending", "advised", "advise", "advises")

// callWords urge only with "on" or "for" after them ("called on him to
// concede"); "called it a generous offer" names a thing.
var callWords = setOf("called", "call", "calls", "calling")

// namingCall reports whether the word of urging at ws[i] is "call" that
// names rather than urges: no "on" or "for" after it.
func namingCall(ws []word, i int) bool {
	return callWords[ws[i].lower] && !(i+1 < len(ws) && (ws[i+1].lower == "on" || ws[i+1].lower == "for"))
}

// apologyWords own up to a deed whatever their polarity: "I apologise",
// "he refused to apologise" and "nothing to apologise for" all take for
// granted that the deed was done.
var apologyWords = setOf("apologize", "apologise", "apologized", "apologised", "apologizes", "apologises",
	"apologizing", "apologising")

// faultPhrases own the speaker's fault: "I was wrong". Their "wrong"
// calls nothing false (see falseMarker).
var faultPhrases = [][]string{
	{"i", "was", "wrong"}, {"we", "were", "wrong"}, {"i", "made", "a", "mistake"}, {"we", "made", "a", "mistake"},
}

// ownPhrases own up to a deed: a fault, or being sorry for it.
var ownPhrases = append([][]string{
	{"i'm", "sorry"}, {"i", "am", "sorry"}, {"we", "are", "sorry"}, {"we're", "sorry"},
}, faultPhrases...)

// keepPhrases keep to a word given or a deed done: "I stand by my
// remarks" says them again.
var keepPhrases = [][]string{{"stand", "by"}, {"stands", "by"}, {"standing", "by"}, {"stood", "by"}}

// selfBlame reports whether the word at ws[i] ends a phrase of
// faultPhrases ("I was wrong"): the speaker's own fault, not a judgement
// that the claim is false.
func selfBlame(ws []word, i int) bool {
	for _, p := range faultPhrases {
		if n := len(p); n > 1 && p[n-1] == ws[i].lower && i >= n-1 {
			ok := true
			for k, x := range p {
				ok = ok && ws[i-n+1+k].lower == x
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// falseMarker returns the word of denyWords that calls what it is said
// of false, leaving out the speaker's own fault ("I was wrong").
func falseMarker(ws []word) (string, bool) {
	for i, w := range ws {
		if denyWords[w.lower] && counts(ws, i) && !negatedAt(ws, i) && !conditionedAt(ws, i) && !selfBlame(ws, i) {
			return w.lower, true
		}
	}
	return "", false
}

// regret returns the words that own up to the claim's deed or keep to
// it: "shouldn't have", an apology, "I was wrong", "I stand by":
// regretting a thing or keeping to it admits it happened ("I shouldn't
// have done it"). The stance rules read keeping as asserting.
func regret(ws []word) (string, bool) {
	if m, ok := ownsUp(ws); ok {
		return m, true
	}
	return phraseIn(ws, keepPhrases)
}

// ownsUp returns the words that own up to a deed: "shouldn't have", an
// apology, "I was wrong".
func ownsUp(ws []word) (string, bool) {
	if m, ok := shouldNotHave(ws); ok {
		return m, true
	}
	for _, w := range ws {
		if apologyWords[w.lower] {
			return w.lower, true
		}
	}
	return phraseIn(ws, ownPhrases)
}

// shouldNotHave returns "should not have": "I shouldn't have done it"
// regrets a deed, so it was done.
func shouldNotHave(ws []word) (string, bool) {
	for i, w := range ws {
		neg := w.lower == "shouldn't" || w.lower == "mustn't"
		if !neg && obligation[w.lower] && i+1 < len(ws) && isNegator(ws[i+1].lower) {
			neg = true
			i++
		}
		if neg && i+1 < len(ws) && ws[i+1].lower == "have" {
			return "should not have", true
		}
	}
	return "", false
}

// yetToHappen returns the words that say the claim has not happened yet:
// an obligation or a call over its event ("should concede", "called on
// him to concede"), or, in a short answer read with the question before
// it, the obligation alone ("I would say he should").
func yetToHappen(in *stanceInput) (string, bool) {
	ws := in.unit.ws
	hasEvent := len(in.unitShared) > 0
	// The question answered must ask for what the claim says happened:
	// "should concede" before "I would say he should", not a question
	// about something else beside the claim's words.
	ctxEvent := false
	cws := in.ctx.ws
	for i, w := range cws {
		if !obligation[w.lower] && !urging[w.lower] {
			continue
		}
		for j := i + 1; j < len(cws) && j <= i+6 && !ctxEvent; j++ {
			for c := range in.frame.core {
				ctxEvent = ctxEvent || sameStem(cws[j].stem, c)
			}
		}
	}
	for i, w := range ws {
		if obligation[w.lower] && !negatedAt(ws, i+1) && !(i+1 < len(ws) && isNegator(ws[i+1].lower)) && !putative(ws, i) &&
			!describesNoun(ws, i) {
			if !hasEvent && ctxEvent {
				return w.lower, true
			}
			for j := i + 1; j < len(ws) && j <= i+6; j++ {
				if in.unitShared[ws[j].stem] {
					return joinWords(ws[i : j+1]), true
				}
			}
		}
	}
	start := -1
	if urging[in.cue] {
		start = 0
	}
	for i, w := range ws {
		if urging[w.lower] && !namingCall(ws, i) {
			start = i
		}
		if start < 0 || w.lower != "to" || i-start > 8 {
			continue
		}
		for j := i + 1; j < len(ws) && j <= i+2; j++ {
			if in.unitShared[ws[j].stem] {
				return joinWords(ws[max(start, i-3) : j+1]), true
			}
		}
	}
	return "", false
}

// describesNoun reports whether the obligation word at ws[i] is in a
// clause that describes a noun before it: "a guy I should meet" says who
// the guy is, not that a meeting is yet to happen.
func describesNoun(ws []word, i int) bool {
	if i < 3 || !subjectPronouns[ws[i-1].lower] || isStop(ws[i-2].lower) {
		return false
	}
	return determinersOfObject[ws[i-3].lower] || i >= 4 && determinersOfObject[ws[i-4].lower] && !isStop(ws[i-3].lower)
}

// subjectPronouns are the pronouns that open a clause as its subject.
var subjectPronouns = setOf("i", "we", "you", "he", "she", "they")

// evaluative words judge a fact that a that-clause after them states:
// "it is staggering that any politician should encourage …" says he did.
var evaluative = setOf("staggering", "astonishing", "astounding", "shocking", "extraordinary", "remarkable",
	"surprising", "amazing", "incredible", "outrageous", "appalling", "disgraceful", "scandalous", "sad", "strange",
	"odd", "wrong", "unacceptable", "deplorable", "shameful", "disturbing", "worrying", "alarming", "unbelievable",
	"ironic", "regrettable", "unfortunate", "absurd", "ridiculous")

// maxPutativeReach is how many words may stand between "that" and the
// "should" of a clause an evaluative word governs: "that any
// politician, particularly the First Minister, should".
const maxPutativeReach = 10

// putative reports whether the obligation word at ws[i] is the
// "should" of a fact judged: "it is staggering that he should encourage
// it" reports that he did, and calls on no one to do it.
func putative(ws []word, i int) bool {
	for j := i - 1; j >= 1 && j >= i-maxPutativeReach; j-- {
		if ws[j].lower != "that" {
			continue
		}
		for k := j - 1; k >= 0 && k >= j-2; k-- {
			if evaluative[ws[k].lower] {
				return true
			}
		}
		return false
	}
	return false
}

// antonymPairs are words of contrary outcomes: one said of what the
// claim says the other of denies it.
var antonymPairs = [][2][]string{
	{{"won", "win", "wins", "winning", "victory", "victorious"}, {"lost", "lose", "loses", "losing", "defeat", "defeated"}},
	{{"rose", "rise", "rises", "risen", "rising", "increased", "increase", "gained", "climbed", "jumped"}, {"fell", "fall", "falls", "fallen", "falling", "decreased", "dropped", "declined", "slipped", "slumped"}},
	{{"guilty", "convicted"}, {"innocent", "acquitted", "cleared"}},
	{{"legal", "lawful"}, {"illegal", "unlawful"}},
	{{"alive"}, {"dead"}},
	{{"passed", "approved"}, {"failed", "rejected", "vetoed"}},
}

// antonyms maps a stem to the stems of its contraries.
var antonyms = func() map[string]map[string]bool {
	m := map[string]map[string]bool{}
	for _, p := range antonymPairs {
		for side := range 2 {
			for _, a := range p[side] {
				sa := stem(a)
				if m[sa] == nil {
					m[sa] = map[string]bool{}
				}
				for _, b := range p[1-side] {
					m[sa][stem(b)] = true
				}
			}
		}
	}
	return m
}()

// firstPerson are the pronouns a speaker names themself with.
var firstPerson = setOf("i", "we", "my", "our")

// contrary returns the word of a contrary outcome: the statement says the
// opposite of one of the claim's event words ("fell" against "rose"),
// unless it says it of the speaker who is not the claim's subject ("we
// lost" from the loser confirms the winner won).
func contrary(in *stanceInput) (string, bool) {
	ws := in.unit.ws
	subject := in.frame.isSubject(in.frame.nameOf(in.st.Speaker))
	for i, w := range ws {
		for e := range in.frame.event {
			if !antonyms[e][w.stem] || in.frame.event[w.stem] || negatedAt(ws, i) {
				continue
			}
			if i > 0 && firstPerson[ws[i-1].lower] && !subject {
				continue
			}
			return w.lower, true
		}
	}
	return "", false
}

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
	w := ws[i].lower
	switch {
	case judgedDeed(ws, i) != "":
		return false // "wrong to retweet" judges a deed; it calls nothing false
	case i == 0:
		return true
	case predicative[w]:
		return beForms[ws[i-1].lower]
	case standalone[w]:
		// "Absolutely." or "Yes, …" as an answer; not "I certainly
		// don't remember".
		return ws[i].brk && (i+1 == len(ws) || ws[i+1].brk)
	case denyVerbs[w]:
		return true
	case denyWords[w]:
		// "a lie", "is lying", "totally delusional"; not "pleaded guilty
		// to lying" or "stop lying".
		return beForms[ws[i-1].lower] || determiners[ws[i-1].lower]
	}
	return true
}

// judgeWords judge a deed when "to" or "for" follows: "wrong to
// retweet", "a mistake for the President to have done this".
var judgeWords = setOf("wrong", "mistake", "shameful", "disgraceful", "unacceptable", "inappropriate",
	"irresponsible", "appalling", "outrageous", "deplorable", "reprehensible")

// judgedDeed returns the words at ws[i] that judge a deed ("wrong to",
// "wrong thing to"), or "".
func judgedDeed(ws []word, i int) string {
	if !judgeWords[ws[i].lower] {
		return ""
	}
	for j := i + 1; j < len(ws) && j <= i+2 && !ws[j].brk; j++ {
		if ws[j].lower == "to" || ws[j].lower == "for" {
			return joinWords(ws[i : j+1])
		}
		if ws[j].lower != "thing" {
			break
		}
	}
	return ""
}

// standalone are words of agreement that confirm only as an answer of
// their own.
var standalone = setOf("yes", "indeed", "exactly", "absolutely", "certainly", "precisely")

// denyVerbs say a thing was made up: "he had fabricated the story".
var denyVerbs = setOf("fabricated", "fabricate", "fabricating", "concocted", "invented")

// determiners are the words before a noun of denial that make it a
// judgement: "a lie", "pure fiction", "total nonsense".
var determiners = setOf("a", "an", "the", "this", "that", "such", "pure", "total", "complete", "utter", "just", "more",
	"another", "big", "outright", "blatant")

// hasMarker reports whether ws holds a word of set that counts, not
// right after a negator ("true" but not "not true").
func hasMarker(ws []word, set map[string]bool) bool {
	_, ok := markerOf(ws, set)
	return ok
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
	stance, _ := statementStance(st, newProposition(unit), newProposition(context), newProposition(claim))
	return stance
}

// statementStance reads a stance for claims built from statements: the
// words a unit shares with the claim are those of the same stem.
func statementStance(st *quotes.Statement, unit, context, claim *proposition) (quotes.Stance, string) {
	in := stanceInput{st: st, cue: strings.ToLower(st.Cue), unit: unit, ctx: context, claim: claim}
	in.unitShared = unit.shared(claim)
	in.claimShared = in.unitShared
	return readStance(&in)
}

// stanceToward reads a statement's stance toward a checked claim, and the
// words that decided it. The words a unit shares with the claim are its
// event words in any form ("congratulatory" for "congratulated").
func stanceToward(st *quotes.Statement, unit, context *proposition, f *frame) (quotes.Stance, string) {
	in := stanceInput{st: st, cue: strings.ToLower(st.Cue), unit: unit, ctx: context, claim: f.prop, frame: f}
	in.claimShared = f.eventShared(unit.ws)
	in.unitShared = map[string]bool{}
	for _, w := range unit.ws {
		for e := range in.claimShared {
			if sameStem(w.stem, e) {
				in.unitShared[w.stem] = true
			}
		}
	}
	return readStance(&in)
}

// stanceInput is what the stance rules read.
type stanceInput struct {
	st         *quotes.Statement
	cue        string
	unit, ctx  *proposition
	claim      *proposition
	frame      *frame // nil for claims built from statements
	unitShared map[string]bool
	// claimShared holds the claim's stems of the shared words.
	claimShared map[string]bool
}

// stanceRule is one rule of stance: its name, the stance it gives, and a
// test that returns the words that decided it.
type stanceRule struct {
	name   string
	stance quotes.Stance
	match  func(in *stanceInput) (because string, ok bool)
}

// stanceRules are read in order; the first that matches gives the
// stance. A statement none matches asserts the claim.
var stanceRules = []stanceRule{
	{"a reporter or an unnamed source relays it", quotes.StanceReports, func(in *stanceInput) (string, bool) {
		// An outlet the claim is about speaks as a party to it: "the BBC
		// said there are no plans for a new series" of a claim that the
		// BBC plans one.
		party := in.frame != nil && in.frame.nameOf(in.st.Speaker) >= 0
		if IsMedia(in.st.Speaker) && !party || Unnamed(in.st.Speaker) {
			return in.st.Speaker, true
		}
		return in.st.Cue, reportCues[in.cue] && !party
	}},
	{"it denies what the claim says did not happen", quotes.StanceConfirms, func(in *stanceInput) (string, bool) {
		// "Moscow denies any interference" agrees with "Putin told
		// Trump that Russia did not meddle".
		return in.st.Cue, denyCues[in.cue] && in.frame != nil && negatedOver(in.claim.ws, in.frame.core)
	}},
	{"the loser concedes it", quotes.StanceConfirms, func(in *stanceInput) (string, bool) {
		return in.st.Cue, in.frame != nil && in.frame.conceded(in.st, words(in.st.Quote))
	}},
	{"speaking, the speaker does what the claim says", quotes.StanceConfirms, func(in *stanceInput) (string, bool) {
		// "The exchange rejected the offer" of a claim that it
		// rejected it: the cue is the deed, not a denial.
		return in.st.Cue, in.frame != nil && in.frame.cueDoes(in.st) && !in.frame.anotherActs(in.st)
	}},
	{"the cue denies", quotes.StanceDenies, func(in *stanceInput) (string, bool) {
		return in.st.Cue, denyCues[in.cue] && !actsOnClaim(in.cue, in.unit, in.claim)
	}},
	{"the statement calls it false", quotes.StanceDenies, func(in *stanceInput) (string, bool) {
		if w, ok := falseMarker(in.unit.ws); ok {
			return w, true
		}
		// A partial quote that is the judgement itself: labeled as
		// “outrageous” and “false”.
		if qw := words(in.st.Quote); in.st.Kind == quotes.KindPartial && len(qw) <= maxJudgementWords {
			if w, ok := markerOf(qw, denyWords); ok {
				return w, true
			}
		}
		return markerOf(in.ctx.ws, denyWords)
	}},
	{"it judges the deed, so the deed was done", quotes.StanceConfirms, func(in *stanceInput) (string, bool) {
		for i := range in.unit.ws {
			if j := judgedDeed(in.unit.ws, i); j != "" && !negatedAt(in.unit.ws, i) {
				return j, true
			}
		}
		return "", false
	}},
	{"a phrase of denial", quotes.StanceDenies, func(in *stanceInput) (string, bool) {
		if p, ok := phraseIn(in.unit.ws, denyPhrases); ok {
			return p, true
		}
		return phraseIn(in.ctx.ws, denyPhrases)
	}},
	{"the statement says it is not so", quotes.StanceDenies, func(in *stanceInput) (string, bool) {
		if w, ok := negatedMarkerOf(in.unit.ws, confirmWords); ok {
			return w, true
		}
		return negatedMarkerOf(in.ctx.ws, confirmWords)
	}},
	{"regret: it owns up to it", quotes.StanceConfirms, func(in *stanceInput) (string, bool) {
		return ownsUp(in.unit.ws)
	}},
	{"it keeps to its word", quotes.StanceAsserts, func(in *stanceInput) (string, bool) {
		return phraseIn(in.unit.ws, keepPhrases)
	}},
	{"negation over the claim's words", quotes.StanceDenies, func(in *stanceInput) (string, bool) {
		if len(in.unitShared) == 0 || conditionalRefusal(in.unit.ws) {
			// "he would not accept Cruz's endorsement if it were
			// offered" denies nothing that happened.
			return "", false
		}
		u, c := negatedClause(in.unit.ws, in.unitShared), negatedClause(in.claim.ws, in.claimShared)
		// "Moore declined | to concede defeat": the cue negates the
		// infinitive the statement opens with.
		u = u || refusedTo(in.cue, in.unit)
		if c && !u {
			// A claim that something did not happen ("pulled out of the
			// meeting") is denied only by a statement clear of negation
			// near its words: "would not attend a planned meeting"
			// agrees with it. Nor is it denied by a statement that
			// names what happened only as a topic ("allegations of
			// meddling", "arguing over meddling").
			u = negationNear(in.unit.ws, in.unitShared) || in.frame != nil && !assertsCore(in.unit.ws, in.frame.core)
		}
		if u == c {
			return "", false
		}
		return negationOf(in.unit.ws, in.unitShared), true
	}},
	{"it is yet to happen", quotes.StanceDenies, func(in *stanceInput) (string, bool) {
		// A claim of what should happen, or of a call for it ("Trump
		// asked Comey to drop the probe"), is not denied by the call.
		if in.frame == nil || hasAny(in.claim.ws, modalWords) || hasAny(in.claim.ws, urging) {
			return "", false
		}
		// "He should quit if the claims are true" sets a condition;
		// it says nothing of whether he has quit.
		if hasAny(in.unit.ws, hypothetical) {
			return "", false
		}
		return yetToHappen(in)
	}},
	{"a contrary outcome", quotes.StanceDenies, func(in *stanceInput) (string, bool) {
		if in.frame == nil {
			return "", false
		}
		return contrary(in)
	}},
	{"the cue confirms", quotes.StanceConfirms, func(in *stanceInput) (string, bool) {
		return in.st.Cue, confirmCues[in.cue] || actOnVerbs[in.cue] && actsOnClaim(in.cue, in.unit, in.claim)
	}},
	{"the statement says it is so", quotes.StanceConfirms, func(in *stanceInput) (string, bool) {
		if w, ok := markerOf(in.unit.ws, confirmWords); ok {
			return w, true
		}
		return markerOf(in.ctx.ws, confirmWords)
	}},
	{"it acts on what the claim says exists", quotes.StanceConfirms, func(in *stanceInput) (string, bool) {
		return actOn(in.unit.ws, in.claim.terms)
	}},
	{"it tells what was said to the speaker, first hand", quotes.StanceConfirms, func(in *stanceInput) (string, bool) {
		return toldMe(in.unit.ws)
	}},
}

// toldToVerbs are verbs a speaker is told or offered something by: "he
// told me that …", "they offered us …".
var toldToVerbs = setOf("told", "asked", "offered", "proposed", "promised", "assured", "warned", "urged")

// toldMe returns the words by which a statement tells what another said
// to its speaker ("told me"), not negated: a party's first-hand account of
// the other's words confirms them.
func toldMe(ws []word) (string, bool) {
	for i := 1; i < len(ws); i++ {
		if (ws[i].lower == "me" || ws[i].lower == "us") && toldToVerbs[ws[i-1].lower] && !negatedAt(ws, i-1) {
			return ws[i-1].lower + " " + ws[i].lower, true
		}
	}
	return "", false
}

// readStance applies the stance rules.
func readStance(in *stanceInput) (quotes.Stance, string) {
	for _, r := range stanceRules {
		if because, ok := r.match(in); ok {
			return r.stance, because
		}
	}
	return quotes.StanceAsserts, ""
}

// markerOf returns the first word of set that counts in ws (see
// hasMarker).
func markerOf(ws []word, set map[string]bool) (string, bool) {
	for i, w := range ws {
		if !set[w.lower] || !counts(ws, i) || negatedAt(ws, i) || conditionedAt(ws, i) {
			continue
		}
		return w.lower, true
	}
	return "", false
}

// maxConditionReach is how far back in its clause an "if" makes a
// judgement conditional: "if the claims are true".
const maxConditionReach = 5

// conditionedAt reports whether an "if", "unless" or "whether" stands
// before ws[i] in its clause: the judgement is a condition, not said.
func conditionedAt(ws []word, i int) bool {
	for j := i - 1; j >= 0 && j >= i-maxConditionReach; j-- {
		if hypothetical[ws[j].lower] || ws[j].lower == "whether" {
			return true
		}
		if ws[j].brk {
			return false
		}
	}
	return false
}

// negatedMarkerOf returns "not" and the word of set it negates ("not
// true").
func negatedMarkerOf(ws []word, set map[string]bool) (string, bool) {
	for i, w := range ws {
		if set[w.lower] && counts(ws, i) && negatedAt(ws, i) {
			return "not " + w.lower, true
		}
	}
	return "", false
}

// negationNear reports whether a negator stands within six words before
// one of the shared terms, in the same clause.
func negationNear(ws []word, shared map[string]bool) bool {
	for i := range ws {
		if negatorWidth(ws, i) == 0 {
			continue
		}
		for j := i + 1; j < len(ws) && j <= i+6 && !ws[j].brk; j++ {
			if shared[ws[j].stem] {
				return true
			}
		}
	}
	return false
}

// negatedAt reports whether a negator comes right before ws[i], or two
// words before with a function word between ("not at all true").
func negatedAt(ws []word, i int) bool {
	return i > 0 && isNegator(ws[i-1].lower) || i > 1 && isNegator(ws[i-2].lower) && isStop(ws[i-1].lower)
}

// negationOf returns the negator that scopes over a shared word and the
// words from it to that word: "never offered".
func negationOf(ws []word, shared map[string]bool) string {
	for i := range ws {
		n := negatorWidth(ws, i)
		if n == 0 || doubleNegative(ws, i) {
			continue
		}
		for j := i + n; j < len(ws) && j <= i+6; j++ {
			if shared[ws[j].stem] {
				return joinWords(ws[i : j+1])
			}
		}
	}
	return "negation"
}

// joinWords writes words back as lower-case text.
func joinWords(ws []word) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.lower
	}
	return strings.Join(parts, " ")
}

// hasAny reports whether ws holds a word of set.
func hasAny(ws []word, set map[string]bool) bool {
	for _, w := range ws {
		if set[w.lower] {
			return true
		}
	}
	return false
}

// phraseIn returns the first phrase of phrases (each a list of
// lower-case words) that ws holds, not right after a negator.
func phraseIn(ws []word, phrases [][]string) (string, bool) {
	for i := range ws {
		for _, p := range phrases {
			if i+len(p) > len(ws) || negatedAt(ws, i) {
				continue
			}
			ok := true
			for k, x := range p {
				if ws[i+k].lower != x {
					ok = false
					break
				}
			}
			if ok {
				return strings.Join(p, " "), true
			}
		}
	}
	return "", false
}

// actOn returns the verb of actOnVerbs followed, within four words, by a
// word whose stem is in claim.
func actOn(ws []word, claim map[string]bool) (string, bool) {
	for i, w := range ws {
		if !actOnVerbs[w.lower] {
			continue
		}
		last := -1
		for j := i + 1; j < len(ws) && j <= i+4; j++ {
			if claim[ws[j].stem] {
				last = j
			}
		}
		if last > 0 {
			return joinWords(ws[i : last+1]), true
		}
	}
	return "", false
}

// refusedTo reports whether a negative cue takes the statement as an
// infinitive: "declined to concede defeat" says he did not concede; it
// acts on no thing.
func refusedTo(cue string, unit *proposition) bool {
	return negativeVerbs[cue] && len(unit.ws) > 0 && unit.ws[0].lower == "to"
}

// actsOnClaim reports whether a denying cue such as "rejected" takes a
// thing the claim says exists as its object ("rejected an offer" when the
// claim is about the offer), which confirms rather than denies. The
// statement itself is then the object: the cue's object is not in the
// quote, so the quote's first words are looked at.
func actsOnClaim(cue string, unit, claim *proposition) bool {
	if !actOnVerbs[cue] || refusedTo(cue, unit) {
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
