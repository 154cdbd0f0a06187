package server

import (
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/feeds"
	"github.com/gorilla/mux"

	quotes "github.com/quotesproject/quotes"
)

// Atom feeds: the newest quotes of any search (/feeds/quotes.atom with
// the search's parameters, a speaker's feed being speaker=NAME) and the
// newest statements of a claim (/feeds/claims/{id}.atom), for an editor to
// follow in a feed reader or a chat channel. gorilla/feeds writes the
// Atom.
const (
	// feedEntries is how many entries a feed holds, newest first.
	feedEntries = 50
	// feedTitleRunes bounds the quote in an entry's title.
	feedTitleRunes = 120
	atomType       = "application/atom+xml; charset=utf-8"
	// contextMinBytes is how much longer than the quote its sentence must
	// be to be shown as its context: more than quotation marks.
	contextMinBytes = 12
)

// handleQuotesFeed serves GET /feeds/quotes.atom: the newest quotes of the
// search its parameters describe (those of GET /api/quotes; sort, page,
// size and after do not apply).
func (s *server) handleQuotesFeed(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	for _, k := range []string{"sort", "page", "size", "after", "format"} {
		q.Del(k)
	}
	p, err := parseSearch(q)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	p.req.Sort, p.req.Size, p.req.Offset = quotes.SortNewest, feedEntries, 0
	res, err := s.svc.Search(r.Context(), p.req)
	if err != nil {
		s.apiError(w, r, fmt.Errorf("feed %q: %w", p.req.Query, err))
		return
	}
	origin := s.origin(r)
	f := &feeds.Feed{
		Title:       "Quotes: " + searchTitle(p.req),
		Link:        &feeds.Link{Href: origin + pageLink(q, nil)},
		Description: "The newest quotes of this search, from " + origin,
		Author:      &feeds.Author{Name: "quotes"},
	}
	for _, h := range res.Hits {
		f.Items = append(f.Items, quoteEntry(origin, &h.Quote))
	}
	s.writeFeed(w, r, f)
}

// searchTitle names a search for a feed's title: its query and filters.
func searchTitle(req quotes.SearchRequest) string {
	var parts []string
	if req.Query != "" {
		parts = append(parts, req.Query)
	}
	for _, f := range []struct{ label, v string }{
		{"speaker", req.Speaker}, {"outlet", req.Outlet}, {"kind", string(req.Kind)}, {"article", req.ArticleID},
	} {
		if f.v != "" {
			parts = append(parts, f.label+" "+f.v)
		}
	}
	if !req.From.IsZero() {
		parts = append(parts, "from "+req.From.Format(time.DateOnly))
	}
	if !req.To.IsZero() {
		parts = append(parts, "to "+req.To.Format(time.DateOnly))
	}
	if req.MinConfidence > 0 {
		parts = append(parts, "sure attributions")
	}
	if req.Appearances {
		parts = append(parts, "every appearance")
	}
	if len(parts) == 0 {
		return "every quote"
	}
	return strings.Join(parts, ", ")
}

// quoteEntry is the feed entry of q: who said what, as a title; the quote,
// its speaker and role, outlet, date and sentence, and the article, as
// content; the quote's page as link and id.
func quoteEntry(origin string, q *quotes.Quote) *feeds.Item {
	speaker := cmpOr(q.Speaker, "Unattributed")
	text := strings.Join(strings.Fields(q.Text), " ")
	short := clip(strings.TrimRight(text, ",;: "), feedTitleRunes) // the comma before "he said" ends no title
	title := speaker + ": “" + short + "”"
	if q.Kind == quotes.KindIndirect || q.Kind == quotes.KindBelief {
		title = speaker + " (reported): " + short
	}
	link := origin + quotePath(q.ID)
	var b strings.Builder
	if q.Kind == quotes.KindIndirect || q.Kind == quotes.KindBelief {
		fmt.Fprintf(&b, "<p>%s, reported: %s</p>", html.EscapeString(speaker), html.EscapeString(text))
	} else {
		fmt.Fprintf(&b, "<blockquote><p>%s</p></blockquote>", html.EscapeString(text))
	}
	about := []string{"— " + speaker}
	if q.Role != "" {
		about[0] += " (" + q.Role + ")"
	}
	if q.Outlet != "" {
		about = append(about, q.Outlet)
	}
	if !q.Published.IsZero() {
		about = append(about, q.Published.UTC().Format("2 January 2006"))
	}
	fmt.Fprintf(&b, "<p>%s</p>", html.EscapeString(strings.Join(about, ", ")))
	// The sentence when it says more than the quote and its marks.
	if sentence := strings.Join(strings.Fields(q.Sentence), " "); len(sentence) > len(text)+contextMinBytes {
		fmt.Fprintf(&b, "<p>In context: %s</p>", html.EscapeString(q.Sentence))
	}
	if u := safeLink(q.URL); u != "" {
		fmt.Fprintf(&b, `<p><a href="%s">%s</a></p>`, html.EscapeString(u), html.EscapeString(cmpOr(q.Title, "The article")))
	}
	return &feeds.Item{
		Title:   title,
		Link:    &feeds.Link{Href: link},
		Id:      link,
		Author:  &feeds.Author{Name: speaker},
		Content: b.String(),
		Updated: q.Published,
		Created: q.Published,
	}
}

