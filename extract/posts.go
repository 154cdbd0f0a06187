package extract

import (
	"regexp"
	"strings"
	"unicode"

	quotes "github.com/quotesproject/quotes"
)

// Embedded posts. Articles carry the social-media posts they cite as
// elements of their own: <tweet author="@handle" datetime="…">text —
// Name (@handle) June 29, 2016</tweet>. A post is its author's own words,
// a direct statement as much as a quote in marks is, so it becomes a
// direct quote by its author. The element is blanked out of the text the
// rest of the analysis reads (offsets stay those of the article), so that
// its markup and words are not read as the journalist's narration.

// postElement matches one embedded post: its attributes and its body.
var postElement = regexp.MustCompile(`(?s)<tweet\b([^>]*)>(.*?)</tweet>`)

// postAuthor finds the author attribute: author="@handle" or
// author="handle".
var postAuthor = regexp.MustCompile(`\bauthor=\\?"@?([A-Za-z0-9_]{1,30})\\?"`)

// postSignature is the signature an embedded post ends with: "— Donald
// J. Trump (@realDonaldTrump) June 29, 2016".
var postSignature = regexp.MustCompile(`\s*[—–-]+\s*([^—–()]{2,60}?)\s*\(@([A-Za-z0-9_]{1,30})\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$`)

// postLink is a link to a picture or a post that ends a post's text.
var postLink = regexp.MustCompile(`\s*(?:pic\.twitter\.com/\S*|https?://\S+)\s*$`)

// minHandleMatch is the fewest letters of a name a handle must hold to
// name that entity ("donaldtrump" in "realDonaldTrump").
const minHandleMatch = 6

// post is an embedded post found in an article.
type post struct {
	s, e         int // the post's own words
	elem         span
	handle       string
	hs, he       int // the handle in the element's attributes
	name         string
	ns, ne       int // the signature's name, when the post has one
	cueS, cueE   int // the element's name ("tweet"), which stands as the cue
	hasSignature bool
}

// findPosts returns the embedded posts of text.
func findPosts(text string) []post {
	if !strings.Contains(text, "<tweet") {
		return nil
	}
	var out []post
	for _, m := range postElement.FindAllStringSubmatchIndex(text, -1) {
		p := post{elem: span{m[0], m[1]}, cueS: m[0] + 1, cueE: m[0] + len("<tweet")}
		attrs := text[m[2]:m[3]]
		if a := postAuthor.FindStringSubmatchIndex(attrs); a != nil {
			p.handle = attrs[a[2]:a[3]]
			p.hs, p.he = m[2]+a[2], m[2]+a[3]
		}
		s, e := m[4], m[5]
		body := text[s:e]
		if sig := postSignature.FindStringSubmatchIndex(body); sig != nil {
			p.name = strings.TrimSpace(body[sig[2]:sig[3]])
			p.ns = s + sig[2] + strings.Index(body[sig[2]:sig[3]], p.name)
			p.ne = p.ns + len(p.name)
			p.hasSignature = true
			if p.handle == "" {
				p.handle = body[sig[4]:sig[5]]
			}
			e = s + sig[0]
		}
		for {
			l := postLink.FindStringIndex(text[s:e])
			if l == nil {
				break
			}
			e = s + l[0]
		}
		for s < e && unicode.IsSpace(rune(text[s])) {
			s++
		}
		for e > s && unicode.IsSpace(rune(text[e-1])) {
			e--
		}
		if e-s < 2 || p.handle == "" {
			continue
		}
		p.s, p.e = s, e
		out = append(out, p)
	}
	return out
}

// blankPosts returns text with each post's element replaced by spaces of
// the same length, so that offsets are kept.
func blankPosts(text string, posts []post) string {
	if len(posts) == 0 {
		return text
	}
	b := []byte(text)
	for _, p := range posts {
		for i := p.elem.s; i < p.elem.e; i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	return string(b)
}

// addPosts adds each post as a direct quote by its author: the name the
// article gives the author (found by the signature's name or by the
// handle), else the signature's name, else the handle.
func (d *doc) addPosts(text string, posts []post) {
	for _, p := range posts {
		f := found{s: p.s, e: p.e, kind: quotes.KindDirect, cue: "tweet", cs: p.cueS, ce: p.cueE,
			sent: span{p.s, p.e}, confidence: 0.9}
		switch e := d.postEntity(p); {
		case e != nil:
			f.speaker = e.name
			f.role = e.role
		case p.name != "":
			f.speaker = p.name
		default:
			f.speaker = "@" + p.handle
		}
		if p.hasSignature {
			f.mention, f.ms, f.me = text[p.ns:p.ne], p.ns, p.ne
		} else {
			f.mention, f.ms, f.me = text[p.hs:p.he], p.hs, p.he
		}
		if d.foundAt == nil {
			d.foundAt = map[foundKey]bool{}
		}
		d.foundAt[foundKey{f.s, f.e, f.kind}] = true
		d.found = append(d.found, f)
	}
}

// postEntity returns the article's entity for a post's author: the one
// the signature names, or the one whose name the handle spells
// ("realDonaldTrump" spells Donald Trump), the longest such name.
func (d *doc) postEntity(p post) *entity {
	if p.name != "" {
		low := strings.ToLower(p.name)
		if e := d.ents.byName[low]; e != nil {
			return e
		}
		if fs := strings.Fields(low); len(fs) > 1 {
			if e := d.ents.byName[fs[len(fs)-1]]; e != nil && e.kind != 'o' {
				return e
			}
		}
	}
	handle := strings.ToLower(p.handle)
	var best *entity
	bestLen := 0
	for _, e := range d.ents.list {
		if e.unnamed {
			continue
		}
		compact := letters(e.name)
		if len(compact) >= minHandleMatch && len(compact) > bestLen && strings.Contains(handle, compact) {
			best, bestLen = e, len(compact)
		}
	}
	return best
}

// letters returns the lower-case letters and digits of s.
func letters(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
