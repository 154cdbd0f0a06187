package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/server"
)

// ANSI escapes for highlighted matches on a terminal.
const (
	ansiBold  = "\x1b[1m"
	ansiReset = "\x1b[0m"
)

// searchFlags are the flags of the search command.
type searchFlags struct {
	speaker, outlet, kind string
	from, to              string
	limit, page           int
	json                  bool
	format, after, sort   string
	minConfidence         float64
	appearances           bool
}

// searchCommand is "quotes search".
func (a *app) searchCommand() *cobra.Command {
	var f searchFlags
	cmd := &cobra.Command{
		Use:   "search [flags] QUERY...",
		Short: "Search the stored quotes",
		Long: `Search finds stored quotes. The query (the arguments joined by spaces) is in
the query language of the README: words, "a phrase", AND, OR, NOT,
parentheses, +must, -not, field:value (fields: quote, sentence, speaker,
outlet, title, kind, …), tax*. No query matches every quote. --speaker takes any variant of a speaker's name, in any case
("donald trump", "Donald J. Trump", and "Trump" when only one Trump is
quoted); the other flags filter on exact values.

Each hit is printed with its matches highlighted (in bold on a terminal),
its speaker and role, outlet and date; then the total and the number of
quotes of each speaker. --format json prints the page as JSON instead.
--format csv and --format jsonl export every match, however many, one row or
line a quote (--limit and --page do not apply). Past the first 10,000 hits,
page with the cursor a page prints: --after CURSOR.`,
		Example: `  quotes search budget
  quotes search '"will not back down"' --speaker "Jane Alvarez"
  quotes search --outlet "The Valley Courier" --from 2025-05-01 --to 2025-05-31 tax
  quotes search --kind indirect --format json deficit
  quotes search --format csv 'tariff AND speaker:"Carlos Ruiz"' > tariffs.csv`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			req, err := f.request(args)
			if err != nil {
				return err
			}
			rd, done, err := a.openReader()
			if err != nil {
				return err
			}
			defer closeReader(done, &err)
			if f.format == formatCSV || f.format == formatJSONL {
				return a.exportSearch(cmd.Context(), rd, req, f.format)
			}
			res, err := rd.Search(cmd.Context(), req)
			if quotes.ErrorCode(err) == quotes.EINVALID {
				// A query the index cannot read: a mistake in the
				// arguments.
				return &usageError{err: err}
			}
			if err != nil {
				return fmt.Errorf("search: %w", err)
			}
			out := bufio.NewWriter(a.stdout)
			if f.format == "json" {
				enc := json.NewEncoder(out)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				err = enc.Encode(res)
			} else {
				err = writeResult(out, res, req, isTerminal(a.stdout))
			}
			if ferr := out.Flush(); err == nil {
				err = ferr
			}
			if err != nil {
				return fmt.Errorf("write output: %w", err)
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.speaker, "speaker", "", "only quotes of this speaker (any variant of the `name`, any case)")
	fl.StringVar(&f.outlet, "outlet", "", "only quotes from this outlet (exact `name`)")
	fl.StringVar(&f.kind, "kind", "", "only quotes of this `kind`: direct, partial, indirect or belief (beliefs are left out otherwise)")
	fl.StringVar(&f.from, "from", "", "only articles published on or after this `date` (2025-05-19 or RFC 3339)")
	fl.StringVar(&f.to, "to", "", "only articles published on or before this `date` (a plain date includes the whole day)")
	fl.Float64Var(&f.minConfidence, "min-confidence", 0, "only quotes whose speaker has at least this `confidence` (0 to 1; 0.9: attributions we are sure of)")
	fl.BoolVar(&f.appearances, "appearances", false, "every appearance of a quote as its own hit (by default, the same words from the same speaker in several articles are one hit)")
	fl.IntVar(&f.limit, "limit", quotes.DefaultPageSize, fmt.Sprintf("hits per page (at most %d)", quotes.MaxPageSize))
	fl.IntVar(&f.page, "page", 1, "page `number`, from 1")
	fl.BoolVar(&f.json, "json", false, "print the result as JSON (--format json)")
	fl.StringVar(&f.format, "format", "text", "`format` of the output: text, json (the page), csv or jsonl (every match)")
	fl.StringVar(&f.sort, "sort", "relevance", "`order` of the hits: relevance, newest or oldest")
	fl.StringVar(&f.after, "after", "", "the page after this `cursor`, printed at the end of the page before")
	return cmd
}

// request checks the flags and builds the search request; mistakes are
// usage errors.
func (f *searchFlags) request(args []string) (quotes.SearchRequest, error) {
	req := quotes.SearchRequest{
		Query:   strings.TrimSpace(strings.Join(args, " ")),
		Speaker: strings.TrimSpace(f.speaker),
		Outlet:  strings.TrimSpace(f.outlet),
		Kind:    quotes.Kind(strings.ToLower(strings.TrimSpace(f.kind))),
	}
	if req.Kind != "" && !req.Kind.Valid() {
		return req, usageErrorf("invalid --kind %q: want %s", f.kind, quotes.KindList())
	}
	if f.minConfidence < 0 || f.minConfidence > 1 || f.minConfidence != f.minConfidence {
		return req, usageErrorf("invalid --min-confidence %v: want 0 to 1", f.minConfidence)
	}
	req.MinConfidence = f.minConfidence
	req.Appearances = f.appearances
	if f.limit < 1 || f.limit > quotes.MaxPageSize {
		return req, usageErrorf("invalid --limit %d: want 1 to %d", f.limit, quotes.MaxPageSize)
	}
	if f.page < 1 {
		return req, usageErrorf("invalid --page %d: want 1 or more", f.page)
	}
	req.Size = f.limit
	req.Offset = (f.page - 1) * f.limit
	if f.json {
		f.format = "json"
	}
	sort, err := quotes.ParseSort(f.sort)
	if err != nil {
		return req, &usageError{err: err}
	}
	req.Sort = sort
	switch f.format {
	case formatText, "json", formatCSV, formatJSONL:
	default:
		return req, usageErrorf("invalid --format %q: want text, json, csv or jsonl", f.format)
	}
	if req.After = strings.TrimSpace(f.after); req.After != "" && f.page != 1 {
		return req, usageErrorf("--page %d with --after: a cursor's page starts where it points", f.page)
	}

	if req.From, err = parseDateFlag("from", f.from, false); err != nil {
		return req, err
	}
	if req.To, err = parseDateFlag("to", f.to, true); err != nil {
		return req, err
	}
	if !req.From.IsZero() && !req.To.IsZero() && req.To.Before(req.From) {
		return req, usageErrorf("--to %s is before --from %s", f.to, f.from)
	}
	return req, nil
}

// parseDateFlag reads a date flag with quotes.ParseTime. For the end of a
// range, a plain date (2025-05-19) means the end of that day.
func parseDateFlag(name, v string, end bool) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	t, err := quotes.ParseTime(v)
	if err != nil {
		return t, usageErrorf("invalid --%s: %s", name, quotes.ErrorMessage(err))
	}
	if end {
		if _, err := time.Parse(time.DateOnly, v); err == nil {
			t = t.Add(24*time.Hour - time.Nanosecond)
		}
	}
	return t, nil
}

