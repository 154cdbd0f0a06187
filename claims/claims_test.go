package claims

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
)

func TestSides(t *testing.T) {
	s := NewSides(map[string][]string{"Acme Corp": {"acme"}})
	tests := []struct {
		speaker, role, want string
	}{
		{"Claudia Sheinbaum", "Mexican President", "Mexico"},
		{"Donald Trump", "United States President", "United States"},
		{"Donald Trump", "U.S. President", "United States"},
		{"Karen Bass", "American mayor", "United States"},
		{"White House", "", "United States"},
		{"Jane Roe", "a Democratic senator", "Democrats"},
		{"Jane Roe", "U.S. Senate Democratic Leader", "Democrats"}, // the party, not its country
		{"Jane Roe", "Republican U.S. Senator", "Republicans"},
		{"Ann Lee", "spokesperson for Acme", "Acme Corp"},
		{"Ann Lee", "spokesperson for Brightline Rail", "Brightline Rail"},
		{"Skarvik Shipping", "", "Skarvik Shipping"},
		{"The Wall Street Journal", "", ""},
		{"people familiar with the talks", "", ""},
		{"John Smith", "", ""},
		{"John Smith", "a man who told us", ""},                                     // "us" is a pronoun
		{"Means Committee", "House of Representatives Ways and", "Means Committee"}, // not the name cut short
	}
	for _, tt := range tests {
		if got := s.Of(tt.speaker, tt.role); got != tt.want {
			t.Errorf("Of(%q, %q) = %q, want %q", tt.speaker, tt.role, got, tt.want)
		}
	}
}

func TestLoadAliases(t *testing.T) {
	tests := []struct {
		in, err string
	}{
		{`{"Acme Corp": ["acme", "acme corporation"]}`, ""},
		{`[]`, "want a JSON object"},
		{`{"": ["x"]}`, "empty name"},
		{`{"Acme": ["..."]}`, "has no words"},
		{`{"Acme": ["a"]} {}`, "text after"},
	}
	for _, tt := range tests {
		_, err := LoadAliases(strings.NewReader(tt.in))
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("LoadAliases(%s): %v", tt.in, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("LoadAliases(%s) = %v, want an error with %q", tt.in, err, tt.err)
		case err != nil && quotes.ErrorCode(err) != quotes.EINVALID:
			t.Errorf("LoadAliases(%s): code %q, want invalid", tt.in, quotes.ErrorCode(err))
		}
	}
}

func FuzzLoadAliases(f *testing.F) {
	f.Add(`{"Acme Corp": ["acme"]}`)
	f.Add(`{"": []}`)
	f.Add(`{"A": ["u.s.", "U.S.A."]}`)
	f.Fuzz(func(t *testing.T, in string) {
		m, err := LoadAliases(strings.NewReader(in))
		if err != nil {
			return
		}
		s := NewSides(m)
		for side, as := range m {
			for _, a := range as {
				if ambiguousWords[aliasKey(a)] {
					continue // "us" in lower case is a pronoun
				}
				if got := s.Find(a); got == "" {
					t.Errorf("alias %q of %q finds no side", a, side)
				}
			}
		}
	})
}

// st is a statement for tests.
func st(speaker, side, cue, quote string) quotes.Statement {
	return quotes.Statement{QuoteID: speaker + "|" + quote, ArticleID: "a", Speaker: speaker, Side: side, Cue: cue, Quote: quote, Kind: quotes.KindDirect}
}

