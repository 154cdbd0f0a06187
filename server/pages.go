package server

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	quotes "github.com/quotesproject/quotes"
)

// quotePageData is what quote.html renders: one quote, its citation and
// its schema.org Quotation.
type quotePageData struct {
	chrome
	Hit hitView
	// Appearances lists the articles the quote appeared in, when more
	// than this one.
	Appearances []appearanceView
	Citation    string
	JSONLD      template.JS // JSON, with <, > and & escaped by encoding/json
	Error       string
}

// handleQuotePage serves GET /quotes/{id}: a quote's permalink page.
func (s *server) handleQuotePage(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	d := quotePageData{chrome: s.newChrome(r, "Quote – Quotes")}
	q, err := s.svc.Quote(r.Context(), id)
	if err == nil && q == nil {
		err = quotes.Errorf(quotes.ENOTFOUND, "no quote with id %q", id)
	}
	if err != nil {
		status, msg := s.pageError(r, fmt.Sprintf("quote page %q", id), err)
		d.Title, d.Error, d.OEmbed = "Quote not found – Quotes", msg, ""
		s.renderPage(w, r, status, "quote.html", d)
		return
	}
	origin := s.origin(r)
	d.Hit = newHitView(quotes.Hit{Quote: *q})
	if q.Appearances > 1 {
		aps, err := s.svc.Appearances(r.Context(), q.ID)
		if err != nil { // the page stands without them
			s.logError(r, fmt.Errorf("quote page %q: %w", id, err))
		}
		for _, a := range aps {
			d.Appearances = append(d.Appearances, newAppearanceView(a, q.ID))
		}
	}
	d.Canonical = origin + quotePath(q.ID)
	d.Title = quoteTitle(q) + " – Quotes"
	d.Citation = citation(q, d.Canonical)
	d.Preview = quotePreview(q, d.Canonical)
	ld, err := json.Marshal(quotationLD(q, d.Canonical))
	if err != nil {
		s.logError(r, fmt.Errorf("quote page %q: JSON-LD: %w", id, err))
	}
	d.JSONLD = template.JS(ld)
	s.renderPage(w, r, http.StatusOK, "quote.html", d)
}

// appearanceView is one appearance of a quote on its page.
type appearanceView struct {
	Outlet, Date, DateISO string
	URL, Title, Fallback  string // the article, as in hitView
	Href                  string // that appearance's quote page
	First, This           bool
}

func newAppearanceView(a quotes.Appearance, this string) appearanceView {
	v := appearanceView{Outlet: a.Outlet, URL: safeLink(a.URL), Title: a.Title, Href: quotePath(a.QuoteID),
		First: a.First, This: a.QuoteID == this}
	if !a.Published.IsZero() {
		v.Date, v.DateISO = a.Published.UTC().Format("2 Jan 2006"), a.Published.UTC().Format(time.DateOnly)
	}
	if v.Title == "" {
		v.Fallback = a.ArticleID
		if u, err := url.Parse(v.URL); err == nil && u.Host != "" {
			v.Fallback = u.Host
		}
	}
	return v
}

// quoteTitle names a quote for a page title: its speaker and its first
// words.
func quoteTitle(q *quotes.Quote) string {
	text := q.Text
	if words := strings.Fields(text); len(words) > 12 {
		text = strings.Join(words[:12], " ") + "…"
	}
	who := q.Speaker
	if who == "" {
		who = "Unattributed"
	}
	return who + ": “" + text + "”"
}

// citation is the plain-text citation of a quote that the page offers to
// copy: who, where, when, what, and the link to it.
func citation(q *quotes.Quote, permalink string) string {
	var b strings.Builder
	who := q.Speaker
	if who == "" {
		who = "Unattributed speaker"
	}
	b.WriteString(who)
	if q.Role != "" {
		b.WriteString(" (" + q.Role + ")")
	}
	var src []string
	if q.Title != "" {
		src = append(src, "“"+q.Title+"”")
	}
	if q.Outlet != "" {
		src = append(src, q.Outlet)
	}
	if !q.Published.IsZero() {
		src = append(src, q.Published.UTC().Format("2 January 2006"))
	}
	if len(src) > 0 {
		b.WriteString(", quoted in " + strings.Join(src, ", "))
	}
	b.WriteString(": “" + q.Text + "”")
	if u := safeLink(q.URL); u != "" {
		b.WriteString(" " + u)
	}
	b.WriteString(" (via Quotes: " + permalink + ")")
	return b.String()
}

