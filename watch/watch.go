// Package watch follows the RSS and Atom feeds a newsroom already has, so
// that articles arrive by themselves rather than by a command or a POST.
//
// # Design
//
// A Watcher polls each feed every Every, with a conditional GET (the
// ETag and Last-Modified of its last answer): an unchanged feed costs one
// 304. For every item whose link it has not seen, it fetches the page,
// reads its readable article (package source: go-readability, then plain
// paragraphs), fills what the page lacks from the item (title, date, the
// feed's title as outlet) and hands the article to Put. When the page
// cannot be had (an error status, a timeout, a page with no article), the
// item's own text stands in when the feed carries one; else the item is
// tried again at the next rounds, up to MaxAttempts, and then given up
// with a log line.
//
// Requests to one host are spaced by PerHost (golang.org/x/time/rate),
// whichever feeds they come from: a polite reader of a newsroom's site.
// Redirects are followed up to maxRedirects; bodies are cut at the
// source limits.
//
// What it has seen, the feeds' validators and the attempts are kept in a
// bbolt file (State), so that a restarted watcher fetches nothing twice.
// An article id comes from its link (quotes.Article.NormalizeID), so an
// item seen under two feeds is stored once.
//
// The package knows nothing of extraction or storage: Put does that.
package watch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/time/rate"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/source"
)

// Defaults and limits of a Watcher.
const (
	// DefaultEvery is how often each feed is polled.
	DefaultEvery = 10 * time.Minute
	// DefaultPerHost spaces two requests to one host.
	DefaultPerHost = 2 * time.Second
	// DefaultTimeout bounds one request, feed or page.
	DefaultTimeout = 30 * time.Second
	// MaxAttempts is how many rounds an item whose page cannot be had is
	// tried before it is given up.
	MaxAttempts = 3
	// maxRedirects is how many redirects one request follows.
	maxRedirects = 5
	// maxFeedBytes bounds a feed's body.
	maxFeedBytes = 8 << 20
	// userAgent names the watcher to the sites it reads.
	userAgent = "quotes-watch/1 (+https://github.com/quotesproject/quotes)"
)

// Watcher polls feeds and hands their new articles to Put. Its exported
// fields are set before Run or Poll and not changed after.
type Watcher struct {
	// Feeds are the feeds' URLs (http or https).
	Feeds []string
	// Put stores one article: extract its quotes and keep them. An error
	// leaves the item unseen, to be tried again.
	Put func(ctx context.Context, a quotes.Article) error
	// State keeps what was seen across runs.
	State *State
	// Every, PerHost and Timeout default to DefaultEvery, DefaultPerHost
	// and DefaultTimeout.
	Every, PerHost, Timeout time.Duration
	// Limits bound the articles read (source.Limits; zero: defaults).
	Limits source.Limits
	// Client makes the requests; nil means one with Timeout and the
	// redirect limit.
	Client *http.Client
	// Log receives a line per round and per failure; nil discards.
	Log *slog.Logger

	once     sync.Once
	mu       sync.Mutex
	limiters map[string]*rate.Limiter
}

// Round is what one poll of a feed did.
type Round struct {
	Feed        string
	NotModified bool // the feed answered 304
	Items       int  // items in the feed
	New         int  // articles handed to Put
	Failed      int  // items that could not be had this round
}

// CheckFeeds reports the first feed URL that is not an absolute http or
// https URL, as an EINVALID error naming it.
func CheckFeeds(feeds []string) error {
	if len(feeds) == 0 {
		return quotes.Errorf(quotes.EINVALID, "no feed to watch: give the URL of an RSS or Atom feed")
	}
	for _, f := range feeds {
		u, err := url.Parse(f)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return quotes.Errorf(quotes.EINVALID, "%q is not the http or https URL of a feed", f)
		}
	}
	return nil
}

