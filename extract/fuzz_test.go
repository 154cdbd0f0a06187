package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are the shapes the quote-mark scanner and the attribution
// parser must survive: marks of every kind, unclosed and nested quotes,
// attributions cut short at the end of the text.
var fuzzSeeds = []string{
	"“A,” she said, “B.”",
	"\"Unclosed quote\n\n\"goes on,\" he said.",
	"''Two apostrophes,'' he said. ''Again.''",
	"'x': Y Says Z",
	"‘‘’’“”“",
	"He said that.",
	"According to , .",
	"« a » b said",
	"“Is it?” Graham asked. “No.”",
	"Rep. Jane Doe (D-Ore.), a member, said “x” and",
	"The plan, she said, would",
	"Said Ellis: “",
	"Kall -- co-editor of a book -- said the",
	"He said:\n\n“Next paragraph.”",
	"“Signed.” ― Ana Ruiz",
	"Trump called the senator a “nasty guy,” saying",
	"what critics call “a tax grab”",
	"), said (",
	"Smith left the room, warning",
	"Trump believes the election was rigged.",
	"On Tuesday, Smith said, the company would close.",
}

// FuzzFindQuotes checks the quote-mark scanner's contract on any text:
// every passage lies inside the text with its content between its marks,
// and a nested passage lies inside its parent.
func FuzzFindQuotes(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip()
		}
		paras := splitParagraphs(text)
		qs := findQuotes(text, paras)
		for i, q := range qs {
			if q.s < 0 || q.e > len(text) || q.s > q.e {
				t.Fatalf("quote %d: content %d:%d outside text of %d bytes", i, q.s, q.e, len(text))
			}
			if q.open < 0 || q.open >= q.s {
				t.Fatalf("quote %d: opening mark at %d, content at %d", i, q.open, q.s)
			}
			// Two backticks open a quote TeX-style (``Like this,'').
			if !isQuoteMark(runeAtOr(text, q.open)) && !strings.HasPrefix(text[q.open:], "``") {
				t.Fatalf("quote %d: no quotation mark at %d in %q", i, q.open, text)
			}
			if q.close >= 0 && (q.close < q.e || q.close+q.closeLen > len(text)) {
				t.Fatalf("quote %d: closing mark %d+%d, content ends %d", i, q.close, q.closeLen, q.e)
			}
			if !utf8.ValidString(text[q.s:q.e]) {
				t.Fatalf("quote %d: content %q cuts a character", i, text[q.s:q.e])
			}
			if q.parent >= 0 {
				p := qs[q.parent]
				if q.open < p.s || q.e > p.e {
					t.Fatalf("quote %d (%d:%d) not inside its parent (%d:%d)", i, q.s, q.e, p.s, p.e)
				}
			}
		}
	})
}

func runeAtOr(text string, i int) rune {
	r, _ := runeAt(text, i)
	return r
}

// FuzzAttribution checks the attribution parser on any text: each quote
// found has a kind, lies in one piece inside the text, and its speaker
// mention and cue, when present, are the text at their offsets.
func FuzzAttribution(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	x := extractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip()
		}
		d := x.analyze(text)
		for _, q := range d.found {
			if q.s < 0 || q.e > len(text) || q.s >= q.e {
				t.Fatalf("bad span %d:%d in %d bytes", q.s, q.e, len(text))
			}
			switch q.kind {
			case "direct", "partial", "indirect", "belief":
			default:
				t.Fatalf("quote %q has kind %q", text[q.s:q.e], q.kind)
			}
			if q.me > 0 && (q.ms < 0 || q.me > len(text) || q.ms >= q.me || text[q.ms:q.me] != q.mention) {
				t.Fatalf("mention %q at %d:%d does not match the text", q.mention, q.ms, q.me)
			}
			if q.ce > 0 && (q.cs < 0 || q.ce > len(text) || q.cs >= q.ce) {
				t.Fatalf("cue %q at bad span %d:%d", q.cue, q.cs, q.ce)
			}
			if q.ce > 0 && !strings.EqualFold(strings.Join(strings.Fields(text[q.cs:q.ce]), " "), q.cue) {
				t.Fatalf("cue %q is not the text %q at its span", q.cue, text[q.cs:q.ce])
			}
		}
	})
}
