package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/claims"
)

// Claims are scored against gold claims written as in the seed article's
// gold file: each gold claim has a text, its sides (side → speakers), each
// speaker's stance, whether it is confirmed by both sides, and evidence
// strings from the articles.
//
// A gold claim is found when a predicted claim has a statement by every
// speaker the gold gives a stance for and, when the gold lists evidence,
// holds a statement whose quote or sentence contains one of the evidence
// strings (or whose quote one contains); without evidence, its statements
// must share at least half of the gold text's content words. Among the
// predicted claims that qualify, the one holding the most evidence is
// taken, then the one sharing the most words, counting words in the
// claim's own text twice. A stance is right
// when the speaker's stance in that claim (the strongest of their
// statements: denies, confirms, asserts, reports) is the gold one; a
// verdict is right when both_sides is the gold one. A gold claim not found
// has all its stances and its verdict wrong.

// GoldClaim is one claim of a gold file.
type GoldClaim struct {
	Claim     string              `json:"claim"`
	Sides     map[string][]string `json:"sides,omitempty"`
	Stances   map[string]string   `json:"stances"`
	BothSides bool                `json:"confirmed_by_both_sides"`
	Evidence  []string            `json:"evidence,omitempty"`
}

// LoadGoldClaims reads the "claims" list of a gold JSON file.
func LoadGoldClaims(path string) ([]GoldClaim, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gold claims: %w", err)
	}
	defer f.Close()
	return ReadGoldClaims(f, path)
}

// ReadGoldClaims reads the "claims" list of a gold JSON document; name
// labels errors.
func ReadGoldClaims(r io.Reader, name string) ([]GoldClaim, error) {
	var doc struct {
		Claims []GoldClaim `json:"claims"`
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, quotes.Errorf(quotes.EINVALID, "%s: not a gold JSON object: %v", name, err)
	}
	if len(doc.Claims) == 0 {
		return nil, quotes.Errorf(quotes.EINVALID, "%s: no \"claims\" list", name)
	}
	for i, c := range doc.Claims {
		if strings.TrimSpace(c.Claim) == "" {
			return nil, quotes.Errorf(quotes.EINVALID, "%s: claim %d has no text", name, i+1)
		}
		if len(c.Stances) == 0 {
			return nil, quotes.Errorf(quotes.EINVALID, "%s: claim %d (%q) has no stances", name, i+1, c.Claim)
		}
		for sp, st := range c.Stances {
			if s := quotes.Stance(st); !s.Valid() || s == quotes.StanceUnrelated {
				return nil, quotes.Errorf(quotes.EINVALID, "%s: claim %d: stance %q of %q is not confirms, denies, asserts or reports", name, i+1, st, sp)
			}
		}
	}
	return doc.Claims, nil
}

// ClaimResult is how one gold claim fared.
type ClaimResult struct {
	Gold GoldClaim `json:"gold"`
	// Found is the id and text of the matched claim; empty when none.
	FoundID   string `json:"found_id,omitempty"`
	FoundText string `json:"found_text,omitempty"`
	// Stances maps each gold speaker to the predicted stance ("" when
	// the speaker has no statement in the claim).
	Stances      map[string]quotes.Stance `json:"stances"`
	StancesRight int                      `json:"stances_right"`
	VerdictRight bool                     `json:"verdict_right"`
	BothSides    bool                     `json:"both_sides"`
}

// ClaimReport scores predicted claims against gold claims.
type ClaimReport struct {
	Claims        int           `json:"claims"`
	Found         int           `json:"found"`
	Stances       int           `json:"stances"`
	StancesRight  int           `json:"stances_right"`
	VerdictsRight int           `json:"verdicts_right"`
	Results       []ClaimResult `json:"results"`
}

// ScoreClaims matches each gold claim to a predicted claim and counts the
// claims found, the stances right and the verdicts right.
func ScoreClaims(gold []GoldClaim, predicted []quotes.Claim) ClaimReport {
	rep := ClaimReport{Claims: len(gold)}
	for _, g := range gold {
		r := ClaimResult{Gold: g, Stances: map[string]quotes.Stance{}}
		rep.Stances += len(g.Stances)
		if c := matchClaim(g, predicted); c != nil {
			rep.Found++
			r.FoundID, r.FoundText = c.ID, c.Text
			r.BothSides = c.Verdict.BothSides
			r.VerdictRight = c.Verdict.BothSides == g.BothSides
			for sp, want := range g.Stances {
				got := speakerStance(c, sp)
				r.Stances[sp] = got
				if string(got) == want {
					r.StancesRight++
				}
			}
		}
		rep.StancesRight += r.StancesRight
		if r.VerdictRight {
			rep.VerdictsRight++
		}
		rep.Results = append(rep.Results, r)
	}
	return rep
}

