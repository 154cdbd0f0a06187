package server

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gorilla/mux"

	quotes "github.com/quotesproject/quotes"
)

// maxClaimLength bounds the claim text of GET /api/check.
const maxClaimLength = 1000

// claimGroup is the statements of one side with one stance, as GET
// /api/claims/{id} lists them: the columns of a claim card.
type claimGroup struct {
	Side       string             `json:"side"`
	Stance     quotes.Stance      `json:"stance"`
	Statements []quotes.Statement `json:"statements"`
}

// claimDetail is the answer of GET /api/claims/{id} and GET /api/check.
type claimDetail struct {
	quotes.Claim
	// Found is false when nothing bears on a checked claim.
	Found bool `json:"found"`
	// BothSides and VerdictLabel repeat the verdict at the top, for
	// clients that read no further.
	BothSides    bool         `json:"both_sides"`
	VerdictLabel string       `json:"verdict_label"`
	Groups       []claimGroup `json:"groups"`
}

// detail groups a claim's statements by side (in the order of its
// parties, then sides of no party, then speakers of no side) and stance.
func detail(c quotes.Claim, found bool) claimDetail {
	d := claimDetail{Claim: c, Found: found, BothSides: c.Verdict.BothSides, VerdictLabel: c.Verdict.Label, Groups: []claimGroup{}}
	if d.Statements == nil {
		d.Statements = []quotes.Statement{}
	}
	if d.Parties == nil {
		d.Parties = []string{}
	}
	if d.Sides == nil {
		d.Sides = []quotes.SideStances{}
	}
	at := map[[2]string]int{}
	order := append([]string{}, c.Parties...)
	for _, s := range c.Statements {
		if !slices.Contains(order, s.Side) {
			order = append(order, s.Side)
		}
	}
	for _, side := range order {
		for _, st := range []quotes.Stance{quotes.StanceConfirms, quotes.StanceAsserts, quotes.StanceDenies, quotes.StanceReports} {
			for _, s := range c.Statements {
				if s.Side != side || s.Stance != st {
					continue
				}
				k := [2]string{side, string(st)}
				i, ok := at[k]
				if !ok {
					i = len(d.Groups)
					at[k] = i
					d.Groups = append(d.Groups, claimGroup{Side: side, Stance: st})
				}
				d.Groups[i].Statements = append(d.Groups[i].Statements, s)
			}
		}
	}
	return d
}

// claimsOrUnavailable answers 503 when the server has no claim tracker.
func (s *server) claimsOrUnavailable(w http.ResponseWriter) bool {
	if s.claims == nil {
		writeError(w, http.StatusServiceUnavailable, "claim tracking is not available on this server")
		return false
	}
	return true
}

// handleClaims serves GET /api/claims?q=&speaker=&side=&verdict=&offset=&size=.
func (s *server) handleClaims(w http.ResponseWriter, r *http.Request) {
	if !s.claimsOrUnavailable(w) {
		return
	}
	v := r.URL.Query()
	offset, err := parseNonNegative(v, "offset", 0, 1<<30)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	size, err := parsePositive(v, "size", quotes.DefaultPageSize, quotes.MaxPageSize)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	req := quotes.ClaimRequest{
		Query:   strings.TrimSpace(v.Get("q")),
		Speaker: strings.TrimSpace(v.Get("speaker")),
		Side:    strings.TrimSpace(v.Get("side")),
		Verdict: strings.TrimSpace(v.Get("verdict")),
		Offset:  offset,
		Size:    size,
	}
	if b := strings.TrimSpace(v.Get("both_sides")); b == "true" || b == "1" {
		req.Verdict = "both-sides"
	}
	if b := strings.TrimSpace(v.Get("all")); b == "true" || b == "1" {
		req.All = true
	}
	res, err := s.claims.Claims(r.Context(), req)
	if err != nil {
		s.apiError(w, r, fmt.Errorf("claims: %w", err))
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// handleClaim serves GET /api/claims/{id}, and with format=claimreview the
// claim as schema.org ClaimReview JSON-LD.
func (s *server) handleClaim(w http.ResponseWriter, r *http.Request) {
	if !s.claimsOrUnavailable(w) {
		return
	}
	id := mux.Vars(r)["id"]
	format := r.URL.Query().Get("format")
	if format != "" && format != "json" && format != "claimreview" {
		s.apiError(w, r, quotes.Errorf(quotes.EINVALID, "unknown format %q (want json or claimreview)", format))
		return
	}
	c, err := s.claims.Claim(r.Context(), id)
	if err != nil {
		s.apiError(w, r, fmt.Errorf("claim %q: %w", id, err))
		return
	}
	if format == "claimreview" {
		writeJSONAs(w, http.StatusOK, claimReview(c, s.origin(r)+r.URL.EscapedPath()), "application/ld+json")
		return
	}
	writeJSON(w, http.StatusOK, detail(*c, true))
}

// handleCheck serves GET /api/check?claim=.
func (s *server) handleCheck(w http.ResponseWriter, r *http.Request) {
	if !s.claimsOrUnavailable(w) {
		return
	}
	claim := strings.TrimSpace(r.URL.Query().Get("claim"))
	switch {
	case claim == "":
		s.apiError(w, r, quotes.Errorf(quotes.EINVALID, "missing parameter claim: the claim to check, as text"))
		return
	case len(claim) > maxClaimLength:
		s.apiError(w, r, quotes.Errorf(quotes.EINVALID, "claim is %d bytes long; keep it under %d", len(claim), maxClaimLength))
		return
	}
	res, err := s.claims.Check(r.Context(), claim)
	if err != nil {
		s.apiError(w, r, fmt.Errorf("check: %w", err))
		return
	}
	writeJSON(w, http.StatusOK, detail(res.Claim, res.Found))
}

// claimReview renders a claim as a schema.org ClaimReview: the claim
// reviewed, its first appearance, and the verdict as the textual rating.
func claimReview(c *quotes.Claim, url string) map[string]any {
	appearances := []map[string]any{}
	seen := map[string]bool{}
	for _, s := range c.Statements {
		if seen[s.ArticleID] {
			continue
		}
		seen[s.ArticleID] = true
		a := map[string]any{"@type": "CreativeWork"}
		if s.URL != "" {
			a["url"] = s.URL
		}
		if s.Title != "" {
			a["headline"] = s.Title
		}
		if s.Outlet != "" {
			a["publisher"] = map[string]any{"@type": "Organization", "name": s.Outlet}
		}
		if !s.Published.IsZero() {
			a["datePublished"] = s.Published.Format(time.DateOnly)
		}
		appearances = append(appearances, a)
	}
	claim := map[string]any{
		"@type":      "Claim",
		"appearance": appearances,
	}
	if !c.FirstSeen.IsZero() {
		claim["datePublished"] = c.FirstSeen.Format(time.DateOnly)
	}
	if len(c.Statements) > 0 {
		claim["author"] = map[string]any{"@type": "Person", "name": c.Statements[0].Speaker}
	}
	out := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "ClaimReview",
		"url":           url,
		"claimReviewed": c.Text,
		"itemReviewed":  claim,
		"reviewRating": map[string]any{
			"@type":         "Rating",
			"alternateName": c.Verdict.Label,
			"description":   c.Verdict.Summary,
		},
		"author": map[string]any{"@type": "Organization", "name": "quotes claim tracker"},
	}
	if !c.LastSeen.IsZero() {
		out["datePublished"] = c.LastSeen.Format(time.DateOnly)
	}
	return out
}
