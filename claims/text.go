package claims

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// word is one token of a text: its lower-cased form, its stem, and
// whether it was written with a capital letter (a name, or a sentence's
// first word).
type word struct {
	lower string
	stem  string
	cap   bool
	// brk is true when a clause break (a comma, a colon, a sentence's
	// end or a dash) stands right before the word: negation does not
	// reach past it.
	brk bool
	// hyph is true when a hyphen joins the word to the one before:
	// "Muslim" in "anti-Muslim".
	hyph bool
	// acro is true when the word is written as an acronym, two to five
	// capitals: "LSE", "GM".
	acro bool
}

// words splits s into words. Apostrophes inside a word are kept and
// curly ones made straight ("won’t" → "won't"); abbreviations written with
// dots ("U.S.") and the capitalised "US" become "usa", so that they are
// not read as the pronoun "us". Digits are words too ("300,000" is
// "300000").
func words(s string) []word {
	out := make([]word, 0, len(s)/5)
	i := 0
	brk := false
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			// The dot of "U.S." or "Mr." ends no clause.
			abbrev := r == '.' && len(out) > 0 && i > 0 && isLetterAt(s, i-1) && abbreviation(out[len(out)-1].lower)
			// A hyphen standing apart ("a while - but") is a dash.
			dash := r == '-' && (i == 0 || s[i-1] == ' ')
			// A single quotation mark opening a quoted phrase breaks as
			// a double one does: "Warren 'Pocahontas'" is two names.
			opening := (r == '\'' || r == '‘') && (i == 0 || s[i-1] == ' ')
			if (breakMarks[r] || dash || opening) && !abbrev {
				brk = true
			}
			i += n
			continue
		}
		start := i
		var b strings.Builder
		dotted := false
		for i < len(s) {
			r, n = utf8.DecodeRuneInString(s[i:])
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(unicode.ToLower(r))
				i += n
				continue
			case (r == '\'' || r == '’') && i+n < len(s) && isLetterAt(s, i+n) && b.Len() > 0:
				b.WriteByte('\'')
				i += n
				continue
			case r == ',' && b.Len() > 0 && isDigitAt(s, i-1) && i+n < len(s) && isDigitAt(s, i+n):
				i += n // 300,000
				continue
			case r == '.' && i+n < len(s) && isLetterAt(s, i+n) && singleLetterBefore(s, start, i):
				dotted = true // U.S., U.K.
				i += n
				continue
			}
			break
		}
		raw := s[start:i]
		lower := b.String()
		first, _ := utf8.DecodeRuneInString(raw)
		cap := unicode.IsUpper(first)
		if (dotted && len(lower) <= 3) || raw == "US" {
			if lower == "us" {
				lower = "usa"
			}
		}
		if lower == "states" && cap && len(out) > 0 && out[len(out)-1].lower == "united" {
			out[len(out)-1] = word{lower: "usa", stem: "usa", cap: true, brk: out[len(out)-1].brk} // United States
			brk = false
			continue
		}
		hyph := start > 1 && s[start-1] == '-' && isLetterAt(s, start-2)
		out = append(out, word{lower: lower, stem: stem(lower), cap: cap, brk: brk && len(out) > 0, hyph: hyph,
			acro: isAcronymWord(strings.TrimSuffix(strings.TrimSuffix(raw, "'s"), "’s"))})
		brk = false
	}
	return out
}

// abbreviation reports whether a word written with a dot after it is an
// abbreviation: "U.S.", "Mr.", "Sen.", "Gen.".
func abbreviation(w string) bool {
	return w == "usa" || len(w) <= 3 && titleWords[w] || abbrevWords[w]
}

// abbrevWords are short words that take a dot as abbreviations.
var abbrevWords = setOf("mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "prof",
	"jr", "sr", "inc", "corp", "co", "ltd", "u", "s", "k", "n", "no")

// breakMarks are the marks that end a clause.
var breakMarks = map[rune]bool{',': true, ';': true, ':': true, '.': true, '!': true, '?': true, '—': true, '–': true, '…': true,
	'/': true, '(': true, ')': true, '"': true, '“': true, '”': true}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func isDigitAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsDigit(r)
}

// singleLetterBefore reports whether the run s[start:i] ends in a single
// letter after a dot or at its start: the "U" of "U.S".
func singleLetterBefore(s string, start, i int) bool {
	_, n := utf8.DecodeLastRuneInString(s[start:i])
	j := i - n
	return j == start || s[j-1] == '.'
}

// stemCache memoises stems: news text repeats a small vocabulary, and the
// Porter stemmer allocates.
var stemCache sync.Map

