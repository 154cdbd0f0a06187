package quotes

import (
	"context"
	"time"
)

// Stance is how a statement, or a whole text, bears on a claim.
type Stance string

// The stances the claim tracker tells apart.
const (
	// StanceConfirms: the speaker affirms a claim already on the table
	// ("It's true", "she's 100% right"), or affirms it together with a
	// speaker of another side.
	StanceConfirms Stance = "confirms"
	// StanceDenies: the speaker says the claim is false.
	StanceDenies Stance = "denies"
	// StanceAsserts: the speaker states the claim as their own.
	StanceAsserts Stance = "asserts"
	// StanceReports: a third party (a newspaper, unnamed sources) relays
	// the claim, or a text discusses it without taking a side.
	StanceReports Stance = "reports"
	// StanceUnrelated: the text does not bear on the claim at all.
	StanceUnrelated Stance = "unrelated"
)

// Stances lists the stances a statement in a claim can have.
var Stances = []Stance{StanceConfirms, StanceDenies, StanceAsserts, StanceReports}

// Valid reports whether s is one of the known stances, unrelated included.
func (s Stance) Valid() bool {
	switch s {
	case StanceConfirms, StanceDenies, StanceAsserts, StanceReports, StanceUnrelated:
		return true
	}
	return false
}

// Affirms reports whether the stance holds the claim true: confirms or
// asserts.
func (s Stance) Affirms() bool { return s == StanceConfirms || s == StanceAsserts }

