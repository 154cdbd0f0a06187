package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/auth"
)

// maxCorrectionBody bounds the body of POST /api/corrections.
const maxCorrectionBody = 16 << 10

func (s *server) correctionsOrUnavailable(w http.ResponseWriter) bool {
	if s.corr == nil {
		writeError(w, http.StatusServiceUnavailable, "corrections are not available on this server")
		return false
	}
	return true
}

// handlePostCorrection serves POST /api/corrections: one correction as a
// quotes.CorrectionRequest in JSON. It answers 201 with the correction as
// kept. Who made it is the name of the key; a command on the server's own
// machine (the local key) may name its user.
func (s *server) handlePostCorrection(w http.ResponseWriter, r *http.Request) {
	if !s.correctionsOrUnavailable(w) {
		return
	}
	if ct := r.Header.Get("Content-Type"); !isJSONType(ct) {
		writeError(w, http.StatusUnsupportedMediaType,
			fmt.Sprintf("Content-Type %q is not supported; send the correction as application/json", ct))
		return
	}
	var req quotes.CorrectionRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxCorrectionBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("correction body is over %d bytes", maxCorrectionBody))
			return
		}
		writeError(w, http.StatusBadRequest, "correction: invalid JSON: "+err.Error())
		return
	}
	if dec.More() || dec.Decode(new(json.RawMessage)) != io.EOF {
		writeError(w, http.StatusBadRequest, "correction: one JSON object expected")
		return
	}
	s.correct(w, r, req)
}

// handleDeleteArticle serves DELETE /api/articles/{id}?reason=: the
// correction that deletes an article.
func (s *server) handleDeleteArticle(w http.ResponseWriter, r *http.Request) {
	if !s.correctionsOrUnavailable(w) {
		return
	}
	s.correct(w, r, quotes.CorrectionRequest{Action: quotes.DeleteArticle, ArticleID: mux.Vars(r)["id"],
		Reason: r.URL.Query().Get("reason")})
}

func (s *server) correct(w http.ResponseWriter, r *http.Request, req quotes.CorrectionRequest) {
	// Who made it is the key's name; only a command on the server's own
	// machine (the local key) names its user itself.
	if name := keyName(r); name != auth.LocalName || strings.TrimSpace(req.By) == "" {
		req.By = "key:" + name
	}
	c, err := s.corr.Correct(r.Context(), req)
	if err != nil {
		s.apiError(w, r, fmt.Errorf("correction: %w", err))
		return
	}
	s.metrics.ingested.WithLabelValues("corrections").Inc()
	writeJSON(w, http.StatusCreated, c)
}

// handleCorrections serves GET /api/corrections?article=&limit=: the
// audit log, newest first.
func (s *server) handleCorrections(w http.ResponseWriter, r *http.Request) {
	if !s.correctionsOrUnavailable(w) {
		return
	}
	limit, err := parsePositive(r.URL.Query(), "limit", 100, 10000)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	cs, err := s.corr.Corrections(r.Context(), strings.TrimSpace(r.URL.Query().Get("article")), limit)
	if err != nil {
		s.apiError(w, r, fmt.Errorf("corrections: %w", err))
		return
	}
	if cs == nil {
		cs = []quotes.Correction{}
	}
	writeJSON(w, http.StatusOK, cs)
}

// local answers 403 unless r was authorized with the key of a command on
// the server's own machine.
func local(w http.ResponseWriter, r *http.Request) bool {
	if keyName(r) != auth.LocalName {
		writeError(w, http.StatusForbidden, "this route is for the quotes commands on the server's own machine")
		return false
	}
	return true
}

// handleBackup serves POST /api/admin/backup {"dir": DIR}: a backup of
// the data directory into DIR on the server's machine.
func (s *server) handleBackup(w http.ResponseWriter, r *http.Request) {
	if !local(w, r) {
		return
	}
	if s.backup == nil {
		writeError(w, http.StatusServiceUnavailable, "backups are not available on this server")
		return
	}
	var req struct {
		Dir string `json:"dir"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxCorrectionBody)).Decode(&req); err != nil || strings.TrimSpace(req.Dir) == "" {
		writeError(w, http.StatusBadRequest, `backup: send {"dir": "/path/to/new/dir"}`)
		return
	}
	st, err := s.backup(r.Context(), req.Dir)
	if err != nil {
		s.apiError(w, r, fmt.Errorf("backup: %w", err))
		return
	}
	writeJSON(w, http.StatusCreated, st)
}

// handleVerify serves POST /api/admin/verify?repair=true: the check of
// the quote index against the store, and its repair.
func (s *server) handleVerify(w http.ResponseWriter, r *http.Request) {
	if !local(w, r) {
		return
	}
	if s.verify == nil {
		writeError(w, http.StatusServiceUnavailable, "check-index is not available on this server")
		return
	}
	rep, err := s.verify(r.Context(), r.URL.Query().Get("repair") == "true")
	if err != nil {
		s.apiError(w, r, fmt.Errorf("check-index: %w", err))
		return
	}
	writeJSON(w, http.StatusOK, rep)
}
