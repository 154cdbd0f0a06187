// Package benchset is the set of searches the scale figures are measured
// with (quotes bench search, and the side-by-side benchmark of the index
// against SQLite FTS5): the kinds of search an editor makes, in fixed
// words, with the speakers, outlets and months taken from the index
// measured so that every filter matches something.
package benchset

import (
	"context"
	"fmt"
	"time"

	quotes "github.com/quotesproject/quotes"
)

// Kinds of search, in the order they are reported.
const (
	Word    = "word"    // one word
	And     = "and"     // two words, both required
	Phrase  = "phrase"  // a phrase
	Speaker = "speaker" // a speaker's page: the speaker filter alone
	Outlet  = "outlet"  // a word within one outlet
	Dates   = "dates"   // a word within one month
	Blank   = "blank"   // the page before a query: every quote, newest first
)

// Kinds lists the kinds of search in report order.
var Kinds = []string{Word, And, Phrase, Speaker, Outlet, Dates, Blank}

// Search is one search of the set.
type Search struct {
	Kind string
	// Words are the words searched, for engines without bleve's syntax:
	// all required; Phrase tells whether they make a phrase.
	Words  []string
	Phrase bool
	// Request is the search as the index takes it.
	Request quotes.SearchRequest
}

// words are single words of news, common and rare.
var words = []string{"economy", "tax", "police", "election", "oil", "trade", "security", "immigration",
	"health", "jobs", "war", "court", "prices", "climate", "vote", "energy", "growth", "budget", "border", "terrorism"}

// pairs are two words that meet in news quotes.
var pairs = [][2]string{{"oil", "prices"}, {"tax", "cuts"}, {"trade", "deal"}, {"interest", "rates"}, {"border", "wall"},
	{"health", "insurance"}, {"nuclear", "weapons"}, {"stock", "market"}, {"foreign", "policy"}, {"police", "officers"}}

// phrases are phrases of news.
var phrases = [][]string{{"prime", "minister"}, {"health", "care"}, {"interest", "rates"}, {"climate", "change"},
	{"white", "house"}, {"supreme", "court"}, {"north", "korea"}, {"human", "rights"}, {"central", "bank"}, {"middle", "class"}}

// Build returns the set for an index whose top speakers, outlets and
// months of publication are given (the most frequent first; ten speakers,
// five outlets and five months are used).
func Build(speakers, outlets []string, months []time.Time) []Search {
	var out []Search
	for _, w := range words {
		out = append(out, Search{Kind: Word, Words: []string{w}, Request: quotes.SearchRequest{Query: w}})
	}
	for _, p := range pairs {
		out = append(out, Search{Kind: And, Words: p[:], Request: quotes.SearchRequest{Query: "+" + p[0] + " +" + p[1]}})
	}
	for _, p := range phrases {
		out = append(out, Search{Kind: Phrase, Words: p, Phrase: true,
			Request: quotes.SearchRequest{Query: `"` + p[0] + " " + p[1] + `"`}})
	}
	for _, s := range speakers[:min(10, len(speakers))] {
		out = append(out, Search{Kind: Speaker, Request: quotes.SearchRequest{Speaker: s}})
	}
	for i, o := range outlets[:min(5, len(outlets))] {
		w := words[i]
		out = append(out, Search{Kind: Outlet, Words: []string{w}, Request: quotes.SearchRequest{Query: w, Outlet: o}})
	}
	for i, m := range months[:min(5, len(months))] {
		w := words[len(words)-1-i]
		from := time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, time.UTC)
		to := from.AddDate(0, 1, 0).Add(-time.Nanosecond)
		out = append(out, Search{Kind: Dates, Words: []string{w}, Request: quotes.SearchRequest{Query: w, From: from, To: to}})
	}
	out = append(out, Search{Kind: Blank})
	return out
}

// SearchFunc runs one search: an index's or a server client's Search.
type SearchFunc func(context.Context, quotes.SearchRequest) (*quotes.SearchResult, error)

// FromIndex builds the set for the index search reads: its top speakers
// and outlets (from the facets of the page before a query) and the months
// of its top speakers' newest quotes, months with news.
func FromIndex(ctx context.Context, search SearchFunc) ([]Search, error) {
	res, err := search(ctx, quotes.SearchRequest{Size: 1})
	if err != nil {
		return nil, fmt.Errorf("bench set: %w", err)
	}
	var speakers, outlets []string
	for _, f := range res.Facets["speaker"] {
		speakers = append(speakers, f.Term)
	}
	for _, f := range res.Facets["outlet"] {
		outlets = append(outlets, f.Term)
	}
	var months []time.Time
	seen := map[string]bool{}
	for _, sp := range speakers {
		res, err := search(ctx, quotes.SearchRequest{Speaker: sp, Size: 1, Sort: quotes.SortNewest})
		if err != nil {
			return nil, fmt.Errorf("bench set: %w", err)
		}
		if len(res.Hits) == 0 || res.Hits[0].Quote.Published.IsZero() {
			continue
		}
		t := res.Hits[0].Quote.Published
		if m := t.Format("2006-01"); !seen[m] {
			seen[m] = true
			months = append(months, t)
		}
	}
	return Build(speakers, outlets, months), nil
}
