package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/quotesproject/quotes"
)

// Client speaks to a running server over its JSON API: the way the other
// commands work on a data directory the server holds. Its methods answer
// like the index's, and the server's errors come back as *quotes.Error
// with the code its HTTP status stands for.
type Client struct {
	// BaseURL is the server's URL ("http://127.0.0.1:8080").
	BaseURL string
	// Key is sent as a bearer key with every request.
	Key string
	// HTTP is the client used; nil means one with a one-minute timeout.
	HTTP *http.Client
}

var (
	_ quotes.CorrectionService = (*Client)(nil)
)

// maxClientBody bounds what the client reads of one answer.
const maxClientBody = 64 << 20

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: time.Minute}
}

// do sends a request and decodes a 2xx answer's JSON into out.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any) error {
	u := strings.TrimRight(c.BaseURL, "/") + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var rd io.Reader
	if body != nil {
		blob, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("client: encode %s %s: %w", method, path, err)
		}
		rd = bytes.NewReader(blob)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return fmt.Errorf("client: %w", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Key != "" {
		req.Header.Set("Authorization", "Bearer "+c.Key)
	}
	resp, err := c.http().Do(req)
	if err != nil {
		return fmt.Errorf("client: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	blob, err := io.ReadAll(io.LimitReader(resp.Body, maxClientBody))
	if err != nil {
		return fmt.Errorf("client: %s %s: read the answer: %w", method, path, err)
	}
	if resp.StatusCode/100 != 2 {
		var e errorBody
		msg := strings.TrimSpace(string(blob))
		if json.Unmarshal(blob, &e) == nil && e.Error != "" {
			msg = e.Error
		}
		return quotes.Errorf(codeOf(resp.StatusCode), "%s", msg)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(blob, out); err != nil {
		return fmt.Errorf("client: %s %s: decode the answer: %w", method, path, err)
	}
	return nil
}

// codeOf returns the application error code an HTTP status stands for:
// the inverse of errorStatus.
func codeOf(status int) string {
	switch status {
	case http.StatusTooManyRequests, http.StatusRequestEntityTooLarge:
		return quotes.ELIMIT
	case http.StatusUnsupportedMediaType:
		return quotes.EINVALID
	}
	// In a fixed order: several codes share a status (EINVALID and
	// ELIMIT, 400), and the first of them is the one to return.
	for _, code := range []string{quotes.EINVALID, quotes.ENOTFOUND, quotes.ECONFLICT,
		quotes.EUNAUTHORIZED, quotes.EFORBIDDEN, quotes.ETIMEOUT, quotes.EINTERNAL} {
		if errorStatus[code] == status {
			return code
		}
	}
	return quotes.EINTERNAL
}

// searchQuery returns the URL query of GET /api/quotes for req, its page
// size included.
func searchQuery(req quotes.SearchRequest) url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("q", req.Query)
	set("speaker", req.Speaker)
	set("outlet", req.Outlet)
	set("kind", string(req.Kind))
	set("article", req.ArticleID)
	set("sort", string(req.Sort))
	set("after", req.After)
	if req.MinConfidence > 0 {
		q.Set("min_confidence", strconv.FormatFloat(req.MinConfidence, 'f', -1, 64))
	}
	if req.Appearances {
		q.Set("collapse", "false")
	}
	if !req.From.IsZero() {
		q.Set("from", req.From.Format(time.RFC3339))
	}
	if !req.To.IsZero() {
		q.Set("to", req.To.Format(time.RFC3339))
	}
	return q
}

// Search runs req on the server's GET /api/quotes. req's offset must be a
// multiple of its size (a page), as the API pages.
func (c *Client) Search(ctx context.Context, req quotes.SearchRequest) (*quotes.SearchResult, error) {
	q := searchQuery(req)
	size := req.Size
	if size <= 0 {
		size = quotes.DefaultPageSize
	}
	q.Set("size", strconv.Itoa(size))
	q.Set("page", strconv.Itoa(req.Offset/size+1))
	var out searchResponse
	if err := c.do(ctx, http.MethodGet, "/api/quotes", q, nil, &out); err != nil {
		return nil, err
	}
	return &quotes.SearchResult{Total: out.Total, Hits: out.Hits, Facets: out.Facets, Timeline: out.Timeline,
		Took: time.Duration(out.TookMS * float64(time.Millisecond)), Next: out.Next}, nil
}

// Export streams every quote matching req from the server's
// GET /api/quotes?format=jsonl, and calls each with them (see
// quotes.QuoteService). An export the server ended early is an error.
func (c *Client) Export(ctx context.Context, req quotes.SearchRequest, each func(quotes.Quote) error) error {
	q := searchQuery(req)
	q.Del("after")
	q.Set("format", "jsonl")
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(c.BaseURL, "/")+"/api/quotes?"+q.Encode(), nil)
	if err != nil {
		return fmt.Errorf("client: %w", err)
	}
	if c.Key != "" {
		hreq.Header.Set("Authorization", "Bearer "+c.Key)
	}
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{} // as long as the export takes; ctx ends it
	}
	resp, err := hc.Do(hreq)
	if err != nil {
		return fmt.Errorf("client: export: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		blob, _ := io.ReadAll(io.LimitReader(resp.Body, maxClientBody))
		var e errorBody
		msg := strings.TrimSpace(string(blob))
		if json.Unmarshal(blob, &e) == nil && e.Error != "" {
			msg = e.Error
		}
		return quotes.Errorf(codeOf(resp.StatusCode), "%s", msg)
	}
	dec := json.NewDecoder(resp.Body)
	for {
		var line struct {
			quotes.Quote
			Error string `json:"error"`
		}
		if err := dec.Decode(&line); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("client: export: read the stream: %w", err)
		}
		if line.Error != "" {
			return quotes.Errorf(quotes.EINTERNAL, "%s", line.Error)
		}
		if err := each(line.Quote); err != nil {
			return err
		}
	}
}