// quotationLD is the schema.org Quotation of a quote, as JSON-LD.
func quotationLD(q *quotes.Quote, permalink string) map[string]any {
	ld := map[string]any{
		"@context": "https://schema.org",
		"@type":    "Quotation",
		"@id":      permalink,
		"url":      permalink,
		"text":     q.Text,
	}
	if q.Speaker != "" {
		person := map[string]any{"@type": "Person", "name": q.Speaker}
		if q.Role != "" {
			person["jobTitle"] = q.Role
		}
		ld["creator"] = person
	}
	article := map[string]any{"@type": "NewsArticle"}
	if q.Title != "" {
		article["headline"] = q.Title
	}
	if u := safeLink(q.URL); u != "" {
		article["url"] = u
	}
	if q.Outlet != "" {
		article["publisher"] = map[string]any{"@type": "Organization", "name": q.Outlet}
	}
	if !q.Published.IsZero() {
		article["datePublished"] = q.Published.UTC().Format(time.RFC3339)
		ld["datePublished"] = article["datePublished"]
	}
	if len(article) > 1 {
		ld["isPartOf"] = article
	}
	return ld
}

// speakerPageData is what speaker.html renders: a speaker's quotes over
// time and the claims they took part in.
type speakerPageData struct {
	chrome
	Name string
	// Variants are the other names the speaker is quoted under;
	// Candidates, for a surname several speakers share, their pages.
	Variants   []string
	Candidates []facetView
	Roles      []string
	Path       string // the page's own path, the form's action
	Form       formValues
	Error      string
	NotFound   bool // no such speaker: no form either
	Summary    string
	Hits       []hitView
	Outlets    []facetView
	Timeline   *timelineView
	Prev       string
	Next       string
	PageInfo   string
	Claims     []speakerClaim
	// ClaimsNote says why there are no claims to list, when there are none.
	ClaimsNote string
}

// speakerClaim is a claim a speaker took part in, with their stance.
type speakerClaim struct {
	Text string
	ID   string
	// Href is the claim's card: the widget's, which needs no script; the
	// page's script opens it in the Claims tab instead.
	Href    string
	Verdict string
	Class   string // verdict look: both, against, one, none
	Stances []string
}

// maxSpeakerClaims bounds the claims a speaker page lists, maxVariants the
// other names it shows.
const (
	maxSpeakerClaims = 20
	maxVariants      = 8
)

// speakerRedirectAge is how long a browser may keep the redirect from a
// variant of a speaker's name to the canonical page: the canonical name
// can change as articles come in, so not forever.
const speakerRedirectAge = "max-age=3600"

