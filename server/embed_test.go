package server_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/server"
)

// origin is where httptest.NewRequest sends requests.
const origin = "http://example.com"

func TestEmbed(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	tests := []struct {
		name   string
		target string
		status int
		hits   int      // number of quotes shown
		want   []string // substrings of the body
		not    []string // substrings the body must lack
	}{
		{name: "query", target: "/embed?q=budget", status: 200, hits: 2,
			want: []string{"<mark>budget</mark>", "2 quotes.", `<html lang="en">`,
				`<meta name="robots" content="noindex">`, `href="/static/embed.css?v=`, `src="/static/embed.js?v=`,
				`<a class="article" href="https://news.example/a1" target="_blank" rel="noopener noreferrer nofollow">Governor vows to fight</a>`,
				`href="` + origin + `/quotes/`, `href="` + origin + `/speakers/Bob%20Smith" target="_blank"`,
				`<a href="` + origin + `/?q=budget" target="_blank" rel="noopener">More on Quotes</a>`},
			not: []string{`role="search"`, "<style", "style="}},
		{name: "default size", target: "/embed", status: 200, hits: 5,
			want: []string{"Showing 1–5 of 17 quotes.", `<a href="` + origin + `/" target="_blank"`}},
		{name: "size", target: "/embed?size=3&page=2", status: 200, hits: 3, want: []string{"Showing 4–6 of 17 quotes."}},
		{name: "size capped", target: "/embed?size=50", status: 200, hits: 17, want: []string{"17 quotes."}},
		{name: "filters", target: "/embed?speaker=Jane+Alvarez&kind=direct", status: 200, hits: 3,
			want: []string{`More on Quotes`, `href="` + origin + `/?kind=direct&amp;speaker=Jane&#43;Alvarez"`}},
		{name: "search box", target: "/embed?search=1&speaker=Jane+Alvarez&theme=dark&q=fight&page=1&quote=", status: 200, hits: 1,
			want: []string{`<form class="search" role="search" aria-label="Search quotes" action="/embed" method="get">`,
				`<label for="embed-q" class="visually-hidden">Search quotes</label>`,
				`id="embed-q" name="q" value="fight"`,
				`<input type="hidden" name="speaker" value="Jane Alvarez">`,
				`<input type="hidden" name="search" value="1">`,
				`<input type="hidden" name="theme" value="dark">`},
			not: []string{`name="page"`, `name="quote"`}},
		{name: "dark", target: "/embed?theme=dark", status: 200, hits: 5, want: []string{`<html lang="en" class="theme-dark">`}},
		{name: "light", target: "/embed?theme=LIGHT", status: 200, hits: 5, want: []string{`<html lang="en" class="theme-light">`}},
		{name: "auto", target: "/embed?theme=auto", status: 200, hits: 5, want: []string{`<html lang="en">`}},
		{name: "one quote", target: "/embed?quote=" + url.QueryEscape(f.q1.ID), status: 200, hits: 1,
			want: []string{"We will not back down,", "Jane Alvarez", `href="` + origin + `/quotes/` + f.q1.ID + `"`,
				"<title>Quotes: Jane Alvarez</title>"},
			not: []string{`class="summary"`}},
		{name: "no such quote", target: "/embed?quote=nope", status: 404, want: []string{`role="alert"`, "no quote &#34;nope&#34;"}},
		{name: "page 0", target: "/embed?page=0", status: 400, want: []string{`<p class="error" role="alert">These quotes cannot be shown.</p>`,
			`<details class="error-detail"><summary>For the site's editors</summary><p>page: `}},
		{name: "bad kind", target: "/embed?kind=x&theme=dark", status: 400,
			want: []string{`role="alert">These quotes cannot be shown.`, `<p>kind: `, `class="theme-dark"`}},
		{name: "bad query", target: "/embed?q=" + url.QueryEscape("budget AND"), status: 400,
			want: []string{`role="alert">These quotes cannot be shown.`, `“AND” has nothing on its right`}},
		{name: "no such quote, for a reader", target: "/embed?quote=nope", status: 404,
			want: []string{`role="alert">This quote or claim is no longer available.`}},
		// Reported speech is said, under a label; direct quotes stand in
		// quotation marks (the style's blockquote).
		{name: "reported speech", target: "/embed?speaker=Bob+Smith&sort=oldest", status: 200, hits: 2,
			want: []string{`<p class="reported"><span class="label">Reported speech</span> Bob Smith said the budget would be reviewed again</p>`,
				`<blockquote>reckless</blockquote>`},
			not: []string{`<blockquote>the budget would be reviewed again`}},
		{name: "direct quotes with sure speakers only", target: "/embed?direct=1&search=1&speaker=Bob+Smith", status: 200, hits: 0,
			want: []string{`<input type="hidden" name="direct" value="1">`}},
		{name: "bad direct", target: "/embed?direct=maybe", status: 400, want: []string{"direct: "}},
		{name: "bad size", target: "/embed?size=abc", status: 400, want: []string{"size: "}},
		{name: "bad theme", target: "/embed?theme=blue", status: 400, want: []string{"theme: "}},
		{name: "bad search", target: "/embed?search=maybe", status: 400, want: []string{"search: "}},
		{name: "sorted", target: "/embed?sort=oldest&size=1", status: 200, hits: 1, want: []string{"Governor vows to fight"}},
		{name: "bad sort", target: "/embed?sort=random", status: 400, want: []string{"sort: "}},
		{name: "no claim tracker", target: "/embed?claim=abc", status: 503, want: []string{"claim tracking is not available"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, f.h, "GET", tt.target, "")
			body := w.Body.String()
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", w.Code, tt.status, body)
			}
			if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			checkSecurityHeaders(t, w)
			if got := strings.Count(body, `<li class="hit">`); got != tt.hits {
				t.Errorf("%d quotes shown, want %d", got, tt.hits)
			}
			checkHas(t, body, tt.want, tt.not)
		})
	}
}

