package source

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	quotes "github.com/quotesproject/quotes"
)

const sampleHTML = `<!DOCTYPE html>
<html><head><title>Budget fight - The Valley Courier</title>
<link rel="canonical" href="https://courier.example/news/budget-fight">
<meta property="og:site_name" content="The Valley Courier">
<meta property="article:published_time" content="2025-05-19T10:00:00Z">
<style>p { color: red }</style>
<script>var x = "<p>not text</p>";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<p>“We will not back down,” Governor Jane Alvarez said on
   Monday &amp; again on Tuesday.</p>
<p>The <b>legislature</b>, she added, had “no plan” for the deficit.</p>
<blockquote>Tax&nbsp;cuts are not a plan, a spokesman said.</blockquote>
<ul><li>First point</li><li>Second point</li></ul>
</article>
</body></html>`

const sampleRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Courier Politics</title>
<link>https://courier.example/</link>
<item>
  <title>Budget fight</title>
  <link>https://courier.example/news/1</link>
  <pubDate>Mon, 19 May 2025 10:00:00 +0000</pubDate>
  <description><![CDATA[<p>“We will not back down,” Alvarez said.</p><p>Second &amp; last.</p>]]></description>
</item>
<item>
  <title>Empty item</title>
  <link>https://courier.example/news/2</link>
</item>
<item>
  <title>Plain item</title>
  <link>https://courier.example/news/3</link>
  <description>Just words, no markup.</description>
</item>
</channel></rss>`

const sampleAtom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Times</title>
<entry>
  <title>Harbor plan</title>
  <link href="https://atom.example/harbor"/>
  <id>urn:uuid:1</id>
  <updated>2025-06-01T08:00:00Z</updated>
  <content type="html">&lt;p&gt;The mayor said the harbor would reopen.&lt;/p&gt;</content>
</entry>
</feed>`

