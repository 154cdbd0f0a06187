package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/server"
)

// parseAtom reads an Atom answer with a feed parser, as a reader would.
func parseAtom(t *testing.T, w interface {
	Header() http.Header
}, body string) *gofeed.Feed {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
		t.Fatalf("Content-Type %q", ct)
	}
	feed, err := gofeed.NewParser().ParseString(body)
	if err != nil {
		t.Fatalf("not a feed: %v\n%s", err, body)
	}
	if feed.FeedType != "atom" {
		t.Fatalf("feed type %q", feed.FeedType)
	}
	return feed
}

func TestQuotesFeed(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	w := do(t, f.h, "GET", "/feeds/quotes.atom?q=rain&size=3&page=2", "")
	if w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	feed := parseAtom(t, w, w.Body.String())
	if feed.Title != "Quotes: rain" || feed.Link != "http://example.com/?q=rain" {
		t.Errorf("feed title %q, link %q", feed.Title, feed.Link)
	}
	if len(feed.Items) != 12 {
		t.Fatalf("%d entries, want the 12 rain quotes whatever size and page say", len(feed.Items))
	}
	for _, it := range feed.Items {
		if !strings.HasPrefix(it.Title, "Carol Chen: “Forecast ") || !strings.HasPrefix(it.Link, "http://example.com/quotes/") ||
			it.Author == nil || it.Author.Name != "Carol Chen" || it.UpdatedParsed == nil ||
			!strings.Contains(it.Content, "Meteorologist") || !strings.Contains(it.Content, "Weather Wire") {
			t.Errorf("entry %q %q %+v %q", it.Title, it.Link, it.Author, it.Content)
		}
	}

	w = do(t, f.h, "GET", "/feeds/quotes.atom?speaker="+url.QueryEscape("bob smith"), "")
	feed = parseAtom(t, w, w.Body.String())
	if feed.Title != "Quotes: speaker bob smith" || len(feed.Items) != 2 {
		t.Fatalf("speaker feed %q with %d entries", feed.Title, len(feed.Items))
	}
	// Newest first; reported speech is labelled, not put in quotation marks.
	if feed.Items[0].Title != "Bob Smith: “reckless”" || feed.Items[1].Title != "Bob Smith (reported): the budget would be reviewed again" {
		t.Errorf("entries %q, %q", feed.Items[0].Title, feed.Items[1].Title)
	}
	if !strings.Contains(feed.Items[1].Content, "Bob Smith, reported: the budget would be reviewed again") {
		t.Errorf("reported entry content %q", feed.Items[1].Content)
	}

	w = do(t, f.h, "GET", "/feeds/quotes.atom?q="+url.QueryEscape("rain AND"), "")
	if w.Code != http.StatusBadRequest {
		t.Errorf("bad query: %d", w.Code)
	}
	w = do(t, f.h, "GET", "/feeds/quotes.atom?q=nothingmatches", "")
	if feed := parseAtom(t, w, w.Body.String()); len(feed.Items) != 0 || feed.Updated == "" {
		t.Errorf("empty feed: %d entries, updated %q", len(feed.Items), feed.Updated)
	}
	if w := do(t, f.h, "GET", "/feeds/claims/any.atom", ""); w.Code != http.StatusNotFound {
		t.Errorf("claim feed without claims: %d", w.Code)
	}
}

func TestClaimFeed(t *testing.T) {
	h := claimFixture(t)
	list := decode[quotes.ClaimList](t, do(t, h, "GET", "/api/claims", ""))
	if len(list.Claims) == 0 {
		t.Fatal("no claims in the fixture")
	}
	c := list.Claims[0]
	w := do(t, h, "GET", "/feeds/claims/"+c.ID+".atom", "")
	feed := parseAtom(t, w, w.Body.String())
	if !strings.HasPrefix(feed.Title, "Claim: ") || feed.Link != "http://example.com/claims/"+c.ID || len(feed.Items) != len(c.Statements) {
		t.Fatalf("claim feed %q %q with %d entries, want %d", feed.Title, feed.Link, len(feed.Items), len(c.Statements))
	}
	if !strings.HasPrefix(feed.Items[0].Title, "The Daily Ledger") {
		t.Errorf("first entry %q, want the newest statement (the Daily Ledger's)", feed.Items[0].Title)
	}
	if w := do(t, h, "GET", "/feeds/claims/nope.atom", ""); w.Code != http.StatusNotFound {
		t.Errorf("unknown claim: %d", w.Code)
	}
}

// The pages link their feeds, in the head for readers and on the page.
func TestPagesLinkFeeds(t *testing.T) {
	f := newFixture(t, nil, server.Options{})
	for target, want := range map[string]string{
		"/?q=rain&page=2":                          `href="/feeds/quotes.atom?q=rain"`,
		"/speakers/" + url.PathEscape("Bob Smith"): `href="/feeds/quotes.atom?speaker=Bob%20Smith"`,
	} {
		body := do(t, f.h, "GET", target, "").Body.String()
		if !strings.Contains(body, `<link rel="alternate" type="application/atom+xml" `+want) || !strings.Contains(body, `<a `+want) {
			t.Errorf("%s does not link %s in its head and its body", target, want)
		}
	}
	h := claimFixture(t)
	c := decode[quotes.ClaimList](t, do(t, h, "GET", "/api/claims", "")).Claims[0]
	if body := do(t, h, "GET", "/claims/"+c.ID, "").Body.String(); !strings.Contains(body, `href="/feeds/claims/`+c.ID+`.atom"`) {
		t.Errorf("claim page does not link its feed")
	}
}
