package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Defaults of Limits: a news article is a few tens of kilobytes, and a
// feed a few hundred items; extraction of a 1 MB article takes about half
// a second (BenchmarkExtractLength in package extract).
const (
	DefaultMaxArticleBytes = 1 << 20
	DefaultMaxFeedItems    = 5000
)

// Limits bounds what one input may hand to the rest of the pipeline. The
// zero value means the defaults.
type Limits struct {
	// MaxArticleBytes is the most text one article may have; a longer
	// one is left out with an error naming it and the limit.
	MaxArticleBytes int
	// MaxFeedItems is the most items read from one feed; the rest are
	// left out with one error saying how many.
	MaxFeedItems int
}

// orDefaults returns l with its zero fields set to the defaults.
func (l Limits) orDefaults() Limits {
	if l.MaxArticleBytes <= 0 {
		l.MaxArticleBytes = DefaultMaxArticleBytes
	}
	if l.MaxFeedItems <= 0 {
		l.MaxFeedItems = DefaultMaxFeedItems
	}
	return l
}

// errBinary is the problem of an input that is no text at all.
var errBinary = errors.New("binary data (a NUL byte near the start): not text, HTML, JSON or a feed")

// isBinary reports whether the head of an input holds a NUL byte, which no
// text, HTML, JSON or feed has: an image, a PDF, an archive.
func isBinary(head []byte) bool {
	return bytes.IndexByte(head, 0) >= 0
}

// tooLong is the error of an article longer than the limit.
func tooLong(n, limit int) error {
	return fmt.Errorf("article text is %d bytes; the limit is %d (--max-article-bytes)", n, limit)
}

// readLine reads one line of br, without holding more than max bytes of
// it: a longer line is read to its end and dropped, and its length
// returned with long set.
func readLine(br *bufio.Reader, max int) (line []byte, n int, long bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		n += len(chunk)
		if !long {
			if len(line)+len(chunk) > max {
				long, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if errors.Is(err, io.EOF) && n > 0 {
			return line, n, long, io.EOF
		}
		return line, n, long, err
	}
}
