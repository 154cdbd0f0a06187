package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/index"
	"github.com/quotesproject/quotes/server"
)

// newSpeakersFixture serves an index in which people are named in several
// ways: Donald Trump three ways, Bill and Hillary Clinton and a bare
// "Clinton", Jeb and George W. Bush.
func newSpeakersFixture(t *testing.T) http.Handler {
	t.Helper()
	ix, err := index.Open(t.TempDir())
	if err != nil {
		t.Fatalf("index.Open: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	a := quotes.Article{ID: "names", Outlet: "Daily Planet", Published: time.Date(2017, 10, 2, 0, 0, 0, 0, time.UTC),
		Text: "“We will win,” Donald J. Trump said. “Jobs are back,” Donald Trump said. " +
			"“A great day,” Mr Trump said. “I never said that,” Bill Clinton said. " +
			"“Stronger together,” Hillary Clinton said. “Not this time,” Clinton said. " +
			"“Please clap,” Jeb Bush said. “Mission accomplished,” George W. Bush said."}
	var qs []quotes.Quote
	for _, q := range [][2]string{
		{"We will win,", "Donald J. Trump"}, {"Jobs are back,", "Donald Trump"}, {"A great day,", "Trump"},
		{"I never said that,", "Bill Clinton"}, {"Stronger together,", "Hillary Clinton"}, {"Not this time,", "Clinton"},
		{"Please clap,", "Jeb Bush"}, {"Mission accomplished,", "George W. Bush"},
	} {
		qs = append(qs, quoteIn(t, a, q[0], q[1], "", "said", quotes.KindDirect))
	}
	if err := ix.Put(context.Background(), a, qs); err != nil {
		t.Fatal(err)
	}
	return server.New(ix, nil, server.Options{Logger: testLogger(t)})
}

func TestSpeakerPageRedirectsVariants(t *testing.T) {
	h := newSpeakersFixture(t)
	for _, c := range []struct {
		path, location string // location "" for no redirect
		status         int
	}{
		{"/speakers/Donald%20Trump", "", http.StatusOK},
		{"/speakers/donald%20trump", "/speakers/Donald%20Trump", http.StatusMovedPermanently},
		{"/speakers/Donald%20J.%20Trump", "/speakers/Donald%20Trump", http.StatusMovedPermanently},
		{"/speakers/Trump", "/speakers/Donald%20Trump", http.StatusMovedPermanently},
		{"/speakers/TRUMP?q=win&from=2017-01-01", "/speakers/Donald%20Trump?q=win&from=2017-01-01", http.StatusMovedPermanently},
		{"/speakers/hillary%20clinton", "/speakers/Hillary%20Clinton", http.StatusMovedPermanently},
		{"/speakers/Bill%20Clinton", "", http.StatusOK},
		{"/speakers/Clinton", "", http.StatusOK}, // Bill or Hillary: its own page
		{"/speakers/clinton", "/speakers/Clinton", http.StatusMovedPermanently},
		{"/speakers/Jeb%20Bush", "", http.StatusOK},
		{"/speakers/george%20w%20bush", "/speakers/George%20W.%20Bush", http.StatusMovedPermanently},
		{"/speakers/Bush", "", http.StatusNotFound},
		{"/speakers/Melania%20Trump", "", http.StatusNotFound},
	} {
		t.Run(c.path, func(t *testing.T) {
			w := do(t, h, http.MethodGet, c.path, "")
			if w.Code != c.status {
				t.Fatalf("status = %d, want %d\n%s", w.Code, c.status, w.Body)
			}
			if got := w.Header().Get("Location"); got != c.location {
				t.Errorf("Location = %q, want %q", got, c.location)
			}
			if c.location != "" && w.Header().Get("Cache-Control") != "max-age=3600" {
				t.Errorf("Cache-Control = %q: a redirect must not be kept forever", w.Header().Get("Cache-Control"))
			}
		})
	}

	t.Run("the canonical page lists every variant's quotes", func(t *testing.T) {
		body := do(t, h, http.MethodGet, "/speakers/Donald%20Trump", "").Body.String()
		checkHas(t, body, []string{"We will win", "Jobs are back", "A great day",
			"Also quoted as “Donald J. Trump”, “Trump”."}, []string{"Stronger together"})
	})
	t.Run("a shared surname links to the people sharing it", func(t *testing.T) {
		body := do(t, h, http.MethodGet, "/speakers/Clinton", "").Body.String()
		checkHas(t, body, []string{"Not this time", `<a href="/speakers/Bill%20Clinton">Bill Clinton</a>`,
			`<a href="/speakers/Hillary%20Clinton">Hillary Clinton</a>`},
			[]string{"I never said that", "Stronger together"})
	})
}

func TestSearchAPISpeakerFilterTakesVariants(t *testing.T) {
	h := newSpeakersFixture(t)
	search := func(speaker string) (texts []string, facet []quotes.FacetCount) {
		t.Helper()
		w := do(t, h, http.MethodGet, "/api/quotes?speaker="+url.QueryEscape(speaker), "")
		if w.Code != http.StatusOK {
			t.Fatalf("speaker=%s: status %d\n%s", speaker, w.Code, w.Body)
		}
		var res struct {
			Hits   []quotes.Hit                   `json:"hits"`
			Facets map[string][]quotes.FacetCount `json:"facets"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			texts = append(texts, strings.TrimSuffix(h.Quote.Text, ","))
		}
		slices.Sort(texts)
		return texts, res.Facets["speaker"]
	}
	trump := []string{"A great day", "Jobs are back", "We will win"}
	for _, c := range []struct {
		speaker string
		want    []string
	}{
		{"Donald Trump", trump},
		{"donald trump", trump},
		{"DONALD J. TRUMP", trump},
		{"trump", trump},
		{"Hillary Clinton", []string{"Stronger together"}},
		{"bill clinton", []string{"I never said that"}},
		{"clinton", []string{"Not this time"}},
		{"jeb bush", []string{"Please clap"}},
		{"George W Bush", []string{"Mission accomplished"}},
		{"Bush", nil},
	} {
		got, facet := search(c.speaker)
		if !slices.Equal(got, c.want) {
			t.Errorf("speaker=%s: %q, want %q", c.speaker, got, c.want)
		}
		if c.want != nil && c.speaker == "trump" && !slices.Equal(facet, []quotes.FacetCount{{Term: "Donald Trump", Count: 3}}) {
			t.Errorf("speaker=%s: speaker facet %v, want Donald Trump 3", c.speaker, facet)
		}
	}

	w := do(t, h, http.MethodGet, "/api/speakers?limit=3", "")
	var list struct {
		Speakers []struct {
			Name  string `json:"name"`
			Count int    `json:"count"`
		} `json:"speakers"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Speakers) != 3 || list.Speakers[0].Name != "Donald Trump" || list.Speakers[0].Count != 3 ||
		list.Speakers[1].Name != "Bill Clinton" || list.Speakers[2].Name != "Clinton" {
		t.Errorf("/api/speakers = %+v, want Donald Trump 3, then Bill Clinton and Clinton", list.Speakers)
	}
}
