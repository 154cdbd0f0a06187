package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// qspan is a quoted passage found on the raw text: the byte offsets of its
// content (marks excluded) and of its marks.
type qspan struct {
	s, e      int  // content
	open      int  // offset of the opening mark
	close     int  // offset of the closing mark, -1 when the quote is never closed
	closeLen  int  // byte length of the closing mark
	single    bool // delimited by single marks
	parent    int  // index of the enclosing quote, -1 at top level
	paraStart int  // the paragraph the quote opens in
	paraEnd   int  // the end of the paragraph the quote closes in
}

// span is a half-open byte range.
type span struct{ s, e int }

func isDoubleOpen(r rune) bool  { return r == '“' || r == '«' || r == '„' }
func isDoubleClose(r rune) bool { return r == '”' || r == '»' }

// isQuoteMark reports whether r is any quotation mark the extractor knows.
func isQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '«', '»', '„', '‘', '’', '\'':
		return true
	}
	return false
}

// splitParagraphs returns the non-blank lines of text, trimmed of spaces:
// news text puts one paragraph on a line.
func splitParagraphs(text string) []span {
	var out []span
	start := 0
	for i := 0; i <= len(text); i++ {
		if i < len(text) && text[i] != '\n' {
			continue
		}
		s, e := trimSpaces(text, start, i)
		if e > s {
			out = append(out, span{s, e})
		}
		start = i + 1
	}
	return out
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '\f' }

// trimSpaces trims white space, Unicode's included, from text[s:e].
func trimSpaces(text string, s, e int) (int, int) {
	for s < e {
		r, size := runeAt(text, s)
		if !unicode.IsSpace(r) {
			break
		}
		s += size
	}
	for e > s {
		r := runeBefore(text, e)
		if !unicode.IsSpace(r) {
			break
		}
		e -= utf8.RuneLen(r)
	}
	return s, e
}

