package claims

import (
	"slices"
	"strings"

	quotes "github.com/quotesproject/quotes"
)

// MinCheckOverlap is the least share of a checked claim's content words a
// statement's sentence must hold (with at least two of them) to bear on
// the claim.
const MinCheckOverlap = 0.4

// Check reads statements against a claim typed by a person ("Trump
// offered to send U.S. troops into Mexico"): it keeps those with a
// sentence that shares enough of the claim's content words, classifies
// each one's stance toward the claim, and gives the verdict. The result's
// Found is false when no statement bears on the claim. The claim's
// statements are sorted as in Build; its text is the claim as typed, and
// it has no id, as it is not one of the stored claims.
func (t *Tracker) Check(claim string, statements []quotes.Statement) quotes.CheckResult {
	cp := newProposition(claim)
	need := 2
	if len(cp.terms) < 2 {
		need = len(cp.terms)
	}
	var kept []quotes.Statement
	seen := map[string]bool{}
	for _, s := range statements {
		s.Side = t.sides.Of(s.Speaker, s.Role)
		if need == 0 || seen[statementKey(&s)] {
			continue
		}
		texts, ctxs := unitTexts(&s)
		best, bestN := -1, 0
		for i, x := range texts {
			n := len(newProposition(x).shared(cp))
			if n > bestN {
				best, bestN = i, n
			}
		}
		if bestN < need && s.Lead != "" {
			// A short statement is read with the sentence before it.
			if n := len(newProposition(s.Lead + " " + s.Quote).shared(cp)); n > bestN {
				texts, ctxs, best, bestN = []string{s.Quote}, []string{""}, 0, n
			}
		}
		if best < 0 || bestN < need || float64(bestN) < MinCheckOverlap*float64(len(cp.terms)) {
			continue
		}
		seen[statementKey(&s)] = true
		s.Stance = statementStance(&s, newProposition(texts[best]), newProposition(ctxs[best]), cp)
		kept = append(kept, s)
	}
	if len(kept) == 0 {
		return quotes.CheckResult{Claim: quotes.Claim{Text: strings.TrimSpace(claim), Verdict: quotes.Verdict{
			Label:   LabelNoEvidence,
			Code:    quotes.VerdictNone,
			Summary: "Nothing in the index bears on this claim.",
		}}}
	}
	c := t.assemble(claim, kept)
	for _, side := range t.sides.All(claim, 0) {
		if !slices.Contains(c.Parties, side) {
			c.Parties = append(c.Parties, side)
		}
	}
	c.Sides, c.Verdict = verdict(c.Parties, c.Statements)
	c.ID = "" // a checked claim is not a stored one: no id to fetch it by
	return quotes.CheckResult{Claim: c, Found: true}
}
