package server

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	quotes "github.com/quotesproject/quotes"
)

// assets holds the page template and the static files the page loads.
//
//go:embed partials.html page.html quote.html speaker.html speakers.html claim.html static
var assets embed.FS

// templates renders the pages: page.html (search), quote.html (a quote's
// permalink) and speaker.html, from the blocks of partials.html (head,
// header, footer, hit, timeline). They are parsed once; a broken template
// is a programming error caught by the tests.
var templates = template.Must(template.New("pages").Funcs(template.FuncMap{"lower": strings.ToLower}).ParseFS(assets,
	"partials.html", "page.html", "quote.html", "speaker.html", "speakers.html", "claim.html"))

// chrome is what every page's head, header and footer show.
type chrome struct {
	Title     string
	Home      bool   // the search page: the site name is its heading
	OEmbed    string // the oEmbed discovery URL of this page, if any
	Canonical string
	// Feed is the Atom feed of what the page lists, if any: linked in the
	// head for readers to discover, and on the page.
	Feed string
	// Preview is what a link to the page shows when pasted in a chat or a
	// social network (Open Graph and Twitter card tags).
	Preview preview

	Script, Style, Palette, Icon string
}

// newChrome returns the chrome of a page titled title.
func (s *server) newChrome(r *http.Request, title string) chrome {
	return chrome{
		Title:   title,
		OEmbed:  s.oembedLink(r),
		Script:  assetURL("app.js"),
		Style:   assetURL("style.css"),
		Palette: assetURL("palette.css"),
		Icon:    assetURL("favicon.svg"),
	}
}

