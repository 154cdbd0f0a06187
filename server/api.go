package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	quotes "github.com/quotesproject/quotes"
)

// maxResultWindow bounds how deep one can page: page*size may not pass it.
// Deep pages cost the index memory in proportion to their offset.
const maxResultWindow = 10000

// Limits of GET /api/speakers.
const (
	defaultSpeakersLimit = 100
	maxSpeakersLimit     = 1000
)

// searchParams is a search request as read from a URL query, with the
// 1-based page and effective size it was asked for.
type searchParams struct {
	req  quotes.SearchRequest
	page int
	size int
}

// parseSearch reads the parameters of GET /api/quotes (and of the page)
// from q. Its errors are EINVALID and name the parameter.
func parseSearch(q url.Values) (searchParams, error) {
	p := searchParams{page: 1, size: quotes.DefaultPageSize}
	p.req.Query = strings.TrimSpace(q.Get("q"))
	p.req.Speaker = strings.TrimSpace(q.Get("speaker"))
	p.req.Outlet = strings.TrimSpace(q.Get("outlet"))
	p.req.ArticleID = strings.TrimSpace(q.Get("article"))

	if v := strings.TrimSpace(q.Get("kind")); v != "" {
		k := quotes.Kind(strings.ToLower(v))
		if !k.Valid() {
			return p, quotes.Errorf(quotes.EINVALID, "kind: %q is not %s", v, quotes.KindList())
		}
		p.req.Kind = k
	}
	var err error
	if v := strings.TrimSpace(q.Get("min_confidence")); v != "" {
		c, perr := strconv.ParseFloat(v, 64)
		if perr != nil || c < 0 || c > 1 || c != c {
			return p, quotes.Errorf(quotes.EINVALID, "min_confidence: %q is not a number from 0 to 1", v)
		}
		p.req.MinConfidence = c
	}
	if v := strings.TrimSpace(q.Get("collapse")); v != "" {
		collapse, perr := strconv.ParseBool(v)
		if perr != nil {
			return p, quotes.Errorf(quotes.EINVALID, "collapse: %q is not true or false", v)
		}
		p.req.Appearances = !collapse
	}
	if p.req.Sort, err = quotes.ParseSort(q.Get("sort")); err != nil {
		return p, err
	}
	if p.req.From, err = parseTimeParam(q, "from", false); err != nil {
		return p, err
	}
	if p.req.To, err = parseTimeParam(q, "to", true); err != nil {
		return p, err
	}
	if !p.req.From.IsZero() && !p.req.To.IsZero() && p.req.To.Before(p.req.From) {
		return p, quotes.Errorf(quotes.EINVALID, "to: %s is before from %s", q.Get("to"), q.Get("from"))
	}
	if p.page, err = parsePositive(q, "page", 1, 0); err != nil {
		return p, err
	}
	if p.size, err = parsePositive(q, "size", quotes.DefaultPageSize, quotes.MaxPageSize); err != nil {
		return p, err
	}
	p.req.After = strings.TrimSpace(q.Get("after"))
	if p.req.After != "" && p.page != 1 {
		return p, quotes.Errorf(quotes.EINVALID, "page: %d with a cursor (after); a cursor's page starts where it points", p.page)
	}
	if p.page > maxResultWindow/p.size {
		return p, quotes.Errorf(quotes.EINVALID,
			"page: %d is too deep; only the first %d hits can be paged through by number (at most page %d of size %d): "+
				"follow the next cursor of each page (after=…), or export the search (format=csv or format=jsonl)",
			p.page, maxResultWindow, maxResultWindow/p.size, p.size)
	}
	p.req.Offset = (p.page - 1) * p.size
	p.req.Size = p.size
	return p, nil
}

// parsePositive reads the integer parameter name: def when absent, an
// EINVALID error unless a positive integer, and capped at max when max > 0.
func parsePositive(q url.Values, name string, def, max int) (int, error) {
	return parseIntParam(q, name, def, 1, max)
}

// parseNonNegative is parsePositive with 0 allowed: offsets.
func parseNonNegative(q url.Values, name string, def, max int) (int, error) {
	return parseIntParam(q, name, def, 0, max)
}