func TestParse(t *testing.T) {
	day := time.Date(2025, 5, 19, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string // file name given to Parse
		in      string
		want    []quotes.Article // IDs checked only when set
		wantErr string           // substring of the error; "" for none
	}{
		{
			name: "dir/speech.txt",
			in:   "  First line.\r\n\r\n“Quote,” she said.  \n",
			want: []quotes.Article{{ID: "speech", Text: "  First line.\n\n“Quote,” she said.  \n"}},
		},
		{
			name: "notes.md",
			in:   "\ufeffBOM is dropped.\n",
			want: []quotes.Article{{ID: "notes", Text: "BOM is dropped.\n"}},
		},
		{
			name: "bad-utf8.text",
			in:   "caf\xe9 said\n",
			want: []quotes.Article{{ID: "bad-utf8", Text: "caf\uFFFD said\n"}},
		},
		{name: "blank.txt", in: " \n\t\n", wantErr: "blank.txt: article has no text"},
		{
			name: "page.html",
			in:   sampleHTML,
			want: []quotes.Article{{
				URL:       "https://courier.example/news/budget-fight",
				Outlet:    "The Valley Courier",
				Published: day,
				Text: "“We will not back down,” Governor Jane Alvarez said on Monday & again on Tuesday.\n\n" +
					"The legislature, she added, had “no plan” for the deficit.\n\n" +
					"Tax cuts are not a plan, a spokesman said.\n\nFirst point\n\nSecond point",
			}},
		},
		{
			name: "frag.htm",
			in:   `<div><p>Short <i>page</i>.</p><p>Two&#8217;s.</p></div>`,
			want: []quotes.Article{{ID: "frag", Text: "Short page.\n\nTwo’s."}},
		},
		{name: "empty.html", in: `<html><body><script>x()</script></body></html>`, wantErr: "empty.html: page has no readable text"},
		{
			name: "a.jsonl",
			in: `{"id":"a1","url":"https://x.example/1","title":"T","outlet":"O","published":"2025-05-19","text":"One.","extra":1}` + "\n\n" +
				`{"url":"https://x.example/2","text":"Two."}` + "\r\n" +
				`{"text":"Three."}`,
			want: []quotes.Article{
				{ID: "a1", URL: "https://x.example/1", Title: "T", Outlet: "O", Published: time.Date(2025, 5, 19, 0, 0, 0, 0, time.UTC), Text: "One."},
				{URL: "https://x.example/2", Text: "Two."},
				{Text: "Three."},
			},
		},
		{name: "bad.jsonl", in: "{}\n\n xyz\n", wantErr: "bad.jsonl:1: article has no text\nbad.jsonl:3: invalid character 'x' looking for beginning of value"},
		{
			name: "one.json",
			in:   `{"id":"j1","text":"Solo."}`,
			want: []quotes.Article{{ID: "j1", Text: "Solo."}},
		},
		{
			name: "many.json",
			in:   "[\n {\"id\":\"j1\",\"text\":\"A.\"},\n {\"id\":\"j2\",\"text\":\"\"},\n {\"id\":\"j3\",\"text\":\"C.\"}\n]",
			want: []quotes.Article{{ID: "j1", Text: "A."}, {ID: "j3", Text: "C."}},
			// The bad element is named by its line.
			wantErr: "many.json:3: article has no text",
		},
		{name: "broken.json", in: "[\n{\"text\": }", wantErr: "broken.json:2: invalid character '}'"},
		{
			name: "news.rss",
			in:   sampleRSS,
			want: []quotes.Article{
				{URL: "https://courier.example/news/1", Title: "Budget fight", Outlet: "Courier Politics", Published: day,
					Text: "“We will not back down,” Alvarez said.\n\nSecond & last."},
				{URL: "https://courier.example/news/3", Title: "Plain item", Outlet: "Courier Politics", Text: "Just words, no markup."},
			},
			wantErr: `news.rss: item 2 "Empty item": item has no text`,
		},
		{
			name: "times.atom",
			in:   sampleAtom,
			want: []quotes.Article{{URL: "https://atom.example/harbor", Title: "Harbor plan", Outlet: "Atom Times",
				Published: time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC), Text: "The mayor said the harbor would reopen."}},
		},
		{name: "notafeed.xml", in: "<?xml version=\"1.0\"?><note>hi</note>", wantErr: "notafeed.xml: "},
		// No known extension: the content decides.
		{name: "stdin", in: "\n  {\"id\":\"s1\",\"text\":\"Sniffed JSON.\"}\n", want: []quotes.Article{{ID: "s1", Text: "Sniffed JSON."}}},
		{name: "stdin", in: `[{"id":"s2","text":"Sniffed array."}]`, want: []quotes.Article{{ID: "s2", Text: "Sniffed array."}}},
		{name: "stdin", in: sampleAtom, want: []quotes.Article{{URL: "https://atom.example/harbor", Title: "Harbor plan", Outlet: "Atom Times",
			Published: time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC), Text: "The mayor said the harbor would reopen."}}},
		{name: "stdin", in: "<!doctype html><p>Sniffed page.</p>", want: []quotes.Article{{ID: textID("Sniffed page."), Text: "Sniffed page."}}},
		{name: "stdin", in: "Plain <b>text</b>.", want: []quotes.Article{{ID: textID("Plain <b>text</b>."), Text: "Plain <b>text</b>."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.name, strings.NewReader(tt.in))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Parse: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("Parse error = %v, want it to contain %q", err, tt.wantErr)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d articles, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				g := got[i]
				if w.ID == "" {
					n := w
					n.NormalizeID()
					w.ID = n.ID
				}
				if g.ID != w.ID || g.URL != w.URL || g.Outlet != w.Outlet || g.Text != w.Text || !g.Published.Equal(w.Published) {
					t.Errorf("article %d =\n%+v\nwant\n%+v", i, g, w)
				}
				if w.Title != "" && g.Title != w.Title {
					t.Errorf("article %d title = %q, want %q", i, g.Title, w.Title)
				}
			}
		})
	}
}

