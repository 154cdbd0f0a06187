package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	quotes "github.com/quotesproject/quotes"
)

// Suffixes of the gold files Load reads.
const (
	suffixJSONL = ".jsonl"
	suffixGold  = ".gold.json"
)

// docJSON is a gold document on the wire.
type docJSON struct {
	ID        string         `json:"id"`
	Source    string         `json:"source"`
	Outlet    string         `json:"outlet"`
	Published string         `json:"published"`
	Title     string         `json:"title"`
	Text      *string        `json:"text"`
	Quotes    []goldJSON     `json:"quotes"`
	NotQuotes []notQuoteJSON `json:"not_quotes"`
}

// goldJSON is a gold quote on the wire; pointers tell missing fields.
type goldJSON struct {
	Quote          *string  `json:"quote"`
	Start          *int     `json:"start"`
	End            *int     `json:"end"`
	Kind           string   `json:"kind"`
	Speaker        string   `json:"speaker"`
	Speakers       []string `json:"speakers"`
	SpeakerMention string   `json:"speaker_mention"`
	SpeakerStart   int      `json:"speaker_start"`
	SpeakerEnd     int      `json:"speaker_end"`
	Cue            string   `json:"cue"`
	CueStart       int      `json:"cue_start"`
	CueEnd         int      `json:"cue_end"`
	Speech         *bool    `json:"speech"`
	NoSource       bool     `json:"no_source"`
}

// notQuoteJSON is a span marked as not a quote, on the wire.
type notQuoteJSON struct {
	Text  *string `json:"text"`
	Start *int    `json:"start"`
	End   *int    `json:"end"`
	Why   string  `json:"why"`
}

// Load reads the gold documents of path: a JSON-lines file (.jsonl), a
// single-document file (NAME.gold.json, with its text in NAME.txt), or a
// folder, read recursively for files of both kinds in name order. Errors
// name the file, the line of a JSON-lines file and the quote at fault.
func Load(path string) ([]Doc, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return loadFile(path)
	}
	var files []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && isGoldFile(p) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no gold files (*%s, *%s) in the folder", path, suffixJSONL, suffixGold)
	}
	sort.Strings(files)
	var docs []Doc
	for _, f := range files {
		ds, err := loadFile(f)
		if err != nil {
			return nil, err
		}
		docs = append(docs, ds...)
	}
	return docs, nil
}

// isGoldFile reports whether the name is that of a gold file.
func isGoldFile(name string) bool {
	n := strings.ToLower(name)
	return strings.HasSuffix(n, suffixJSONL) || strings.HasSuffix(n, suffixGold)
}

// loadFile reads one gold file, by its suffix.
func loadFile(path string) ([]Doc, error) {
	n := strings.ToLower(path)
	switch {
	case strings.HasSuffix(n, suffixJSONL):
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return readJSONL(f, path)
	case strings.HasSuffix(n, suffixGold):
		d, err := loadGoldJSON(path)
		if err != nil {
			return nil, err
		}
		return []Doc{d}, nil
	}
	return nil, fmt.Errorf("%s: not a gold file (want NAME%s or NAME%s)", path, suffixJSONL, suffixGold)
}

// readJSONL reads gold documents, one JSON object a line, from r; name is
// the file's name in errors and in Doc.File. Blank lines are skipped.
func readJSONL(r io.Reader, name string) ([]Doc, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	var docs []Doc
	for line := 1; ; line++ {
		b, rerr := br.ReadBytes('\n')
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return nil, fmt.Errorf("%s:%d: read: %w", name, line, rerr)
		}
		if len(bytes.TrimSpace(b)) > 0 {
			var w docJSON
			if err := json.Unmarshal(b, &w); err != nil {
				return nil, fmt.Errorf("%s:%d: bad JSON: %w", name, line, err)
			}
			if w.Text == nil {
				return nil, fmt.Errorf("%s:%d: document %q has no \"text\"", name, line, w.ID)
			}
			if w.ID == "" {
				w.ID = fmt.Sprintf("%s:%d", filepath.Base(name), line)
			}
			d, err := newDoc(w, *w.Text, w.Outlet)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: document %q: %w", name, line, w.ID, err)
			}
			d.File, d.Line = name, line
			docs = append(docs, d)
		}
		if rerr != nil {
			return docs, nil
		}
	}
}

