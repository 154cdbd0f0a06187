package server

import (
	"net/url"
	"slices"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
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

func TestTimelineView(t *testing.T) {
	link := func(from, to string) string { return from + "/" + to }
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	tests := []struct {
		name     string
		tl       quotes.Timeline
		from, to time.Time
		hrefs    []string // of the bars, "" for an empty one
		caption  string
	}{
		{"a month bar covers its month", quotes.Timeline{Interval: quotes.IntervalMonth,
			Buckets: []quotes.FacetCount{{Term: "2026-02", Count: 3}, {Term: "2026-03", Count: 0}, {Term: "2026-04", Count: 1}}},
			time.Time{}, time.Time{}, []string{"2026-02-01/2026-02-28", "", "2026-04-01/2026-04-30"},
			"4 quotes by month, Feb 2026 to Apr 2026"},
		{"bars never widen the search's own range", quotes.Timeline{Interval: quotes.IntervalMonth,
			Buckets: []quotes.FacetCount{{Term: "2026-02", Count: 3}, {Term: "2026-03", Count: 2}}},
			day("2026-02-12"), day("2026-03-20").Add(24*time.Hour - 1), []string{"2026-02-12/2026-02-28", "2026-03-01/2026-03-20"},
			"5 quotes by month, Feb 2026 to Mar 2026"},
		{"years, with the earlier quotes counted", quotes.Timeline{Interval: quotes.IntervalYear, Earlier: 4,
			Buckets: []quotes.FacetCount{{Term: "2024", Count: 1}, {Term: "2025", Count: 2}}},
			time.Time{}, time.Time{}, []string{"2024-01-01/2024-12-31", "2025-01-01/2025-12-31"},
			"3 quotes by year, 2024 to 2025 (and 4 earlier quotes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := newTimelineView(&tt.tl, tt.from, tt.to, link)
			var hrefs []string
			for _, b := range v.Bars {
				hrefs = append(hrefs, b.Href)
			}
			if !slices.Equal(hrefs, tt.hrefs) || v.Caption != tt.caption {
				t.Errorf("bars %q, caption %q; want %q, %q", hrefs, v.Caption, tt.hrefs, tt.caption)
			}
		})
	}
	if v := newTimelineView(nil, time.Time{}, time.Time{}, link); v != nil {
		t.Errorf("no timeline drew %+v", v)
	}
}

func TestParseEmbedDirect(t *testing.T) {
	tests := []struct {
		query string
		kind  quotes.Kind
		conf  float64
	}{
		{"direct=1", quotes.KindDirect, 0.9},
		{"direct=1&kind=indirect&min_confidence=0.5", quotes.KindDirect, 0.9},
		{"direct=1&min_confidence=0.95", quotes.KindDirect, 0.95},
		{"direct=0&kind=partial", quotes.KindPartial, 0},
		{"", "", 0},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		e, err := parseEmbed(q)
		if err != nil {
			t.Errorf("%s: %v", tt.query, err)
			continue
		}
		if e.search.req.Kind != tt.kind || e.search.req.MinConfidence != tt.conf {
			t.Errorf("%s: kind %q, min confidence %v; want %q, %v", tt.query, e.search.req.Kind, e.search.req.MinConfidence, tt.kind, tt.conf)
		}
	}
}
