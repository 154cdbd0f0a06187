package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	quotes "github.com/quotesproject/quotes"
)

// Output formats of the extract command (and of quotes search).
const (
	formatJSONL = "jsonl"
	formatText  = "text"
)

// extractCommand is "quotes extract": extract quotes without storing them.
func (a *app) extractCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "extract [--format jsonl|text] FILE...|-",
		Short: "Print the quotes of articles without storing them",
		Long: `Extract finds the quotes of the articles in the given files ("-" is standard
input) and prints them; nothing is stored. Files are plain text, HTML pages,
JSON lines of articles (one {"id","url","title","outlet","published","text"}
object a line) or RSS/Atom feeds, chosen by extension or content; folders are
read recursively.

With --format jsonl (the default) each quote is one JSON object a line, with
at least article_id, quote, start, end, kind, speaker, speaker_mention, cue and
role; start and end are UTF-8 byte offsets into the article's text. The id of
a plain-text article is its file's base name without extension.

With --format text the quotes are listed for reading: speaker — cue — “quote”.

An input that cannot be read is reported on stderr and skipped; the exit
status is then 1.`,
		Example: `  quotes extract article.txt
  quotes extract --format text page.html
  cat articles.jsonl | quotes extract -`,
		Args: minArgs(1, "FILE (or - for standard input)"),
		PreRunE: func(cmd *cobra.Command, args []string) error {
			if format != formatJSONL && format != formatText {
				return usageErrorf("invalid --format %q: want jsonl or text", format)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runExtract(cmd, args, format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", formatJSONL, "output `format`: jsonl or text")
	return cmd
}

// runExtract extracts and prints the quotes of the inputs.
func (a *app) runExtract(cmd *cobra.Command, paths []string, format string) error {
	x, err := a.newExtractor()
	if err != nil {
		return err
	}
	out := bufio.NewWriter(a.stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)

	failed := 0
	h := inputHandler{
		article: func(name string, art quotes.Article, qs []quotes.Quote) error {
			var err error
			if format == formatText {
				err = writeQuotesText(out, art, qs)
			} else {
				for i := range qs {
					if err = enc.Encode(&qs[i]); err != nil {
						break
					}
				}
			}
			if err != nil {
				return fmt.Errorf("write output: %w", err)
			}
			return nil
		},
		input: func(name string, _ int, err error) error {
			if err != nil {
				failed++
				// Keep the order of output and errors on a shared terminal.
				if ferr := out.Flush(); ferr != nil {
					return fmt.Errorf("write output: %w", ferr)
				}
				a.report(err)
			}
			return nil
		},
	}
	err = a.extractInputs(cmd.Context(), x, paths, h)
	if err != nil && cmd.Context().Err() != nil && errors.Is(err, cmd.Context().Err()) {
		err = errors.New("interrupted")
	}
	if ferr := out.Flush(); ferr != nil && err == nil {
		err = fmt.Errorf("write output: %w", ferr)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return errReported
	}
	return nil
}

// writeQuotesText lists the quotes of one article for reading.
func writeQuotesText(w io.Writer, art quotes.Article, qs []quotes.Quote) error {
	head := art.ID
	if art.Title != "" {
		head += " — " + art.Title
	}
	fmt.Fprintf(w, "%s (%s)\n", head, plural(len(qs), "quote"))
	for _, q := range qs {
		speaker := q.Speaker
		if speaker == "" {
			speaker = "(unattributed)"
		}
		if q.Role != "" {
			speaker += " (" + q.Role + ")"
		}
		parts := []string{speaker}
		if q.Cue != "" {
			parts = append(parts, q.Cue)
		}
		parts = append(parts, "“"+strings.Join(strings.Fields(q.Text), " ")+"”")
		line := "  " + strings.Join(parts, " — ")
		if q.Kind != quotes.KindDirect && q.Kind != "" {
			line += " [" + string(q.Kind) + "]"
		}
		fmt.Fprintln(w, line)
	}
	_, err := fmt.Fprintln(w)
	return err
}
