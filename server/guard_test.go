package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/quotesproject/quotes/auth"
	"github.com/quotesproject/quotes/server"
)

// article is a body POST /api/articles takes.
const guardArticle = `{"id": "g1", "text": "“We surrender,” she said."}`

func TestWritesNeedAKey(t *testing.T) {
	keys := auth.Open(t.TempDir())
	_, secret, err := keys.Create("cms")
	if err != nil {
		t.Fatal(err)
	}
	revoked, revokedSecret, err := keys.Create("old laptop")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := keys.Revoke(revoked.ID); err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, markExtractor{}, server.Options{Keys: keys, WriteOrigins: []string{"https://cms.example.org"}})

	json := []string{"Content-Type", "application/json"}
	tests := []struct {
		name   string
		header []string
		status int
		want   string // in the error
	}{
		{"no key", nil, http.StatusUnauthorized, "key is required"},
		{"not bearer", []string{"Authorization", "Basic " + secret}, http.StatusUnauthorized, "Bearer KEY"},
		{"unknown key", []string{"Authorization", "Bearer qk_00000000_" + strings.Repeat("A", 43)}, http.StatusUnauthorized, "not valid"},
		{"revoked key", []string{"Authorization", "Bearer " + revokedSecret}, http.StatusUnauthorized, "revoked"},
		{"key", []string{"Authorization", "Bearer " + secret}, http.StatusCreated, ""},
		{"key, lower-case scheme", []string{"Authorization", "bearer " + secret}, http.StatusOK, ""},
		{"key, own origin", []string{"Authorization", "Bearer " + secret, "Origin", "http://example.com"}, http.StatusOK, ""},
		{"key, allowed origin", []string{"Authorization", "Bearer " + secret, "Origin", "https://cms.example.org"}, http.StatusOK, ""},
		// The attack of the issue: a page elsewhere, in the editor's
		// browser. Even with a key it may not write.
		{"key, other origin", []string{"Authorization", "Bearer " + secret, "Origin", "https://evil.example"}, http.StatusForbidden, "evil.example"},
		{"no key, other origin", []string{"Origin", "https://evil.example"}, http.StatusForbidden, "cross-site"},
		{"cross-site fetch without origin", []string{"Authorization", "Bearer " + secret, "Sec-Fetch-Site", "cross-site"}, http.StatusForbidden, "cross-site"},
		{"key, text/plain", []string{"Authorization", "Bearer " + secret, "Content-Type", "text/plain"}, http.StatusUnsupportedMediaType, "application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, f.h, "POST", "/api/articles", guardArticle, append(json, tt.header...)...)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			if tt.want == "" {
				return
			}
			if e := decode[errorBody](t, w); !strings.Contains(e.Error, tt.want) {
				t.Errorf("error = %q, want it to mention %q", e.Error, tt.want)
			}
			if tt.status == http.StatusUnauthorized && w.Header().Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
	// Nothing refused was stored: the article exists only from the
	// requests with a key.
	if w := do(t, f.h, "GET", "/api/quotes?article=g1", ""); !strings.Contains(w.Body.String(), `"total":1`) {
		t.Errorf("after the writes, article g1 has not exactly its one quote: %s", w.Body)
	}
}

func TestReadsStayOpen(t *testing.T) {
	f := newFixture(t, markExtractor{}, server.Options{})
	for _, target := range []string{"/api/quotes?q=budget", "/api/speakers", "/", "/embed", "/api/openapi.json"} {
		if w := do(t, f.h, "GET", target, "", "Origin", "https://elsewhere.example"); w.Code != http.StatusOK {
			t.Errorf("GET %s = %d, want 200 without a key", target, w.Code)
		}
	}
}

func TestRequireReadKey(t *testing.T) {
	f := newFixture(t, markExtractor{}, server.Options{RequireReadKey: true})
	k, v := f.bearer()
	tests := []struct {
		target string
		header []string
		status int
	}{
		{"/api/quotes?q=budget", nil, http.StatusUnauthorized},
		{"/api/speakers", nil, http.StatusUnauthorized},
		{"/api/quotes?q=budget", []string{k, v}, http.StatusOK},
		{"/api/speakers", []string{k, v}, http.StatusOK},
		// The pages render on the server and stay open.
		{"/?q=budget", nil, http.StatusOK},
		{"/embed?q=budget", nil, http.StatusOK},
		{"/healthz", nil, http.StatusOK},
	}
	for _, tt := range tests {
		if w := do(t, f.h, "GET", tt.target, "", tt.header...); w.Code != tt.status {
			t.Errorf("GET %s with %d header words = %d, want %d", tt.target, len(tt.header), w.Code, tt.status)
		}
	}
}

func TestReadOnly(t *testing.T) {
	f := newFixture(t, markExtractor{}, server.Options{ReadOnly: true})
	w := f.post(t, "/api/articles", guardArticle)
	if w.Code != http.StatusMethodNotAllowed {
		t.Fatalf("POST on a read-only server = %d, want 405; body %s", w.Code, w.Body)
	}
	if e := decode[errorBody](t, w); !strings.Contains(e.Error, "read-only") {
		t.Errorf("error = %q, want it to say the server is read-only", e.Error)
	}
	if w := do(t, f.h, "GET", "/api/quotes?article=g1", ""); !strings.Contains(w.Body.String(), `"total":0`) {
		t.Errorf("a read-only server stored the article: %s", w.Body)
	}
}

func TestNoKeysConfigured(t *testing.T) {
	f := newFixture(t, markExtractor{}, server.Options{Keys: (*auth.Keys)(nil)})
	w := do(t, f.h, "POST", "/api/articles", guardArticle, "Content-Type", "application/json")
	if w.Code != http.StatusUnauthorized {
		t.Fatalf("POST with no keys configured = %d, want 401", w.Code)
	}
	if e := decode[errorBody](t, w); !strings.Contains(e.Error, "quotes token create") {
		t.Errorf("error = %q, want it to say how to make a key", e.Error)
	}
}