func TestParseHTMLTitle(t *testing.T) {
	arts, err := Parse("page.html", strings.NewReader(sampleHTML))
	if err != nil || len(arts) != 1 {
		t.Fatalf("Parse = %v, %v", arts, err)
	}
	if !strings.Contains(arts[0].Title, "Budget fight") {
		t.Errorf("title = %q, want the page's title", arts[0].Title)
	}
	if strings.Contains(arts[0].Text, "not text") || strings.Contains(arts[0].Text, "Home") {
		t.Errorf("text has script or navigation: %q", arts[0].Text)
	}
}

func TestParseJSONLBadLineInMiddle(t *testing.T) {
	in := `{"id":"a","text":"Alpha."}` + "\n" +
		`{"id":"b","text":` + "\n" +
		`{"id":"c","text":"Gamma."}` + "\n"
	arts, err := Parse("mixed.jsonl", strings.NewReader(in))
	if len(arts) != 2 || arts[0].ID != "a" || arts[1].ID != "c" {
		t.Fatalf("articles = %+v, want a and c", arts)
	}
	var le *LineErrors
	if !errors.As(err, &le) {
		t.Fatalf("error = %v (%T), want *LineErrors", err, err)
	}
	if len(le.Errs) != 1 || le.Errs[0].Line != 2 || le.Errs[0].Name != "mixed.jsonl" {
		t.Fatalf("line errors = %+v, want one on line 2", le.Errs)
	}
	if !strings.HasPrefix(err.Error(), "mixed.jsonl:2: ") {
		t.Errorf("error = %q, want it to name mixed.jsonl:2", err)
	}
}

func TestParseJSONLLongLine(t *testing.T) {
	long := strings.Repeat("word ", 1<<20) // 5 MB
	in := `{"id":"long","text":"` + long + `"}` + "\n" + `{"id":"short","text":"x"}`
	// Within a limit that allows it, a line longer than any buffer is read.
	arts, err := ParseLimited("long.jsonl", strings.NewReader(in), Limits{MaxArticleBytes: 8 << 20})
	if err != nil || len(arts) != 2 || len(arts[0].Text) != len(long) {
		t.Fatalf("ParseLimited = %d articles, %v", len(arts), err)
	}
}

func TestParseLimits(t *testing.T) {
	long := strings.Repeat("word ", 300)
	var feed strings.Builder
	feed.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>`)
	for i := range 7 {
		fmt.Fprintf(&feed, `<item><title>t%d</title><link>https://x.example/%d</link><description>“Hello %d,” she said.</description></item>`, i, i, i)
	}
	feed.WriteString(`</channel></rss>`)
	lim := Limits{MaxArticleBytes: 1000, MaxFeedItems: 5}
	tests := []struct {
		name, input string
		articles    int
		err         string // in the error; "" for none
	}{
		{"a.jsonl", `{"id":"long","text":"` + long + `"}` + "\n" + `{"id":"short","text":"x"}`, 1, `a.jsonl: article "long": article text is 1500 bytes`},
		{"a.json", `[{"id":"long","text":"` + long + `"}, {"id":"short","text":"x"}]`, 1, "the limit is 1000"},
		{"a.txt", long, 0, "--max-article-bytes"},
		{"a.txt", "short text", 1, ""},
		{"feed.xml", feed.String(), 5, "items 6 to 7: left out: a feed may have at most 5 items"},
		{"photo.jpg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00", 0, "photo.jpg: binary data"},
		{"a.txt", "text\x00with a NUL", 0, "binary data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, err := ParseLimited(tt.name, strings.NewReader(tt.input), lim)
			if len(arts) != tt.articles {
				t.Errorf("%d articles, want %d", len(arts), tt.articles)
			}
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("error %v, want it to say %q", err, tt.err)
			}
		})
	}
}

