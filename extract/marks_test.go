package extract

import (
	"slices"
	"testing"
)

// TestFindQuotes is the spec of quotation marks: each row is a text and
// the contents of its top-level double-quoted passages, in order.
func TestFindQuotes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       []string
	}{
		{"one quote",
			"“We won,” she said.",
			[]string{"We won,"}},
		{"a quote over two paragraphs",
			"“We won.\n\n“Now we rest,” she said.",
			[]string{"We won.\n\n“Now we rest,"}},
		{"a straight mark left open before curly quotes is stray",
			"\"Kevin was snoring.\n\n“Here he is,” she said.",
			[]string{"Kevin was snoring.", "Here he is,"}},
		{"a quote that runs on over a lost paragraph break",
			"He added: \"She was pleased. \"I think she will run.\" Then he left.",
			[]string{"She was pleased. \"I think she will run."}},
		{"a closing mark followed by a new quote",
			"\"Yes,\" he said. \"No,\" she said.",
			[]string{"Yes,", "No,"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, q := range findQuotes(tt.text, splitParagraphs(tt.text)) {
				if q.parent < 0 && !q.single {
					got = append(got, tt.text[q.s:q.e])
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("quotes of %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
