package server

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/gorilla/mux"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/source"
)

// DefaultMaxBodyBytes is the largest request body the server reads when
// Options.MaxBodyBytes is zero: 4 MiB.
const DefaultMaxBodyBytes = 4 << 20

// Options configures the server. The zero value is ready to use.
type Options struct {
	// MaxBodyBytes bounds the body of POST /api/articles; larger bodies are
	// answered 413. Zero or less means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// MaxArticleBytes bounds the text of a posted article; a longer one
	// is answered 413. Zero or less means source.DefaultMaxArticleBytes.
	MaxArticleBytes int
	// CORSOrigins lists the origins allowed to call /api/ from a browser
	// ("https://example.org", or "*" for any). Empty means no CORS headers
	// are sent and only same-origin pages can read the API.
	CORSOrigins []string
	// Logger receives request logs and internal errors; nil means
	// slog.Default().
	Logger *slog.Logger
	// Claims serves /api/claims and /api/check; nil means those routes
	// answer 503.
	Claims quotes.ClaimService
	// FrameAncestors lists who may frame the widget at /embed, as CSP
	// frame-ancestors sources ("https://cms.example.org", "'self'"). Empty
	// means any page may. Every other page may be framed only by this
	// origin.
	FrameAncestors []string
	// BaseURL is the server's public origin ("https://quotes.example.org"),
	// used for the absolute links of oEmbed answers, the widget and JSON-LD.
	// The pages link to each other from the root, so the server cannot be
	// mounted under a path: a path here is ignored, with a warning. Empty
	// means the address each request came to.
	BaseURL string
	// Keys checks the bearer keys that every write (POST, PUT, PATCH,
	// DELETE) needs; nil means there are none and every write answers
	// 401. See withGuard.
	Keys KeyChecker
	// WriteOrigins lists the origins, other than the server's own, whose
	// pages may send writes from a browser (as checkOrigins normalizes
	// them). Empty means only the server's own pages.
	WriteOrigins []string
	// RequireReadKey makes the read routes of /api/ need a key too. The
	// pages and the widget stay open: they render on the server.
	RequireReadKey bool
	// Corrections serves the editors' corrections: POST and GET
	// /api/corrections and DELETE /api/articles/{id}; nil means those
	// routes answer 503.
	Corrections quotes.CorrectionService
	// Backup and Verify serve POST /api/admin/backup and POST
	// /api/admin/verify, which only the key of a command on the server's
	// own machine (auth.LocalName) may call: the way quotes backup and
	// quotes check-index work while the server holds the data directory.
	// Nil means those routes answer 503.
	Backup func(ctx context.Context, dir string) (any, error)
	Verify func(ctx context.Context, repair bool) (any, error)
	// DataDir is the data directory whose size /metrics reports; empty
	// means none is reported.
	DataDir string
	// ReadOnly serves no write route at all: a write to any path answers
	// 405 with a JSON error saying the server is read-only.
	ReadOnly bool
	// ReadTimeout is how long a read (GET, HEAD) may run before it
	// answers 503 with Retry-After; zero means DefaultReadTimeout,
	// negative no limit.
	ReadTimeout time.Duration
	// RatePerSecond and RateBurst are each client address's token bucket
	// (requests a second, and at once); beyond it a request answers 429
	// with Retry-After. Zero means DefaultRatePerSecond and
	// DefaultRateBurst; a negative RatePerSecond turns the limit off.
	RatePerSecond float64
	RateBurst     int
}

// server holds what the handlers share.
type server struct {
	svc     quotes.QuoteService
	claims  quotes.ClaimService
	corr    quotes.CorrectionService
	backup  func(ctx context.Context, dir string) (any, error)
	verify  func(ctx context.Context, repair bool) (any, error)
	x       quotes.Extractor
	log     *slog.Logger
	maxBody int64
	router  *mux.Router
	// embedCSP is the Content-Security-Policy of the widget at /embed:
	// contentSecurityPolicy with Options.FrameAncestors.
	embedCSP string
	// baseURL is Options.BaseURL without its trailing slash.
	baseURL string
	// keys, writeOrigins and readKey are Options.Keys, WriteOrigins and
	// RequireReadKey.
	keys         KeyChecker
	writeOrigins []string
	readKey      bool
	readOnly     bool
	maxArticle   int
	metrics      *metrics
}