func TestStatementStance(t *testing.T) {
	claim := "Trump offered to send U.S. troops into Mexico"
	tests := []struct {
		name    string
		s       quotes.Statement
		context string
		want    quotes.Stance
	}{
		{"plain assertion", st("Donald Trump", "United States", "said", "I offered to send troops into Mexico"), "", quotes.StanceAsserts},
		{"confirmation by reference", st("Donald Trump", "United States", "said", "I offered to send troops into Mexico"), "It's true.", quotes.StanceConfirms},
		{"confirming cue", st("Donald Trump", "United States", "confirmed", "he offered to send troops into Mexico"), "", quotes.StanceConfirms},
		{"rejecting the offer confirms it", st("Claudia Sheinbaum", "Mexico", "said", "she rejected an offer from Trump to send troops into Mexico"), "", quotes.StanceConfirms},
		{"100% right", st("Donald Trump", "United States", "said", "if she said that I offered to send troops into Mexico she's 100% right"), "", quotes.StanceConfirms},
		{"denial word", st("Karen Lee", "United States", "said", "The claim that Trump offered to send troops into Mexico is false"), "", quotes.StanceDenies},
		{"not true", st("Karen Lee", "United States", "said", "Trump offered to send troops into Mexico? That is not true"), "", quotes.StanceDenies},
		{"negated verb", st("Karen Lee", "United States", "said", "Trump never offered to send troops into Mexico"), "", quotes.StanceDenies},
		{"negation elsewhere", st("Claudia Sheinbaum", "Mexico", "said", "Trump offered to send troops into Mexico, but we will not accept them"), "", quotes.StanceAsserts},
		{"denying cue", st("Karen Lee", "United States", "denied", "that Trump offered troops to Mexico"), "", quotes.StanceDenies},
		{"newspaper reports", st("The Wall Street Journal", "", "reported", "Trump offered to send troops into Mexico"), "", quotes.StanceReports},
		{"reporting cue", st("Ann Diaz", "", "according to", "Trump offered to send troops into Mexico"), "", quotes.StanceReports},
		{"left and right is no confirmation", st("Donald Trump", "United States", "said", "I offered to send troops into Mexico; they kill people left and right"), "", quotes.StanceAsserts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StatementStance(&tt.s, tt.s.Quote, tt.context, claim); got != tt.want {
				t.Errorf("stance of %q = %s, want %s", tt.s.Quote, got, tt.want)
			}
		})
	}
}

func TestVerdict(t *testing.T) {
	s := func(side string, stance quotes.Stance) quotes.Statement {
		return quotes.Statement{Speaker: "speaker of " + side, Side: side, Stance: stance}
	}
	media := quotes.Statement{Speaker: "The Daily Ledger", Stance: quotes.StanceReports}
	tests := []struct {
		name    string
		parties []string
		stmts   []quotes.Statement
		label   string
		both    bool
	}{
		{"both confirm", []string{"A", "B"}, []quotes.Statement{s("A", quotes.StanceConfirms), s("B", quotes.StanceConfirms)}, LabelBothSides, true},
		{"one asserts, other confirms", []string{"A", "B"}, []quotes.Statement{s("A", quotes.StanceAsserts), s("B", quotes.StanceConfirms)}, LabelBothSides, true},
		{"other denies", []string{"A", "B"}, []quotes.Statement{s("A", quotes.StanceAsserts), s("B", quotes.StanceDenies)}, LabelDisputed, false},
		{"both affirm but a third denies", []string{"A", "B", "C"}, []quotes.Statement{s("A", quotes.StanceAsserts), s("B", quotes.StanceConfirms), s("C", quotes.StanceDenies)}, LabelDisputed, false},
		{"other silent", []string{"A", "B"}, []quotes.Statement{s("A", quotes.StanceAsserts)}, LabelAssertedOne, false},
		{"one side confirms", []string{"A"}, []quotes.Statement{s("A", quotes.StanceConfirms)}, LabelConfirmedOne, false},
		{"only a newspaper", []string{"A", "B"}, []quotes.Statement{media}, LabelReported, false},
		{"only denial", []string{"A"}, []quotes.Statement{s("A", quotes.StanceDenies)}, LabelDenied, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, v := verdict(tt.parties, tt.stmts)
			if v.Label != tt.label || v.BothSides != tt.both {
				t.Errorf("verdict = %q (both sides %v), want %q (%v); summary %q", v.Label, v.BothSides, tt.label, tt.both, v.Summary)
			}
			if v.Summary == "" {
				t.Error("no summary")
			}
		})
	}
}

// coverage is three articles' statements: one claim told by both sides
// and reported by a newspaper, and an unrelated statement.
func coverage() []quotes.Statement {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	mk := func(id, article, speaker, role, cue, quote string, d int) quotes.Statement {
		return quotes.Statement{QuoteID: id, ArticleID: article, Speaker: speaker, Role: role, Cue: cue, Quote: quote,
			Kind: quotes.KindIndirect, Published: day(d)}
	}
	return []quotes.Statement{
		mk("q1", "a1", "Elaine Marchetti", "Canadian Trade Minister", "said", "Canada and the United States reached an agreement to cut lumber tariffs", 9),
		mk("q2", "a2", "Tom Whitcombe", "U.S. trade official", "confirmed", "the United States reached an agreement with Canada to cut lumber tariffs", 10),
		mk("q3", "a3", "The Daily Ledger", "", "reported", "the agreement to cut lumber tariffs was reached by Canada and the United States", 11),
		mk("q4", "a3", "Ann Diaz", "Mayor of Millbrook", "said", "the library will open on Sundays from next month", 11),
	}
}