// parseIntParam reads the integer parameter name: def when absent, an
// EINVALID error below least or unreadable, capped at max when max > 0.
func parseIntParam(q url.Values, name string, def, least, max int) (int, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < least {
		if errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(v, "-") && max > 0 {
			return max, nil
		}
		what := "a positive integer"
		if least == 0 {
			what = "0 or a positive integer"
		}
		return 0, quotes.Errorf(quotes.EINVALID, "%s: %q is not %s", name, v, what)
	}
	if max > 0 && n > max {
		n = max
	}
	return n, nil
}

// parseTimeParam reads the date parameter name as quotes.ParseTime does.
// When end is set and the value is a plain date, the time is moved to the
// last instant of that day, so that to=2025-05-19 includes the 19th.
func parseTimeParam(q url.Values, name string, end bool) (time.Time, error) {
	v := strings.TrimSpace(q.Get(name))
	if v == "" {
		return time.Time{}, nil
	}
	t, err := quotes.ParseTime(v)
	if err != nil {
		return time.Time{}, quotes.Errorf(quotes.EINVALID, "%s: %s", name, quotes.ErrorMessage(err))
	}
	if end && !strings.ContainsAny(v, ":") && t.Equal(t.Truncate(24*time.Hour)) {
		t = t.AddDate(0, 0, 1).Add(-time.Nanosecond)
	}
	return t, nil
}

// searchResponse is the body of GET /api/quotes.
type searchResponse struct {
	Total    uint64                         `json:"total"`
	Page     int                            `json:"page"`
	Size     int                            `json:"size"`
	Hits     []quotes.Hit                   `json:"hits"`
	Facets   map[string][]quotes.FacetCount `json:"facets"`
	Timeline *quotes.Timeline               `json:"timeline,omitempty"`
	TookMS   float64                        `json:"took_ms"`
	// Next is the cursor of the next page (after=Next), absent on the
	// last.
	Next string `json:"next,omitempty"`
}

// search runs p against the service and shapes the result for the wire:
// hits and the speaker, outlet and kind facets are never null, and scores
// are finite.
func (s *server) search(r *http.Request, p searchParams) (searchResponse, error) {
	start := time.Now()
	res, err := s.svc.Search(r.Context(), p.req)
	s.metrics.search.Observe(time.Since(start).Seconds())
	if err != nil {
		return searchResponse{}, fmt.Errorf("search %q: %w", p.req.Query, err)
	}
	if res == nil {
		res = &quotes.SearchResult{}
	}
	out := searchResponse{
		Total:    res.Total,
		Page:     p.page,
		Size:     p.size,
		Hits:     res.Hits,
		Facets:   map[string][]quotes.FacetCount{},
		Timeline: res.Timeline,
		Next:     res.Next,
	}
	if out.Hits == nil {
		out.Hits = []quotes.Hit{}
	}
	for i := range out.Hits {
		if sc := out.Hits[i].Score; math.IsNaN(sc) || math.IsInf(sc, 0) {
			out.Hits[i].Score = 0
		}
	}
	for k, v := range res.Facets {
		out.Facets[k] = v
	}
	for _, k := range []string{"speaker", "outlet", "kind"} {
		if out.Facets[k] == nil {
			out.Facets[k] = []quotes.FacetCount{}
		}
	}
	took := res.Took
	if took <= 0 {
		took = time.Since(start)
	}
	out.TookMS = math.Round(float64(took)/float64(time.Microsecond)) / 1000
	return out, nil
}

