package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	quotes "github.com/quotesproject/quotes"
)

// StdinName is the name Walk gives to standard input ("-").
const StdinName = "stdin"

// format is a kind of input Parse knows.
type format int

const (
	formatUnknown format = iota
	formatText
	formatHTML
	formatJSONL
	formatJSON
	formatFeed
)

// extensions maps the known file extensions (lower case) to their format.
var extensions = map[string]format{
	".txt":    formatText,
	".text":   formatText,
	".md":     formatText,
	".html":   formatHTML,
	".htm":    formatHTML,
	".jsonl":  formatJSONL,
	".ndjson": formatJSONL,
	".json":   formatJSON,
	".xml":    formatFeed,
	".rss":    formatFeed,
	".atom":   formatFeed,
}

// Known reports whether name has one of the extensions Parse knows; Walk
// reads only such files from folders.
func Known(name string) bool {
	_, ok := extensions[strings.ToLower(filepath.Ext(name))]
	return ok
}

// sniffLen is how many bytes Parse looks at to guess a format.
const sniffLen = 1024

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// sniff guesses the format of an input from its first bytes.
func sniff(head []byte) format {
	head = bytes.TrimPrefix(head, utf8BOM)
	head = bytes.TrimLeft(head, " \t\r\n\f\v")
	switch {
	case len(head) == 0:
		return formatText
	case head[0] == '{':
		return formatJSONL
	case head[0] == '[':
		return formatJSON
	}
	if head[0] != '<' {
		return formatText
	}
	lower := bytes.ToLower(head)
	switch {
	case bytes.HasPrefix(lower, []byte("<rss")),
		bytes.HasPrefix(lower, []byte("<feed")),
		bytes.HasPrefix(lower, []byte("<rdf:rdf")):
		return formatFeed
	case bytes.HasPrefix(lower, []byte("<html")),
		bytes.HasPrefix(lower, []byte("<!doctype html")):
		return formatHTML
	case bytes.HasPrefix(lower, []byte("<?xml")):
		if bytes.Contains(lower, []byte("<html")) {
			return formatHTML
		}
		if bytes.Contains(lower, []byte("<rss")) || bytes.Contains(lower, []byte("<feed")) ||
			bytes.Contains(lower, []byte("<rdf:rdf")) {
			return formatFeed
		}
	}
	return formatText
}

// Parse reads the articles in one input. name is the file name: its
// extension chooses the format (.txt .text .md: plain text; .html .htm:
// HTML; .jsonl .ndjson: JSON lines; .json: one article object or an array
// of them; .xml .rss .atom: an RSS or Atom feed), else the content does (a
// leading '{' is JSON lines, '[' JSON, <rss, <feed or <?xml with a feed in
// it a feed, <html or <!doctype html HTML, anything else plain text). The
// name is also the id of a plain-text article (its base name without
// extension) and is named in errors.
//
// Parse returns the articles it could read. When some parts of the input
// are bad (lines of JSON lines, elements of a JSON array, items of a feed
// without text) it returns the good articles and a *LineErrors naming each
// bad part. An input that cannot be read at all gives no articles and an
// error naming the input and the problem.
func Parse(name string, r io.Reader) ([]quotes.Article, error) {
	return ParseLimited(name, r, Limits{})
}

// ParseLimited is Parse within the bounds of lim: binary input is refused
// whole, an article over lim.MaxArticleBytes and the items of a feed past
// lim.MaxFeedItems are left out, each with an error; the rest is read.
func ParseLimited(name string, r io.Reader, lim Limits) ([]quotes.Article, error) {
	var arts []quotes.Article
	err := Stream(name, r, lim, func(a quotes.Article) error {
		arts = append(arts, a)
		return nil
	})
	return arts, err
}

// stopped carries the error of Stream's emit out of the parsers, so that
// it is told apart from the input's problems.
type stopped struct{ err error }

func (s stopped) Error() string { return s.err.Error() }

