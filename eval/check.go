package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"time"

	quotes "github.com/quotesproject/quotes"
)

// Claim checks are scored as an editor uses them: a claim typed by a
// person, the verdict "quotes check" gives it, and the statements it shows
// as evidence. The gold (check.dev.jsonl) gives each claim its verdict,
// the verdicts also acceptable for an ambiguous one, and the deciding
// statements (article, verbatim quote, speaker, side, stance).
//
//   - Verdict accuracy: the answer's verdict code is the gold's or one of
//     its acceptable ones.
//   - Both-sides precision and recall: over the claims answered
//     "both-sides" and the claims for which the gold accepts it.
//   - Deciding statements found: a gold statement is found when the answer
//     holds a statement of the same article whose quote shares at least
//     half the content words of the shorter of the two (CheckOverlap).
//   - Polarity: of the found statements, the share whose stance falls on
//     the gold's side of the line: affirming (confirms, asserts), denying
//     or reporting.

// CheckOverlap is the share of the shorter quote's words the other must
// hold for an answer's statement to be a gold deciding statement.
const CheckOverlap = 0.5

// CheckGold is one claim of a check gold file.
type CheckGold struct {
	ID         string          `json:"id"`
	Claim      string          `json:"claim"`
	Verdict    string          `json:"verdict"`
	Acceptable []string        `json:"acceptable"`
	Parties    []string        `json:"parties"`
	Evidence   []CheckEvidence `json:"evidence"`
	// Pair is the id of a claim that contradicts this one (PairKind
	// says how), or empty; two such claims must never both be
	// answered both-sides.
	Pair     string `json:"pair"`
	PairKind string `json:"pair_kind"`
}

// CheckEvidence is one deciding statement of a gold claim.
type CheckEvidence struct {
	ArticleID string        `json:"article_id"`
	Quote     string        `json:"quote"`
	Speaker   string        `json:"speaker"`
	Side      string        `json:"side"`
	Stance    quotes.Stance `json:"stance"`
}

// LoadCheckGold reads a check gold file: JSON lines of CheckGold, each
// with an id, a claim and a verdict from quotes.VerdictCodes.
func LoadCheckGold(path string) ([]CheckGold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("check gold: %w", err)
	}
	defer f.Close()
	var golds []CheckGold
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var g CheckGold
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if g.ID == "" || strings.TrimSpace(g.Claim) == "" {
			return nil, fmt.Errorf("%s:%d: a check needs an id and a claim", path, n)
		}
		for _, v := range append([]string{g.Verdict}, g.Acceptable...) {
			if !slices.Contains(quotes.VerdictCodes, v) {
				return nil, fmt.Errorf("%s:%d: unknown verdict %q: want one of %s", path, n, v, strings.Join(quotes.VerdictCodes, ", "))
			}
		}
		golds = append(golds, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(golds) == 0 {
		return nil, fmt.Errorf("%s: no checks", path)
	}
	return golds, nil
}

// CheckAnswer is what the product answered for one gold claim.
type CheckAnswer struct {
	ID         string             `json:"id"`
	Verdict    string             `json:"verdict"`
	Statements []quotes.Statement `json:"statements"`
}

// CheckRow is the score of one claim.
type CheckRow struct {
	ID       string `json:"id"`
	Claim    string `json:"claim"`
	Gold     string `json:"gold"`
	Verdict  string `json:"verdict"`
	Right    bool   `json:"right"`
	Found    int    `json:"found"`    // gold deciding statements found
	Evidence int    `json:"evidence"` // gold deciding statements
	Polarity int    `json:"polarity"` // found ones with the right polarity
}

// CheckReport is the score of a set of claim checks.
type CheckReport struct {
	Rows            []CheckRow `json:"rows"`
	VerdictAccuracy Accuracy   `json:"verdict_accuracy"`
	BothSides       PRF        `json:"both_sides"`
	EvidenceFound   Accuracy   `json:"evidence_found"`
	PolarityRight   Accuracy   `json:"polarity_right"`
	// BothSidesPairs lists the pairs of contradictory claims both
	// answered both-sides ("cd-03/cd-04").
	BothSidesPairs []string `json:"both_sides_pairs,omitempty"`
	// Latency is how long the checks took to answer, when the caller
	// timed them (see NewLatency).
	Latency *Latency `json:"latency,omitempty"`
}

