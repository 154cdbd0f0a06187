package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/server"
)

// A wire copy of article1 carried a day earlier by another outlet: the
// governor's words appear twice, and are one quote.
func TestAppearancesAPIAndPages(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	wire := quotes.Article{
		ID: "wire1", URL: "https://wire.example/w1", Title: "Governor vows to fight (wire)",
		Outlet: "Wire Service", Published: article1.Published.Add(-24 * time.Hour),
		Text: "“We will not back down,” Governor Jane Alvarez said.",
	}
	copyQ := quoteIn(t, wire, "We will not back down,", "Jane Alvarez", "Governor", "said", quotes.KindDirect)
	if err := f.ix.Put(context.Background(), wire, []quotes.Quote{copyQ}); err != nil {
		t.Fatal(err)
	}

	res := decode[searchBody](t, do(t, f.h, "GET", "/api/quotes?q=%22not%20back%20down%22", ""))
	if res.Total != 1 || len(res.Hits) != 1 {
		t.Fatalf("collapsed search: total %d, %d hits; want one quote", res.Total, len(res.Hits))
	}
	q := res.Hits[0].Quote
	if q.ID != copyQ.ID || q.Appearances != 2 || q.First == nil || q.First.Outlet != "Wire Service" {
		t.Errorf("hit = %s with %d appearances, first %+v; want the wire's, 2, first in Wire Service", q.ID, q.Appearances, q.First)
	}
	every := decode[searchBody](t, do(t, f.h, "GET", "/api/quotes?q=%22not%20back%20down%22&collapse=false", ""))
	if every.Total != 2 {
		t.Errorf("collapse=false: total %d, want both appearances", every.Total)
	}
	if w := do(t, f.h, "GET", "/api/quotes?collapse=maybe", ""); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "collapse") {
		t.Errorf("collapse=maybe: %d %s", w.Code, w.Body)
	}

	body := decode[struct{ Appearances []quotes.Appearance }](t, do(t, f.h, "GET", "/api/quotes/"+f.q1.ID+"/appearances", ""))
	if len(body.Appearances) != 2 || !body.Appearances[0].First || body.Appearances[0].ArticleID != "wire1" ||
		body.Appearances[1].URL != article1.URL {
		t.Errorf("appearances = %+v", body.Appearances)
	}
	if w := do(t, f.h, "GET", "/api/quotes/nope/appearances", ""); w.Code != http.StatusNotFound {
		t.Errorf("appearances of no quote: %d", w.Code)
	}

	page := do(t, f.h, "GET", "/?q=%22not+back+down%22", "").Body.String()
	checkBody(t, page, []string{`href="/quotes/` + copyQ.ID + `#appearances">2 appearances, first in Wire Service on 18 May 2025</a>`}, nil)
	quotePage := do(t, f.h, "GET", "/quotes/"+f.q1.ID, "").Body.String()
	checkBody(t, quotePage, []string{
		`id="appearances"`, "Where it appeared (2)",
		`<strong class="first">First</strong>`, "Wire Service", "18 May 2025", `href="/quotes/` + copyQ.ID + `">its quote</a>`,
		"Daily Planet", "this page",
	}, nil)
	csv := do(t, f.h, "GET", "/api/quotes?q=%22not%20back%20down%22&format=csv", "").Body.String()
	checkBody(t, csv, []string{"appearances,first_outlet,first_published,first_article_id", ",2,Wire Service,2025-05-18T10:00:00Z,wire1"}, nil)
}
