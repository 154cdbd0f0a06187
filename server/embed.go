package server

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gorilla/mux"

	quotes "github.com/quotesproject/quotes"
)

// Limits and defaults of the widget.
const (
	embedDefaultSize   = 5   // quotes shown by /embed without size=
	embedMaxSize       = 20  // the largest size= of /embed
	embedMaxStatements = 6   // statements shown on a claim card
	embedPerGroup      = 2   // of which at most this many per side and stance
	embedQuoteChars    = 280 // a statement longer than this is shortened
	oembedWidth        = 600 // default and largest oEmbed width
	oembedHeight       = 400 // default and largest oEmbed height
	oembedCacheAge     = 3600
	// embedSureConfidence is the attribution confidence direct=1 keeps:
	// the page's "Only attributions we are sure of" (right at least 95
	// times in 100 on gold, see quotes.Quote.Confidence).
	embedSureConfidence = 0.9
)

// embedFiles holds the widget's template; its script and style are in
// static/ with the page's.
//
//go:embed embed.html
var embedFiles embed.FS

// embedTemplate renders GET /embed.
var embedTemplate = template.Must(template.New("embed.html").ParseFS(embedFiles, "embed.html"))

// oembedTemplate renders the html of an oEmbed answer. The style attribute
// is inserted in the consumer's page, not ours, so our CSP does not apply.
var oembedTemplate = template.Must(template.New("oembed").Parse(
	`<iframe src="{{.Src}}" width="{{.Width}}" height="{{.Height}}" title="{{.Title}}" ` +
		`loading="lazy" frameborder="0" style="border:0;max-width:100%"></iframe>`))

// widgetJS is the loader served at /widget.js.
var widgetJS = func() []byte {
	b, err := fs.ReadFile(staticFS, "widget.js")
	if err != nil {
		panic(err)
	}
	return b
}()

// searchKeys are the parameters of the search page that the widget takes
// too.
var searchKeys = []string{"q", "speaker", "outlet", "kind", "from", "to", "sort"}

// embedKeys are all the parameters of /embed, in the order they are put in
// its URLs.
var embedKeys = append(append([]string{}, searchKeys...), "page", "size", "quote", "claim", "search", "theme", "direct", "min_confidence")

// embedRoutes registers the widget's routes: /embed, /widget.js, /oembed.
func (s *server) embedRoutes(r *mux.Router, methods []string) {
	r.HandleFunc("/embed", s.handleEmbed).Methods(methods...)
	r.HandleFunc("/widget.js", s.handleWidget).Methods(methods...)
	r.HandleFunc("/oembed", s.handleOEmbed).Methods(methods...)
}

// embedQuery is the query of /embed, read and checked.
type embedQuery struct {
	search    searchParams
	searching bool   // run the search: no quote=, and not claim= alone
	quote     string // the id of the one quote to show
	claim     string // a claim id or text
	theme     string // "light", "dark", or "" to follow the reader's
	box       bool   // show the search box
	direct    bool   // only direct quotes with sure attributions
}

// parseEmbed reads the parameters of /embed. Its errors are EINVALID and
// name the parameter; what it read before the error is kept, so that the
// error page still has its theme and search box.
func parseEmbed(q url.Values) (embedQuery, error) {
	var e embedQuery
	switch v := strings.ToLower(strings.TrimSpace(q.Get("search"))); v {
	case "1", "true", "yes", "on":
		e.box = true
	case "", "0", "false", "no", "off":
	default:
		return e, quotes.Errorf(quotes.EINVALID, "search: %q is not 1 or 0", q.Get("search"))
	}
	switch v := strings.ToLower(strings.TrimSpace(q.Get("theme"))); v {
	case "light", "dark":
		e.theme = v
	case "", "auto":
	default:
		return e, quotes.Errorf(quotes.EINVALID, "theme: %q is not light, dark or auto", q.Get("theme"))
	}
	switch v := strings.ToLower(strings.TrimSpace(q.Get("direct"))); v {
	case "1", "true", "yes", "on":
		e.direct = true
	case "", "0", "false", "no", "off":
	default:
		return e, quotes.Errorf(quotes.EINVALID, "direct: %q is not 1 or 0", q.Get("direct"))
	}
	size, err := parsePositive(q, "size", embedDefaultSize, embedMaxSize)
	if err != nil {
		return e, err
	}
	sq := url.Values{}
	for k, vs := range q {
		sq[k] = vs
	}
	sq.Set("size", strconv.Itoa(size))
	if e.direct {
		// Direct quotes whose speaker we are sure of: what a publisher
		// can show in quotation marks under a name.
		sq.Set("kind", string(quotes.KindDirect))
		if c, err := strconv.ParseFloat(sq.Get("min_confidence"), 64); err != nil || c < embedSureConfidence {
			sq.Set("min_confidence", strconv.FormatFloat(embedSureConfidence, 'f', -1, 64))
		}
	}
	if e.search, err = parseSearch(sq); err != nil {
		return e, err
	}
	e.quote = strings.TrimSpace(q.Get("quote"))
	e.claim = strings.TrimSpace(q.Get("claim"))
	if len(e.claim) > maxClaimLength {
		return e, quotes.Errorf(quotes.EINVALID, "claim: %d bytes long; keep it under %d", len(e.claim), maxClaimLength)
	}
	e.searching = e.quote == "" && (e.claim == "" || hasAny(q, searchKeys))
	return e, nil
}

