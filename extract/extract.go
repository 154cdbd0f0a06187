// Package extract finds attributed quotes in English news articles.
//
// Extraction works on the raw text so that every offset points into the
// article as stored, in four passes:
//
//  1. Quotation marks. Quoted passages are found on the raw text, paragraph
//     by paragraph (one per line): straight, curly and single marks and
//     guillemets, quotes nested in quotes, and quotes that run over
//     paragraphs. prose is not used here: it rewrites curly marks in its
//     tokens and splits quoted passages across sentences.
//  2. Sentences. Each paragraph is cut into sentences by the Punkt model
//     that prose v2 segments with, built once per process; sentences cut
//     inside a quoted passage are joined again, so that a quote and its
//     attribution stay in one unit.
//  3. Attribution. A quoted passage is attributed by the cue around it
//     (“…,” X said / said X / X said: “…” / X told reporters “…”); a cue
//     verb outside quotes with a subject to its left opens a reported clause
//     (X said that …), which is an indirect quote, and quoted fragments
//     inside that clause are partial quotes. Titles of works, descriptions
//     of anonymous sources and scare quotes are not speech.
//  4. Speakers. Names are collected over the whole article first, with
//     their titles and roles ("Mexican President Claudia Sheinbaum"), so
//     that a surname, an acronym, a pronoun or a description ("the
//     president", "the newspaper") can be resolved to the fullest name the
//     article uses. prose's entity tagger, slow and weak on news names, is
//     asked only about a capitalized speaker that nothing else explains.
//
// An Extractor is built once per process and is safe for concurrent use.
package extract

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/jdkato/prose/v2"
	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/english"

	quotes "github.com/quotesproject/quotes"
)

// Extractor finds quotes; build one per process with New and share it.
type Extractor struct {
	seg   *sentences.DefaultSentenceTokenizer
	model *prose.Model
}

// New builds an Extractor, loading its sentence and entity models once.
func New() (*Extractor, error) {
	seg, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		return nil, fmt.Errorf("extract: load sentence model: %w", err)
	}
	return &Extractor{
		seg:   seg,
		model: prose.ModelFromData("quotes"),
	}, nil
}

var _ quotes.Extractor = (*Extractor)(nil)

// Extract returns the quotes of a, in text order, with offsets into a.Text
// and the article's id and metadata filled in.
func (x *Extractor) Extract(a quotes.Article) []quotes.Quote {
	d := x.analyze(a.Text)
	out := make([]quotes.Quote, 0, len(d.found))
	for _, f := range d.found {
		q := quotes.Quote{
			ArticleID:      a.ID,
			Text:           a.Text[f.s:f.e],
			Start:          f.s,
			End:            f.e,
			Kind:           f.kind,
			Speaker:        f.speaker,
			SpeakerMention: f.mention,
			SpeakerStart:   f.ms,
			SpeakerEnd:     f.me,
			Cue:            f.cue,
			CueStart:       f.cs,
			CueEnd:         f.ce,
			Role:           f.role,
			Confidence:     f.confidence,
			Sentence:       strings.TrimSpace(a.Text[f.sent.s:f.sent.e]),
			URL:            a.URL,
			Title:          a.Title,
			Outlet:         a.Outlet,
			Published:      a.Published,
		}
		if len(f.speakers) > 1 {
			q.Speakers = f.speakers
		}
		out = append(out, q)
	}
	quotes.AssignQuoteIDs(a.ID, out)
	return out
}

// found is a quote found, before it becomes a quotes.Quote.
type found struct {
	s, e     int
	kind     quotes.Kind
	speaker  string
	speakers []string
	mention  string
	ms, me   int
	cue      string
	cs, ce   int
	role     string
	sent     span
	// confidence is how likely the speaker is right (0 to 1); continued
	// marks a quote with no cue of its own that goes on the speaker of the
	// statement before it.
	confidence float64
	continued  bool
	subj       *np // the attached mention, resolved in text order
}

