// Package quotes holds the domain of the quotes service: the articles it
// reads, the attributed quotes it extracts from them, the search requests and
// results over those quotes, the claims tracked across them with their
// stances and verdicts, and the application errors every layer speaks.
//
// The packages around it each wrap one dependency or one job:
//
//   - extract finds quotes and their speakers in an article's text (prose);
//   - source reads articles from plain text, HTML, JSON lines and feeds;
//   - index keeps articles durably and indexes their quotes (bbolt, bleve);
//   - claims groups statements into claims, reads stances and verdicts;
//   - server serves search over HTTP (gorilla/mux);
//   - cmd/quotes wires them into one binary.
//
// Data flows one way: extract knows nothing of storage, index nothing of
// HTTP, and only cmd/quotes knows every package.
package quotes

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Kind tells how a quote is given in the article.
type Kind string

// The kinds of quote the extractor reports.
const (
	// KindDirect is speech inside quotation marks, given as said.
	KindDirect Kind = "direct"
	// KindPartial is a quoted word or phrase inside reported speech
	// (accused Sheinbaum of being “afraid”).
	KindPartial Kind = "partial"
	// KindIndirect is reported speech: the clause after "X said (that)".
	KindIndirect Kind = "indirect"
	// KindBelief is a reported belief, finding or expectation ("Trump
	// believes …", "polls show …"): a statement a source holds but did not
	// say. Quote search leaves beliefs out unless asked for them; the claim
	// tracker reads them as assertions.
	KindBelief Kind = "belief"
)