// hasAny reports whether q has a non-blank value for one of keys.
func hasAny(q url.Values, keys []string) bool {
	for _, k := range keys {
		if strings.TrimSpace(q.Get(k)) != "" {
			return true
		}
	}
	return false
}

// only returns the non-blank values of q for keys.
func only(q url.Values, keys []string) url.Values {
	out := url.Values{}
	for _, k := range keys {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			out.Set(k, v)
		}
	}
	return out
}

// embedData is what the widget template renders.
type embedData struct {
	Theme                  string
	Title                  string
	Style, Palette, Script string
	OEmbed                 string // the oEmbed discovery URL of this embed

	Box    bool          // show the search box
	Query  string        // its value
	Hidden []hiddenField // the other parameters, kept by the box

	Error string // what a reader is told
	// Detail is the error as the API gives it, for the site's editors
	// who set the widget up; empty for a failure of ours.
	Detail   string
	Claim    *claimCard
	Searched bool // a search ran: show its summary
	Summary  string
	Hits     []embedHit
	More     string // the full page, absolute
}

// hiddenField is a parameter the search box passes on.
type hiddenField struct{ Name, Value string }

// embedHit is a quote as the widget shows it, with absolute links to this
// server: the widget is framed by other sites.
type embedHit struct {
	hitView
	Link        string // the quote's page
	SpeakerLink string // the speaker's page, empty for none
	// Verb says how it was reported: the cue ("said", "called"), or
	// "said".
	Verb string
}

// claimCard is a claim as the widget shows it: the verdict and a handful
// of statements.
type claimCard struct {
	Text       string
	Found      bool
	Verdict    string // the label, capitalized
	Class      string // both, against, one or none: the badge's colour
	Summary    string
	Statements []statementView
	More       int // statements not shown
}

// statementView is one statement of a claim card.
type statementView struct {
	Side, Stance, StanceClass string
	Speaker, Role, Quote      string
	Outlet, URL, Date         string
	DateISO                   string
}

// stanceLabels name the stances for people.
var stanceLabels = map[quotes.Stance]string{
	quotes.StanceConfirms: "Confirms",
	quotes.StanceAsserts:  "Asserts",
	quotes.StanceDenies:   "Denies",
	quotes.StanceReports:  "Reports",
}