// doc is one article under analysis.
type doc struct {
	x      *Extractor
	text   string
	paras  []span
	quotes []qspan
	units  []span
	tops   []span // top-level double-quoted passages, in text order
	toks   []tok
	ents   *entities
	found  []found
	// used marks quotes already given an attribution or rejected.
	quoteDone []bool
	cueUsed   map[int]bool // token index of cues consumed by direct quotes
	// foundAt holds the span and kind of every found, so that add drops
	// a repeat without a scan of them all.
	foundAt map[foundKey]bool
	// topEnds[i] is the furthest end of the top-level quotes among
	// d.quotes[:i+1] (which are in order of start), for coveredByQuote;
	// nil until first needed.
	topEnds []int
	// indirect lists the spans of the reported speech found, in the order
	// added; inIndirect marks the tokens that lie within one of the first
	// marked of them (see inReported).
	indirect   []span
	inIndirect []bool
	marked     int
}

// foundKey is what makes a found a repeat of another.
type foundKey struct {
	s, e int
	kind quotes.Kind
}

func (x *Extractor) analyze(text string) *doc {
	posts := findPosts(text)
	d := &doc{x: x, text: blankPosts(text, posts), cueUsed: map[int]bool{}}
	d.paras = splitParagraphs(text)
	d.quotes = findQuotes(text, d.paras)
	sort.SliceStable(d.quotes, func(i, j int) bool { return d.quotes[i].s < d.quotes[j].s })
	// Parents were indices before sorting; recompute by containment.
	for i := range d.quotes {
		d.quotes[i].parent = -1
		if !d.quotes[i].single {
			continue
		}
		for j := range d.quotes {
			if j != i && !d.quotes[j].single && d.quotes[j].s <= d.quotes[i].open && d.quotes[i].e <= d.quotes[j].e {
				d.quotes[i].parent = j
			}
		}
	}
	d.quoteDone = make([]bool, len(d.quotes))
	d.segment()
	d.tokenize()
	d.ents = collectEntities(d)
	d.attributeQuotes()
	d.attributeByFrames()
	d.findReported()
	d.dropEmbeddedBeliefs()
	d.continueRuns()
	d.attributeNested()
	d.resolve()
	d.addPosts(text, posts)
	sort.SliceStable(d.found, func(i, j int) bool {
		if d.found[i].s != d.found[j].s {
			return d.found[i].s < d.found[j].s
		}
		return d.found[i].e > d.found[j].e
	})
	return d
}

// dropEmbeddedBeliefs removes the beliefs whose cue stands inside what
// another speaker is reported to have said: in "Republican leaders have
// agreed to restore the funds, Senator Ellison said", the agreement is
// Ellison's account, not a statement by the Republican leaders.
func (d *doc) dropEmbeddedBeliefs() {
	d.found = slices.DeleteFunc(d.found, func(f found) bool {
		if f.kind != quotes.KindBelief {
			return false
		}
		for _, g := range d.found {
			if g.kind == quotes.KindIndirect && g.subj != f.subj && g.s <= f.cs && f.cs < g.e {
				return true
			}
		}
		return false
	})
}

// segment cuts paragraphs into sentence units, joining sentences cut
// inside a quoted passage.
func (d *doc) segment() {
	for _, q := range d.quotes {
		if q.parent < 0 && !q.single {
			d.tops = append(d.tops, span{q.s, q.e})
		}
	}
	for _, p := range d.paras {
		sents := d.x.seg.Tokenize(d.text[p.s:p.e])
		start := p.s
		for k, s := range sents {
			end := p.s + s.End
			if k == len(sents)-1 {
				end = p.e
			}
			// Join at a false break, but never into a sentence longer than
			// maxUnit: rules scan their sentence, and a paragraph of lower-
			// case lines must not become one.
			if k < len(sents)-1 && (d.insideTopQuote(end) || d.falseBreak(end) && end-start < maxUnit) {
				continue
			}
			d.units = append(d.units, span{start, end})
			start = end
		}
	}
	// Join units across paragraphs held by one quote.
	var merged []span
	for _, u := range d.units {
		if n := len(merged); n > 0 && d.insideTopQuote(merged[n-1].e) {
			merged[n-1].e = u.e
			continue
		}
		merged = append(merged, u)
	}
	d.units = merged
}

// maxUnit bounds a sentence joined across false breaks, in bytes.
const maxUnit = 2000

// titleAbbrevs end in a period that does not end a sentence: "state Del.
// Marcia Price", "Rep. John Mica (R-Fla.) said".
var titleAbbrevs = []string{"Del.", "Rep.", "Sen.", "Gov.", "Lt.", "Gen.", "Dr.", "St.", "Mr.", "Mrs.", "Ms.", "Sgt.", "Col.", "Capt.", "Prof.", "Rev.", "Supt.", "Cmdr."}

