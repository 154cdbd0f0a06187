package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/quotesproject/quotes/eval"
)

// evalFlags are the flags of the eval command.
type evalFlags struct {
	kinds  []string
	speech bool
	json   bool
	errors int
	claims bool
	stance bool
	checks string
}

// evalCommand is "quotes eval": score the extractor on gold quotes.
func (a *app) evalCommand() *cobra.Command {
	var f evalFlags
	cmd := &cobra.Command{
		Use:   "eval [--kinds K,...] [--speech] [--json] [--errors N] GOLD... | eval --check FILE",
		Short: "Score the extractor against gold quotes",
		Long: `Eval runs the extractor on the articles of gold files and scores its quotes
against the annotated ones, printing for each file (and, with several files,
for all of them):

  gold, pred, match  the gold quotes, the predictions counted and the matches
  P, R, F1           span precision, recall and F1: a prediction matches a
                     gold quote when their spans overlap by at least half of
                     the longer one (one-to-one, largest overlap first)
  exactF1            F1 on identical spans, trimmed of spaces and punctuation
  cov30F1, cov80F1   F1 under the Gender Gap Tracker's rule: the prediction
                     covers at least 30% (80%) of the gold span
  speaker            speaker accuracy over the matches
  cue                cue accuracy over the matches whose gold has a cue
  e2eP, e2eR, e2eF1  end to end: span matched and speaker right

and the throughput of the extractor (MB/s of article text, one goroutine).
The full rules are in the documentation of package eval.

Gold files are JSON lines (NAME.jsonl, one article with its quotes a line) or
single articles (NAME.gold.json, with the text in NAME.txt); folders are read
recursively. By default the rows are: all quotes, each gold kind present
(direct, partial, indirect, mixed, nested) and the speech subset (quotes not
marked "speech": false). --kinds scores one subset made of the given gold
kinds, --speech the speech subset only.

--errors N lists for each file up to N missed, N spurious and N misattributed
quotes of the first row, and N predictions over spans the gold marks as not
quotes, in their context with the span marked ⟦ ⟧. --json prints the whole
report, with those lists, as JSON.

--claims scores the claim tracker instead: the first argument is a gold file
with a "claims" list (each claim's text, speakers' stances, both-sides verdict
and evidence); the claims are built from the articles given after it, or from
the gold file's own article. It prints each gold claim found or not, each
stance and verdict right or wrong, and the totals.

--stance scores the text-versus-claim stance classifier ("quotes check
--pairs") on stance data: FNC-1 pairs (with their bodies file beside them,
X.pairs.jsonl and X.bodies.jsonl), Emergent claims with their headlines, or
our own pairs format with a "stance" field. It prints accuracy, per-class
precision, recall and F1, macro-F1, the confusion matrix and, where the data
has unrelated pairs, the official FNC-1 score relative to its maximum.
Emergent has no unrelated pairs and is read three-way.

--check FILE scores what an editor sees: each claim of the check gold file
(check.dev.jsonl: a claim, its gold verdict and its deciding statements) is
checked against the index of --index, as "quotes check" does, and scored:
verdict accuracy (the verdict code, or one the gold accepts), precision and
recall of "both-sides", the share of deciding statements the answer shows
(same article, at least half the words of the shorter quote shared) and,
of those, the share with the right polarity (affirms, denies or reports).`,
		Example: `  quotes eval corpus/seed/article.gold.json
  quotes eval --kinds direct,mixed gold/dev.jsonl
  quotes eval --speech --errors 5 gold/
  quotes eval --json gold/dev.jsonl > report.json
  quotes eval --stance corpus/claims/fnc1.dev.pairs.jsonl corpus/claims/emergent.dev.jsonl
  quotes eval --claims corpus/seed/article.gold.json
  quotes eval --claims testdata/claims/claims.gold.json testdata/claims/articles.jsonl
  quotes eval --check ../shared/corpus/claims/check.dev.jsonl --index /tmp/news-index`,
		Args: func(cmd *cobra.Command, args []string) error {
			if f.checks != "" {
				return noArgs(cmd, args)
			}
			return minArgs(1, "GOLD file")(cmd, args)
		},
		PreRunE: func(cmd *cobra.Command, args []string) error {
			return f.check()
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.checks != "" {
				return a.runEvalCheck(cmd, f.checks, f.json)
			}
			if f.claims {
				return a.runEvalClaims(cmd, args, f.json)
			}
			if f.stance {
				return a.runEvalStance(args, f.json)
			}
			return a.runEval(cmd, args, f)
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&f.kinds, "kinds", nil, "score only the gold `kinds` given (comma-separated)")
	fl.BoolVar(&f.speech, "speech", false, "score only the speech subset")
	fl.BoolVar(&f.json, "json", false, "print the report as JSON")
	fl.IntVar(&f.errors, "errors", 0, "list up to `N` missed, spurious and misattributed quotes of each file")
	fl.BoolVar(&f.stance, "stance", false, "score the stance classifier on stance data (FNC-1, Emergent, or our pairs with a stance)")
	fl.StringVar(&f.checks, "check", "", "score \"quotes check\" on the claims of this check gold `file` (check.dev.jsonl) against the index of --index")
	fl.BoolVar(&f.claims, "claims", false, "score the claim tracker: GOLD is a file with a \"claims\" list, the other arguments the articles (none: GOLD's own article)")
	return cmd
}

// check checks the flags on their own.
func (f *evalFlags) check() error {
	if f.errors < 0 {
		return usageErrorf("invalid --errors %d: want 0 or more", f.errors)
	}
	if f.claims && f.stance {
		return usageErrorf("--claims and --stance cannot be combined")
	}
	if f.checks != "" && (f.claims || f.stance || len(f.kinds) > 0 || f.speech || f.errors > 0) {
		return usageErrorf("--check cannot be combined with --claims, --stance, --kinds, --speech or --errors")
	}
	if len(f.kinds) > 0 && f.speech {
		return usageErrorf("--kinds and --speech cannot be combined")
	}
	for i, k := range f.kinds {
		k = strings.ToLower(strings.TrimSpace(k))
		if k == "" {
			return usageErrorf("invalid --kinds: empty kind")
		}
		f.kinds[i] = k
	}
	return nil
}

// subsets returns the rows to score for the flags and the gold docs.
func (f *evalFlags) subsets(docs []eval.Doc) ([]eval.Subset, error) {
	switch {
	case len(f.kinds) > 0:
		known := slices.Clone(eval.GoldKinds)
		for _, k := range eval.KindsIn(docs) {
			if !slices.Contains(known, k) {
				known = append(known, k)
			}
		}
		for _, k := range f.kinds {
			if !slices.Contains(known, k) {
				return nil, usageErrorf("invalid --kinds %q: want some of %s", k, strings.Join(known, ", "))
			}
		}
		return []eval.Subset{eval.Kinds(f.kinds...)}, nil
	case f.speech:
		return []eval.Subset{eval.Speech()}, nil
	}
	return eval.DefaultSubsets(docs), nil
}

// runEval loads the gold files, runs the extractor and prints the report.
func (a *app) runEval(cmd *cobra.Command, paths []string, f evalFlags) error {
	var docs []eval.Doc
	failed := 0
	for _, p := range paths {
		ds, err := eval.Load(p)
		if err != nil {
			failed++
			a.report(err)
			continue
		}
		a.log.Debug("loaded gold", "path", p, "docs", len(ds))
		docs = append(docs, ds...)
	}
	if failed > 0 {
		// Scores over some of the files would pass for scores over all.
		return errReported
	}
	subsets, err := f.subsets(docs)
	if err != nil {
		return err
	}

	x, err := a.newExtractor()
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	preds, took, err := eval.Run(ctx, docs, x)
	if err != nil {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return errors.New("interrupted")
		}
		return fmt.Errorf("extract: %w", err)
	}
	r := eval.Score(docs, preds, subsets)
	r.SetTiming(docs, took)
	r.LimitCases(f.errors)
	a.log.Debug("scored", "docs", len(docs), "extract_seconds", r.Total.ExtractSeconds)

	out := bufio.NewWriter(a.stdout)
	if f.json {
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		err = enc.Encode(r)
	} else {
		err = writeEvalReport(out, r)
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

// writeEvalReport prints the report for reading: a table for each file,
// the cases kept, and the total when there are several files.
func writeEvalReport(w io.Writer, r *eval.Report) error {
	width := len("subset")
	for _, s := range r.Subsets {
		width = max(width, len(s))
	}
	for i := range r.Files {
		writeFileReport(w, &r.Files[i], width)
		writeCases(w, &r.Files[i])
		fmt.Fprintln(w)
	}
	if len(r.Files) > 1 {
		writeFileReport(w, &r.Total, width)
		fmt.Fprintln(w)
	}
	_, err := fmt.Fprintln(w, "P R F1: span match (overlap ≥ half the longer span); exactF1: identical trimmed spans;\n"+
		"cov30F1 cov80F1: prediction covers ≥30% / ≥80% of the gold span (Gender Gap Tracker);\n"+
		"speaker: over matches; cue: over matches whose gold has a cue; e2e: span matched and speaker right.")
	return err
}

// writeFileReport prints the head line and the table of one file.
func writeFileReport(w io.Writer, f *eval.FileReport, width int) {
	fmt.Fprintf(w, "%s: %s, %.2f MB, extract %.2fs, %.2f MB/s\n",
		f.File, plural(f.Docs, "doc"), float64(f.Bytes)/1e6, f.ExtractSeconds, f.MBPerSecond)
	fmt.Fprintf(w, "%-*s %6s %6s %6s %6s %6s %6s %8s %8s %8s %8s %6s %6s %6s %6s\n", width,
		"subset", "gold", "pred", "match", "P", "R", "F1", "exactF1", "cov30F1", "cov80F1", "speaker", "cue", "e2eP", "e2eR", "e2eF1")
	for _, row := range f.Rows {
		fmt.Fprintf(w, "%-*s %6d %6d %6d %6s %6s %6s %8s %8s %8s %8s %6s %6s %6s %6s\n", width,
			row.Subset, row.Gold, row.Predicted, row.Matched,
			ratio(row.Span.Precision, row.Span.Predicted), ratio(row.Span.Recall, row.Span.Gold), f1(row.Span),
			f1(row.Exact), f1(row.Cover30), f1(row.Cover80),
			ratio(row.Speaker.Value, row.Speaker.Of), ratio(row.Cue.Value, row.Cue.Of),
			ratio(row.EndToEnd.Precision, row.EndToEnd.Predicted), ratio(row.EndToEnd.Recall, row.EndToEnd.Gold), f1(row.EndToEnd))
	}
	if f.NotQuotes > 0 {
		fmt.Fprintf(w, "not quotes: %d marked in the gold, %s over them\n", f.NotQuotes, plural(f.NotQuoteHits, "prediction"))
	}
	if len(f.Rows) > 0 && len(f.Rows[0].Confidence) == len(eval.ConfidenceLevels) {
		fmt.Fprintf(w, "speaker by confidence (%s):", f.Rows[0].Subset)
		for i, a := range f.Rows[0].Confidence {
			fmt.Fprintf(w, "  ≥%.1f %s of %d", eval.ConfidenceLevels[i], ratio(a.Value, a.Of), a.Of)
		}
		fmt.Fprintln(w)
	}
}

// ratio formats v, or "-" when its denominator is 0.
func ratio(v float64, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}

// f1 formats the F1 of s, or "-" when there is neither gold nor
// prediction.
func f1(s eval.PRF) string {
	if s.Gold == 0 && s.Predicted == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", s.F1)
}

// writeCases prints the cases kept in f, under the counts of all of them.
func writeCases(w io.Writer, f *eval.FileReport) {
	if len(f.Rows) == 0 {
		return
	}
	row := f.Rows[0]
	section := func(name string, all int, cs []eval.Case, line func(c eval.Case) string) {
		if len(cs) == 0 {
			return
		}
		fmt.Fprintf(w, "%s (%s, %d of %d):\n", name, row.Subset, len(cs), all)
		for _, c := range cs {
			fmt.Fprintf(w, "  %s %d:%d %s\n    %s\n", c.Doc, c.Start, c.End, line(c), c.Context)
		}
	}
	section("missed", row.Gold-row.Matched, f.Missed, func(c eval.Case) string {
		return fmt.Sprintf("%s, gold speaker %s", c.Kind, name(c.GoldSpeaker, c.GoldMention))
	})
	section("spurious", row.Predicted-row.Matched, f.Spurious, func(c eval.Case) string {
		return fmt.Sprintf("%s, speaker %s", c.Kind, name(c.Speaker, c.Mention))
	})
	section("misattributed", row.Matched-row.Speaker.Right, f.Misattributed, func(c eval.Case) string {
		return fmt.Sprintf("%s, gold %s, predicted %s, confidence %.2f", c.Kind, name(c.GoldSpeaker, c.GoldMention), name(c.Speaker, c.Mention), c.Confidence)
	})
	if len(f.OnNotQuotes) > 0 {
		fmt.Fprintf(w, "over not quotes (%d of %d):\n", len(f.OnNotQuotes), f.NotQuoteHits)
		for _, c := range f.OnNotQuotes {
			fmt.Fprintf(w, "  %s %d:%d %s (%s), speaker %s\n    %s\n", c.Doc, c.Start, c.End, c.Kind, c.Why, name(c.Speaker, c.Mention), c.Context)
		}
	}
}

// name formats a speaker and the mention of it: "Jane Alvarez" (mention
// "she"), or (none).
func name(speaker, mention string) string {
	s := "(none)"
	if speaker != "" {
		s = fmt.Sprintf("%q", speaker)
	}
	if mention != "" && mention != speaker {
		s += fmt.Sprintf(" (mention %q)", mention)
	}
	return s
}