func (w *Watcher) init() {
	w.once.Do(func() {
		if w.Every <= 0 {
			w.Every = DefaultEvery
		}
		if w.PerHost <= 0 {
			w.PerHost = DefaultPerHost
		}
		if w.Timeout <= 0 {
			w.Timeout = DefaultTimeout
		}
		if w.Client == nil {
			w.Client = &http.Client{
				Timeout: w.Timeout,
				CheckRedirect: func(req *http.Request, via []*http.Request) error {
					if len(via) >= maxRedirects {
						return fmt.Errorf("more than %d redirects", maxRedirects)
					}
					return nil
				},
			}
		}
		if w.Log == nil {
			w.Log = slog.New(slog.DiscardHandler)
		}
		w.limiters = map[string]*rate.Limiter{}
	})
}

// Run polls every feed, then waits Every, until ctx ends; it returns
// ctx's error then. A feed that fails is logged and polled again at the
// next round.
func (w *Watcher) Run(ctx context.Context) error {
	w.init()
	if err := CheckFeeds(w.Feeds); err != nil {
		return err
	}
	for {
		for _, f := range w.Feeds {
			r, err := w.Poll(ctx, f)
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err != nil {
				w.Log.Warn("watch: feed failed; trying again next round", "feed", f, "err", err)
				continue
			}
			w.Log.Info("watch: feed polled", "feed", f, "not_modified", r.NotModified, "items", r.Items, "new", r.New, "failed", r.Failed)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(w.Every):
		}
	}
}

// wait spaces requests to u's host by PerHost.
func (w *Watcher) wait(ctx context.Context, u string) error {
	host := u
	if p, err := url.Parse(u); err == nil {
		host = p.Host
	}
	w.mu.Lock()
	l := w.limiters[host]
	if l == nil {
		l = rate.NewLimiter(rate.Every(w.PerHost), 1)
		w.limiters[host] = l
	}
	w.mu.Unlock()
	return l.Wait(ctx)
}

// get fetches u with the validators of a feed (empty for a page), and
// returns the answer's status, body (cut at limit bytes) and final URL.
func (w *Watcher) get(ctx context.Context, u, etag, modified string, limit int64) (*http.Response, []byte, error) {
	if err := w.wait(ctx, u); err != nil {
		return nil, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("User-Agent", userAgent)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if modified != "" {
		req.Header.Set("If-Modified-Since", modified)
	}
	resp, err := w.Client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", u, err)
	}
	if int64(len(body)) > limit {
		return nil, nil, fmt.Errorf("%s is larger than %d bytes", u, limit)
	}
	return resp, body, nil
}

// Poll reads the feed once and hands its new articles to Put.
func (w *Watcher) Poll(ctx context.Context, feed string) (Round, error) {
	w.init()
	r := Round{Feed: feed}
	st, err := w.State.feed(feed)
	if err != nil {
		return r, err
	}
	resp, body, err := w.get(ctx, feed, st.ETag, st.LastModified, maxFeedBytes)
	if err != nil {
		return r, fmt.Errorf("watch: feed %s: %w", feed, err)
	}
	if resp.StatusCode == http.StatusNotModified {
		r.NotModified = true
		return r, nil
	}
	if resp.StatusCode/100 != 2 {
		return r, fmt.Errorf("watch: feed %s: %s", feed, resp.Status)
	}
	parsed, err := parseFeed(body)
	if err != nil {
		return r, fmt.Errorf("watch: feed %s: %w", feed, err)
	}
	lim := w.Limits
	if lim.MaxFeedItems <= 0 {
		lim.MaxFeedItems = source.DefaultMaxFeedItems
	}
	if lim.MaxArticleBytes <= 0 {
		lim.MaxArticleBytes = source.DefaultMaxArticleBytes
	}
	items := parsed.Items
	if len(items) > lim.MaxFeedItems {
		items = items[:lim.MaxFeedItems]
	}
	r.Items = len(items)
	for _, it := range items {
		link := itemLink(feed, it)
		if link == "" {
			continue
		}
		seen, attempts, err := w.State.item(link)
		if err != nil {
			return r, err
		}
		if seen {
			continue
		}
		a, perr := w.article(ctx, collapse(parsed.Title), link, it, lim)
		if ctx.Err() != nil {
			return r, ctx.Err()
		}
		if perr == nil {
			perr = w.Put(ctx, a)
		}
		if perr != nil {
			r.Failed++
			attempts++
			giveUp := attempts >= MaxAttempts
			w.Log.Warn("watch: item failed", "feed", feed, "link", link, "attempt", attempts, "given_up", giveUp, "err", perr)
			if err := w.State.markItem(link, giveUp, attempts); err != nil {
				return r, err
			}
			continue
		}
		r.New++
		if err := w.State.markItem(link, true, attempts); err != nil {
			return r, err
		}
	}
	// The validators only once every item is handled: a feed whose
	// round failed midway is read in full again.
	if err := w.State.setFeed(feed, feedState{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}); err != nil {
		return r, err
	}
	return r, nil
}

