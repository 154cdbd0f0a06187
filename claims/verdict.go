package claims

import (
	"fmt"
	"slices"
	"strings"

	quotes "github.com/quotesproject/quotes"
)

// The verdict labels, from the strongest answer to the weakest.
const (
	LabelBothSides    = "confirmed by both sides"
	LabelDisputed     = "disputed"
	LabelDenied       = "denied"
	LabelConfirmedOne = "confirmed by one side"
	LabelAssertedOne  = "asserted by one side"
	LabelReported     = "only reported"
	LabelNoEvidence   = "no evidence"
)

// Labels lists the verdict labels, for validating filters.
var Labels = []string{LabelBothSides, LabelDisputed, LabelDenied, LabelConfirmedOne, LabelAssertedOne, LabelReported, LabelNoEvidence}

// stanceRank orders a side's stances: a denial outweighs everything, then
// confirmation, assertion and report.
var stanceRank = map[quotes.Stance]int{
	quotes.StanceDenies:   4,
	quotes.StanceConfirms: 3,
	quotes.StanceAsserts:  2,
	quotes.StanceReports:  1,
}

// verdict sums the statements up by side and answers "was the claim
// confirmed by both sides?". A claim is confirmed by both sides when two
// sides or more each have a speaker who confirms or asserts it and no
// speaker of any side denies it. Statements by speakers of no side
// (newspapers, unnamed sources) are listed as reports.
func verdict(parties []string, stmts []quotes.Statement) ([]quotes.SideStances, quotes.Verdict) {
	bySide := map[string]*quotes.SideStances{}
	for _, p := range parties {
		bySide[p] = &quotes.SideStances{Side: p}
	}
	var reporters []string
	for _, s := range stmts {
		if s.Side == "" {
			if s.Stance == quotes.StanceReports || IsMedia(s.Speaker) {
				reporters = appendNew(reporters, s.Speaker)
			}
			continue
		}
		ss := bySide[s.Side]
		if ss == nil {
			ss = &quotes.SideStances{Side: s.Side}
			bySide[s.Side] = ss
			parties = append(parties, s.Side)
		}
		ss.Speakers = appendNew(ss.Speakers, s.Speaker)
		if stanceRank[s.Stance] > stanceRank[ss.Stance] {
			ss.Stance = s.Stance
		}
	}
	var v quotes.Verdict
	sides := make([]quotes.SideStances, 0, len(parties))
	for _, p := range parties {
		ss := bySide[p]
		sides = append(sides, *ss)
		switch ss.Stance {
		case quotes.StanceConfirms:
			v.Confirmed = append(v.Confirmed, p)
		case quotes.StanceAsserts:
			v.Asserted = append(v.Asserted, p)
		case quotes.StanceDenies:
			v.Denied = append(v.Denied, p)
		case quotes.StanceReports:
			v.Reported = append(v.Reported, p)
		default:
			v.Silent = append(v.Silent, p)
		}
	}
	v.Reported = append(v.Reported, reporters...)
	affirming := len(v.Confirmed) + len(v.Asserted)
	switch {
	case affirming >= 2 && len(v.Denied) == 0:
		v.BothSides = true
		v.Label, v.Code = LabelBothSides, quotes.VerdictBothSides
	case affirming >= 1 && len(v.Denied) > 0:
		v.Label, v.Code = LabelDisputed, quotes.VerdictDisputed
	case len(v.Denied) > 0:
		v.Label, v.Code = LabelDenied, quotes.VerdictDenied
	case len(v.Confirmed) > 0:
		v.Label, v.Code = LabelConfirmedOne, quotes.VerdictOneSide
	case len(v.Asserted) > 0:
		v.Label, v.Code = LabelAssertedOne, quotes.VerdictOneSide
	case len(v.Reported) > 0:
		v.Label, v.Code = LabelReported, quotes.VerdictReportedOnly
	default:
		v.Label, v.Code = LabelNoEvidence, quotes.VerdictNone
	}
	v.Summary = summary(v)
	return sides, v
}

// summary says the verdict in a sentence: "Confirmed by both sides:
// Mexico and United States confirmed. Reported by The Wall Street
// Journal."
func summary(v quotes.Verdict) string {
	var parts []string
	add := func(verb string, who []string) {
		if len(who) > 0 {
			parts = append(parts, fmt.Sprintf("%s %s.", andList(who), verb))
		}
	}
	add("confirmed", v.Confirmed)
	add("asserted", v.Asserted)
	add("denied", v.Denied)
	if len(v.Silent) == 1 {
		parts = append(parts, v.Silent[0]+" said nothing about it.")
	} else {
		add("said nothing about it", v.Silent)
	}
	add("only reported it", v.Reported)
	label := strings.ToUpper(v.Label[:1]) + v.Label[1:]
	if len(parts) == 0 {
		return label + "."
	}
	return label + ": " + strings.Join(parts, " ")
}

// andList joins names as "A", "A and B", "A, B and C".
func andList(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func appendNew(xs []string, x string) []string {
	if slices.Contains(xs, x) {
		return xs
	}
	return append(xs, x)
}

// SpeakerStances returns each speaker's stance in a claim: the strongest
// of their statements' stances (denies, confirms, asserts, reports).
func SpeakerStances(c *quotes.Claim) map[string]quotes.Stance {
	out := map[string]quotes.Stance{}
	for _, s := range c.Statements {
		if stanceRank[s.Stance] > stanceRank[out[s.Speaker]] {
			out[s.Speaker] = s.Stance
		}
	}
	return out
}
