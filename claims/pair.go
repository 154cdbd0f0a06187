package claims

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	quotes "github.com/quotesproject/quotes"
)

// PairCorpus holds document frequencies over a set of texts, so that
// overlap between a claim and a text weighs rare words more. A nil
// *PairCorpus weighs all words alike.
//
// A PairCorpus also keeps the analysis of the texts and claims it has
// seen, because one article is usually compared with many claims; the
// cache is bounded and safe for concurrent use, as are all methods.
type PairCorpus struct {
	n  int
	df map[string]int

	mu    sync.Mutex
	cache map[string]*pairText
}

// pairCacheMax bounds the analyses a PairCorpus keeps; past it the cache
// starts afresh.
const pairCacheMax = 8192

// NewPairCorpus counts in how many of texts each content stem occurs.
func NewPairCorpus(texts []string) *PairCorpus {
	c := &PairCorpus{n: len(texts), df: map[string]int{}, cache: map[string]*pairText{}}
	for _, t := range texts {
		for s := range termSet(t) {
			c.df[s]++
		}
	}
	return c
}

// idf is the inverse document frequency of a stem: rare stems weigh more,
// and a stem never seen weighs most. It is 1 for a nil corpus.
func (c *PairCorpus) idf(stem string) float64 {
	if c == nil || c.n == 0 {
		return 1
	}
	return math.Log(float64(c.n+1)/float64(c.df[stem]+1)) + 1
}

// pairSentence is one sentence of an analysed text.
type pairSentence struct {
	stems map[string]bool
	// Lexicon hits in the sentence.
	hedge, refute, negate int
	// refuteFams are the families of the refuting words ("hoax" for
	// hoaxes, "deny" for denied).
	refuteFams []string
}

// pairText is the analysis of a claim or a text, computed once.
type pairText struct {
	nwords int
	sents  []pairSentence
	// tf counts the content stems of the text; lead holds those of its
	// first pairLeadWords words.
	tf   map[string]int
	lead map[string]bool
	// prefixes holds the first pairPrefix bytes of the longer stems, to
	// match "syria" with "syrian".
	prefixes map[string]bool
	// terms are the distinct content stems in order of first use.
	terms []pairTerm
	// Totals of the lexicon hits, over the whole text and the lead.
	hedge, refute, negate int
	leadHedge             int
	refuteFams            map[string]bool
	// attrib counts the attribution words (pairAttrib).
	attrib   int
	question bool
	// first is the lower-case first word.
	first string
}

// pairTerm is one distinct content stem of a text.
type pairTerm struct {
	stem string
}

// pairPrefix is the length of the prefixes that match stems loosely.
const pairPrefix = 5

// pairLeadWords is how many words of a text count as its lead.
const pairLeadWords = 80

// analyse returns the cached analysis of s, computing it when needed.
func (c *PairCorpus) analyse(s string) *pairText {
	if c == nil {
		return pairAnalyse(s)
	}
	c.mu.Lock()
	t, ok := c.cache[s]
	c.mu.Unlock()
	if ok {
		return t
	}
	t = pairAnalyse(s)
	c.mu.Lock()
	if len(c.cache) >= pairCacheMax {
		c.cache = map[string]*pairText{}
	}
	c.cache[s] = t
	c.mu.Unlock()
	return t
}

// pairAnalyse splits s into sentences and words and counts its terms and
// lexicon hits.
func pairAnalyse(s string) *pairText {
	t := &pairText{
		tf:         map[string]int{},
		lead:       map[string]bool{},
		prefixes:   map[string]bool{},
		refuteFams: map[string]bool{},
	}
	trimmed := strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '"' || r == '\'' || r == '”' || r == '’' })
	t.question = strings.HasSuffix(trimmed, "?")
	seen := map[string]bool{}
	for _, sent := range pairSentences(s) {
		ws := words(sent)
		if len(ws) == 0 {
			continue
		}
		ps := pairSentence{stems: map[string]bool{}}
		prev := ""
		for i, w := range ws {
			inLead := t.nwords < pairLeadWords
			t.nwords++
			if t.first == "" {
				t.first = w.lower
			}
			next := ""
			if i+1 < len(ws) {
				next = ws[i+1].lower
			}
			f, fam := pairLexicon(w.lower, next, prev)
			prev = w.lower
			if f&pairHedge != 0 {
				ps.hedge++
			}
			if f&pairRefute != 0 {
				ps.refute++
				ps.refuteFams = append(ps.refuteFams, fam)
				t.refuteFams[fam] = true
			}
			if f&pairNegate != 0 {
				ps.negate++
			}
			if f&pairAttrib != 0 {
				t.attrib++
			}
			if inLead && f&pairHedge != 0 {
				t.leadHedge++
			}
			if isStop(w.lower) || len(w.lower) < 2 && !isNumber(w.lower) {
				continue
			}
			ps.stems[w.stem] = true
			t.tf[w.stem]++
			if len(w.stem) >= pairPrefix {
				t.prefixes[w.stem[:pairPrefix]] = true
			}
			if inLead {
				t.lead[w.stem] = true
			}
			if !seen[w.stem] {
				seen[w.stem] = true
				t.terms = append(t.terms, pairTerm{stem: w.stem})
			}
		}
		t.hedge += ps.hedge
		t.refute += ps.refute
		t.negate += ps.negate
		t.sents = append(t.sents, ps)
	}
	return t
}

