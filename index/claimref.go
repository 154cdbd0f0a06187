package index

import (
	"slices"
	"sort"
	"strings"

	"github.com/quotesproject/quotes"
)

// claimRef is what the index keeps in memory of a stored claim: what the
// claim list filters, sorts and counts by. The claims themselves stay in
// the store and are read for the page asked for: whole, with their
// statements, the claims of 16 times the news corpus took 611 MB of heap
// (78 KB a claim), and the memory of a server grew with its archive.
type claimRef struct {
	id string
	// The sort keys of claims.SortClaims: distinct articles, distinct
	// speakers, statements.
	articles, speakers, statements int
	// speakingSides is Claim.SpeakingSides.
	speakingSides int
	bothSides     bool
	label         string
	// said lists the distinct (speaker, side) pairs of the statements.
	said []saidBy
	// hay holds the words of the claim's text, and of its statements'
	// quotes and speakers, in lower case, each once, a line each: what a
	// query's words are looked for in (as substrings, so "tax" finds
	// "taxes"). Once each: a claim's statements repeat each other's
	// words, and the quotes whole took 100 MB at 16× the news corpus.
	hay string
}

// saidBy is a speaker and side of a claim's statement.
type saidBy struct{ speaker, side string }

// refOf returns the claimRef of c.
func refOf(c *quotes.Claim) claimRef {
	r := claimRef{
		id:            c.ID,
		articles:      c.Articles,
		statements:    len(c.Statements),
		speakingSides: c.SpeakingSides(),
		bothSides:     c.Verdict.BothSides,
		label:         c.Verdict.Label,
	}
	var b strings.Builder
	seen := map[string]bool{}
	add := func(text string) {
		for _, w := range strings.Fields(strings.ToLower(text)) {
			if !seen[w] {
				seen[w] = true
				b.WriteString(w)
				b.WriteByte('\n')
			}
		}
	}
	add(c.Text)
	speakers := map[string]bool{}
	for _, s := range c.Statements {
		speakers[s.Speaker] = true
		if p := (saidBy{s.Speaker, s.Side}); !slices.Contains(r.said, p) {
			r.said = append(r.said, p)
		}
		add(s.Quote)
		add(s.Speaker)
	}
	r.speakers = len(speakers)
	r.hay = strings.Clone(b.String()) // without the builder's spare capacity
	return r
}

// sortRefs puts rs in the order of claims.SortClaims: most articles
// first, then most speakers, most statements, and by id.
func sortRefs(rs []claimRef) {
	sort.Slice(rs, func(i, j int) bool {
		a, b := &rs[i], &rs[j]
		if a.articles != b.articles {
			return a.articles > b.articles
		}
		if a.speakers != b.speakers {
			return a.speakers > b.speakers
		}
		if a.statements != b.statements {
			return a.statements > b.statements
		}
		return a.id < b.id
	})
}

// matches reports whether the claim of r is on the list req asks for;
// speaker matches a statement's speaker against req.Speaker, and words
// are the query's, in lower case.
func (r *claimRef) matches(req quotes.ClaimRequest, speaker func(string) bool, words []string) bool {
	switch {
	case !req.All && r.speakingSides < quotes.MinParties:
		return false
	case req.Verdict == "both-sides" && !r.bothSides:
		return false
	case req.Verdict != "" && req.Verdict != "both-sides" && r.label != req.Verdict:
		return false
	}
	if req.Speaker != "" || req.Side != "" {
		if !slices.ContainsFunc(r.said, func(s saidBy) bool {
			return (speaker == nil || speaker(s.speaker)) && (req.Side == "" || strings.EqualFold(s.side, req.Side))
		}) {
			return false
		}
	}
	for _, w := range words {
		if !strings.Contains(r.hay, w) {
			return false
		}
	}
	return true
}
