package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/auth"
	"github.com/quotesproject/quotes/index"
	"github.com/quotesproject/quotes/server"
)

// The fixture: three articles with hand-made quotes, so that search tests
// do not depend on the extractor.
//
//	a1  Daily Planet  2025-05-19  Jane Alvarez ×2, Bob Smith ×1
//	a2  Evening Post  2025-06-01  Bob Smith ×1 (partial), Jane Alvarez ×1
//	a3  Weather Wire  2025-07-01  Carol Chen ×12 ("Forecast N calls for rain")
//
// 17 quotes in all: Carol Chen 12, Jane Alvarez 3, Bob Smith 2.
const fixtureTotal = 17

var (
	article1 = quotes.Article{
		ID: "a1", URL: "https://news.example/a1", Title: "Governor vows to fight",
		Outlet: "Daily Planet", Published: time.Date(2025, 5, 19, 10, 0, 0, 0, time.UTC),
		Text: "“We will not back down,” Governor Jane Alvarez said on Monday. " +
			"“The budget is balanced,” she added. " +
			"Senator Bob Smith said the budget would be reviewed again.",
	}
	article2 = quotes.Article{
		ID: "a2", URL: "https://post.example/a2", Title: "Budget fight goes on",
		Outlet: "Evening Post", Published: time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC),
		Text: "Bob Smith called the plan “reckless”. " +
			"“We never back down from a fight,” Jane Alvarez said.",
	}
	article3 = func() quotes.Article {
		var b strings.Builder
		for i := 1; i <= 12; i++ {
			fmt.Fprintf(&b, "“Forecast %d calls for rain,” Carol Chen said. ", i)
		}
		return quotes.Article{ID: "a3", Outlet: "Weather Wire", Title: "Wet summer",
			Published: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), Text: b.String()}
	}()
)

// quoteIn makes the quote of text in a, as the extractor would.
func quoteIn(t *testing.T, a quotes.Article, text, speaker, role, cue string, kind quotes.Kind) quotes.Quote {
	t.Helper()
	start := strings.Index(a.Text, text)
	if start < 0 {
		t.Fatalf("fixture: %q not in article %s", text, a.ID)
	}
	end := start + len(text)
	return quotes.Quote{
		ID: quotes.QuoteID(a.ID, kind, text, 0), ArticleID: a.ID,
		Text: text, Start: start, End: end, Kind: kind,
		Speaker: speaker, SpeakerMention: speaker, Cue: cue, Role: role,
		URL: a.URL, Title: a.Title, Outlet: a.Outlet, Published: a.Published,
	}
}

// fixture is a handler over a real index holding the fixture articles.
type fixture struct {
	h  http.Handler
	ix *index.Index
	// key is an active write key of the server's (see newFixture).
	key string
	q1  quotes.Quote // “We will not back down,” Jane Alvarez
}