// pairSentences splits s at line breaks and after ., ! or ? followed by
// a space.
func pairSentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		end := -1
		switch r {
		case '\n':
			end = i
		case '.', '!', '?':
			if (i+n >= len(s) || s[i+n] == ' ' || s[i+n] == '\n' || s[i+n] == '"') && !(r == '.' && pairAbbrev(s[start:i])) {
				end = i + n
			}
		}
		i += n
		if end >= 0 {
			if strings.TrimSpace(s[start:end]) != "" {
				out = append(out, s[start:end])
			}
			start = i
		}
	}
	if strings.TrimSpace(s[start:]) != "" {
		out = append(out, s[start:])
	}
	return out
}

// pairAbbrev reports whether before, the text up to a dot, ends in an
// abbreviation: a single letter ("U.S.") or a title ("Mr.").
func pairAbbrev(before string) bool {
	j := strings.LastIndexAny(before, " .\n") + 1
	last := before[j:]
	if utf8.RuneCountInString(last) == 1 {
		r, _ := utf8.DecodeRuneInString(last)
		return unicode.IsLetter(r)
	}
	switch last {
	case "Mr", "Mrs", "Ms", "Dr", "St", "Gov", "Sen", "Rep", "Gen", "Lt", "Col", "Prof", "Jr", "Sr", "No", "vs":
		return true
	}
	return false
}

// Lexicon flags.
const (
	pairHedge = 1 << iota
	pairRefute
	pairNegate
	// pairAttrib marks words that, in a headline, put the claim in
	// someone's mouth or under inquiry ("says", "sources", "probe").
	pairAttrib
)

// pairWords is the lexicon: words that hedge a claim (report it without
// vouching for it), refute it, or negate. A text that neither hedges nor
// refutes confirms, so confirming words need no list of their own.
var pairWords = func() map[string]uint8 {
	m := map[string]uint8{}
	add := func(flag uint8, list string) {
		for _, w := range strings.Fields(list) {
			m[w] |= flag
		}
	}
	add(pairHedge, `reportedly allegedly alleged purportedly purported apparently supposedly
		rumor rumors rumour rumours rumored rumoured unconfirmed unverified
		claims claimed claiming speculation speculate speculated speculating
		may might could possibly perhaps unclear whether suggests suggested
		appears seemingly believed reports reported report allegation allegations
		mystery unsubstantiated uncorroborated`)
	add(pairRefute, `hoax hoaxes hoaxed hoaxer fake faked fakes false falsely untrue
		debunk debunked debunks debunking deny denied denies denial denying
		satire satirical parody prank pranks prankster myth fabricated fabrication
		bogus nonsense baseless fiction fictional misleading doctored photoshopped
		scam refuted refute dismissed dismisses sceptical skeptical`)
	add(pairAttrib, `says say said according sources source claim
		investigating investigate investigation probe talks likely
		suspected questions confusion`)
	add(pairNegate, `not no never nor isn't wasn't aren't weren't didn't doesn't don't
		hasn't haven't won't can't cannot couldn't neither nothing`)
	return m
}()

// pairFamily folds the forms of a refuting word into one family, so a
// text that says "denied" agrees with a claim that says "denies".
var pairFamily = map[string]string{
	"hoaxes": "hoax", "hoaxed": "hoax", "hoaxer": "hoax",
	"faked": "fake", "fakes": "fake", "false": "fake", "falsely": "fake", "untrue": "fake", "fabricated": "fake", "fabrication": "fake", "bogus": "fake", "doctored": "fake", "photoshopped": "fake",
	"debunked": "debunk", "debunks": "debunk", "debunking": "debunk", "refuted": "debunk", "refute": "debunk",
	"denied": "deny", "denies": "deny", "denial": "deny", "denying": "deny", "dismissed": "deny", "dismisses": "deny",
	"satirical": "satire", "parody": "satire", "prank": "satire", "pranks": "satire", "prankster": "satire",
	"sceptical": "skeptical",
}

