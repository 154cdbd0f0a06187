package server

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	rtmetrics "runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Defaults of the request budget (Options.ReadTimeout, RatePerSecond,
// RateBurst).
const (
	// DefaultReadTimeout is how long a read (GET, HEAD) may run before it
	// answers 503 with Retry-After.
	DefaultReadTimeout = 5 * time.Second
	// DefaultRatePerSecond and DefaultRateBurst are each client's token
	// bucket: the requests a second it may sustain and the burst it may
	// send at once. Searching as one types sends at most a few a second.
	DefaultRatePerSecond = 10
	DefaultRateBurst     = 40
	// clientIdle is how long a client's bucket is kept after its last
	// request; limiterSweepEvery is how many requests pass between sweeps.
	clientIdle        = 10 * time.Minute
	limiterSweepEvery = 1024
	// retryAfterTimeout is the Retry-After of a read that ran out of time.
	retryAfterTimeout = 5
)

// withDeadline gives every read (GET, HEAD) a context that ends after d
// (an export, after exportTimeout), which the services pass to bleve: a
// search over its budget stops and answers 503 (see statusOf). Writes keep the request's own context: an
// ingest is bounded by the body's size, not cut off halfway.
func withDeadline(next http.Handler, d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isWrite(r) || d <= 0 {
			next.ServeHTTP(w, r)
			return
		}
		budget := d
		if isExport(r) {
			budget = exportTimeout
		}
		ctx, cancel := context.WithTimeout(r.Context(), budget)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// limiter is a token bucket per client address.
type limiter struct {
	perSecond rate.Limit
	burst     int

	mu      sync.Mutex
	clients map[string]*client
	calls   int
}

// client is one address's bucket and when it was last used.
type client struct {
	bucket *rate.Limiter
	seen   time.Time
}

// allow reports whether the client at addr may make a request now, and
// if not, how long until it may.
func (l *limiter) allow(addr string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls++
	if l.calls%limiterSweepEvery == 0 {
		for k, c := range l.clients {
			if now.Sub(c.seen) > clientIdle {
				delete(l.clients, k)
			}
		}
	}
	c := l.clients[addr]
	if c == nil {
		c = &client{bucket: rate.NewLimiter(l.perSecond, l.burst)}
		l.clients[addr] = c
	}
	c.seen = now
	res := c.bucket.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// withRateLimit answers 429 with Retry-After to a client (by remote
// address) that sends more than perSecond requests a second beyond a
// burst, so that one reader's widget or script cannot starve the others.
// The static assets and the health checks are not counted. perSecond <= 0
// turns the limit off.
//
// A request that trusted accepts (one carrying a valid key: a newsroom's
// own CMS or a command on the server's machine) is not counted: keys are
// given to clients that ingest in bulk, and they are held back by the
// write lock alone.
func withRateLimit(next http.Handler, perSecond float64, burst int, trusted func(*http.Request) bool) http.Handler {
	if perSecond <= 0 {
		return next
	}
	l := &limiter{perSecond: rate.Limit(perSecond), burst: max(burst, 1), clients: map[string]*client{}}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/healthz" || r.URL.Path == "/readyz" || r.URL.Path == "/metrics" {
			next.ServeHTTP(w, r)
			return
		}
		if trusted != nil && trusted(r) {
			next.ServeHTTP(w, r)
			return
		}
		ok, wait := l.allow(clientAddr(r), time.Now())
		if !ok {
			secs := int(wait/time.Second) + 1
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			msg := "too many requests from your address: wait " + strconv.Itoa(secs) + " s"
			if isAPI(r) {
				writeError(w, http.StatusTooManyRequests, msg)
			} else {
				http.Error(w, msg, http.StatusTooManyRequests)
			}
			return
		}
		next.ServeHTTP(w, r)
	})
}

// clientAddr returns the address a request came from, without its port.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Memory given back to the system: a heavy search (a fuzzy or wildcard
// query within its budget) takes 100 MB for a second, which the Go runtime
// keeps for later unless asked to return it; releaseMemory asks, every
// releaseEvery, when more than releaseAbove bytes of the heap are free and
// still held.
const (
	releaseEvery = 15 * time.Second
	releaseAbove = 32 << 20
)

// releaseMemory returns the heap's free pages to the system every
// releaseEvery while ctx lasts, when there are more than releaseAbove
// bytes of them, so that the server's memory goes back to its resting
// size after a burst of heavy requests.
func releaseMemory(ctx context.Context, log *slog.Logger) {
	sample := []rtmetrics.Sample{{Name: "/memory/classes/heap/free:bytes"}}
	t := time.NewTicker(releaseEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		rtmetrics.Read(sample)
		if sample[0].Value.Kind() == rtmetrics.KindUint64 && sample[0].Value.Uint64() > releaseAbove {
			free := sample[0].Value.Uint64()
			debug.FreeOSMemory()
			log.Debug("released free heap to the system", "bytes", free)
		}
	}
}
