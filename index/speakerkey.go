package index

import (
	"strings"
	"unicode"
)

// SpeakerKey returns the key under which the variants of one speaker's
// name are counted and searched: the name case-folded and stripped of what
// varies between articles that name the same person.
//
//   - Case, accents and punctuation go ("López" and "LOPEZ" → "lopez");
//     apostrophes inside a word go with them ("O’Rourke" → "orourke"),
//     possessives are dropped ("Trump's" → "trump"), hyphens stay inside
//     a word ("Ocasio-Cortez" → "ocasio-cortez").
//   - A leading "the" and leading honorifics and titles are dropped (Mr,
//     Mrs, Ms, Dr, Sir, Dame, Lord, President, Sen., Gov., ...), as long as
//     a word is left: "Mr Howard" → "howard", "President Trump" → "trump".
//   - Initials written apart are joined ("J. D. Vance" and "JD Vance" →
//     "jd vance"), and one middle initial is dropped ("Donald J. Trump" →
//     "donald trump"), but not a run of them ("George H. W. Bush" →
//     "george hw bush" stays apart from George W. Bush).
//   - Trailing honours and degrees (PhD, MP, QC, Esq.) are dropped;
//     generational suffixes are kept but spelled one way ("Jr." → "jr"),
//     since Donald Trump Jr. is not Donald Trump.
//
// SpeakerKey is pure and idempotent: SpeakerKey(SpeakerKey(s)) ==
// SpeakerKey(s). It returns "" for a name without letters or digits.
func SpeakerKey(name string) string {
	toks := keyTokens(name)
	toks = joinInitials(toks)
	for len(toks) > 1 && (toks[0] == "the" || titles[toks[0]]) {
		toks = toks[1:]
	}
	for len(toks) > 1 && honours[toks[len(toks)-1]] {
		toks = toks[:len(toks)-1]
	}
	// One middle initial goes: between the first word and the surname,
	// which is the last word or the one before a generational suffix.
	last := len(toks) - 1
	if last > 0 && generations[toks[last]] {
		last--
	}
	var mid []int
	for i := 1; i < last; i++ {
		if len([]rune(toks[i])) == 1 {
			mid = append(mid, i)
		}
	}
	words := make([]string, 0, len(toks))
	for i, t := range toks {
		if len(mid) == 1 && i == mid[0] {
			continue
		}
		words = append(words, t)
	}
	return strings.Join(words, " ")
}

// keyTokens splits a name into folded words: letters and digits, with
// hyphens kept inside a word and apostrophes dropped; a word ending in
// 's or ' is a possessive and loses the s.
func keyTokens(name string) []string {
	var toks []string
	var b strings.Builder
	rs := []rune(name)
	flush := func() {
		w := strings.Trim(b.String(), "-")
		for strings.Contains(w, "--") {
			w = strings.ReplaceAll(w, "--", "-")
		}
		b.Reset()
		if w != "" {
			toks = append(toks, w)
		}
	}
	for i := 0; i < len(rs); i++ {
		r := fold(rs[i])
		switch {
		case r == 0:
			// a combining mark: part of the letter before it
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case isApostrophe(r):
			// 's closing a word is a possessive; any other apostrophe
			// is dropped, joining the word (O'Rourke).
			next := func(j int) rune {
				if j < len(rs) {
					return fold(rs[j])
				}
				return ' '
			}
			if b.Len() > 0 && next(i+1) == 's' && !isWordRune(next(i+2)) {
				i++
				flush()
			} else if b.Len() > 0 && !isWordRune(next(i+1)) {
				flush()
			}
		case isDash(r):
			if b.Len() > 0 {
				b.WriteByte('-')
			}
		default:
			flush()
		}
	}
	flush()
	return toks
}

// joinInitials joins runs of one-letter words: "j d vance" → "jd vance".
func joinInitials(toks []string) []string {
	out := toks[:0:0]
	for i := 0; i < len(toks); {
		if len([]rune(toks[i])) != 1 {
			out = append(out, toks[i])
			i++
			continue
		}
		j := i
		var b strings.Builder
		for j < len(toks) && len([]rune(toks[j])) == 1 {
			b.WriteString(toks[j])
			j++
		}
		out = append(out, b.String())
		i = j
	}
	return out
}

func isWordRune(r rune) bool { return r != 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', '`', '´', '′':
		return true
	}
	return false
}

func isDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−':
		return true
	}
	return false
}

// fold lower-cases r and takes the accent off a Latin letter; it returns 0
// for a combining mark, which then adds nothing to the word.
func fold(r rune) rune {
	if unicode.Is(unicode.Mn, r) {
		return 0
	}
	r = unicode.ToLower(r)
	if r < 0xC0 || r > 0x17F {
		return r
	}
	if f, ok := latinFold[r]; ok {
		return f
	}
	return r
}

// latinFold maps the accented letters of Latin-1 and Latin Extended-A to
// their base letter.
var latinFold = func() map[rune]rune {
	m := map[rune]rune{}
	for base, accented := range map[rune]string{
		'a': "àáâãäåāăą", 'c': "çćĉċč", 'd': "ďđ", 'e': "èéêëēĕėęě",
		'g': "ĝğġģ", 'h': "ĥħ", 'i': "ìíîïĩīĭįı", 'j': "ĵ", 'k': "ķ",
		'l': "ĺļľŀł", 'n': "ñńņňŉ", 'o': "òóôõöøōŏő", 'r': "ŕŗř",
		's': "śŝşšſ", 't': "ţťŧ", 'u': "ùúûüũūŭůűų", 'w': "ŵ",
		'y': "ýÿŷ", 'z': "źżž",
	} {
		for _, r := range accented {
			m[r] = base
		}
	}
	return m
}()

// titles are the honorifics and titles SpeakerKey drops before a name.
// Words that also open the names of organisations or people ("General
// Motors", "Justice Department", "Vice Media", "Premier League", "Lady
// Gaga", "Doctor Who") are not among them.
var titles = setOf(
	"mr", "mrs", "ms", "miss", "mx", "messrs", "dr", "doctor", "prof", "professor",
	"sir", "dame", "lord", "baroness", "baron",
	"rev", "reverend", "rabbi", "imam", "fr",
	"president", "pres", "sen", "senator", "rep", "representative",
	"congressman", "congresswoman", "gov", "governor", "lt", "mayor",
	"gen", "col", "capt", "cmdr", "adm", "sgt", "maj", "supt",
	"chancellor", "ambassador", "amb", "hon", "rt", "honourable", "honorable",
)

// honours are the degrees and honours SpeakerKey drops after a name.
var honours = setOf("phd", "md", "mp", "msp", "mep", "qc", "kc", "obe", "mbe", "cbe", "esq", "dds")

// generations are the suffixes that tell a son from his father; they stay
// in the key.
var generations = setOf("jr", "sr", "ii", "iii", "iv")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