// handleEmbed serves GET /embed: quotes, a quote or a claim, compact and
// without the page's chrome, to be framed by other sites.
func (s *server) handleEmbed(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	origin := s.origin(r)
	d := embedData{
		Title:   embedTitle(q),
		Style:   assetURL("embed.css"),
		Palette: assetURL("palette.css"),
		Script:  assetURL("embed.js"),
		OEmbed:  s.oembedLink(r),
		Query:   q.Get("q"),
		More:    origin + pageLink(only(q, searchKeys), nil),
	}
	// The box keeps the parameters but its own, the page (a new search
	// starts at 1) and the quote (which would hide the search).
	for _, k := range embedKeys {
		if v := strings.TrimSpace(q.Get(k)); v != "" && k != "q" && k != "page" && k != "quote" {
			d.Hidden = append(d.Hidden, hiddenField{Name: k, Value: v})
		}
	}

	status := http.StatusOK
	fail := func(err error) {
		if d.Error != "" {
			return
		}
		status, d.Detail = statusOf(err)
		d.Error = readerMessage(err, status)
		if errors.Is(err, errNoClaims) {
			status, d.Detail = http.StatusServiceUnavailable, err.Error()
		} else if status == http.StatusInternalServerError {
			s.logError(r, err)
			d.Detail = ""
		}
	}
	e, err := parseEmbed(q)
	d.Theme, d.Box = e.theme, e.box
	if err != nil {
		fail(err)
	} else {
		if e.claim != "" {
			if d.Claim, err = s.embedClaim(r, e.claim); err != nil {
				fail(err)
			}
			if !hasAny(q, searchKeys) {
				d.More = origin + "/#claims"
				if d.Claim != nil {
					d.Title = "Quotes: " + shorten(d.Claim.Text, 100)
				}
			}
		}
		if e.quote != "" {
			if h, err := s.embedQuote(r, e.quote); err != nil {
				fail(err)
			} else {
				d.Hits = []embedHit{s.newEmbedHit(origin, h)}
				d.Title = embedTitle(url.Values{"speaker": {h.Speaker}})
			}
		}
		if e.searching {
			if res, err := s.search(r, e.search); err != nil {
				fail(err)
			} else {
				d.Searched = true
				d.Summary = embedSummary(e.search, res)
				for _, h := range res.Hits {
					d.Hits = append(d.Hits, s.newEmbedHit(origin, newHitView(h)))
				}
			}
		}
	}

	var buf bytes.Buffer
	if err := embedTemplate.Execute(&buf, d); err != nil {
		s.logError(r, fmt.Errorf("render embed: %w", err))
		http.Error(w, internalMessage, http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", s.embedCSP)
	h.Set("Content-Type", "text/html; charset=utf-8")
	if status == http.StatusOK {
		h.Set("Cache-Control", "public, max-age=300")
		s.varyOrigin(h)
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// readerMessage is what the widget tells a reader of a publisher's page
// when it cannot show its quotes: a sentence, not the API's message (the
// editors who set it up find that under it).
func readerMessage(err error, status int) string {
	switch {
	case errors.Is(err, errNoClaims):
		return "Claim checks are not available here."
	case status == http.StatusNotFound:
		return "This quote or claim is no longer available."
	case status == http.StatusServiceUnavailable || status == http.StatusTooManyRequests:
		return "The quotes are taking too long to load. Please try again in a moment."
	case status == http.StatusBadRequest:
		return "These quotes cannot be shown."
	}
	return "The quotes cannot be shown right now. Please try again later."
}

// newEmbedHit adds the absolute links of the quote and its speaker to v.
func (s *server) newEmbedHit(origin string, v hitView) embedHit {
	h := embedHit{hitView: v, Link: origin + v.Permalink}
	if v.Reported {
		// "Speaker said …" under a label, never in quotation marks,
		// which would put the reporter's words in the speaker's mouth.
		h.Verb = cmpOr(strings.ToLower(v.Cue), "said")
	}
	if v.SpeakerHref != "" {
		h.SpeakerLink = origin + v.SpeakerHref
	}
	return h
}

// embedQuote finds the quote with the given id.
func (s *server) embedQuote(r *http.Request, id string) (hitView, error) {
	q, err := s.svc.Quote(r.Context(), id)
	if err == nil && q == nil {
		err = quotes.Errorf(quotes.ENOTFOUND, "no quote with id %q", id)
	}
	if err != nil {
		return hitView{}, fmt.Errorf("embed quote %q: %w", id, err)
	}
	return newHitView(quotes.Hit{Quote: *q}), nil
}

// errNoClaims answers claim= on a server without a claim tracker.
var errNoClaims = errors.New("claim tracking is not available on this server")

// embedClaim finds the claim with the id v, or else checks v as the text
// of a claim.
func (s *server) embedClaim(r *http.Request, v string) (*claimCard, error) {
	if s.claims == nil {
		return nil, errNoClaims
	}
	c, err := s.claims.Claim(r.Context(), v)
	if err == nil && c != nil {
		return newClaimCard(detail(*c, true)), nil
	}
	if err != nil && quotes.ErrorCode(err) != quotes.ENOTFOUND {
		return nil, fmt.Errorf("embed claim %q: %w", v, err)
	}
	res, err := s.claims.Check(r.Context(), v)
	if err != nil {
		return nil, fmt.Errorf("embed check %q: %w", v, err)
	}
	if res == nil {
		res = &quotes.CheckResult{Claim: quotes.Claim{Text: v}}
	}
	if res.Claim.Text == "" {
		res.Claim.Text = v
	}
	return newClaimCard(detail(res.Claim, res.Found)), nil
}

// newClaimCard shapes a claim detail for the widget: up to
// embedMaxStatements statements, embedPerGroup per side and stance, in the
// order of the detail's groups.
func newClaimCard(d claimDetail) *claimCard {
	c := &claimCard{
		Text: d.Text, Found: d.Found, Summary: strings.TrimSpace(d.Verdict.Summary),
		Verdict: capitalize(d.VerdictLabel), Class: verdictClass(d.Verdict),
	}
	if c.Verdict == "" {
		c.Verdict = "No verdict"
	}
	if !d.Found {
		c.Summary = "Nothing in the index bears on this claim."
	}
	c.Summary = strings.TrimSuffix(c.Summary, ":")
	total := 0
	for _, g := range d.Groups {
		total += len(g.Statements)
		for i, st := range g.Statements {
			if i >= embedPerGroup || len(c.Statements) >= embedMaxStatements {
				break
			}
			v := statementView{
				Side: g.Side, Stance: stanceLabels[g.Stance], StanceClass: string(g.Stance),
				Speaker: st.Speaker, Role: st.Role, Quote: shorten(st.Quote, embedQuoteChars),
				Outlet: st.Outlet, URL: safeLink(st.URL),
			}
			if v.Stance == "" {
				v.Stance, v.StanceClass = "Silent", "silent"
			}
			if !st.Published.IsZero() {
				t := st.Published.UTC()
				v.Date, v.DateISO = t.Format("2 Jan 2006"), t.Format(time.DateOnly)
			}
			c.Statements = append(c.Statements, v)
		}
	}
	c.More = total - len(c.Statements)
	return c
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return strings.ToUpper(string(r)) + s[n:]
}

// shorten cuts s to about n bytes at a space, marking the cut with "…".
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

// embedSummary is the total line of the widget.
func embedSummary(p searchParams, res searchResponse) string {
	switch {
	case res.Total == 0:
		return "No quotes found."
	case res.Total == 1:
		return "1 quote."
	case len(res.Hits) == 0:
		return strconv.FormatUint(res.Total, 10) + " quotes; none on this page."
	case res.Total == uint64(len(res.Hits)):
		return strconv.FormatUint(res.Total, 10) + " quotes."
	}
	first := (p.page-1)*p.size + 1
	last := first + len(res.Hits) - 1
	return "Showing " + strconv.Itoa(first) + "–" + strconv.Itoa(last) + " of " +
		strconv.FormatUint(res.Total, 10) + " quotes."
}

// embedTitle names an embed by what it shows, for its <title> and its
// iframe's title.
func embedTitle(q url.Values) string {
	for _, k := range []string{"q", "claim", "speaker", "outlet"} {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			return "Quotes: " + shorten(v, 100)
		}
	}
	return "Quotes"
}

// handleWidget serves GET /widget.js, the one-line loader that other sites
// include to frame /embed.
func (s *server) handleWidget(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/javascript; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=3600")
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("ETag", `"`+assetVersions["widget.js"]+`"`)
	http.ServeContent(w, r, "widget.js", time.Time{}, bytes.NewReader(widgetJS))
}

// oembedLink returns the oEmbed discovery URL of the page r asks for, for
// a <link rel="alternate" type="application/json+oembed"> in its head.
func (s *server) oembedLink(r *http.Request) string {
	origin := s.origin(r)
	return origin + "/oembed?url=" + url.QueryEscape(origin+r.URL.RequestURI()) + "&format=json"
}

// oembedResponse is an oEmbed 1.0 answer of type rich.
type oembedResponse struct {
	Version      string `json:"version"`
	Type         string `json:"type"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	Title        string `json:"title"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	CacheAge     int    `json:"cache_age"`
}

// handleOEmbed serves GET /oembed?url=&maxwidth=&maxheight=&format=json
// (https://oembed.com): the iframe that embeds a page of this server.
func (s *server) handleOEmbed(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	w.Header().Set("Access-Control-Allow-Origin", "*")
	if f := q.Get("format"); f != "" && f != "json" {
		writeError(w, http.StatusNotImplemented, fmt.Sprintf("format %q is not supported; only json is", f))
		return
	}
	raw := strings.TrimSpace(q.Get("url"))
	if raw == "" {
		writeError(w, http.StatusBadRequest, "missing parameter url: the page to embed")
		return
	}
	maxW, err := parsePositive(q, "maxwidth", 0, 0)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	maxH, err := parsePositive(q, "maxheight", 0, 0)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	origin := s.origin(r)
	params, title, err := s.oembedTarget(r, origin, raw)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := oembedResponse{
		Version: "1.0", Type: "rich", ProviderName: "Quotes", ProviderURL: origin + "/",
		Title: title, Width: oembedWidth, Height: oembedHeight, CacheAge: oembedCacheAge,
	}
	if maxW > 0 {
		out.Width = min(maxW, oembedWidth)
	}
	if maxH > 0 {
		out.Height = min(maxH, oembedHeight)
	}
	src := origin + "/embed"
	if len(params) > 0 {
		src += "?" + params.Encode()
	}
	var buf bytes.Buffer
	err = oembedTemplate.Execute(&buf, struct {
		Src, Title    string
		Width, Height int
	}{src, title, out.Width, out.Height})
	if err != nil {
		s.apiError(w, r, fmt.Errorf("render oembed html: %w", err))
		return
	}
	out.HTML = buf.String()
	w.Header().Set("Cache-Control", "public, max-age="+strconv.Itoa(oembedCacheAge))
	s.varyOrigin(w.Header())
	writeJSON(w, http.StatusOK, out)
}

// oembedTarget maps raw, the URL of a page of this server, to the query of
// the /embed that shows it and to its title. A URL of another origin or of
// a page that has no embed is ENOTFOUND; one that is not an absolute URL or
// whose embed would have bad parameters is EINVALID.
func (s *server) oembedTarget(r *http.Request, origin, raw string) (url.Values, string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, "", quotes.Errorf(quotes.EINVALID, "url: %q is not an absolute http(s) URL", raw)
	}
	base, err := url.Parse(origin)
	if err != nil || !strings.EqualFold(u.Scheme, base.Scheme) || !strings.EqualFold(u.Host, base.Host) {
		return nil, "", quotes.Errorf(quotes.ENOTFOUND, "url: %q is not a page of this server (%s)", raw, origin)
	}
	path := u.EscapedPath()
	q := u.Query()
	var params url.Values
	title := ""
	switch {
	case path == "" || path == "/":
		params = only(q, searchKeys)
	case path == "/embed":
		params = only(q, embedKeys)
	case strings.HasPrefix(path, "/quotes/"):
		id, err := url.PathUnescape(strings.TrimPrefix(path, "/quotes/"))
		if err != nil || id == "" || strings.Contains(id, "/") {
			return nil, "", quotes.Errorf(quotes.ENOTFOUND, "url: %q is not a quote page", raw)
		}
		h, err := s.embedQuote(r, id)
		if err != nil {
			return nil, "", err
		}
		params = url.Values{"quote": {id}}
		title = embedTitle(url.Values{"speaker": {h.Speaker}})
	case strings.HasPrefix(path, "/speakers/"):
		name, err := url.PathUnescape(strings.TrimPrefix(path, "/speakers/"))
		if err != nil || strings.TrimSpace(name) == "" {
			return nil, "", quotes.Errorf(quotes.ENOTFOUND, "url: %q is not a speaker page", raw)
		}
		// As the speaker's page does, an unknown speaker is not found.
		res, err := s.svc.Search(r.Context(), quotes.SearchRequest{Speaker: strings.TrimSpace(name), Size: 1})
		if err != nil {
			return nil, "", fmt.Errorf("oembed speaker %q: %w", name, err)
		}
		if res == nil || res.Total == 0 {
			return nil, "", quotes.Errorf(quotes.ENOTFOUND, "url: no quotes by %q", name)
		}
		params = url.Values{"speaker": {name}}
	default:
		return nil, "", quotes.Errorf(quotes.ENOTFOUND,
			"url: %s has no embed; embeddable pages are /, /embed, /quotes/{id} and /speakers/{name}", u.Path)
	}
	if _, err := parseEmbed(params); err != nil {
		return nil, "", quotes.Errorf(quotes.EINVALID, "url: %s", quotes.ErrorMessage(err))
	}
	if title == "" {
		title = embedTitle(params)
	}
	return params, title, nil
}
