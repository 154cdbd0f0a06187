package main

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	quotes "github.com/quotesproject/quotes"
)

// editor names who makes a correction from the command line: "cli:" and
// the login of the user running it.
func editor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "cli:" + u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return "cli:" + u
	}
	return "cli"
}

// correctionFlags are the flags every correction command takes.
type correctionFlags struct {
	reason string
}

func (f *correctionFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.reason, "reason", "", "why, for the audit log (required)")
}

// correctCommands are the editor's commands: correct, hide, unhide,
// delete, undelete and corrections.
func (a *app) correctCommands() []*cobra.Command {
	var (
		cf                  correctionFlags
		speaker, role, kind string
		span                string
	)
	correct := &cobra.Command{
		Use:   "correct QUOTE_ID [--speaker NAME [--role ROLE]] [--kind KIND] [--span START:END] --reason TEXT",
		Short: "Correct a quote's speaker, kind or span",
		Long: `Correct changes what the extractor got wrong in one quote: its speaker (with
the role the article gives), its kind (direct, partial, indirect, belief) or its
span (UTF-8 byte offsets into the article's text). The correction is kept with
who made it, when and why; it survives re-ingest and reindex for as long as the
quote's words are in the article, and the quote is marked "corrected" on the
page and in the JSON. quotes corrections lists every correction.`,
		Example: `  quotes correct 3f2a9c1e0b7d4a5e6f708192 --speaker "Ada Quist" --role "mayor" --reason "the article names her two lines up"
  quotes correct 3f2a9c1e0b7d4a5e6f708192 --kind partial --reason "only the last words are quoted"`,
		Args: exactArgs(1, "the quote's id (shown by quotes search --json and on its page)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			req := quotes.CorrectionRequest{Action: quotes.CorrectQuote, QuoteID: args[0],
				Speaker: speaker, Role: role, Kind: quotes.Kind(kind), Reason: cf.reason}
			if span != "" {
				s, e, err := parseSpan(span)
				if err != nil {
					return usageErrorf("--span: %v", err)
				}
				req.Start, req.End = &s, &e
			}
			return a.correct(cmd, req)
		},
	}
	cf.add(correct)
	correct.Flags().StringVar(&speaker, "speaker", "", "the speaker's full `name`, as the article gives it")
	correct.Flags().StringVar(&role, "role", "", "the speaker's `role`, with --speaker")
	correct.Flags().StringVar(&kind, "kind", "", "the quote's `kind`: "+quotes.KindList())
	correct.Flags().StringVar(&span, "span", "", "the quote's `START:END` byte offsets in the article's text")

	simple := func(use, short, what string, action quotes.CorrectionAction, article bool) *cobra.Command {
		var f correctionFlags
		c := &cobra.Command{
			Use:   use,
			Short: short,
			Args:  exactArgs(1, what),
			RunE: func(cmd *cobra.Command, args []string) error {
				req := quotes.CorrectionRequest{Action: action, Reason: f.reason}
				if article {
					req.ArticleID = args[0]
				} else {
					req.QuoteID = args[0]
				}
				return a.correct(cmd, req)
			},
		}
		f.add(c)
		return c
	}
	var (
		article string
		limit   int
		asJSON  bool
	)
	list := &cobra.Command{
		Use:   "corrections [--article ID] [--limit N] [--json]",
		Short: "List editors' corrections, newest first: the audit log",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			var cs []quotes.Correction
			if c := a.runningServer(); c != nil {
				cs, err = c.Corrections(cmd.Context(), article, limit)
			} else {
				ix, oerr := a.openExistingIndex()
				if oerr != nil {
					return oerr
				}
				defer closeIndex(ix, &err)
				cs, err = ix.Corrections(cmd.Context(), article, limit)
			}
			if err != nil {
				return fmt.Errorf("corrections: %w", err)
			}
			if asJSON {
				return encodeJSON(a.stdout, cs)
			}
			if len(cs) == 0 {
				fmt.Fprintln(a.stderr, "no corrections")
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "SEQ\tWHEN\tBY\tACTION\tTARGET\tCHANGE\tREASON")
			for _, c := range cs {
				target := c.QuoteID
				if target == "" {
					target = "article " + c.ArticleID
				}
				action := string(c.Action)
				if c.Stale {
					action += " (stale)"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Seq, c.At.Format(time.DateTime), c.By, action, target, change(c), oneLineText(c.Reason))
			}
			return tw.Flush()
		},
	}
	list.Flags().StringVar(&article, "article", "", "only the corrections of this article `id`")
	list.Flags().IntVar(&limit, "limit", 100, "at most `N` corrections")
	list.Flags().BoolVar(&asJSON, "json", false, "print JSON")

	return []*cobra.Command{
		correct,
		simple("hide QUOTE_ID --reason TEXT", "Hide a quote from search, pages, claims and widgets", "the quote's id", quotes.HideQuote, false),
		simple("unhide QUOTE_ID --reason TEXT", "Show a hidden quote again", "the quote's id", quotes.ShowQuote, false),
		simple("delete ARTICLE_ID --reason TEXT", "Delete an article and its quotes; ingesting it again is refused until undelete", "the article's id", quotes.DeleteArticle, true),
		simple("undelete ARTICLE_ID --reason TEXT", "Bring a deleted article back, its quotes extracted anew", "the article's id", quotes.RestoreArticle, true),
		list,
	}
}

// correct makes one correction: through the running server when there
// is one, else on the index.
func (a *app) correct(cmd *cobra.Command, req quotes.CorrectionRequest) (err error) {
	req.By = editor()
	if err := req.Validate(); err != nil {
		return usageErrorf("%s", quotes.ErrorMessage(err))
	}
	var c *quotes.Correction
	if srv := a.runningServer(); srv != nil {
		c, err = srv.Correct(cmd.Context(), req)
	} else {
		ix, oerr := a.openWriter(cmd.Context())
		if oerr != nil {
			return oerr
		}
		defer closeIndex(ix, &err)
		c, err = ix.Correct(cmd.Context(), req)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", req.Action, err)
	}
	fmt.Fprintf(a.stderr, "correction %d: %s %s\n", c.Seq, c.Action, strings.TrimSpace(c.QuoteID+" "+c.ArticleID))
	return nil
}

// change says what a correction changed, for the audit log's table.
func change(c quotes.Correction) string {
	var parts []string
	if c.Speaker != "" {
		s := "speaker=" + c.Speaker
		if c.Role != "" {
			s += " (" + c.Role + ")"
		}
		parts = append(parts, s)
	}
	if c.Kind != "" {
		parts = append(parts, "kind="+string(c.Kind))
	}
	if c.Start != nil {
		parts = append(parts, fmt.Sprintf("span=%d:%d", *c.Start, *c.End))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, " ")
}

// oneLineText folds white space, for a table cell.
func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

// parseSpan reads "START:END".
func parseSpan(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, ":")
	if !ok {
		return 0, 0, fmt.Errorf("%q is not START:END", s)
	}
	start, err1 := strconv.Atoi(strings.TrimSpace(a))
	end, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("%q is not START:END (two byte offsets)", s)
	}
	return start, end, nil
}
