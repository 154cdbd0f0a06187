package eval

import (
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	quotes "github.com/quotesproject/quotes"
)

// Report is the score of an extractor on gold documents: one row per
// subset for each gold file, and the same rows summed over all files.
type Report struct {
	// Subsets names the rows, in order.
	Subsets []string     `json:"subsets"`
	Files   []FileReport `json:"files"`
	Total   FileReport   `json:"total"`
}

// FileReport is the score on the documents of one gold file (or, as
// Report.Total, on all of them).
type FileReport struct {
	File  string `json:"file"`
	Docs  int    `json:"docs"`
	Bytes int    `json:"bytes"`
	// ExtractSeconds is the time spent in Extract, and MBPerSecond the
	// article text through it (MB = 10^6 bytes); both are 0 until
	// SetTiming.
	ExtractSeconds float64 `json:"extract_seconds"`
	MBPerSecond    float64 `json:"mb_per_second"`
	// NotQuotes is the number of spans the gold marks as not quotes, and
	// NotQuoteHits the number of predictions over them.
	NotQuotes    int   `json:"not_quotes"`
	NotQuoteHits int   `json:"not_quote_hits"`
	Rows         []Row `json:"rows"`

	// The cases behind the first row's errors, in document order (none
	// for Report.Total): gold quotes missed, spurious predictions, matches
	// with the wrong speaker, and predictions over not-quotes. LimitCases
	// shortens them.
	Missed        []Case `json:"missed,omitempty"`
	Spurious      []Case `json:"spurious,omitempty"`
	Misattributed []Case `json:"misattributed,omitempty"`
	OnNotQuotes   []Case `json:"on_not_quotes,omitempty"`
}

// Row is the score on one subset.
type Row struct {
	Subset string `json:"subset"`
	// Gold is the number of gold quotes in the subset, Predicted the
	// predictions counted in it (TP + FP) and Matched the matches (TP).
	Gold      int `json:"gold"`
	Predicted int `json:"predicted"`
	Matched   int `json:"matched"`
	// Span is scored by the match rule (overlap of at least half the
	// longer span), Exact by identical trimmed spans, Cover30 and Cover80
	// by the Gender Gap Tracker's rule (the prediction covers at least 30%
	// or 80% of the gold span).
	Span    PRF `json:"span"`
	Exact   PRF `json:"exact"`
	Cover30 PRF `json:"cover30"`
	Cover80 PRF `json:"cover80"`
	// Speaker is the speaker accuracy over the matches, Cue the cue
	// accuracy over the matches whose gold has a cue.
	Speaker Accuracy `json:"speaker"`
	Cue     Accuracy `json:"cue"`
	// EndToEnd counts a match as right only when its speaker is right.
	EndToEnd PRF `json:"end_to_end"`
	// Confidence is the speaker accuracy of the matches whose predicted
	// confidence is at least each of ConfidenceLevels, in that order: how
	// well the extractor's confidence is calibrated.
	Confidence []Accuracy `json:"confidence"`
}

// ConfidenceLevels are the thresholds at which Row.Confidence measures
// the speaker accuracy of the matches given at least that confidence.
var ConfidenceLevels = []float64{0.9, 0.8, 0.7, 0.5, 0}

// PRF is a precision, recall and F1 with the counts they come from; a
// ratio whose denominator is 0 is 0.
type PRF struct {
	TP        int     `json:"tp"`
	Predicted int     `json:"predicted"`
	Gold      int     `json:"gold"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Accuracy is Right out of Of; Value is 0 when Of is.
type Accuracy struct {
	Right int     `json:"right"`
	Of    int     `json:"of"`
	Value float64 `json:"accuracy"`
}

// Case is one error, for reading: a span of a document in its context.
type Case struct {
	Doc   string `json:"doc"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Kind is the gold kind of a missed or misattributed quote, the
	// predicted kind of a spurious one or of one over a not-quote.
	Kind string `json:"kind"`
	// Context is the span, marked ⟦ ⟧, with about 80 bytes either side;
	// line breaks show as ¶ and a long span is shortened in its middle.
	Context string `json:"context"`
	// GoldSpeaker and GoldMention are the gold's, Speaker and Mention the
	// prediction's.
	GoldSpeaker string `json:"gold_speaker,omitempty"`
	GoldMention string `json:"gold_mention,omitempty"`
	Speaker     string `json:"speaker,omitempty"`
	Mention     string `json:"mention,omitempty"`
	// Why is the gold's reason for a not-quote.
	Why string `json:"why,omitempty"`
	// Confidence is the prediction's confidence in its speaker.
	Confidence float64 `json:"confidence,omitempty"`
}