// Kinds lists the known kinds, speech first.
var Kinds = []Kind{KindDirect, KindPartial, KindIndirect, KindBelief}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// KindList returns the known kinds for messages: "direct, partial,
// indirect or belief".
func KindList() string {
	var b strings.Builder
	for i, k := range Kinds {
		switch {
		case i == len(Kinds)-1:
			b.WriteString(" or ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(string(k))
	}
	return b.String()
}

// Article is one news article as the service keeps it: the source of truth
// from which quotes and the index are derived.
type Article struct {
	// ID is stable: given by the caller, or derived by NormalizeID from the
	// URL, else from the text.
	ID        string    `json:"id"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Outlet    string    `json:"outlet,omitempty"`
	Published time.Time `json:"published,omitzero"`
	// Text is the article body; quote offsets are UTF-8 byte offsets into it.
	Text string `json:"text"`
}

// articleJSON is Article's wire form, with the published time as a string so
// that dates in several layouts are accepted.
type articleJSON struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text"`
}

// UnmarshalJSON reads an article, accepting the published time as RFC 3339,
// a plain date (2025-05-19) or the other layouts ParseTime knows.
func (a *Article) UnmarshalJSON(b []byte) error {
	var w articleJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*a = Article{ID: w.ID, URL: w.URL, Title: w.Title, Outlet: w.Outlet, Text: w.Text}
	if strings.TrimSpace(w.Published) != "" {
		t, err := ParseTime(w.Published)
		if err != nil {
			return fmt.Errorf("published: %w", err)
		}
		a.Published = t
	}
	return nil
}

// NormalizeID gives the article its stable id when it has none: a hash of
// its URL, else of its text.
func (a *Article) NormalizeID() {
	a.ID = strings.TrimSpace(a.ID)
	if a.ID != "" {
		return
	}
	if u := strings.TrimSpace(a.URL); u != "" {
		a.ID = "u" + shortHash(u)
		return
	}
	a.ID = "t" + shortHash(a.Text)
}

// Validate reports, as an EINVALID error, what makes the article unusable.
func (a *Article) Validate() error {
	switch {
	case strings.TrimSpace(a.Text) == "":
		return Errorf(EINVALID, "article %q has no text", a.ID)
	case len(a.ID) > 512:
		return Errorf(EINVALID, "article id is longer than 512 bytes")
	}
	return nil
}

// Quote is one attributed statement found in an article.
type Quote struct {
	// ID is stable across re-ingest of the same article (see QuoteID).
	ID        string `json:"id"`
	ArticleID string `json:"article_id"`
	// Text is the quoted text, without its quotation marks.
	Text string `json:"quote"`
	// Start and End are UTF-8 byte offsets of Text in the article's text.
	Start int  `json:"start"`
	End   int  `json:"end"`
	Kind  Kind `json:"kind"`
	// Speaker is the canonical name the article gives in full ("Claudia
	// Sheinbaum"), with pronouns and descriptions resolved; empty when the
	// quote has no source.
	Speaker string `json:"speaker"`
	// Speakers lists every speaker when one quote is attributed to several
	// ("Both Sheinbaum and Trump described ..."); Speaker is the first.
	Speakers []string `json:"speakers,omitempty"`
	// Confidence is how likely Speaker is right, from 0 (no speaker) to
	// 1: measured on gold with resolved names, attributions given 0.9 or
	// more are right at least 95 times in 100 (see the extract package).
	Confidence float64 `json:"confidence"`
	// SpeakerMention is the mention actually attached to the quote ("she",
	// "the president", "Sheinbaum"), at SpeakerStart:SpeakerEnd.
	SpeakerMention string `json:"speaker_mention"`
	SpeakerStart   int    `json:"speaker_start,omitempty"`
	SpeakerEnd     int    `json:"speaker_end,omitempty"`
	// Cue is the verb or phrase of saying ("said", "according to"), at
	// CueStart:CueEnd.
	Cue      string `json:"cue"`
	CueStart int    `json:"cue_start,omitempty"`
	CueEnd   int    `json:"cue_end,omitempty"`
	// Role is the speaker's role or affiliation as the article gives it
	// ("Mexican President").
	Role string `json:"role"`
	// Sentence is the sentence around the quote.
	Sentence string `json:"sentence,omitempty"`

	// The article's metadata, copied so that a quote stands on its own.
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Outlet    string    `json:"outlet,omitempty"`
	Published time.Time `json:"published,omitzero"`

	// Corrected is set when an editor corrected the quote.
	Corrected *Corrected `json:"corrected,omitempty"`

	// Appearances is how many times the quote appeared (in other
	// articles, outlets, wire copies), itself included; set on search
	// hits, exports and Quote when known, 0 otherwise.
	Appearances int `json:"appearances,omitempty"`
	// First is the quote's first appearance (earliest published) when
	// it appeared more than once.
	First *Appearance `json:"first_appearance,omitempty"`
}

// Appearance is one article in which a quote appeared: the same words
// from the same speaker (see SearchRequest.Appearances).
type Appearance struct {
	QuoteID   string    `json:"quote_id"`
	ArticleID string    `json:"article_id"`
	Outlet    string    `json:"outlet,omitempty"`
	Published time.Time `json:"published,omitzero"`
	// URL and Title are the article's, filled in where a page lists
	// the appearances.
	URL   string `json:"url,omitempty"`
	Title string `json:"title,omitempty"`
	// First marks the first appearance, the one search shows.
	First bool `json:"first,omitempty"`
}

// Corrected marks a quote an editor corrected: what was changed, by whom,
// when and why (the latest correction; the audit log keeps them all).
type Corrected struct {
	// Fields lists what was changed: "speaker", "kind", "span".
	Fields []string  `json:"fields"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason"`
}

// CorrectionAction is what a correction does.
type CorrectionAction string

// The corrections an editor can make.
const (
	// CorrectQuote changes a quote's speaker, kind or span.
	CorrectQuote CorrectionAction = "correct"
	// HideQuote takes a quote out of search, pages, claims and widgets.
	HideQuote CorrectionAction = "hide"
	// ShowQuote undoes HideQuote.
	ShowQuote CorrectionAction = "show"
	// DeleteArticle takes an article and its quotes out of the service;
	// ingesting it again is refused until RestoreArticle.
	DeleteArticle CorrectionAction = "delete_article"
	// RestoreArticle brings a deleted article back, its quotes extracted
	// anew and its corrections applied.
	RestoreArticle CorrectionAction = "restore_article"
)

// Bounds of a correction request.
const (
	// MaxQuoteBytes bounds the span an editor may make a quote of.
	MaxQuoteBytes = 20000
	// MaxReasonBytes bounds the reason an editor gives.
	MaxReasonBytes = 2000
	// MaxSpeakerBytes bounds a corrected speaker's name.
	MaxSpeakerBytes = 200
)

// CorrectionRequest is an editor's correction as asked for, before it is
// checked against the stored article.
type CorrectionRequest struct {
	Action CorrectionAction `json:"action"`
	// QuoteID names the quote of CorrectQuote, HideQuote and ShowQuote.
	QuoteID string `json:"quote_id,omitempty"`
	// ArticleID names the article of DeleteArticle and RestoreArticle.
	ArticleID string `json:"article_id,omitempty"`
	// Speaker, when not empty, replaces the quote's speaker (and its
	// co-speakers): the full name as the article gives it.
	Speaker string `json:"speaker,omitempty"`
	// Role, with Speaker, replaces the speaker's role; empty keeps it.
	Role string `json:"role,omitempty"`
	// Kind, when not empty, replaces the quote's kind.
	Kind Kind `json:"kind,omitempty"`
	// Start and End, when both set, replace the quote's span: UTF-8 byte
	// offsets into the article's text.
	Start *int `json:"start,omitempty"`
	End   *int `json:"end,omitempty"`
	// Reason says why, for the audit log; it is required.
	Reason string `json:"reason"`
	// By names who made it: the key's name over the API, the user's
	// login on the command line. Set by the edge, not the caller.
	By string `json:"by,omitempty"`
}

// Validate reports, as an EINVALID error, what makes the request unusable
// before any article is read.
func (r *CorrectionRequest) Validate() error {
	r.Reason = strings.TrimSpace(r.Reason)
	r.Speaker = strings.TrimSpace(r.Speaker)
	r.Role = strings.TrimSpace(r.Role)
	switch {
	case r.Reason == "":
		return Errorf(EINVALID, "a correction needs a reason")
	case len(r.Reason) > MaxReasonBytes:
		return Errorf(EINVALID, "reason: longer than %d bytes", MaxReasonBytes)
	case len(r.Speaker) > MaxSpeakerBytes:
		return Errorf(EINVALID, "speaker: longer than %d bytes", MaxSpeakerBytes)
	case len(r.Role) > MaxSpeakerBytes:
		return Errorf(EINVALID, "role: longer than %d bytes", MaxSpeakerBytes)
	case r.Role != "" && r.Speaker == "":
		return Errorf(EINVALID, "role: give it with the speaker it belongs to")
	case r.Kind != "" && !r.Kind.Valid():
		return Errorf(EINVALID, "kind: %q is not %s", r.Kind, KindList())
	case (r.Start == nil) != (r.End == nil):
		return Errorf(EINVALID, "span: give both start and end")
	case r.Start != nil && (*r.Start < 0 || *r.End <= *r.Start):
		return Errorf(EINVALID, "span: %d:%d is not a span of the text (start ≥ 0 and end > start)", *r.Start, *r.End)
	}
	switch r.Action {
	case CorrectQuote:
		if r.Speaker == "" && r.Kind == "" && r.Start == nil {
			return Errorf(EINVALID, "a correction changes the speaker, the kind or the span: none given")
		}
	case HideQuote, ShowQuote:
		if r.Speaker != "" || r.Kind != "" || r.Start != nil {
			return Errorf(EINVALID, "%s: only a reason goes with it", r.Action)
		}
	case DeleteArticle, RestoreArticle:
		if r.ArticleID == "" {
			return Errorf(EINVALID, "%s: no article id", r.Action)
		}
		if r.QuoteID != "" || r.Speaker != "" || r.Kind != "" || r.Start != nil {
			return Errorf(EINVALID, "%s: only an article id and a reason go with it", r.Action)
		}
		return nil
	default:
		return Errorf(EINVALID, "action: %q is not correct, hide, show, delete_article or restore_article", r.Action)
	}
	if r.QuoteID == "" {
		return Errorf(EINVALID, "%s: no quote id", r.Action)
	}
	return nil
}

// Correction is a correction as kept: the request, checked, with its
// place in the audit log.
type Correction struct {
	// Seq numbers corrections in the order they were made, from 1.
	Seq int64 `json:"seq"`
	CorrectionRequest
	// ArticleID is always set: the quote's article for quote corrections.
	At time.Time `json:"at"`
	// Stale says the quote it names is no longer extracted from its
	// article (the article's text changed): it applies to nothing.
	Stale bool `json:"stale,omitempty"`
}

// CorrectionService keeps editors' corrections. They persist across
// re-ingest and reindex, and every one is listed in an audit log.
type CorrectionService interface {
	// Correct makes the correction and returns it as kept. A quote or
	// article that does not exist is an ENOTFOUND error; a span outside
	// the article's text an EINVALID one.
	Correct(ctx context.Context, req CorrectionRequest) (*Correction, error)
	// Corrections returns up to limit corrections, newest first, of the
	// article with the given id, or of all articles when it is empty.
	Corrections(ctx context.Context, articleID string, limit int) ([]Correction, error)
}

// QuoteID returns the stable id of the occurrence-th quote (from 0) of
// the given kind and text in the article with the given id. The id
// depends on the quote's words, not on where they stand, so re-ingesting
// an edited article keeps the ids, the permalinks and the embedded
// widgets of every quote whose text did not change. Runs of white space
// count as one space.
func QuoteID(articleID string, kind Kind, text string, occurrence int) string {
	return shortHash(fmt.Sprintf("%s\x00%s\x00%s\x00%d", articleID, kind, strings.Join(strings.Fields(text), " "), occurrence))
}

// AssignQuoteIDs gives every quote of qs without an id its QuoteID in the
// article with the given id, counting the occurrences of a kind and text
// in the order of qs. Quotes at the same offset are one occurrence: the
// extractor reports a quote said by two speakers twice, and both keep
// one id.
func AssignQuoteIDs(articleID string, qs []Quote) {
	starts := make(map[string][]int, len(qs))
	for i := range qs {
		q := &qs[i]
		k := string(q.Kind) + "\x00" + strings.Join(strings.Fields(q.Text), " ")
		n := slices.Index(starts[k], q.Start)
		if n < 0 {
			n = len(starts[k])
			starts[k] = append(starts[k], q.Start)
		}
		if q.ID == "" {
			q.ID = QuoteID(articleID, q.Kind, q.Text, n)
		}
	}
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:12])
}

