package watch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
)

// site is a newsroom's site as the tests serve it: a feed and the pages
// it links, some of them slow, broken or moved.
type site struct {
	srv  *httptest.Server
	etag string

	mu    sync.Mutex
	hits  map[string]int
	times []time.Time
}

const page = `<html><head><title>%s</title></head><body><article><h1>%s</h1>
<p>%s</p><p>The council met on Tuesday evening and voted after a long debate that ran past midnight.</p></article></body></html>`

func newSite(t *testing.T) *site {
	s := &site{etag: `"v1"`, hits: map[string]int{}}
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		etag := s.etag
		s.mu.Unlock()
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor Gazette</title>
<item><title>Council backs the seawall</title><link>/a1</link><pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate></item>
<item><title>Slow page</title><link>/slow</link><description>&lt;p&gt;“We will finish the seawall by June,” Ada Quist said.&lt;/p&gt;</description></item>
<item><title>Broken page</title><link>/broken</link></item>
<item><title>Moved page</title><link>/moved</link></item>
<item><title>A document</title><link>/report.pdf</link></item>
<item><title>Same page again</title><link>/a1#comments</link></item>
</channel></rss>`)
	})
	mux.HandleFunc("/a1", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, page, "Council backs the seawall", "Council backs the seawall", `“The seawall will protect every home,” Mayor Ben Oduya said.`)
	})
	mux.HandleFunc("/a2", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, page, "The moved story", "The moved story", `“Nothing moves faster than a rumour,” Ada Quist said.`)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/a2", http.StatusMovedPermanently) })
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", http.StatusInternalServerError) })
	mux.HandleFunc("/report.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.4")
	})
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.times = append(s.times, time.Now())
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// sink collects what a watcher puts.
type sink struct {
	mu   sync.Mutex
	arts []quotes.Article
	fail bool
}

func (k *sink) put(_ context.Context, a quotes.Article) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fail {
		return errors.New("the store is down")
	}
	k.arts = append(k.arts, a)
	return nil
}

func newWatcher(t *testing.T, s *site, k *sink, statePath string) *Watcher {
	t.Helper()
	st, err := OpenState(statePath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &Watcher{Feeds: []string{s.srv.URL + "/feed.xml"}, Put: k.put, State: st,
		PerHost: time.Millisecond, Timeout: 300 * time.Millisecond}
}

func TestWatch(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	k := &sink{}
	state := filepath.Join(t.TempDir(), "watch.db")
	w := newWatcher(t, s, k, state)
	feed := s.srv.URL + "/feed.xml"

	r, err := w.Poll(ctx, feed)
	if err != nil {
		t.Fatal(err)
	}
	if r.Items != 6 || r.New != 3 || r.Failed != 2 {
		t.Fatalf("first round %+v, want 6 items, 3 new (a1, slow from the feed, moved), 2 failed (broken, pdf)", r)
	}
	byURL := map[string]quotes.Article{}
	for _, a := range k.arts {
		byURL[strings.TrimPrefix(a.URL, s.srv.URL)] = a
	}
	a1 := byURL["/a1"]
	if !strings.Contains(a1.Text, "The seawall will protect every home") || a1.Title != "Council backs the seawall" ||
		a1.Outlet != "Harbor Gazette" || a1.Published.Format(time.DateOnly) != "2026-03-02" || a1.ID == "" {
		t.Errorf("a1 = %+v", a1)
	}
	if !strings.Contains(byURL["/moved"].Text, "Nothing moves faster than a rumour") {
		t.Errorf("the moved page was not followed: %+v", byURL["/moved"])
	}
	if !strings.Contains(byURL["/slow"].Text, "We will finish the seawall by June") {
		t.Errorf("the slow page's feed text did not stand in: %+v", byURL["/slow"])
	}
	if s.count("/a1") != 1 {
		t.Errorf("a1 fetched %d times; the same link with a #fragment is the same article", s.count("/a1"))
	}

	// Unchanged: one 304, no page.
	before := s.count("/a1") + s.count("/broken")
	if r, err := w.Poll(ctx, feed); err != nil || !r.NotModified {
		t.Fatalf("second round %+v, %v; want not modified", r, err)
	}
	if after := s.count("/a1") + s.count("/broken"); after != before {
		t.Errorf("pages fetched on a 304")
	}

	// A restarted watcher on the same state fetches nothing it has seen;
	// the broken page is tried until MaxAttempts, then given up.
	w.State.Close()
	w = newWatcher(t, s, k, state)
	for round := 2; round <= MaxAttempts+1; round++ {
		s.mu.Lock()
		s.etag = fmt.Sprintf(`"v%d"`, round)
		s.mu.Unlock()
		r, err := w.Poll(ctx, feed)
		if err != nil {
			t.Fatal(err)
		}
		if r.New != 0 {
			t.Errorf("round %d put %d articles again", round, r.New)
		}
	}
	if got := s.count("/broken"); got != MaxAttempts {
		t.Errorf("broken page fetched %d times, want %d (then given up)", got, MaxAttempts)
	}
	if s.count("/a1") != 1 || s.count("/a2") != 1 || s.count("/slow") != 1 {
		t.Errorf("pages fetched again after a restart: a1 %d, a2 %d, slow %d", s.count("/a1"), s.count("/a2"), s.count("/slow"))
	}
	if len(k.arts) != 3 {
		t.Errorf("%d articles put in all, want 3", len(k.arts))
	}
}

// A failed Put leaves the item for the next round.
func TestWatchPutFailure(t *testing.T) {
	ctx := context.Background()
	s := newSite(t)
	k := &sink{fail: true}
	w := newWatcher(t, s, k, filepath.Join(t.TempDir(), "watch.db"))
	feed := s.srv.URL + "/feed.xml"
	if r, err := w.Poll(ctx, feed); err != nil || r.New != 0 {
		t.Fatalf("round with the store down: %+v, %v", r, err)
	}
	k.fail = false
	s.etag = `"v2"`
	if r, err := w.Poll(ctx, feed); err != nil || r.New != 3 {
		t.Fatalf("round with the store back: %+v, %v; want the 3 articles", r, err)
	}
}

// Requests to one host are spaced by PerHost.
func TestWatchPerHost(t *testing.T) {
	s := newSite(t)
	w := newWatcher(t, s, &sink{}, filepath.Join(t.TempDir(), "watch.db"))
	w.PerHost = 60 * time.Millisecond
	if _, err := w.Poll(context.Background(), s.srv.URL+"/feed.xml"); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.times) < 5 {
		t.Fatalf("%d requests", len(s.times))
	}
	// Every request waits its turn but the second of a redirect, which
	// the client makes inside the first's.
	short := 0
	for i := 1; i < len(s.times); i++ {
		if s.times[i].Sub(s.times[i-1]) < 50*time.Millisecond {
			short++
		}
	}
	if short > 1 {
		t.Errorf("%d of %d requests came less than 50 ms after the one before, want only the redirect's", short, len(s.times))
	}
}

func TestCheckFeeds(t *testing.T) {
	for _, feeds := range [][]string{nil, {"ftp://example.com/feed"}, {"example.com/feed.xml"}, {"http://"}} {
		if err := CheckFeeds(feeds); quotes.ErrorCode(err) != quotes.EINVALID {
			t.Errorf("CheckFeeds(%q) = %v, want EINVALID", feeds, err)
		}
	}
	if err := CheckFeeds([]string{"https://example.com/feed.xml"}); err != nil {
		t.Error(err)
	}
}

func TestStateIsExclusive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "watch.db")
	st, err := OpenState(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := OpenState(path); err == nil || !strings.Contains(err.Error(), "another watcher") {
		t.Errorf("a second watcher on the same state: %v", err)
	}
}

// Run polls round after round until its context ends.
func TestWatchRun(t *testing.T) {
	s := newSite(t)
	k := &sink{}
	w := newWatcher(t, s, k, filepath.Join(t.TempDir(), "watch.db"))
	w.Every = 10 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.Run(ctx) }()
	deadline := time.After(10 * time.Second)
	for s.count("/feed.xml") < 3 {
		select {
		case <-deadline:
			t.Fatalf("the feed was polled %d times in 10 s", s.count("/feed.xml"))
		case <-time.After(5 * time.Millisecond):
		}
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.arts) != 3 {
		t.Errorf("%d articles after several rounds, want 3", len(k.arts))
	}
}
