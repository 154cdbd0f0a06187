package extract

import (
	"strings"
	"testing"

	quotes "github.com/quotesproject/quotes"
)

// TestReportedSpans is the spec of where reported speech ends: each row is
// a short article the team wrote and the exact words a reader would take
// as what the speaker said.
func TestReportedSpans(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, want string
	}{
		{"a participle of the speaker's sources ends the clause",
			"Trade analysts said tariffs have raised prices, citing the port's figures.",
			"tariffs have raised prices"},
		{"a subordinate clause after and ends it",
			"She said parents who adopt would not be eligible, and when pressed on why, she smiled.",
			"parents who adopt would not be eligible"},
		{"a second subject with its own cue ends it without a comma",
			"Republicans said the inquiry was mishandled and Democrats accused them of playing politics.",
			"the inquiry was mishandled"},
		{"a place's commas do not end the adjunct before that",
			"Mayor Ina Hale says at a stop in Dayton, Ohio, that the plant will stay open.",
			"the plant will stay open"},
		{"a second predicate after but with a cue of its own",
			"The minister said school trips were good for children but accepted that teachers feared being sued.",
			"teachers feared being sued"},
		{"a plural possessive in the clause's subject",
			"And he admitted Holmes' return would be a boost to the team.",
			"Holmes' return would be a boost to the team"},
		{"the one told is not what was said",
			"Ada Quist told investigators she had tried to set up a meeting with the envoy.",
			"she had tried to set up a meeting with the envoy"},
		{"a cue in its -ing form after be and an adverb",
			"Town officials are now demanding the statue be moved to another site.",
			"the statue be moved to another site"},
		{"a denial takes the content of the claims it denies",
			"Sprinter Ivo Brandt has denied claims that he faked a crash to miss a test.",
			"he faked a crash to miss a test"},
		{"and of the reports it confirms, after a determiner",
			"The club confirmed the reports that its manager had resigned.",
			"its manager had resigned"},
		{"but said reports that … is what was said, reports and all",
			"Ada Quist said reports that the mill would close were wrong.",
			"reports that the mill would close were wrong"},
	}
	x := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := x.Extract(quotes.Article{ID: "case", Text: tt.text})
			var texts []string
			for _, q := range got {
				if q.Text == tt.want {
					return
				}
				texts = append(texts, q.Text)
			}
			t.Errorf("no quote %q; got %q", tt.want, texts)
		})
	}
}

// TestNotReported lists sentences whose verb of saying takes a thing, not
// a statement: no quote may hold the words given.
func TestNotReported(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, not string
	}{
		{"a video tweeted", "The Rubio campaign tweeted a video of the rally on Thursday.", "a video"},
		{"an op-ed written", "Senator Ted Crane wrote an op-ed urging Congress to act.", "an op-ed"},
		{"a listener and a place", "A state official told reporters on a conference call.", "conference call"},
	}
	x := extractor(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, q := range x.Extract(quotes.Article{ID: "case", Text: tt.text}) {
				if strings.Contains(q.Text, tt.not) {
					t.Errorf("quote %q (%s, by %q) holds %q", q.Text, q.Kind, q.Speaker, tt.not)
				}
			}
		})
	}
}