// timeLayouts are the layouts ParseTime accepts, most specific first.
var timeLayouts = []string{
	time.RFC3339Nano,
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"January 2, 2006",
	"Jan 2, 2006",
	"2 January 2006",
}

// ParseTime reads a date or time in the common layouts of article metadata
// and of the search filters: RFC 3339, 2006-01-02 and RFC 1123 among them.
// A time without zone is taken as UTC.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, Errorf(EINVALID, "cannot read %q as a date (want e.g. 2025-05-19 or 2025-05-19T10:00:00Z)", s)
}

// SearchRequest asks for quotes.
type SearchRequest struct {
	// Query is in bleve's query-string syntax (words, "phrases", +must,
	// -not, field:value); empty matches every quote.
	Query string
	// Speaker filters on one speaker, named in any variant the index
	// merges into them ("donald trump", "Donald J. Trump", and "Trump"
	// when no other Trump is quoted), in any case; empty means any.
	Speaker string
	// Outlet filters on the exact outlet; empty means any.
	Outlet string
	// Kind filters on the quote's kind; empty means any kind of speech
	// (beliefs are only returned when asked for by kind).
	Kind Kind
	// ArticleID filters on one article; empty means any.
	ArticleID string
	// MinConfidence keeps only the quotes whose attribution has at least
	// this confidence (0 to 1; see Quote.Confidence): "only attributions
	// we are sure of". 0 means any.
	MinConfidence float64
	// From and To bound the article's published time, inclusive; zero
	// means unbounded.
	From, To time.Time
	// Offset and Size page through the hits. Size 0 means DefaultPageSize;
	// sizes above MaxPageSize are capped.
	Offset, Size int
	// After is a cursor from SearchResult.Next: the page starts after the
	// hit it was made from, however deep, so that paging goes past any
	// offset limit. Offset must then be 0, and the other fields those of
	// the search that made it.
	After string
	// Sort orders the hits; the zero value is SortRelevance.
	Sort Sort
	// Appearances asks for every appearance of a quote as its own hit.
	// By default a quote carried by several articles (the same words
	// from the same speaker, or a part of a longer quote of theirs) is
	// one hit, and facets count quotes, not copies. A search within one
	// article (ArticleID) lists all of its quotes.
	Appearances bool
}

