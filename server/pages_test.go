package server_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/server"
)

// checkBody fails unless body holds each of want, in order, and none of
// reject.
func checkBody(t *testing.T, body string, want, reject []string) {
	t.Helper()
	rest := body
	for _, s := range want {
		i := strings.Index(rest, s)
		if i < 0 {
			t.Errorf("body lacks %q (or has it out of order)", s)
			continue
		}
		rest = rest[i+len(s):]
	}
	for _, s := range reject {
		if strings.Contains(body, s) {
			t.Errorf("body has %q", s)
		}
	}
	if t.Failed() {
		t.Logf("body:\n%s", body)
	}
}

// checkHas is checkBody for strings the body may hold in any order.
func checkHas(t *testing.T, body string, want, reject []string) {
	t.Helper()
	for _, s := range want {
		if !strings.Contains(body, s) {
			t.Errorf("body lacks %q", s)
		}
	}
	for _, s := range reject {
		if strings.Contains(body, s) {
			t.Errorf("body has %q", s)
		}
	}
	if t.Failed() {
		t.Logf("body:\n%s", body)
	}
}

// pageCase is a GET of a page: its status, what its body holds in
// order, and what it must not hold.
type pageCase struct {
	name   string
	target string
	status int
	want   []string
	reject []string
}

// runPageCases runs each case against h as a subtest.
func runPageCases(t *testing.T, h http.Handler, cases []pageCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, h, "GET", tt.target, "")
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d", w.Code, tt.status)
			}
			checkBody(t, w.Body.String(), tt.want, tt.reject)
		})
	}
}

func TestPageFiltersAndTimeline(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	runPageCases(t, f.h, []pageCase{
		{"the timeline: a bar per day from the first quote to the last, each narrowing the search", "/", http.StatusOK, []string{
			`<figure class="timeline" aria-labelledby="timeline-caption">`, `17 quotes by day, 19 May 2025 to 1 Jul 2025`,
			`<a href="/?from=2025-05-19&amp;to=2025-05-19" data-nav aria-label="19 May 2025: 3 quotes">`,
			`<rect class="empty"`, `<title>20 May 2025: 0 quotes</title>`,
			`aria-label="1 Jul 2025: 12 quotes"`,
		}, nil},
		{"kinds are counted and filter", "/?q=budget", http.StatusOK, []string{
			`<h2 id="kinds-title">Kinds</h2>`,
			`href="/?kind=direct&amp;q=budget" data-nav>Direct quote</a> <span class="count">1</span>`,
			`href="/?kind=indirect&amp;q=budget" data-nav>Reported speech</a> <span class="count">1</span>`,
		}, nil},
		{"every active filter can be removed", "/?kind=partial&from=2025-01-01&to=2025-12-31", http.StatusOK, []string{
			`Kind: <strong>Partial quote</strong> <a href="/?from=2025-01-01&amp;to=2025-12-31"`,
			`From: <strong>2025-01-01</strong>`, `To: <strong>2025-12-31</strong>`,
		}, nil},
		{"oldest first", "/?sort=oldest&size=3", http.StatusOK, []string{
			`<option value="oldest" selected>Oldest first</option>`,
			`Governor vows to fight`, `Governor vows to fight`, `Governor vows to fight`,
		}, []string{`Wet summer`}},
		{"a card links its speaker and its permalink and shows its sentence", "/?q=reckless", http.StatusOK, []string{
			`<a class="speaker" href="/speakers/Bob%20Smith">Bob Smith</a>`,
			`<a class="permalink" href="/quotes/`,
		}, nil},
		{"a page past the last says so and links back to the last", "/?q=budget&page=50", http.StatusOK, []string{
			`2 quotes; page 50 is past the last page, 1.`, `href="/?page=1&amp;q=budget" rel="prev"`,
		}, []string{`class="hit"`}},
		{"an unknown order is a 400 naming the parameter", "/?sort=loudest", http.StatusBadRequest, []string{
			`role="alert"`, `sort: &#34;loudest&#34; is not relevance, newest or oldest`,
		}, nil},
	})
}

func TestSearchAPIFacetsTimelineAndSort(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	type response struct {
		Total    int                            `json:"total"`
		Hits     []quotes.Hit                   `json:"hits"`
		Facets   map[string][]quotes.FacetCount `json:"facets"`
		Timeline *quotes.Timeline               `json:"timeline"`
	}
	res := decode[response](t, do(t, f.h, "GET", "/api/quotes?q=back+down&sort=newest", ""))
	if len(res.Hits) != 2 || res.Hits[0].Quote.ArticleID != "a2" {
		t.Errorf("newest first: hits %+v", res.Hits)
	}
	if want := []quotes.FacetCount{{Term: "direct", Count: 2}}; len(res.Facets["kind"]) != 1 || res.Facets["kind"][0] != want[0] {
		t.Errorf("kind facet = %v, want %v", res.Facets["kind"], want)
	}
	if res.Timeline == nil || res.Timeline.Interval != quotes.IntervalDay || len(res.Timeline.Buckets) != 14 ||
		res.Timeline.Buckets[0] != (quotes.FacetCount{Term: "2025-05-19", Count: 1}) {
		t.Errorf("timeline = %+v, want 14 days from 2025-05-19", res.Timeline)
	}
	if w := do(t, f.h, "GET", "/api/quotes?sort=sideways", ""); w.Code != http.StatusBadRequest {
		t.Errorf("sort=sideways: status %d, want 400", w.Code)
	}
}

