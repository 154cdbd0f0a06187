package extract

import (
	"strings"

	quotes "github.com/quotesproject/quotes"
)

// Speech frames for what the cue lexicon does not know. A quoted passage
// that no listed cue attributes is tried against these frames, in order;
// the first that matches gives its speaker. Each frame is a shape of the
// sentence around the quote that only speech takes, so that the verb in
// it is a cue even when no list has it ("gushed", "fumed", "implored"):
//
//	quotedAs       “…,” the paper quoted Lina Ostrow as saying.
//	               “…,” Lina Ostrow was quoted as saying.
//	verbAfter      “…,” Lina Ostrow gushed.        “…,” she fumed.
//	verbInverted   “…,” implored Lina Ostrow.
//	accordingAfter “…,” according to Kemp Analytics.
//	panel          Javed Rana, Daily Clarion: “…”
//	verbBefore     … he exclaimed: “…”             Lina Ostrow fumed: “…”
//
// Each returns the speaker phrase and the cue token, or ok false.
var speechFrames = []struct {
	name  string
	match func(d *doc, qi int) (subj *np, cue int, ok bool)
}{
	{"quotedAs", (*doc).frameQuotedAs},
	{"verbAfter", (*doc).frameVerbAfter},
	{"verbInverted", (*doc).frameVerbInverted},
	{"accordingAfter", (*doc).frameAccordingAfter},
	{"panel", (*doc).framePanel},
	{"verbBefore", (*doc).frameVerbBefore},
}

// attributeByFrames attributes the direct quotes left unattributed by the
// lexicon's cues through speechFrames.
func (d *doc) attributeByFrames() {
	for qi, q := range d.quotes {
		if q.parent >= 0 || q.single || d.quoteDone[qi] || q.close < 0 {
			continue
		}
		for _, f := range speechFrames {
			if subj, cue, ok := f.match(d, qi); ok {
				if cue >= 0 {
					d.cueUsed[cue] = true
				}
				d.addQuote(qi, quotes.KindDirect, subj, cue)
				break
			}
		}
	}
}

// afterClose returns the token index right after quote qi's closing mark,
// and the end of its sentence; ok is false when the quote does not end in
// a comma, a question or an exclamation mark (a quote that ends its
// sentence with a period takes no attribution after it).
func (d *doc) afterClose(qi int) (k, hi int, ok bool) {
	q := d.quotes[qi]
	k = d.tokAt(q.close + q.closeLen)
	if k >= len(d.toks) || d.toks[k].s >= q.paraEnd {
		return 0, 0, false
	}
	if r := runeBefore(d.text, q.close); r != ',' && r != '?' && r != '!' {
		if k >= len(d.toks) || d.toks[k].t != "," {
			return 0, 0, false
		}
		k++
		if k >= len(d.toks) || d.toks[k].s >= q.paraEnd { // the comma ends the text
			return 0, 0, false
		}
	}
	_, hi = d.unitBounds(k)
	return k, hi, k < hi
}

// maxFrameName is the most words a speaker's name may take in a frame.
const maxFrameName = 5

// pastVerb reports whether token k reads as a past-tense verb of a speech
// frame: a lower-case word in -ed that is no adjective or participle of a
// listed kind ("tired", "related").
func (d *doc) pastVerb(k int) bool {
	t := d.toks[k]
	return t.word && !t.cap && t.q < 0 && len(t.low) > 4 && strings.HasSuffix(t.low, "ed") && !notFrameVerbs[t.low]
}

// frameEnd reports whether token k ends the attribution: the sentence's
// end, a comma or a time word ("gushed on Monday").
func (d *doc) frameEnd(k, hi int) bool {
	if k >= hi {
		return true
	}
	t := d.toks[k]
	return t.t == "." || t.t == "," || t.t == ";" || timeWords[t.low] || isDay(t.low)
}

// frameVerbAfter matches “…,” NAME VERBed. and “…,” he VERBed.
func (d *doc) frameVerbAfter(qi int) (*np, int, bool) {
	k, hi, ok := d.afterClose(qi)
	if !ok {
		return nil, -1, false
	}
	j := k
	if _, pro := pronouns[d.toks[j].t]; !pro {
		for j < hi && j-k < maxFrameName && d.toks[j].word && (d.toks[j].cap || j > k && isNameConnector(d.toks[j].low)) {
			j++
		}
		if j == k {
			return nil, -1, false
		}
	} else {
		j++
	}
	if j >= hi || !d.pastVerb(j) || !d.frameEnd(j+1, hi) {
		return nil, -1, false
	}
	subj := d.npEndingAt(j-1, k, -1)
	return subj, j, subj != nil
}