// Sort is the order of a search's hits.
type Sort string

// The orders a search can be asked for.
const (
	// SortRelevance puts the best matches first, newest first among equals;
	// a search without query words lists the newest quotes first.
	SortRelevance Sort = ""
	// SortNewest puts the most recently published quotes first.
	SortNewest Sort = "newest"
	// SortOldest puts the earliest published quotes first.
	SortOldest Sort = "oldest"
)

// ParseSort reads an order as a client names it: "relevance" (or empty),
// "newest" or "oldest", in any case. Anything else is an EINVALID error.
func ParseSort(s string) (Sort, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "relevance":
		return SortRelevance, nil
	case string(SortNewest):
		return SortNewest, nil
	case string(SortOldest):
		return SortOldest, nil
	}
	return "", Errorf(EINVALID, "sort: %q is not relevance, newest or oldest", s)
}

// Paging limits for SearchRequest.
const (
	DefaultPageSize = 10
	MaxPageSize     = 100
)

// SearchResult is one page of hits for a SearchRequest.
type SearchResult struct {
	// Total is the number of quotes matching, across all pages.
	Total uint64 `json:"total"`
	Hits  []Hit  `json:"hits"`
	// Facets counts the matching quotes by "speaker", "outlet" and "kind";
	// a speaker's variants are counted once, under their canonical name.
	Facets map[string][]FacetCount `json:"facets"`
	// Timeline counts the matching quotes by day or month of publication;
	// nil when none of them has a date.
	Timeline *Timeline     `json:"timeline,omitempty"`
	Took     time.Duration `json:"took_ns"`
	// Next is the cursor of the page after this one (see
	// SearchRequest.After); empty on the last page.
	Next string `json:"next,omitempty"`
}