// renderPage executes the template name with d and writes it with status,
// or logs the failure and answers 500.
func (s *server) renderPage(w http.ResponseWriter, r *http.Request, status int, name string, d any) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, d); err != nil {
		s.logError(r, fmt.Errorf("render %s: %w", name, err))
		http.Error(w, internalMessage, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// staticFS is the static/ directory of assets.
var staticFS = func() fs.FS {
	sub, err := fs.Sub(assets, "static")
	if err != nil {
		panic(err)
	}
	return sub
}()

// assetVersions maps a static file name to a short hash of its content,
// put in the page's asset URLs so that caches pick up a new build.
var assetVersions = func() map[string]string {
	out := map[string]string{}
	_ = fs.WalkDir(staticFS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(staticFS, path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[path] = hex.EncodeToString(sum[:6])
		return nil
	})
	return out
}()

// assetURL returns the versioned URL of the static file name.
func assetURL(name string) string {
	return "/static/" + name + "?v=" + assetVersions[name]
}

// staticHandler serves the embedded static files under /static/, without
// directory listings.
func staticHandler() http.Handler {
	files := http.StripPrefix("/static/", http.FileServerFS(staticFS))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		if _, ok := assetVersions[name]; !ok {
			http.Error(w, "404 page not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=86400")
		files.ServeHTTP(w, r)
	})
}

// pageData is what the page template renders.
type pageData struct {
	chrome
	Form      formValues
	Kinds     []kindOption
	Sorts     []kindOption
	Filtering bool // a filter besides the query is set: open the filters

	Searched bool   // a search ran (the results section is shown)
	Error    string // a message for the user, instead of results
	Summary  string
	Hits     []hitView
	Speakers []facetView
	Outlets  []facetView
	KindsHit []facetView // the kind facet
	Clear    []facetView // the active filters, to remove
	Timeline *timelineView
	Prev     string
	Next     string
	First    string // the first page, from a page reached by cursor
	PageInfo string
	// ExportCSV and ExportJSONL download every match of the search.
	ExportCSV, ExportJSONL string
}

// formValues are the search form's fields, as the user gave them.
type formValues struct {
	Q, Speaker, Outlet, Kind, From, To, Sort string
	// Sure is set when the search keeps only attributions of confidence
	// 0.9 or more.
	Sure bool
	// Every is set when the search shows every appearance of a quote
	// (collapse=false).
	Every bool
}

// sortLabels name the orders for people.
var sortLabels = []kindOption{
	{Value: "", Label: "Best match"},
	{Value: string(quotes.SortNewest), Label: "Newest first"},
	{Value: string(quotes.SortOldest), Label: "Oldest first"},
}

// kindOption is one choice of the kind selector.
type kindOption struct {
	Value, Label string
	Selected     bool
}

// hitView is one quote as the page shows it.
type hitView struct {
	ID        string
	Text      []segment
	Context   []segment // the sentence around the quote, when it says more
	Permalink string    // the quote's page
	Speaker   string
	// SpeakerHref is the speaker's page.
	SpeakerHref string
	Role        string
	Cue         string
	Kind        string
	// Reported is set for reported speech and beliefs: words the
	// reporter gives, not the speaker's own (see embedHit).
	Reported bool
	Outlet   string
	Date     string // human form, empty when unknown
	DateISO  string // for <time datetime>
	URL      string // http(s) link to the article, empty for none
	Title    string
	Fallback string // the link text when the article has no title
	// Corrected says what an editor corrected, when and why ("speaker
	// corrected on 29 Nov 2026: named two lines up"); empty when nothing.
	Corrected string
	// Appearances says where else the quote appeared ("3 appearances,
	// first in AP on 19 May 2025"); empty when only here.
	Appearances string
}

// segment is a run of quote text, marked when it matched the query.
type segment struct {
	Text string
	Mark bool
}

// facetView is one facet term with the link that filters on it (or, when
// Active, removes the filter).
type facetView struct {
	Term   string
	Count  int
	Href   string
	Active bool
	Label  string // for Clear: what is filtered
}

// kindLabels name the kinds for people.
var kindLabels = []kindOption{
	{Value: "", Label: "Any kind"},
	{Value: string(quotes.KindDirect), Label: "Direct quote"},
	{Value: string(quotes.KindPartial), Label: "Partial quote"},
	{Value: string(quotes.KindIndirect), Label: "Reported speech"},
	{Value: string(quotes.KindBelief), Label: "Belief or finding"},
}

// handlePage serves GET /: the form, and the results of the search its
// parameters describe.
func (s *server) handlePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	title := "Quotes"
	if v := strings.TrimSpace(q.Get("q")); v != "" {
		title = v + " – Quotes"
	}
	d := pageData{
		chrome: s.newChrome(r, title),
		Form: formValues{
			Q: q.Get("q"), Speaker: q.Get("speaker"), Outlet: q.Get("outlet"),
			Kind: q.Get("kind"), From: q.Get("from"), To: q.Get("to"), Sort: q.Get("sort"),
			Sure: q.Get("min_confidence") != "", Every: q.Get("collapse") == "false",
		},
	}
	d.Home = true
	d.Filtering = d.Form.Speaker != "" || d.Form.Outlet != "" || d.Form.Kind != "" ||
		d.Form.From != "" || d.Form.To != "" || d.Form.Sort != "" || d.Form.Sure || d.Form.Every
	for _, k := range kindLabels {
		k.Selected = strings.EqualFold(k.Value, d.Form.Kind)
		d.Kinds = append(d.Kinds, k)
	}
	for _, k := range sortLabels {
		k.Selected = strings.EqualFold(k.Value, d.Form.Sort) || (k.Value == "" && strings.EqualFold(d.Form.Sort, "relevance"))
		d.Sorts = append(d.Sorts, k)
	}

	status := http.StatusOK
	p, err := parseSearch(q)
	if err == nil {
		var res searchResponse
		if res, err = s.search(r, p); err == nil {
			d.fill(q, p, res)
			d.Preview = searchPreview(p.req, res.Total, s.origin(r)+pageLink(q, map[string]string{"page": ""}))
		}
	}
	if err != nil {
		status, d.Error = statusOf(err)
		if status == http.StatusInternalServerError {
			s.logError(r, err)
			d.Error = "Something went wrong on our side; please try again."
		}
	}

	s.renderPage(w, r, status, "page.html", d)
}