func newFixture(t *testing.T, x quotes.Extractor, opts server.Options) *fixture {
	t.Helper()
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatalf("index.Open: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	ctx := context.Background()
	f := &fixture{ix: ix}
	f.q1 = quoteIn(t, article1, "We will not back down,", "Jane Alvarez", "Governor", "said", quotes.KindDirect)
	puts := []struct {
		a  quotes.Article
		qs []quotes.Quote
	}{
		{article1, []quotes.Quote{
			f.q1,
			quoteIn(t, article1, "The budget is balanced,", "Jane Alvarez", "Governor", "added", quotes.KindDirect),
			quoteIn(t, article1, "the budget would be reviewed again", "Bob Smith", "Senator", "said", quotes.KindIndirect),
		}},
		{article2, []quotes.Quote{
			quoteIn(t, article2, "reckless", "Bob Smith", "", "called", quotes.KindPartial),
			quoteIn(t, article2, "We never back down from a fight,", "Jane Alvarez", "", "said", quotes.KindDirect),
		}},
		{article3, func() (qs []quotes.Quote) {
			for i := 1; i <= 12; i++ {
				qs = append(qs, quoteIn(t, article3, fmt.Sprintf("Forecast %d calls for rain,", i),
					"Carol Chen", "Meteorologist", "said", quotes.KindDirect))
			}
			return qs
		}()},
	}
	byArticle := map[string][]quotes.Quote{}
	for _, p := range puts {
		if err := ix.Put(ctx, p.a, p.qs); err != nil {
			t.Fatalf("Put %s: %v", p.a.ID, err)
		}
		byArticle[p.a.ID] = p.qs
	}
	// Corrections extract an article anew: as the fixture's quotes.
	ix.SetExtractor(func(a quotes.Article) []quotes.Quote { return slices.Clone(byArticle[a.ID]) })
	if opts.Corrections == nil {
		opts.Corrections = ix
	}
	if opts.Logger == nil {
		opts.Logger = testLogger(t)
	}
	if opts.Keys == nil {
		keys := auth.Open(t.TempDir())
		_, secret, err := keys.Create("test")
		if err != nil {
			t.Fatal(err)
		}
		opts.Keys, f.key = keys, secret
	}
	f.h = server.New(ix, x, opts)
	return f
}

func testLogger(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// bearer returns the header pair that carries the fixture's key.
func (f *fixture) bearer() (string, string) { return "Authorization", "Bearer " + f.key }

// post serves POST target with body as JSON and the fixture's key.
func (f *fixture) post(t *testing.T, target, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	k, v := f.bearer()
	return do(t, f.h, "POST", target, body, append([]string{"Content-Type", "application/json", k, v}, header...)...)
}

// do serves one request and returns the recorded response.
func do(t *testing.T, h http.Handler, method, target, body string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// decode reads the JSON body of w into a T, checking the content type.
func decode[T any](t *testing.T, w *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("Content-Type = %q, want application/json; body %s", ct, w.Body)
	}
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("decode %s: %v", w.Body, err)
	}
	return v
}

// searchBody is the body of GET /api/quotes.
type searchBody struct {
	Total  uint64                         `json:"total"`
	Page   int                            `json:"page"`
	Size   int                            `json:"size"`
	Hits   []quotes.Hit                   `json:"hits"`
	Facets map[string][]quotes.FacetCount `json:"facets"`
	TookMS *float64                       `json:"took_ms"`
}

type errorBody struct {
	Error string `json:"error"`
}

func speakersOf(hits []quotes.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Quote.Speaker)
	}
	return out
}