// stem returns the Porter stem of a lower-case word, with the concept
// synonyms of the claim tracker folded together (troops, army and
// soldiers are one "military").
func stem(w string) string {
	if c, ok := concepts[w]; ok {
		return c
	}
	if v, ok := stemCache.Load(w); ok {
		return v.(string)
	}
	w2 := strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
	st := w2
	if len(w2) > 3 && !isNumber(w2) {
		st = porterstemmer.StemString(w2)
	}
	if c, ok := concepts[st]; ok {
		st = c
	}
	stemCache.Store(w, st)
	return st
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// concepts folds words that news text uses for one thing into one term.
// It is kept small and general: words a headline writer swaps freely.
var concepts = map[string]string{
	"troops": "militari", "troop": "militari", "army": "militari", "armi": "militari",
	"soldiers": "militari", "soldier": "militari", "military": "militari",
	"militari": "militari", "forces": "militari",
	"dead": "die", "death": "die", "died": "die", "dies": "die", "killed": "die", "kill": "die", "kills": "die",
	"usa": "usa", "american": "usa", "america": "usa", "americans": "usa",
	"offered": "offer", "offers": "offer", "offering": "offer",
	"proposed": "offer", "proposal": "offer", "propose": "offer", "bid": "offer", "bids": "offer",
	"photo": "photo", "photos": "photo", "photograph": "photo", "photographs": "photo", "picture": "photo",
	"pictures": "photo", "snapshot": "photo",
	"won": "win", "win": "win", "wins": "win", "winning": "win", "victory": "win", "victories": "win",
	"victorious": "win",
	"paid":       "pay", "pay": "pay", "pays": "pay", "paying": "pay", "payment": "pay", "payments": "pay",
	"payout": "pay",
	"sold":   "sale", "sell": "sale", "sells": "sale", "selling": "sale", "sale": "sale", "bought": "sale",
	"buy": "sale", "buys": "sale", "buying": "sale", "purchase": "sale", "purchased": "sale",
	"fired": "oust", "fire": "oust", "sacked": "oust", "sack": "oust", "ousted": "oust", "oust": "oust",
	"replaced": "oust", "replace": "oust", "replacing": "oust",
	"deactivated": "disable", "deactivate": "disable", "disabled": "disable", "disable": "disable",
	"suspended": "disable", "suspend": "disable", "suspension": "disable",
	"resign": "resign", "resigned": "resign", "resigns": "resign", "resignation": "resign", "quit": "resign",
	"met": "meet", "meet": "meet", "meets": "meet", "meeting": "meet", "meetings": "meet",
	"grabbed": "grab", "grab": "grab", "grabbing": "grab", "groped": "grab", "grope": "grab", "groping": "grab",
	"pled": "plead",
	"shut": "disable", "shuts": "disable", "shutting": "disable", "shutter": "disable", "shuttered": "disable",
	"stop": "stop", "stopped": "stop", "stops": "stop", "stopping": "stop", "halt": "stop", "halted": "stop",
	"halts": "stop", "cease": "stop", "ceased": "stop", "drop": "stop", "dropped": "stop", "drops": "stop",
	"dropping": "stop",
	"rejected": "reject", "reject": "reject", "rejects": "reject", "rejecting": "reject", "rejection": "reject",
	"rebuffed": "reject", "rebuff": "reject", "rebuffs": "reject", "spurned": "reject", "spurn": "reject",
	"investigation": "investig", "investigations": "investig", "investigating": "investig",
	"investigate": "investig", "investigated": "investig", "probe": "investig", "probes": "investig",
	"probing": "investig", "inquiry": "investig", "inquiries": "investig",
	"meddle": "interfer", "meddled": "interfer", "meddles": "interfer", "meddling": "interfer",
	"interfere": "interfer", "interfered": "interfer", "interferes": "interfer", "interfering": "interfer",
	"interference": "interfer",
	"invited":      "invit", "invite": "invit", "invites": "invit", "inviting": "invit", "invitation": "invit",
	"asked": "invit", "ask": "invit", "asks": "invit", "asking": "invit",
	// Common verbs of news that headline writers swap, in all their forms.
	"refused": "refus", "refuse": "refus", "refuses": "refus", "refusing": "refus", "refusal": "refus",
	"declined": "refus", "decline": "refus", "declines": "refus", "declining": "refus",
	"attacked": "attack", "attack": "attack", "attacks": "attack", "attacking": "attack", "assaulted": "attack",
	"assault": "attack", "assaults": "attack", "assaulting": "attack", "beat": "attack", "beaten": "attack",
	"punched": "attack", "punch": "attack",
	"sued": "sue", "sue": "sue", "sues": "sue", "suing": "sue", "lawsuit": "sue", "lawsuits": "sue",
	"arrested": "arrest", "arrest": "arrest", "arrests": "arrest", "detained": "arrest", "detain": "arrest",
	"indicted": "charg", "indict": "charg", "indictment": "charg", "charged": "charg",
	"retired": "resign", "retire": "resign", "retires": "resign", "retiring": "resign", "retirement": "resign",
	"likened": "compar", "liken": "compar", "likens": "compar", "compared": "compar", "compare": "compar",
	"compares": "compar", "comparing": "compar", "comparison": "compar",
	"delivered": "send", "deliver": "send", "delivers": "send", "delivery": "send", "sent": "send", "send": "send",
	"sends": "send", "sending": "send",
	"acquired": "sale", "acquire": "sale", "acquires": "sale", "acquisition": "sale", "takeover": "sale",
	"takeovers": "sale",
	"merged":    "merg", "merge": "merg", "merges": "merg", "merger": "merg", "mergers": "merg",
	"criticised": "critic", "criticized": "critic", "criticise": "critic", "criticize": "critic",
	"criticism": "critic", "condemned": "critic", "condemn": "critic", "condemns": "critic", "denounced": "critic",
	"denounce": "critic", "slammed": "critic",
	"planning": "plan", "plans": "plan", "planned": "plan", "plan": "plan", "preparing": "plan",
	"prepare": "plan", "prepares": "plan", "considering": "plan", "consider": "plan", "considers": "plan",
}

// isStop reports whether a lower-case word carries no content of its own
// for comparing statements: function words and the verbs of saying.
func isStop(w string) bool { return stopWords[w] }

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but if then than so as of at by for from in into on onto to
		with without about over under after before between through during up down out off again
		this that these those there here where when while which who whom whose what why how
		i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
		one ones someone something anything everything
		is am are was were be been being do does did done doing have has had having will would shall
		should can could may might must let
		not no nor very too also just only even still yet ever any all some each every both either
		neither other another such own same more most much many few lot lots
		said says say saying told tell tells telling stated added according
		mr mrs ms dr s t ll re ve d m
		'` + "s " + `it's that's he's she's i'm we're they're you're there's what's
		yesterday today tomorrow monday tuesday wednesday thursday friday saturday sunday
		week weeks year years month months day days time times last next new`) {
		m[w] = true
	}
	return m
}()

// contentStems returns the stems of s's content words, in order, with
// repeats.
func contentStems(s string) []string {
	ws := words(s)
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		if isStop(w.lower) || isNegator(w.lower) || len(w.lower) < 2 && !isNumber(w.lower) {
			continue
		}
		out = append(out, w.stem)
	}
	return out
}

// termSet returns the distinct content stems of s.
func termSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, t := range contentStems(s) {
		m[t] = true
	}
	return m
}

// ContentWords returns the distinct lower-case content words of s, in
// order: no function words, verbs of saying or negations. A search for the
// statements bearing on a claim needs only these.
func ContentWords(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range words(s) {
		if isStop(w.lower) || isNegator(w.lower) || len(w.lower) < 2 && !isNumber(w.lower) || seen[w.lower] {
			continue
		}
		seen[w.lower] = true
		lw := w.lower
		if lw == "usa" {
			lw = "u.s" // as the index's tokenizer reads "U.S."
		}
		out = append(out, lw)
	}
	return out
}

// SearchWords returns the words to look for a claim by: its ContentWords
// and, for each, the other words of its concept ("declined" for
// "refused", "lawsuit" for "sued"), so that a statement in other words
// is found.
func SearchWords(s string) []string {
	out := ContentWords(s)
	// One word a Porter stem: the index stems what it searches, and each
	// word more is a posting list more to read.
	seen := map[string]bool{}
	for _, w := range out {
		seen[porterstemmer.StemString(w)] = true
	}
	for _, w := range slices.Clone(out) {
		c, ok := concepts[w]
		if !ok {
			continue
		}
		for _, x := range conceptWords[c] {
			if st := porterstemmer.StemString(x); !seen[st] {
				seen[st] = true
				out = append(out, x)
			}
		}
	}
	return out
}

// conceptWords lists the words of each concept, sorted.
var conceptWords = func() map[string][]string {
	m := map[string][]string{}
	for w, c := range concepts {
		m[c] = append(m[c], w)
	}
	for _, ws := range m {
		slices.Sort(ws)
	}
	return m
}()