// Timeline is a histogram of quotes over time: by day when they span at
// most three months, by month when they span at most ten years, else by
// year; at most 120 buckets.
type Timeline struct {
	// Interval is the width of a bucket: "day", "month" or "year" (UTC).
	Interval string `json:"interval"`
	// Buckets run from the first period with a quote to the last, oldest
	// first, with empty periods between them counted as 0. A bucket's
	// Term is the period: "2025-05-19" for a day, "2025-05" for a month,
	// "2025" for a year.
	Buckets []FacetCount `json:"buckets"`
	// Earlier counts the quotes before the first bucket, when the span
	// was too long for all its periods.
	Earlier int `json:"earlier,omitempty"`
}

// Timeline intervals.
const (
	IntervalDay   = "day"
	IntervalMonth = "month"
	IntervalYear  = "year"
)

// Hit is one matching quote.
type Hit struct {
	Quote Quote   `json:"quote"`
	Score float64 `json:"score"`
	// Highlights maps a field ("quote", "sentence") to fragments of it in
	// which the text is HTML-escaped and the matched terms are wrapped in
	// <mark>…</mark>.
	Highlights map[string][]string `json:"highlights,omitempty"`
}

// FacetCount is one term of a facet and the number of quotes having it.
type FacetCount struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// Speaker is one speaker across articles: the variants of a name that the
// index merges into one person ("Donald Trump", "Donald J. Trump", "Mr
// Trump"), under one canonical name.
type Speaker struct {
	// Name is the canonical name: the speaker's most frequent full name.
	Name string `json:"name"`
	// Key is the normalised key the variants share ("donald trump").
	Key string `json:"key"`
	// Variants lists the names the speaker is quoted under, the most
	// frequent first.
	Variants []string `json:"variants"`
	// Candidates lists, for a surname that several speakers share
	// ("Clinton": Bill Clinton, Hillary Clinton), their canonical names;
	// the surname is then a speaker of its own, merged into none of them.
	Candidates []string `json:"candidates,omitempty"`
}

