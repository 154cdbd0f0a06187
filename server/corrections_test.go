package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/auth"
	"github.com/quotesproject/quotes/server"
)

func TestCorrectionRoutes(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	id := f.q1.ID
	speaker := fmt.Sprintf(`{"action": "correct", "quote_id": %q, "speaker": "Ada Quist", "reason": "named two lines up"}`, id)
	tests := []struct {
		name   string
		method string
		target string
		body   string
		key    bool
		status int
		want   string // in the body
	}{
		{"correct without a key", "POST", "/api/corrections", speaker, false, http.StatusUnauthorized, "key is required"},
		{"correct without a reason", "POST", "/api/corrections", fmt.Sprintf(`{"action": "hide", "quote_id": %q}`, id), true, http.StatusBadRequest, "needs a reason"},
		{"correct an unknown quote", "POST", "/api/corrections", `{"action": "hide", "quote_id": "nope", "reason": "x"}`, true, http.StatusNotFound, `no quote \"nope\"`},
		{"correct with an unknown field", "POST", "/api/corrections", `{"action": "hide", "quote": "nope", "reason": "x"}`, true, http.StatusBadRequest, "unknown field"},
		{"correct", "POST", "/api/corrections", speaker, true, http.StatusCreated, `"by":"key:test"`},
		{"the quote says corrected", "GET", "/api/quotes/" + id, "", false, http.StatusOK, `"corrected":{"fields":["speaker"],"by":"key:test"`},
		{"the audit log", "GET", "/api/corrections", "", false, http.StatusOK, `"reason":"named two lines up"`},
		{"delete without a key", "DELETE", "/api/articles/a2?reason=fake", "", false, http.StatusUnauthorized, "key"},
		{"delete without a reason", "DELETE", "/api/articles/a2", "", true, http.StatusBadRequest, "needs a reason"},
		{"delete", "DELETE", "/api/articles/a2?reason=fabricated", "", true, http.StatusCreated, `"action":"delete_article"`},
		{"delete again", "DELETE", "/api/articles/a2?reason=fabricated", "", true, http.StatusConflict, "already deleted"},
		{"the deleted article's quotes are gone", "GET", "/api/quotes?article=a2", "", false, http.StatusOK, `"total":0`},
		{"backup with a write key", "POST", "/api/admin/backup", `{"dir": "/tmp/x"}`, true, http.StatusForbidden, "own machine"},
		{"verify with a write key", "POST", "/api/admin/verify", `{}`, true, http.StatusForbidden, "own machine"},
	}
	for _, tt := range tests {
		var w *httptest.ResponseRecorder
		header := []string{"Content-Type", "application/json"}
		if tt.key {
			k, v := f.bearer()
			header = append(header, k, v)
		}
		w = do(t, f.h, tt.method, tt.target, tt.body, header...)
		if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("%s: %s %s = %d %s; want %d with %s", tt.name, tt.method, tt.target, w.Code, w.Body, tt.status, tt.want)
		}
	}
}

// The client speaks to a server through its API with the server's local
// key, which may name the user of a command and reach the admin routes.
func TestClientWithTheLocalKey(t *testing.T) {
	keys := auth.Open(t.TempDir())
	local, err := auth.NewLocal(keys)
	if err != nil {
		t.Fatal(err)
	}
	var repaired []bool
	f := newFixture(t, nil, server.Options{Keys: local,
		Verify: func(_ context.Context, repair bool) (any, error) {
			repaired = append(repaired, repair)
			return map[string]int{"Articles": 3}, nil
		}})
	srv := httptest.NewServer(f.h)
	defer srv.Close()
	ctx := context.Background()
	c := &server.Client{BaseURL: srv.URL, Key: local.Secret()}

	res, err := c.Search(ctx, quotes.SearchRequest{Speaker: "Jane Alvarez", Size: 2, Offset: 2})
	if err != nil || res.Total != 3 || len(res.Hits) != 1 {
		t.Fatalf("Search = %+v, %v; want the third of Jane Alvarez's 3 quotes", res, err)
	}
	if _, err := c.Correct(ctx, quotes.CorrectionRequest{Action: quotes.HideQuote, QuoteID: f.q1.ID, Reason: "not hers", By: "cli:ada"}); err != nil {
		t.Fatal(err)
	}
	log, err := c.Corrections(ctx, "", 0)
	if err != nil || len(log) != 1 || log[0].By != "cli:ada" || log[0].ArticleID != "a1" {
		t.Errorf("Corrections = %+v, %v; want one by cli:ada on a1", log, err)
	}
	_, err = c.Correct(ctx, quotes.CorrectionRequest{Action: quotes.HideQuote, QuoteID: "nope", Reason: "x"})
	if quotes.ErrorCode(err) != quotes.ENOTFOUND {
		t.Errorf("error of an unknown quote = %v (code %s), want not_found", err, quotes.ErrorCode(err))
	}
	var rep map[string]int
	if err := c.Verify(ctx, true, &rep); err != nil || rep["Articles"] != 3 || !slices.Equal(repaired, []bool{true}) {
		t.Errorf("Verify = %v, %v, calls %v", rep, err, repaired)
	}
	bad := &server.Client{BaseURL: srv.URL, Key: "qk_wrong"}
	if _, err := bad.Correct(ctx, quotes.CorrectionRequest{Action: quotes.HideQuote, QuoteID: f.q1.ID, Reason: "x"}); quotes.ErrorCode(err) != quotes.EUNAUTHORIZED {
		t.Errorf("a wrong key: %v", err)
	}
}

// The quote's page says it was corrected, what, when and why.
func TestCorrectedOnThePage(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	body := fmt.Sprintf(`{"action": "correct", "quote_id": %q, "speaker": "Ada Quist", "reason": "named <b>two</b> lines up"}`, f.q1.ID)
	if w := f.post(t, "/api/corrections", body); w.Code != http.StatusCreated {
		t.Fatalf("correction: %d %s", w.Code, w.Body)
	}
	w := do(t, f.h, "GET", "/quotes/"+f.q1.ID, "")
	page := w.Body.String()
	if w.Code != http.StatusOK || !strings.Contains(page, `class="corrected"`) || !strings.Contains(page, "speaker corrected on ") ||
		!strings.Contains(page, "named &lt;b&gt;two&lt;/b&gt; lines up") || !strings.Contains(page, ">Ada Quist</a>") {
		t.Errorf("quote page after a correction:\n%s", page)
	}
	if w := do(t, f.h, "GET", "/?q=budget", ""); strings.Contains(w.Body.String(), `class="corrected"`) {
		t.Error("an uncorrected quote is marked corrected")
	}
}
