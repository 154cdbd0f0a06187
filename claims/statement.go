package claims

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	quotes "github.com/quotesproject/quotes"
)

// Tracker turns quotes into statements and statements into claims. It
// holds the side table; build it once per process and share it: it is
// read-only and safe for concurrent use.
type Tracker struct {
	sides *Sides
}

// New returns a tracker that ties speakers to sides with sides (nil means
// the default table).
func New(sides *Sides) *Tracker {
	if sides == nil {
		sides = NewSides()
	}
	return &Tracker{sides: sides}
}

// Sides returns the tracker's side table.
func (t *Tracker) Sides() *Sides { return t.sides }

// Statements reads the quotes of one article as statements, one for each
// quote and speaker: a quote spoken by two ("Both Sheinbaum and Trump
// described …") gives two statements. Quotes without a speaker are left
// out, and so is a partial quote inside a longer quote of the same
// speaker, which says it already. Each speaker's role is the one the
// article gives them anywhere, so that a speaker named with a role once
// keeps their side in every statement.
//
// Sides are left empty: the tracker gives them when it builds claims (see
// Tracker.Build), so that a new alias table applies to statements already
// stored.
func Statements(a quotes.Article, qs []quotes.Quote) []quotes.Statement {
	roles := map[string]string{}
	for _, q := range qs {
		if q.Speaker != "" && q.Role != "" && roles[q.Speaker] == "" {
			roles[q.Speaker] = q.Role
		}
	}
	for sp := range speakersOf(qs) {
		if roles[sp] == "" {
			roles[sp] = roleAround(a.Text, sp)
		}
	}
	var out []quotes.Statement
	for i, q := range qs {
		if q.Speaker == "" || strings.TrimSpace(q.Text) == "" || insideSameSpeaker(qs, i) {
			continue
		}
		speakers := q.Speakers
		if len(speakers) == 0 {
			speakers = []string{q.Speaker}
		}
		lead := leadOf(a.Text, q)
		for _, sp := range speakers {
			role := roles[sp]
			if sp == q.Speaker && q.Role != "" {
				role = q.Role
			}
			out = append(out, quotes.Statement{
				QuoteID:   q.ID,
				ArticleID: q.ArticleID,
				Quote:     q.Text,
				Kind:      q.Kind,
				Speaker:   sp,
				Role:      role,
				Cue:       q.Cue,
				Sentence:  q.Sentence,
				Lead:      lead,
				Start:     q.Start,
				End:       q.End,
				URL:       q.URL,
				Title:     q.Title,
				Outlet:    q.Outlet,
				Published: q.Published,
			})
		}
	}
	return out
}

// insideSameSpeaker reports whether qs[i] is a partial quote inside
// another quote of the same speaker.
func insideSameSpeaker(qs []quotes.Quote, i int) bool {
	q := qs[i]
	if q.Kind != quotes.KindPartial {
		return false
	}
	for j, o := range qs {
		if j != i && o.Kind != quotes.KindPartial && o.Speaker == q.Speaker && o.Start <= q.Start && q.End <= o.End {
			return true
		}
	}
	return false
}

// statementKey identifies a statement: its quote and its speaker.
func statementKey(s *quotes.Statement) string { return s.QuoteID + "\x00" + s.Speaker }

// sortStatements orders statements by publication, article and offset,
// the order an editor reads the evidence in.
func sortStatements(ss []quotes.Statement) {
	sort.SliceStable(ss, func(i, j int) bool {
		a, b := &ss[i], &ss[j]
		if !a.Published.Equal(b.Published) {
			return a.Published.Before(b.Published)
		}
		if a.ArticleID != b.ArticleID {
			return a.ArticleID < b.ArticleID
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Speaker < b.Speaker
	})
}

// sentences splits a quote into its sentences: at ".", "?", "!" and "…"
// followed by a space and a capital letter, an opening mark or an
// ellipsis.
func sentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r != '.' && r != '?' && r != '!' && r != '…' {
			continue
		}
		j := i
		for j < len(s) && strings.ContainsRune(`"'”’)]`, rune(s[j])) {
			j++
		}
		if j >= len(s) || s[j] != ' ' {
			continue
		}
		k := j + 1
		nr, _ := utf8.DecodeRuneInString(s[k:])
		if !unicode.IsUpper(nr) && nr != '“' && nr != '"' && nr != '‘' && nr != '\'' && nr != '…' && nr != '[' {
			continue
		}
		if r == '.' && abbrevBefore(s[:i-1]) {
			continue
		}
		if t := strings.TrimSpace(s[start:j]); t != "" {
			out = append(out, t)
		}
		start = k
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return clauses(out)
}

// clauseBreaks are where a sentence joins two propositions: a contrast,
// a semicolon, a non-restrictive relative clause.
var clauseBreaks = []string{", but ", ",” but ", ",\" but ", "; ", ", which ", ", who ", " — "}

// clauses cuts sentences at clauseBreaks, keeping the pieces that are
// more than a few words long.
func clauses(sents []string) []string {
	var out []string
	for _, s := range sents {
		for {
			cut := -1
			for _, b := range clauseBreaks {
				if i := strings.Index(s, b); i > 0 && (cut < 0 || i < cut) {
					cut = i
				}
			}
			if i := relativeAfterComma(s); i > 0 && (cut < 0 || i < cut) {
				cut = i
			}
			if cut < 0 {
				break
			}
			if head := strings.TrimSpace(s[:cut]); head != "" {
				out = append(out, head)
			}
			s = strings.TrimSpace(s[cut+1:])
			s = strings.TrimPrefix(strings.TrimLeft(s, "”\" "), "but ")
		}
		if s != "" { // a break at the very end ("0; \"") leaves nothing
			out = append(out, s)
		}
	}
	return out
}