func TestSearch(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	tests := []struct {
		name      string
		query     string
		total     uint64
		page      int
		size      int
		hits      int
		speakers  []string // when set, every hit's speaker is one of them
		wantQuote string   // when set, the first hit's quote text
	}{
		{name: "empty query matches every quote", query: "",
			total: fixtureTotal, page: 1, size: quotes.DefaultPageSize, hits: quotes.DefaultPageSize},
		{name: "words", query: "q=reckless",
			total: 1, page: 1, size: 10, hits: 1, wantQuote: "reckless"},
		{name: "any of the words", query: "q=" + url.QueryEscape(`balanced budget`),
			total: 2, page: 1, size: 10, hits: 2},
		{name: "phrase", query: "q=" + url.QueryEscape(`"budget is balanced"`),
			total: 1, page: 1, size: 10, hits: 1, wantQuote: "The budget is balanced,"},
		{name: "phrase in the wrong order matches nothing", query: "q=" + url.QueryEscape(`"balanced budget"`),
			total: 0, page: 1, size: 10, hits: 0},
		{name: "required and excluded words", query: "q=" + url.QueryEscape(`+back -never`),
			total: 1, page: 1, size: 10, hits: 1, wantQuote: "We will not back down,"},
		{name: "paging: the last, short page", query: "q=rain&size=5&page=3",
			total: 12, page: 3, size: 5, hits: 2, speakers: []string{"Carol Chen"}},
		{name: "paging: past the end is empty, not an error", query: "q=rain&size=5&page=9",
			total: 12, page: 9, size: 5, hits: 0},
		{name: "size above the maximum is capped", query: "size=1000",
			total: fixtureTotal, page: 1, size: quotes.MaxPageSize, hits: fixtureTotal},
		{name: "speaker filter", query: "speaker=" + url.QueryEscape("Bob Smith"),
			total: 2, page: 1, size: 10, hits: 2, speakers: []string{"Bob Smith"}},
		{name: "speaker filter with a query", query: "q=budget&speaker=" + url.QueryEscape("Jane Alvarez"),
			total: 1, page: 1, size: 10, hits: 1, wantQuote: "The budget is balanced,"},
		{name: "outlet filter", query: "outlet=" + url.QueryEscape("Evening Post"),
			total: 2, page: 1, size: 10, hits: 2},
		{name: "kind filter", query: "kind=partial",
			total: 1, page: 1, size: 10, hits: 1, wantQuote: "reckless"},
		{name: "from is inclusive", query: "from=2025-06-01",
			total: 14, page: 1, size: 10, hits: 10},
		{name: "to as a plain date includes that whole day", query: "to=2025-05-19",
			total: 3, page: 1, size: 10, hits: 3},
		{name: "from and to as RFC 3339", query: "from=2025-05-31T00:00:00Z&to=2025-06-30T00:00:00Z",
			total: 2, page: 1, size: 10, hits: 2},
		{name: "article filter", query: "article=a2",
			total: 2, page: 1, size: 10, hits: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, f.h, "GET", "/api/quotes?"+tt.query, "")
			if w.Code != http.StatusOK {
				t.Fatalf("status = %d, want 200; body %s", w.Code, w.Body)
			}
			got := decode[searchBody](t, w)
			if got.Total != tt.total || got.Page != tt.page || got.Size != tt.size || len(got.Hits) != tt.hits {
				t.Errorf("total, page, size, hits = %d, %d, %d, %d; want %d, %d, %d, %d",
					got.Total, got.Page, got.Size, len(got.Hits), tt.total, tt.page, tt.size, tt.hits)
			}
			if got.Hits == nil {
				t.Error("hits is null, want an array")
			}
			if got.TookMS == nil {
				t.Error("took_ms missing")
			}
			for _, s := range speakersOf(got.Hits) {
				if tt.speakers != nil && !slices.Contains(tt.speakers, s) {
					t.Errorf("hit by %q, want only %q", s, tt.speakers)
				}
			}
			if tt.wantQuote != "" && (len(got.Hits) == 0 || got.Hits[0].Quote.Text != tt.wantQuote) {
				t.Errorf("first hit = %+v, want quote %q", got.Hits, tt.wantQuote)
			}
		})
	}
}

func TestSearchFacets(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	got := decode[searchBody](t, do(t, f.h, "GET", "/api/quotes", ""))
	want := map[string][]quotes.FacetCount{
		"speaker": {{Term: "Carol Chen", Count: 12}, {Term: "Jane Alvarez", Count: 3}, {Term: "Bob Smith", Count: 2}},
		"outlet":  {{Term: "Weather Wire", Count: 12}, {Term: "Daily Planet", Count: 3}, {Term: "Evening Post", Count: 2}},
	}
	for k, fc := range want {
		if !slices.Equal(got.Facets[k], fc) {
			t.Errorf("facets[%s] = %v, want %v", k, got.Facets[k], fc)
		}
	}

	// Facets count the matching quotes only, and are arrays even when empty.
	got = decode[searchBody](t, do(t, f.h, "GET", "/api/quotes?q=nothingmatchesthis", ""))
	if got.Total != 0 || got.Facets["speaker"] == nil || len(got.Facets["speaker"]) != 0 {
		t.Errorf("no-match search: total %d, facets %v; want 0 and empty arrays", got.Total, got.Facets)
	}
}

func TestSearchHighlights(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	got := decode[searchBody](t, do(t, f.h, "GET", "/api/quotes?q=reckless", ""))
	if len(got.Hits) != 1 {
		t.Fatalf("hits = %d, want 1", len(got.Hits))
	}
	if hl := got.Hits[0].Highlights["quote"]; len(hl) == 0 || !strings.Contains(hl[0], "<mark>reckless</mark>") {
		t.Errorf("highlights = %v, want <mark>reckless</mark> in the quote", got.Hits[0].Highlights)
	}
}

