package index

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/querylang"
)

// queryFields are the fields a query may name (field:value): every field
// of a quote document but its stored rest and its sort key.
var queryFields = []string{
	fQuote, fSentence, fSpeaker, fSpeakers, fSpeakerKey, fSpeakerKeys, fSpeakerText, fSpeakerMention,
	fRole, fTitle, fCue, fKind, fOutlet, fArticleID, fPublished, fDay, fConfidence, "_all",
}

// parseQuery parses text in the query language (package querylang) into a
// bleve query, and checks what bleve would only reject while searching,
// so that every fault of the query is EINVALID, with its position.
func parseQuery(text string) (query.Query, error) {
	if err := checkLength(text); err != nil {
		return nil, err
	}
	n, err := querylang.Parse(text)
	if err == nil {
		var q query.Query
		if q, err = bleveQuery(text, n); err == nil {
			if err := checkQuery(q); err != nil {
				return nil, quotes.Errorf(quotes.EINVALID, "invalid query %q: %s", text, oneLine(err))
			}
			if err := checkBudget(text, q); err != nil {
				return nil, err
			}
			return q, nil
		}
	}
	var pe *querylang.Error
	if errors.As(err, &pe) {
		return nil, quotes.Errorf(quotes.EINVALID, "invalid query %q: %s", text, pe.Error())
	}
	return nil, quotes.Errorf(quotes.EINVALID, "invalid query %q: %s", text, oneLine(err))
}

// bleveQuery turns n, parsed from text, into a bleve query. Its terms are
// read by bleve's query-string parser, one at a time; its structure
// becomes bleve's Boolean queries in query-string mode, where a term that
// analyses to nothing (a lone dash) is left out rather than matching
// nothing.
func bleveQuery(text string, n querylang.Node) (query.Query, error) {
	list := func(xs []querylang.Node) ([]query.Query, error) {
		out := make([]query.Query, 0, len(xs))
		for _, x := range xs {
			q, err := bleveQuery(text, x)
			if err != nil {
				return nil, err
			}
			out = append(out, q)
		}
		return out, nil
	}
	switch n := n.(type) {
	case *querylang.Term:
		if f, ok := termField(n.Text); ok && !slices.Contains(queryFields, f) {
			return nil, &querylang.Error{Query: text, Offset: n.At,
				Msg: fmt.Sprintf("there is no field “%s” (fields: %s)", f, strings.Join(queryFields[:len(queryFields)-1], ", "))}
		}
		q, err := bleve.NewQueryStringQuery(n.Text).Parse()
		if err != nil {
			return nil, &querylang.Error{Query: text, Offset: n.At, Msg: fmt.Sprintf("“%s”: %s", n.Text, oneLine(err))}
		}
		return q, nil
	case *querylang.All:
		return bleve.NewMatchAllQuery(), nil
	case *querylang.And:
		xs, err := list(n.X)
		if err != nil {
			return nil, err
		}
		return query.NewBooleanQueryForQueryString(xs, nil, nil), nil
	case *querylang.Or:
		xs, err := list(n.X)
		if err != nil {
			return nil, err
		}
		return query.NewBooleanQueryForQueryString(nil, xs, nil), nil
	case *querylang.Not:
		x, err := bleveQuery(text, n.X)
		if err != nil {
			return nil, err
		}
		return query.NewBooleanQueryForQueryString(nil, nil, []query.Query{x}), nil
	case *querylang.Clauses:
		must, err := list(n.Must)
		if err != nil {
			return nil, err
		}
		should, err := list(n.Should)
		if err != nil {
			return nil, err
		}
		not, err := list(n.MustNot)
		if err != nil {
			return nil, err
		}
		return query.NewBooleanQueryForQueryString(must, should, not), nil
	}
	return nil, fmt.Errorf("query node %T", n) // a bug: querylang has no other
}

// termField returns the field a term names before its colon, if any.
func termField(term string) (string, bool) {
	i := strings.IndexByte(term, ':')
	if i <= 0 {
		return "", false
	}
	f := term[:i]
	if strings.ContainsAny(f, `\"/`) {
		return "", false
	}
	return f, true
}
