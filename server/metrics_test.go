package server_test

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/quotesproject/quotes/auth"
	"github.com/quotesproject/quotes/server"
)

func TestMetrics(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "articles.db"), make([]byte, 5000), 0o600)
	f := newFixture(t, markExtractor{}, server.Options{DataDir: dir})
	f.h = server.New(f.ix, markExtractor{}, server.Options{DataDir: dir, Claims: f.ix, Keys: keysOf(t, f), Logger: testLogger(t)})
	do(t, f.h, "GET", "/api/quotes?q=budget", "")
	do(t, f.h, "GET", "/api/quotes/"+f.q1.ID, "")
	do(t, f.h, "GET", "/api/quotes/nope", "")
	f.post(t, "/api/articles", `{"id": "m1", "text": "“One,” she said. “Two,” he said."}`)

	w := do(t, f.h, "GET", "/metrics", "")
	if w.Code != http.StatusOK {
		t.Fatalf("GET /metrics = %d", w.Code)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(w.Body.String()))
	if err != nil {
		t.Fatalf("the metrics are not Prometheus' text format: %v", err)
	}
	// count sums the counters, or the histograms' sample counts, of the
	// series of a family whose labels include labels.
	count := func(name string, labels map[string]string) float64 {
		fam := families[name]
		if fam == nil {
			return -1
		}
		var sum float64
	next:
		for _, m := range fam.Metric {
			have := map[string]string{}
			for _, l := range m.Label {
				have[l.GetName()] = l.GetValue()
			}
			for k, v := range labels {
				if have[k] != v {
					continue next
				}
			}
			if c := m.GetCounter(); c != nil {
				sum += c.GetValue()
			}
			if h := m.GetHistogram(); h != nil {
				sum += float64(h.GetSampleCount())
			}
			if g := m.GetGauge(); g != nil {
				sum += g.GetValue()
			}
		}
		return sum
	}
	tests := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"quotes_http_requests_total", map[string]string{"route": "/api/quotes", "status": "200"}, 1},
		{"quotes_http_requests_total", map[string]string{"route": "/api/quotes/{id}", "status": "200"}, 1},
		{"quotes_http_requests_total", map[string]string{"route": "/api/quotes/{id}", "status": "404"}, 1},
		{"quotes_http_requests_total", map[string]string{"route": "/api/articles", "method": "POST", "status": "201"}, 1},
		{"quotes_http_request_duration_seconds", map[string]string{"route": "/api/quotes/{id}"}, 2},
		{"quotes_ingested_total", map[string]string{"what": "articles"}, 1},
		{"quotes_ingested_total", map[string]string{"what": "quotes"}, 2},
		{"quotes_search_duration_seconds", nil, 1},
		{"quotes_claims_build_seconds", nil, 1}, // the claims of m1's period
		{"quotes_articles", nil, 4},
		{"quotes_quotes", nil, 19},
		{"quotes_data_bytes", nil, 5000},
	}
	for _, tt := range tests {
		if got := count(tt.name, tt.labels); got != tt.want {
			t.Errorf("%s%v = %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}
	if families["go_goroutines"] == nil {
		t.Error("no Go runtime metrics")
	}
}

func TestReady(t *testing.T) {
	f := newFixture(t, markExtractor{}, server.Options{})
	if w := do(t, f.h, "GET", "/readyz", ""); w.Code != http.StatusOK {
		t.Errorf("/readyz on a working index = %d, want 200", w.Code)
	}
	h := server.New(brokenService{errors.New("index unreadable")}, nil, server.Options{Logger: testLogger(t)})
	if w := do(t, h, "GET", "/readyz", ""); w.Code != http.StatusServiceUnavailable {
		t.Errorf("/readyz on a failing index = %d, want 503", w.Code)
	}
	if w := do(t, h, "GET", "/healthz", ""); w.Code != http.StatusOK {
		t.Errorf("/healthz on a failing index = %d, want 200 (the process is alive)", w.Code)
	}
}

// keysOf returns a key checker that takes the fixture's key.
func keysOf(t *testing.T, f *fixture) server.KeyChecker {
	t.Helper()
	keys := auth.Open(t.TempDir())
	_, secret, err := keys.Create("metrics")
	if err != nil {
		t.Fatal(err)
	}
	f.key = secret
	return keys
}