// Score scores the predictions preds[i] on docs[i] (a missing entry is no
// prediction) by the rules of the package comment, one row per subset.
// The cases of the report are those of the first subset. Score does not
// time anything; see SetTiming.
func Score(docs []Doc, preds [][]quotes.Quote, subsets []Subset) *Report {
	r := &Report{}
	for _, s := range subsets {
		r.Subsets = append(r.Subsets, s.Name)
	}
	var files []*fileAcc
	byFile := map[string]*fileAcc{}
	for i := range docs {
		d := &docs[i]
		fa := byFile[d.File]
		if fa == nil {
			fa = &fileAcc{rep: FileReport{File: d.File}, rows: make([]counts, len(subsets))}
			byFile[d.File] = fa
			files = append(files, fa)
		}
		var ps []quotes.Quote
		if i < len(preds) {
			ps = preds[i]
		}
		fa.rep.Docs++
		fa.rep.Bytes += len(d.Text)
		fa.scoreDoc(d, ps, subsets)
	}
	total := fileAcc{rep: FileReport{File: "total"}, rows: make([]counts, len(subsets))}
	for _, fa := range files {
		total.rep.Docs += fa.rep.Docs
		total.rep.Bytes += fa.rep.Bytes
		total.rep.NotQuotes += fa.rep.NotQuotes
		total.rep.NotQuoteHits += fa.rep.NotQuoteHits
		for i := range fa.rows {
			total.rows[i].add(fa.rows[i])
		}
		r.Files = append(r.Files, fa.report(subsets))
	}
	r.Total = total.report(subsets)
	return r
}

// SetTiming sets the throughput of the report from the time each
// document's Extract call took (took[i] for docs[i], as Run returns).
func (r *Report) SetTiming(docs []Doc, took []time.Duration) {
	byFile := map[string]time.Duration{}
	var all time.Duration
	for i := range docs {
		if i < len(took) {
			byFile[docs[i].File] += took[i]
			all += took[i]
		}
	}
	for i := range r.Files {
		r.Files[i].setTiming(byFile[r.Files[i].File])
	}
	r.Total.setTiming(all)
}

func (f *FileReport) setTiming(d time.Duration) {
	f.ExtractSeconds = d.Seconds()
	f.MBPerSecond = 0
	if d > 0 {
		f.MBPerSecond = float64(f.Bytes) / 1e6 / d.Seconds()
	}
}

// LimitCases keeps at most n cases of each list of each file; n <= 0
// drops them all.
func (r *Report) LimitCases(n int) {
	limit := func(cs []Case) []Case {
		if n <= 0 {
			return nil
		}
		return cs[:min(n, len(cs))]
	}
	for i := range r.Files {
		f := &r.Files[i]
		f.Missed = limit(f.Missed)
		f.Spurious = limit(f.Spurious)
		f.Misattributed = limit(f.Misattributed)
		f.OnNotQuotes = limit(f.OnNotQuotes)
	}
}

// counts are the tallies of one subset.
type counts struct {
	gold, tp, fp, exact int
	c30tp, c30fp        int
	c80tp, c80fp        int
	speaker             int // matches with the speaker right
	cueRight, cueOf     int
	// confRight and confOf count, for each of ConfidenceLevels, the
	// matches given at least that confidence and those with the speaker
	// right.
	confRight, confOf [5]int
}