func TestSearchBadParameters(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	tests := []struct {
		query string
		want  string // in the error message: the parameter at fault
	}{
		{"page=0", "page"},
		{"page=-1", "page"},
		{"page=two", "page"},
		{"page=2000&size=10", "page"}, // deeper than the first 10,000 hits
		{"size=0", "size"},
		{"size=ten", "size"},
		{"kind=shouted", "kind"},
		{"min_confidence=sure", "min_confidence"},
		{"min_confidence=1.5", "min_confidence"},
		{"min_confidence=-0.2", "min_confidence"},
		{"from=yesterday", "from"},
		{"to=2025-13-45", "to"},
		{"from=2025-06-02&to=2025-06-01", "to"},
		{"q=" + url.QueryEscape(`"unclosed`), "query"},
		{"q=" + url.QueryEscape(`/[/`), "query"},
		{"q=" + url.QueryEscape(`quote:~`), "query"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			w := do(t, f.h, "GET", "/api/quotes?"+tt.query, "")
			if w.Code != http.StatusBadRequest {
				t.Fatalf("status = %d, want 400; body %s", w.Code, w.Body)
			}
			if e := decode[errorBody](t, w); !strings.Contains(e.Error, tt.want) {
				t.Errorf("error = %q, want it to name %q", e.Error, tt.want)
			}
		})
	}
}

func TestQuoteByID(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	tests := []struct {
		name   string
		id     string
		status int
	}{
		{"present", f.q1.ID, http.StatusOK},
		{"absent", "0000000000000000deadbeef", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, f.h, "GET", "/api/quotes/"+tt.id, "")
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			if tt.status != http.StatusOK {
				if e := decode[errorBody](t, w); e.Error == "" {
					t.Errorf("no error message in %s", w.Body)
				}
				return
			}
			q := decode[quotes.Quote](t, w)
			if q.ID != f.q1.ID || q.Text != f.q1.Text || q.Speaker != "Jane Alvarez" ||
				q.Outlet != "Daily Planet" || q.URL != article1.URL || !q.Published.Equal(article1.Published) {
				t.Errorf("quote = %+v, want %+v", q, f.q1)
			}
		})
	}
}

func TestSpeakers(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	type speaker struct {
		Name  string `json:"name"`
		Count int    `json:"count"`
	}
	type body struct {
		Speakers []speaker `json:"speakers"`
	}
	all := []speaker{{"Carol Chen", 12}, {"Jane Alvarez", 3}, {"Bob Smith", 2}}
	tests := []struct {
		query  string
		status int
		want   []speaker
	}{
		{"", http.StatusOK, all},
		{"?limit=1", http.StatusOK, all[:1]},
		{"?limit=5000", http.StatusOK, all}, // capped at 1000
		{"?limit=0", http.StatusBadRequest, nil},
		{"?limit=many", http.StatusBadRequest, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			w := do(t, f.h, "GET", "/api/speakers"+tt.query, "")
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			if tt.status != http.StatusOK {
				if e := decode[errorBody](t, w); !strings.Contains(e.Error, "limit") {
					t.Errorf("error = %q, want it to name limit", e.Error)
				}
				return
			}
			if got := decode[body](t, w); !slices.Equal(got.Speakers, tt.want) {
				t.Errorf("speakers = %v, want %v", got.Speakers, tt.want)
			}
		})
	}
}

func TestHealthz(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	w := do(t, f.h, "GET", "/healthz", "")
	if w.Code != http.StatusOK {
		t.Fatalf("status = %d, want 200", w.Code)
	}
	if got := decode[map[string]string](t, w); got["status"] != "ok" {
		t.Errorf("body = %v, want status ok", got)
	}
}

func TestRoutingErrors(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	tests := []struct {
		method, target string
		status         int
		json           bool
		allow          string
	}{
		{"GET", "/api/nope", http.StatusNotFound, true, ""},
		{"GET", "/api", http.StatusNotFound, true, ""},
		{"GET", "/api/quotes/a/b", http.StatusNotFound, true, ""},
		{"GET", "/nope", http.StatusNotFound, false, ""},
		{"GET", "/static/", http.StatusNotFound, false, ""},
		{"GET", "/static/nope.js", http.StatusNotFound, false, ""},
		{"DELETE", "/api/quotes", http.StatusMethodNotAllowed, true, "GET, HEAD"},
		{"GET", "/api/articles", http.StatusMethodNotAllowed, true, "POST"},
		{"POST", "/", http.StatusMethodNotAllowed, false, "GET, HEAD"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			w := do(t, f.h, tt.method, tt.target, "")
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			if tt.json {
				if e := decode[errorBody](t, w); e.Error == "" {
					t.Errorf("no error message in %s", w.Body)
				}
			}
			if got := w.Header().Get("Allow"); got != tt.allow {
				t.Errorf("Allow = %q, want %q", got, tt.allow)
			}
		})
	}
}