// fill sets the results part of d from one page of results.
func (d *pageData) fill(q url.Values, p searchParams, res searchResponse) {
	d.Searched = true
	pages := int((res.Total + uint64(p.size) - 1) / uint64(p.size))
	switch {
	case res.Total == 0:
		d.Summary = "No quotes found."
	case len(res.Hits) == 0:
		d.Summary = pastLastPage(res.Total, p.page, pages)
	case res.Total == 1:
		d.Summary = "1 quote."
	default:
		first := (p.page-1)*p.size + 1
		last := min(first+len(res.Hits)-1, int(min(res.Total, uint64(maxResultWindow))))
		d.Summary = strconv.FormatUint(res.Total, 10) + " quotes; showing " +
			strconv.Itoa(first) + "–" + strconv.Itoa(last) + "."
	}
	switch {
	case p.req.After != "":
		// Past the pages by number: a cursor's page says how many it
		// shows, not where it is.
		d.Summary = strconv.FormatUint(res.Total, 10) + " quotes; showing " + strconv.Itoa(len(res.Hits)) + " more."
		if len(res.Hits) == 0 {
			d.Summary = strconv.FormatUint(res.Total, 10) + " quotes; no more after these."
		}
		d.First = pageLink(q, map[string]string{"after": "", "page": ""})
		if res.Next != "" {
			d.Next = pageLink(q, map[string]string{"after": res.Next, "page": ""})
		}
	default:
		if pages > 1 {
			d.PageInfo = "Page " + strconv.Itoa(p.page) + " of " + strconv.Itoa(pages)
		}
		if p.page > 1 {
			d.Prev = pageLink(q, map[string]string{"page": strconv.Itoa(min(p.page-1, max(pages, 1)))})
		}
		switch {
		case p.page < pages && p.page < maxResultWindow/p.size:
			d.Next = pageLink(q, map[string]string{"page": strconv.Itoa(p.page + 1)})
		case p.page < pages && res.Next != "":
			// The last page by number: the next ones by cursor.
			d.Next = pageLink(q, map[string]string{"after": res.Next, "page": ""})
		}
	}
	d.Feed = pathLink("/feeds/quotes.atom", q, map[string]string{"page": "", "size": "", "after": "", "sort": ""})
	if res.Total > 0 {
		d.ExportCSV = pathLink("/api/quotes", q, map[string]string{"format": formatCSV, "page": "", "size": "", "after": ""})
		d.ExportJSONL = pathLink("/api/quotes", q, map[string]string{"format": formatJSONL, "page": "", "size": "", "after": ""})
	}

	for _, h := range res.Hits {
		d.Hits = append(d.Hits, newHitView(h))
	}
	d.Speakers = facetViews(q, "speaker", p.req.Speaker, res.Facets["speaker"])
	d.Outlets = facetViews(q, "outlet", p.req.Outlet, res.Facets["outlet"])
	d.KindsHit = facetViews(q, "kind", string(p.req.Kind), res.Facets["kind"])
	for i := range d.KindsHit {
		d.KindsHit[i].Label = kindLabel(quotes.Kind(d.KindsHit[i].Term))
	}
	d.Timeline = newTimelineView(res.Timeline, p.req.From, p.req.To, func(from, to string) string {
		return pageLink(q, map[string]string{"from": from, "to": to, "page": ""})
	})
	for _, c := range []struct{ param, label, value string }{
		{"speaker", "Speaker", p.req.Speaker},
		{"outlet", "Outlet", p.req.Outlet},
		{"kind", "Kind", kindLabel(p.req.Kind)},
		{"from", "From", strings.TrimSpace(q.Get("from"))},
		{"to", "To", strings.TrimSpace(q.Get("to"))},
	} {
		if c.value != "" {
			d.Clear = append(d.Clear, facetView{Label: c.label, Term: c.value,
				Href: pageLink(q, map[string]string{c.param: "", "page": ""})})
		}
	}
}

// pastLastPage is the summary of a page beyond the last one.
func pastLastPage(total uint64, page, pages int) string {
	return plural(int(min(total, 1<<31-1)), "quote", "quotes") + "; page " + strconv.Itoa(page) +
		" is past the last page, " + strconv.Itoa(max(pages, 1)) + "."
}

// kindLabel names the kind k for people ("Direct quote"), or "" for none.
func kindLabel(k quotes.Kind) string {
	for _, o := range kindLabels {
		if o.Value != "" && o.Value == string(k) {
			return o.Label
		}
	}
	return ""
}

// facetViews links each term of a facet to the search filtered on it; the
// term already filtered on links to the search without the filter.
func facetViews(q url.Values, param, active string, fc []quotes.FacetCount) []facetView {
	var out []facetView
	for _, f := range fc {
		v := facetView{Term: f.Term, Count: f.Count, Active: f.Term == active}
		set := f.Term
		if v.Active {
			set = ""
		}
		v.Href = pageLink(q, map[string]string{param: set, "page": ""})
		out = append(out, v)
	}
	return out
}

// pageLink returns the page URL for the query q with the parameters in set
// replaced (an empty value removes one) and empty parameters dropped.
func pageLink(q url.Values, set map[string]string) string {
	return pathLink("/", q, set)
}

