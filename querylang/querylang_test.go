package querylang

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		query, want string
	}{
		// One term, in bleve's syntax, as it was.
		{`economy`, `economy`},
		{`"border wall"`, `"border wall"`},
		{`speaker:"Claudia Sheinbaum"`, `speaker:"Claudia Sheinbaum"`},
		{`tax*`, `tax*`},
		{`confidence:>0.8`, `confidence:>0.8`},
		{`published:>"2016-01-01"`, `published:>"2016-01-01"`},
		{`/tr.mp/`, `/tr.mp/`},
		{`economy~1`, `economy~1`},
		{`\(aside\)`, `\(aside\)`},
		{`"a (b) c"`, `"a (b) c"`},
		{`*`, `*`},
		{`  economy  `, `economy`},
		// Side by side: bleve's should, +must, -not.
		{`wall trump`, `(wall trump)`},
		{`wall and trump`, `(wall and trump)`},
		{`+wall -trump mexico`, `(+wall mexico -trump)`},
		{`-kind:belief`, `(-kind:belief)`},
		{`a NOT b`, `(a -b)`},
		{`NOT b`, `(-b)`},
		{`a -(b OR c)`, `(a -(b OR c))`},
		// The operators: AND tighter than OR, both tighter than a space.
		{`wall AND trump`, `(wall AND trump)`},
		{`a AND b AND c`, `(a AND b AND c)`},
		{`a OR b AND c`, `(a OR (b AND c))`},
		{`a AND b OR c`, `((a AND b) OR c)`},
		{`a b AND c`, `(a (b AND c))`},
		{`(tariff OR tariffs) AND NOT canada`, `((tariff OR tariffs) AND NOT canada)`},
		{`a AND -b`, `(a AND NOT b)`},
		{`a AND +b`, `(a AND b)`},
		{`-a OR b`, `(NOT a OR b)`},
		{`NOT NOT a`, `(-NOT a)`},
		{`"AND" OR "NOT"`, `("AND" OR "NOT")`},
		{`((a))`, `a`},
		{`(a b) AND c`, `((a b) AND c)`},
		// A field before parentheses, for the terms without their own.
		{`speaker:(trump OR sheinbaum)`, `(speaker:trump OR speaker:sheinbaum)`},
		{`speaker:(trump OR outlet:AP)`, `(speaker:trump OR outlet:AP)`},
		{`speaker:(trump "joe biden") AND wall`, `((speaker:trump speaker:"joe biden") AND wall)`},
		{`title:(a OR (b AND c))`, `(title:a OR (title:b AND title:c))`},
	}
	for _, tt := range tests {
		n, err := Parse(tt.query)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.query, err)
			continue
		}
		if got := Format(n); got != tt.want {
			t.Errorf("Parse(%q) = %s, want %s", tt.query, got, tt.want)
		}
	}
}

func TestParseBlank(t *testing.T) {
	for _, q := range []string{"", "   ", "\t\n"} {
		if n, err := Parse(q); n != nil || err != nil {
			t.Errorf("Parse(%q) = %v, %v; want nil, nil", q, n, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		query string
		col   int
		msg   string // a part of the message
	}{
		{`wall OR`, 6, `“OR” has nothing on its right (the end of the query follows it)`},
		{`AND wall`, 1, `“AND” has nothing on its left`},
		{`wall AND OR trump`, 6, `“AND” has nothing on its right (“OR” follows it)`},
		{`NOT`, 1, `“NOT” has nothing on its right`},
		{`(wall OR trump`, 1, `“(” is not closed`},
		{`speaker:(trump`, 1, `“speaker:(” is not closed`},
		{`wall) trump`, 5, `“)” closes nothing`},
		{`()`, 1, `the parentheses opened here hold nothing`},
		{`wall AND ()`, 10, `the parentheses opened here hold nothing`},
		{`"border wall`, 1, `the quotation mark here is not closed`},
		{`trump "border wall`, 7, `the quotation mark here is not closed`},
		{`/tr.mp`, 1, `the slash of a regular expression here is not closed`},
		{`speaker:`, 1, `the field “speaker:” has no value`},
		{`wall speaker: trump`, 6, `the field “speaker:” has no value`},
		{`wall\`, 5, `“\” at the end escapes nothing`},
		{`é AND`, 3, `“AND” has nothing on its right`},
		{strings.Repeat("(", 100) + "a" + strings.Repeat(")", 100), 33, `nests more than 64 deep`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.query)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v, want an *Error", tt.query, err)
			continue
		}
		if pe.Column() != tt.col || !strings.Contains(pe.Msg, tt.msg) {
			t.Errorf("Parse(%q): %v (column %d), want column %d and %q", tt.query, err, pe.Column(), tt.col, tt.msg)
		}
	}
}

// Format writes what Parse reads back to the same tree.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`wall AND trump`, `(tariff OR tariffs) AND NOT canada`, `+a -b c`, `speaker:(trump OR "joe biden")`,
		`a NOT b`, `-a OR b`, `NOT NOT a`, `"AND"`, `published:>"2016-01-01"`, `/tr.mp/ x`, `\(a\)`, `*`, `- -`,
		`a:(b:(c))`, `((a) OR (b c))`, `+NOT a`, `"a\"b"`, `wall) (`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, err := Parse(q)
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q): %T %v, want an *Error", q, err, err)
			}
			if pe.Offset < 0 || pe.Offset > len(q) {
				t.Fatalf("Parse(%q): offset %d outside the query", q, pe.Offset)
			}
			return
		}
		if n == nil {
			if strings.TrimSpace(q) != "" && strings.Trim(q, " \t\n\r\f\v") != "" {
				t.Fatalf("Parse(%q) = nil for a query with text", q)
			}
			return
		}
		once := Format(n)
		n2, err := Parse(once)
		if err != nil && strings.Contains(err.Error(), "nests more than") {
			return // Format's parentheses add a level or two: at the limit, it is no longer the same query
		}
		if err != nil {
			t.Fatalf("Parse(%q) = %s, which does not parse: %v", q, once, err)
		}
		if twice := Format(n2); twice != once {
			t.Fatalf("Parse(%q) = %s, read back as %s", q, once, twice)
		}
	})
}