func TestBuild(t *testing.T) {
	cs := New(nil).Build(coverage())
	if len(cs) != 1 {
		t.Fatalf("got %d claims, want 1: %+v", len(cs), cs)
	}
	c := cs[0]
	if len(c.Statements) != 3 {
		t.Fatalf("claim %q has %d statements, want 3", c.Text, len(c.Statements))
	}
	got := SpeakerStances(&c)
	want := map[string]quotes.Stance{
		"Elaine Marchetti": quotes.StanceAsserts,
		"Tom Whitcombe":    quotes.StanceConfirms,
		"The Daily Ledger": quotes.StanceReports,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stances = %v, want %v", got, want)
	}
	if !c.Verdict.BothSides || c.Verdict.Label != LabelBothSides {
		t.Errorf("verdict = %+v, want confirmed by both sides", c.Verdict)
	}
	if c.Articles != 3 || c.FirstSeen.Day() != 9 || c.LastSeen.Day() != 11 {
		t.Errorf("articles %d, first %v, last %v", c.Articles, c.FirstSeen, c.LastSeen)
	}
}

// TestBuildOrderIndependent holds the promise that the claims depend on
// the set of statements, not on the order they came in.
func TestBuildOrderIndependent(t *testing.T) {
	ss := coverage()
	want := New(nil).Build(ss)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20 {
		sh := append([]quotes.Statement(nil), ss...)
		r.Shuffle(len(sh), func(a, b int) { sh[a], sh[b] = sh[b], sh[a] })
		if got := New(nil).Build(sh); !reflect.DeepEqual(got, want) {
			t.Fatalf("shuffle %d: claims differ:\n got %+v\nwant %+v", i, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	tr := New(nil)
	var srcs []Source
	for _, s := range coverage() {
		srcs = append(srcs, Source{Article: quotes.Article{ID: s.ArticleID, Text: s.Speaker + " said " + s.Quote}, Statements: []quotes.Statement{s}})
	}
	r := tr.Check("Canada and the United States agreed to cut lumber tariffs", srcs)
	if !r.Found || len(r.Claim.Statements) != 3 {
		t.Fatalf("check found %v with %d statements, want 3", r.Found, len(r.Claim.Statements))
	}
	if !r.Claim.Verdict.BothSides {
		t.Errorf("verdict %+v, want both sides", r.Claim.Verdict)
	}
	r = tr.Check("Mars has two moons", srcs)
	if r.Found || r.Claim.Verdict.Label != LabelNoEvidence {
		t.Errorf("unrelated claim: found %v, verdict %q", r.Found, r.Claim.Verdict.Label)
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"It's true. They are horrible people.", []string{"It's true.", "They are horrible people."}},
		{"Mr. Smith went to Washington. He said no.", []string{"Mr. Smith went to Washington.", "He said no."}},
		{"The U.S. Army came in. It left.", []string{"The U.S. Army came in.", "It left."}},
		{"We can share information, but we will never accept it.", []string{"We can share information", "we will never accept it."}},
		{"cartels, six of which were designated", []string{"cartels", "six of which were designated"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := sentences(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("sentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("It's true. … They are horrible people, but we won't go.")
	f.Add("U.S. Mr. a.b. , which")
	f.Fuzz(func(t *testing.T, s string) {
		for _, x := range sentences(s) {
			if x == "" {
				t.Fatalf("empty sentence from %q", s)
			}
		}
		words(s)
		_ = leadOf(s, quotes.Quote{Text: "x", Start: len(s) / 2})
	})
}

// BenchmarkBuild groups and classifies synthetic statements made from a
// vocabulary of topics, 1,000 per iteration; see BenchmarkBuild100k for
// the figure.
func BenchmarkBuild(b *testing.B) { benchBuild(b, 1000) }

// BenchmarkBuild100k groups and classifies 100,000 statements.
func BenchmarkBuild100k(b *testing.B) { benchBuild(b, 100_000) }

func benchBuild(b *testing.B, n int) {
	ss := synthetic(n)
	tr := New(nil)
	b.ResetTimer()
	for b.Loop() {
		tr.Build(ss)
	}
	b.ReportMetric(float64(n), "statements/op")
}

// synthetic makes n statements: topics of four rare words each, told by
// several speakers with common filler words, so that the grouping works
// as on news: many small claims among a mass of unrelated quotes.
func synthetic(n int) []quotes.Statement {
	r := rand.New(rand.NewPCG(3, 4))
	filler := strings.Fields("government plan city people country year report week market price police court school team water power")
	topic := func(k int) string {
		return fmt.Sprintf("zq%da zq%db zq%dc zq%dd", k, k, k, k)
	}
	out := make([]quotes.Statement, n)
	for i := range out {
		k := r.IntN(n / 3)
		q := fmt.Sprintf("the %s %s and the %s %s", topic(k), filler[r.IntN(len(filler))], filler[r.IntN(len(filler))], filler[r.IntN(len(filler))])
		out[i] = quotes.Statement{QuoteID: fmt.Sprint("q", i), ArticleID: fmt.Sprint("a", i/10), Speaker: fmt.Sprint("Speaker ", r.IntN(500)),
			Role: []string{"Mexican official", "U.S. official", "", "Canadian minister"}[r.IntN(4)], Cue: "said", Quote: q, Kind: quotes.KindIndirect}
	}
	return out
}

// TestBuildUniqueIDs holds the promise that no two listed claims share an
// id, on many small claims among unrelated quotes.
func TestBuildUniqueIDs(t *testing.T) {
	seen := map[string]string{}
	for _, c := range New(nil).Build(synthetic(5000)) {
		if prev, ok := seen[c.ID]; ok {
			t.Fatalf("claims %q and %q share the id %s", prev, c.Text, c.ID)
		}
		seen[c.ID] = c.Text
	}
	if len(seen) == 0 {
		t.Fatal("no claims built")
	}
}

// TestBuildTwoClaimsSameSpeakers: two speakers who each say the same two
// things in one quote make two claims, with two ids.
func TestBuildTwoClaimsSameSpeakers(t *testing.T) {
	q := func(id, article, speaker, role string) quotes.Statement {
		return quotes.Statement{QuoteID: id, ArticleID: article, Speaker: speaker, Role: role, Cue: "said", Kind: quotes.KindDirect,
			Quote: "The Harbour Bridge toll will rise to four dollars in March. The ferry timetable from Quay Point will add three late crossings on weekends."}
	}
	cs := New(nil).Build([]quotes.Statement{
		q("q1", "a1", "Elaine Marchetti", "Canadian Trade Minister"),
		q("q2", "a2", "Tom Whitcombe", "U.S. trade official"),
	})
	if len(cs) != 2 {
		t.Fatalf("got %d claims, want 2: %+v", len(cs), cs)
	}
	if cs[0].ID == cs[1].ID {
		t.Errorf("claims %q and %q share the id %s", cs[0].Text, cs[1].Text, cs[0].ID)
	}
}

func TestUnnamed(t *testing.T) {
	for _, tt := range []struct {
		speaker string
		want    bool
	}{
		{"a U.S. official", true},
		{"the person close to the matter", true},
		{"senior administration officials", true},
		{"two people familiar with the talks", true},
		{"the White House", false},
		{"the spokesman for Britain", false},
		{"Jane Alvarez", false},
		{"Skarvik Shipping", false},
		{"", false},
	} {
		if got := Unnamed(tt.speaker); got != tt.want {
			t.Errorf("Unnamed(%q) = %v, want %v", tt.speaker, got, tt.want)
		}
	}
}

// TestRoleAround: the words right before a speaker's first mention are
// their role only when they are a title, not the words a name is the
// object or the partner of.
func TestRoleAround(t *testing.T) {
	tests := []struct{ text, speaker, want string }{
		{"Trump campaign manager Corey Lewandowski said it was false.", "Corey Lewandowski", "Trump campaign manager"},
		{"Bosses of Acme Rail and the Dunmore Stock Exchange are to meet.", "Dunmore Stock Exchange", ""},
		{"A bid from Acme Rail was rejected by the Dunmore Stock Exchange.", "Dunmore Stock Exchange", ""},
		{"Shares rose. Secretary of State Ada Quist said so.", "Ada Quist", "Secretary of State"},
		{"Ada Quist, the city's mayor, said so.", "Ada Quist", "the city's mayor"},
	}
	for _, tt := range tests {
		if got := roleAround(tt.text, tt.speaker); got != tt.want {
			t.Errorf("roleAround(%q, %q) = %q, want %q", tt.text, tt.speaker, got, tt.want)
		}
	}
}
