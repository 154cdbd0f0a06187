package server

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	quotes "github.com/quotesproject/quotes"
)

// Exports of GET /api/quotes?format=…: every quote of a search, streamed.
const (
	formatCSV   = "csv"
	formatJSONL = "jsonl"
	// exportTimeout bounds an export instead of DefaultReadTimeout: a
	// million quotes stream in about a minute and a half.
	exportTimeout = 10 * time.Minute
	// exportFlushEvery is how many rows pass between flushes; each flush
	// moves the write deadline exportWriteWindow on, so that a long
	// export is not cut by the server's write timeout while a slow reader
	// still is.
	exportFlushEvery  = 1000
	exportWriteWindow = 30 * time.Second
)

// CSVHeader are the columns of a CSV export (the API's and quotes search's), in order: every field the
// search page shows, and the offsets and ids a newsroom's tools join on.
var CSVHeader = []string{
	"id", "quote", "kind", "speaker", "speakers", "role", "confidence", "cue", "outlet", "published",
	"title", "url", "article_id", "sentence", "start", "end", "speaker_mention", "corrected",
	"appearances", "first_outlet", "first_published", "first_article_id",
}

// CSVRow returns q as a row of a CSV export (CSVHeader).
func CSVRow(q *quotes.Quote) []string {
	published := ""
	if !q.Published.IsZero() {
		published = q.Published.UTC().Format(time.RFC3339)
	}
	corrected := ""
	if q.Corrected != nil {
		corrected = strings.Join(q.Corrected.Fields, ";")
	}
	// A quote that appeared once is its own first appearance.
	appearances, first := max(1, q.Appearances), quotes.Appearance{Outlet: q.Outlet, Published: q.Published, ArticleID: q.ArticleID}
	if q.First != nil {
		first = *q.First
	}
	firstPublished := ""
	if !first.Published.IsZero() {
		firstPublished = first.Published.UTC().Format(time.RFC3339)
	}
	return []string{
		q.ID, q.Text, string(q.Kind), q.Speaker, strings.Join(q.Speakers, "; "), q.Role,
		strconv.FormatFloat(q.Confidence, 'f', 2, 64), q.Cue, q.Outlet, published,
		q.Title, q.URL, q.ArticleID, q.Sentence, strconv.Itoa(q.Start), strconv.Itoa(q.End), q.SpeakerMention, corrected,
		strconv.Itoa(appearances), first.Outlet, firstPublished, first.ArticleID,
	}
}

// isExport reports whether r asks GET /api/quotes for an export.
func isExport(r *http.Request) bool {
	if r.URL.Path != "/api/quotes" {
		return false
	}
	f := r.URL.Query().Get("format")
	return f == formatCSV || f == formatJSONL
}

// export streams every quote matching req as format. The headers go out
// with the first quote, so that a bad request still gets its error
// status; a failure after that ends the stream early, and a JSON Lines
// export then ends with a line {"error": "…"} (a CSV one cannot say it:
// the log does, and its rows stop short of the total of the search).
func (s *server) export(w http.ResponseWriter, r *http.Request, req quotes.SearchRequest, format string) {
	rc := http.NewResponseController(w)
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	rows := 0
	start := func() {
		h := w.Header()
		name := "quotes." + format
		if format == formatCSV {
			h.Set("Content-Type", "text/csv; charset=utf-8")
		} else {
			h.Set("Content-Type", "application/jsonl; charset=utf-8")
		}
		h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
		h.Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusOK)
		_ = rc.SetWriteDeadline(time.Now().Add(exportWriteWindow))
		if format == formatCSV {
			_ = cw.Write(CSVHeader)
		}
	}
	flush := func() error {
		if format == formatCSV {
			cw.Flush()
			if err := cw.Error(); err != nil {
				return err
			}
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		_ = rc.SetWriteDeadline(time.Now().Add(exportWriteWindow))
		if err := rc.Flush(); err != nil && err != http.ErrNotSupported {
			return err
		}
		return nil
	}
	err := s.svc.Export(r.Context(), req, func(q quotes.Quote) error {
		if rows == 0 {
			start()
		}
		rows++
		if format == formatCSV {
			if err := cw.Write(CSVRow(&q)); err != nil {
				return err
			}
		} else if err := enc.Encode(&q); err != nil {
			return err
		}
		if rows%exportFlushEvery == 0 {
			return flush()
		}
		return nil
	})
	if err != nil && rows == 0 {
		s.apiError(w, r, fmt.Errorf("export %q: %w", req.Query, err))
		return
	}
	if rows == 0 {
		start()
	}
	if err != nil {
		s.logError(r, fmt.Errorf("export %q stopped after %d quotes: %w", req.Query, rows, err))
		if format == formatJSONL {
			_ = enc.Encode(map[string]string{"error": fmt.Sprintf("the export stopped early, after %d quotes; run it again", rows)})
		}
	}
	_ = flush()
}
