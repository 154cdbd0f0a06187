package server_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/server"
)

// slowService is a QuoteService whose searches run until their context
// ends, as a search over a huge expansion would.
type slowService struct{ brokenService }

func (slowService) Search(ctx context.Context, _ quotes.SearchRequest) (*quotes.SearchResult, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func TestReadDeadline(t *testing.T) {
	h := server.New(slowService{}, nil, server.Options{Logger: testLogger(t), ReadTimeout: 50 * time.Millisecond})
	start := time.Now()
	w := do(t, h, "GET", "/api/quotes?q=x", "")
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the search ran %v past its 50 ms budget", took)
	}
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Fatalf("status %d, Retry-After %q; want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	if e := decode[errorBody](t, w); !strings.Contains(e.Error, "time budget") {
		t.Errorf("error = %q, want it to name the time budget", e.Error)
	}
}

func TestClientGoneIsNoServerError(t *testing.T) {
	var log syncBuffer
	h := server.New(slowService{}, nil, server.Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequest("GET", "/api/quotes?q=x", nil).WithContext(ctx)
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	h.ServeHTTP(httptest.NewRecorder(), req)
	if got := log.String(); !strings.Contains(got, "status=499") || strings.Contains(got, "level=ERROR") {
		t.Errorf("a client that went away is logged as a server error:\n%s", got)
	}
}

func TestRateLimit(t *testing.T) {
	f := newFixture(t, markExtractor{}, server.Options{RatePerSecond: 0.01, RateBurst: 3})
	from := func(addr, target string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", target, nil)
		req.RemoteAddr = addr
		w := httptest.NewRecorder()
		f.h.ServeHTTP(w, req)
		return w
	}
	tests := []struct {
		addr, target string
		status       int
	}{
		{"192.0.2.1:1000", "/api/quotes?q=budget", http.StatusOK},
		{"192.0.2.1:1001", "/", http.StatusOK},
		{"192.0.2.1:1002", "/api/speakers", http.StatusOK},
		{"192.0.2.1:1003", "/static/app.js", http.StatusOK}, // assets are not counted
		{"192.0.2.1:1004", "/healthz", http.StatusOK},
		{"192.0.2.1:1005", "/api/quotes?q=budget", http.StatusTooManyRequests}, // the same address, another port
		{"192.0.2.1:1006", "/", http.StatusTooManyRequests},
		{"198.51.100.7:1000", "/api/quotes?q=budget", http.StatusOK}, // another reader is not starved
	}
	for _, tt := range tests {
		w := from(tt.addr, tt.target)
		if w.Code != tt.status {
			t.Errorf("%s from %s = %d, want %d", tt.target, tt.addr, w.Code, tt.status)
		}
		if w.Code == http.StatusTooManyRequests && w.Header().Get("Retry-After") == "" {
			t.Errorf("429 without Retry-After")
		}
	}
}

func TestQueryOverBudget(t *testing.T) {
	f := newFixture(t, markExtractor{}, server.Options{})
	tests := []struct {
		q    string
		want string
	}{
		{strings.Repeat("budget ", 200), "bytes"},
		{strings.Repeat("b* ", 6), "wildcard"},
		{strings.Repeat("x", 40) + "~2", "fuzzy"},
	}
	for _, tt := range tests {
		w := do(t, f.h, "GET", "/api/quotes?q="+url.QueryEscape(tt.q), "")
		if w.Code != http.StatusBadRequest {
			t.Errorf("q=%.20q…: status %d, want 400", tt.q, w.Code)
			continue
		}
		if e := decode[errorBody](t, w); !strings.Contains(e.Error, "budget") || !strings.Contains(e.Error, tt.want) {
			t.Errorf("q=%.20q…: error %q, want it to name the budget and %q", tt.q, e.Error, tt.want)
		}
	}
}