// Latency sums up the times a set of requests took to answer, in
// milliseconds.
type Latency struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P95 float64 `json:"p95_ms"`
	Max float64 `json:"max_ms"`
}

// NewLatency sums up durations; it returns nil for none. The percentiles
// are the nearest rank.
func NewLatency(ds []time.Duration) *Latency {
	if len(ds) == 0 {
		return nil
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	rank := func(p float64) time.Duration {
		i := int(math.Ceil(p*float64(len(s)))) - 1
		return s[max(0, min(i, len(s)-1))]
	}
	return &Latency{N: len(s), P50: ms(rank(0.50)), P95: ms(rank(0.95)), Max: ms(s[len(s)-1])}
}

// ScoreChecks scores answers (by gold id) against the gold checks. A gold
// claim with no answer counts as answered "none".
func ScoreChecks(golds []CheckGold, answers map[string]CheckAnswer) CheckReport {
	var rep CheckReport
	right, found, evidence, polarity := 0, 0, 0, 0
	bothTP, bothPred, bothGold := 0, 0, 0
	for _, g := range golds {
		a, ok := answers[g.ID]
		if !ok {
			a = CheckAnswer{ID: g.ID, Verdict: quotes.VerdictNone}
		}
		row := CheckRow{ID: g.ID, Claim: g.Claim, Gold: g.Verdict, Verdict: a.Verdict, Evidence: len(g.Evidence)}
		row.Right = a.Verdict == g.Verdict || slices.Contains(g.Acceptable, a.Verdict)
		if row.Right {
			right++
		}
		goldBoth := g.Verdict == quotes.VerdictBothSides || slices.Contains(g.Acceptable, quotes.VerdictBothSides)
		if a.Verdict == quotes.VerdictBothSides {
			bothPred++
			if goldBoth {
				bothTP++
			}
		}
		if goldBoth {
			bothGold++
		}
		for _, e := range g.Evidence {
			if s := matchEvidence(e, a.Statements); s != nil {
				row.Found++
				if polarityOf(s.Stance) == polarityOf(e.Stance) {
					row.Polarity++
				}
			}
		}
		found += row.Found
		evidence += row.Evidence
		polarity += row.Polarity
		rep.Rows = append(rep.Rows, row)
	}
	for _, g := range golds {
		if g.Pair != "" && g.ID < g.Pair && answers[g.ID].Verdict == quotes.VerdictBothSides && answers[g.Pair].Verdict == quotes.VerdictBothSides {
			rep.BothSidesPairs = append(rep.BothSidesPairs, g.ID+"/"+g.Pair)
		}
	}
	rep.VerdictAccuracy = accuracy(right, len(golds))
	rep.EvidenceFound = accuracy(found, evidence)
	rep.PolarityRight = accuracy(polarity, found)
	rep.BothSides = prf(bothTP, bothPred, bothGold)
	return rep
}

// matchEvidence returns the statement of answer statements that is the
// gold deciding statement e, or nil.
func matchEvidence(e CheckEvidence, stmts []quotes.Statement) *quotes.Statement {
	gw := contentWords(e.Quote)
	var best *quotes.Statement
	bestShare := 0.0
	for i := range stmts {
		s := &stmts[i]
		if s.ArticleID != e.ArticleID {
			continue
		}
		sw := contentWords(s.Quote)
		shorter := min(len(gw), len(sw))
		if shorter == 0 {
			continue
		}
		common := 0
		for w := range gw {
			if sw[w] {
				common++
			}
		}
		if share := float64(common) / float64(shorter); share >= CheckOverlap && share > bestShare {
			best, bestShare = s, share
		}
	}
	return best
}

// polarityOf groups stances by the side of the line they fall on.
func polarityOf(s quotes.Stance) string {
	switch s {
	case quotes.StanceConfirms, quotes.StanceAsserts:
		return "affirms"
	case quotes.StanceDenies:
		return "denies"
	case quotes.StanceReports:
		return "reports"
	}
	return "none"
}