// falseBreak reports whether the sentence splitter's break at i is not the
// end of a sentence: what follows starts in lower case, or a title or a
// parenthesized abbreviation comes before it.
func (d *doc) falseBreak(i int) bool {
	j := i
	for j < len(d.text) && isSpaceByte(d.text[j]) {
		j++
	}
	if j < len(d.text) && d.text[j] >= 'a' && d.text[j] <= 'z' {
		return true
	}
	before := strings.TrimRight(d.text[:i], " ")
	if strings.HasSuffix(before, ".)") {
		return true
	}
	for _, t := range titleAbbrevs {
		if strings.HasSuffix(before, t) && (len(before) == len(t) || !isLetterByte(before[len(before)-len(t)-1])) {
			return true
		}
	}
	// "according to U.S. Senator Orrin Hatch", "the 8th U.S. Circuit
	// Court": a country's abbreviation that modifies the name after it.
	for _, a := range countryAbbrevs {
		if !strings.HasSuffix(before, " "+a) {
			continue
		}
		prev := strings.ToLower(lastWord(strings.TrimSuffix(before, " "+a)))
		if w := firstWord(d.text[j:min(len(d.text), j+30)]); w != "" && !notNames[strings.ToLower(w)] && (prepositions[prev] || prev == "the" || isOrdinal(prev)) {
			return true
		}
		// "accused U.S. Senator Al Brisk of …": a title after it, and a
		// lower-case word (a verb) before it that no sentence ends on.
		if w := strings.ToLower(firstWord(d.text[j:min(len(d.text), j+30)])); titleWords[w] && startsLower(lastWord(strings.TrimSuffix(before, " "+a))) {
			return true
		}
	}
	return false
}

// startsLower reports whether w begins with a lower-case ASCII letter.
func startsLower(w string) bool { return w != "" && w[0] >= 'a' && w[0] <= 'z' }

// countryAbbrevs are abbreviations of countries that end in a period and
// often stand before a name: "U.S. Senator", "U.N. envoy".
var countryAbbrevs = []string{"U.S.", "U.K.", "U.N.", "E.U."}

// firstWord returns the first word of s.
func firstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.Trim(f[0], ".,;:")
}

// insideTopQuote reports whether offset i falls strictly inside the content
// of a top-level double-quoted passage.
func (d *doc) insideTopQuote(i int) bool {
	k := sort.Search(len(d.tops), func(k int) bool { return d.tops[k].e > i })
	return k < len(d.tops) && d.tops[k].s < i
}

func (d *doc) tokenize() {
	for ui, u := range d.units {
		n := len(d.toks)
		d.toks = tokenize(d.text, u.s, u.e, d.toks)
		for k := n; k < len(d.toks); k++ {
			d.toks[k].unit = ui
		}
	}
	// Mark tokens with their innermost quote.
	for qi, q := range d.quotes {
		lo := sort.Search(len(d.toks), func(k int) bool { return d.toks[k].s >= q.s })
		for k := lo; k < len(d.toks) && d.toks[k].e <= q.e; k++ {
			if cur := d.toks[k].q; cur < 0 || d.quotes[cur].s <= q.s {
				d.toks[k].q = qi
			}
		}
	}
}

// tokAt returns the index of the first token starting at or after offset i.
func (d *doc) tokAt(i int) int {
	return sort.Search(len(d.toks), func(k int) bool { return d.toks[k].s >= i })
}

// unitOf returns the unit holding offset i.
func (d *doc) unitOf(i int) span {
	k := sort.Search(len(d.units), func(k int) bool { return d.units[k].e > i })
	if k < len(d.units) {
		return d.units[k]
	}
	return span{i, i}
}

// words counts the words in text[s:e].
func (d *doc) words(s, e int) int {
	return len(strings.Fields(d.text[s:e]))
}

// trimSpan trims spaces and the given trailing punctuation from text[s:e].
func (d *doc) trimSpan(s, e int, punct string) (int, int) {
	s, e = trimSpaces(d.text, s, e)
	for e > s {
		r := runeBefore(d.text, e)
		if unicode.IsSpace(r) || strings.ContainsRune(punct, r) {
			e -= len(string(r))
			continue
		}
		break
	}
	return s, e
}