// pairLexicon returns the lexicon flags of the lower-case word w given
// the words around it, and for a refuting word its family. "not true",
// "not real" and "no evidence" refute; "may" followed by a month name is
// not a hedge.
func pairLexicon(w, next, prev string) (uint8, string) {
	f := pairWords[w]
	if f&pairNegate != 0 {
		switch next {
		case "true", "real", "genuine", "authentic", "evidence", "truth", "proof", "basis":
			f |= pairRefute
			return f, "fake"
		}
	}
	if w == "may" && (prev == "in" || prev == "of" || next == "day") {
		f = 0
	}
	fam := ""
	if f&pairRefute != 0 {
		fam = w
		if g, ok := pairFamily[w]; ok {
			fam = g
		}
	}
	return f, fam
}

// pairFeatures are the measures the stance rules read.
type pairFeatures struct {
	// rel is the IDF-weighted relatedness of the text to the claim, in
	// [0, 1].
	rel float64
	// leadCover is the IDF-weighted share of the claim's terms found in
	// the text's lead; tfCover the share in the whole text, counting
	// repeats up to three; best the share in its best sentence.
	leadCover, tfCover, best float64
	// lead2 is the squared-IDF share found in the lead.
	lead2 float64
	// Lexicon hits in the sentences about the claim (those sharing the
	// most of its weight), and over the text per 100 words.
	relHedge, hedgeRate float64
	// refuteOwn counts the text's refuting words whose family the claim
	// does not use; refuteShared those it does.
	refuteOwn, refuteShared int
	// The claim's own lexicon hits.
	claimRefute, claimHedge, claimNegate int
	claimQuestion                        bool
	// The text is short (a headline) and these are its own cues.
	short                           bool
	textQuestion                    bool
	textHedge, textNegate, textAttr int
	leadHedge                       int
}

// features measures text against claim.
func (c *PairCorpus) features(claim, text string) pairFeatures {
	cl := c.analyse(claim)
	tx := c.analyse(text)
	var f pairFeatures
	var lead2 float64
	var wsum, w2sum, found, tfFound, prefFound, lead float64
	for _, t := range cl.terms {
		w := c.idf(t.stem)
		wsum += w
		w2sum += w * w
		n := tx.tf[t.stem]
		if n > 0 {
			found += w
			tfFound += w * math.Min(1, math.Log1p(float64(n))/math.Log(4))
			prefFound += w
		} else if len(t.stem) >= pairPrefix && tx.prefixes[t.stem[:pairPrefix]] {
			prefFound += w / 2
		}
		if tx.lead[t.stem] {
			lead += w
			lead2 += w * w
		}
	}
	if wsum > 0 {
		f.lead2 = lead2 / w2sum
		f.tfCover = tfFound / wsum
		f.leadCover = lead / wsum
	}

	// The sentences about the claim: those holding at least a share of
	// its weight, and at least the best one.
	best := 0.0
	sw := make([]float64, len(tx.sents))
	for i, s := range tx.sents {
		var x float64
		for _, t := range cl.terms {
			if s.stems[t.stem] {
				x += c.idf(t.stem)
			}
		}
		if wsum > 0 {
			x /= wsum
		}
		sw[i] = x
		best = max(best, x)
	}
	f.best = best
	z := pairRelW[0] + pairRelW[1]*f.lead2 + pairRelW[2]*f.tfCover + pairRelW[3]*f.leadCover +
		pairRelW[4]*f.best + pairRelW[5]*math.Log1p(float64(tx.nwords))
	f.rel = 1 / (1 + math.Exp(-z))
	if found == 0 && prefFound == 0 {
		f.rel = 0 // nothing in common
	}
	for i, s := range tx.sents {
		if sw[i] == 0 || sw[i] < pairSentShare && sw[i] < best {
			continue
		}
		f.relHedge += float64(s.hedge)
	}
	for fam := range tx.refuteFams {
		if cl.refuteFams[fam] {
			f.refuteShared++
		}
	}
	for _, s := range tx.sents {
		for _, fam := range s.refuteFams {
			if !cl.refuteFams[fam] {
				f.refuteOwn++
			}
		}
	}
	if tx.nwords > 0 {
		per := 100 / float64(tx.nwords)
		f.hedgeRate = float64(tx.hedge) * per
	}
	f.claimRefute, f.claimHedge, f.claimNegate = cl.refute, cl.hedge, cl.negate
	f.claimQuestion = cl.question
	f.short = tx.nwords <= pairShortWords
	f.textQuestion = tx.question || pairQuestionWords[tx.first] && tx.nwords < 40
	f.textHedge, f.textNegate, f.textAttr = tx.hedge, tx.negate, tx.attrib
	f.leadHedge = tx.leadHedge
	return f
}