// New returns the handler serving the API and the page (see the package
// documentation for the routes). svc stores and searches quotes; x
// extracts the quotes of articles posted to POST /api/articles and may be
// nil, in which case that route answers 503 with a JSON error.
func New(svc quotes.QuoteService, x quotes.Extractor, opts Options) http.Handler {
	s := newServer(svc, x, opts)
	var h http.Handler = s.router
	h = s.withMetrics(h)
	h = s.withGuard(h)
	h = withCORS(h, opts.CORSOrigins)
	h = withDeadline(h, cmp.Or(opts.ReadTimeout, DefaultReadTimeout))
	h = withRateLimit(h, cmp.Or(opts.RatePerSecond, DefaultRatePerSecond), cmp.Or(opts.RateBurst, DefaultRateBurst), s.hasKey)
	h = withSecurityHeaders(h)
	h = withRecovery(h, s.log)
	h = withLogging(h, s.log)
	return h
}

// newServer builds the server and its router, without the decorators New
// puts around it.
func newServer(svc quotes.QuoteService, x quotes.Extractor, opts Options) *server {
	s := &server{svc: svc, claims: opts.Claims, corr: opts.Corrections, backup: opts.Backup, verify: opts.Verify, x: x, log: opts.Logger, maxBody: opts.MaxBodyBytes,
		keys: opts.Keys, readKey: opts.RequireReadKey, readOnly: opts.ReadOnly}
	if isNil(s.keys) {
		s.keys = nil
	}
	for _, o := range opts.WriteOrigins {
		s.writeOrigins = append(s.writeOrigins, strings.ToLower(strings.TrimRight(o, "/")))
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBodyBytes
	}
	s.maxArticle = opts.MaxArticleBytes
	if s.maxArticle <= 0 {
		s.maxArticle = source.DefaultMaxArticleBytes
	}
	if isNil(s.corr) {
		s.corr = nil
	}
	if isNil(x) {
		s.x = nil
	}
	s.metrics = newMetrics()
	s.metrics.watchStore(opts.DataDir, svc)
	if o, ok := opts.Claims.(interface {
		SetClaimsObserver(func(int, time.Duration))
	}); ok && !isNil(opts.Claims) {
		o.SetClaimsObserver(func(_ int, took time.Duration) { s.metrics.claims.Observe(took.Seconds()) })
	}
	s.embedCSP = cspWith(opts.FrameAncestors)
	s.baseURL = publicOrigin(opts.BaseURL, s.log)

	r := mux.NewRouter()
	get := []string{http.MethodGet, http.MethodHead}
	r.HandleFunc("/api/quotes", s.handleSearch).Methods(get...)
	r.HandleFunc("/api/quotes/{id}", s.handleQuote).Methods(get...)
	r.HandleFunc("/api/quotes/{id}/appearances", s.handleAppearances).Methods(get...)
	r.HandleFunc("/api/speakers", s.handleSpeakers).Methods(get...)
	if !opts.ReadOnly {
		r.HandleFunc("/api/articles", s.handlePostArticle).Methods(http.MethodPost)
		r.HandleFunc("/api/articles/{id}", s.handleDeleteArticle).Methods(http.MethodDelete)
		r.HandleFunc("/api/corrections", s.handlePostCorrection).Methods(http.MethodPost)
		r.HandleFunc("/api/admin/backup", s.handleBackup).Methods(http.MethodPost)
		r.HandleFunc("/api/admin/verify", s.handleVerify).Methods(http.MethodPost)
	}
	r.HandleFunc("/api/corrections", s.handleCorrections).Methods(get...)
	r.HandleFunc("/api/claims", s.handleClaims).Methods(get...)
	r.HandleFunc("/api/claims/{id}", s.handleClaim).Methods(get...)
	r.HandleFunc("/api/check", s.handleCheck).Methods(get...)
	r.HandleFunc("/api/openapi.json", s.handleOpenAPI).Methods(get...)
	r.HandleFunc("/healthz", s.handleHealth).Methods(get...)
	r.HandleFunc("/readyz", s.handleReady).Methods(get...)
	r.Handle("/metrics", s.metrics.handler()).Methods(get...)
	r.HandleFunc("/", s.handlePage).Methods(get...)
	r.HandleFunc("/quotes/{id}", s.handleQuotePage).Methods(get...)
	r.HandleFunc("/speakers", s.handleSpeakersPage).Methods(get...)
	r.HandleFunc("/speakers/{name:.+}", s.handleSpeakerPage).Methods(get...)
	r.HandleFunc("/claims/{id}", s.handleClaimPage).Methods(get...)
	r.HandleFunc("/feeds/quotes.atom", s.handleQuotesFeed).Methods(get...)
	r.HandleFunc("/feeds/claims/{id}.atom", s.handleClaimFeed).Methods(get...)
	s.embedRoutes(r, get)
	r.PathPrefix("/static/").Handler(staticHandler()).Methods(get...)
	r.NotFoundHandler = http.HandlerFunc(s.handleNotFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(s.handleMethodNotAllowed)
	s.router = r
	return s
}

// isNil reports whether the extractor is nil or a typed nil pointer, so
// that New(svc, (*extract.Extractor)(nil), opts) behaves like New(svc, nil,
// opts) instead of panicking on the first POST.
func isNil(x any) bool {
	if x == nil {
		return true
	}
	switch v := reflect.ValueOf(x); v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Func, reflect.Slice, reflect.Chan, reflect.Interface:
		return v.IsNil()
	}
	return false
}