// writeResult prints a search result for reading; bold says whether to
// show matches in bold (a terminal) or as bare text.
func writeResult(w io.Writer, res *quotes.SearchResult, req quotes.SearchRequest, bold bool) error {
	for i, h := range res.Hits {
		q := h.Quote
		text := "“" + strings.Join(strings.Fields(q.Text), " ") + "”"
		if frags := h.Highlights["quote"]; len(frags) > 0 {
			text = "“" + strings.Join(strings.Fields(highlight(strings.Join(frags, " … "), bold)), " ") + "”"
		}
		if req.After != "" {
			fmt.Fprintf(w, "%d. %s\n", i+1, text)
		} else {
			fmt.Fprintf(w, "%d. %s\n", req.Offset+i+1, text)
		}
		var about []string
		speaker := q.Speaker
		if speaker == "" {
			speaker = "(unattributed)"
		}
		if q.Role != "" {
			speaker += " (" + q.Role + ")"
		}
		about = append(about, "— "+speaker)
		if q.Outlet != "" {
			about = append(about, q.Outlet)
		}
		if !q.Published.IsZero() {
			about = append(about, q.Published.Format(time.DateOnly))
		}
		if q.Kind != "" && q.Kind != quotes.KindDirect {
			about = append(about, string(q.Kind))
		}
		fmt.Fprintf(w, "   %s\n", strings.Join(about, ", "))
		if q.URL != "" {
			fmt.Fprintf(w, "   %s\n", q.URL)
		}
		if q.Appearances > 1 {
			line := fmt.Sprintf("%d appearances", q.Appearances)
			if f := q.First; f != nil {
				line += ", first in " + cmp.Or(f.Outlet, f.ArticleID)
				if !f.Published.IsZero() {
					line += " on " + f.Published.Format(time.DateOnly)
				}
			}
			fmt.Fprintf(w, "   %s\n", line)
		}
	}
	if len(res.Hits) > 0 {
		fmt.Fprintln(w)
	}
	switch {
	case res.Total == 0:
		fmt.Fprintln(w, "no quotes found")
	case len(res.Hits) == 0:
		fmt.Fprintf(w, "%s found; none on this page\n", plural(int(res.Total), "quote"))
	case req.After != "":
		fmt.Fprintf(w, "%s found, %d shown after the cursor\n", plural(int(res.Total), "quote"), len(res.Hits))
	default:
		fmt.Fprintf(w, "%s found, %d–%d shown\n", plural(int(res.Total), "quote"), req.Offset+1, req.Offset+len(res.Hits))
	}
	if fc := res.Facets["speaker"]; len(fc) > 0 {
		parts := make([]string, len(fc))
		for i, c := range fc {
			parts[i] = fmt.Sprintf("%s (%d)", c.Term, c.Count)
		}
		fmt.Fprintf(w, "speakers: %s\n", strings.Join(parts, ", "))
	}
	if res.Next != "" {
		fmt.Fprintf(w, "next page: --after %s\n", res.Next)
	}
	return nil
}