// runeBefore returns the rune ending at byte i of text, or 0 at the start.
func runeBefore(text string, i int) rune {
	if i <= 0 {
		return 0
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r
}

// runeAt returns the rune starting at byte i of text, or 0 at the end.
func runeAt(text string, i int) (rune, int) {
	if i >= len(text) {
		return 0, 0
	}
	return utf8.DecodeRuneInString(text[i:])
}

// opensAt reports whether the mark at i, given the text around it, can
// open a quote: it stands at the start of a word.
func opensAt(text string, i, size int, lo int) bool {
	prev := rune(0)
	if i > lo {
		prev = runeBefore(text, i)
	}
	next, _ := runeAt(text, i+size)
	if next == 0 || unicode.IsSpace(next) {
		return false
	}
	return prev == 0 || unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '—' || prev == '–' || prev == '-' || prev == ':' || prev == '/' || isQuoteMark(prev)
}

// closesAt reports whether the mark at i can close a quote: it ends a word
// and is followed by space, punctuation or the end.
func closesAt(text string, i, size int, hi int) bool {
	prev := runeBefore(text, i)
	if prev == 0 || unicode.IsSpace(prev) {
		return false
	}
	if i+size >= hi {
		return true
	}
	next, _ := runeAt(text, i+size)
	return !unicode.IsLetter(next) && !unicode.IsDigit(next)
}

// afterSentenceEnd reports whether the mark at i follows the end of a
// sentence and a space: ". "", "). "", "? "".
func afterSentenceEnd(text string, i, lo int) bool {
	j := i
	for j > lo && (text[j-1] == ' ' || text[j-1] == '\t') {
		j--
	}
	if j == i || j <= lo {
		return false
	}
	for j > lo && text[j-1] == ')' {
		j--
	}
	return j > lo && (text[j-1] == '.' || text[j-1] == '?' || text[j-1] == '!')
}

// findQuotes finds the quoted passages of text. Double-quoted passages are
// found paragraph by paragraph; one left open at the end of a paragraph goes
// on into the next when that paragraph opens with a quotation mark (the
// newspaper convention for quotes over several paragraphs), else it ends
// with its paragraph. Single-quoted passages are found inside double ones
// (nested quotes; one never closed runs to the end of its parent) and, at
// top level, within one paragraph.
func findQuotes(text string, paras []span) []qspan {
	var out []qspan
	open := -1     // offset of the open double mark
	contentS := -1 // content start
	openPara := -1 // paragraph index where it opened
	for pi := 0; pi < len(paras); pi++ {
		p := paras[pi]
		i := p.s
		if open >= 0 && pi > openPara {
			// A continuation paragraph: skip its opening mark.
			if r, size := runeAt(text, i); isDoubleOpen(r) || r == '"' {
				i += size
			} else if strings.HasPrefix(text[i:], "''") {
				i += 2
			}
		}
		for i < p.e {
			r, size := runeAt(text, i)
			if r == '\'' && i+1 < p.e && text[i+1] == '\'' {
				// Two apostrophes stand for a straight double mark in some
				// newspapers' archives: ''Like this,'' he said.
				r, size = '"', 2
			} else if r == '`' && i+1 < p.e && text[i+1] == '`' {
				// And two backticks open one, TeX-style: ``Like this,''.
				r, size = '“', 2
			}
			switch {
			case isDoubleOpen(r) && open < 0:
				open, contentS, openPara = i, i+size, pi
			case isDoubleClose(r) && open >= 0:
				out = append(out, qspan{s: contentS, e: i, open: open, close: i, closeLen: size, parent: -1, paraStart: paras[openPara].s, paraEnd: p.e})
				open = -1
			case r == '"' && open < 0:
				if opensAt(text, i, size, p.s) {
					open, contentS, openPara = i, i+size, pi
				}
			case r == '"' && open >= 0 && !closesAt(text, i, size, p.e) && opensAt(text, i, size, p.s) && afterSentenceEnd(text, i, p.s):
				// “…Grand Prix). "I am inclined …”: a quote that runs on
				// over a paragraph break the text has lost; the mark opens
				// the next paragraph of the same quote.
			case r == '"' && open >= 0:
				out = append(out, qspan{s: contentS, e: i, open: open, close: i, closeLen: size, parent: -1, paraStart: paras[openPara].s, paraEnd: p.e})
				open = -1
			}
			i += size
		}
		if open >= 0 {
			if pi+1 < len(paras) {
				// The quote goes on in the next paragraph when that opens
				// with a mark of the same style: a straight mark left
				// open before a paragraph of curly quotes is a stray one.
				opener, _ := runeAt(text, open)
				r, _ := runeAt(text, paras[pi+1].s)
				straight := opener == '"' || opener == '\''
				if !straight && isDoubleOpen(r) || straight && (r == '"' || strings.HasPrefix(text[paras[pi+1].s:], "''")) {
					continue
				}
			}
			e := p.e
			for e > contentS && isSpaceByte(text[e-1]) {
				e--
			}
			if e > contentS {
				out = append(out, qspan{s: contentS, e: e, open: open, close: -1, parent: -1, paraStart: paras[openPara].s, paraEnd: p.e})
			}
			open = -1
		}
	}
	// Nested single quotes inside each double-quoted passage.
	n := len(out)
	for qi := 0; qi < n; qi++ {
		q := out[qi]
		for _, in := range findSingles(text, q.s, q.e, true) {
			in.parent = qi
			in.paraStart, in.paraEnd = q.paraStart, q.paraEnd
			out = append(out, in)
		}
	}
	// Top-level single quotes, in the text between double-quoted passages.
	// The double-quoted passages were found in text order, as the
	// paragraphs are: one walk over both.
	qi := 0
	for _, p := range paras {
		lo := p.s
		for qi < n && out[qi].open < p.s {
			qi++
		}
		for ; qi < n && out[qi].open < p.e; qi++ {
			q := out[qi]
			if q.open > lo {
				for _, sq := range findSingles(text, lo, q.open, false) {
					sq.parent = -1
					sq.paraStart, sq.paraEnd = p.s, p.e
					out = append(out, sq)
				}
			}
			if q.close >= 0 {
				lo = q.close + q.closeLen
			} else {
				lo = p.e
			}
		}
		if lo < p.e {
			for _, sq := range findSingles(text, lo, p.e, false) {
				sq.parent = -1
				sq.paraStart, sq.paraEnd = p.s, p.e
				out = append(out, sq)
			}
		}
	}
	return out
}

// maxSingleQuote bounds a top-level single-quoted passage, so that stray
// apostrophes do not pair up across a paragraph.
const maxSingleQuote = 400

// findSingles finds single-quoted passages in text[lo:hi]. When runToEnd is
// set (inside a double quote), an opening mark never closed runs to hi,
// trailing punctuation trimmed.
func findSingles(text string, lo, hi int, runToEnd bool) []qspan {
	var out []qspan
	open := -1
	cs := -1
	for i := lo; i < hi; {
		r, size := runeAt(text, i)
		if r == '\'' && i+1 < hi && text[i+1] == '\'' {
			i += 2 // a double mark written as two apostrophes
			continue
		}
		switch {
		case open < 0 && (r == '‘' || r == '\'') && opensAt(text, i, size, lo) && !isElision(text, i+size):
			open, cs = i, i+size
		case open >= 0 && (r == '’' || r == '\'') && closesAt(text, i, size, hi):
			if i > cs && (runToEnd || i-cs <= maxSingleQuote) {
				out = append(out, qspan{s: cs, e: i, open: open, close: i, closeLen: size, single: true})
			}
			open = -1
		}
		i += size
	}
	if open >= 0 && runToEnd {
		e := hi
		for e > cs {
			r := runeBefore(text, e)
			if unicode.IsSpace(r) || r == ',' || r == ';' || r == ':' {
				e -= utf8.RuneLen(r)
				continue
			}
			break
		}
		if e > cs {
			out = append(out, qspan{s: cs, e: e, open: open, close: -1, single: true})
		}
	}
	return out
}

// isElision reports whether the text after an apostrophe-like mark is a
// common elision ('90s, 'em, 'n') rather than quoted words.
func isElision(text string, i int) bool {
	j := i
	for j < len(text) && j-i < 4 && (text[j] >= 'a' && text[j] <= 'z' || text[j] >= '0' && text[j] <= '9') {
		j++
	}
	w := text[i:j]
	switch w {
	case "em", "n", "tis", "til", "cause", "bout":
		return j >= len(text) || !isLetterByte(text[j])
	}
	if len(w) == 2 && w[0] >= '0' && w[0] <= '9' && w[1] >= '0' && w[1] <= '9' {
		return true
	}
	return false
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
