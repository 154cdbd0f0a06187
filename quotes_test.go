package quotes_test

import (
	"testing"

	"github.com/quotesproject/quotes"
)

func TestQuoteIDsSurviveEdits(t *testing.T) {
	// Two versions of one article: the second adds a paragraph before the
	// quotes and re-flows one of them; the quotes' words are the same.
	// The first version reports its first quote twice, for two speakers.
	before := []quotes.Quote{
		{Kind: quotes.KindDirect, Text: "We will not back down", Start: 10, End: 31, Speaker: "Ada Quist"},
		{Kind: quotes.KindDirect, Text: "We will not back down", Start: 10, End: 31, Speaker: "Ben Oduya"},
		{Kind: quotes.KindIndirect, Text: "talks would resume", Start: 60, End: 78},
		{Kind: quotes.KindDirect, Text: "Never", Start: 90, End: 95},
		{Kind: quotes.KindDirect, Text: "Never", Start: 120, End: 125},
	}
	after := []quotes.Quote{
		{Kind: quotes.KindDirect, Text: "We will not\n back down", Start: 210, End: 232},
		{Kind: quotes.KindIndirect, Text: "talks would resume on Friday", Start: 260, End: 288},
		{Kind: quotes.KindDirect, Text: "Never", Start: 290, End: 295},
		{Kind: quotes.KindDirect, Text: "Never", Start: 320, End: 325},
	}
	quotes.AssignQuoteIDs("a1", before)
	quotes.AssignQuoteIDs("a1", after)
	tests := []struct {
		name string
		b, a int // before[b] and after[a], or before[-a-1] when a < 0
		same bool
	}{
		{"moved and re-flowed, same words", 0, 0, true},
		{"one quote of two speakers", 0, -2, true},
		{"words changed", 2, 1, false},
		{"first of two equal quotes", 3, 2, true},
		{"second of two equal quotes", 4, 3, true},
		{"two equal quotes in one article", 3, -5, false},
	}
	for _, tt := range tests {
		other := ""
		if tt.a < 0 {
			other = before[-tt.a-1].ID
		} else {
			other = after[tt.a].ID
		}
		if got := before[tt.b].ID == other; got != tt.same {
			t.Errorf("%s: ids %s and %s: same = %v, want %v", tt.name, before[tt.b].ID, other, got, tt.same)
		}
	}
	if quotes.QuoteID("a1", quotes.KindDirect, "Never", 0) == quotes.QuoteID("a2", quotes.KindDirect, "Never", 0) {
		t.Error("two articles share a quote id")
	}
	if quotes.QuoteID("a1", quotes.KindDirect, "Never", 0) == quotes.QuoteID("a1", quotes.KindPartial, "Never", 0) {
		t.Error("two kinds share a quote id")
	}
	given := []quotes.Quote{{ID: "kept", Text: "x"}}
	quotes.AssignQuoteIDs("a1", given)
	if given[0].ID != "kept" {
		t.Errorf("a given id was replaced by %s", given[0].ID)
	}
}