// QuoteService is what the HTTP server needs from the store of quotes.
type QuoteService interface {
	// Search returns one page of quotes matching req.
	Search(ctx context.Context, req SearchRequest) (*SearchResult, error)
	// Quote returns the quote with the given id, or an ENOTFOUND error.
	Quote(ctx context.Context, id string) (*Quote, error)
	// Appearances returns every appearance of the quote with the given
	// id (which may be any of them) in order of publication, the first
	// marked, with each article's URL and title; an ENOTFOUND error when
	// there is no such quote.
	Appearances(ctx context.Context, id string) ([]Appearance, error)
	// Speakers returns up to limit speakers with their quote counts, most
	// quoted first, each under its canonical name.
	Speakers(ctx context.Context, limit int) ([]FacetCount, error)
	// Speaker returns the speaker a name stands for, in any of its
	// variants, or an ENOTFOUND error.
	Speaker(ctx context.Context, name string) (*Speaker, error)
	// Put stores the article and replaces its quotes with qs.
	Put(ctx context.Context, a Article, qs []Quote) error
	// Export calls each with every quote matching req, without a limit,
	// newest first (oldest first when req.Sort is SortOldest); req's
	// Offset, Size and After are ignored. It stops at the first error of
	// each, and returns it.
	Export(ctx context.Context, req SearchRequest, each func(Quote) error) error
}

// Extractor finds the quotes of an article.
type Extractor interface {
	Extract(a Article) []Quote
}

// Application error codes, mapped to exit statuses and HTTP statuses at the
// edges.
const (
	EINVALID  = "invalid"   // bad input from the caller
	ENOTFOUND = "not_found" // no such thing
	ECONFLICT = "conflict"  // the thing is busy or already exists
	EINTERNAL = "internal"  // a failure of ours
	// EUNAUTHORIZED: the caller gave no valid key for a route that needs
	// one.
	EUNAUTHORIZED = "unauthorized"
	// EFORBIDDEN: the request may not be made at all, whatever the key
	// (a write from another site's page).
	EFORBIDDEN = "forbidden"
	// ELIMIT: the request is over one of the service's bounds (query
	// terms, expansions, size, rate).
	ELIMIT = "limit"
	// ETIMEOUT: the request ran out of its time budget.
	ETIMEOUT = "timeout"
	// EDAMAGED: a store on disk is damaged; the message names the file
	// and the command that repairs it.
	EDAMAGED = "damaged"
)

// Error is an application error: a code from the list above and a message
// fit to show to the user.
type Error struct {
	Code    string
	Message string
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or a
// generic message for internal errors, whose details are for the log.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