// frameQuotedAs matches “…,” X quoted NAME as saying. and “…,” NAME
// was quoted as saying.: the one quoted speaks, not the paper that
// quotes them. The cue is the participle ("saying", "telling").
func (d *doc) frameQuotedAs(qi int) (*np, int, bool) {
	k, hi, ok := d.afterClose(qi)
	if !ok {
		return nil, -1, false
	}
	for n := k; n+2 < hi && n-k <= maxFrameName+2; n++ {
		if !quotingVerbs[d.toks[n].low] {
			continue
		}
		// "NAME was quoted as saying": the subject before the verb.
		if n-1 > k && passiveAux[d.toks[n-1].low] && d.toks[n+1].low == "as" && participleCues[d.toks[n+2].low] != "" {
			subj := d.npEndingAt(n-2, k, -1)
			return subj, n + 2, subj != nil
		}
		// "X quoted NAME as saying": the object after it.
		subj := d.npAfter(n+1, hi)
		if subj == nil {
			return nil, -1, false
		}
		a := d.tokAt(subj.e)
		if a+1 >= hi || d.toks[a].low != "as" || participleCues[d.toks[a+1].low] == "" {
			return nil, -1, false
		}
		return subj, a + 1, true
	}
	return nil, -1, false
}

// frameVerbInverted matches “…,” VERBed NAME.
func (d *doc) frameVerbInverted(qi int) (*np, int, bool) {
	k, hi, ok := d.afterClose(qi)
	if !ok || !d.pastVerb(k) || k+1 >= hi || !d.toks[k+1].cap {
		return nil, -1, false
	}
	subj := d.npAfter(k+1, hi)
	if subj == nil || !d.frameEnd(d.tokAt(subj.e), hi) {
		return nil, -1, false
	}
	return subj, k, true
}

// frameAccordingAfter matches “…,” according to X.
func (d *doc) frameAccordingAfter(qi int) (*np, int, bool) {
	k, hi, ok := d.afterClose(qi)
	if !ok || k+2 >= hi || d.toks[k].low != "according" || d.toks[k+1].low != "to" {
		return nil, -1, false
	}
	n := k + 2
	for n < hi && d.toks[n].t != "," && d.toks[n].t != "." && d.toks[n].q < 0 {
		n++
	}
	if n == k+2 {
		return nil, -1, false
	}
	subj := &np{s: d.toks[k+2].s, e: d.toks[n-1].e, q: -1}
	subj.text = d.text[subj.s:subj.e]
	return subj, k, true
}

// framePanel matches a panel of voices, each on its own paragraph: "Javed
// Rana, Daily Clarion: “…”" — a name, a comma, the outlet or
// affiliation, and a colon right before the quote.
func (d *doc) framePanel(qi int) (*np, int, bool) {
	q := d.quotes[qi]
	k := d.markTok(q.open)
	if k < 2 || d.toks[k-1].t != ":" {
		return nil, -1, false
	}
	lo, _ := d.unitBounds(k)
	comma := -1
	for j := lo; j < k-1; j++ {
		t := d.toks[j]
		if t.t == "," && comma < 0 {
			comma = j
			continue
		}
		if !t.word || !t.cap && !isNameConnector(t.low) {
			return nil, -1, false
		}
	}
	if comma < lo+2 || comma > lo+maxFrameName || !d.opensSentence(d.toks[lo].s) || !personLikeName(d.text[d.toks[lo].s:d.toks[comma-1].e]) {
		return nil, -1, false
	}
	subj := &np{s: d.toks[lo].s, e: d.toks[comma-1].e, q: -1}
	subj.text = d.text[subj.s:subj.e]
	return subj, -1, true // the colon is no cue
}

// notFrameVerbs end in -ed but are no verbs of saying in a frame.
var notFrameVerbs = set(`tired related red bed need indeed united based aged interested concerned supposed`)

// frameVerbBefore matches NAME VERBed: “…” and he VERBed: “…”: a past
// verb right before the colon that opens the quote, after its subject.
func (d *doc) frameVerbBefore(qi int) (*np, int, bool) {
	q := d.quotes[qi]
	k := d.markTok(q.open)
	if k < 3 || d.toks[k-1].t != ":" || !d.pastVerb(k-2) {
		return nil, -1, false
	}
	lo, _ := d.unitBounds(k - 2)
	subj := d.npEndingAt(k-3, lo, -1)
	if subj == nil {
		return nil, -1, false
	}
	if t := d.toks[d.tokAt(subj.s)]; pronouns[t.t] == "" && !t.cap {
		return nil, -1, false // "the crowd roared: “…”" is no statement of anyone named
	}
	return subj, k - 2, true
}
