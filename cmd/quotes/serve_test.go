package main

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestServe(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	ids := corpus(t, dir, 3)

	srv := startServe(t, "serve", "--index", idx, "--addr", "127.0.0.1:0",
		"--ingest", filepath.Join(dir, "articles"),
		"--cors-origins", "https://CMS.example/", "--frame-ancestors", "https://cms.example,'self'")
	base, stderr := srv.base, srv.stderr
	if !strings.Contains(stderr.String(), "ingested 3 articles") {
		t.Errorf("no ingest summary before serving:\n%s", stderr.String())
	}

	resp, err := http.Get(base + "api/quotes?q=road")
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Total int `json:"total"`
	}
	err = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/quotes: %s, %v", resp.Status, err)
	}
	t.Logf("GET /api/quotes?q=road: %d quotes", body.Total)

	t.Run("the flags reach the server", func(t *testing.T) {
		req, _ := http.NewRequest("GET", base+"api/speakers", nil)
		req.Header.Set("Origin", "https://cms.example")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Access-Control-Allow-Origin"); got != "https://cms.example" {
			t.Errorf("--cors-origins: Access-Control-Allow-Origin = %q", got)
		}
		resp, err = http.Get(base + "embed?q=road")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.HasSuffix(csp, "frame-ancestors https://cms.example 'self'") {
			t.Errorf("--frame-ancestors: /embed Content-Security-Policy = %q", csp)
		}
	})

	srv.stop(t)
	if n, _ := indexStats(t, idx); n != len(ids) {
		t.Errorf("index has %d articles after serve, want %d", n, len(ids))
	}
}

// served is a "quotes serve" running for a test.
type served struct {
	base   string // "http://127.0.0.1:PORT/"
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan int
}

// startServe runs the quotes command args (a serve) until the test ends,
// and returns once it logs the URL it listens on.
func startServe(t *testing.T, args ...string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &served{stderr: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	go func() {
		s.done <- run(ctx, args, strings.NewReader(""), &syncBuffer{}, s.stderr)
	}()
	t.Cleanup(func() { s.stop(t) })

	urlRE := regexp.MustCompile(`msg=listening url=(http://\S+/)`)
	for deadline := time.Now().Add(60 * time.Second); s.base == "" && time.Now().Before(deadline); {
		select {
		case code := <-s.done:
			s.done <- code
			t.Fatalf("serve ended early with %d:\n%s", code, s.stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if m := urlRE.FindStringSubmatch(s.stderr.String()); m != nil {
			s.base = m[1]
		}
	}
	if s.base == "" {
		t.Fatalf("serve did not log its URL:\n%s", s.stderr.String())
	}
	return s
}

// stop shuts the server down as SIGINT does and checks it exits 0. It
// may be called more than once.
func (s *served) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	select {
	case code := <-s.done:
		s.done <- code
		if code != 0 {
			t.Errorf("serve exited %d after shutdown:\n%s", code, s.stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

func TestServeRejectsBadFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"a CORS origin with a path", []string{"--cors-origins", "https://cms.example/news"}, `--cors-origins: "https://cms.example/news" is not an origin`},
		{"a CORS origin without scheme", []string{"--cors-origins", "cms.example"}, `--cors-origins: "cms.example" is not an origin`},
		{"a frame ancestor that would end the directive", []string{"--frame-ancestors", "https://a.example;script-src *"}, `--frame-ancestors: "https://a.example;script-src *" is not one CSP source`},
		{"an unknown keyword", []string{"--frame-ancestors", "'unsafe-inline'"}, `the only quoted sources are 'self' and 'none'`},
		{"'none' with others", []string{"--frame-ancestors", "'none',https://a.example"}, `'none' cannot be combined`},
		{"a base URL that is no URL", []string{"--base-url", "quotes.example"}, `--base-url: "quotes.example" is not an origin`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx := filepath.Join(t.TempDir(), "idx")
			var stdout, stderr syncBuffer
			args := append([]string{"serve", "--index", idx, "--addr", "127.0.0.1:0"}, tt.args...)
			code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr)
			if code != 2 || !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr.String(), tt.want)
			}
		})
	}
}
