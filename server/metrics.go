package server

import (
	"net/http"
	"strconv"
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
	m.reg.MustRegister(m.requests, m.latency, m.ingested,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
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
