package source

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	quotes "github.com/quotesproject/quotes"
)

// parseText reads a plain-text article: its id is the file's base name
// without extension and its text the content as it is, but for \r\n line
// endings made \n and a leading byte-order mark dropped, so that offsets
// into the text are offsets into the file's lines.
func parseText(name string, r io.Reader) ([]quotes.Article, error) {
	b, err := readAll(name, r)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, utf8BOM)
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("%s: %w", name, errNoText)
	}
	return []quotes.Article{{ID: baseID(name), Text: text}}, nil
}