func TestEmbedFrameAncestors(t *testing.T) {
	tests := []struct {
		name   string
		opts   server.Options
		target string
		want   string
	}{
		{"embed, default", server.Options{}, "/embed", "frame-ancestors *"},
		{"embed error, default", server.Options{}, "/embed?page=0", "frame-ancestors *"},
		{"embed, configured", server.Options{FrameAncestors: []string{"https://cms.example", "'self'"}}, "/embed",
			"frame-ancestors https://cms.example 'self'"},
		{"page", server.Options{}, "/", "frame-ancestors 'self'"},
		{"page, configured", server.Options{FrameAncestors: []string{"https://cms.example"}}, "/", "frame-ancestors 'self'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, nil, tt.opts)
			csp := do(t, f.h, "GET", tt.target, "").Header().Get("Content-Security-Policy")
			if !strings.HasSuffix(csp, tt.want) || !strings.Contains(csp, "script-src 'self'") {
				t.Errorf("Content-Security-Policy = %q, want it to end in %q", csp, tt.want)
			}
		})
	}
}

func TestEmbedClaim(t *testing.T) {
	h := claimFixture(t)
	list := decode[quotes.ClaimList](t, do(t, h, "GET", "/api/claims", ""))
	if len(list.Claims) != 1 {
		t.Fatalf("claims = %+v, want one", list)
	}
	id := list.Claims[0].ID
	tests := []struct {
		name   string
		target string
		hits   int
		want   []string
		not    []string
	}{
		{name: "by id", target: "/embed?claim=" + id,
			want: []string{`<article class="claim card-both"`, `<h2 id="claim-title" class="claim-text">`,
				`<span class="badge verdict-both">Confirmed by both sides</span>`,
				`<span class="side">Canada</span> <span class="badge stance stance-asserts">Asserts</span>`,
				`<span class="side">United States</span> <span class="badge stance stance-confirms">Confirms</span>`,
				`<span class="side">No side</span>`, "Elaine Marchetti", "Canadian Trade Minister", "Tom Whitcombe",
				"cut lumber tariffs", `href="https://north.example/c1" target="_blank" rel="noopener noreferrer nofollow"`,
				`href="` + origin + `/#claims"`},
			not: []string{`class="summary"`, "more statement"}},
		{name: "as text", target: "/embed?claim=" + url.QueryEscape("Canada and the United States agreed to cut lumber tariffs"),
			want: []string{"Confirmed by both sides", "Elaine Marchetti"}},
		{name: "no evidence", target: "/embed?claim=" + url.QueryEscape("Mars has two moons"),
			want: []string{`card-none`, "No evidence", "Nothing in the index bears on this claim."},
			not:  []string{`class="statement"`}},
		{name: "with quotes", target: "/embed?claim=" + id + "&q=lumber", hits: 3,
			want: []string{"Confirmed by both sides", "3 quotes.", `href="` + origin + `/?q=lumber"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, h, "GET", tt.target, "")
			body := w.Body.String()
			if w.Code != http.StatusOK {
				t.Fatalf("status = %d; body %s", w.Code, body)
			}
			if got := strings.Count(body, `<li class="hit">`); got != tt.hits {
				t.Errorf("%d quotes shown, want %d", got, tt.hits)
			}
			checkHas(t, body, tt.want, tt.not)
		})
	}
}

func TestWidgetJS(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	for _, method := range []string{"GET", "HEAD"} {
		w := do(t, f.h, method, "/widget.js", "")
		if w.Code != http.StatusOK {
			t.Fatalf("%s /widget.js: status = %d", method, w.Code)
		}
		for k, v := range map[string]string{
			"Content-Type":                "text/javascript; charset=utf-8",
			"Cache-Control":               "public, max-age=3600",
			"Access-Control-Allow-Origin": "*",
		} {
			if got := w.Header().Get(k); got != v {
				t.Errorf("%s /widget.js: %s = %q, want %q", method, k, got, v)
			}
		}
	}
	js := do(t, f.h, "GET", "/widget.js", "").Body.String()
	embed := do(t, f.h, "GET", "/static/embed.js", "").Body.String()
	for _, c := range []struct{ file, js, want string }{
		{"widget.js", js, `"use strict"`},
		{"widget.js", js, "document.currentScript"},
		{"widget.js", js, `addEventListener("message"`},
		{"widget.js", js, "event.source !== frame.contentWindow"},
		{"widget.js", js, "event.origin !== origin"},
		{"widget.js", js, `"quotes:resize"`},
		{"widget.js", js, "isFinite(h)"},
		{"widget.js", js, `frame.style.height = h + "px"`},
		{"embed.js", embed, `postMessage({ type: "quotes:resize", height: h }, "*")`},
		{"embed.js", embed, "ResizeObserver"},
	} {
		if !strings.Contains(c.js, c.want) {
			t.Errorf("%s lacks %q", c.file, c.want)
		}
	}
	for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		if strings.Contains(js, sink) || strings.Contains(embed, sink) {
			t.Errorf("the widget's scripts use %s", sink)
		}
	}
}

// oembedBody is an oEmbed answer.
type oembedBody struct {
	Version      string `json:"version"`
	Type         string `json:"type"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	Title        string `json:"title"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	CacheAge     int    `json:"cache_age"`
	Error        string `json:"error"`
}

// iframeAttrs parses the html of an oEmbed answer, which must be one
// iframe and nothing else, and returns its attributes.
func iframeAttrs(t *testing.T, s string) map[string]string {
	t.Helper()
	nodes, err := xhtml.ParseFragment(strings.NewReader(s), &xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	if len(nodes) != 1 || nodes[0].Type != xhtml.ElementNode || nodes[0].Data != "iframe" {
		t.Fatalf("html %q is not one iframe", s)
	}
	attrs := map[string]string{}
	for _, a := range nodes[0].Attr {
		attrs[a.Key] = a.Val
	}
	return attrs
}

func TestOEmbed(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	page := func(path string) string { return url.QueryEscape(origin + path) }
	tests := []struct {
		name   string
		query  string
		status int
		// for 200: the embed's parameters and the size
		params url.Values
		title  string
		w, h   int
		// else a part of the error
		msg string
	}{
		{name: "search page", query: "url=" + page("/?q=budget&speaker=Jane+Alvarez&page=2&sort=newest&x=1"), status: 200,
			params: url.Values{"q": {"budget"}, "speaker": {"Jane Alvarez"}, "sort": {"newest"}}, title: "Quotes: budget", w: 600, h: 400},
		{name: "home", query: "url=" + page("/") + "&format=json", status: 200,
			params: url.Values{}, title: "Quotes", w: 600, h: 400},
		{name: "embed as is", query: "url=" + page("/embed?q=rain&theme=dark&size=3&search=1&bogus=1"), status: 200,
			params: url.Values{"q": {"rain"}, "theme": {"dark"}, "size": {"3"}, "search": {"1"}}, title: "Quotes: rain", w: 600, h: 400},
		{name: "quote permalink", query: "url=" + page("/quotes/"+f.q1.ID), status: 200,
			params: url.Values{"quote": {f.q1.ID}}, title: "Quotes: Jane Alvarez", w: 600, h: 400},
		{name: "speaker page", query: "url=" + page("/speakers/Jane%20Alvarez"), status: 200,
			params: url.Values{"speaker": {"Jane Alvarez"}}, title: "Quotes: Jane Alvarez", w: 600, h: 400},
		{name: "host in capitals", query: "url=" + url.QueryEscape("HTTP://Example.COM/?q=rain"), status: 200,
			params: url.Values{"q": {"rain"}}, title: "Quotes: rain", w: 600, h: 400},
		{name: "maxwidth", query: "url=" + page("/") + "&maxwidth=300", status: 200, params: url.Values{}, title: "Quotes", w: 300, h: 400},
		{name: "maxwidth above 600", query: "url=" + page("/") + "&maxwidth=900&maxheight=250", status: 200,
			params: url.Values{}, title: "Quotes", w: 600, h: 250},

		{name: "missing url", query: "", status: 400, msg: "missing parameter url"},
		{name: "relative url", query: "url=%2Fquotes%2Fx", status: 400, msg: "not an absolute"},
		{name: "format xml", query: "url=" + page("/") + "&format=xml", status: 501, msg: "xml"},
		{name: "maxwidth abc", query: "url=" + page("/") + "&maxwidth=abc", status: 400, msg: "maxwidth"},
		{name: "maxheight 0", query: "url=" + page("/") + "&maxheight=0", status: 400, msg: "maxheight"},
		{name: "bad embed parameters", query: "url=" + page("/?kind=x"), status: 400, msg: "kind"},
		{name: "other host", query: "url=" + url.QueryEscape("https://evil.example/?q=x"), status: 404, msg: "not a page of this server"},
		{name: "other scheme", query: "url=" + url.QueryEscape("https://example.com/?q=x"), status: 404, msg: "not a page of this server"},
		{name: "other path", query: "url=" + page("/api/quotes"), status: 404, msg: "has no embed"},
		{name: "no such quote", query: "url=" + page("/quotes/nope"), status: 404, msg: "no quote"},
		{name: "no such speaker", query: "url=" + page("/speakers/Nobody%20Here"), status: 404, msg: "no quotes by"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, f.h, "GET", "/oembed?"+tt.query, "")
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			got := decode[oembedBody](t, w)
			if tt.status != http.StatusOK {
				if !strings.Contains(got.Error, tt.msg) {
					t.Errorf("error %q, want it to mention %q", got.Error, tt.msg)
				}
				return
			}
			if cc := w.Header().Get("Cache-Control"); cc != "public, max-age=3600" {
				t.Errorf("Cache-Control = %q", cc)
			}
			if got.Version != "1.0" || got.Type != "rich" || got.ProviderName != "Quotes" ||
				got.ProviderURL != origin+"/" || got.CacheAge != 3600 || got.Title != tt.title ||
				got.Width != tt.w || got.Height != tt.h {
				t.Errorf("answer = %+v", got)
			}
			a := iframeAttrs(t, got.HTML)
			src, ok := strings.CutPrefix(a["src"], origin+"/embed")
			if !ok {
				t.Fatalf("iframe src %q is not the embed", a["src"])
			}
			params, err := url.ParseQuery(strings.TrimPrefix(src, "?"))
			if err != nil || params.Encode() != tt.params.Encode() {
				t.Errorf("iframe src %q: parameters %v, want %v", a["src"], params, tt.params)
			}
			if a["width"] != strconv.Itoa(tt.w) || a["height"] != strconv.Itoa(tt.h) || a["title"] != tt.title || a["loading"] != "lazy" {
				t.Errorf("iframe attributes %v", a)
			}
		})
	}
}

func TestOEmbedBaseURL(t *testing.T) {
	f := newFixture(t, nil, server.Options{BaseURL: "https://quotes.example/"})
	w := do(t, f.h, "GET", "/oembed?url="+url.QueryEscape("https://quotes.example/?q=rain"), "")
	got := decode[oembedBody](t, w)
	if w.Code != http.StatusOK || got.ProviderURL != "https://quotes.example/" ||
		!strings.HasPrefix(iframeAttrs(t, got.HTML)["src"], "https://quotes.example/embed?q=rain") {
		t.Errorf("status %d, answer %+v", w.Code, got)
	}
	// The address the request came to is not the public one.
	if w := do(t, f.h, "GET", "/oembed?url="+url.QueryEscape(origin+"/?q=rain"), ""); w.Code != http.StatusNotFound {
		t.Errorf("url of the internal address: status %d, want 404", w.Code)
	}
}

// TestOEmbedDiscovery follows the discovery link of the embed to its
// oEmbed answer, which embeds the embed.
func TestOEmbedDiscovery(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	body := do(t, f.h, "GET", "/embed?q=budget&size=3", "").Body.String()
	const prefix = `<link rel="alternate" type="application/json+oembed" href="`
	i := strings.Index(body, prefix)
	if i < 0 {
		t.Fatalf("no oEmbed discovery link in %s", body)
	}
	href := html.UnescapeString(body[i+len(prefix) : i+len(prefix)+strings.IndexByte(body[i+len(prefix):], '"')])
	want := origin + "/oembed?url=" + url.QueryEscape(origin+"/embed?q=budget&size=3") + "&format=json"
	if href != want {
		t.Fatalf("discovery link %q, want %q", href, want)
	}
	w := do(t, f.h, "GET", strings.TrimPrefix(href, origin), "")
	got := decode[oembedBody](t, w)
	if src := iframeAttrs(t, got.HTML)["src"]; src != origin+"/embed?q=budget&size=3" {
		t.Errorf("status %d, iframe src %q", w.Code, src)
	}
}

// TestEmbedXSS stores a quote whose every field is markup and checks that
// the widget and the oEmbed html carry it only escaped.
func TestEmbedXSS(t *testing.T) {
	const (
		script = `<script>alert(1)</script>`
		img    = `<img src=x onerror=alert(1)>`
	)
	f := newFixture(t, nil, server.Options{})
	a := quotes.Article{
		ID: "evil", URL: "javascript:alert(1)", Title: script, Outlet: img,
		Text: `“` + script + ` is what alert means,” ` + img + ` said.`,
	}
	q := quoteIn(t, a, script+" is what alert means,", img, script, "said", quotes.KindDirect)
	if err := f.ix.Put(context.Background(), a, []quotes.Quote{q}); err != nil {
		t.Fatal(err)
	}
	bad := []string{"<script>alert", "<img src=x", `href="javascript:`}

	for _, tt := range []struct {
		name, target string
		want         []string
	}{
		{"search", "/embed?q=alert", []string{
			"<blockquote>&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; is what <mark>alert</mark> means,</blockquote>",
			"&lt;img src=x onerror=alert(1)&gt;</a>", `<span class="article">&lt;script&gt;alert(1)&lt;/script&gt;</span>`}},
		{"speaker filter", "/embed?search=1&speaker=" + url.QueryEscape(img), []string{
			`<input type="hidden" name="speaker" value="&lt;img src=x onerror=alert(1)&gt;">`, "1 quote."}},
		{"query echoed", "/embed?search=1&q=" + url.QueryEscape(script), []string{
			`value="&lt;script&gt;alert(1)&lt;/script&gt;"`, "<title>Quotes: &lt;script&gt;alert(1)&lt;/script&gt;</title>"}},
		{"one quote", "/embed?quote=" + q.ID, []string{"&lt;script&gt;alert(1)&lt;/script&gt; is what alert means,"}},
		{"bad parameter", "/embed?kind=" + url.QueryEscape(script), []string{`kind: &#34;&lt;script&gt;`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := do(t, f.h, "GET", tt.target, "").Body.String()
			for _, s := range bad {
				if strings.Contains(body, s) {
					t.Errorf("body has %q:\n%s", s, body)
				}
			}
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q:\n%s", s, body)
				}
			}
		})
	}

	for _, tt := range []struct{ name, page, title string }{
		{"search", "/?q=" + url.QueryEscape(script), "Quotes: " + script},
		{"quote", "/quotes/" + q.ID, "Quotes: " + img},
		{"speaker", "/speakers/" + url.PathEscape(img), "Quotes: " + img},
		{"embed", "/embed?claim=" + url.QueryEscape(script) + "&outlet=" + url.QueryEscape(img), "Quotes: " + script},
	} {
		t.Run("oembed "+tt.name, func(t *testing.T) {
			w := do(t, f.h, "GET", "/oembed?url="+url.QueryEscape(origin+tt.page), "")
			if strings.Contains(w.Body.String(), "<") {
				t.Errorf("JSON has raw markup: %s", w.Body)
			}
			got := decode[oembedBody](t, w)
			for _, s := range bad {
				if strings.Contains(got.HTML, s) {
					t.Errorf("html has %q: %s", s, got.HTML)
				}
			}
			if got.Title != tt.title {
				t.Errorf("title %q, want %q", got.Title, tt.title)
			}
			if a := iframeAttrs(t, got.HTML); a["title"] != tt.title || !strings.HasPrefix(a["src"], origin+"/embed?") {
				t.Errorf("iframe attributes %v", a)
			}
		})
	}
}
