// Package claims tracks facts across articles: it reads extracted quotes
// as statements, ties each speaker to a side, groups statements about the
// same proposition into claims, classifies each statement's stance toward
// its claim, and says whether the claim is confirmed by both sides.
package claims
