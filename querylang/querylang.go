// Package querylang parses the query language editors type into the
// search box: the Boolean operators AND, OR and NOT, parentheses that
// group, and bleve's query-string terms between them.
//
// # Design
//
// Editors know Boolean queries from every archive (Media Cloud, Nexis):
// "wall AND trump", "(tariff OR tariffs) AND NOT canada". bleve's
// query-string syntax has none of that: it reads AND as a word and
// refuses nothing. This package owns the structure of a query and leaves
// each term to bleve's syntax, so that everything that worked before
// still does: words, "phrases", field:value, field:"a phrase", +must and
// -not, wildcards (tax*), /regular expressions/, fuzzy~1, boosts^2 and
// ranges (confidence:>0.8). The index (package index) turns a Node into
// bleve queries; this package knows nothing of bleve or of the fields an
// index has.
//
// The grammar, loosest first:
//
//	query   = clause { clause }                 juxtaposed clauses
//	clause  = or
//	or      = and { "OR" and }
//	and     = unary { "AND" unary }
//	unary   = ( "NOT" | "-" | "+" ) unary | primary
//	primary = "(" query ")" | field ":" "(" query ")" | "*" | term
//
// Clauses side by side keep bleve's meaning: a plain clause should match
// (at least one of them when no clause is required, and the more the
// better), a +clause must, a -clause or NOT clause must not. So "a b"
// still finds quotes with either word, best first, and "a NOT b" is
// "a -b". AND binds tighter than OR, and both tighter than the space:
// "a b AND c" is a, or b and c together. Operators are the upper-case
// words only: "and", "or" and "not" are words to search for, and "AND"
// in quotation marks is the word too.
//
// A field before parentheses applies to every term inside that has no
// field of its own: speaker:(trump OR sheinbaum). A lone * matches every
// quote.
//
// Errors are *Error values, with the position of the fault as a
// character count from 1.
package querylang

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits of the parser. A query longer than the index accepts is refused
// there first; these keep a hostile query from exhausting the stack.
const (
	// MaxDepth is how deeply parentheses and operators may nest.
	MaxDepth = 64
)

// Node is a parsed query: *Term, *All, *Clauses, *And, *Or or *Not.
type Node interface {
	// Pos is the byte offset of the node in the query.
	Pos() int
}

// Term is one term in bleve's query-string syntax, with any field
// prefix: economy, "border wall", speaker:"Claudia Sheinbaum", tax*,
// /regexp/, confidence:>0.8.
type Term struct {
	// Text is the term as bleve reads it, the field of an enclosing
	// field:( … ) added when it has none of its own.
	Text string
	// At is its byte offset in the query.
	At int
}

// All matches every quote: a lone *.
type All struct{ At int }

// Clauses are clauses side by side, with bleve's meaning: every Must
// clause must match, no MustNot clause may, and the Should clauses are
// optional when some clause is required, else at least one must match.
type Clauses struct {
	Must, Should, MustNot []Node
	At                    int
}

// And matches what every one of X matches.
type And struct {
	X  []Node
	At int
}

// Or matches what any of X matches.
type Or struct {
	X  []Node
	At int
}

// Not matches what X does not.
type Not struct {
	X  Node
	At int
}

// Pos returns the byte offset of t in the query.
func (t *Term) Pos() int { return t.At }

// Pos returns the byte offset of a in the query.
func (a *All) Pos() int { return a.At }

// Pos returns the byte offset of c in the query.
func (c *Clauses) Pos() int { return c.At }

// Pos returns the byte offset of a in the query.
func (a *And) Pos() int { return a.At }

// Pos returns the byte offset of o in the query.
func (o *Or) Pos() int { return o.At }

// Pos returns the byte offset of n in the query.
func (n *Not) Pos() int { return n.At }

// Error is a fault in a query, at a position.
type Error struct {
	// Query is the query, Offset the byte offset of the fault in it.
	Query  string
	Offset int
	// Msg says what is wrong.
	Msg string
}