func TestLineErrorsCapped(t *testing.T) {
	in := strings.Repeat("x\n", 25)
	_, err := Parse("many.jsonl", strings.NewReader(in))
	var le *LineErrors
	if !errors.As(err, &le) || len(le.Errs) != 25 {
		t.Fatalf("error = %v, want 25 line errors", err)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != maxShown+1 {
		t.Errorf("message has %d lines, want %d", n, maxShown+1)
	}
}

// writeFiles writes files (path → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

type visited struct {
	name string
	ids  []string
	err  string
}

func walkAll(t *testing.T, w Walker, paths []string) []visited {
	t.Helper()
	var got []visited
	err := w.Walk(paths, func(name string, arts []quotes.Article, err error) error {
		v := visited{name: name}
		for _, a := range arts {
			v.ids = append(v.ids, a.ID)
		}
		if err != nil {
			v.err = err.Error()
		}
		got = append(got, v)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return got
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.txt":              "Bee.",
		"a/z.md":             "Zed.",
		"a/y.jsonl":          `{"id":"y1","text":"Y."}` + "\n" + `{"id":"y2","text":"YY."}`,
		"a/.hidden.txt":      "Hidden.",
		".git/config.txt":    "Hidden folder.",
		"a/notes.docx":       "Unknown extension.",
		"a/README":           "No extension.",
		"c/deep/er/page.htm": "<p>Deep.</p>",
		"c/bad.jsonl":        `{"id":"ok","text":"fine"}` + "\nnope\n",
	})
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(dir, "c", "dangling.txt")); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.txt")
	explicit := filepath.Join(dir, "a", "README")
	got := walkAll(t, Walker{}, []string{dir, missing, explicit})
	j := func(parts ...string) string { return filepath.Join(append([]string{dir}, parts...)...) }
	want := []visited{
		{name: j("a", "y.jsonl"), ids: []string{"y1", "y2"}},
		{name: j("a", "z.md"), ids: []string{"z"}},
		{name: j("b.txt"), ids: []string{"b"}},
		{name: j("c", "bad.jsonl"), ids: []string{"ok"}, err: j("c", "bad.jsonl") + ":2: invalid character"},
		{name: j("c", "dangling.txt"), err: j("c", "dangling.txt") + ": no such file or directory"},
		{name: j("c", "deep", "er", "page.htm"), ids: []string{"page"}},
		{name: missing, err: missing + ": no such file or directory"},
		{name: explicit, ids: []string{"README"}},
	}
	if len(got) != len(want) {
		t.Fatalf("visited %d inputs, want %d:\n%+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.name != w.name || strings.Join(g.ids, ",") != strings.Join(w.ids, ",") ||
			(w.err == "") != (g.err == "") || !strings.HasPrefix(g.err, w.err) {
			t.Errorf("visited %d = %+v, want %+v", i, g, w)
		}
	}
	if n := Count([]string{dir, missing, explicit}); n != len(want) {
		t.Errorf("Count = %d, want %d", n, len(want))
	}
}

func TestWalkStdin(t *testing.T) {
	w := Walker{Stdin: strings.NewReader(`{"id":"in1","text":"From stdin."}`)}
	got := walkAll(t, w, []string{"-"})
	if len(got) != 1 || got[0].name != StdinName || strings.Join(got[0].ids, ",") != "in1" || got[0].err != "" {
		t.Fatalf("visits = %+v", got)
	}
	w = Walker{Stdin: strings.NewReader("Said plainly.\n")}
	got = walkAll(t, w, []string{"-"})
	// Text on stdin has no file name: its id is a hash of the text.
	if len(got) != 1 || strings.Join(got[0].ids, ",") != textID("Said plainly.\n") {
		t.Fatalf("visits = %+v", got)
	}
	if Count([]string{"-"}) != 1 {
		t.Errorf("Count(-) != 1")
	}
}

func TestWalkStops(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "A.", "b.txt": "B."})
	stop := errors.New("stop")
	n := 0
	err := Walk([]string{dir}, func(string, []quotes.Article, error) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("Walk = %v after %d calls, want stop after 1", err, n)
	}
}

