package extract

import (
	"strings"
	"testing"

	quotes "github.com/quotesproject/quotes"
)

// TestPosts is the spec of embedded posts: each row is a short article
// the team wrote with one post in it, the post's words and the speaker a
// reader would name.
func TestPosts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, quote, speaker string
	}{
		{"the signature names the author as the article does",
			"Mayor Lena Dorr answered on Twitter.\n\n<tweet id=\"1\" author=\"@MayorDorr\" datetime=\"2016-06-29\">The bridge was never for sale. Fake news! — Lena M. Dorr (@MayorDorr) June 29, 2016</tweet>\n\nHer rival did not reply.",
			"The bridge was never for sale. Fake news!", "Lena Dorr"},
		{"a handle that spells a name the article uses",
			"Councilman Abe Strand posted a reply.\n\n<tweet pic=\"\" author=\"RealAbeStrand\" timestamp=\"1470067200\" tweet_id=\"2\">We will vote no on Tuesday pic.twitter.com/xyz</tweet>",
			"We will vote no on Tuesday", "Abe Strand"},
		{"an author the article does not name keeps the handle",
			"Reactions came quickly.\n\n<tweet id=\"3\" author=\"@dunmoreWatch\" datetime=\"2016-02-01\">Lights out on Main Street again</tweet>",
			"Lights out on Main Street again", "@dunmoreWatch"},
	}
	x := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := x.Extract(quotes.Article{ID: "t", Text: tt.text})
			for _, q := range qs {
				if strings.Contains(q.Text, "<") || strings.Contains(q.Text, "tweet") {
					t.Errorf("markup read as a quote: %q", q.Text)
				}
				if q.Text != tt.quote {
					continue
				}
				if q.Speaker != tt.speaker || q.Kind != quotes.KindDirect {
					t.Errorf("post %q: speaker %q kind %s, want %q direct", q.Text, q.Speaker, q.Kind, tt.speaker)
				}
				if tt.text[q.CueStart:q.CueEnd] != q.Cue || tt.text[q.SpeakerStart:q.SpeakerEnd] != q.SpeakerMention {
					t.Errorf("post %q: cue or mention offsets do not hold their words", q.Text)
				}
				return
			}
			t.Errorf("post %q not found in %+v", tt.quote, qs)
		})
	}
}

// FuzzFindPosts: any text gives posts whose spans lie inside their
// elements, in order, with an author.
func FuzzFindPosts(f *testing.F) {
	f.Add(`<tweet id="1" author="@a_b" datetime="2016">hi there — A B (@a_b) June 1, 2016</tweet>`)
	f.Add(`x <tweet author="q">pic.twitter.com/</tweet> <tweet author=\"@z\">ok ok</tweet>`)
	f.Add(`<tweet>`)
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, p := range findPosts(text) {
			if p.s < p.elem.s || p.e > p.elem.e || p.s >= p.e || p.elem.s < last || p.handle == "" {
				t.Fatalf("bad post %+v in %q", p, text)
			}
			last = p.elem.e
			if b := blankPosts(text, []post{p}); len(b) != len(text) {
				t.Fatalf("blanking changed the length of %q", text)
			}
		}
	})
}