// Statement is one quote read as a statement about a claim: who said it,
// for which side, and with which stance.
type Statement struct {
	// QuoteID is the id of the quote the statement comes from.
	QuoteID   string `json:"quote_id"`
	ArticleID string `json:"article_id"`
	// Quote is the statement's text: the quote's text, or for a quote
	// spoken by several speakers the same text once per speaker.
	Quote   string `json:"quote"`
	Kind    Kind   `json:"kind"`
	Speaker string `json:"speaker"`
	// Role is the speaker's role as the article gives it.
	Role string `json:"role,omitempty"`
	// Side is the country, government, party, company or camp the
	// speaker stands for ("Mexico", "United States", "Democrats");
	// empty when the article ties the speaker to none.
	Side   string `json:"side"`
	Cue    string `json:"cue,omitempty"`
	Stance Stance `json:"stance"`
	// Because holds the words that decided the stance ("absolutely
	// false", "should concede", "confirmed"); empty for a plain
	// assertion.
	Because string `json:"because,omitempty"`
	// Sentence is the sentence around the quote, the context an editor
	// reads the stance in.
	Sentence string `json:"sentence,omitempty"`
	// Lead is the article's sentence before the quote, kept for a short
	// statement that leans on it ("Trump confirmed that he made the
	// offer": which offer is said just before).
	Lead string `json:"lead,omitempty"`
	// Start and End are the quote's byte offsets in its article.
	Start     int       `json:"start"`
	End       int       `json:"end"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Outlet    string    `json:"outlet,omitempty"`
	Published time.Time `json:"published,omitzero"`
}

// SideStances is what one side said about a claim.
type SideStances struct {
	Side string `json:"side"`
	// Stance is the side's overall stance: denies if any speaker of the
	// side denies, else confirms, asserts or reports, in that order; empty
	// when the side is involved but said nothing (silent).
	Stance   Stance   `json:"stance,omitempty"`
	Speakers []string `json:"speakers,omitempty"`
}

// Verdict answers "was this claim confirmed by both sides?".
type Verdict struct {
	// BothSides is true when the claim involves two or more sides, a
	// speaker of each confirms or asserts it, and none of them denies it.
	BothSides bool `json:"both_sides"`
	// Label is the verdict in a word: "confirmed by both sides",
	// "disputed", "confirmed by one side", "asserted by one side",
	// "denied", "only reported".
	Label string `json:"label"`
	// Code is the verdict as one of the fixed codes VerdictBothSides …
	// VerdictNone, one for each label ("confirmed by one side" and
	// "asserted by one side" are both VerdictOneSide).
	Code string `json:"code"`
	// Summary says in a sentence which side confirmed, denied, stayed
	// silent or only reported.
	Summary   string   `json:"summary"`
	Confirmed []string `json:"confirmed,omitempty"`
	Asserted  []string `json:"asserted,omitempty"`
	Denied    []string `json:"denied,omitempty"`
	Silent    []string `json:"silent,omitempty"`
	Reported  []string `json:"reported,omitempty"`
}

// The verdict codes: a fixed set a script can switch on.
const (
	VerdictBothSides    = "both-sides"    // two opposing parties confirm or assert it, none denies
	VerdictOneSide      = "one-side"      // one party confirms or asserts, the others are silent
	VerdictDisputed     = "disputed"      // one party confirms or asserts, another denies
	VerdictDenied       = "denied"        // denied, and nobody confirms
	VerdictReportedOnly = "reported-only" // only third parties relay it
	VerdictNone         = "none"          // nothing bears on it
)

// VerdictCodes lists the verdict codes, strongest answer first.
var VerdictCodes = []string{VerdictBothSides, VerdictOneSide, VerdictDisputed, VerdictDenied, VerdictReportedOnly, VerdictNone}

// Claim is one proposition and every statement found about it, across
// articles, outlets and speakers.
type Claim struct {
	// ID is stable for the same set of statements.
	ID string `json:"id"`
	// Text is the clearest statement of the claim.
	Text string `json:"text"`
	// Parties are the sides the claim involves: those of its speakers and
	// those its statements name.
	Parties []string `json:"parties"`
	// Sides is each party's stance, in the order of Parties.
	Sides      []SideStances `json:"sides"`
	Statements []Statement   `json:"statements"`
	Verdict    Verdict       `json:"verdict"`
	// FirstSeen and LastSeen are the earliest and latest publication
	// dates of its articles; zero when none is dated.
	FirstSeen time.Time `json:"first_seen,omitzero"`
	LastSeen  time.Time `json:"last_seen,omitzero"`
	// Articles counts the distinct articles the statements come from.
	Articles int `json:"articles"`
}

// ClaimRequest asks for claims.
type ClaimRequest struct {
	// Query keeps claims whose text or statements contain all its words;
	// empty keeps all.
	Query string
	// Speaker and Side keep claims with a statement by that speaker or
	// from that side (case-insensitive); empty means any.
	Speaker string
	Side    string
	// Verdict keeps claims with that verdict label, or "both-sides" for
	// claims confirmed by both sides; empty means any.
	Verdict string
	// All keeps claims that fewer than MinParties sides speak to as well.
	// By default a list holds only what two parties or more have spoken
	// to: one side's words alone are a quote, not yet a claim to track.
	All bool
	// Offset and Size page through the claims, most statements first.
	Offset, Size int
}

// MinParties is the fewest sides whose speakers must speak to a claim
// for it to be listed without ClaimRequest.All.
const MinParties = 2

// SpeakingSides returns how many sides speak to a claim: the distinct
// sides of its statements' speakers (news outlets and unnamed sources
// have none).
func (c *Claim) SpeakingSides() int {
	seen := map[string]bool{}
	for _, s := range c.Statements {
		if s.Side != "" {
			seen[s.Side] = true
		}
	}
	return len(seen)
}

// ClaimList is one page of claims.
type ClaimList struct {
	Total  int     `json:"total"`
	Claims []Claim `json:"claims"`
}

// CheckResult is the answer to a claim typed by a person: the statements
// in the index that bear on it, their stances, and the verdict.
type CheckResult struct {
	Claim Claim `json:"claim"`
	// Found is false when nothing in the index bears on the claim.
	Found bool `json:"found"`
}

// ClaimService is what the HTTP server needs from the claim tracker.
type ClaimService interface {
	// Claims returns one page of the claims matching req.
	Claims(ctx context.Context, req ClaimRequest) (*ClaimList, error)
	// Claim returns the claim with the given id, or an ENOTFOUND error.
	Claim(ctx context.Context, id string) (*Claim, error)
	// Check finds the statements that bear on the claim text and gives
	// their stances and the verdict.
	Check(ctx context.Context, claim string) (*CheckResult, error)
}
