package source

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	quotes "github.com/quotesproject/quotes"
)

// parseHTML reads an HTML page: its readable article (go-readability) as
// plain paragraphs, and its title, site name, published time and URL
// (canonical link, else og:url) from the page's metadata. A page without a
// URL is named after its file, like plain text.
func parseHTML(name string, r io.Reader) ([]quotes.Article, error) {
	b, err := readAll(name, r)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	meta := pageMeta(doc)
	a := quotes.Article{URL: meta.url, Title: meta.title, Outlet: meta.siteName, Published: meta.published}

	if ra, ok := readable(doc); ok {
		a.Text = htmlText(ra.Node)
		if t := strings.TrimSpace(ra.Title()); t != "" {
			a.Title = collapse(t)
		}
		if s := strings.TrimSpace(ra.SiteName()); s != "" {
			a.Outlet = collapse(s)
		}
		if a.Published.IsZero() {
			if t, err := ra.PublishedTime(); err == nil {
				a.Published = t
			}
		}
	}
	if strings.TrimSpace(a.Text) == "" {
		// Readability found nothing (a short page, a fragment): take the
		// whole body.
		a.Text = htmlText(doc)
	}
	if strings.TrimSpace(a.Text) == "" {
		return nil, fmt.Errorf("%s: page has no readable text", name)
	}
	if strings.TrimSpace(a.URL) == "" {
		a.ID = baseID(name)
	}
	return []quotes.Article{a}, nil
}

// readable runs go-readability on a copy of doc, turning a panic of it on
// odd input into "nothing found".
func readable(doc *html.Node) (ra readability.Article, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	p := readability.NewParser()
	ra, err := p.ParseDocument(doc, nil)
	if err != nil || ra.Node == nil {
		return ra, false
	}
	return ra, true
}

// meta is what parseHTML takes from a page's head.
type meta struct {
	url, title, siteName string
	published            time.Time
}

// pageMeta reads the canonical URL (link rel=canonical, else og:url), the
// title (og:title, else <title>), the site name (og:site_name) and the
// published time (article:published_time and kin) of a page. go-readability
// may give better title, site name and time; the URL it does not give.
func pageMeta(doc *html.Node) meta {
	var (
		m                       meta
		canonical, ogURL        string
		ogTitle, title, pubTime string
	)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if hasToken(attr(n, "rel"), "canonical") && canonical == "" {
					canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Meta:
				key := strings.ToLower(strings.TrimSpace(attr(n, "property")))
				if key == "" {
					key = strings.ToLower(strings.TrimSpace(attr(n, "name")))
				}
				content := strings.TrimSpace(attr(n, "content"))
				if content == "" {
					break
				}
				switch key {
				case "og:url":
					setOnce(&ogURL, content)
				case "og:title":
					setOnce(&ogTitle, content)
				case "og:site_name":
					setOnce(&m.siteName, content)
				case "article:published_time", "og:published_time", "date", "pubdate",
					"publish-date", "dc.date", "dc.date.issued", "dcterms.created", "parsely-pub-date":
					setOnce(&pubTime, content)
				}
			case atom.Title:
				if title == "" {
					title = textContent(n)
				}
			case atom.Body:
				// Metadata is in the head; a body can be long.
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	m.url = canonical
	if m.url == "" {
		m.url = ogURL
	}
	m.title = collapse(ogTitle)
	if m.title == "" {
		m.title = collapse(title)
	}
	m.siteName = collapse(m.siteName)
	if pubTime != "" {
		if t, err := quotes.ParseTime(pubTime); err == nil {
			m.published = t
		}
	}
	return m
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// hasToken reports whether the space-separated list s holds tok, ignoring
// case.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textContent returns the text under n, as it is.
func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// collapse trims s and makes each run of white space in it one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// htmlFragmentText turns an HTML fragment (a feed item's body) into plain
// paragraphs, without readability, which does badly on fragments.
func htmlFragmentText(s string) string {
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{
		Type: html.ElementNode, Data: "body", DataAtom: atom.Body,
	})
	if err != nil {
		return collapse(s)
	}
	var p paragraphs
	for _, n := range nodes {
		p.node(n)
	}
	return p.text()
}

// htmlText turns the HTML under n into plain paragraphs: the text of each
// block (p, h1-h6, li, blockquote, div...) with its white space collapsed,
// the blocks separated by blank lines. Entities are decoded by the HTML
// parser; scripts, styles and other non-text elements are left out.
func htmlText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var p paragraphs
	p.node(n)
	return p.text()
}

// paragraphs gathers the paragraphs of an HTML tree.
type paragraphs struct {
	done  []string
	cur   strings.Builder
	space bool // white space is pending between words of cur
}

// skipped are elements whose content is not article text.
var skipped = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Svg: true, atom.Math: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Audio: true,
	atom.Video: true, atom.Button: true, atom.Select: true, atom.Textarea: true,
	atom.Input: true, atom.Nav: true, atom.Form: true,
}

// blocks are elements that start and end a paragraph.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Br: true, atom.Caption: true, atom.Center: true,
	atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hgroup: true, atom.Hr: true, atom.Html: true, atom.Li: true, atom.Main: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tbody: true, atom.Td: true, atom.Tfoot: true, atom.Th: true,
	atom.Thead: true, atom.Tr: true, atom.Ul: true,
}

func (p *paragraphs) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		p.words(n.Data)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] || hidden(n) {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := n.Type == html.ElementNode && blocks[n.DataAtom]
	if block {
		p.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		p.node(c)
	}
	if block {
		p.flush()
	}
}

// hidden reports whether an element is marked as not shown.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(a.Val, "true") {
				return true
			}
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// words adds the words of a text node to the current paragraph, keeping
// one space where the text had white space.
func (p *paragraphs) words(s string) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		if s != "" {
			p.space = true
		}
		return
	}
	if strings.TrimLeftFunc(s, unicode.IsSpace) != s {
		p.space = true
	}
	for i, f := range fields {
		if i > 0 {
			p.space = true
		}
		if p.space && p.cur.Len() > 0 {
			p.cur.WriteByte(' ')
		}
		p.cur.WriteString(f)
		p.space = false
	}
	p.space = strings.TrimRightFunc(s, unicode.IsSpace) != s
}

// flush ends the current paragraph.
func (p *paragraphs) flush() {
	if p.cur.Len() > 0 {
		p.done = append(p.done, p.cur.String())
		p.cur.Reset()
	}
	p.space = false
}

// text returns the paragraphs separated by blank lines.
func (p *paragraphs) text() string {
	p.flush()
	return strings.Join(p.done, "\n\n")
}

// FragmentText returns the plain paragraphs of an HTML fragment, such as
// a feed item's content, separated by blank lines.
func FragmentText(s string) string { return htmlFragmentText(s) }