// handleClaimFeed serves GET /feeds/claims/{id}.atom: the newest
// statements of a claim, each with its speaker, side and stance.
func (s *server) handleClaimFeed(w http.ResponseWriter, r *http.Request) {
	if s.claims == nil {
		s.apiError(w, r, quotes.Errorf(quotes.ENOTFOUND, "this server tracks no claims"))
		return
	}
	id := mux.Vars(r)["id"]
	c, err := s.claims.Claim(r.Context(), id)
	if err == nil && c == nil {
		err = quotes.Errorf(quotes.ENOTFOUND, "no claim with id %q", id)
	}
	if err != nil {
		s.apiError(w, r, fmt.Errorf("claim feed %q: %w", id, err))
		return
	}
	origin := s.origin(r)
	page := origin + claimPath(c.ID)
	f := &feeds.Feed{
		Title:       "Claim: " + clip(c.Text, feedTitleRunes),
		Link:        &feeds.Link{Href: page},
		Description: "Statements on this claim; verdict: " + c.Verdict.Label,
		Author:      &feeds.Author{Name: "quotes"},
	}
	sts := newestStatements(c.Statements, feedEntries)
	for _, st := range sts {
		speaker := cmpOr(st.Speaker, "Unattributed")
		side := ""
		if st.Side != "" {
			side = " (" + st.Side + ")"
		}
		link := origin + quotePath(st.QuoteID)
		content := fmt.Sprintf("<blockquote><p>%s</p></blockquote><p>— %s%s, %s</p>",
			html.EscapeString(st.Quote), html.EscapeString(speaker), html.EscapeString(side), html.EscapeString(string(st.Stance)))
		if u := safeLink(st.URL); u != "" {
			content += fmt.Sprintf(`<p><a href="%s">%s</a></p>`, html.EscapeString(u), html.EscapeString(cmpOr(st.Title, cmpOr(st.Outlet, "The article"))))
		}
		f.Items = append(f.Items, &feeds.Item{
			Title:   speaker + side + " " + string(st.Stance) + ": “" + clip(strings.Join(strings.Fields(st.Quote), " "), feedTitleRunes) + "”",
			Link:    &feeds.Link{Href: link},
			Id:      link + "#" + url.PathEscape(st.Speaker),
			Author:  &feeds.Author{Name: speaker},
			Content: content,
			Updated: st.Published,
			Created: st.Published,
		})
	}
	s.writeFeed(w, r, f)
}

// newestStatements returns up to n statements, newest first; undated
// ones last.
func newestStatements(sts []quotes.Statement, n int) []quotes.Statement {
	out := append([]quotes.Statement(nil), sts...)
	for i := 1; i < len(out); i++ { // insertion sort: stable, and claims are short
		for j := i; j > 0 && out[j].Published.After(out[j-1].Published); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out[:min(n, len(out))]
}

// writeFeed writes f as Atom. The feed's updated time is its newest
// entry's, so that a reader sees a change only when there is one; a feed
// without dated entries takes the time of the request.
func (s *server) writeFeed(w http.ResponseWriter, r *http.Request, f *feeds.Feed) {
	for _, it := range f.Items {
		if it.Updated.After(f.Updated) {
			f.Updated = it.Updated
		}
	}
	if f.Updated.IsZero() {
		f.Updated = time.Now().UTC()
	}
	for _, it := range f.Items {
		if it.Updated.IsZero() {
			it.Updated = f.Updated
		}
	}
	atom := (&feeds.Atom{Feed: f}).AtomFeed()
	atom.Id = f.Link.Href
	body, err := xml.MarshalIndent(atom, "", "  ")
	if err != nil {
		s.apiError(w, r, fmt.Errorf("feed: %w", err))
		return
	}
	h := w.Header()
	h.Set("Content-Type", atomType)
	s.varyOrigin(h)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(body)
}

// clip shortens s to at most n runes, with an ellipsis when cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// cmpOr returns s, or def when s is empty.
func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