// pathLink is pageLink for the page at path.
func pathLink(path string, q url.Values, set map[string]string) string {
	v := url.Values{}
	for k, vs := range q {
		if len(vs) > 0 && strings.TrimSpace(vs[0]) != "" {
			v.Set(k, vs[0])
		}
	}
	if _, ok := set["page"]; ok {
		// A cursor belongs to one search and page: a link that changes
		// either starts from the first page, unless it sets one.
		if _, ok := set["after"]; !ok {
			v.Del("after")
		}
	}
	for k, val := range set {
		if val == "" {
			v.Del(k)
		} else {
			v.Set(k, val)
		}
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// newHitView shapes a hit for the page: the highlighted quote as segments,
// the date in two forms, and the article link only when it is http(s).
func newHitView(h quotes.Hit) hitView {
	q := h.Quote
	v := hitView{
		ID: q.ID, Speaker: q.Speaker, Role: q.Role, Cue: q.Cue, Outlet: q.Outlet,
		Title: q.Title, URL: safeLink(q.URL), Kind: kindLabel(q.Kind),
		Reported: q.Kind == quotes.KindIndirect || q.Kind == quotes.KindBelief,
	}
	if q.ID != "" {
		v.Permalink = quotePath(q.ID)
	}
	if c := q.Corrected; c != nil {
		v.Corrected = strings.Join(c.Fields, " and ") + " corrected"
		if !c.At.IsZero() {
			v.Corrected += " on " + c.At.UTC().Format("2 Jan 2006")
		}
		if c.Reason != "" {
			v.Corrected += ": " + c.Reason
		}
	}
	if q.Speaker != "" {
		v.SpeakerHref = speakerPath(q.Speaker)
	}
	v.Appearances = appearancesLine(&q)
	if !q.Published.IsZero() {
		t := q.Published.UTC()
		v.Date = t.Format("2 Jan 2006")
		v.DateISO = t.Format(time.DateOnly)
	}
	if v.URL != "" && v.Title == "" {
		if u, err := url.Parse(v.URL); err == nil {
			v.Fallback = u.Host
		}
	}
	if frags := h.Highlights["quote"]; len(frags) > 0 {
		for i, f := range frags {
			if i > 0 {
				v.Text = append(v.Text, segment{Text: " … "})
			}
			v.Text = append(v.Text, highlightSegments(f)...)
		}
	} else {
		v.Text = []segment{{Text: q.Text}}
	}
	if sent := strings.TrimSpace(q.Sentence); sent != "" && sent != strings.TrimSpace(q.Text) {
		if frags := h.Highlights["sentence"]; len(frags) > 0 {
			v.Context = highlightSegments(frags[0])
		} else {
			v.Context = []segment{{Text: sent}}
		}
	}
	return v
}

// appearancesLine says how often and where first q appeared: "3
// appearances, first in AP on 19 May 2025"; empty for one appearance.
func appearancesLine(q *quotes.Quote) string {
	if q.Appearances < 2 {
		return ""
	}
	line := fmt.Sprintf("%d appearances", q.Appearances)
	if f := q.First; f != nil {
		if f.Outlet != "" {
			line += ", first in " + f.Outlet
		} else {
			line += ", first"
		}
		if !f.Published.IsZero() {
			line += " on " + f.Published.UTC().Format("2 Jan 2006")
		}
	}
	return line
}

// quotePath is the path of the page of the quote with the given id.
func quotePath(id string) string { return "/quotes/" + url.PathEscape(id) }

// claimPath is the path of a claim's page.
func claimPath(id string) string { return "/claims/" + url.PathEscape(id) }

// speakerPath is the path of the page of the named speaker.
func speakerPath(name string) string { return "/speakers/" + url.PathEscape(name) }

// highlightSegments reads a highlight fragment, HTML-escaped text in which
// matched terms are wrapped in <mark>…</mark>, into plain-text segments.
// Only the exact tags <mark> and </mark> are taken as markup; the rest is
// unescaped into plain text, which the template escapes again. So nothing
// the index returns is ever trusted as HTML.
func highlightSegments(frag string) []segment {
	const open, closing = "<mark>", "</mark>"
	var out []segment
	mark := false
	add := func(s string) {
		if s == "" {
			return
		}
		s = html.UnescapeString(s)
		if n := len(out); n > 0 && out[n-1].Mark == mark {
			out[n-1].Text += s
			return
		}
		out = append(out, segment{Text: s, Mark: mark})
	}
	for frag != "" {
		i := strings.IndexByte(frag, '<')
		if i < 0 {
			add(frag)
			break
		}
		switch rest := frag[i:]; {
		case strings.HasPrefix(rest, open):
			add(frag[:i])
			mark = true
			frag = rest[len(open):]
		case strings.HasPrefix(rest, closing):
			add(frag[:i])
			mark = false
			frag = rest[len(closing):]
		default:
			add(frag[:i+1])
			frag = rest[1:]
		}
	}
	return out
}

// safeLink returns u when it is an absolute http or https URL, else "".
func safeLink(u string) string {
	u = strings.TrimSpace(u)
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
		return ""
	}
	return u
}