// abbrevBefore reports whether s ends in a title or a one-letter initial
// ("Mr", "U.S", "J"), so that the dot after it does not end a sentence.
func abbrevBefore(s string) bool {
	i := strings.LastIndexAny(s, " ([“\"")
	last := s[i+1:]
	if utf8.RuneCountInString(last) == 1 || strings.Contains(last, ".") {
		return true
	}
	switch strings.ToLower(last) {
	case "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "st", "jr", "sr", "prof", "no", "vs", "inc", "corp", "co":
		return true
	}
	return false
}

// leadOf returns the sentence of text before the one holding q, when q is
// short enough to lean on it: fewer than four content words.
func leadOf(text string, q quotes.Quote) string {
	if len(contentStems(q.Text)) >= 4 || q.Start <= 0 || q.Start > len(text) {
		return ""
	}
	return sentenceBefore(text, sentenceStart(text, q.Start))
}

// sentenceBefore returns the sentence of text that ends at offset i, the
// start of the next one, or "" at the text's start.
func sentenceBefore(text string, i int) string {
	if i <= 0 {
		return ""
	}
	return strings.TrimSpace(text[sentenceStart(text, i-1):i])
}

// sentenceStart returns the offset where the sentence holding text[at]
// begins: after the last ". ", "? ", "! " or blank line before it.
func sentenceStart(text string, at int) int {
	for i := at - 1; i > 0; i-- {
		switch text[i] {
		case '\n':
			if text[i-1] == '\n' || i+1 < at {
				return i + 1
			}
		case ' ':
			if p := text[i-1]; p == '.' || p == '?' || p == '!' {
				if !abbrevBefore(text[:i-1]) {
					return i + 1
				}
			}
		}
		if at-i > 2000 {
			return i
		}
	}
	return 0
}

// relativeAfterComma returns the offset of a comma that opens a
// non-restrictive relative clause a few words in (", six of which were"),
// or -1.
func relativeAfterComma(s string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], ", ")
		if j < 0 {
			return -1
		}
		at := i + j
		f := strings.Fields(s[at+2 : min(len(s), at+40)])
		for k := 1; k < len(f) && k <= 3; k++ {
			if w := strings.ToLower(f[k]); w == "which" || w == "whom" || w == "whose" {
				if f[k-1] == "of" {
					return at
				}
			}
		}
		i = at + 2
	}
}

// speakersOf returns the set of the quotes' speakers.
func speakersOf(qs []quotes.Quote) map[string]bool {
	m := map[string]bool{}
	for _, q := range qs {
		for _, sp := range append([]string{q.Speaker}, q.Speakers...) {
			if sp != "" {
				m[sp] = true
			}
		}
	}
	return m
}

// roleAround finds a role for a speaker the extractor gave none: the
// words right before the speaker's first full mention in the article
// ("U.S. trade official Tom Whitcombe"), else the appositive right after
// it ("Ingrid Solberg, a spokesperson for Skarvik Shipping,").
func roleAround(text, speaker string) string {
	if len(strings.Fields(speaker)) < 2 {
		return ""
	}
	i := strings.Index(text, speaker)
	if i < 0 {
		return ""
	}
	before := text[max(0, i-60):i]
	for k := len(before) - 1; k >= 0; k-- {
		c := before[k]
		// A dot ends the role only as a sentence's end: "U.S." does not.
		if strings.IndexByte(",;:\"\n(", c) >= 0 || c == '.' && k > 0 && unicode.IsLower(rune(before[k-1])) {
			before = before[k+1:]
			break
		}
		if c >= 0x80 && (strings.HasPrefix(before[k:], "“") || strings.HasPrefix(before[k:], "”") || strings.HasPrefix(before[k:], "—")) {
			before = before[k+3:]
			break
		}
	}
	ws := strings.Fields(before)
	// "Bosses of Acme and the Dunmore Exchange": a name after "and
	// the" or "of" is another's, and the words before it no role.
	for len(ws) > 0 && articles[strings.ToLower(ws[len(ws)-1])] {
		ws = ws[:len(ws)-1]
	}
	if len(ws) > 0 && notRoleEnds[strings.ToLower(ws[len(ws)-1])] {
		return ""
	}
	if len(ws) > 5 {
		ws = ws[len(ws)-5:]
	}
	if r := strings.Join(ws, " "); r != "" && !lowerOnly(r) {
		return r
	}
	after := text[i+len(speaker):]
	if strings.HasPrefix(after, ", ") {
		after = after[2:]
		if k := strings.IndexAny(after, ",.;:“”\"—\n"); k > 0 && k < 80 {
			return after[:k]
		}
	}
	return ""
}

// notRoleEnds are words that, right before a name, make it the object or
// the partner of what comes before, not the title of a role: "bosses of
// Acme and", "a takeover offer from".
var notRoleEnds = setOf("and", "or", "but", "of", "with", "for", "to", "by", "from", "at", "in", "on", "than",
	"against", "between", "over", "into", "about", "nor")

// lowerOnly reports whether s has no capital letter: words such as "and
// said" before a name are no role.
func lowerOnly(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return false
		}
	}
	return true
}