// handleSearch serves GET /api/quotes: a page of JSON, or with
// format=csv or format=jsonl every match, streamed (export.go).
func (s *server) handleSearch(w http.ResponseWriter, r *http.Request) {
	p, err := parseSearch(r.URL.Query())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	switch f := r.URL.Query().Get("format"); f {
	case "", "json":
	case formatCSV, formatJSONL:
		s.export(w, r, p.req, f)
		return
	default:
		s.apiError(w, r, quotes.Errorf(quotes.EINVALID, "format: %q is not json, csv or jsonl", f))
		return
	}
	out, err := s.search(r, p)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

// handleQuote serves GET /api/quotes/{id}.
func (s *server) handleQuote(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	q, err := s.svc.Quote(r.Context(), id)
	if err == nil && q == nil {
		err = quotes.Errorf(quotes.ENOTFOUND, "no quote with id %q", id)
	}
	if err != nil {
		s.apiError(w, r, fmt.Errorf("quote %q: %w", id, err))
		return
	}
	writeJSON(w, http.StatusOK, q)
}

// appearancesBody is the body of GET /api/quotes/{id}/appearances.
type appearancesBody struct {
	Appearances []quotes.Appearance `json:"appearances"`
}

// handleAppearances serves GET /api/quotes/{id}/appearances: every
// article the quote appeared in, the first first.
func (s *server) handleAppearances(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["id"]
	aps, err := s.svc.Appearances(r.Context(), id)
	if err != nil {
		s.apiError(w, r, fmt.Errorf("appearances of quote %q: %w", id, err))
		return
	}
	if aps == nil {
		aps = []quotes.Appearance{}
	}
	writeJSON(w, http.StatusOK, appearancesBody{Appearances: aps})
}

// speakerCount is one speaker of GET /api/speakers.
type speakerCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// handleSpeakers serves GET /api/speakers: the most quoted speakers, or
// with q= those whose name holds it (case and accents aside).
func (s *server) handleSpeakers(w http.ResponseWriter, r *http.Request) {
	limit, err := parsePositive(r.URL.Query(), "limit", defaultSpeakersLimit, maxSpeakersLimit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	name := strings.TrimSpace(r.URL.Query().Get("q"))
	all := limit
	if name != "" {
		all = 0 // every speaker, to find the names that hold q
	}
	fc, err := s.svc.Speakers(r.Context(), all)
	if err != nil {
		s.apiError(w, r, fmt.Errorf("speakers: %w", err))
		return
	}
	if name != "" {
		want, kept := fold(name), fc[:0:0]
		for _, f := range fc {
			if strings.Contains(fold(f.Term), want) && len(kept) < limit {
				kept = append(kept, f)
			}
		}
		fc = kept
	}
	out := struct {
		Speakers []speakerCount `json:"speakers"`
	}{Speakers: make([]speakerCount, 0, len(fc))}
	for _, f := range fc {
		out.Speakers = append(out.Speakers, speakerCount{Name: f.Term, Count: f.Count})
	}
	writeJSON(w, http.StatusOK, out)
}

// articleSummary is an article without its text, as POST /api/articles
// answers it.
type articleSummary struct {
	ID        string    `json:"id"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Outlet    string    `json:"outlet,omitempty"`
	Published time.Time `json:"published,omitzero"`
}

// handlePostArticle serves POST /api/articles.
func (s *server) handlePostArticle(w http.ResponseWriter, r *http.Request) {
	if s.x == nil {
		writeError(w, http.StatusServiceUnavailable, "quote extraction is not available on this server")
		return
	}
	if ct := r.Header.Get("Content-Type"); !isJSONType(ct) {
		writeError(w, http.StatusUnsupportedMediaType,
			fmt.Sprintf("Content-Type %q is not supported; send the article as application/json", ct))
		return
	}
	a, readStatus, err := s.readArticle(w, r)
	if err != nil {
		writeError(w, readStatus, err.Error())
		return
	}
	a.NormalizeID()
	if err := a.Validate(); err != nil {
		s.apiError(w, r, err)
		return
	}
	if len(a.Text) > s.maxArticle {
		writeError(w, http.StatusRequestEntityTooLarge,
			fmt.Sprintf("article text is %d bytes; the limit is %d", len(a.Text), s.maxArticle))
		return
	}
	if strings.IndexByte(a.Text, 0) >= 0 {
		writeError(w, http.StatusBadRequest, "article text holds a NUL byte: binary data is not an article")
		return
	}

	qs := s.x.Extract(a)
	if qs == nil {
		qs = []quotes.Quote{}
	}
	for i := range qs {
		q := &qs[i]
		q.ArticleID = a.ID
		q.ID = ""
		q.URL, q.Title, q.Outlet, q.Published = a.URL, a.Title, a.Outlet, a.Published
	}
	quotes.AssignQuoteIDs(a.ID, qs)
	status := http.StatusCreated
	if s.exists(r.Context(), a.ID) {
		status = http.StatusOK
	}
	if err := s.svc.Put(r.Context(), a, qs); err != nil {
		s.apiError(w, r, fmt.Errorf("put article %q: %w", a.ID, err))
		return
	}
	s.metrics.ingested.WithLabelValues("articles").Inc()
	s.metrics.ingested.WithLabelValues("quotes").Add(float64(len(qs)))
	writeJSON(w, status, struct {
		Article articleSummary `json:"article"`
		Quotes  []quotes.Quote `json:"quotes"`
	}{
		Article: articleSummary{ID: a.ID, URL: a.URL, Title: a.Title, Outlet: a.Outlet, Published: a.Published},
		Quotes:  qs,
	})
}

// articleGetter is the optional part of a QuoteService that finds stored
// articles; *index.Index has it.
type articleGetter interface {
	Article(ctx context.Context, id string) (*quotes.Article, error)
}

// exists reports whether the service holds the article with the given id
// already, so that replacing it can answer 200 rather than 201. A service
// that cannot tell is taken to hold nothing.
func (s *server) exists(ctx context.Context, id string) bool {
	g, ok := s.svc.(articleGetter)
	if !ok {
		return false
	}
	a, err := g.Article(ctx, id)
	return err == nil && a != nil
}

// readArticle decodes the one JSON article of r's body, reading at most
// s.maxBody bytes. On failure it returns the status to answer (400 or 413)
// and an error whose message is fit for the client.
func (s *server) readArticle(w http.ResponseWriter, r *http.Request) (quotes.Article, int, error) {
	var a quotes.Article
	body := http.MaxBytesReader(w, r.Body, s.maxBody)
	dec := json.NewDecoder(body)
	err := dec.Decode(&a)
	if err == nil {
		// Exactly one value: anything but space after it is an error.
		if _, terr := dec.Token(); terr != io.EOF {
			err = errTrailingData
			if terr != nil && !isSyntaxError(terr) {
				err = terr
			}
		}
	}
	if err == nil {
		return a, 0, nil
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return a, http.StatusRequestEntityTooLarge,
			fmt.Errorf("request body is larger than %d bytes", tooBig.Limit)
	}
	return a, http.StatusBadRequest, describeJSONError(err)
}

// errTrailingData reports a body with more than one JSON value.
var errTrailingData = errors.New("body holds more than one JSON value")

func isSyntaxError(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se)
}

// describeJSONError turns a decoding error into a message naming the
// problem and, where known, where it is.
func describeJSONError(err error) error {
	var (
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
	)
	switch {
	case errors.Is(err, io.EOF):
		return errors.New("invalid article: request body is empty; want a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("invalid article JSON: unexpected end of body")
	case errors.As(err, &syntax):
		return fmt.Errorf("invalid article JSON at byte %d: %s", syntax.Offset, syntax.Error())
	case errors.As(err, &typ):
		if typ.Field != "" {
			return fmt.Errorf("invalid article JSON: field %q must be a %s, not %s", typ.Field, typ.Type, typ.Value)
		}
		return fmt.Errorf("invalid article JSON: want an object, not %s", typ.Value)
	case quotes.ErrorCode(err) == quotes.EINVALID:
		return fmt.Errorf("invalid article: %w", err)
	}
	return fmt.Errorf("invalid article JSON: %w", err)
}

// isJSONType reports whether the Content-Type ct may carry a JSON article:
// application/json or any +json type. A body without a type is refused:
// HTML forms cannot send these types, so no page can post an article
// without a preflight.
func isJSONType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// readyTimeout bounds the probe of /readyz.
const readyTimeout = 2 * time.Second

// handleReady serves GET /readyz: 200 when the index answers a small
// query within readyTimeout, 503 while it cannot (opening, rebuilding,
// damaged), so that a load balancer sends readers elsewhere meanwhile.
func (s *server) handleReady(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	if _, err := s.svc.Speakers(ctx, 1); err != nil {
		s.log.Warn("not ready", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "not ready"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// handleHealth serves GET /healthz: the process is up and serving.
func (s *server) handleHealth(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