// Column returns the position of the fault as editors count it: the
// character from 1.
func (e *Error) Column() int {
	off := min(max(e.Offset, 0), len(e.Query))
	return utf8.RuneCountInString(e.Query[:off]) + 1
}

// Error returns the message with its position.
func (e *Error) Error() string {
	return fmt.Sprintf("at character %d, %s", e.Column(), e.Msg)
}

// Parse parses query. An empty or blank query is a nil Node and no error.
func Parse(query string) (Node, error) {
	p := &parser{src: query}
	if err := p.lex(); err != nil {
		return nil, err
	}
	if len(p.toks) == 1 { // EOF alone
		return nil, nil
	}
	n, err := p.clauses(0, "")
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, p.errAt(t.at, "%s closes nothing", t.describe())
	}
	return n, nil
}

// Token kinds.
const (
	tEOF = iota
	tTerm
	tLParen
	tRParen
	tAnd
	tOr
	tNot
	tPlus
	tMinus
	tFieldGroup // field:( … the text is the field
)

type token struct {
	kind int
	text string
	at   int
}

func (t token) describe() string {
	switch t.kind {
	case tEOF:
		return "the end of the query"
	case tLParen:
		return "“(”"
	case tRParen:
		return "“)”"
	case tFieldGroup:
		return "“" + t.text + ":(”"
	}
	return "“" + t.text + "”"
}

type parser struct {
	src  string
	toks []token
	i    int
}

func (p *parser) errAt(at int, format string, args ...any) error {
	return &Error{Query: p.src, Offset: at, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) peek() token { return p.toks[p.i] }

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.kind != tEOF {
		p.i++
	}
	return t
}

// isSpace reports whether b separates terms.
func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

// lex splits p.src into tokens.
func (p *parser) lex() error {
	s := p.src
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case isSpace(c):
			i++
		case c == '(':
			p.toks = append(p.toks, token{tLParen, "(", i})
			i++
		case c == ')':
			p.toks = append(p.toks, token{tRParen, ")", i})
			i++
		case (c == '+' || c == '-') && i+1 < len(s) && !isSpace(s[i+1]) && s[i+1] != ')':
			k := tPlus
			if c == '-' {
				k = tMinus
			}
			p.toks = append(p.toks, token{k, s[i : i+1], i})
			i++
		default:
			end, field, err := p.term(i)
			if err != nil {
				return err
			}
			text := s[i:end]
			switch {
			case field != "" && end < len(s) && s[end] == '(' && end == i+len(field)+1:
				p.toks = append(p.toks, token{tFieldGroup, field, i}, token{tLParen, "(", end})
				end++
			case text == "AND":
				p.toks = append(p.toks, token{tAnd, text, i})
			case text == "OR":
				p.toks = append(p.toks, token{tOr, text, i})
			case text == "NOT":
				p.toks = append(p.toks, token{tNot, text, i})
			default:
				p.toks = append(p.toks, token{tTerm, text, i})
			}
			i = end
		}
	}
	p.toks = append(p.toks, token{tEOF, "", len(s)})
	return nil
}

// term returns the end of the term starting at i, and its field when it
// has one (the name before its first unescaped colon). A term runs to a
// space or a parenthesis outside quotation marks, slashes and escapes.
func (p *parser) term(i int) (end int, field string, err error) {
	s := p.src
	start := i
	valueStart := i // where a value may open with " or /
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\':
			if i+1 >= len(s) {
				return 0, "", p.errAt(i, "“\\” at the end escapes nothing")
			}
			_, size := utf8.DecodeRuneInString(s[i+1:])
			i += 1 + size
			continue
		case isSpace(c) || c == '(' || c == ')':
			if field != "" && i == valueStart && c != '(' {
				return 0, "", p.errAt(start, "the field “%s:” has no value", field)
			}
			return i, field, nil
		case c == ':' && field == "" && i > start:
			field = s[start:i]
			i++
			valueStart = i
			// A range's operator comes before its value: field:>"…";
			// with nothing after it, it is the value.
			j := i
			for j < len(s) && (s[j] == '>' || s[j] == '<' || s[j] == '=') {
				j++
			}
			if j > i && j < len(s) && !isSpace(s[j]) && s[j] != '(' && s[j] != ')' {
				i, valueStart = j, j
			}
			continue
		case (c == '"' || c == '/') && i == valueStart:
			closeAt := closing(s, i+1, c)
			if closeAt < 0 {
				what := "quotation mark"
				if c == '/' {
					what = "slash of a regular expression"
				}
				return 0, "", p.errAt(i, "the %s here is not closed", what)
			}
			i = closeAt + 1
			continue
		}
		i++
	}
	if field != "" && i == valueStart {
		return 0, "", p.errAt(start, "the field “%s:” has no value", field)
	}
	return i, field, nil
}

