package claims

import (
	"fmt"
	"slices"
	"time"

	quotes "github.com/quotesproject/quotes"
)

// Claims are grouped period by period. Statements published in
// different periods are never one claim: a claim is an event's, and
// an event is told in its own weeks. That bound is also what keeps
// building claims linear in the corpus: the grouping is quadratic at
// worst within a period, and a new article changes the claims of its
// own period only, so that a store can rebuild just the periods an
// ingest touched (see index).
//
// A period is a calendar quarter, in UTC. An event told across the
// turn of a quarter comes out as two claims, one each side; that is the
// price of the bound, and it is rare next to the events told within
// one.

// Undated is the period of statements whose article has no publication
// time.
const Undated = "undated"

// Period returns the period of a publication time: "2017-Q4", or
// Undated for the zero time.
func Period(published time.Time) string {
	if published.IsZero() {
		return Undated
	}
	t := published.UTC()
	return fmt.Sprintf("%04d-Q%d", t.Year(), (int(t.Month())-1)/3+1)
}

// byPeriod splits statements by Period, in the order of the periods.
func byPeriod(ss []quotes.Statement) [][]quotes.Statement {
	parts := map[string][]quotes.Statement{}
	for _, s := range ss {
		p := Period(s.Published)
		parts[p] = append(parts[p], s)
	}
	keys := make([]string, 0, len(parts))
	for k := range parts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([][]quotes.Statement, len(keys))
	for i, k := range keys {
		out[i] = parts[k]
	}
	return out
}
