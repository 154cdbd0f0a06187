package claims

import (
	"strings"
	"testing"
	"time"

	quotes "github.com/quotesproject/quotes"
)

func TestClaimSentence(t *testing.T) {
	tests := []struct {
		name                     string
		speaker, cue, sent, text string
		want                     string
	}{
		{"the sentence names the speaker", "Ann Diaz", "said",
			"Mayor Ann Diaz said the library will open on Sundays.", "the library will open on Sundays",
			"Mayor Ann Diaz said the library will open on Sundays."},
		{"a pronoun by the cue is the speaker", "Ann Diaz", "said",
			"“The library will open on Sundays,” she said.", "The library will open on Sundays",
			"“The library will open on Sundays,” Ann Diaz said."},
		{"a cue before the pronoun", "Ann Diaz", "said",
			"“The library will open on Sundays,” said she.", "The library will open on Sundays",
			"“The library will open on Sundays,” said Ann Diaz."},
		{"a pronoun away from the cue stays", "Ann Diaz", "said",
			"The mayor, who says she reads daily, said the library will open on Sundays.", "the library will open on Sundays",
			"The mayor, who says she reads daily, said the library will open on Sundays."},
		{"a wire dateline goes", "Tom Whitcombe", "said",
			"OTTAWA (Reuters) - Tom Whitcombe said the tariffs would be cut.", "the tariffs would be cut",
			"Tom Whitcombe said the tariffs would be cut."},
		{"no sentence: the speaker and the words", "Tom Whitcombe", "said",
			"", "the tariffs would be cut",
			"Tom Whitcombe: “the tariffs would be cut”"},
		{"an unnamed source is left out", "officials", "said",
			"", "the tariffs would be cut",
			"the tariffs would be cut"},
		{"a sentence too long", "Tom Whitcombe", "said",
			"Tom Whitcombe said the tariffs would be cut" + strings.Repeat(", and more", 40) + ".", "the tariffs would be cut",
			"Tom Whitcombe: “the tariffs would be cut”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := quotes.Statement{Speaker: tt.speaker, Cue: tt.cue, Sentence: tt.sent}
			if got := claimSentence(&s, tt.text); got != tt.want {
				t.Errorf("claimSentence = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOpposed(t *testing.T) {
	s := NewSides(map[string][]string{"Liberal Democrats": {"lib dems", "within:United Kingdom"}})
	tests := []struct {
		a, b string
		want bool
	}{
		{"Mexico", "United States", true},
		{"Democrats", "Republicans", true},
		{"Democrats", "United States", false}, // a party of the country
		{"United States", "Republicans", false},
		{"Labour", "Conservatives", true},
		{"Liberal Democrats", "United Kingdom", false}, // the user's table
		{"Liberal Democrats", "Labour", true},
		{"Mexico", "Mexico", false},
	}
	for _, tt := range tests {
		if got := s.Opposed(tt.a, tt.b); got != tt.want {
			t.Errorf("Opposed(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	if _, err := LoadAliases(strings.NewReader(`{"Acme": ["within: "]}`)); err == nil {
		t.Error(`LoadAliases accepted "within:" naming no side`)
	}
	if NewSides().Fingerprint() == s.Fingerprint() {
		t.Error("a table that places a side within another has the default table's fingerprint")
	}
}

// TestListBothSides holds the claims list to "confirmed by both sides"
// only for two opposed parties the claim names, each affirming it
// clearly; agreeing bystanders, or one country's party and government,
// are one side.
func TestListBothSides(t *testing.T) {
	day := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	mk := func(id, speaker, role, cue, quote, sentence string) quotes.Statement {
		return quotes.Statement{QuoteID: id, ArticleID: id, Speaker: speaker, Role: role, Cue: cue, Quote: quote,
			Sentence: sentence, Kind: quotes.KindIndirect, Published: day}
	}
	tests := []struct {
		name  string
		stmts []quotes.Statement
		both  bool
	}{
		{"two named parties of two countries", []quotes.Statement{
			mk("a", "Elaine Marchetti", "Canadian Trade Minister", "said", "Canada and the United States reached an agreement to cut lumber tariffs",
				"Elaine Marchetti said Canada and the United States reached an agreement to cut lumber tariffs."),
			mk("b", "Tom Whitcombe", "U.S. trade official", "confirmed", "the United States reached an agreement with Canada to cut lumber tariffs",
				"Tom Whitcombe confirmed the United States reached an agreement with Canada to cut lumber tariffs."),
		}, true},
		{"two named parties each putting it forward, neither confirming", []quotes.Statement{
			mk("a", "Elaine Marchetti", "Canadian Trade Minister", "said", "Canada and the United States reached an agreement to cut lumber tariffs",
				"Elaine Marchetti said Canada and the United States reached an agreement to cut lumber tariffs."),
			mk("b", "Tom Whitcombe", "U.S. trade official", "said", "the United States reached an agreement with Canada to cut lumber tariffs",
				"Tom Whitcombe said the United States reached an agreement with Canada to cut lumber tariffs."),
		}, false},
		{"one quote two parties share", []quotes.Statement{
			{QuoteID: "j", ArticleID: "j", Speaker: "Elaine Marchetti", Role: "Canadian Trade Minister", Cue: "described",
				Quote: "the lumber talks in Ottawa as productive", Kind: quotes.KindIndirect, Published: day,
				Sentence: "Both Elaine Marchetti and Tom Whitcombe described the lumber talks in Ottawa as productive."},
			{QuoteID: "j", ArticleID: "j", Speaker: "Tom Whitcombe", Role: "U.S. trade official", Cue: "described",
				Quote: "the lumber talks in Ottawa as productive", Kind: quotes.KindIndirect, Published: day,
				Sentence: "Both Elaine Marchetti and Tom Whitcombe described the lumber talks in Ottawa as productive."},
		}, true},
		{"a party and its own country's government", []quotes.Statement{
			mk("a", "Jane Roe", "Democratic senator", "said", "the harbour bill will raise port fees for cargo ships next year",
				"Jane Roe said the harbour bill will raise port fees for cargo ships next year."),
			mk("b", "Tom Whitcombe", "U.S. trade official", "said", "the harbour bill will raise port fees for cargo ships next year",
				"Tom Whitcombe said the harbour bill will raise port fees for cargo ships next year."),
		}, false},
		{"bystanders the claim does not name", []quotes.Statement{
			mk("a", "Ann Lee", "Mexican economist", "said", "the new tariffs on avocados will lift prices in spring",
				"“The new tariffs on avocados will lift prices in spring,” an economist said."),
			mk("b", "Bob Ng", "Canadian analyst", "said", "the new tariffs on avocados will lift prices in spring markets",
				"“The new tariffs on avocados will lift prices in spring markets,” an analyst said."),
		}, false},
		{"sides read off roles, not in the table", []quotes.Statement{
			mk("a", "Ann Lee", "spokesperson for Halvorsen Freight", "said", "Halvorsen Freight and Brightline Rail agreed to share the Quay Point depot",
				"Ann Lee said Halvorsen Freight and Brightline Rail agreed to share the Quay Point depot."),
			mk("b", "Bob Ng", "spokesperson for Brightline Rail", "confirmed", "Halvorsen Freight and Brightline Rail agreed to share the Quay Point depot",
				"Bob Ng confirmed Halvorsen Freight and Brightline Rail agreed to share the Quay Point depot."),
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := New(nil).Build(tt.stmts)
			if len(cs) != 1 {
				t.Fatalf("got %d claims, want 1: %+v", len(cs), cs)
			}
			if got := cs[0].Verdict.BothSides; got != tt.both {
				t.Errorf("claim %q: both sides %v, want %v (%s)", cs[0].Text, got, tt.both, cs[0].Verdict.Summary)
			}
			if v := cs[0].Verdict; !v.BothSides && len(v.Confirmed)+len(v.Asserted) >= 2 && !strings.HasPrefix(v.Summary, "Not confirmed by both sides") {
				t.Errorf("summary %q of a claim two sides affirm without being both sides does not say so", v.Summary)
			}
		})
	}
}

// TestListNamesAloneAreNoClaim: statements that share only who they are
// about ("Vice President Mike Pence") say different things of him and are
// not one claim.
func TestListNamesAloneAreNoClaim(t *testing.T) {
	day := time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)
	mk := func(id, speaker, quote string) quotes.Statement {
		return quotes.Statement{QuoteID: id, ArticleID: id, Speaker: speaker, Cue: "said", Quote: quote, Kind: quotes.KindIndirect, Published: day}
	}
	cs := New(nil).Build([]quotes.Statement{
		mk("a", "Ann Lee", "Vice President Walter Penhaligon Crabtree will visit Oslo"),
		mk("b", "Bob Ng", "Vice President Walter Penhaligon Crabtree cast the deciding vote"),
	})
	if len(cs) != 0 {
		t.Errorf("got %d claims, want none: %q", len(cs), cs[0].Text)
	}
}

func TestToldMe(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"President Trump, in one of our calls, told me that the army should come in", "told me"},
		{"They offered us a deal", "offered us"},
		{"Nobody told me anything", ""}, // no one told: no account of words said
		{"He never told me that", ""},
		{"I told him no", ""},
	}
	for _, tt := range tests {
		got, _ := toldMe(words(tt.in))
		if got != tt.want {
			t.Errorf("toldMe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
