package server

import (
	"slices"
	"testing"
)

func TestHighlightSegments(t *testing.T) {
	tests := []struct {
		frag string
		want []segment
	}{
		{"plain", []segment{{"plain", false}}},
		{"a <mark>b</mark> c", []segment{{"a ", false}, {"b", true}, {" c", false}}},
		{"<mark>x</mark><mark>y</mark>", []segment{{"xy", true}}},
		// Escaped text is unescaped once, to be escaped again by the
		// template: it never becomes markup.
		{"&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;",
			[]segment{{"<script>", false}, {"alert", true}, {"(1)</script>", false}}},
		// Tags other than <mark> (an index that forgot to escape) are text.
		{"<b>bold</b> <mark>m</mark>", []segment{{"<b>bold</b> ", false}, {"m", true}}},
		{"a < b <mark>c", []segment{{"a < b ", false}, {"c", true}}},
		{"&amp;lt;", []segment{{"&lt;", false}}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := highlightSegments(tt.frag); !slices.Equal(got, tt.want) {
			t.Errorf("highlightSegments(%q) = %+v, want %+v", tt.frag, got, tt.want)
		}
	}
}

func TestSafeLink(t *testing.T) {
	tests := map[string]string{
		"https://news.example/a?b=c": "https://news.example/a?b=c",
		"http://news.example/":       "http://news.example/",
		"javascript:alert(1)":        "",
		"JavaScript:alert(1)":        "",
		"data:text/html,<b>":         "",
		"//news.example/a":           "",
		"/relative":                  "",
		"":                           "",
		"https://":                   "",
	}
	for in, want := range tests {
		if got := safeLink(in); got != want {
			t.Errorf("safeLink(%q) = %q, want %q", in, got, want)
		}
	}
}
