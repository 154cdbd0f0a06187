// Package claims tracks facts across articles: it reads extracted quotes
// as statements, ties each speaker to a side, groups statements about the
// same proposition into claims, classifies each statement's stance toward
// its claim, and says whether the claim is confirmed by both sides.
//
// # Statements and sides
//
// Statements turns an article's quotes into statements, one per quote and
// speaker, with the role the article gives the speaker anywhere (or the
// words around the speaker's name). A Sides table maps roles and names to
// sides: "Mexican President" → Mexico, "U.S. trade official" → United
// States, "spokesperson for Acme Corp" → Acme Corp; news outlets and
// unnamed sources have no side. Sides are given when claims are built, so
// a new alias table applies to statements already stored.
//
// # Claims
//
// Tracker.Build splits statements by the quarter they were published in
// (period.go: claims of different quarters are never one, which keeps the
// build linear and lets a store regroup only the quarters an ingest
// touched), cuts each quarter's statements into sentence units, weighs
// their words by inverse document frequency, and groups them by
// average-link clustering (see group.go); a statement whose sentence is
// near a claim's text joins it afterwards. The result depends on the set
// of statements only, never on their order. Each statement's stance is read by rules (stance.go):
// reports for third parties, denies for denials and for negation over the
// claim's words, confirms for confirmation by reference ("It's true") or
// by acting on the thing claimed ("rejected the offer"), asserts
// otherwise; an assertion by a second side after the first becomes a
// confirmation. The verdict (verdict.go) sums stances up by side.
//
// Tracker.Check reads a claim typed by a person against the articles
// found for it (frame.go, check.go): the claim is read as a frame (its
// actors, event words and core), an article counts when it is about the
// same event, a statement when it holds the claim's core and is about its
// subject. Sides are taken toward the claim (the actor a speaker is or
// speaks for), stances come from the ordered rule table of stance.go with
// the words that decided them, and only two of the claim's own parties
// affirming it make "confirmed by both sides".
//
// # Text versus claim
//
// PairCorpus (pair.go) gives the overall stance of a whole text (an
// article body, a headline) toward a claim: confirms, denies, reports or
// unrelated. It is what "quotes check --pairs" runs, and it is measured on
// FNC-1 and Emergent by "quotes eval --stance".
//
// The package knows the domain types of package quotes and nothing of
// storage or HTTP.
package claims