// loadGoldJSON reads a NAME.gold.json file and its text, NAME.txt.
func loadGoldJSON(path string) (Doc, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Doc{}, err
	}
	var w docJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return Doc{}, fmt.Errorf("%s: bad JSON: %w", path, err)
	}
	stem := path[:len(path)-len(suffixGold)]
	text := ""
	if w.Text != nil {
		text = *w.Text
	} else {
		tb, err := os.ReadFile(stem + ".txt")
		if err != nil {
			return Doc{}, fmt.Errorf("%s: read the article text (the sibling %s): %w", path, filepath.Base(stem)+".txt", err)
		}
		text = string(tb)
	}
	if w.ID == "" {
		w.ID = filepath.Base(stem)
	}
	outlet := w.Outlet
	if outlet == "" {
		outlet = w.Source
	}
	d, err := newDoc(w, text, outlet)
	if err != nil {
		return Doc{}, fmt.Errorf("%s: %w", path, err)
	}
	d.File = path
	return d, nil
}

// newDoc checks a document read from the wire and converts it.
func newDoc(w docJSON, text, outlet string) (Doc, error) {
	d := Doc{ID: w.ID, Outlet: outlet, Title: w.Title, Published: w.Published, Text: text}
	if strings.TrimSpace(w.Published) != "" {
		if _, err := quotes.ParseTime(w.Published); err != nil {
			return Doc{}, fmt.Errorf("published: %w", err)
		}
	}
	d.Gold = make([]Gold, 0, len(w.Quotes))
	for i, q := range w.Quotes {
		g, err := newGold(q, text)
		if err != nil {
			return Doc{}, fmt.Errorf("quote %d: %w", i+1, err)
		}
		d.Gold = append(d.Gold, g)
	}
	for i, n := range w.NotQuotes {
		s, e, err := checkSpan("", n.Start, n.End, len(text))
		if err != nil {
			return Doc{}, fmt.Errorf("not_quote %d: %w", i+1, err)
		}
		if n.Text != nil && *n.Text != text[s:e] {
			return Doc{}, fmt.Errorf("not_quote %d: text[%d:%d] is %s, not the given text %s (offsets must be UTF-8 bytes)",
				i+1, s, e, clip(text[s:e]), clip(*n.Text))
		}
		d.NotQuotes = append(d.NotQuotes, NotQuote{Text: text[s:e], Start: s, End: e, Why: n.Why})
	}
	return d, nil
}

// newGold checks a gold quote read from the wire and converts it.
func newGold(q goldJSON, text string) (Gold, error) {
	s, e, err := checkSpan("", q.Start, q.End, len(text))
	if err != nil {
		return Gold{}, err
	}
	if q.Kind == "" {
		return Gold{}, errors.New(`no "kind"`)
	}
	if q.Quote != nil && *q.Quote != text[s:e] {
		return Gold{}, fmt.Errorf("text[%d:%d] is %s, not the quote %s (offsets must be UTF-8 bytes)",
			s, e, clip(text[s:e]), clip(*q.Quote))
	}
	if q.SpeakerEnd > q.SpeakerStart || q.SpeakerStart != 0 {
		if _, _, err := checkSpan("speaker_", &q.SpeakerStart, &q.SpeakerEnd, len(text)); err != nil {
			return Gold{}, err
		}
	}
	if q.CueEnd > q.CueStart || q.CueStart != 0 {
		if _, _, err := checkSpan("cue_", &q.CueStart, &q.CueEnd, len(text)); err != nil {
			return Gold{}, err
		}
	}
	return Gold{
		Text:           text[s:e],
		Start:          s,
		End:            e,
		Kind:           q.Kind,
		Speaker:        q.Speaker,
		Speakers:       q.Speakers,
		SpeakerMention: q.SpeakerMention,
		SpeakerStart:   q.SpeakerStart,
		SpeakerEnd:     q.SpeakerEnd,
		Cue:            q.Cue,
		CueStart:       q.CueStart,
		CueEnd:         q.CueEnd,
		Speech:         q.Speech == nil || *q.Speech,
		NoSource:       q.NoSource,
	}, nil
}

// checkSpan checks that prefix+"start" and prefix+"end" are given and that
// 0 <= start <= end <= n.
func checkSpan(prefix string, start, end *int, n int) (int, int, error) {
	switch {
	case start == nil:
		return 0, 0, fmt.Errorf("no %q", prefix+"start")
	case end == nil:
		return 0, 0, fmt.Errorf("no %q", prefix+"end")
	case *start < 0:
		return 0, 0, fmt.Errorf("%sstart %d is negative", prefix, *start)
	case *end < *start:
		return 0, 0, fmt.Errorf("%send %d is before %sstart %d", prefix, *end, prefix, *start)
	case *end > n:
		return 0, 0, fmt.Errorf("%send %d is beyond the text (%d bytes)", prefix, *end, n)
	}
	return *start, *end, nil
}

// clip quotes s for an error message, shortened to about 40 bytes.
func clip(s string) string {
	const n = 40
	if len(s) > n {
		i := n
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i] + "…"
	}
	return fmt.Sprintf("%q", s)
}