// highlight turns a highlight fragment (HTML-escaped text with matches in
// <mark>…</mark>) into plain text, the matches in ANSI bold when bold.
func highlight(frag string, bold bool) string {
	on, off := "", ""
	if bold {
		on, off = ansiBold, ansiReset
	}
	frag = strings.ReplaceAll(frag, "<mark>", on)
	frag = strings.ReplaceAll(frag, "</mark>", off)
	return html.UnescapeString(frag)
}

// formatCSV is the CSV export of quotes search (with formatJSONL).
const formatCSV = "csv"

// exportSearch writes every quote matching req to stdout as CSV (the
// columns of the API's export) or JSON lines.
func (a *app) exportSearch(ctx context.Context, rd reader, req quotes.SearchRequest, format string) error {
	out := bufio.NewWriterSize(a.stdout, 64<<10)
	cw := csv.NewWriter(out)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if format == formatCSV {
		if err := cw.Write(server.CSVHeader); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	n := 0
	err := rd.Export(ctx, req, func(q quotes.Quote) error {
		n++
		if format == formatCSV {
			return cw.Write(server.CSVRow(&q))
		}
		return enc.Encode(&q)
	})
	cw.Flush()
	if ferr := out.Flush(); err == nil {
		err = cmp.Or(cw.Error(), ferr)
	}
	if quotes.ErrorCode(err) == quotes.EINVALID {
		return &usageError{err: err}
	}
	if err != nil {
		return fmt.Errorf("export after %d quotes: %w", n, err)
	}
	a.log.Debug("exported", "quotes", n, "format", format)
	return nil
}