// closing returns the offset of the first unescaped c in s from i, or -1.
func closing(s string, i int, c byte) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case c:
			return i
		}
	}
	return -1
}

// clauses parses clauses side by side up to ")" or the end, fields
// without one of their own taking field.
func (p *parser) clauses(depth int, field string) (Node, error) {
	if depth > MaxDepth {
		return nil, p.errAt(p.peek().at, "the query nests more than %d deep", MaxDepth)
	}
	c := &Clauses{At: p.peek().at}
	for {
		t := p.peek()
		if t.kind == tEOF || t.kind == tRParen {
			break
		}
		n, err := p.or(depth+1, field)
		if err != nil {
			return nil, err
		}
		// A prefix on a whole clause says how the clause counts; NOT x
		// side by side with others is -x, as in Lucene.
		if pn, ok := n.(*prefixed); ok {
			if pn.op == tPlus {
				c.Must = append(c.Must, unwrap(pn.X))
			} else {
				c.MustNot = append(c.MustNot, unwrap(pn.X))
			}
			continue
		}
		c.Should = append(c.Should, unwrap(n))
	}
	if len(c.Must)+len(c.Should)+len(c.MustNot) == 0 {
		return nil, p.errAt(p.peek().at, "%s comes where a term was expected", p.peek().describe())
	}
	if len(c.Must) == 0 && len(c.MustNot) == 0 && len(c.Should) == 1 {
		return c.Should[0], nil
	}
	return c, nil
}

// prefixed is a unary +, - or NOT as parsed, before the clause it starts
// decides what it means there.
type prefixed struct {
	op int
	X  Node
	At int
}

func (n *prefixed) Pos() int { return n.At }

// unwrap turns the prefixes left inside a node into what they mean
// inside an operator: NOT and - negate, + does nothing.
func unwrap(n Node) Node {
	switch n := n.(type) {
	case *prefixed:
		x := unwrap(n.X)
		if n.op == tPlus {
			return x
		}
		return &Not{X: x, At: n.At}
	case *And:
		for i := range n.X {
			n.X[i] = unwrap(n.X[i])
		}
	case *Or:
		for i := range n.X {
			n.X[i] = unwrap(n.X[i])
		}
	}
	return n
}

func (p *parser) or(depth int, field string) (Node, error) {
	first, err := p.and(depth, field)
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tOr {
		return first, nil
	}
	o := &Or{X: []Node{unwrap(first)}, At: first.Pos()}
	for p.peek().kind == tOr {
		op := p.next()
		if err := p.operand(op); err != nil {
			return nil, err
		}
		n, err := p.and(depth, field)
		if err != nil {
			return nil, err
		}
		o.X = append(o.X, unwrap(n))
	}
	return o, nil
}

func (p *parser) and(depth int, field string) (Node, error) {
	first, err := p.unary(depth, field)
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tAnd {
		return first, nil
	}
	a := &And{X: []Node{unwrap(first)}, At: first.Pos()}
	for p.peek().kind == tAnd {
		op := p.next()
		if err := p.operand(op); err != nil {
			return nil, err
		}
		n, err := p.unary(depth, field)
		if err != nil {
			return nil, err
		}
		a.X = append(a.X, unwrap(n))
	}
	return a, nil
}