// checkArticles is what the fuzz targets assert of any input.
func checkArticles(t *testing.T, arts []quotes.Article) {
	t.Helper()
	for _, a := range arts {
		if a.ID == "" {
			t.Errorf("article without id: %+v", a)
		}
		if !utf8.ValidString(a.Text) {
			t.Errorf("article %s has invalid UTF-8 text", a.ID)
		}
	}
}

func fuzzParse(f *testing.F, name string, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		arts, _ := Parse(name, strings.NewReader(string(b)))
		checkArticles(t, arts)
	})
}

func FuzzParseJSONL(f *testing.F) {
	fuzzParse(f, "f.jsonl", `{"id":"a","text":"x"}`+"\n"+`{"text":"y","published":"2025-01-02"}`, "{}\n[]\nnull\n", `{"text":"\xff"}`)
}

func FuzzParseHTML(f *testing.F) {
	fuzzParse(f, "f.html", sampleHTML, "<p>a<p>b", "<html><head><link rel=canonical href=x></head></html>", "\xff<p>\xfe</p>")
}

func FuzzParseFeed(f *testing.F) {
	fuzzParse(f, "f.xml", sampleRSS, sampleAtom, "<rss><channel><item><description>&lt;p&gt;x</description></item></channel></rss>")
}

func FuzzParseText(f *testing.F) {
	fuzzParse(f, "f.txt", "Hello.\r\n", "\ufeff", "\xff\xfe")
}

// textID is the id NormalizeID gives an article with no id and no URL.
func textID(text string) string {
	a := quotes.Article{Text: text}
	a.NormalizeID()
	return a.ID
}

// TestStreamHandsOnArticlesAsRead checks that JSON lines are streamed: the
// first article reaches the visitor before the rest of the input is
// written, so that an input of any size is never held whole.
func TestStreamHandsOnArticlesAsRead(t *testing.T) {
	pr, pw := io.Pipe()
	got := make(chan string)
	done := make(chan error, 1)
	go func() {
		done <- Walker{Stdin: pr}.Stream([]string{"-"}, Visitor{
			Article: func(_ string, a quotes.Article) error {
				got <- a.ID
				return nil
			},
			End: func(name string, n int, err error) error {
				got <- fmt.Sprintf("end %s %d %v", name, n, err)
				return nil
			},
		})
	}()
	// The format is sniffed from the first 1,024 bytes: the first line is
	// longer than that.
	first := `{"id":"one","text":"First.` + strings.Repeat(" Word.", 200) + `"}` + "\n"
	if _, err := io.WriteString(pw, first); err != nil {
		t.Fatal(err)
	}
	select {
	case id := <-got:
		if id != "one" {
			t.Fatalf("first article: got %q, want one", id)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the first article was not handed on before the input ended")
	}
	go func() {
		_, _ = io.WriteString(pw, "not json\n"+`{"id":"two","text":"Second."}`+"\n")
		pw.Close()
	}()
	if id := <-got; id != "two" {
		t.Fatalf("second article: got %q, want two", id)
	}
	end := <-got
	if !strings.HasPrefix(end, "end stdin 2 stdin:2: ") {
		t.Errorf("end of input: got %q, want two articles and the bad line 2", end)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestStreamStopsOnVisitorError checks that an error of the visitor stops
// the walk at once and is returned as it is.
func TestStreamStopsOnVisitorError(t *testing.T) {
	stop := errors.New("stop here")
	in := strings.NewReader(`{"id":"a","text":"A."}` + "\n" + `{"id":"b","text":"B."}` + "\n")
	var seen []string
	err := Walker{Stdin: in}.Stream([]string{"-"}, Visitor{
		Article: func(_ string, a quotes.Article) error {
			seen = append(seen, a.ID)
			return stop
		},
		End: func(string, int, error) error {
			t.Error("End called after the visitor stopped the walk")
			return nil
		},
	})
	if err != stop {
		t.Errorf("Stream returned %v, want the visitor's error", err)
	}
	if len(seen) != 1 {
		t.Errorf("articles seen: %v, want only the first", seen)
	}
}
