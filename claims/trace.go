package claims

import (
	"context"
	"log/slog"
)

// traceCandidate logs, at debug level (quotes -v), what a check made of a
// statement and why, so that a user who misses a statement in a check's
// evidence can see where it was left out.
func traceCandidate(stage, reason string, s *candidate) {
	if !slog.Default().Enabled(context.Background(), slog.LevelDebug) {
		return
	}
	slog.Debug("check: statement", "stage", stage, "reason", reason, "article", s.s.ArticleID,
		"speaker", s.s.Speaker, "quote", s.s.Quote)
}
