package server_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/auth"
	"github.com/quotesproject/quotes/server"
)

// brokenService fails every call with err, or panics when err is nil.
type brokenService struct{ err error }

func (b brokenService) fail() error {
	if b.err == nil {
		panic("the index fell over")
	}
	return b.err
}

func (b brokenService) Search(context.Context, quotes.SearchRequest) (*quotes.SearchResult, error) {
	return nil, b.fail()
}
func (b brokenService) Quote(context.Context, string) (*quotes.Quote, error) { return nil, b.fail() }
func (b brokenService) Appearances(context.Context, string) ([]quotes.Appearance, error) {
	return nil, b.fail()
}
func (b brokenService) Speakers(context.Context, int) ([]quotes.FacetCount, error) {
	return nil, b.fail()
}
func (b brokenService) Speaker(context.Context, string) (*quotes.Speaker, error) {
	return nil, b.fail()
}
func (b brokenService) Put(context.Context, quotes.Article, []quotes.Quote) error { return b.fail() }
func (b brokenService) Export(context.Context, quotes.SearchRequest, func(quotes.Quote) error) error {
	return b.fail()
}

// syncBuffer is a bytes.Buffer safe for the logger and the test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServiceErrors(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		status  int
		message string
		logged  string // in the log
	}{
		{"internal error: generic message, details logged",
			fmt.Errorf("bleve: %w", errors.New("disk on fire")), 500, "internal error", "disk on fire"},
		{"EINTERNAL error: same", quotes.Errorf(quotes.EINTERNAL, "secret path /var/x"), 500, "internal error", "secret path"},
		{"EINVALID", quotes.Errorf(quotes.EINVALID, "bad thing"), 400, "bad thing", ""},
		{"ENOTFOUND", fmt.Errorf("wrapped: %w", quotes.Errorf(quotes.ENOTFOUND, "no such")), 404, "no such", ""},
		{"ECONFLICT", quotes.Errorf(quotes.ECONFLICT, "busy"), 409, "busy", ""},
		{"unknown code", quotes.Errorf("weird", "odd"), 500, "internal error", "odd"},
		{"panic: recovered as 500", nil, 500, "internal error", "the index fell over"},
	}
	for _, tt := range tests {
		for _, target := range []string{"/api/quotes", "/api/quotes/x", "/api/speakers"} {
			t.Run(tt.name+" "+target, func(t *testing.T) {
				var log syncBuffer
				h := server.New(brokenService{tt.err}, markExtractor{},
					server.Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
				w := do(t, h, "GET", target, "")
				if w.Code != tt.status {
					t.Fatalf("status = %d, want %d; body %s", w.Code, tt.status, w.Body)
				}
				if e := decode[errorBody](t, w); e.Error != tt.message {
					t.Errorf("error = %q, want %q", e.Error, tt.message)
				}
				if tt.logged != "" && !strings.Contains(log.String(), tt.logged) {
					t.Errorf("log lacks %q:\n%s", tt.logged, log.String())
				}
				if !strings.Contains(log.String(), "status="+fmt.Sprint(tt.status)) {
					t.Errorf("request not logged with its status:\n%s", log.String())
				}
			})
		}
	}

	t.Run("page with an internal error", func(t *testing.T) {
		h := server.New(brokenService{errors.New("disk on fire")}, nil, server.Options{Logger: testLogger(t)})
		w := do(t, h, "GET", "/?q=x", "")
		if w.Code != http.StatusInternalServerError {
			t.Errorf("status = %d, want 500", w.Code)
		}
		if body := w.Body.String(); strings.Contains(body, "disk on fire") || !strings.Contains(body, `<form id="search"`) {
			t.Errorf("want the form and no details:\n%s", body)
		}
	})

	t.Run("post with a failing store", func(t *testing.T) {
		keys := auth.Open(t.TempDir())
		_, secret, err := keys.Create("test")
		if err != nil {
			t.Fatal(err)
		}
		h := server.New(brokenService{errors.New("disk on fire")}, markExtractor{}, server.Options{Logger: testLogger(t), Keys: keys})
		w := do(t, h, "POST", "/api/articles", `{"text": "“a,” she said."}`, "Content-Type", "application/json", "Authorization", "Bearer "+secret)
		if w.Code != http.StatusInternalServerError {
			t.Errorf("status = %d, want 500", w.Code)
		}
	})
}

// slowHandler answers after release is closed, telling started when it has
// the request.
func slowHandler(started chan<- struct{}, release <-chan struct{}) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "done")
	})
}

func TestServeShutsDownGracefully(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- server.Serve(ctx, ln, slowHandler(started, release), testLogger(t)) }()

	base := "http://" + ln.Addr().String()
	type result struct {
		body string
		err  error
	}
	got := make(chan result, 1)
	go func() {
		resp, err := http.Get(base + "/slow")
		if err != nil {
			got <- result{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		got <- result{string(b), err}
	}()
	<-started

	cancel() // shut down with a request in flight
	select {
	case err := <-served:
		t.Fatalf("Serve returned %v before the request in flight finished", err)
	case <-time.After(100 * time.Millisecond):
	}
	close(release)

	if r := <-got; r.err != nil || r.body != "done" {
		t.Errorf("request in flight: %q, %v; want it answered", r.body, r.err)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve = %v, want nil after a clean shutdown", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after the shutdown")
	}
	if _, err := http.Get(base + "/"); err == nil {
		t.Error("the server still answers after shutdown")
	}
}

func TestListenAndServe(t *testing.T) {
	t.Run("returns nil once ctx is cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- server.ListenAndServe(ctx, "127.0.0.1:0", http.NotFoundHandler(), testLogger(t)) }()
		time.Sleep(50 * time.Millisecond)
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("ListenAndServe = %v, want nil", err)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("ListenAndServe did not return")
		}
	})
	t.Run("fails when it cannot listen", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		err = server.ListenAndServe(context.Background(), ln.Addr().String(), http.NotFoundHandler(), testLogger(t))
		if err == nil || !strings.Contains(err.Error(), ln.Addr().String()) {
			t.Errorf("ListenAndServe on a busy port = %v, want an error naming the address", err)
		}
	})
	t.Run("serves the API over real HTTP", func(t *testing.T) {
		f := newFixture(t, nil, server.Options{})
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- server.Serve(ctx, ln, f.h, testLogger(t)) }()
		resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), `"ok"`) {
			t.Errorf("healthz: %d %s", resp.StatusCode, b)
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve = %v", err)
		}
	})
}
