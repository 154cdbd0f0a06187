package server

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	quotes "github.com/quotesproject/quotes"
)

// The speaker directory (/speakers) and the link previews of every page.
const (
	// directoryPage is how many speakers a page of the directory lists.
	directoryPage = 100
	// previewRunes bounds a preview's description.
	previewRunes = 200
)

// preview is a page's link preview: Open Graph and Twitter card tags.
type preview struct {
	Type        string // og:type: "website" or "article"
	Title       string
	Description string
	URL         string // the page's canonical address
}

// speakersPageData is what speakers.html renders.
type speakersPageData struct {
	chrome
	Q        string
	Summary  string
	Speakers []facetView
	First    int // the number of the first speaker listed
	Prev     string
	Next     string
	PageInfo string
	Error    string
}

// fold is a name as the directory compares it: lower case, without
// accents, so that "jose" finds José.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// handleSpeakersPage serves GET /speakers: every speaker, most quoted
// first, with the number of their quotes; q= keeps those whose name
// holds it.
func (s *server) handleSpeakersPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := speakersPageData{chrome: s.newChrome(r, "Speakers – Quotes"), Q: strings.TrimSpace(q.Get("q"))}
	d.Canonical = s.origin(r) + "/speakers"
	page, err := parsePositive(q, "page", 1, 0)
	status := http.StatusOK
	var all []quotes.FacetCount
	if err == nil {
		all, err = s.svc.Speakers(r.Context(), 0)
	}
	if err != nil {
		status, d.Error = s.pageError(r, "speakers page", err)
		s.renderPage(w, r, status, "speakers.html", d)
		return
	}
	total := len(all)
	if d.Q != "" {
		want := fold(d.Q)
		kept := all[:0:0]
		for _, f := range all {
			if strings.Contains(fold(f.Term), want) {
				kept = append(kept, f)
			}
		}
		all = kept
	}
	pages := max(1, (len(all)+directoryPage-1)/directoryPage)
	start := min((page-1)*directoryPage, len(all))
	for _, f := range all[start:min(start+directoryPage, len(all))] {
		d.Speakers = append(d.Speakers, facetView{Term: f.Term, Count: f.Count, Href: speakerPath(f.Term)})
	}
	d.First = start + 1
	switch {
	case len(all) == 0 && d.Q != "":
		d.Summary = fmt.Sprintf("No speaker's name holds “%s”.", d.Q)
	case len(all) == 0:
		d.Summary = "No speakers yet: ingest some articles."
	case d.Q != "":
		d.Summary = fmt.Sprintf("%s of %s match “%s”.", plural(len(all), "speaker", "speakers"), strconv.Itoa(total), d.Q)
	default:
		d.Summary = plural(len(all), "speaker", "speakers") + ", most quoted first."
	}
	if pages > 1 {
		d.PageInfo = "Page " + strconv.Itoa(page) + " of " + strconv.Itoa(pages)
	}
	if page > 1 {
		d.Prev = pathLink("/speakers", q, map[string]string{"page": strconv.Itoa(min(page-1, pages))})
	}
	if page < pages {
		d.Next = pathLink("/speakers", q, map[string]string{"page": strconv.Itoa(page + 1)})
	}
	d.Preview = preview{Type: "website", Title: "Speakers – Quotes", URL: d.Canonical,
		Description: "Everyone quoted in the news this archive holds: " + plural(total, "speaker", "speakers") + "."}
	s.renderPage(w, r, status, "speakers.html", d)
}

// quotePreview is the link preview of a quote's page: who said it, the
// quote, and where and when.
func quotePreview(q *quotes.Quote, url string) preview {
	speaker := cmpOr(q.Speaker, "Unattributed")
	text := strings.Join(strings.Fields(q.Text), " ")
	title := speaker + ": “" + clip(strings.TrimRight(text, ",;: "), previewRunes) + "”"
	if q.Kind == quotes.KindIndirect || q.Kind == quotes.KindBelief {
		title = speaker + " (reported): " + clip(text, previewRunes)
	}
	var about []string
	if q.Role != "" {
		about = append(about, speaker+", "+q.Role)
	}
	if q.Outlet != "" {
		about = append(about, q.Outlet)
	}
	if !q.Published.IsZero() {
		about = append(about, q.Published.UTC().Format("2 January 2006"))
	}
	desc := strings.Join(about, " · ")
	if q.Title != "" {
		desc = strings.TrimPrefix(desc+" · "+q.Title, " · ")
	}
	return preview{Type: "article", Title: title, Description: clip(desc, previewRunes), URL: url}
}

// claimPreview is the link preview of a claim's page: the claim and its
// verdict.
func claimPreview(c *quotes.Claim, url string) preview {
	desc := capitalize(c.Verdict.Label)
	if c.Verdict.Summary != "" {
		desc += ": " + c.Verdict.Summary
	}
	return preview{Type: "article", Title: clip(c.Text, previewRunes), Description: clip(desc, previewRunes), URL: url}
}

// speakerPreview is the link preview of a speaker's page.
func speakerPreview(name string, quotesN uint64, roles []string, url string) preview {
	desc := plural(int(min(quotesN, 1<<31-1)), "quote", "quotes") + " in the news"
	if len(roles) > 0 {
		desc = strings.Join(roles, ", ") + " · " + desc
	}
	return preview{Type: "profile", Title: name, Description: clip(desc, previewRunes), URL: url}
}

// searchPreview is the link preview of a search page.
func searchPreview(req quotes.SearchRequest, total uint64, url string) preview {
	title := "Quotes"
	if t := searchTitle(req); t != "every quote" {
		title = "Quotes: " + t
	}
	return preview{Type: "website", Title: title, URL: url,
		Description: plural(int(min(total, 1<<31-1)), "quote", "quotes") + " found, with who said them, where and when."}
}
