package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/rs/cors"
)

// trackingWriter remembers the status and size of a response, for the
// request log and for panic recovery.
type trackingWriter struct {
	http.ResponseWriter
	status      int
	bytes       int64
	wroteHeader bool
}

// track returns w as a *trackingWriter, wrapping it unless it is one.
func track(w http.ResponseWriter) *trackingWriter {
	if tw, ok := w.(*trackingWriter); ok {
		return tw
	}
	return &trackingWriter{ResponseWriter: w}
}

// WriteHeader records the status and passes it on.
func (w *trackingWriter) WriteHeader(status int) {
	if !w.wroteHeader && status >= 200 {
		w.status, w.wroteHeader = status, true
	}
	w.ResponseWriter.WriteHeader(status)
}

// Write records the implicit 200 and the size, and passes the bytes on.
func (w *trackingWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.status, w.wroteHeader = http.StatusOK, true
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap gives http.ResponseController the underlying writer (for Flush,
// deadlines and the like).
func (w *trackingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// withLogging logs every request once it is answered: method, path, status,
// bytes written and duration. Server errors are logged at level Error.
func withLogging(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		tw := track(w)
		next.ServeHTTP(tw, r)
		status := tw.status
		if !tw.wroteHeader {
			status = http.StatusOK
		}
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		log.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", status),
			slog.Int64("bytes", tw.bytes),
			slog.Duration("duration", time.Since(start)),
		)
	})
}

// withRecovery turns a panic in next into a 500 JSON error (when nothing
// was written yet) and logs it with its stack. http.ErrAbortHandler is let
// through: it is the way a handler asks net/http to drop the connection.
func withRecovery(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := track(w)
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			log.LogAttrs(r.Context(), slog.LevelError, "panic",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.String("panic", fmt.Sprint(v)),
				slog.String("stack", string(debug.Stack())),
			)
			if tw.wroteHeader {
				// Too late for a clean error: cut the response short so
				// that the client does not take it for a whole one.
				panic(http.ErrAbortHandler)
			}
			writeError(tw, http.StatusInternalServerError, internalMessage)
		}()
		next.ServeHTTP(tw, r)
	})
}

// contentSecurityPolicy allows a page its own scripts, styles, images and
// fetches only: no inline script or style, no plugins, no <base>, forms
// posting only to this origin, and framing only by this origin. The widget
// at /embed sends the same policy with its own frame-ancestors (cspWith).
const contentSecurityPolicy = cspBase + "frame-ancestors 'self'"

// cspBase is contentSecurityPolicy without its frame-ancestors directive.
const cspBase = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; "

// cspWith returns the policy with frame-ancestors set to sources, or to any
// page ("*") when sources is empty. Sources are cleaned of characters that
// would end the directive or the header.
func cspWith(sources []string) string {
	var clean []string
	for _, src := range sources {
		src = strings.Map(func(r rune) rune {
			if r == ';' || r == ',' || r < ' ' || r == 0x7f {
				return -1
			}
			return r
		}, strings.TrimSpace(src))
		if src != "" {
			clean = append(clean, src)
		}
	}
	if len(clean) == 0 {
		clean = []string{"*"}
	}
	return cspBase + "frame-ancestors " + strings.Join(clean, " ")
}

// withSecurityHeaders sets the headers that keep untrusted data inert on
// every response.
func withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		next.ServeHTTP(w, r)
	})
}

// withCORS answers CORS preflights and sets CORS headers for /api/ paths
// when origins are configured; with none it returns next unchanged.
func withCORS(next http.Handler, origins []string) http.Handler {
	if len(origins) == 0 {
		return next
	}
	c := cors.New(cors.Options{
		AllowedOrigins: origins,
		AllowedMethods: []string{http.MethodGet, http.MethodHead, http.MethodPost},
		AllowedHeaders: []string{"Content-Type"},
		MaxAge:         600,
	})
	api := c.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isAPI(r) {
			api.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}
