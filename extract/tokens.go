package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is a word or punctuation mark of the article, with its byte offsets.
type tok struct {
	s, e int
	t    string // the token's text
	low  string // lower-cased text, for lexicon look-ups
	word bool   // letters or digits
	cap  bool   // starts with an upper-case letter
	q    int    // innermost quote whose content holds the token, -1 outside quotes
	unit int    // the sentence unit holding the token
}

// abbrevs keep their period as part of the word.
var abbrevs = set(`mr mrs ms dr gen sen rep gov col sgt lt capt prof rev st jr sr inc corp co ltd vs no mt ft jan feb mar apr aug sept sep oct nov dec`)

// tokenize splits text[lo:hi] into tokens. Words keep inner apostrophes
// and hyphens ("can’t", "well-being") and the periods of abbreviations
// ("U.S.", "Mr."); a possessive ’s is a token of its own.
func tokenize(text string, lo, hi int, out []tok) []tok {
	i := lo
	for i < hi {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if (r == '\'' || r == '’') && i+size < hi && (text[i+size] == 's' || text[i+size] == 'S') && (i+size+1 >= hi || !isLetterByte(text[i+size+1])) && i > lo && !unicode.IsSpace(runeBefore(text, i)) {
			out = append(out, tok{s: i, e: i + size + 1, t: text[i : i+size+1], low: "’s", word: false, q: -1})
			i += size + 1
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			out = append(out, tok{s: i, e: i + size, t: text[i : i+size], low: text[i : i+size], q: -1})
			i += size
			continue
		}
		s := i
		for i < hi {
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				i += size
				continue
			}
			if (r == '\'' || r == '’' || r == '-' || r == '.' || r == ',') && i+size < hi {
				n, _ := utf8.DecodeRuneInString(text[i+size:])
				if r == '.' {
					// U.S. style: single letters joined by periods.
					if unicode.IsLetter(n) && i-s == 1 {
						i += size
						continue
					}
					break
				}
				if r == ',' {
					// 300,000
					if unicode.IsDigit(n) && unicode.IsDigit(runeBefore(text, i)) {
						i += size
						continue
					}
					break
				}
				if (r == '\'' || r == '’') && (n == 's' || n == 'S') {
					// A possessive or "it's": split the ’s off.
					if i+size+1 >= hi || !isLetterByte(text[i+size+1]) {
						break
					}
				}
				if unicode.IsLetter(n) || unicode.IsDigit(n) {
					i += size
					continue
				}
			}
			break
		}
		// Keep the period of an abbreviation or of a dotted initialism.
		if i < hi && text[i] == '.' {
			w := strings.ToLower(text[s:i])
			if abbrevs[w] || strings.Contains(w, ".") || (i-s == 1 && unicode.IsUpper(rune(text[s]))) {
				i++
			}
		}
		w := text[s:i]
		first, _ := utf8.DecodeRuneInString(w)
		out = append(out, tok{s: s, e: i, t: w, low: strings.ToLower(w), word: true, cap: unicode.IsUpper(first), q: -1})
	}
	return out
}

// isPossessive reports whether t is a detached possessive ’s.
func (t tok) isPossessive() bool {
	return t.low == "’s"
}
