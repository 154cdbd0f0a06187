package index

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/quotesproject/quotes"
)

// The budget of one search. A query is refused before it runs when it is
// longer than MaxQueryBytes, has more than MaxQueryClauses terms and
// phrases, more than MaxExpandingTerms terms that expand into many words
// (wildcards, prefixes, regular expressions, fuzzy terms), or a fuzzy term
// longer than MaxFuzzyTermRunes; and stopped while it is built when it
// would open more than MaxTermSearchers term searchers in all (each word a
// wildcard expands to is one). Each is an ELIMIT error naming the bound.
// Before these bounds, 2,000 prefix terms ran 100 s and took 4 GB, and a
// 2,000-character fuzzy term failed with an internal error.
const (
	MaxQueryBytes     = 1000
	MaxQueryClauses   = 64
	MaxExpandingTerms = 5
	MaxFuzzyTermRunes = 24
	MaxTermSearchers  = 4096
)

// checkBudget returns an ELIMIT error when the parsed query q, of the text
// text, is over one of the bounds that apply before it runs.
func checkBudget(text string, q query.Query) error {
	var clauses, expanding int
	var fault error
	var walk func(q query.Query)
	walk = func(q query.Query) {
		if fault != nil {
			return
		}
		switch q := q.(type) {
		case *query.BooleanQuery:
			for _, sub := range []query.Query{q.Must, q.Should, q.MustNot, q.Filter} {
				if sub != nil {
					walk(sub)
				}
			}
			return
		case *query.ConjunctionQuery:
			for _, sub := range q.Conjuncts {
				walk(sub)
			}
			return
		case *query.DisjunctionQuery:
			for _, sub := range q.Disjuncts {
				walk(sub)
			}
			return
		case *query.WildcardQuery, *query.PrefixQuery, *query.RegexpQuery:
			expanding++
		case *query.FuzzyQuery:
			expanding++
			if n := utf8.RuneCountInString(q.Term); n > MaxFuzzyTermRunes {
				fault = limitf("the fuzzy term %.20q… has %d letters; a fuzzy term may have at most %d", q.Term, n, MaxFuzzyTermRunes)
			}
		case *query.MatchQuery:
			if q.Fuzziness > 0 {
				expanding++
				if n := utf8.RuneCountInString(q.Match); n > MaxFuzzyTermRunes {
					fault = limitf("the fuzzy term %.20q… has %d letters; a fuzzy term may have at most %d", q.Match, n, MaxFuzzyTermRunes)
				}
			}
		}
		clauses++
	}
	walk(q)
	switch {
	case fault != nil:
		return fault
	case clauses > MaxQueryClauses:
		return limitf("the query has %d terms and phrases; the limit is %d", clauses, MaxQueryClauses)
	case expanding > MaxExpandingTerms:
		return limitf("the query has %d wildcard, prefix, regular-expression or fuzzy terms; the limit is %d", expanding, MaxExpandingTerms)
	}
	return nil
}

// checkLength returns an ELIMIT error when a query's text is longer than
// MaxQueryBytes.
func checkLength(text string) error {
	if len(text) > MaxQueryBytes {
		return limitf("the query is %d bytes long; the limit is %d", len(text), MaxQueryBytes)
	}
	return nil
}

// withTermBudget returns ctx carrying MaxTermSearchers for bleve, which
// counts the term searchers of one search against it.
func withTermBudget(ctx context.Context) context.Context {
	return context.WithValue(ctx, search.MaxTermSearchersKey, MaxTermSearchers)
}

// overBudget turns bleve's error for a search over MaxTermSearchers into an
// ELIMIT error saying what to do; other errors are returned as they are.
func overBudget(text string, err error) error {
	if err == nil || !strings.Contains(err.Error(), "TooManyTermSearchers") {
		return err
	}
	return limitf("the query %.60q matches too many words (over %d): give more letters before * or ~, or fewer such terms", text, MaxTermSearchers)
}

// limitf returns an ELIMIT error.
func limitf(format string, args ...any) error {
	return quotes.Errorf(quotes.ELIMIT, "query over its budget: %s", fmt.Sprintf(format, args...))
}
