package server_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/server"
)

// Following the next cursor of each page gives every hit once, in order.
func TestSearchCursor(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	type page struct {
		Total uint64       `json:"total"`
		Hits  []quotes.Hit `json:"hits"`
		Next  string       `json:"next"`
	}
	all := decode[page](t, do(t, f.h, "GET", "/api/quotes?size=100", ""))
	var got []string
	after := ""
	for n := 0; n <= len(all.Hits); n++ {
		p := decode[page](t, do(t, f.h, "GET", "/api/quotes?size=4&after="+url.QueryEscape(after), ""))
		for _, h := range p.Hits {
			got = append(got, h.Quote.ID)
		}
		if p.Next == "" {
			break
		}
		after = p.Next
	}
	var want []string
	for _, h := range all.Hits {
		want = append(want, h.Quote.ID)
	}
	if !slices.Equal(got, want) || uint64(len(got)) != all.Total {
		t.Errorf("paged by cursor %d hits %q, want %d %q", len(got), got, all.Total, want)
	}
	first := decode[page](t, do(t, f.h, "GET", "/api/quotes?size=4", ""))
	for target, want := range map[string]string{
		"/api/quotes?size=4&page=2&after=" + url.QueryEscape(first.Next): "page: 2 with a cursor",
		"/api/quotes?after=nonsense":                                     "is not a cursor",
		"/api/quotes?page=9999":                                          "follow the next cursor",
	} {
		w := do(t, f.h, "GET", target, "")
		if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), want) {
			t.Errorf("%s: %d %s, want 400 with %q", target, w.Code, w.Body, want)
		}
	}
}

func TestExportCSVAndJSONL(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	t.Run("csv", func(t *testing.T) {
		w := do(t, f.h, "GET", "/api/quotes?format=csv&q=rain&size=2", "")
		if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") ||
			!strings.Contains(w.Header().Get("Content-Disposition"), `filename="quotes.csv"`) {
			t.Fatalf("%d %v", w.Code, w.Header())
		}
		rows, err := csv.NewReader(w.Body).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 13 || rows[0][0] != "id" || rows[0][1] != "quote" || rows[0][3] != "speaker" {
			t.Fatalf("%d rows, header %q; want the header and the 12 rain quotes, whatever the page size", len(rows), rows[0])
		}
		for _, r := range rows[1:] {
			if r[3] != "Carol Chen" || !strings.Contains(r[1], "calls for rain") || r[2] != "direct" || r[5] != "Meteorologist" {
				t.Errorf("row %q", r)
			}
		}
	})
	t.Run("jsonl", func(t *testing.T) {
		w := do(t, f.h, "GET", "/api/quotes?format=jsonl&speaker="+url.QueryEscape("bob smith"), "")
		if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/jsonl") {
			t.Fatalf("%d %v", w.Code, w.Header())
		}
		var texts []string
		for line := range strings.Lines(w.Body.String()) {
			var q quotes.Quote
			if err := json.Unmarshal([]byte(line), &q); err != nil {
				t.Fatalf("line %q: %v", line, err)
			}
			texts = append(texts, q.Text)
		}
		slices.Sort(texts)
		if want := []string{"reckless", "the budget would be reviewed again"}; !slices.Equal(texts, want) {
			t.Errorf("exported %q, want %q", texts, want)
		}
	})
	t.Run("an empty export is a header alone", func(t *testing.T) {
		w := do(t, f.h, "GET", "/api/quotes?format=csv&q=nothingmatches", "")
		if w.Code != http.StatusOK || !strings.HasPrefix(w.Body.String(), "id,quote,kind,") || strings.Count(w.Body.String(), "\n") != 1 {
			t.Errorf("%d %q, want the header alone", w.Code, w.Body)
		}
	})
	t.Run("a bad query or format is refused before the stream", func(t *testing.T) {
		for target, want := range map[string]string{
			"/api/quotes?format=csv&q=" + url.QueryEscape("rain AND"): "has nothing on its right",
			"/api/quotes?format=xlsx":                                 "format: \\\"xlsx\\\" is not json, csv or jsonl",
		} {
			w := do(t, f.h, "GET", target, "")
			if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), want) {
				t.Errorf("%s: %d %s, want 400 with %q", target, w.Code, w.Body, want)
			}
		}
	})
	t.Run("the client reads the stream", func(t *testing.T) {
		ts := httptest.NewServer(f.h)
		defer ts.Close()
		c := &server.Client{BaseURL: ts.URL}
		n := 0
		if err := c.Export(context.Background(), quotes.SearchRequest{Query: "rain"}, func(q quotes.Quote) error {
			n++
			return nil
		}); err != nil || n != 12 {
			t.Errorf("client export: %d quotes, %v; want 12", n, err)
		}
		err := c.Export(context.Background(), quotes.SearchRequest{Query: "(rain"}, func(quotes.Quote) error { return nil })
		if quotes.ErrorCode(err) != quotes.EINVALID {
			t.Errorf("client export of a bad query: %v, want EINVALID", err)
		}
	})
}

// The page links the exports of its search, and pages by cursor once
// one is in its address.
func TestPageExportAndCursorLinks(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	w := do(t, f.h, "GET", "/?q=rain&size=5&page=2", "")
	body := w.Body.String()
	for _, want := range []string{
		`href="/api/quotes?format=csv&amp;q=rain" download id="export-csv"`,
		`href="/api/quotes?format=jsonl&amp;q=rain" download id="export-jsonl"`,
		`Page 2 of 3`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("page 2 lacks %s", want)
		}
	}
	type page struct {
		Next string `json:"next"`
	}
	first := decode[page](t, do(t, f.h, "GET", "/api/quotes?q=rain&size=5", ""))
	w = do(t, f.h, "GET", "/?q=rain&size=5&after="+url.QueryEscape(first.Next), "")
	body = w.Body.String()
	for _, want := range []string{
		"12 quotes; showing 5 more.",
		`href="/?q=rain&amp;size=5" data-nav>« First page`,
		`rel="next"`,
		`href="/?after=`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page after a cursor lacks %s", want)
		}
	}
	if strings.Contains(body, "Page 1 of") || strings.Contains(body, `rel="prev"`) {
		t.Errorf("the page after a cursor numbers itself")
	}
	// A facet link leaves the cursor behind.
	if strings.Contains(body, `speaker=Carol+Chen&amp;after=`) || strings.Contains(body, `after=`+url.QueryEscape(first.Next)+`&amp;q=rain&amp;size=5&amp;speaker`) {
		t.Errorf("a facet link keeps the cursor")
	}
}
