package server

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/gorilla/mux"

	quotes "github.com/quotesproject/quotes"
)

// KeyChecker checks the bearer key of a request: it returns the name of
// the key when secret is an active key, false when it is not, and an
// error only when it cannot tell (the key file cannot be read).
// *auth.Keys is one.
type KeyChecker interface {
	CheckKey(secret string) (name string, ok bool, err error)
}

// isWrite reports whether a request may change what the service stores:
// every method but GET, HEAD and OPTIONS.
func isWrite(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// withGuard refuses, before any handler runs, the requests that may not
// change or read what the service stores:
//
//   - a write (POST, PUT, PATCH, DELETE) whose Origin is neither this
//     server's origin nor one of Options.WriteOrigins, or that a browser
//     marks as coming from another site (Sec-Fetch-Site: cross-site or
//     same-site, without an Origin), answers 403: a page on another site,
//     opened in an editor's browser, cannot post in the editor's name;
//   - a write without "Authorization: Bearer KEY" of an active key
//     answers 401 with WWW-Authenticate: Bearer; so does a read of /api/
//     when Options.RequireReadKey is set. With no KeyChecker every write
//     answers 401, saying how to create a key.
//
// On a read-only server (Options.ReadOnly) every write answers 405 first.
// A write that no route takes goes on to the router, which answers 404 or
// 405. The checks run in that order, so a cross-site request learns nothing
// of the keys. A request that passes carries on unchanged.
func (s *server) withGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		write := isWrite(r)
		if write && s.readOnly {
			writeError(w, http.StatusMethodNotAllowed, "this server is read-only (serve --read-only): it takes no writes")
			return
		}
		if write && !s.routed(r) {
			// No route takes it: the router answers 404 or 405.
			next.ServeHTTP(w, r)
			return
		}
		if write {
			if err := s.sameSite(r); err != nil {
				s.apiError(w, r, err)
				return
			}
		}
		if write || s.readKey && isAPI(r) && r.Method != http.MethodOptions {
			name, err := s.authorize(r)
			if err != nil {
				if quotes.ErrorCode(err) == quotes.EUNAUTHORIZED {
					w.Header().Set("WWW-Authenticate", `Bearer realm="quotes"`)
				}
				s.apiError(w, r, err)
				return
			}
			r = r.WithContext(context.WithValue(r.Context(), keyNameKey{}, name))
		}
		next.ServeHTTP(w, r)
	})
}

// routed reports whether a route of the router takes r's method and path.
func (s *server) routed(r *http.Request) bool {
	var m mux.RouteMatch
	return s.router.Match(r, &m) && m.MatchErr == nil
}

// sameSite returns an EFORBIDDEN error when a write comes from a page of
// another origin than this server's and the write origins.
func (s *server) sameSite(r *http.Request) error {
	origin := strings.ToLower(strings.TrimRight(r.Header.Get("Origin"), "/"))
	if origin == "" {
		// Browsers send Origin with every cross-origin POST; a fetch
		// metadata header without it still tells the site.
		switch r.Header.Get("Sec-Fetch-Site") {
		case "cross-site", "same-site":
			return quotes.Errorf(quotes.EFORBIDDEN, "cross-site write refused: a page of another site may not change what this server stores")
		}
		return nil
	}
	if origin == strings.ToLower(s.origin(r)) || slices.Contains(s.writeOrigins, origin) {
		return nil
	}
	return quotes.Errorf(quotes.EFORBIDDEN,
		"cross-site write refused: pages of %s may not change what this server stores (allow them with --write-origins)", origin)
}

// hasKey reports whether r carries a valid key.
func (s *server) hasKey(r *http.Request) bool {
	if s.keys == nil || r.Header.Get("Authorization") == "" {
		return false
	}
	_, err := s.authorize(r)
	return err == nil
}

// keyNameKey is the context key of the name of the key a request was
// authorized with.
type keyNameKey struct{}

// keyName returns the name of the key r was authorized with, or "".
func keyName(r *http.Request) string {
	name, _ := r.Context().Value(keyNameKey{}).(string)
	return name
}

// authorize returns the name of the active key r carries, or an
// EUNAUTHORIZED error saying what is missing when it carries none.
func (s *server) authorize(r *http.Request) (string, error) {
	if s.keys == nil {
		return "", quotes.Errorf(quotes.EUNAUTHORIZED, "this server has no keys: create one with quotes token create NAME, then send it as Authorization: Bearer KEY")
	}
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", quotes.Errorf(quotes.EUNAUTHORIZED, "a key is required: send Authorization: Bearer KEY (quotes token create NAME makes one)")
	}
	scheme, secret, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(secret) == "" {
		return "", quotes.Errorf(quotes.EUNAUTHORIZED, "the Authorization header must be Bearer KEY")
	}
	name, ok, err := s.keys.CheckKey(strings.TrimSpace(secret))
	if err != nil {
		return "", err // internal: logged, answered 500
	}
	if !ok {
		return "", quotes.Errorf(quotes.EUNAUTHORIZED, "the key is not valid, or was revoked")
	}
	s.log.LogAttrs(r.Context(), slog.LevelDebug, "authorized",
		slog.String("key", name), slog.String("method", r.Method), slog.String("path", r.URL.Path))
	return name, nil
}
