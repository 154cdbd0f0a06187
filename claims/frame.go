package claims

import (
	"slices"
	"strings"
)

// A claim typed by a person is read as a frame: the names it is about
// (its actors: "Roy Moore", "Southcorp", "the Alabama Senate race") and
// the words of what it says happened (its event words: "conceded",
// "race"). A check keeps an article only when the article names the
// claim's actors and holds enough of its event words (it is about the
// same event, not one that shares a word), and a statement of such an
// article only when it speaks to the event: it shares an event word, or
// it names an actor and speaks of the allegation itself ("Nelson's
// accusations were absolutely false").

// Limits of a check, by name.
const (
	// MinArticleEventShare is the least share of a claim's event words
	// an article must hold to be about the claim's event.
	MinArticleEventShare = 0.34
	// LooseStemPrefix is how long a common prefix two stems need to be
	// the same word in another form ("congratulated", "congratulatory").
	LooseStemPrefix = 7
)

// titleWords are capitalised words of a name that say what a person is,
// not who: "Democrat Doug Jones", "Secretary of State Rex Tillerson". They
// are left out of the words that find the name in a text.
var titleWords = setOf("senator", "sen", "president", "lord", "lady", "sir", "dame", "secretary", "state", "director",
	"minister", "prime", "chancellor", "governor", "gov", "democrat", "democrats", "democratic", "republican",
	"republicans", "representative", "rep", "congressman", "congresswoman", "general", "attorney", "mr", "mrs", "ms",
	"dr", "judge", "justice", "mayor", "chairman", "chief", "executive", "deputy", "leader", "speaker", "former",
	"vice", "king", "queen", "prince", "princess", "pope", "cardinal", "bishop", "reverend", "rev", "ambassador",
	"spokesman", "spokeswoman", "campaign", "manager", "reporter", "anchor", "nov", "dec", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december")

// surnameTitles are title words that are also surnames: last in a name
// after another word they name the person ("Erik Prince", "Martin
// Luther King"), before a name they say what the person is ("Prince
// Charles", "District Judge Rudolph Contreras").
var surnameTitles = setOf("prince", "king", "judge", "bishop", "cardinal", "general", "chancellor", "pope")

// metaNouns name an allegation as a thing said: a statement that calls
// "the allegations" false speaks to the claim without repeating it.
var metaNouns = setOf("allegation", "allegations", "accusation", "accusations", "accuser", "accusers", "claim",
	"claims", "charge", "charges", "story", "stories", "report", "reports", "reporting", "rumour", "rumours", "rumor",
	"rumors", "speculation", "narrative", "assertion", "assertions", "suggestion", "suggestions")

// claimName is a name a claim holds: its text and the lower-case words
// that find it in an article (its words less titles).
type claimName struct {
	text  string
	label string // the name as the claim writes it, less titles: "Doug Jones"
	keys  []string
	// boss is the text of the name this one works for, when the claim
	// says so with a role between them: "Trump campaign manager Corey
	// Lewandowski".
	boss string
	// co is true when the name shares the subject's deed, joined to it
	// by "and": Thanou of "Kenteris and Thanou faked a crash".
	co bool
	// place is true when the name is a place ("Trump Tower", "Hofstra
	// University"'s "Hempstead Square"): it finds articles, but no one
	// speaks as it or for it.
	place bool
}

// placeHeads are the last words of names of places, which cannot speak.
var placeHeads = setOf("tower", "towers", "hotel", "square", "street", "avenue", "road", "airport", "stadium", "park",
	"bridge", "island", "islands", "beach", "river", "lake", "valley", "plaza", "arena", "mountain", "mountains",
	"county", "district", "province", "region", "coast", "bay", "harbour", "harbor", "port", "station")

// frame is a claim read for a check.
type frame struct {
	prop  *proposition
	names []claimName
	// event holds the stems of the claim's content words outside its
	// names.
	event map[string]bool
	// verbs holds the event stems that are the claim's verbs: "conceded"
	// in "Roy Moore conceded the race".
	verbs map[string]bool
	// partySides are the sides the claim names by alias ("Mexico",
	// "U.S."): parties to it, though not actors to find articles by.
	partySides []string
	// subjectSide is the party that opens the claim, its subject
	// ("Labour's posters were …"), or "".
	subjectSide string
	// core holds what the claim says happened: its verbs, less light
	// ones ("made", "held"), and the word a light verb takes ("made an
	// offer": "offer"); all its event words when it has no verb.
	core map[string]bool
	// accusation is true when what the claim says happened is a
	// wrong one is accused of ("assaulted", "grabbed", "lied"): only
	// then does a denial of "the allegations" answer it.
	accusation bool
	// utterance is true when what the claim says happened is a thing
	// said ("likened him to a guard", "made lewd remarks"): its speaker
	// answers it by owning up to the words or denying them, without
	// repeating them.
	utterance bool
	// thingDone holds the core verbs the claim gives a thing to, not a
	// name: "filed" of "filed a defamation lawsuit" (see
	// dropOtherObjects).
	thingDone map[string]bool
}

// newFrame reads a claim: its capitalised runs are names (a capitalised
// first word only when it is no function word: "The White House" names
// "White House"), the rest of its content words are event words.
func newFrame(claim string) *frame {
	return newFrameSides(claim, nil)
}

// newFrameSides reads a claim, leaving out of its actors the names that
// are only sides' aliases ("US" in "US bank Wells Fargo"): a country is
// where an event happens more often than who acts in it.
func newFrameSides(claim string, sides *Sides) *frame {
	f := &frame{prop: newProposition(claim), event: map[string]bool{}, verbs: map[string]bool{}, core: map[string]bool{},
		thingDone: map[string]bool{}}
	ws := f.prop.ws
	inName := make([]bool, len(ws))
	var starts, ends []int // where each name starts and ends
	for i := 0; i < len(ws); {
		// "anti-Muslim" and "pro-Trump" name no one who acts.
		if !ws[i].cap || isStop(ws[i].lower) || isNegator(ws[i].lower) || ws[i].hyph && !ws[i-1].cap {
			i++
			continue
		}
		j := i
		var keys []string
		var text []string
		for j < len(ws) && ws[j].cap && !isStop(ws[j].lower) && (j == i || !ws[j].brk) {
			inName[j] = true
			text = append(text, ws[j].lower)
			last := j+1 == len(ws) || !ws[j+1].cap || isStop(ws[j+1].lower) || ws[j+1].brk
			surname := len(keys) > 0 && last && surnameTitles[ws[j].lower]
			if (!titleWords[ws[j].lower] || surname) && len(ws[j].lower) > 1 {
				keys = append(keys, nameKey(ws[j].lower))
			}
			j++
			if strings.HasSuffix(ws[j-1].lower, "'s") {
				break // "Donald Trump's Twitter account": the owner ends the name
			}
		}
		if side := aliasSide(sides, keys); side != "" && j-i == len(keys) {
			if i == 0 || i == 1 && isStop(ws[0].lower) {
				f.subjectSide = side
			}
			if !slices.Contains(f.partySides, side) {
				f.partySides = append(f.partySides, side)
			}
		} else if len(keys) > 0 {
			f.names = append(f.names, claimName{text: strings.Join(text, " "), label: labelOf(claim, keys), keys: keys,
				place: len(keys) > 1 && placeHeads[keys[len(keys)-1]]})
			starts, ends = append(starts, i), append(ends, j)
		}
		i = j
	}
	for i, w := range ws {
		if inName[i] || isStop(w.lower) || isNegator(w.lower) {
			continue
		}
		if len(w.lower) > 1 || isNumber(w.lower) {
			f.event[w.stem] = true
			if looksLikeVerb(ws, i, inName, ends) {
				f.verbs[w.stem] = true
			}
		}
	}
	// A name, a role and a name: the second works for the first.
	for k := 1; k < len(f.names); k++ {
		gap := ws[ends[k-1]:starts[k]]
		if len(gap) == 0 || len(gap) > maxRoleWords {
			continue
		}
		role := true
		for _, w := range gap {
			role = role && !w.cap && !w.brk && !isStop(w.lower) && f.event[w.stem] && !f.verbs[w.stem]
		}
		if role {
			f.names[k].boss = f.names[k-1].text
		}
	}
	// The subject is the name right before the claim's first verb
	// ("Trump campaign manager Corey Lewandowski grabbed …"); it goes
	// first.
	nameEnd := map[int]int{} // index of the word after a name → the name
	for k, e := range ends {
		nameEnd[e] = k
	}
	for i, w := range ws {
		if !f.verbs[w.stem] {
			continue
		}
		if n, ok := nameEnd[i]; ok && n < len(f.names) && n > 0 {
			if s := starts[n]; ends[n-1] == s-1 && ws[s-1].lower == "and" && !ws[s-1].brk {
				f.names[n-1].co = true
			}
			subj := f.names[n]
			copy(f.names[1:n+1], f.names[:n])
			f.names[0] = subj
		}
		break
	}
	f.names = mergeNames(f.names)
	// What the claim says happened is said in its main clause: a verb
	// after a subordinator ("unless Blair named a date") sets a
	// condition or a time, and the deed a threat or a promise is of
	// ("threatened to resign") is not the threat.
	subordinate := make([]bool, len(ws))
	mainVerb := false
	for i := range ws {
		if i > 0 {
			subordinate[i] = subordinate[i-1] || subordinators[ws[i-1].lower] && mainVerb || commissive[ws[i-1].lower]
		}
		mainVerb = mainVerb || f.verbs[ws[i].stem] && !inName[i]
	}
	// "that" after a noun a determiner or a possessive takes opens what
	// the noun says, up to the claim's
	// last "was": "Brandt's post that Quist 'would sell anything' was
	// a smear" is about the post, not a sale.
	lastCopula := -1
	for i, w := range ws {
		if copulas[w.lower] && !inName[i] {
			lastCopula = i
		}
	}
	for i := 1; i < lastCopula; i++ {
		if ws[i].lower == "that" && i > 1 && !inName[i-1] && !f.verbs[ws[i-1].stem] && !isStop(ws[i-1].lower) &&
			(articles[ws[i-2].lower] || strings.HasSuffix(ws[i-2].lower, "'s") || strings.HasSuffix(ws[i-2].lower, "’s")) {
			for k := i + 1; k < lastCopula; k++ {
				subordinate[k] = true
			}
			break
		}
	}
	for i, w := range ws {
		if !f.verbs[w.stem] {
			continue
		}
		if subordinate[i] {
			continue
		}
		if i > 0 && relativeWords[ws[i-1].lower] {
			continue // "the employee who deactivated …" says who, not what happened
		}
		if i > 0 && gerundPrepositions[ws[i-1].lower] && strings.HasSuffix(w.lower, "ing") && len(f.core) > 0 {
			continue // "congratulated Jones on winning": the congratulation is what happened
		}
		if !lightVerbsOfEvent[w.lower] {
			f.core[w.stem] = true
			if objectHead(ws, i) != "" {
				f.thingDone[w.stem] = true
			}
			continue
		}
		// The noun phrase it takes: "made a takeover offer" gives
		// "takeover" and "offer".
		for j := i + 1; j < len(ws) && j <= i+5; j++ {
			if f.event[ws[j].stem] {
				f.core[ws[j].stem] = true
			} else if !articles[ws[j].lower] {
				break
			}
		}
	}
	if len(f.core) == 0 {
		// A claim without a verb says what something is: "Trump's
		// tweet that Quist 'would do anything' was a sexist smear" says
		// "sexist smear" of the tweet; the words before its last "was"
		// say what the claim is about.
		for i := lastCopula + 1; lastCopula >= 0 && i < len(ws); i++ {
			if f.event[ws[i].stem] && !inName[i] {
				f.core[ws[i].stem] = true
			}
		}
	}
	if len(f.core) == 0 {
		for e := range f.event {
			f.core[e] = true
		}
	}
	for e := range f.core {
		for _, w := range wrongs {
			f.accusation = f.accusation || strings.HasPrefix(e, w)
		}
	}
	for e := range f.event {
		for _, w := range utterances {
			f.utterance = f.utterance || strings.HasPrefix(e, w)
		}
	}
	return f
}

// copulas join a claim without a verb to what it says its subject is.
var copulas = setOf("is", "was", "are", "were")

// isSubject reports whether the claim's name k did what the claim says:
// its subject, or a name joined to it by "and".
func (f *frame) isSubject(k int) bool {
	return k == 0 || k > 0 && k < len(f.names) && f.names[k].co
}

// namesSubject reports whether words name the claim's subject or one
// joined to it.
func (f *frame) namesSubject(ws []word) bool {
	return slices.ContainsFunc(f.namesIn(ws), f.isSubject)
}

// mergeNames drops a name that is another's surname: "Trump" after
// "Donald Trump's campaign" is the same man, and counting him twice would
// make a statement by Trump name another of the claim's actors. The
// fuller name takes the place of the first mention.
func mergeNames(names []claimName) []claimName {
	within := func(a, b claimName) bool {
		return slices.Equal(a.keys, b.keys) || len(a.keys) == 1 && a.keys[0] == b.keys[len(b.keys)-1]
	}
	var out []claimName
	for _, n := range names {
		merged := false
		for i, o := range out {
			if within(n, o) {
				merged = true
				break
			}
			if within(o, n) {
				out[i] = n
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, n)
		}
	}
	return out
}

// subordinators open a clause that sets a condition, a time or a cause
// for the claim's main verb.
var subordinators = setOf("unless", "if", "when", "whenever", "while", "because", "although", "though", "until",
	"after", "before", "since", "whereas")

// commissive verbs commit or threaten their subject to a deed: the claim
// is the threat or the promise, not the deed ("threatened to resign",
// "promised that he would stand down").
var commissive = setOf("threatened", "threatens", "threaten", "promised", "promises", "promise", "vowed", "vows",
	"vow", "pledged", "pledges", "pledge")

// gerundPrepositions take a verb's "-ing" form as a complement of the
// claim's verb, not as what the claim says happened.
var gerundPrepositions = setOf("on", "for", "after", "before", "about", "of", "in", "with", "by", "without", "from",
	"while", "when", "over")

// wrongs are the stems of deeds people are accused of and deny: a
// claim whose core is one of them is answered by "the allegations are
// false" or "I never did what she said".
var wrongs = []string{"assault", "harass", "abus", "grop", "rape", "molest", "grab", "kiss", "touch", "fondl", "shov",
	"push", "kick", "stab", "chok", "strangl",
	"attack", "punch", "slap", "lie", "lied", "steal", "stole", "brib", "cheat", "defraud", "embezzl", "launder",
	"leak", "hack", "collud", "plagiar", "forg", "intimidat", "blackmail", "extort", "discriminat", "insult", "slur",
	"misconduct", "mislead", "misled", "deceiv"}

// utterances are the stems of words that name a thing said: a claim
// holding one is about words spoken or written.
var utterances = []string{"remark", "comment", "liken", "compar", "tweet", "word", "joke", "slur", "statement",
	"describ", "quip", "post", "speech", "call"}

// maxRoleWords is the longest role read between an employer's name and
// a person's: "campaign manager", "deputy chief of staff" is too long.
const maxRoleWords = 3

// articles are the words a noun phrase may open with.
var articles = setOf("a", "an", "the", "its", "his", "her", "their")

// relativeWords open a relative clause, whose verb describes one of
// the claim's actors rather than saying what happened.
var relativeWords = setOf("who", "which", "that", "whom", "whose")

// lightVerbsOfEvent say little of what happened by themselves: what
// happened is the word they take ("made an offer", "held talks").
var lightVerbsOfEvent = setOf("made", "make", "makes", "has", "have", "had", "held", "hold", "holds", "took", "take",
	"takes", "gave", "give", "gives", "got", "get", "gets", "did", "does", "used", "uses", "put", "puts")

// looksLikeVerb reports whether the claim's i-th word is a verb: a past
// form ("conceded", "won"), a present participle after a form of "be" or
// a preposition ("is considering", "on winning"), or the word right after
// a name (its subject: "Foster's made", "Trump retweeted").
func looksLikeVerb(ws []word, i int, inName []bool, ends []int) bool {
	w := ws[i].lower
	switch {
	case irregularPast[w]:
		return true
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		return true
	case strings.HasSuffix(w, "ing") && len(w) > 5 && i > 0 && (beForms[ws[i-1].lower] || isStop(ws[i-1].lower)):
		return true
	case i > 0 && ws[i-1].lower == "to" && i > 1 && !isStop(ws[i-2].lower) && !inName[i]:
		return true // an infinitive after a verb: "paid to settle", "threatened to resign"
	case i > 0 && !inName[i] && (auxiliaries[ws[i-1].lower] || isNegator(ws[i-1].lower) && i > 1 && auxiliaries[ws[i-2].lower]):
		return true // after an auxiliary: "did not meddle", "will resign"
	}
	// Right after the claim's first name, its subject: "Acme offers",
	// not "the U.S. troops".
	return len(ends) > 0 && i == ends[0] && !strings.HasSuffix(ws[i-1].lower, "'s") &&
		(strings.HasSuffix(w, "s") || irregularPast[w])
}

// auxiliaries take a verb's base form after them: "did not meddle",
// "will resign", "would attend".
var auxiliaries = setOf("did", "does", "do", "will", "would", "can", "could", "should", "may", "might", "must", "shall",
	"didn't", "doesn't", "don't", "won't", "wouldn't", "can't", "couldn't")

// irregularPast are past forms of common verbs that do not end in -ed.
var irregularPast = setOf("won", "lost", "made", "sold", "bought", "held", "paid", "took", "gave", "met", "ran", "went",
	"shut", "put", "hit", "beat", "kept", "left", "sent", "fell", "rose", "brought", "fought", "caught", "began", "spoke",
	"wrote", "drove", "grew", "knew", "threw", "broke", "chose", "stole", "swore", "shook", "got", "had", "did", "led",
	"quit", "cut", "set", "let", "hid", "bit", "fled", "sought", "struck", "stood", "told", "built", "spent", "lent",
	"meant", "dealt", "felt", "found", "heard", "laid", "slept", "swept", "wept",
	"used") // regular, but too short for the "-ed" rule

// aliasSide returns the side a name's keys are an alias of, or "".
func aliasSide(sides *Sides, keys []string) string {
	if sides == nil || len(keys) == 0 {
		return ""
	}
	return sides.alias[strings.Join(keys, " ")]
}

// sameStem reports whether two stems are one word in two forms: equal,
// or sharing a long prefix ("congratul" of "congratulated" and
// "congratulatory").
func sameStem(a, b string) bool {
	if a == b {
		return true
	}
	n := min(len(a), len(b))
	if n < LooseStemPrefix || isNumber(a) || isNumber(b) {
		return false
	}
	return a[:LooseStemPrefix] == b[:LooseStemPrefix]
}

// eventShared returns the claim's event stems that words ws hold, in
// any form.
func (f *frame) eventShared(ws []word) map[string]bool {
	out := map[string]bool{}
	for i, w := range ws {
		if isStop(w.lower) {
			continue
		}
		if seemVerbs[w.lower] && i+1 < len(ws) && ws[i+1].lower == "to" {
			continue // "Trump appears to be …" is no appearance
		}
		for e := range f.event {
			if sameStem(w.stem, e) {
				out[e] = true
			}
		}
	}
	return out
}

// seemVerbs say how a thing seems when "to" and a verb follow them
// ("appears to be"), and are then no deed.
var seemVerbs = setOf("appear", "appears", "appeared", "appearing", "seem", "seems", "seemed")

// namesIn returns the indexes of the claim's names a text's words hold:
// every key word of the name, written with a capital.
func (f *frame) namesIn(ws []word) []int {
	caps := map[string]bool{}
	acronyms := map[string]bool{}
	for _, w := range ws {
		if w.cap {
			caps[nameKey(w.lower)] = true
			if w.acro {
				acronyms[strings.TrimSuffix(w.lower, "'s")] = true
			}
		}
	}
	var out []int
	for i, n := range f.names {
		// "LSE" for the London Stock Exchange, "GM" for General Motors.
		if len(acronyms) > 0 && acronyms[initials(n.text)] {
			out = append(out, i)
			continue
		}
		all := true
		for _, k := range n.keys {
			if !caps[k] {
				all = false
				break
			}
		}
		// A person's surname alone names them after the first mention:
		// "Adler" for "Rolf Adler".
		if all || len(n.keys) == 2 && caps[n.keys[1]] && !commonCapitals[n.keys[1]] {
			out = append(out, i)
		}
	}
	return out
}

// isAcronymWord reports whether a word is written as an acronym: two to
// five capital letters ("LSE", "GM").
func isAcronymWord(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// initials returns the first letters of the words of a name of two
// words or more, leaving out function words: "lse" for "london stock
// exchange", "gm" for "general motors"; "" for a one-word name.
func initials(name string) string {
	fs := strings.Fields(name)
	if len(fs) < 2 {
		return ""
	}
	b := make([]byte, 0, len(fs))
	for _, w := range fs {
		if !isStop(w) {
			b = append(b, w[0])
		}
	}
	return string(b)
}

// commonCapitals are last words of names that, capitalised, more often
// open a sentence or a title than name the whole: "Britain First".
var commonCapitals = setOf("first", "new", "one", "group", "party", "house", "office", "news", "times", "post", "union",
	"company", "corp", "inc", "bank", "fund", "league", "council", "committee", "department", "ministry")

// subjectTitles returns the titles an article gives the claim's subject
// ("president" of "President Donald Trump"), by which its statements
// may name the subject: "the president's already called".
func (f *frame) subjectTitles(ws []word) map[string]bool {
	if len(f.names) == 0 {
		return nil
	}
	var out map[string]bool
	keys := f.names[0].keys
	last := keys[len(keys)-1]
	for i, w := range ws {
		if !w.cap || nameKey(w.lower) != last {
			continue
		}
		// Back over the rest of the name ("Donald" of "Donald Trump"),
		// then over its titles.
		j := i - 1
		for ; j >= 0 && j >= i-2 && ws[j].cap && !titleWords[ws[j].lower] && !ws[j+1].brk; j-- {
		}
		for stop := j - 2; j >= 0 && j >= stop && ws[j].cap && titleWords[ws[j].lower]; j-- {
			if !ambiguousTitles[ws[j].lower] {
				if out == nil {
					out = map[string]bool{}
				}
				out[ws[j].lower] = true
			}
		}
	}
	return out
}

// ambiguousTitles are titles that say nothing of who is meant when
// "the" comes before them.
var ambiguousTitles = setOf("mr", "mrs", "ms", "dr", "former", "state", "general", "democrat", "democrats",
	"democratic", "republican", "republicans", "campaign", "manager", "rep", "gov", "sen", "nov", "dec", "jan", "feb",
	"mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "january", "february", "march", "april", "may", "june",
	"july", "august", "september", "october", "november", "december", "deputy", "vice", "chief", "executive")

// namesByTitle reports whether words name someone by one of titles:
// "the president", "the prime minister's".
func namesByTitle(ws []word, titles map[string]bool) bool {
	for i := 1; i < len(ws); i++ {
		if ws[i-1].lower == "the" && titles[strings.TrimSuffix(ws[i].lower, "'s")] {
			return true
		}
	}
	return false
}

// dropOtherObjects removes from shared, the claim's event stems words
// hold, the claim's core verbs that words only use of another thing:
// "filed her complaint" is not "filed a defamation lawsuit", though
// "retweeted those videos" is "retweeted anti-Muslim videos". The
// thing is the last word of the noun phrase right after the verb; a
// verb followed by a name, a preposition or nothing keeps its place,
// and only a verb the claim itself gives a thing is read so ("sold the
// Christian Lacroix label" gives a name, and "buying his name" stays).
func (f *frame) dropOtherObjects(ws []word, shared map[string]bool) {
	for e := range shared {
		if !f.core[e] || !f.verbs[e] || !f.thingDone[e] {
			continue
		}
		other, same := false, false
		for i, w := range ws {
			if w.stem != e {
				continue // "congratulatory calls" holds no verb
			}
			if obj := objectStems(ws, i); len(obj) == 0 || slices.ContainsFunc(obj, f.holds) {
				same = true
			} else {
				other = true
			}
		}
		if other && !same {
			delete(shared, e)
		}
	}
}

// holds reports whether a stem is one of the claim's event words.
func (f *frame) holds(stem string) bool {
	for e := range f.event {
		if sameStem(stem, e) {
			return true
		}
	}
	return false
}

// objectHead returns the stem of the last word of the noun phrase right
// after the verb at ws[i] ("lawsuit" of "filed a defamation lawsuit"),
// or "" when a name, a preposition, a clause break or nothing follows.
func objectHead(ws []word, i int) string {
	obj := objectStems(ws, i)
	if len(obj) == 0 {
		return ""
	}
	return obj[len(obj)-1]
}

// objectStems returns the stems of the noun phrase right after the verb
// at ws[i], at most four words ("defamation lawsuit" of "filed a
// defamation lawsuit", "due diligence work" of "starting due diligence
// work"), or none when a name, a preposition, a clause break or nothing
// follows.
func objectStems(ws []word, i int) []string {
	j := i + 1
	for j < len(ws) && determinersOfObject[ws[j].lower] && !ws[j].brk {
		j++
	}
	var out []string
	for k := j; k < len(ws) && k <= j+3; k++ {
		w := ws[k]
		if w.cap && !w.hyph || w.brk || isStop(w.lower) || prepositions[w.lower] || isNegator(w.lower) || isNumber(w.lower) ||
			strings.HasSuffix(w.lower, "ly") || strings.HasSuffix(w.lower, "ed") {
			break
		}
		out = append(out, w.stem)
	}
	return out
}

// prepositions end the noun phrase a verb takes.
var prepositions = setOf("about", "above", "across", "after", "against", "along", "among", "around", "at", "before",
	"behind", "below", "beside", "between", "beyond", "by", "despite", "during", "for", "from", "in", "inside", "into",
	"like", "near", "of", "off", "on", "onto", "out", "over", "past", "since", "than", "through", "to", "toward",
	"towards", "under", "until", "upon", "via", "with", "within", "without")

// determinersOfObject open the noun phrase a verb takes.
var determinersOfObject = setOf("a", "an", "the", "her", "his", "their", "its", "my", "our", "your", "this", "that",
	"these", "those", "another")

// aboutEvent reports whether an article's words are about the claim's
// event: they name all of the claim's actors (all but one when it names
// three or more) and hold MinArticleEventShare of its event words.
func (f *frame) aboutEvent(ws []word) bool {
	if len(f.names) > 0 {
		need := len(f.names)
		if need >= 3 {
			need--
		}
		if len(f.namesIn(ws)) < need {
			return false
		}
	}
	if len(f.event) == 0 {
		return len(f.names) > 0
	}
	return float64(len(f.eventShared(ws))) >= MinArticleEventShare*float64(len(f.event))
}

// nameOf returns the index of the claim's name a speaker is ("Doug
// Jones" for the claim's "Democrat Doug Jones", "Moore" for "Roy Moore"),
// or -1: the speaker's last word must be the name's last key.
func (f *frame) nameOf(speaker string) int {
	sw := words(speaker)
	if len(sw) == 0 {
		return -1
	}
	last := nameKey(sw[len(sw)-1].lower)
	for i, n := range f.names {
		if n.keys[len(n.keys)-1] == last && !n.place {
			return i
		}
	}
	return -1
}

// namedIn returns the index of the claim's name a role speaks for
// ("Trump campaign manager", "Nelson's attorney", "spokesman for
// Southcorp"), or -1.
func (f *frame) namedIn(role string) int {
	if role == "" {
		return -1
	}
	ws := words(role)
	for _, i := range f.namesIn(ws) {
		if !f.names[i].place {
			return i
		}
	}
	// A person's surname alone: "Nelson's attorney".
	for _, w := range ws {
		if !w.cap {
			continue
		}
		l := nameKey(w.lower)
		for i, n := range f.names {
			if len(n.keys) > 1 && n.keys[len(n.keys)-1] == l && l != "usa" && !n.place {
				return i
			}
		}
	}
	return -1
}

// labelOf writes a name's key words as the claim writes them, without a
// possessive: "Doug Jones" for the keys of "Democrat Doug Jones",
// "Foster" for "Foster's".
func labelOf(claim string, keys []string) string {
	out := make([]string, 0, len(keys))
	lower := strings.ToLower(claim)
	for i := 0; i < len(keys); i++ {
		k := keys[i]
		if k == "usa" {
			out = append(out, "U.S.") // as words reads "U.S." and "US"
			continue
		}
		j := strings.Index(lower, k)
		if j < 0 || len(lower) != len(claim) {
			out = append(out, k)
			continue
		}
		e := j + len(k)
		for e < len(claim) && (isLetterAt(claim, e) || claim[e] == '-') {
			e++
		}
		out = append(out, claim[j:e])
		// "Kilroy-Silk" holds the next key too.
		i += strings.Count(claim[j:e], "-")
	}
	return strings.Join(out, " ")
}

// nameKey is the form a name's word is compared in: lower case, without
// a possessive or a final "s" ("Foster's", "Fosters" and "Foster" are
// one).
func nameKey(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
	if len(w) > 3 {
		w = strings.TrimSuffix(w, "s")
	}
	return w
}
