package eval

import (
	"strings"
	"testing"

	quotes "github.com/quotesproject/quotes"
)

func TestReadGoldClaims(t *testing.T) {
	tests := []struct{ in, err string }{
		{`{"claims":[{"claim":"X met Y","stances":{"X":"asserts"},"confirmed_by_both_sides":false}]}`, ""},
		{`{"claims":[]}`, "no \"claims\" list"},
		{`{"claims":[{"claim":" ","stances":{"X":"asserts"}}]}`, "has no text"},
		{`{"claims":[{"claim":"X met Y"}]}`, "has no stances"},
		{`{"claims":[{"claim":"X met Y","stances":{"X":"maybe"}}]}`, "is not confirms"},
		{`[1]`, "not a gold JSON object"},
	}
	for _, tt := range tests {
		_, err := ReadGoldClaims(strings.NewReader(tt.in), "g.json")
		if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("ReadGoldClaims(%s) = %v, want %q", tt.in, err, tt.err)
		}
	}
}

func TestScoreClaims(t *testing.T) {
	gold := []GoldClaim{
		{Claim: "Acme will close the Elm Street plant", Stances: map[string]string{"Ann Lee": "asserts", "Bo Chan": "denies"}, Evidence: []string{"close the Elm Street plant"}},
		{Claim: "The mayor resigned", Stances: map[string]string{"Cy Dunn": "reports"}},
	}
	pred := []quotes.Claim{{ID: "c1", Text: "Acme will close the Elm Street plant", Statements: []quotes.Statement{
		{Speaker: "Ann Lee", Stance: quotes.StanceAsserts, Quote: "Acme will close the Elm Street plant"},
		{Speaker: "Bo Chan", Stance: quotes.StanceConfirms, Quote: "we will close the plant"},
	}}}
	r := ScoreClaims(gold, pred)
	if r.Found != 1 || r.StancesRight != 1 || r.Stances != 3 || r.VerdictsRight != 1 {
		t.Errorf("report = found %d, stances %d/%d, verdicts %d; want 1, 1/3, 1", r.Found, r.StancesRight, r.Stances, r.VerdictsRight)
	}
}

func FuzzReadGoldClaims(f *testing.F) {
	f.Add(`{"claims":[{"claim":"X met Y","stances":{"X":"asserts"}}]}`)
	f.Add(`{"claims":null}`)
	f.Fuzz(func(t *testing.T, in string) {
		gs, err := ReadGoldClaims(strings.NewReader(in), "f")
		if err != nil {
			return
		}
		for _, g := range gs {
			if strings.TrimSpace(g.Claim) == "" || len(g.Stances) == 0 {
				t.Fatalf("accepted a claim without text or stances: %+v", g)
			}
		}
		ScoreClaims(gs, nil)
	})
}