func TestPage(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	tests := []struct {
		name   string
		target string
		status int
		want   []string // in the body, in this order
		reject []string // nowhere in the body
	}{
		{"the bare page: form and latest quotes", "/", http.StatusOK, []string{
			`<script src="/static/app.js?v=`,
			`<form id="search"`, `role="search"`, `action="/"`, `method="get"`,
			`<label for="q">`, `name="q"`, `<button type="submit">`,
			`17 quotes; showing 1–10.`, `rel="next"`, `Speakers`, `Carol Chen`,
		}, []string{`rel="prev"`}},
		{"a search renders highlighted hits with their sources", "/?q=reckless", http.StatusOK, []string{
			`value="reckless"`, `1 quote.`,
			`<mark>reckless</mark>`, `Bob Smith`, `(called)`, `Partial quote`, `Evening Post`,
			`<time datetime="2025-06-01">1 Jun 2025</time>`,
			`href="https://post.example/a2"`, `Budget fight goes on`,
		}, nil},
		{"speaker facets link to the filtered search", "/?q=budget", http.StatusOK, []string{
			`href="/?q=budget&amp;speaker=Bob&#43;Smith"`, `href="/?q=budget&amp;speaker=Jane&#43;Alvarez"`,
		}, nil},
		{"an active speaker filter can be removed", "/?speaker=Bob+Smith", http.StatusOK, []string{
			`Speaker: <strong>Bob Smith</strong>`, `aria-current="true">Bob Smith</a>`,
		}, []string{`Carol Chen`}},
		{"paging links keep the search", "/?q=rain&size=5&page=2", http.StatusOK, []string{
			`href="/?page=1&amp;q=rain&amp;size=5"`, `Page 2 of 3`, `href="/?page=3&amp;q=rain&amp;size=5"`,
		}, nil},
		{"a quote without URL has no link", "/?q=forecast&size=1", http.StatusOK, []string{
			`<span class="article">Wet summer</span>`,
		}, []string{`class="article" href`}},
		{"bad parameters: the form and the message, status 400", "/?page=0&q=x", http.StatusBadRequest, []string{
			`<form id="search"`, `value="x"`, `role="alert"`, `page: &#34;0&#34; is not a positive integer`,
		}, []string{`class="hit"`}},
		{"a malformed query: status 400", "/?q=%22unclosed", http.StatusBadRequest, []string{
			`role="alert"`, `invalid query`,
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, f.h, "GET", tt.target, "")
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			checkSecurityHeaders(t, w)
			checkBody(t, w.Body.String(), tt.want, tt.reject)
		})
	}
}

func checkSecurityHeaders(t *testing.T, w *httptest.ResponseRecorder) {
	t.Helper()
	csp := w.Header().Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
	}
}

func TestStatic(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	for _, tt := range []struct{ path, ctype, want string }{
		{"/static/app.js", "text/javascript", "textContent"},
		{"/static/style.css", "text/css", "mark"},
		{"/static/favicon.svg", "image/svg+xml", "<svg"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			w := do(t, f.h, "GET", tt.path+"?v=1", "")
			if w.Code != http.StatusOK {
				t.Fatalf("status = %d, want 200", w.Code)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, tt.ctype) {
				t.Errorf("Content-Type = %q, want %s", ct, tt.ctype)
			}
			if !strings.Contains(w.Body.String(), tt.want) {
				t.Errorf("body lacks %q", tt.want)
			}
			checkSecurityHeaders(t, w)
		})
	}
	// The script never hands data to innerHTML or similar sinks.
	js := do(t, f.h, "GET", "/static/app.js", "").Body.String()
	for _, sink := range []string{".innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		if strings.Contains(js, sink) {
			t.Errorf("app.js uses %s", sink)
		}
	}
}

