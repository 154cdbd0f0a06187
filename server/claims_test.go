package server_test

import (
	"context"
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/index"
	"github.com/quotesproject/quotes/server"
)

// claimFixture stores three articles on one claim: Canada asserts a
// lumber deal, a U.S. official confirms it, a newspaper reports it.
func claimFixture(t *testing.T) http.Handler {
	t.Helper()
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	arts := []struct {
		a                         quotes.Article
		quote, speaker, role, cue string
	}{
		{quotes.Article{ID: "c1", URL: "https://north.example/c1", Outlet: "Northern Wire", Published: time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC),
			Text: "Trade Minister Elaine Marchetti said Canada and the United States reached an agreement to cut lumber tariffs."},
			"Canada and the United States reached an agreement to cut lumber tariffs", "Elaine Marchetti", "Canadian Trade Minister", "said"},
		{quotes.Article{ID: "c2", Outlet: "Potomac Report", Published: time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC),
			Text: "Tom Whitcombe confirmed the United States reached an agreement with Canada to cut lumber tariffs."},
			"the United States reached an agreement with Canada to cut lumber tariffs", "Tom Whitcombe", "U.S. trade official", "confirmed"},
		{quotes.Article{ID: "c3", Outlet: "Daily Ledger", Published: time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC),
			Text: "The Daily Ledger reported the agreement to cut lumber tariffs was reached by Canada and the United States."},
			"the agreement to cut lumber tariffs was reached by Canada and the United States", "The Daily Ledger", "", "reported"},
	}
	for _, x := range arts {
		q := quoteIn(t, x.a, x.quote, x.speaker, x.role, x.cue, quotes.KindIndirect)
		if err := ix.Put(context.Background(), x.a, []quotes.Quote{q}); err != nil {
			t.Fatal(err)
		}
	}
	return server.New(ix, nil, server.Options{Logger: testLogger(t), Claims: ix})
}

type claimDetail struct {
	quotes.Claim
	Found        bool   `json:"found"`
	BothSides    bool   `json:"both_sides"`
	VerdictLabel string `json:"verdict_label"`
	Groups       []struct {
		Side       string             `json:"side"`
		Stance     quotes.Stance      `json:"stance"`
		Statements []quotes.Statement `json:"statements"`
	} `json:"groups"`
}

func TestClaimsAPI(t *testing.T) {
	h := claimFixture(t)
	list := decode[quotes.ClaimList](t, do(t, h, "GET", "/api/claims", ""))
	if list.Total != 1 || len(list.Claims) != 1 {
		t.Fatalf("claims = %+v, want one", list)
	}
	c := list.Claims[0]
	if !c.Verdict.BothSides || len(c.Statements) != 3 {
		t.Errorf("claim %q: verdict %+v, %d statements", c.Text, c.Verdict, len(c.Statements))
	}

	for _, tt := range []struct {
		query string
		want  int
	}{
		{"?verdict=both-sides", 1},
		{"?verdict=disputed", 0},
		{"?speaker=marchetti", 1},
		{"?speaker=nobody", 0},
		{"?side=canada", 1},
		{"?side=Mexico", 0},
		{"?q=lumber+tariffs", 1},
		{"?q=cheese", 0},
		{"?offset=0", 1},
		{"?offset=1", 1}, // the total, with an empty page
	} {
		got := decode[quotes.ClaimList](t, do(t, h, "GET", "/api/claims"+tt.query, ""))
		if got.Total != tt.want {
			t.Errorf("GET /api/claims%s: total %d, want %d", tt.query, got.Total, tt.want)
		}
	}

	d := decode[claimDetail](t, do(t, h, "GET", "/api/claims/"+c.ID, ""))
	if d.ID != c.ID || !d.BothSides || d.VerdictLabel != "confirmed by both sides" {
		t.Errorf("detail: %+v", d)
	}
	sides := map[string]quotes.Stance{}
	for _, g := range d.Groups {
		sides[g.Side] = g.Stance
	}
	want := map[string]quotes.Stance{"Canada": quotes.StanceAsserts, "United States": quotes.StanceConfirms, "": quotes.StanceReports}
	for side, st := range want {
		if sides[side] != st {
			t.Errorf("group of side %q has stance %q, want %q (groups %v)", side, sides[side], st, sides)
		}
	}

	w := do(t, h, "GET", "/api/claims/"+c.ID+"?format=claimreview", "")
	if ct := w.Header().Get("Content-Type"); ct != "application/ld+json" {
		t.Errorf("ClaimReview Content-Type = %q", ct)
	}
	var cr map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &cr); err != nil {
		t.Fatal(err)
	}
	rating, _ := cr["reviewRating"].(map[string]any)
	if cr["@type"] != "ClaimReview" || cr["claimReviewed"] != c.Text || rating["alternateName"] != "confirmed by both sides" {
		t.Errorf("ClaimReview = %v", cr)
	}
}

