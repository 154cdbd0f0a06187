package server

import (
	"context"
	"io/fs"
	"math"
	"net/http"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/gorilla/mux"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus metrics, served at /metrics.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	ingested *prometheus.CounterVec
	search   prometheus.Histogram
	claims   prometheus.Histogram
}

// newMetrics registers the server's metrics, and the Go runtime's and the
// process's, in a registry of their own.
func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "quotes_http_requests_total",
			Help: "HTTP requests answered, by route template, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "quotes_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route template and method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method"}),
		ingested: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "quotes_ingested_total",
			Help: "Articles and quotes stored through the API, by what.",
		}, []string{"what"}),
	}
	m.search = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "quotes_search_duration_seconds",
		Help:    "Time the index takes to answer a search (API, page and widget), without rendering.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	})
	m.claims = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "quotes_claims_build_seconds",
		Help:    "Time to rebuild the claims of the periods a write made stale.",
		Buckets: prometheus.ExponentialBuckets(.01, 2.5, 10),
	})
	m.reg.MustRegister(m.requests, m.latency, m.ingested, m.search, m.claims,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// watchStore adds the gauges of the data directory: its size on disk
// (walked at most once a minute) and, when svc can count them, the
// articles and quotes it holds.
func (m *metrics) watchStore(dir string, svc any) {
	if dir != "" {
		var (
			mu   sync.Mutex
			at   time.Time
			size float64
		)
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "quotes_data_bytes",
			Help: "Size on disk of the data directory (articles, quote index, keys), measured at most once a minute.",
		}, func() float64 {
			mu.Lock()
			defer mu.Unlock()
			if time.Since(at) > time.Minute {
				size, at = float64(dirBytes(dir)), time.Now()
			}
			return size
		}))
	}
	type counter interface {
		Stats(ctx context.Context) (articles, quotes int, err error)
	}
	if c, ok := svc.(counter); ok {
		count := func(quotes bool) func() float64 {
			return func() float64 {
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
				defer cancel()
				a, q, err := c.Stats(ctx)
				switch {
				case err != nil:
					return math.NaN()
				case quotes:
					return float64(q)
				}
				return float64(a)
			}
		}
		m.reg.MustRegister(
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "quotes_articles", Help: "Articles stored."}, count(false)),
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "quotes_quotes", Help: "Quotes indexed."}, count(true)),
		)
	}
}

// dirBytes returns the size of the files under dir.
func dirBytes(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// handler serves the metrics in Prometheus' text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// withMetrics counts each request and times it under its route's template
// ("/api/quotes/{id}", not each id), "other" for paths no route takes.
func (s *server) withMetrics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		route := "other"
		var match mux.RouteMatch
		if s.router.Match(r, &match) && match.Route != nil {
			if t, err := match.Route.GetPathTemplate(); err == nil {
				route = t
			}
		}
		tw := track(w)
		next.ServeHTTP(tw, r)
		status := tw.status
		if !tw.wroteHeader {
			status = http.StatusOK
		}
		s.metrics.requests.WithLabelValues(route, r.Method, strconv.Itoa(status)).Inc()
		s.metrics.latency.WithLabelValues(route, r.Method).Observe(time.Since(start).Seconds())
	})
}