// PostArticle posts an article to POST /api/articles; the server extracts
// and stores its quotes, and the answer says how many.
func (c *Client) PostArticle(ctx context.Context, a quotes.Article) (quotes int, err error) {
	var out struct {
		Quotes []json.RawMessage `json:"quotes"`
	}
	if err := c.do(ctx, http.MethodPost, "/api/articles", nil, a, &out); err != nil {
		return 0, err
	}
	return len(out.Quotes), nil
}

// Claims lists claims through GET /api/claims.
func (c *Client) Claims(ctx context.Context, req quotes.ClaimRequest) (*quotes.ClaimList, error) {
	q := url.Values{}
	for k, v := range map[string]string{"q": req.Query, "speaker": req.Speaker, "side": req.Side, "verdict": req.Verdict} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if req.All {
		q.Set("all", "true")
	}
	if req.Offset > 0 {
		q.Set("offset", strconv.Itoa(req.Offset))
	}
	if req.Size > 0 {
		q.Set("size", strconv.Itoa(req.Size))
	}
	var out quotes.ClaimList
	if err := c.do(ctx, http.MethodGet, "/api/claims", q, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Check checks a claim through GET /api/check.
func (c *Client) Check(ctx context.Context, claim string) (*quotes.CheckResult, error) {
	var out claimDetail
	if err := c.do(ctx, http.MethodGet, "/api/check", url.Values{"claim": {claim}}, nil, &out); err != nil {
		return nil, err
	}
	return &quotes.CheckResult{Claim: out.Claim, Found: out.Found}, nil
}

// Correct makes a correction through POST /api/corrections.
func (c *Client) Correct(ctx context.Context, req quotes.CorrectionRequest) (*quotes.Correction, error) {
	var out quotes.Correction
	if err := c.do(ctx, http.MethodPost, "/api/corrections", nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Corrections reads the audit log through GET /api/corrections.
func (c *Client) Corrections(ctx context.Context, articleID string, limit int) ([]quotes.Correction, error) {
	q := url.Values{}
	if articleID != "" {
		q.Set("article", articleID)
	}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	var out []quotes.Correction
	if err := c.do(ctx, http.MethodGet, "/api/corrections", q, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// Ready reports whether the server answers /readyz with 200.
func (c *Client) Ready(ctx context.Context) error {
	err := c.do(ctx, http.MethodGet, "/readyz", nil, nil, nil)
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("the server at %s is not ready: %w", c.BaseURL, err)
	}
	return err
}

// Backup asks the server to back its data directory up into dir, on its
// machine, and decodes the answer into out.
func (c *Client) Backup(ctx context.Context, dir string, out any) error {
	return c.do(ctx, http.MethodPost, "/api/admin/backup", nil, map[string]string{"dir": dir}, out)
}

// Verify asks the server to check its quote index against its store, and
// to repair it when repair is set, and decodes the report into out.
func (c *Client) Verify(ctx context.Context, repair bool, out any) error {
	q := url.Values{}
	if repair {
		q.Set("repair", "true")
	}
	return c.do(ctx, http.MethodPost, "/api/admin/verify", q, struct{}{}, out)
}
