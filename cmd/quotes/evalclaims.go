package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/claims"
	"github.com/quotesproject/quotes/eval"
)

// runEvalClaims scores the claim tracker: the gold claims of paths[0]
// against the claims built from the articles of paths[1:], or, when there
// are none, from the article of the gold file itself (a NAME.gold.json
// with its NAME.txt).
func (a *app) runEvalClaims(cmd *cobra.Command, paths []string, asJSON bool) error {
	gold, err := eval.LoadGoldClaims(paths[0])
	if err != nil {
		return err
	}
	x, err := a.newExtractor()
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	var stmts []quotes.Statement
	if len(paths) == 1 {
		docs, err := eval.Load(paths[0])
		if err != nil {
			return err
		}
		for _, d := range docs {
			art := quotes.Article{ID: d.ID, Title: d.Title, Outlet: d.Outlet, Text: d.Text}
			if d.Published != "" {
				if art.Published, err = quotes.ParseTime(d.Published); err != nil {
					return fmt.Errorf("%s: %w", d.File, err)
				}
			}
			qs := x.Extract(art)
			stamp(art, qs)
			stmts = append(stmts, claims.Statements(art, qs)...)
		}
	} else {
		failed := false
		err := a.extractInputs(ctx, x, paths[1:], inputHandler{
			article: func(_ string, art quotes.Article, qs []quotes.Quote) error {
				stmts = append(stmts, claims.Statements(art, qs)...)
				return nil
			},
			input: func(name string, _ int, err error) error {
				if err != nil {
					failed = true
					a.report(err)
				}
				return nil
			},
		})
		if err != nil {
			return err
		}
		if failed {
			return errReported // a score over part of the articles would mislead
		}
	}
	t, err := a.tracker()
	if err != nil {
		return err
	}
	rep := eval.ScoreClaims(gold, t.Build(stmts))
	return a.writeOut(func(w io.Writer) error {
		if asJSON {
			return encodeJSON(w, rep)
		}
		return rep.WriteText(w)
	})
}

// tracker returns a claim tracker with the --aliases table, if any.
func (a *app) tracker() (*claims.Tracker, error) {
	if a.aliases == "" {
		return claims.New(nil), nil
	}
	f, err := os.Open(a.aliases)
	if err != nil {
		return nil, usageErrorf("--aliases: %v", err)
	}
	defer f.Close()
	m, err := claims.LoadAliases(f)
	if err != nil {
		return nil, usageErrorf("--aliases %s: %v", a.aliases, err)
	}
	return claims.New(claims.NewSides(m)), nil
}

// runEvalStance scores the stance classifier on each stance file.
func (a *app) runEvalStance(paths []string, asJSON bool) error {
	type fileReport struct {
		File   string            `json:"file"`
		Report eval.StanceReport `json:"report"`
	}
	var reps []fileReport
	for _, p := range paths {
		pairs, err := eval.LoadStancePairs(p)
		if err != nil {
			return err
		}
		related := len(pairs) > 0
		for _, x := range pairs {
			if x.Dataset != eval.StanceEmergent {
				related = false
				break
			}
		}
		reps = append(reps, fileReport{File: p, Report: eval.ScoreStance(pairs, eval.ClassifyStancePairs(pairs, related))})
	}
	return a.writeOut(func(w io.Writer) error {
		if asJSON {
			return encodeJSON(w, reps)
		}
		for _, r := range reps {
			if _, err := fmt.Fprintf(w, "%s\n%s\n", r.File, r.Report.String()); err != nil {
				return err
			}
		}
		return nil
	})
}

// runEvalCheck checks each claim of the check gold file at path against
// the index, as "quotes check" does, and prints the scores.
func (a *app) runEvalCheck(cmd *cobra.Command, path string, asJSON bool) (err error) {
	golds, err := eval.LoadCheckGold(path)
	if err != nil {
		return err
	}
	ix, err := a.openExistingIndex()
	if err != nil {
		return err
	}
	defer closeIndex(ix, &err)
	answers := map[string]eval.CheckAnswer{}
	var took []time.Duration
	for _, g := range golds {
		start := time.Now()
		res, err := ix.Check(cmd.Context(), g.Claim)
		if err != nil {
			return fmt.Errorf("check %s: %w", g.ID, err)
		}
		took = append(took, time.Since(start))
		code := res.Claim.Verdict.Code
		if !res.Found || code == "" {
			code = quotes.VerdictNone
		}
		answers[g.ID] = eval.CheckAnswer{ID: g.ID, Verdict: code, Statements: res.Claim.Statements}
	}
	rep := eval.ScoreChecks(golds, answers)
	rep.Latency = eval.NewLatency(took)
	return a.writeOut(func(w io.Writer) error {
		if asJSON {
			return encodeJSON(w, rep)
		}
		return writeCheckReport(w, rep)
	})
}

// writeCheckReport prints a check report: a line per claim, then the
// totals.
func writeCheckReport(w io.Writer, r eval.CheckReport) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%-8s %-14s %-14s %-5s %s\n", "id", "gold", "answer", "found", "claim")
	for _, row := range r.Rows {
		mark := " "
		if !row.Right {
			mark = "✗"
		}
		claim := row.Claim
		if len(claim) > 70 {
			claim = claim[:70] + "…"
		}
		fmt.Fprintf(bw, "%-8s %-14s %s%-13s %d/%-3d %s\n", row.ID, row.Gold, mark, row.Verdict, row.Found, row.Evidence, claim)
	}
	fmt.Fprintf(bw, "\nverdict accuracy      %.3f (%d of %d)\n", r.VerdictAccuracy.Value, r.VerdictAccuracy.Right, r.VerdictAccuracy.Of)
	fmt.Fprintf(bw, "both-sides            precision %.3f (%d of %d answered), recall %.3f (%d of %d)\n",
		r.BothSides.Precision, r.BothSides.TP, r.BothSides.Predicted, r.BothSides.Recall, r.BothSides.TP, r.BothSides.Gold)
	fmt.Fprintf(bw, "deciding statements   %.3f found (%d of %d), %.3f of them with the right polarity (%d)\n",
		r.EvidenceFound.Value, r.EvidenceFound.Right, r.EvidenceFound.Of, r.PolarityRight.Value, r.PolarityRight.Right)
	if l := r.Latency; l != nil {
		fmt.Fprintf(bw, "time to answer        p50 %.0f ms, p95 %.0f ms, max %.0f ms (%d checks, one after another)\n", l.P50, l.P95, l.Max, l.N)
	}
	for _, p := range r.BothSidesPairs {
		fmt.Fprintf(bw, "contradictory claims both answered both-sides: %s\n", p)
	}
	return bw.Flush()
}