// Stream is ParseLimited article by article: it calls emit with each
// article as soon as it is read, and returns the input's problems as
// ParseLimited does, or the first error emit returns, which stops it.
// JSON lines are read a line at a time, so that an input of any size is
// read in flat memory; the other formats are read whole, one article or
// one feed being small.
func Stream(name string, r io.Reader, lim Limits, emit func(quotes.Article) error) error {
	lim = lim.orDefaults()
	f := extensions[strings.ToLower(filepath.Ext(name))]
	br := bufio.NewReaderSize(r, 64<<10)
	head, perr := br.Peek(sniffLen)
	if perr != nil && !errors.Is(perr, io.EOF) && !errors.Is(perr, bufio.ErrBufferFull) {
		return fmt.Errorf("%s: %w", name, perr)
	}
	if isBinary(head) {
		return fmt.Errorf("%s: %w", name, errBinary)
	}
	if f == formatUnknown {
		f = sniff(head)
	}
	bad := &LineErrors{Name: name}
	i := 0
	each := func(a quotes.Article) error {
		i++
		normalize(&a)
		if len(a.Text) > lim.MaxArticleBytes {
			bad.add(&LineError{Name: name, Line: i, Item: fmt.Sprintf("article %q", a.ID), Err: tooLong(len(a.Text), lim.MaxArticleBytes)})
			return nil
		}
		if err := emit(a); err != nil {
			return stopped{err}
		}
		return nil
	}
	var err error
	if f == formatJSONL {
		err = parseJSONL(name, br, lim, each)
	} else {
		var arts []quotes.Article
		switch f {
		case formatJSON:
			arts, err = parseJSON(name, br)
		case formatHTML:
			arts, err = parseHTML(name, br)
		case formatFeed:
			arts, err = parseFeed(name, br, lim.MaxFeedItems)
		default:
			arts, err = parseText(name, br)
		}
		for _, a := range arts {
			if eerr := each(a); eerr != nil {
				return eerr.(stopped).err
			}
		}
	}
	if s, ok := err.(stopped); ok {
		return s.err
	}
	var le *LineErrors
	switch {
	case len(bad.Errs) == 0:
	case err == nil:
		err = bad
	case errors.As(err, &le):
		le.Errs = append(le.Errs, bad.Errs...)
	default:
		err = errors.Join(err, bad)
	}
	return err
}

// normalize makes an article's text and metadata valid UTF-8 and gives it
// its id.
func normalize(a *quotes.Article) {
	a.Text = strings.ToValidUTF8(a.Text, "\uFFFD")
	a.Title = strings.ToValidUTF8(a.Title, "\uFFFD")
	a.Outlet = strings.ToValidUTF8(a.Outlet, "\uFFFD")
	a.URL = strings.ToValidUTF8(a.URL, "\uFFFD")
	a.ID = strings.ToValidUTF8(a.ID, "\uFFFD")
	a.NormalizeID()
}

// baseID is the id of an article named after its file: the base name
// without extension.
// Text read from standard input has no name of its own: it gets no id
// here, and NormalizeID later gives it a hash of its text, so that two
// different texts piped in do not replace each other.
func baseID(name string) string {
	if name == StdinName {
		return ""
	}
	base := filepath.Base(name)
	if id := strings.TrimSuffix(base, filepath.Ext(base)); id != "" {
		return id
	}
	return base
}

// readAll reads an input whole, naming it in the error.
func readAll(name string, r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

// LineError is one bad part of an input: a line of JSON lines, an element
// of a JSON array or an item of a feed.
type LineError struct {
	// Name is the input's name.
	Name string
	// Line is the 1-based line number, or element or item number (see
	// Item).
	Line int
	// Item, when set, describes the part that is not a line ("item 3",
	// "element 2").
	Item string
	// Err is the problem.
	Err error
}

// Error returns "name:line: problem", or "name: item: problem".
func (e *LineError) Error() string {
	if e.Item != "" {
		return fmt.Sprintf("%s: %s: %v", e.Name, e.Item, e.Err)
	}
	return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err)
}

// Unwrap returns the problem.
func (e *LineError) Unwrap() error { return e.Err }

// LineErrors lists the bad parts of one input whose other parts were read.
type LineErrors struct {
	// Name is the input's name.
	Name string
	// Errs are the bad parts, in input order.
	Errs []*LineError
}

// maxShown is how many bad parts LineErrors.Error lists before summing up.
const maxShown = 10

// Error lists the bad parts, one a line, up to ten of them.
func (e *LineErrors) Error() string {
	var b strings.Builder
	for i, le := range e.Errs {
		if i == maxShown {
			fmt.Fprintf(&b, "\n%s: and %d more bad lines", e.Name, len(e.Errs)-maxShown)
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(le.Error())
	}
	return b.String()
}

// Unwrap returns the bad parts' errors.
func (e *LineErrors) Unwrap() []error {
	errs := make([]error, len(e.Errs))
	for i, le := range e.Errs {
		errs[i] = le
	}
	return errs
}

// add records one bad part.
func (e *LineErrors) add(le *LineError) { e.Errs = append(e.Errs, le) }

// err returns e, or nil when nothing was bad.
func (e *LineErrors) err() error {
	if e == nil || len(e.Errs) == 0 {
		return nil
	}
	return e
}

// errNoText is the problem of an article without text.
var errNoText = errors.New("article has no text")
