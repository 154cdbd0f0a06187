package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	quotes "github.com/quotesproject/quotes"
)

// parseJSONL reads JSON lines: one article object a line, blank lines
// skipped. Lines may be many megabytes long. A bad line (not JSON, not an
// article, or an article without text) is recorded in the returned
// *LineErrors and the other lines are kept. Each article is handed to emit
// as its line is read; an error from emit stops the reading and is
// returned as it is.
func parseJSONL(name string, r io.Reader, lim Limits, emit func(quotes.Article) error) error {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	bad := &LineErrors{Name: name}
	// A line holds the text JSON-escaped, with room for the metadata: one
	// longer than this is an article over the limit, and is not kept
	// whole in memory to find out.
	maxLine := 2*lim.MaxArticleBytes + 64<<10
	for n := 1; ; n++ {
		line, size, long, err := readLine(br, maxLine)
		if long {
			bad.add(&LineError{Name: name, Line: n, Err: tooLong(size, lim.MaxArticleBytes)})
			line = nil
		}
		if len(line) > 0 {
			if n == 1 {
				line = bytes.TrimPrefix(line, utf8BOM)
			}
			if line = bytes.TrimSpace(line); len(line) > 0 {
				a, lerr := decodeArticle(line)
				if lerr != nil {
					bad.add(&LineError{Name: name, Line: n, Err: lerr})
				} else if err := emit(a); err != nil {
					return err
				}
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return errors.Join(bad.err(), fmt.Errorf("%s:%d: %w", name, n, err))
		}
	}
	return bad.err()
}

// decodeArticle reads one article object and checks that it has text.
func decodeArticle(b []byte) (quotes.Article, error) {
	var a quotes.Article
	if err := json.Unmarshal(b, &a); err != nil {
		return a, jsonProblem(err)
	}
	if strings.TrimSpace(a.Text) == "" {
		return a, errNoText
	}
	return a, nil
}

// jsonProblem words a JSON decoding error for a person.
func jsonProblem(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field == "" {
		return fmt.Errorf("want an article object, not a JSON %s", te.Value)
	}
	return err
}

// parseJSON reads a .json file: one article object, an array of them, or
// several such values one after the other. A bad element of an array is
// recorded in the returned *LineErrors (named by its line) and the other
// elements are kept; malformed JSON stops the reading.
func parseJSON(name string, r io.Reader) ([]quotes.Article, error) {
	b, err := readAll(name, r)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, utf8BOM)
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fmt.Errorf("%s: %w", name, errNoText)
	}
	var (
		arts []quotes.Article
		bad  = &LineErrors{Name: name}
		dec  = json.NewDecoder(bytes.NewReader(b))
	)
	// fail stops the reading at a malformed value.
	fail := func(off int64, err error) ([]quotes.Article, error) {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = se.Offset
		}
		return arts, errors.Join(bad.err(), fmt.Errorf("%s:%d: %w", name, lineAt(b, off), err))
	}
	// one reads one value that should be an article.
	one := func() error {
		off := skipJSONSpace(b, dec.InputOffset())
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return err
		}
		if a, err := decodeArticle(v); err != nil {
			bad.add(&LineError{Name: name, Line: lineAt(b, off), Err: err})
		} else {
			arts = append(arts, a)
		}
		return nil
	}
	for {
		off := skipJSONSpace(b, dec.InputOffset())
		if off >= int64(len(b)) {
			break
		}
		if b[off] != '[' {
			if err := one(); err != nil {
				return fail(off, err)
			}
			continue
		}
		if _, err := dec.Token(); err != nil { // [
			return fail(off, err)
		}
		for dec.More() {
			if err := one(); err != nil {
				return fail(dec.InputOffset(), err)
			}
		}
		if _, err := dec.Token(); err != nil { // ]
			return fail(dec.InputOffset(), err)
		}
	}
	return arts, bad.err()
}

// skipJSONSpace returns the offset of the first byte at or after off that
// is neither JSON white space nor a comma between values.
func skipJSONSpace(b []byte, off int64) int64 {
	for off < int64(len(b)) {
		switch b[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// lineAt returns the 1-based line of the byte at offset off of b.
func lineAt(b []byte, off int64) int {
	off = max(0, min(off, int64(len(b))))
	return bytes.Count(b[:off], []byte{'\n'}) + 1
}