func (c *counts) add(o counts) {
	c.gold += o.gold
	c.tp += o.tp
	c.fp += o.fp
	c.exact += o.exact
	c.c30tp += o.c30tp
	c.c30fp += o.c30fp
	c.c80tp += o.c80tp
	c.c80fp += o.c80fp
	c.speaker += o.speaker
	c.cueRight += o.cueRight
	c.cueOf += o.cueOf
	for i := range c.confOf {
		c.confRight[i] += o.confRight[i]
		c.confOf[i] += o.confOf[i]
	}
}

func (c counts) row(name string) Row {
	pred := c.tp + c.fp
	return Row{
		Subset:    name,
		Gold:      c.gold,
		Predicted: pred,
		Matched:   c.tp,
		Span:      prf(c.tp, pred, c.gold),
		Exact:     prf(c.exact, pred, c.gold),
		Cover30:   prf(c.c30tp, c.c30tp+c.c30fp, c.gold),
		Cover80:   prf(c.c80tp, c.c80tp+c.c80fp, c.gold),
		Speaker:   accuracy(c.speaker, c.tp),
		Cue:       accuracy(c.cueRight, c.cueOf),
		EndToEnd:  prf(c.speaker, pred, c.gold),
		Confidence: func() []Accuracy {
			acc := make([]Accuracy, len(ConfidenceLevels))
			for i := range acc {
				acc[i] = accuracy(c.confRight[i], c.confOf[i])
			}
			return acc
		}(),
	}
}