// speakerStance is the speaker's stance in c as the tracker sums it up
// (claims.SpeakerStances), the speaker's name compared by sameSpeaker.
func speakerStance(c *quotes.Claim, speaker string) quotes.Stance {
	for name, st := range claims.SpeakerStances(c) {
		if sameSpeaker(name, speaker) {
			return st
		}
	}
	return ""
}

// sameSpeaker compares names ignoring case and a leading "The".
func sameSpeaker(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		return strings.TrimPrefix(s, "the ")
	}
	return norm(a) == norm(b)
}

// matchClaim returns the predicted claim that best matches g, or nil.
func matchClaim(g GoldClaim, predicted []quotes.Claim) *quotes.Claim {
	want := contentWords(g.Claim)
	var best *quotes.Claim
	bestScore := 0.0
	for i := range predicted {
		c := &predicted[i]
		if !hasSpeakers(c, g.Stances) {
			continue
		}
		title := contentWords(c.Text)
		have := map[string]bool{}
		for w := range title {
			have[w] = true
		}
		for _, s := range c.Statements {
			for w := range contentWords(s.Quote + " " + s.Sentence) {
				have[w] = true
			}
		}
		n, nt := 0, 0
		for w := range want {
			if have[w] {
				n++
			}
			if title[w] {
				nt++
			}
		}
		share := float64(n) / float64(max(1, len(want)))
		ev := evidenceFound(c, g.Evidence)
		if len(g.Evidence) > 0 && ev == 0 || len(g.Evidence) == 0 && share < 0.5 {
			continue
		}
		// Evidence found counts most; the claim's own text breaks ties
		// between claims that hold the same statements.
		score := float64(ev)*10 + share + float64(nt)/float64(max(1, len(want)))
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

func hasSpeakers(c *quotes.Claim, stances map[string]string) bool {
	for sp := range stances {
		found := false
		for _, s := range c.Statements {
			if sameSpeaker(s.Speaker, sp) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// evidenceFound counts the evidence strings held by a statement of c: in
// its quote or sentence, or holding its quote.
func evidenceFound(c *quotes.Claim, evidence []string) int {
	n := 0
	for _, e := range evidence {
		e = strings.TrimSpace(e)
		for _, s := range c.Statements {
			if strings.Contains(s.Quote, e) || strings.Contains(s.Sentence, e) || strings.Contains(e, strings.TrimRight(s.Quote, ",. ")) {
				n++
				break
			}
		}
	}
	return n
}

// contentWords returns the lower-case words of s longer than three
// letters, a crude but neutral measure of shared content.
func contentWords(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && r != '’' && r != '“' && r != '”')
	}) {
		if len(w) > 3 {
			m[w] = true
		}
	}
	return m
}

// WriteText prints the report for a person: a line per gold claim, then
// the totals.
func (r ClaimReport) WriteText(w io.Writer) error {
	for _, x := range r.Results {
		status := "found"
		if x.FoundID == "" {
			status = "NOT FOUND"
		}
		fmt.Fprintf(w, "%-9s %s\n", status, x.Gold.Claim)
		if x.FoundID != "" {
			fmt.Fprintf(w, "          as %s %q\n", x.FoundID, clipText(x.FoundText, 100))
			fmt.Fprintf(w, "          both sides: got %v, want %v\n", x.BothSides, x.Gold.BothSides)
		}
		names := make([]string, 0, len(x.Gold.Stances))
		for sp := range x.Gold.Stances {
			names = append(names, sp)
		}
		sort.Strings(names)
		for _, sp := range names {
			got := x.Stances[sp]
			mark := "ok"
			if string(got) != x.Gold.Stances[sp] {
				mark = "WRONG"
			}
			fmt.Fprintf(w, "          %-5s %s: got %q, want %q\n", mark, sp, got, x.Gold.Stances[sp])
		}
	}
	_, err := fmt.Fprintf(w, "claims found %d/%d, stances right %d/%d, verdicts right %d/%d\n",
		r.Found, r.Claims, r.StancesRight, r.Stances, r.VerdictsRight, r.Claims)
	return err
}

func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