// operand checks that something an operator can take follows op.
func (p *parser) operand(op token) error {
	switch t := p.peek(); t.kind {
	case tEOF, tRParen, tAnd, tOr:
		return p.errAt(op.at, "%s has nothing on its right (%s follows it)", op.describe(), t.describe())
	}
	return nil
}

func (p *parser) unary(depth int, field string) (Node, error) {
	if depth > MaxDepth {
		return nil, p.errAt(p.peek().at, "the query nests more than %d deep", MaxDepth)
	}
	t := p.peek()
	switch t.kind {
	case tPlus, tMinus, tNot:
		p.next()
		if err := p.operand(t); err != nil {
			return nil, err
		}
		x, err := p.unary(depth+1, field)
		if err != nil {
			return nil, err
		}
		return &prefixed{op: t.kind, X: x, At: t.at}, nil
	}
	return p.primary(depth, field)
}

func (p *parser) primary(depth int, field string) (Node, error) {
	t := p.next()
	switch t.kind {
	case tTerm:
		if t.text == "*" {
			return &All{At: t.at}, nil
		}
		text := t.text
		if field != "" && !hasField(text) {
			text = field + ":" + text
			// The field must not change how the term reads: ="a" alone
			// is a word, but f:="a" would open a range on a phrase.
			sub := &parser{src: text}
			if end, f, err := sub.term(0); err != nil || end != len(text) || f != field {
				return nil, p.errAt(t.at, "“%s” cannot take the field “%s:” of its parentheses", t.text, field)
			}
		}
		return &Term{Text: text, At: t.at}, nil
	case tFieldGroup:
		p.next() // its "("
		return p.group(depth, t, t.text)
	case tLParen:
		return p.group(depth, t, field)
	case tAnd, tOr:
		return nil, p.errAt(t.at, "%s has nothing on its left", t.describe())
	}
	return nil, p.errAt(t.at, "%s comes where a term was expected", t.describe())
}

// group parses the inside of parentheses opened by open, up to its ")".
func (p *parser) group(depth int, open token, field string) (Node, error) {
	if p.peek().kind == tRParen {
		return nil, p.errAt(open.at, "the parentheses opened here hold nothing")
	}
	n, err := p.clauses(depth+1, field)
	if err != nil {
		return nil, err
	}
	if p.next().kind != tRParen {
		return nil, p.errAt(open.at, "%s is not closed", open.describe())
	}
	return n, nil
}

// hasField reports whether term starts with a field name and a colon.
func hasField(term string) bool {
	i := strings.IndexByte(term, ':')
	if i <= 0 {
		return false
	}
	for j := 0; j < i; j++ {
		if c := term[j]; c == '\\' || c == '"' || c == '/' {
			return false
		}
	}
	return true
}

// Format writes n back in the query language, every group in
// parentheses: (wall AND trump), (+a b -c), NOT x. Parsing the result
// gives n again.
func Format(n Node) string {
	var b strings.Builder
	format(&b, n)
	return b.String()
}

func format(b *strings.Builder, n Node) {
	list := func(xs []Node, sep string) {
		b.WriteByte('(')
		for i, x := range xs {
			if i > 0 {
				b.WriteString(sep)
			}
			format(b, x)
		}
		b.WriteByte(')')
	}
	switch n := n.(type) {
	case nil:
	case *Term:
		b.WriteString(n.Text)
	case *All:
		b.WriteByte('*')
	case *And:
		list(n.X, " AND ")
	case *Or:
		list(n.X, " OR ")
	case *Not:
		b.WriteString("NOT ")
		format(b, n.X)
	case *Clauses:
		b.WriteByte('(')
		sep := ""
		for _, g := range []struct {
			prefix string
			xs     []Node
		}{{"+", n.Must}, {"", n.Should}, {"-", n.MustNot}} {
			for _, x := range g.xs {
				b.WriteString(sep + g.prefix)
				format(b, x)
				sep = " "
			}
		}
		b.WriteByte(')')
	}
}
