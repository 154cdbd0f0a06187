package server_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/quotesproject/quotes/index"
	"github.com/quotesproject/quotes/server"
)

// TestPageClaims checks that the page carries the Claims tab, its filter
// form and the "Check a claim" form, and that the script it loads is
// served and drives them.
func TestPageClaims(t *testing.T) {
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatalf("index.Open: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	h := server.New(ix, nil, server.Options{Logger: slog.New(slog.DiscardHandler)})

	get := func(target string) *httptest.ResponseRecorder {
		t.Helper()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: status = %d, want 200; body %s", target, w.Code, w.Body)
		}
		return w
	}

	page := get("/").Body.String()
	for _, s := range []string{
		// the tabs, quote search first
		`role="tablist"`, `id="tab-quotes"`, `id="tab-claims"`, `aria-controls="claims"`,
		`<form id="search"`,
		// the claims section
		`<section id="claims"`,
		`<form id="check"`, `action="/api/check"`, `<label for="check-claim">`, `id="check-claim" name="claim"`,
		`<div id="claim-view"`,
		`<form id="claim-filters"`, `action="/api/claims"`,
		`<label for="claims-q">`, `<label for="claims-speaker">`, `<label for="claims-side">`,
		`<label for="claims-verdict">`, `id="claims-both" name="both_sides" value="true"`, `<label for="claims-both">`,
		`<div id="claims-results"`,
	} {
		i := strings.Index(page, s)
		if i < 0 {
			t.Errorf("page lacks %q (or has it out of order)", s)
			continue
		}
		page = page[i+len(s):]
	}
	if t.Failed() {
		t.Logf("page:\n%s", get("/").Body)
	}

	src := regexp.MustCompile(`<script src="(/static/app\.js\?v=[0-9a-f]+)" defer>`).FindStringSubmatch(get("/").Body.String())
	if src == nil {
		t.Fatal("page loads no versioned app.js")
	}
	w := get(src[1])
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
		t.Errorf("app.js Content-Type = %q", ct)
	}
	js := w.Body.String()
	for _, s := range []string{
		`getElementById("claims")`, `getElementById("check")`, `getElementById("claim-filters")`,
		`getElementById("claims-results")`, `getElementById("claim-view")`,
		`"/api/claims?"`, `"/api/check?"`, `?format=claimreview`,
		`Nothing in the index bears on this claim.`,
	} {
		if !strings.Contains(js, s) {
			t.Errorf("app.js lacks %q", s)
		}
	}
	for _, sink := range []string{".innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		if strings.Contains(js, sink) {
			t.Errorf("app.js uses %s", sink)
		}
	}
	if css := get("/static/style.css").Body.String(); !strings.Contains(css, ".claim-card") {
		t.Error("style.css has no claim card style")
	}
}