func (d *doc) add(f found) {
	if f.e <= f.s {
		return
	}
	f.sent = d.unitOf(f.s)
	k := foundKey{f.s, f.e, f.kind}
	if d.foundAt[k] {
		return
	}
	if d.foundAt == nil {
		d.foundAt = map[foundKey]bool{}
	}
	d.foundAt[k] = true
	d.found = append(d.found, f)
	if f.kind == quotes.KindIndirect {
		d.indirect = append(d.indirect, span{f.s, f.e})
	}
}

// inReported reports whether token k lies within reported speech found so
// far. Each span is marked on its tokens once, so that asking for every
// clause of an article costs its length, not its length times its clauses.
func (d *doc) inReported(k int) bool {
	if d.inIndirect == nil {
		d.inIndirect = make([]bool, len(d.toks))
	}
	for ; d.marked < len(d.indirect); d.marked++ {
		g := d.indirect[d.marked]
		for t := sort.Search(len(d.toks), func(t int) bool { return d.toks[t].s >= g.s }); t < len(d.toks) && d.toks[t].e <= g.e; t++ {
			d.inIndirect[t] = true
		}
	}
	return d.inIndirect[k]
}

// coveredByQuote reports whether one top-level quoted passage runs from
// at most slack bytes after s to at most slack bytes before e.
func (d *doc) coveredByQuote(s, e, slack int) bool {
	if d.topEnds == nil {
		d.topEnds = make([]int, len(d.quotes))
		furthest := -1
		for i, q := range d.quotes {
			if q.parent < 0 {
				furthest = max(furthest, q.e)
			}
			d.topEnds[i] = furthest
		}
	}
	// The quotes that start by s+slack are a prefix of d.quotes.
	n := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].s > s+slack })
	return n > 0 && d.topEnds[n-1] >= e-slack
}

// cueAt reports whether token k is a verb of saying used as a verb.
func (d *doc) cueAt(k int) bool {
	return d.verbAt(k, cueVerbs)
}

// beliefAt reports whether token k is a verb of belief, finding or
// expectation used as a verb ("believes", "polls show").
func (d *doc) beliefAt(k int) bool {
	return d.verbAt(k, beliefVerbs)
}

// verbAt reports whether token k is one of verbs used as a verb: not a
// name, a noun after a determiner, an infinitive or a negation.
func (d *doc) verbAt(k int, verbs map[string]bool) bool {
	t := d.toks[k]
	if !t.word || !verbs[t.low] {
		return false
	}
	if t.cap && !d.titleCaseLine(k) && k > 0 && d.toks[k-1].unit == t.unit && d.toks[k-1].word {
		// "Says" mid-sentence in capitals is a name or a title.
		return false
	}
	// A plural noun after a determiner: "the reports", "his claims".
	if strings.HasSuffix(t.low, "s") && k > 0 && d.toks[k-1].unit == t.unit && determiners[d.toks[k-1].low] {
		return false
	}
	// "the report continued" is fine; "reported" after a determiner is an
	// adjective: "the reported deal".
	if k > 0 && d.toks[k-1].unit == t.unit && (d.toks[k-1].low == "the" || d.toks[k-1].low == "a") {
		return false
	}
	// Infinitives and negations are no statements: "refused to say".
	if k > 0 && d.toks[k-1].unit == t.unit {
		switch d.toks[k-1].low {
		case "to", "not", "never", "didn't", "won't", "wouldn't", "declined", "refused":
			return false
		}
	}
	return true
}

// titleCaseLine reports whether the paragraph of token k is written in
// title case (a headline), where cue verbs are capitalized.
func (d *doc) titleCaseLine(k int) bool {
	u := d.units[d.toks[k].unit]
	caps, words := 0, 0
	for j := d.tokAt(u.s); j < len(d.toks) && d.toks[j].s < u.e; j++ {
		if d.toks[j].word && d.toks[j].q < 0 {
			words++
			if d.toks[j].cap {
				caps++
			}
		}
	}
	if words < 3 || caps*4 < words*3 {
		return false
	}
	// Headlines carry no final period.
	last := runeBefore(d.text, u.e)
	return last != '.' && last != '!' && last != '?'
}