func TestCheckAPI(t *testing.T) {
	h := claimFixture(t)
	d := decode[claimDetail](t, do(t, h, "GET", "/api/check?claim=Canada+and+the+United+States+agreed+to+cut+lumber+tariffs", ""))
	if !d.Found || !d.BothSides || len(d.Statements) != 3 {
		t.Errorf("check: found %v, both sides %v, %d statements", d.Found, d.BothSides, len(d.Statements))
	}
	d = decode[claimDetail](t, do(t, h, "GET", "/api/check?claim=Mars+has+two+moons", ""))
	if d.Found || d.VerdictLabel != "no evidence" {
		t.Errorf("unrelated check: found %v, verdict %q", d.Found, d.VerdictLabel)
	}
}

func TestClaimsAPIErrors(t *testing.T) {
	h := claimFixture(t)
	for _, tt := range []struct {
		target string
		status int
		msg    string
	}{
		{"/api/check", 400, "missing parameter claim"},
		{"/api/check?claim=" + strings.Repeat("a", 1001), 400, "under 1000"},
		{"/api/claims?verdict=maybe", 400, "unknown verdict"},
		{"/api/claims?size=0", 400, "size"},
		{"/api/claims?offset=-1", 400, "not 0 or a positive integer"},
		{"/api/claims/nope", 404, "no claim"},
		{"/api/claims/nope?format=xml", 400, "unknown format"},
	} {
		w := do(t, h, "GET", tt.target, "")
		if w.Code != tt.status {
			t.Errorf("GET %.60s: status %d, want %d (%s)", tt.target, w.Code, tt.status, w.Body)
			continue
		}
		if e := decode[errorBody](t, w); !strings.Contains(e.Error, tt.msg) {
			t.Errorf("GET %.60s: error %q, want it to mention %q", tt.target, e.Error, tt.msg)
		}
	}
	// Without a claim tracker, the routes say so.
	plain := server.New(nil, nil, server.Options{Logger: testLogger(t)})
	if w := do(t, plain, "GET", "/api/claims", ""); w.Code != http.StatusServiceUnavailable {
		t.Errorf("no tracker: status %d, want 503", w.Code)
	}
}

// TestClaimPage: /claims/{id} is a page an editor can share: the claim,
// its verdict, each statement by side with its stance and the words that
// decided it, and links to the speakers and the quotes.
func TestClaimPage(t *testing.T) {
	h := claimFixture(t)
	list := decode[quotes.ClaimList](t, do(t, h, "GET", "/api/claims", ""))
	if len(list.Claims) == 0 {
		t.Fatal("no claims in the fixture")
	}
	c := list.Claims[0]
	w := do(t, h, "GET", "/claims/"+c.ID, "")
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET /claims/%s: %d %s", c.ID, w.Code, w.Header().Get("Content-Type"))
	}
	body := w.Body.String()
	for _, want := range []string{
		"<h1>" + template.HTMLEscapeString(c.Text) + "</h1>",
		"Confirmed by both sides",
		`href="/speakers/` + url.PathEscape(c.Statements[0].Speaker) + `"`,
		`href="/quotes/` + c.Statements[0].QuoteID + `"`,
		`<link rel="canonical" href="http://example.com/claims/` + c.ID + `"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("claim page lacks %q", want)
		}
	}
	for _, s := range c.Statements {
		if s.Because != "" && !strings.Contains(body, template.HTMLEscapeString(s.Because)) {
			t.Errorf("claim page lacks the reason %q of %s's stance", s.Because, s.Speaker)
		}
	}
	if w := do(t, h, "GET", "/claims/nope", ""); w.Code != http.StatusNotFound || !strings.Contains(w.Body.String(), "Claim not found") {
		t.Errorf("GET /claims/nope: %d", w.Code)
	}
}