// jsonLD returns the JSON-LD block of a page.
func jsonLD(t *testing.T, body string) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no JSON-LD in\n%s", body)
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatalf("JSON-LD %s: %v", m[1], err)
	}
	return ld
}

func TestQuotePage(t *testing.T) {
	f := newFixture(t, nil, server.Options{BaseURL: "https://quotes.example/"})
	w := do(t, f.h, "GET", "/quotes/"+f.q1.ID, "")
	if w.Code != http.StatusOK {
		t.Fatalf("status = %d", w.Code)
	}
	checkSecurityHeaders(t, w)
	body := w.Body.String()
	checkBody(t, body, []string{
		`<title>Jane Alvarez: “We will not back down,” – Quotes</title>`,
		`<link rel="canonical" href="https://quotes.example/quotes/` + f.q1.ID + `">`,
		`<blockquote>We will not back down,</blockquote>`,
		`<a class="speaker" href="/speakers/Jane%20Alvarez">Jane Alvarez</a>, <span class="role">Governor</span>`,
		`<textarea id="citation" class="citation" readonly rows="4">` +
			html.EscapeString(`Jane Alvarez (Governor), quoted in “Governor vows to fight”, Daily Planet, 19 May 2025: “We will not back down,” https://news.example/a1 (via Quotes: https://quotes.example/quotes/`+f.q1.ID+`)`),
		`data-copy="citation"`,
		`<a href="/speakers/Jane%20Alvarez">More quotes by Jane Alvarez</a>`,
	}, nil)

	ld := jsonLD(t, body)
	creator, _ := ld["creator"].(map[string]any)
	part, _ := ld["isPartOf"].(map[string]any)
	publisher, _ := part["publisher"].(map[string]any)
	for _, c := range []struct{ name, got, want string }{
		{"@type", str(ld["@type"]), "Quotation"},
		{"@context", str(ld["@context"]), "https://schema.org"},
		{"text", str(ld["text"]), "We will not back down,"},
		{"url", str(ld["url"]), "https://quotes.example/quotes/" + f.q1.ID},
		{"creator.name", str(creator["name"]), "Jane Alvarez"},
		{"creator.jobTitle", str(creator["jobTitle"]), "Governor"},
		{"isPartOf.headline", str(part["headline"]), "Governor vows to fight"},
		{"isPartOf.url", str(part["url"]), "https://news.example/a1"},
		{"isPartOf.publisher.name", str(publisher["name"]), "Daily Planet"},
		{"isPartOf.datePublished", str(part["datePublished"]), "2025-05-19T10:00:00Z"},
	} {
		if c.got != c.want {
			t.Errorf("JSON-LD %s = %q, want %q", c.name, c.got, c.want)
		}
	}

	t.Run("an unknown quote is a 404 page", func(t *testing.T) {
		w := do(t, f.h, "GET", "/quotes/nope", "")
		if w.Code != http.StatusNotFound {
			t.Fatalf("status = %d, want 404", w.Code)
		}
		checkBody(t, w.Body.String(), []string{`<h1>Quote not found</h1>`, `no quote &#34;nope&#34;`}, []string{"application/ld+json"})
	})
}

func str(v any) string { s, _ := v.(string); return s }