// handleNotFound answers unknown paths: JSON under /api/, plain text
// elsewhere.
func (s *server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	if isAPI(r) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no route %s %s", r.Method, r.URL.Path))
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// handleMethodNotAllowed answers a known path asked with the wrong method,
// listing the methods it takes in the Allow header.
func (s *server) handleMethodNotAllowed(w http.ResponseWriter, r *http.Request) {
	if allow := s.allowed(r); len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
	}
	msg := fmt.Sprintf("method %s not allowed on %s", r.Method, r.URL.Path)
	if isAPI(r) {
		writeError(w, http.StatusMethodNotAllowed, msg)
		return
	}
	http.Error(w, msg, http.StatusMethodNotAllowed)
}

// allowed returns the methods the router would take for r's path.
func (s *server) allowed(r *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		rr := r.Clone(r.Context())
		rr.Method = m
		var match mux.RouteMatch
		if s.router.Match(rr, &match) && match.MatchErr == nil {
			out = append(out, m)
		}
	}
	return out
}

// origin returns the public origin of the server as seen by r's client:
// Options.BaseURL when set, else the scheme and host r came to (https when
// the connection is TLS or a proxy says X-Forwarded-Proto: https).
func (s *server) origin(r *http.Request) string {
	if s.baseURL != "" {
		return s.baseURL
	}
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// varyOrigin tells caches, on a response holding absolute links, that
// those links depend on X-Forwarded-Proto when the server has no BaseURL
// (the host is part of every cache key already).
func (s *server) varyOrigin(h http.Header) {
	if s.baseURL == "" {
		h.Add("Vary", "X-Forwarded-Proto")
	}
}

// publicOrigin returns the scheme and host of base, or "" when base is
// empty or no absolute http(s) URL; what it drops is logged.
func publicOrigin(base string, log *slog.Logger) string {
	base = strings.TrimSpace(base)
	if base == "" {
		return ""
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		log.Warn("server: BaseURL is not an http(s) URL; using the address of each request", "base_url", base)
		return ""
	}
	if strings.Trim(u.Path, "/") != "" || u.RawQuery != "" {
		log.Warn("server: BaseURL has a path, which is ignored: the server is served from the root", "base_url", base)
	}
	return u.Scheme + "://" + u.Host
}

// isAPI reports whether r is for the JSON API.
func isAPI(r *http.Request) bool {
	return r.URL.Path == "/api" || strings.HasPrefix(r.URL.Path, "/api/")
}

// Timeouts of the http.Server run by Serve.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	shutdownTimeout   = 10 * time.Second
)

// ListenAndServe serves h on the TCP address addr ("localhost:8080",
// ":8080") until ctx is cancelled, then shuts down gracefully, waiting up to
// 10 seconds for requests in flight. It returns nil after a clean shutdown,
// and an error when it cannot listen, when serving fails, or when requests
// were still running at the end of the grace period. log nil means
// slog.Default().
func ListenAndServe(ctx context.Context, addr string, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("server: listen on %s: %w", addr, err)
	}
	return Serve(ctx, ln, h, log)
}

// Serve is ListenAndServe on a listener of the caller's, which it closes.
// It is what to use to listen on port 0 and learn the port from ln.Addr().
func Serve(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    1 << 20,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	addr := ln.Addr().String()
	mctx, stopRelease := context.WithCancel(ctx)
	defer stopRelease()
	go releaseMemory(mctx, log)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", addr)

	select {
	case err := <-errc:
		// Serve returns only on failure here: nobody has shut it down.
		return fmt.Errorf("server: serve on %s: %w", addr, err)
	case <-ctx.Done():
	}

	log.Info("shutting down", "addr", addr, "grace", shutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("server: shut down %s: %w", addr, err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("server: serve on %s: %w", addr, err)
	}
	log.Info("stopped", "addr", addr)
	return nil
}