// handleSpeakerPage serves GET /speakers/{name}: the speaker's quotes,
// newest first and searchable, their timeline and their claims. A variant
// of the name ("donald trump", "Donald J. Trump") is redirected, with its
// query, to the page under the canonical name.
func (s *server) handleSpeakerPage(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimSpace(mux.Vars(r)["name"])
	sp, err := s.svc.Speaker(r.Context(), name)
	switch {
	case err == nil && sp != nil && sp.Name != name && sp.Name != "":
		target := speakerPath(sp.Name)
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		w.Header().Set("Cache-Control", speakerRedirectAge)
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	case err != nil && quotes.ErrorCode(err) != quotes.ENOTFOUND:
		// The page can do without: the search below finds the
		// quotes under the name as given.
		s.logError(r, fmt.Errorf("speaker page %q: resolve: %w", name, err))
		sp = nil
	case err != nil:
		sp = nil
	}
	q := r.URL.Query()
	path := speakerPath(name)
	d := speakerPageData{
		chrome: s.newChrome(r, name+" – Quotes"),
		Name:   name, Path: path,
		Form: formValues{Q: q.Get("q"), From: q.Get("from"), To: q.Get("to")},
	}
	d.Canonical = s.origin(r) + path
	d.Feed = "/feeds/quotes.atom?speaker=" + strings.ReplaceAll(url.QueryEscape(name), "+", "%20")
	link := func(set map[string]string) string { return pathLink(path, q, set) }
	if sp != nil {
		for _, v := range sp.Variants {
			if v != name && len(d.Variants) < maxVariants {
				d.Variants = append(d.Variants, v)
			}
		}
		for _, c := range sp.Candidates {
			d.Candidates = append(d.Candidates, facetView{Term: c, Href: speakerPath(c)})
		}
	}

	// The speaker's page searches their quotes by words and dates; other
	// filters of the search page do not apply here.
	for _, k := range []string{"speaker", "outlet", "kind", "article"} {
		q.Del(k)
	}
	p, err := parseSearch(q)
	filtered := p.req.Query != "" || !p.req.From.IsZero() || !p.req.To.IsZero()
	var res searchResponse
	if err == nil {
		p.req.Speaker = name
		if p.req.Sort == quotes.SortRelevance && p.req.Query == "" {
			p.req.Sort = quotes.SortNewest
		}
		res, err = s.search(r, p)
	}
	if err == nil && res.Total == 0 && !filtered {
		err = quotes.Errorf(quotes.ENOTFOUND, "no quotes by %q", name)
	}
	if err != nil {
		status, msg := s.pageError(r, fmt.Sprintf("speaker page %q", name), err)
		d.Error = msg
		d.NotFound = status == http.StatusNotFound
		if d.NotFound {
			d.OEmbed = ""
		}
		s.renderPage(w, r, status, "speaker.html", d)
		return
	}

	pages := int((res.Total + uint64(p.size) - 1) / uint64(p.size))
	d.Summary = plural(int(min(res.Total, uint64(1<<31-1))), "quote", "quotes")
	switch {
	case len(res.Hits) == 0 && res.Total > 0:
		d.Summary = pastLastPage(res.Total, p.page, pages)
	case filtered:
		d.Summary += " match."
		if res.Total == 1 {
			d.Summary = "1 quote matches."
		}
	default:
		d.Summary += "."
	}
	for _, h := range res.Hits {
		v := newHitView(h)
		d.Hits = append(d.Hits, v)
		if h.Quote.Role != "" && !slices.Contains(d.Roles, h.Quote.Role) && len(d.Roles) < 3 {
			d.Roles = append(d.Roles, h.Quote.Role)
		}
	}
	for _, f := range res.Facets["outlet"] {
		d.Outlets = append(d.Outlets, facetView{Term: f.Term, Count: f.Count,
			Href: pageLink(url.Values{}, map[string]string{"speaker": name, "outlet": f.Term})})
	}
	d.Timeline = newTimelineView(res.Timeline, p.req.From, p.req.To, func(from, to string) string {
		return link(map[string]string{"from": from, "to": to, "page": ""})
	})
	if pages > 1 {
		d.PageInfo = "Page " + strconv.Itoa(p.page) + " of " + strconv.Itoa(pages)
	}
	if p.page > 1 {
		d.Prev = link(map[string]string{"page": strconv.Itoa(min(p.page-1, max(pages, 1)))})
	}
	if p.page < pages && p.page < maxResultWindow/p.size {
		d.Next = link(map[string]string{"page": strconv.Itoa(p.page + 1)})
	}
	d.Preview = speakerPreview(name, res.Total, d.Roles, d.Canonical)
	s.speakerClaims(r, &d)
	s.renderPage(w, r, http.StatusOK, "speaker.html", d)
}

// speakerClaims fills in the claims the speaker of d took part in. A
// failure of the claim tracker is logged and noted on the page: the
// quotes are still worth showing.
func (s *server) speakerClaims(r *http.Request, d *speakerPageData) {
	if s.claims == nil {
		d.ClaimsNote = "Claim tracking is not enabled on this server."
		return
	}
	list, err := s.claims.Claims(r.Context(), quotes.ClaimRequest{Speaker: d.Name, Size: maxSpeakerClaims})
	if err != nil {
		s.logError(r, fmt.Errorf("speaker page %q: claims: %w", d.Name, err))
		d.ClaimsNote = "The claims could not be loaded; please try again."
		return
	}
	// A statement is the speaker's when its speaker is one of their
	// names; each name is resolved once.
	theirs := map[string]bool{}
	isTheirs := func(who string) bool {
		if ok, seen := theirs[who]; seen {
			return ok
		}
		ok := strings.EqualFold(who, d.Name)
		if !ok {
			sp, err := s.svc.Speaker(r.Context(), who)
			ok = err == nil && sp != nil && sp.Name == d.Name
		}
		theirs[who] = ok
		return ok
	}
	for _, c := range list.Claims {
		sc := speakerClaim{Text: c.Text, ID: c.ID, Href: claimPath(c.ID),
			Verdict: capitalize(c.Verdict.Label), Class: verdictClass(c.Verdict)}
		for _, st := range c.Statements {
			if isTheirs(st.Speaker) && !slices.Contains(sc.Stances, string(st.Stance)) {
				sc.Stances = append(sc.Stances, string(st.Stance))
			}
		}
		for i, st := range sc.Stances {
			sc.Stances[i] = capitalize(st)
		}
		d.Claims = append(d.Claims, sc)
	}
	if len(d.Claims) == 0 {
		d.ClaimsNote = "No tracked claims yet."
	}
}

