package index

import (
	"testing"

	"github.com/quotesproject/quotes"
)

// The claim list filters on what a claimRef keeps, as it did on whole
// claims.
func TestClaimRefMatches(t *testing.T) {
	c := quotes.Claim{
		ID:   "c1",
		Text: "The port will open in May.",
		Statements: []quotes.Statement{
			{Speaker: "Ada Quist", Side: "Port authority", Quote: "The harbour opens in May, taxes paid"},
			{Speaker: "Ben Oduya", Side: "Fishermen", Quote: "It will not open before June"},
		},
		Verdict: quotes.Verdict{Label: "confirmed", BothSides: true},
	}
	r := refOf(&c)
	if r.statements != 2 || r.speakers != 2 || r.speakingSides != 2 {
		t.Fatalf("refOf = %+v", r)
	}
	for _, tc := range []struct {
		name string
		req  quotes.ClaimRequest
		want bool
	}{
		{"no filter", quotes.ClaimRequest{}, true},
		{"a word of the text", quotes.ClaimRequest{Query: "PORT"}, true},
		{"words of two statements", quotes.ClaimRequest{Query: "harbour june"}, true},
		{"part of a word", quotes.ClaimRequest{Query: "tax"}, true},
		{"a speaker's name", quotes.ClaimRequest{Query: "oduya"}, true},
		{"a word of none", quotes.ClaimRequest{Query: "harbour airport"}, false},
		{"a side", quotes.ClaimRequest{Side: "fishermen"}, true},
		{"a side of no statement", quotes.ClaimRequest{Side: "Government"}, false},
		{"both sides", quotes.ClaimRequest{Verdict: "both-sides"}, true},
		{"another verdict", quotes.ClaimRequest{Verdict: "disputed"}, false},
	} {
		if got := r.matches(tc.req, nil, lowerWords(tc.req.Query)); got != tc.want {
			t.Errorf("%s: matches(%+v) = %v, want %v", tc.name, tc.req, got, tc.want)
		}
	}
	// The speaker and the side must be one statement's.
	isOduya := func(s string) bool { return s == "Ben Oduya" }
	if r.matches(quotes.ClaimRequest{Speaker: "Ben Oduya", Side: "Port authority"}, isOduya, nil) {
		t.Error("Oduya with the port authority's side matched: the pair is no statement's")
	}
}
