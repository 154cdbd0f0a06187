package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/claims"
	"github.com/quotesproject/quotes/eval"
	"github.com/quotesproject/quotes/index"
)

// claimsFlags are the flags of the claims command.
type claimsFlags struct {
	speaker, side, verdict string
	bothSides, json, all   bool
	limit, page            int
}

// claimsCommand is "quotes claims".
func (a *app) claimsCommand() *cobra.Command {
	var f claimsFlags
	cmd := &cobra.Command{
		Use:   "claims [flags] [QUERY...]",
		Short: "List the claims found across the stored articles, with their verdicts",
		Long: `Claims lists the claims the tracker found in the stored quotes: statements
about the same proposition grouped across articles, outlets and speakers. Each
claim is printed with its verdict (was it confirmed by both sides?), the sides
involved and every statement with its speaker, side and stance: confirms,
denies, asserts or reports.

Only claims that speakers of two sides or more speak to are listed, unless
--all is given. The query words (the arguments) keep claims whose text or
statements contain all of them. An ingest regroups the claims of the
quarters its articles fall in.`,
		Example: `  quotes claims
  quotes claims --both-sides
  quotes claims --all
  quotes claims --speaker sheinbaum troops
  quotes claims --side Mexico --json`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			req := quotes.ClaimRequest{
				Query:   strings.TrimSpace(strings.Join(args, " ")),
				Speaker: strings.TrimSpace(f.speaker),
				Side:    strings.TrimSpace(f.side),
				Verdict: strings.TrimSpace(f.verdict),
				All:     f.all,
			}
			if f.bothSides {
				if req.Verdict != "" && req.Verdict != "both-sides" {
					return usageErrorf("--both-sides and --verdict %q ask for different verdicts", f.verdict)
				}
				req.Verdict = "both-sides"
			}
			if f.limit < 1 || f.limit > quotes.MaxPageSize {
				return usageErrorf("invalid --limit %d: want 1 to %d", f.limit, quotes.MaxPageSize)
			}
			if f.page < 1 {
				return usageErrorf("invalid --page %d: want 1 or more", f.page)
			}
			req.Size, req.Offset = f.limit, (f.page-1)*f.limit
			rd, done, err := a.openReader()
			if err != nil {
				return err
			}
			defer closeReader(done, &err)
			res, err := rd.Claims(cmd.Context(), req)
			if quotes.ErrorCode(err) == quotes.EINVALID {
				return &usageError{err: err}
			}
			if err != nil {
				return fmt.Errorf("claims: %w", err)
			}
			return a.writeOut(func(w io.Writer) error {
				if f.json {
					return encodeJSON(w, res)
				}
				if res.Total == 0 {
					_, err := fmt.Fprintln(w, "No claims match.")
					return err
				}
				for i := range res.Claims {
					if err := writeClaim(w, &res.Claims[i]); err != nil {
						return err
					}
				}
				_, err := fmt.Fprintf(w, "%d of %d claims\n", len(res.Claims), res.Total)
				return err
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.speaker, "speaker", "", "only claims with a statement by this speaker (full name or one of its words, any case)")
	fl.BoolVar(&f.all, "all", false, "list claims only one side speaks to as well (by default two sides or more must)")
	fl.StringVar(&f.side, "side", "", "only claims with a statement from this `side` (Mexico, United States, Democrats, …)")
	fl.StringVar(&f.verdict, "verdict", "", "only claims with this verdict: both-sides, or one of: "+strings.Join(claims.Labels, ", "))
	fl.BoolVar(&f.bothSides, "both-sides", false, "only claims confirmed by both sides")
	fl.IntVar(&f.limit, "limit", quotes.DefaultPageSize, fmt.Sprintf("claims per page (at most %d)", quotes.MaxPageSize))
	fl.IntVar(&f.page, "page", 1, "page `number`, from 1")
	fl.BoolVar(&f.json, "json", false, "print the claims as JSON")
	return cmd
}

// checkCommand is "quotes check".
func (a *app) checkCommand() *cobra.Command {
	var asJSON bool
	var pairs string
	cmd := &cobra.Command{
		Use:   "check [flags] CLAIM...",
		Short: "Check a claim against the stored quotes: who confirmed, who denied",
		Long: `Check finds the stored statements that bear on a claim you type (the
arguments joined by spaces), classifies each one's stance toward it, and says
whether the claim was confirmed by both sides, with the evidence: each
statement, its speaker, side and stance, its article and date. When nothing
stored bears on the claim, it says so.

With --pairs FILE it reads JSON lines {"id","claim","text"} instead, needs no
index, and prints one line {"id","stance"} for each, the text's overall stance
toward the claim: confirms, denies, reports or unrelated.`,
		Example: `  quotes check "Trump offered to send U.S. troops into Mexico"
  quotes check --json "Sheinbaum is afraid of the cartels"
  quotes check --pairs pairs.jsonl > stances.jsonl`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			if pairs != "" {
				if len(args) > 0 {
					return usageErrorf("--pairs reads its claims from the file; give no CLAIM arguments")
				}
				return a.checkPairs(pairs)
			}
			claim := strings.TrimSpace(strings.Join(args, " "))
			if claim == "" {
				return usageErrorf("missing CLAIM: give the claim to check as text")
			}
			rd, done, err := a.openReader()
			if err != nil {
				return err
			}
			defer closeReader(done, &err)
			res, err := rd.Check(cmd.Context(), claim)
			if quotes.ErrorCode(err) == quotes.EINVALID {
				return &usageError{err: err}
			}
			if err != nil {
				return fmt.Errorf("check: %w", err)
			}
			return a.writeOut(func(w io.Writer) error {
				if asJSON {
					return encodeJSON(w, checkJSON(res))
				}
				if !res.Found {
					_, err := fmt.Fprintf(w, "Nothing in the index bears on %q.\n", claim)
					return err
				}
				return writeClaim(w, &res.Claim)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the verdict and evidence as JSON")
	cmd.Flags().StringVar(&pairs, "pairs", "", "classify the claim/text pairs of this JSON-lines `file` instead")
	return cmd
}

// checkOutput is the JSON of "quotes check --json": the verdict's fields
// at the top, for scripts, and the whole claim.
type checkOutput struct {
	Found bool   `json:"found"`
	Claim string `json:"claim"`
	// Verdict is the verdict's code, one of quotes.VerdictCodes
	// (both-sides, one-side, disputed, denied, reported-only, none);
	// Label says it in words.
	Verdict    string               `json:"verdict"`
	Label      string               `json:"label"`
	BothSides  bool                 `json:"both_sides"`
	Summary    string               `json:"summary"`
	Sides      []quotes.SideStances `json:"sides"`
	Statements []quotes.Statement   `json:"statements"`
	Detail     quotes.Verdict       `json:"detail"`
}

func checkJSON(r *quotes.CheckResult) checkOutput {
	sides := r.Claim.Sides
	if sides == nil {
		sides = []quotes.SideStances{}
	}
	stmts := r.Claim.Statements
	if stmts == nil {
		stmts = []quotes.Statement{}
	}
	return checkOutput{
		Found: r.Found, Claim: r.Claim.Text, Verdict: r.Claim.Verdict.Code, Label: r.Claim.Verdict.Label, BothSides: r.Claim.Verdict.BothSides,
		Summary: r.Claim.Verdict.Summary, Sides: sides, Statements: stmts, Detail: r.Claim.Verdict,
	}
}

// writeClaim prints a claim for a person: text, verdict, then the
// statements grouped by side.
func writeClaim(w io.Writer, c *quotes.Claim) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Claim: %s\n", c.Text)
	if c.ID != "" {
		fmt.Fprintf(bw, "  id %s, %d statements in %d articles", c.ID, len(c.Statements), c.Articles)
		if !c.FirstSeen.IsZero() {
			fmt.Fprintf(bw, ", %s to %s", c.FirstSeen.Format("2006-01-02"), c.LastSeen.Format("2006-01-02"))
		}
		fmt.Fprintln(bw)
	}
	fmt.Fprintf(bw, "  Verdict: %s\n", c.Verdict.Summary)
	for _, s := range c.Statements {
		side := s.Side
		if side == "" {
			side = "no side"
		}
		q := s.Quote
		if len(q) > 240 {
			q = q[:strings.LastIndex(q[:240], " ")+1] + "…"
		}
		fmt.Fprintf(bw, "  - %-9s %s (%s): “%s”\n", s.Stance, s.Speaker, side, q)
		src := s.ArticleID
		if s.Outlet != "" {
			src = s.Outlet + ", " + src
		}
		if !s.Published.IsZero() {
			src += ", " + s.Published.Format("2006-01-02")
		}
		if s.Because != "" {
			src += "; " + string(s.Stance) + " because: “" + s.Because + "”"
		}
		fmt.Fprintf(bw, "              %s\n", src)
	}
	fmt.Fprintln(bw)
	return bw.Flush()
}

// encodeJSON writes v as indented JSON without HTML escapes.
func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeOut runs fn on a buffered stdout and reports a failed write.
func (a *app) writeOut(fn func(io.Writer) error) error {
	out := bufio.NewWriter(a.stdout)
	err := fn(out)
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

// applySides loads the --aliases table, if any, into ix.
func (a *app) applySides(ix *index.Index) error {
	if a.aliases == "" {
		return nil
	}
	t, err := a.tracker()
	if err != nil {
		return err
	}
	ix.SetSides(t.Sides())
	return nil
}

// pairOutput is one line of "quotes check --pairs".
type pairOutput struct {
	ID     string        `json:"id"`
	Stance quotes.Stance `json:"stance"`
}

// checkPairs classifies the claim/text pairs of a JSON-lines file (see
// eval.LoadStancePairs: our {"id","claim","text"} lines, or FNC-1 and
// Emergent files) and prints one {"id","stance"} line for each. Word
// weights come from the claims and texts of the file itself.
func (a *app) checkPairs(path string) error {
	pairs, err := eval.LoadStancePairs(path)
	if err != nil {
		if quotes.ErrorCode(err) == quotes.EINVALID {
			return &usageError{err: err}
		}
		return fmt.Errorf("check --pairs: %w", err)
	}
	preds := eval.ClassifyStancePairs(pairs, false)
	return a.writeOut(func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, p := range pairs {
			if err := enc.Encode(pairOutput{ID: p.ID, Stance: preds[p.ID]}); err != nil {
				return err
			}
		}
		return nil
	})
}