// TestXSS puts an article whose every field is a script, and checks that
// the page shows it as text and the API returns it as data.
func TestXSS(t *testing.T) {
	const (
		script = `<script>alert(1)</script>`
		img    = `<img src=x onerror=alert(1)>`
	)
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	a := quotes.Article{
		ID: "evil", URL: "javascript:alert(1)", Title: script, Outlet: img,
		Text: `“` + script + ` is what alert means,” ` + img + ` said.`,
	}
	q := quoteIn(t, a, script+" is what alert means,", img, script, "said", quotes.KindDirect)
	if err := ix.Put(context.Background(), a, []quotes.Quote{q}); err != nil {
		t.Fatal(err)
	}
	h := server.New(ix, nil, server.Options{Logger: testLogger(t)})

	for _, target := range []string{"/", "/?q=alert", "/?speaker=" + url.QueryEscape(img), "/?q=" + url.QueryEscape(script)} {
		t.Run("page "+target, func(t *testing.T) {
			w := do(t, h, "GET", target, "")
			body := w.Body.String()
			for _, bad := range []string{"<script>alert", "<img", `href="javascript:`} {
				if strings.Contains(body, bad) {
					t.Errorf("page has %q from the article:\n%s", bad, body)
				}
			}
			want := []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}
			if w.Code == http.StatusOK { // not the query error, which echoes only the query
				want = append(want, "&lt;img src=x onerror=alert(1)&gt;")
			}
			if target == "/?q=alert" { // the highlighted path, not just the plain text
				want = append(want, "<blockquote>&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; is what <mark>alert</mark> means,</blockquote>")
			}
			for _, good := range want {
				if !strings.Contains(body, good) {
					t.Errorf("page lacks the escaped text %q:\n%s", good, body)
				}
			}
		})
	}

	t.Run("api", func(t *testing.T) {
		w := do(t, h, "GET", "/api/quotes?q=alert", "")
		if strings.Contains(w.Body.String(), "<script>") || strings.Contains(w.Body.String(), "<img") {
			t.Errorf("JSON has raw markup (want \\u003c escapes): %s", w.Body)
		}
		got := decode[searchBody](t, w)
		if len(got.Hits) != 1 {
			t.Fatalf("hits = %d, want 1", len(got.Hits))
		}
		hq := got.Hits[0].Quote
		if hq.Text != q.Text || hq.Speaker != img || hq.Role != script || hq.Title != script || hq.URL != a.URL {
			t.Errorf("quote = %+v, want the article's strings as data", hq)
		}
		for _, frag := range got.Hits[0].Highlights["quote"] {
			if strings.Contains(frag, "<script") {
				t.Errorf("highlight fragment %q is not escaped", frag)
			}
		}
	})
}

func TestSecurityHeadersOnAPI(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	checkSecurityHeaders(t, do(t, f.h, "GET", "/api/quotes", ""))
}

func TestCORS(t *testing.T) {
	const origin = "https://app.example"
	tests := []struct {
		name    string
		origins []string
		method  string
		target  string
		status  int
		allow   string // Access-Control-Allow-Origin
	}{
		{"no origins configured: no CORS", nil, "GET", "/api/quotes", http.StatusOK, ""},
		{"allowed origin", []string{origin}, "GET", "/api/quotes", http.StatusOK, origin},
		{"preflight", []string{origin}, "OPTIONS", "/api/articles", http.StatusNoContent, origin},
		{"other origin", []string{"https://other.example"}, "GET", "/api/quotes", http.StatusOK, ""},
		{"not for the page", []string{origin}, "GET", "/", http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil, server.Options{CORSOrigins: tt.origins})
			hdr := []string{"Origin", origin}
			if tt.method == "OPTIONS" {
				hdr = append(hdr, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type") // lower case, as browsers send it
			}
			w := do(t, f.h, tt.method, tt.target, "", hdr...)
			if w.Code != tt.status {
				t.Errorf("status = %d, want %d", w.Code, tt.status)
			}
			if got := w.Header().Get("Access-Control-Allow-Origin"); got != tt.allow {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.allow)
			}
		})
	}
}