// parseFeed reads an RSS or Atom feed; the parser is not ours, and a
// panic on odd input is a bad feed.
func parseFeed(body []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("cannot read the feed: %v", p)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(body))
}

// itemLink returns the item's link, absolute (resolved against the
// feed's URL), or "" for an item without an http(s) link.
func itemLink(feed string, it *gofeed.Item) string {
	if it == nil {
		return ""
	}
	l := strings.TrimSpace(it.Link)
	if l == "" && len(it.Links) > 0 {
		l = strings.TrimSpace(it.Links[0])
	}
	base, err := url.Parse(feed)
	if err != nil || l == "" {
		return ""
	}
	u, err := base.Parse(l)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

// errNoText is the error of an item whose page and feed entry hold no
// article text.
var errNoText = errors.New("neither the page nor the feed item holds an article")

// article fetches the item's page and returns its article, completed from
// the item; when the page cannot be had, the item's own text, if any.
func (w *Watcher) article(ctx context.Context, outlet, link string, it *gofeed.Item, lim source.Limits) (quotes.Article, error) {
	a, perr := w.page(ctx, link, lim)
	if perr != nil {
		text := source.FragmentText(it.Content)
		if strings.TrimSpace(text) == "" {
			text = source.FragmentText(it.Description)
		}
		if strings.TrimSpace(text) == "" {
			return a, fmt.Errorf("%w: %v", errNoText, perr)
		}
		w.Log.Info("watch: page not had; the feed's text stands in", "link", link, "err", perr)
		a = quotes.Article{Text: text}
	}
	a.ID, a.URL = "", link // the id comes from the item's link, whatever the page calls itself
	if a.Title == "" {
		a.Title = collapse(it.Title)
	}
	if a.Outlet == "" {
		a.Outlet = outlet
	}
	if a.Published.IsZero() {
		switch {
		case it.PublishedParsed != nil:
			a.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			a.Published = *it.UpdatedParsed
		}
	}
	if len(a.Text) > lim.MaxArticleBytes {
		return a, fmt.Errorf("%s: the article is %d bytes; the limit is %d", link, len(a.Text), lim.MaxArticleBytes)
	}
	a.NormalizeID()
	return a, a.Validate()
}

// page fetches link and reads its readable article.
func (w *Watcher) page(ctx context.Context, link string, lim source.Limits) (quotes.Article, error) {
	resp, body, err := w.get(ctx, link, "", "", int64(lim.MaxArticleBytes)*4)
	if err != nil {
		return quotes.Article{}, err
	}
	if resp.StatusCode/100 != 2 {
		return quotes.Article{}, fmt.Errorf("%s: %s", link, resp.Status)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" && !strings.Contains(ct, "html") {
		return quotes.Article{}, fmt.Errorf("%s is %s, not a web page", link, ct)
	}
	arts, err := source.ParseLimited("page.html", bytes.NewReader(body), lim)
	if err != nil {
		return quotes.Article{}, err
	}
	if len(arts) == 0 || strings.TrimSpace(arts[0].Text) == "" {
		return quotes.Article{}, fmt.Errorf("%s holds no article", link)
	}
	return arts[0], nil
}

// collapse folds runs of white space into one space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