func prf(tp, pred, gold int) PRF {
	s := PRF{TP: tp, Predicted: pred, Gold: gold}
	if pred > 0 {
		s.Precision = float64(tp) / float64(pred)
	}
	if gold > 0 {
		s.Recall = float64(tp) / float64(gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

func accuracy(right, of int) Accuracy {
	a := Accuracy{Right: right, Of: of}
	if of > 0 {
		a.Value = float64(right) / float64(of)
	}
	return a
}

// fileAcc accumulates the report of one file.
type fileAcc struct {
	rep  FileReport
	rows []counts
}

func (fa *fileAcc) report(subsets []Subset) FileReport {
	rep := fa.rep
	rep.Rows = make([]Row, len(subsets))
	for i, s := range subsets {
		rep.Rows[i] = fa.rows[i].row(s.Name)
	}
	return rep
}

// pspan is a prediction's span, clamped into the text, and its span
// trimmed of spaces and punctuation.
type pspan struct{ s, e, ts, te int }

// scoreDoc adds the tallies and cases of one document.
func (fa *fileAcc) scoreDoc(d *Doc, ps []quotes.Quote, subsets []Subset) {
	spans := make([]pspan, len(ps))
	for i, p := range ps {
		s := min(max(p.Start, 0), len(d.Text))
		e := min(max(p.End, s), len(d.Text))
		ts, te := trimSpan(d.Text, s, e)
		spans[i] = pspan{s, e, ts, te}
	}
	cover30, cover80 := covers(30), covers(80)
	main := matchDoc(d, spans, halfLonger)
	m30 := matchDoc(d, spans, cover30)
	m80 := matchDoc(d, spans, cover80)
	for si, s := range subsets {
		c := &fa.rows[si]
		cases := si == 0
		for gi := range d.Gold {
			g := &d.Gold[gi]
			if !s.HasGold(*g) {
				continue
			}
			c.gold++
			if m30.gold[gi] >= 0 {
				c.c30tp++
			}
			if m80.gold[gi] >= 0 {
				c.c80tp++
			}
			pi := main.gold[gi]
			if pi < 0 {
				if cases {
					k := newCase(d, g.Start, g.End, g.Kind)
					k.GoldSpeaker, k.GoldMention = g.Speaker, g.SpeakerMention
					fa.rep.Missed = append(fa.rep.Missed, k)
				}
				continue
			}
			p := &ps[pi]
			c.tp++
			if main.exact(d, spans, gi, pi) {
				c.exact++
			}
			right := speakerRight(g, p)
			for i, level := range ConfidenceLevels {
				if p.Confidence >= level {
					c.confOf[i]++
					if right {
						c.confRight[i]++
					}
				}
			}
			if right {
				c.speaker++
			} else if cases {
				k := newCase(d, g.Start, g.End, g.Kind)
				k.GoldSpeaker, k.GoldMention = g.Speaker, g.SpeakerMention
				k.Speaker, k.Mention, k.Confidence = p.Speaker, p.SpeakerMention, p.Confidence
				fa.rep.Misattributed = append(fa.rep.Misattributed, k)
			}
			if hasCue(g) {
				c.cueOf++
				if cueRight(g, p) {
					c.cueRight++
				}
			}
		}
		for pi := range ps {
			if !main.spurious(d, ps, spans, pi, s, halfLonger) {
				continue
			}
			c.fp++
			if cases {
				p := &ps[pi]
				k := newCase(d, spans[pi].s, spans[pi].e, string(p.Kind))
				k.Speaker, k.Mention = p.Speaker, p.SpeakerMention
				fa.rep.Spurious = append(fa.rep.Spurious, k)
			}
		}
		for pi := range ps {
			if m30.spurious(d, ps, spans, pi, s, cover30) {
				c.c30fp++
			}
			if m80.spurious(d, ps, spans, pi, s, cover80) {
				c.c80fp++
			}
		}
	}

	fa.rep.NotQuotes += len(d.NotQuotes)
	for pi, p := range spans {
		for _, n := range d.NotQuotes {
			ov := overlap(p.s, p.e, n.Start, n.End)
			if ov > 0 && 2*ov >= min(p.e-p.s, n.End-n.Start) {
				fa.rep.NotQuoteHits++
				k := newCase(d, p.s, p.e, string(ps[pi].Kind))
				k.Speaker, k.Mention, k.Why = ps[pi].Speaker, ps[pi].SpeakerMention, n.Why
				fa.rep.OnNotQuotes = append(fa.rep.OnNotQuotes, k)
				break
			}
		}
	}
}

// criterion tells whether a prediction overlapping a gold quote by ov
// bytes may match it.
type criterion func(ov, goldLen, predLen int) bool

// halfLonger is the match rule: an overlap of at least half the longer
// span.
func halfLonger(ov, goldLen, predLen int) bool {
	return ov > 0 && 2*ov >= max(goldLen, predLen)
}

// covers returns the Gender Gap Tracker's rule: the prediction covers at
// least pct percent of the gold span.
func covers(pct int) criterion {
	return func(ov, goldLen, _ int) bool {
		return ov > 0 && 100*ov >= pct*goldLen
	}
}

// overlap returns the number of bytes spans [a0,a1) and [b0,b1) share.
func overlap(a0, a1, b0, b1 int) int {
	return max(0, min(a1, b1)-max(a0, b0))
}

// matching pairs the gold quotes and predictions of one document.
type matching struct {
	gold    []int  // prediction matched to each gold quote, or -1
	pred    []int  // gold quote matched to each prediction, or -1
	rescued []bool // per gold: matched by the repeated-text rule
	neutral []bool // per prediction: unmatched and inside a longer one
}

// matchDoc matches by the rules of the package comment: greedy by overlap
// under ok, then repeated text, then nested predictions.
func matchDoc(d *Doc, spans []pspan, ok criterion) matching {
	m := matching{
		gold:    make([]int, len(d.Gold)),
		pred:    make([]int, len(spans)),
		rescued: make([]bool, len(d.Gold)),
		neutral: make([]bool, len(spans)),
	}
	for i := range m.gold {
		m.gold[i] = -1
	}
	for i := range m.pred {
		m.pred[i] = -1
	}

	type pair struct{ ov, g, p int }
	var pairs []pair
	for gi, g := range d.Gold {
		for pi, p := range spans {
			ov := overlap(g.Start, g.End, p.s, p.e)
			if ov > 0 && ok(ov, g.End-g.Start, p.e-p.s) {
				pairs = append(pairs, pair{ov, gi, pi})
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		a, b := pairs[i], pairs[j]
		if a.ov != b.ov {
			return a.ov > b.ov
		}
		if a.g != b.g {
			return a.g < b.g
		}
		return a.p < b.p
	})
	for _, pr := range pairs {
		if m.gold[pr.g] < 0 && m.pred[pr.p] < 0 {
			m.gold[pr.g], m.pred[pr.p] = pr.p, pr.g
		}
	}

	// Repeated gold text: the gold may point at another occurrence.
	for gi, g := range d.Gold {
		if m.gold[gi] >= 0 {
			continue
		}
		ts, te := trimSpan(d.Text, g.Start, g.End)
		t := d.Text[ts:te]
		if t == "" || strings.Count(d.Text, t) < 2 {
			continue
		}
		for pi, p := range spans {
			if m.pred[pi] < 0 && d.Text[p.ts:p.te] == t {
				m.gold[gi], m.pred[pi], m.rescued[gi] = pi, gi, true
				break
			}
		}
	}

	// Nested predictions: part of the one that holds them.
	for pi, p := range spans {
		if m.pred[pi] >= 0 {
			continue
		}
		for qi, q := range spans {
			if qi != pi && q.s <= p.s && p.e <= q.e && q.e-q.s > p.e-p.s {
				m.neutral[pi] = true
				break
			}
		}
	}
	return m
}

// exact reports whether the match of gold gi and prediction pi is exact.
func (m *matching) exact(d *Doc, spans []pspan, gi, pi int) bool {
	if m.rescued[gi] {
		return true
	}
	ts, te := trimSpan(d.Text, d.Gold[gi].Start, d.Gold[gi].End)
	return ts == spans[pi].ts && te == spans[pi].te
}

// spurious reports whether prediction pi is a false positive of subset s:
// unmatched, not neutral, of a kind s covers, and not overlapping a gold
// quote outside s by the match rule or by ok.
func (m *matching) spurious(d *Doc, ps []quotes.Quote, spans []pspan, pi int, s Subset, ok criterion) bool {
	if m.pred[pi] >= 0 || m.neutral[pi] || !s.HasPred(ps[pi].Kind) {
		return false
	}
	p := spans[pi]
	for _, g := range d.Gold {
		if s.HasGold(g) {
			continue
		}
		ov := overlap(g.Start, g.End, p.s, p.e)
		if halfLonger(ov, g.End-g.Start, p.e-p.s) || (ov > 0 && ok(ov, g.End-g.Start, p.e-p.s)) {
			return false
		}
	}
	return true
}

// isTrimmed reports whether r is trimmed from the ends of spans and texts:
// a space, punctuation (quotation marks among it) or a backquote.
func isTrimmed(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || r == '`'
}

// trimSpan returns the span s:e of text without the spaces and punctuation
// at its ends.
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isTrimmed(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isTrimmed(r) {
			break
		}
		e -= n
	}
	return s, e
}

// titleWords are dropped from names before comparing them.
var titleWords = map[string]bool{
	"the": true, "mr": true, "mrs": true, "ms": true, "miss": true, "mx": true,
	"dr": true, "prof": true, "professor": true, "sir": true, "dame": true,
	"lord": true, "hon": true, "rev": true, "reverend": true,
	"president": true, "vice": true, "pres": true, "sen": true, "senator": true,
	"gov": true, "governor": true, "rep": true, "representative": true,
	"congressman": true, "congresswoman": true, "secretary": true, "sec": true,
	"minister": true, "prime": true, "premier": true, "chancellor": true,
	"mayor": true, "judge": true, "justice": true, "ambassador": true,
	"speaker": true, "attorney": true, "general": true, "gen": true,
	"lt": true, "col": true, "capt": true, "sgt": true, "maj": true, "adm": true,
	"chairman": true, "chairwoman": true,
	"jr": true, "sr": true, "ii": true, "iii": true,
}

// normName returns the words of a name for comparison: lower case,
// without possessive 's, punctuation at word ends and title words (unless
// only title words are left).
func normName(name string) []string {
	name = strings.ToLower(strings.NewReplacer("’", "'", "‘", "'").Replace(name))
	var words, kept []string
	for _, w := range strings.Fields(name) {
		w = strings.TrimFunc(w, unicode.IsPunct)
		w = strings.TrimSuffix(w, "'s")
		w = strings.TrimFunc(w, unicode.IsPunct)
		if w == "" {
			continue
		}
		words = append(words, w)
		if !titleWords[w] {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		return words
	}
	return kept
}

// noSource reports whether the gold quote has no speaker: no name, no
// mention and no span (the gold's no_source flag is not enough: some
// gold quotes flagged so have a speaker).
func noSource(g *Gold) bool {
	if strings.TrimSpace(g.Speaker) != "" || strings.TrimSpace(g.SpeakerMention) != "" || g.SpeakerEnd > g.SpeakerStart {
		return false
	}
	for _, s := range g.Speakers {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// speakerRight reports whether p's speaker is g's, by the rules of the
// package comment.
func speakerRight(g *Gold, p *quotes.Quote) bool {
	if noSource(g) {
		return strings.TrimSpace(p.Speaker) == ""
	}
	if g.SpeakerEnd > g.SpeakerStart {
		return mentionRight(g, p)
	}
	// A resolved gold: the predicted name must be that entity.
	if isPronoun(p.Speaker) {
		return false
	}
	if len(p.Speakers) > 1 {
		return speakersRight(g, p.Speakers)
	}
	pn := normName(p.Speaker)
	if len(pn) == 0 {
		return false
	}
	for _, name := range append([]string{g.Speaker}, g.Speakers...) {
		gn := normName(name)
		if len(gn) == 0 {
			continue
		}
		if slices.Equal(pn, gn) {
			return true // the same words, whatever their case: "The Tories"
		}
		if isDescription(name) {
			// An unnamed source ("a spokesman", "analysts"): the prediction
			// must stay a description with the same head word.
			if isDescription(p.Speaker) && (slices.Contains(pn, gn[len(gn)-1]) || slices.Contains(gn, pn[len(pn)-1])) {
				return true
			}
			continue
		}
		if !isDescription(p.Speaker) && sameEntity(pn, gn) {
			return true
		}
	}
	return false
}

// speakersRight reports whether several predicted speakers ("Both McCain
// and Thornberry said") are the gold's: each is named in the gold speaker
// or speakers, by its last word, and none is a pronoun.
func speakersRight(g *Gold, speakers []string) bool {
	var gold []string
	for _, name := range append([]string{g.Speaker}, g.Speakers...) {
		gold = append(gold, normName(name)...)
	}
	for _, s := range speakers {
		pn := normName(s)
		if isPronoun(s) || len(pn) == 0 || !slices.Contains(gold, pn[len(pn)-1]) {
			return false
		}
	}
	return true
}

// mentionRight is the lenient rule for gold that marks speaker mentions
// without resolving them (PolNeAR): the mention spans overlap, or the
// names share their last word.
func mentionRight(g *Gold, p *quotes.Quote) bool {
	if p.SpeakerEnd > p.SpeakerStart && overlap(g.SpeakerStart, g.SpeakerEnd, p.SpeakerStart, p.SpeakerEnd) > 0 {
		return true
	}
	pn := normName(p.Speaker)
	if len(pn) == 0 {
		return false
	}
	for _, name := range append([]string{g.Speaker, g.SpeakerMention}, g.Speakers...) {
		if gn := normName(name); len(gn) > 0 && pn[len(pn)-1] == gn[len(gn)-1] {
			return true
		}
	}
	return false
}

// sameEntity reports whether two normalised names name one person: the
// same last word, and no conflicting first word when both give one (an
// initial agrees with a name it begins: "J." and "John").
func sameEntity(a, b []string) bool {
	if a[len(a)-1] != b[len(b)-1] {
		return false
	}
	if len(a) < 2 || len(b) < 2 {
		return true
	}
	fa, fb := a[0], b[0]
	if len(fa) > len(fb) {
		fa, fb = fb, fa
	}
	return fa == fb || len(fa) == 1 && strings.HasPrefix(fb, fa)
}

// scoredPronouns are the words a resolved speaker may never be.
var scoredPronouns = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "i": true, "we": true, "you": true,
	"him": true, "her": true, "them": true, "his": true, "their": true, "its": true,
}

// isPronoun reports whether a speaker is a bare pronoun.
func isPronoun(speaker string) bool {
	return scoredPronouns[strings.ToLower(strings.TrimSpace(speaker))]
}

// isDescription reports whether a speaker is a description rather than a
// name: it starts in lower case ("a spokesman", "analysts"), or holds only
// title words ("the Mayor").
func isDescription(speaker string) bool {
	s := strings.TrimSpace(speaker)
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return true
	}
	for _, w := range normName(s) {
		if !titleWords[w] {
			return false
		}
	}
	return true
}

// hasCue reports whether the gold quote has a cue.
func hasCue(g *Gold) bool {
	return strings.TrimSpace(g.Cue) != "" || g.CueEnd > g.CueStart
}

// normCue returns a cue for comparison: lower case, single spaces, no
// punctuation at the ends.
func normCue(cue string) string {
	return strings.TrimFunc(strings.Join(strings.Fields(strings.ToLower(cue)), " "), isTrimmed)
}

// cueRight reports whether p's cue is g's.
func cueRight(g *Gold, p *quotes.Quote) bool {
	if c := normCue(g.Cue); c != "" && c == normCue(p.Cue) {
		return true
	}
	return g.CueEnd > g.CueStart && p.CueEnd > p.CueStart &&
		overlap(g.CueStart, g.CueEnd, p.CueStart, p.CueEnd) > 0
}

// Context sizes of a Case.
const (
	contextBytes = 80  // either side of the span
	spanEndBytes = 120 // kept at each end of a long span
)

// newCase returns the case of span s:e of d.
func newCase(d *Doc, s, e int, kind string) Case {
	return Case{Doc: d.ID, Start: s, End: e, Kind: kind, Context: contextOf(d.Text, s, e)}
}

// contextOf returns the span s:e of text marked ⟦ ⟧, with about
// contextBytes either side, on one line.
func contextOf(text string, s, e int) string {
	lo := max(0, s-contextBytes)
	for lo < s && !utf8.RuneStart(text[lo]) {
		lo++
	}
	hi := min(len(text), e+contextBytes)
	for hi > e && hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi--
	}
	inner := text[s:e]
	if len(inner) > 2*spanEndBytes+20 {
		a := spanEndBytes
		for a > 0 && !utf8.RuneStart(inner[a]) {
			a--
		}
		b := len(inner) - spanEndBytes
		for b < len(inner) && !utf8.RuneStart(inner[b]) {
			b++
		}
		inner = inner[:a] + " … " + inner[b:]
	}
	var sb strings.Builder
	if lo > 0 {
		sb.WriteString("…")
	}
	sb.WriteString(oneLine(text[lo:s]))
	sb.WriteString("⟦")
	sb.WriteString(oneLine(inner))
	sb.WriteString("⟧")
	sb.WriteString(oneLine(text[e:hi]))
	if hi < len(text) {
		sb.WriteString("…")
	}
	return sb.String()
}

// oneLine replaces each run of spaces holding a line break with " ¶ " and
// tabs with spaces.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n\t") {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		if !strings.ContainsRune(" \t\r\n", rune(s[i])) {
			sb.WriteByte(s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && strings.ContainsRune(" \t\r\n", rune(s[j])) {
			j++
		}
		if strings.ContainsAny(s[i:j], "\r\n") {
			sb.WriteString(" ¶ ")
		} else {
			sb.WriteString(strings.Repeat(" ", j-i))
		}
		i = j
	}
	return sb.String()
}
