package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	quotes "github.com/quotesproject/quotes"
)

// errorStatus maps application error codes to HTTP statuses. It is the one
// place where the two meet; a code missing from it is served as 500.
var errorStatus = map[string]int{
	quotes.EINVALID:  http.StatusBadRequest,
	quotes.ENOTFOUND: http.StatusNotFound,
	quotes.ECONFLICT: http.StatusConflict,
	quotes.EINTERNAL: http.StatusInternalServerError,
	quotes.EDAMAGED:  http.StatusInternalServerError,

	quotes.EUNAUTHORIZED: http.StatusUnauthorized,
	quotes.EFORBIDDEN:    http.StatusForbidden,
	quotes.ELIMIT:        http.StatusBadRequest,
	quotes.ETIMEOUT:      http.StatusServiceUnavailable,
}

// internalMessage is all a client learns of an internal error.
const internalMessage = "internal error"

// statusOf returns the HTTP status for err and the message to show for it.
// Internal errors get the generic internalMessage.
func statusOf(err error) (int, string) {
	if errors.Is(err, context.DeadlineExceeded) {
		return http.StatusServiceUnavailable, "the request ran out of its time budget: narrow the query, or try again later"
	}
	status, ok := errorStatus[quotes.ErrorCode(err)]
	if !ok {
		status = http.StatusInternalServerError
	}
	if status == http.StatusInternalServerError {
		return status, internalMessage
	}
	return status, quotes.ErrorMessage(err)
}

// apiError answers err as a JSON error, logging it when it is ours.
func (s *server) apiError(w http.ResponseWriter, r *http.Request, err error) {
	if clientGone(r, err) {
		// Nobody reads the answer; the log says why the request ended.
		w.WriteHeader(statusClientClosed)
		return
	}
	status, msg := statusOf(err)
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfterTimeout))
	}
	if status == http.StatusInternalServerError {
		s.logError(r, err)
	}
	writeError(w, status, msg)
}

// statusClientClosed is the status logged for a request whose client went
// away before the answer (nginx's 499); the client never sees it.
const statusClientClosed = 499

// clientGone reports whether err ended the request because its client went
// away, not because of a fault or a deadline.
func clientGone(r *http.Request, err error) bool {
	return errors.Is(err, context.Canceled) && errors.Is(r.Context().Err(), context.Canceled)
}

// logError logs an internal error of the request r. An error caused by the
// client going away is logged at a lower level: it is no fault of ours.
func (s *server) logError(r *http.Request, err error) {
	level := slog.LevelError
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		level = slog.LevelWarn
	}
	s.log.LogAttrs(r.Context(), level, "request failed",
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.String("err", err.Error()),
	)
}

// errorBody is the JSON shape of every API error.
type errorBody struct {
	Error string `json:"error"`
}

// writeError answers with status and {"error": msg}.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{Error: msg})
}

// writeJSON answers with status and v as JSON. v is encoded before the
// header is written, so that an encoding failure can still become a 500.
// The encoder escapes <, > and & so that the body is inert even if a
// browser were to sniff it as HTML.
func writeJSON(w http.ResponseWriter, status int, v any) {
	writeJSONAs(w, status, v, "application/json")
}

// writeJSONAs is writeJSON with another JSON media type
// ("application/ld+json").
func writeJSONAs(w http.ResponseWriter, status int, v any, contentType string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":"` + internalMessage + `"}` + "\n")
	}
	h := w.Header()
	h.Set("Content-Type", contentType)
	if status == http.StatusInternalServerError {
		h.Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