func TestSpeakerPage(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	runPageCases(t, f.h, []pageCase{
		{"quotes newest first, roles, timeline and outlets", "/speakers/Jane%20Alvarez", http.StatusOK, []string{
			`<h1>Jane Alvarez</h1>`, `<p class="roles">Governor</p>`, `3 quotes.`,
			`Quotes over time`, `3 quotes by day, 19 May 2025 to 1 Jun 2025`,
			`We never back down from a fight,`, `We will not back down,`,
			`Claim tracking is not enabled on this server.`,
			`Quoted by`, `href="/?outlet=Daily&#43;Planet&amp;speaker=Jane&#43;Alvarez">Daily Planet</a>`,
		}, nil},
		{"a search within the speaker's quotes", "/speakers/Jane%20Alvarez?q=budget", http.StatusOK, []string{
			`action="/speakers/Jane%20Alvarez"`, `value="budget"`, `1 quote matches.`, `<mark>budget</mark>`,
		}, []string{`back down`}},
		{"timeline bars narrow the speaker's page", "/speakers/Carol%20Chen?size=5", http.StatusOK, []string{
			`href="/speakers/Carol%20Chen?from=2025-07-01&amp;size=5&amp;to=2025-07-01"`,
			`Page 1 of 3`, `href="/speakers/Carol%20Chen?page=2&amp;size=5" rel="next"`,
		}, nil},
		{"a speaker with no quotes is a 404 page", "/speakers/Nobody%20Here", http.StatusNotFound, []string{
			`<h1>Nobody Here</h1>`, `no quotes by &#34;Nobody Here&#34;`,
		}, []string{`class="hit"`}},
		{"bad parameters are a 400 that keeps the form", "/speakers/Jane%20Alvarez?from=someday", http.StatusBadRequest, []string{
			`<form class="search"`, `from: cannot read &#34;someday&#34;`, `<a href="/speakers/Jane%20Alvarez">Start again</a>`,
		}, nil},
		{"filters of the search page do not apply", "/speakers/Jane%20Alvarez?outlet=Nowhere&kind=partial", http.StatusOK, []string{
			`3 quotes.`,
		}, nil},
		{"a page past the last", "/speakers/Jane%20Alvarez?page=9", http.StatusOK, []string{
			`3 quotes; page 9 is past the last page, 1.`,
		}, nil},
	})

	t.Run("the claims a speaker took part in, with their stance", func(t *testing.T) {
		h := claimFixture(t)
		w := do(t, h, "GET", "/speakers/"+url.PathEscape("Elaine Marchetti"), "")
		if w.Code != http.StatusOK {
			t.Fatalf("status = %d", w.Code)
		}
		checkBody(t, w.Body.String(), []string{
			`<ul class="speaker-claims"`, `<a href="/claims/`, `data-claim-link="`, `lumber tariffs`,
			`<span class="badge verdict-badge verdict-both"><span class="visually-hidden">Verdict: </span>Confirmed by both sides</span>`,
			`<span class="badge stance stance-asserts"><span class="visually-hidden">Elaine Marchetti: </span>Asserts</span>`,
		}, nil)
	})
}

// hostile is an article whose every field tries to inject markup or script.
var hostile = quotes.Article{
	ID:        "evil",
	URL:       "javascript:alert(1)",
	Title:     `<img src=x onerror=alert(1)> Title`,
	Outlet:    `<script>alert("outlet")</script>`,
	Published: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC),
	Text:      `“<script>alert(1)</script> and <img src=x onerror=alert(2)> and <a href="javascript:alert(3)">click</a>,” said <b onmouseover=alert(4)>Mallory</b>.`,
}

// hostileQuote is the quote of hostile.
func hostileQuote(t *testing.T) quotes.Quote {
	text := `<script>alert(1)</script> and <img src=x onerror=alert(2)> and <a href="javascript:alert(3)">click</a>,`
	q := quoteIn(t, hostile, text, `<b onmouseover=alert(4)>Mallory</b>`, `<i>Role</i>`, "said", quotes.KindDirect)
	q.Sentence = hostile.Text
	return q
}

// injected are the marks of markup from articles reaching a page as markup.
var injected = []string{
	`<script>alert`, `<img src=x`, `<a href="javascript:`, `href="javascript:`, `<b onmouseover`, `<i>Role`,
}

func TestPagesEscapeArticleData(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	q := hostileQuote(t)
	if err := f.ix.Put(context.Background(), hostile, []quotes.Quote{q}); err != nil {
		t.Fatal(err)
	}
	plain := `&lt;script&gt;alert(1)&lt;/script&gt;`
	for _, tt := range []struct{ target, want string }{
		{"/", plain},
		{"/?q=alert", `&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;`},
		{"/?q=click&speaker=" + url.QueryEscape(q.Speaker), plain},
		{"/quotes/" + q.ID, plain},
		{"/speakers/" + url.PathEscape(q.Speaker), plain},
	} {
		t.Run(tt.target, func(t *testing.T) {
			w := do(t, f.h, "GET", tt.target, "")
			if w.Code != http.StatusOK {
				t.Fatalf("status = %d", w.Code)
			}
			body := w.Body.String()
			checkBody(t, body, []string{tt.want}, injected)
			// The only scripts are the page's own file and inert JSON-LD.
			for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(body, -1) {
				if !strings.HasPrefix(m, `<script src="/static/app.js?v=`) && m != `<script type="application/ld+json">` {
					t.Errorf("unexpected script tag %s", m)
				}
			}
		})
	}
	t.Run("the JSON-LD escapes < so that no </script> ends it", func(t *testing.T) {
		body := do(t, f.h, "GET", "/quotes/"+q.ID, "").Body.String()
		if ld := jsonLD(t, body); str(ld["text"]) != q.Text {
			t.Errorf("JSON-LD text = %q, want %q", ld["text"], q.Text)
		}
	})
}