// verdictClass sorts a verdict into the four looks of the page's badges,
// as app.js does.
func verdictClass(v quotes.Verdict) string {
	label := strings.ToLower(v.Label)
	switch {
	case v.BothSides:
		return "both"
	case label == "disputed" || label == "denied":
		return "against"
	case strings.Contains(label, "one side"):
		return "one"
	}
	return "none"
}

// claimPageData is what claim.html renders: a claim, its verdict and its
// statements by side and stance, each with the words that decided it.
type claimPageData struct {
	chrome
	Claim          quotes.Claim
	Verdict, Class string
	Seen           string // the days it was told on: "2017-12-13 to 2017-12-20"
	Groups         []claimPageGroup
	Error          string
}

// claimPageGroup is the statements of one side with one stance.
type claimPageGroup struct {
	Side       string
	Stance     quotes.Stance
	Statements []claimPageStatement
}

// claimPageStatement is a statement with the links and date the page
// shows.
type claimPageStatement struct {
	quotes.Statement
	SpeakerHref, QuoteHref, Date string
}

// handleClaimPage serves GET /claims/{id}: a claim's shareable page,
// with the same reasons the API gives.
func (s *server) handleClaimPage(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	d := claimPageData{chrome: s.newChrome(r, "Claim – Quotes")}
	var c *quotes.Claim
	var err error = quotes.Errorf(quotes.ENOTFOUND, "claim tracking is not enabled on this server")
	if s.claims != nil {
		c, err = s.claims.Claim(r.Context(), id)
	}
	if err != nil {
		status, msg := s.pageError(r, fmt.Sprintf("claim page %q", id), err)
		d.Title, d.Error, d.OEmbed = "Claim not found – Quotes", msg, ""
		s.renderPage(w, r, status, "claim.html", d)
		return
	}
	d.Claim = *c
	d.Canonical = s.origin(r) + claimPath(c.ID)
	d.Feed = "/feeds" + claimPath(c.ID) + ".atom"
	d.Preview = claimPreview(c, d.Canonical)
	d.Title = c.Text + " – Quotes"
	d.Verdict, d.Class = capitalize(c.Verdict.Label), verdictClass(c.Verdict)
	if !c.FirstSeen.IsZero() {
		d.Seen = c.FirstSeen.Format("2006-01-02")
		if !c.LastSeen.Equal(c.FirstSeen) {
			d.Seen += " to " + c.LastSeen.Format("2006-01-02")
		}
	}
	for _, g := range detail(*c, true).Groups {
		pg := claimPageGroup{Side: g.Side, Stance: g.Stance}
		for _, st := range g.Statements {
			ps := claimPageStatement{Statement: st, SpeakerHref: speakerPath(st.Speaker), QuoteHref: quotePath(st.QuoteID)}
			if !st.Published.IsZero() {
				ps.Date = st.Published.Format("2006-01-02")
			}
			pg.Statements = append(pg.Statements, ps)
		}
		d.Groups = append(d.Groups, pg)
	}
	s.renderPage(w, r, http.StatusOK, "claim.html", d)
}

// pageError gives the status and the message a page shows for a failed
// lookup: the error's own for a bad request or a missing thing, a plain
// apology (and a log line naming what failed) for a failure of ours.
func (s *server) pageError(r *http.Request, what string, err error) (int, string) {
	status, msg := statusOf(err)
	if status == http.StatusInternalServerError {
		s.logError(r, fmt.Errorf("%s: %w", what, err))
		msg = "Something went wrong on our side; please try again."
	}
	return status, msg
}