// pairQuestionWords open a yes/no question.
var pairQuestionWords = map[string]bool{
	"is": true, "are": true, "was": true, "were": true, "did": true, "does": true, "do": true,
	"can": true, "could": true, "will": true, "would": true, "has": true, "have": true, "should": true,
}

// Fitted constants. pairRelW weighs the relatedness score, a logistic
// function of: a constant, the squared-IDF share of the claim in the
// text's lead, the repeat-weighted share in the text, the share in the
// lead, the share in the best sentence, and the log of the text's length
// (a long text shares words by chance).
var pairRelW = [6]float64{2.0, 7, 12, 2, 3, -1.2}

const (
	// pairRelated is the relatedness under which a text is unrelated.
	pairRelated = 0.5
	// pairSentShare is the share of the claim's weight that makes a
	// sentence one about the claim.
	pairSentShare = 0.35
	// pairShortWords is the length up to which a text is read as a
	// headline.
	pairShortWords = 40
	// pairHedgeMax is the hedging a body may show and still confirm;
	// pairRefuteMin the refuting words (not the claim's own) that deny.
	pairHedgeMax  = 1.0
	pairRefuteMin = 2
)

// Stance returns the overall stance of text toward claim:
// StanceConfirms, StanceDenies, StanceReports or StanceUnrelated.
func (c *PairCorpus) Stance(claim, text string) quotes.Stance {
	f := c.features(claim, text)
	if f.rel < pairRelated {
		return quotes.StanceUnrelated
	}
	return pairDecide(f)
}

// StanceRelated returns the stance of a text known to bear on claim:
// StanceConfirms, StanceDenies or StanceReports, never
// StanceUnrelated. It is the three-way reading of Stance, for texts
// found by a search for the claim.
func (c *PairCorpus) StanceRelated(claim, text string) quotes.Stance {
	return pairDecide(c.features(claim, text))
}

// Relatedness returns how much text bears on claim, from 0 (nothing in
// common) to 1; Stance calls a text unrelated below 0.5.
func (c *PairCorpus) Relatedness(claim, text string) float64 {
	return c.features(claim, text).rel
}

// pairDecide reads a related text's stance from its features.
func pairDecide(f pairFeatures) quotes.Stance {
	if f.short {
		return pairDecideHeadline(f)
	}
	return pairDecideBody(f)
}

// pairDecideHeadline reads the stance of a headline-length text: a
// question reports, a refuting word or a negation the claim
// does not carry denies, a hedge or an attribution ("says", "sources")
// reports, anything else confirms.
func pairDecideHeadline(f pairFeatures) quotes.Stance {
	switch {
	case f.textQuestion:
		return quotes.StanceReports
	case f.refuteOwn > 0:
		return quotes.StanceDenies
	case f.textNegate > f.claimNegate:
		return quotes.StanceDenies
	case f.textHedge > 0 || f.textAttr > 0:
		return quotes.StanceReports
	}
	return quotes.StanceConfirms
}

// pairDecideBody reads the stance of an article body. A question
// headline is discussed; a body that uses the claim's own refuting words
// ("hoax" for a hoax claim) confirms it; refuting words of its own deny;
// a body with little hedging around the claim confirms, the more so when
// the claim itself is negative and the less when it is hedged; the rest
// reports.
func pairDecideBody(f pairFeatures) quotes.Stance {
	if f.claimQuestion {
		return quotes.StanceReports
	}
	if f.refuteShared > 0 {
		return quotes.StanceConfirms
	}
	if f.refuteOwn >= pairRefuteMin && f.claimHedge == 0 {
		return quotes.StanceDenies
	}
	h := float64(f.leadHedge) + f.relHedge + 0.5*f.hedgeRate
	t := pairHedgeMax
	if f.claimNegate > 0 || f.claimRefute > 0 {
		t++
	}
	if f.claimHedge > 0 {
		t -= 1.5
	}
	if h <= t {
		return quotes.StanceConfirms
	}
	return quotes.StanceReports
}
