package server_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/server"
)

func TestSpeakersDirectory(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	a := quotes.Article{ID: "acc", Outlet: "Daily Planet", Text: `"Nothing is settled," José Núñez said.`}
	if err := f.ix.Put(context.Background(), a, []quotes.Quote{quoteIn(t, a, "Nothing is settled,", "José Núñez", "", "said", quotes.KindDirect)}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		target string
		want   []string // in this order
		not    []string
	}{
		{"/speakers", []string{"<h1>Speakers</h1>", "4 speakers, most quoted first.",
			`<a href="/speakers/Carol%20Chen">Carol Chen</a> <span class="count">12 quotes</span>`,
			`<a href="/speakers/Jane%20Alvarez">Jane Alvarez</a> <span class="count">3 quotes</span>`,
			`<a href="/speakers/Bob%20Smith">Bob Smith</a> <span class="count">2 quotes</span>`,
			`<span class="count">1 quote</span>`}, nil},
		{"/speakers?q=ALV", []string{`value="ALV"`, "1 speaker of 4 match “ALV”.", "Jane Alvarez"}, []string{"Carol Chen"}},
		{"/speakers?q=nunez", []string{"José Núñez"}, []string{"Jane Alvarez"}},
		{"/speakers?q=zzz", []string{"No speaker's name holds “zzz”."}, []string{`class="speaker-directory"`}},
	}
	for _, tt := range tests {
		w := do(t, f.h, "GET", tt.target, "")
		body := html.UnescapeString(w.Body.String())
		if w.Code != 200 {
			t.Errorf("%s: %d", tt.target, w.Code)
		}
		rest := body
		for _, want := range tt.want {
			i := strings.Index(rest, html.UnescapeString(want))
			if i < 0 {
				t.Errorf("%s lacks %q (or has it out of order)", tt.target, want)
				continue
			}
			rest = rest[i:]
		}
		for _, not := range tt.not {
			if strings.Contains(body, not) {
				t.Errorf("%s has %q", tt.target, not)
			}
		}
	}
	type list struct {
		Speakers []struct {
			Name  string `json:"name"`
			Count int    `json:"count"`
		} `json:"speakers"`
	}
	got := decode[list](t, do(t, f.h, "GET", "/api/speakers?q=b", ""))
	if len(got.Speakers) != 1 || got.Speakers[0].Name != "Bob Smith" || got.Speakers[0].Count != 2 {
		t.Errorf("/api/speakers?q=b = %+v", got)
	}
	if w := do(t, f.h, "GET", "/speakers?page=0", ""); w.Code != 400 {
		t.Errorf("page 0: %d", w.Code)
	}
}

// Every page a newsroom shares has a link preview.
func TestLinkPreviews(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	h := claimFixture(t)
	c := decode[quotes.ClaimList](t, do(t, h, "GET", "/api/claims", "")).Claims[0]
	tests := []struct {
		h      http.Handler
		target string
		want   []string
	}{
		{f.h, "/quotes/" + f.q1.ID, []string{
			`<meta property="og:type" content="article">`,
			`<meta property="og:title" content="Jane Alvarez: “We will not back down”">`,
			`<meta property="og:description" content="Jane Alvarez, Governor · Daily Planet · 19 May 2025 · Governor vows to fight">`,
			`<meta property="og:url" content="http://example.com/quotes/` + f.q1.ID + `">`,
			`<meta name="twitter:card" content="summary">`}},
		{f.h, "/speakers/" + url.PathEscape("Jane Alvarez"), []string{
			`<meta property="og:title" content="Jane Alvarez">`,
			`<meta property="og:description" content="Governor · 3 quotes in the news">`}},
		{f.h, "/?q=rain", []string{
			`<meta property="og:title" content="Quotes: rain">`,
			`<meta property="og:description" content="12 quotes found, with who said them, where and when.">`}},
		{f.h, "/speakers", []string{`<meta property="og:title" content="Speakers – Quotes">`}},
		{h, "/claims/" + c.ID, []string{`<meta property="og:title" content="` + html.EscapeString(c.Text) + `">`,
			`<meta property="og:description" content="Confirmed by both sides`}},
	}
	for _, tt := range tests {
		w := do(t, tt.h, "GET", tt.target, "")
		body := html.UnescapeString(w.Body.String())
		for _, want := range tt.want {
			if !strings.Contains(body, html.UnescapeString(want)) {
				t.Errorf("%s lacks %s", tt.target, want)
			}
		}
	}
}
