// Package eval scores a quotes.Extractor against hand-annotated ("gold")
// quotes: span precision and recall, exact spans, the Gender Gap Tracker's
// coverage rules, speaker and cue accuracy and end-to-end attribution.
//
// # Gold files
//
// Load reads two formats; in both, offsets are UTF-8 byte offsets into the
// article text and unknown fields are ignored.
//
//   - JSON lines (.jsonl): one document a line, {"id", "source", "outlet",
//     "published", "title", "text", "quotes": [...]}. Lines may be longer
//     than a megabyte.
//   - One document (NAME.gold.json): {"id", "source", "published",
//     "quotes": [...], "not_quotes": [{"text", "start", "end", "why"}]},
//     whose article text is the sibling file NAME.txt (unless the object
//     has a "text" itself). "source" is then the outlet.
//
// A quote is {"quote", "start", "end", "kind", "speaker", "speakers",
// "speaker_mention", "speaker_start", "speaker_end", "cue", "cue_start",
// "cue_end", "speech", "no_source"}; start, end and kind are required, and
// 0 <= start <= end <= len(text) must hold for every span. When "quote" is
// given it must equal the text at start:end (which catches offsets counted
// in characters instead of bytes). A folder is read recursively for files
// of both kinds.
//
// # Scoring rules
//
// Spans are half-open byte ranges [start, end); the overlap of two spans is
// the number of bytes they share. The rules apply to each document apart.
//
// Match. A prediction matches a gold quote when their spans overlap by at
// least half of the longer span (and by at least one byte). Matching is
// one-to-one and greedy: candidate pairs are taken largest overlap first
// (ties: earlier gold, then earlier prediction), skipping pairs whose gold
// or prediction is already taken.
//
// Repeated gold text. Some gold files give the offsets of an earlier
// occurrence of a text that appears more than once in the article. After
// the main pass, each unmatched gold quote (in gold order) whose text
// occurs more than once in the article matches the first unmatched
// prediction whose text is the same. Texts are compared after trimming
// spaces, punctuation and quotation marks from both ends, case-sensitively.
//
// Nested predictions. The extractor reports a partial quote inside the
// indirect quote that holds it (a "mixed" quote) as two predictions, and a
// quote within a quote as two direct ones. An unmatched prediction whose
// span lies inside the span of another, longer prediction is neutral: it
// counts neither for nor against (it is part of the containing one).
//
// Subsets. A subset is a predicate on gold quotes and the set of predicted
// kinds it covers. For a subset S: TP are the matches whose gold is in S;
// FN the gold quotes in S left unmatched; FP the unmatched, non-neutral
// predictions whose kind S covers and which do not overlap any gold quote
// outside S by the match rule (nor by the rule of the matching at hand,
// below). Predictions matched to gold outside S are not counted in S.
// Predicted = TP + FP. Gold kinds map to predicted kinds: direct → direct,
// indirect and mixed → indirect, partial → partial, nested (a quote within
// a quote) → direct; any other gold kind maps to the predicted kind of the
// same name (e.g. "belief"). The subsets are:
//
//   - all: every gold quote, every predicted kind;
//   - kinds K1,K2,…: gold quotes of those kinds, and the predicted kinds
//     they map to;
//   - speech: gold quotes not marked "speech": false, and the predicted
//     kinds direct, partial and indirect (a later kind such as "belief"
//     counts only in all and in kinds naming it).
//
// Precision = TP/(TP+FP), recall = TP/gold and F1 their harmonic mean; each
// is 0 when its denominator is.
//
// Exact span. A match is exact when both spans are identical after
// trimming spaces, punctuation and quotation marks from both ends of each
// (a match made by the repeated-text rule is exact: its trimmed texts are
// equal). Exact precision and recall are exact matches over the same
// predicted and gold counts.
//
// Coverage (the Gender Gap Tracker's rule). The matching is made again
// with a weaker condition: a prediction matches a gold quote when it covers
// at least 30% of the gold span, and, stricter, at least 80%; each is
// one-to-one and greedy by overlap, followed by the repeated-text and
// nested rules, and scored as above.
//
// Speaker. Over the matches of S, the rule depends on what the gold
// gives. Names are normalised by lower-casing, dropping the possessive 's,
// punctuation at word ends, and titles and honorifics (President, Mr, Mrs,
// Ms, Dr, Sen., Gov., Rep., Secretary, the, Jr., …) unless nothing else is
// left. A gold quote with no speaker (no source) is right only when the
// prediction has no speaker either (a gold quote has no speaker when it has
// no speaker name, mention or span).
//
//   - Gold with a speaker span marks mentions without resolving them
//     (PolNeAR): the speaker is right when the prediction's
//     SpeakerStart:SpeakerEnd overlaps the gold span (an end of 0, or not
//     after the start, means no span), or when the normalised predicted
//     Speaker has the same last word as the gold speaker, one of the gold
//     speakers or the gold speaker_mention.
//   - Gold without a speaker span resolves speakers to names (news40, the
//     seed): the predicted Speaker must name that entity, as a reader would
//     judge it. A pronoun is wrong; the same normalised words are right.
//     Several predicted speakers (Speakers) are right when the last word
//     of each is a word of the gold speaker or speakers. Where a gold speaker or one of the gold
//     speakers is a name, the prediction must be a name (not a description:
//     one starting in lower case, or of title words only) with the same last
//     word and no conflicting first word when both give one (an initial
//     agrees with the names it begins). Where the gold is an unnamed source
//     (a description: "a spokesman", "analysts"), the prediction must be a
//     description sharing its head word. The gold mention gives no credit.
//
// Cue. Over the matches of S whose gold has a cue (text or span), a cue is
// right when the normalised cue texts are equal (lower case, single
// spaces, no punctuation at the ends), or when both have cue spans and they
// overlap.
//
// End to end. TP are the matches of S whose speaker is right; precision
// and recall are over the same predicted and gold counts as the span.
//
// Not quotes. A gold file may list spans that are not quotes (titles,
// scare quotes). Every prediction overlapping one of them by at least half
// of the shorter of the two spans is counted, whatever its subset.
//
// Throughput is the article text in MB (10^6 bytes) through Extract per
// second spent in Extract, on one goroutine.
package eval

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	quotes "github.com/quotesproject/quotes"
)

// Doc is one gold document: an article and its annotated quotes.
type Doc struct {
	// File is the gold file the document was read from, and Line its line
	// in a JSON-lines file (0 for a .gold.json file).
	File string `json:"file"`
	Line int    `json:"line,omitempty"`

	ID     string `json:"id"`
	Outlet string `json:"outlet,omitempty"`
	Title  string `json:"title,omitempty"`
	// Published is the date as the gold file gives it; Load has checked
	// that quotes.ParseTime reads it.
	Published string `json:"published,omitempty"`
	Text      string `json:"text"`

	Gold      []Gold     `json:"quotes"`
	NotQuotes []NotQuote `json:"not_quotes,omitempty"`
}

// Gold is one annotated quote. Spans are UTF-8 byte offsets into the
// document's text; a speaker or cue span whose end is not after its start
// is absent.
type Gold struct {
	Text  string `json:"quote"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// Kind is the gold kind: direct, indirect, partial, mixed (indirect
	// speech holding a partial quote), nested (a quote within a quote) or
	// another name.
	Kind           string   `json:"kind"`
	Speaker        string   `json:"speaker"`
	Speakers       []string `json:"speakers,omitempty"`
	SpeakerMention string   `json:"speaker_mention"`
	SpeakerStart   int      `json:"speaker_start,omitempty"`
	SpeakerEnd     int      `json:"speaker_end,omitempty"`
	Cue            string   `json:"cue"`
	CueStart       int      `json:"cue_start,omitempty"`
	CueEnd         int      `json:"cue_end,omitempty"`
	// Speech is false only when the gold marks the quote "speech": false
	// (a reported belief, finding or intention).
	Speech bool `json:"speech"`
	// NoSource is the gold's no_source flag: an attribution without a
	// source. Scoring goes by the speaker fields: a quote with no speaker,
	// mention or speaker span has no source.
	NoSource bool `json:"no_source,omitempty"`
}

// NotQuote is a span the gold marks as not a quote, and why.
type NotQuote struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Why   string `json:"why"`
}

// Article returns the article to give the extractor: the document's id,
// title, outlet, publication date and text.
func (d *Doc) Article() quotes.Article {
	a := quotes.Article{ID: d.ID, Title: d.Title, Outlet: d.Outlet, Text: d.Text}
	if strings.TrimSpace(d.Published) != "" {
		// Load has checked the date; a bad one stays zero.
		if t, err := quotes.ParseTime(d.Published); err == nil {
			a.Published = t
		}
	}
	return a
}

// PredictedKind returns the predicted kind that a gold kind maps to:
// direct → direct, indirect and mixed → indirect, partial → partial,
// nested → direct, any other kind → the kind of the same name.
func PredictedKind(goldKind string) quotes.Kind {
	switch goldKind {
	case "mixed":
		return quotes.KindIndirect
	case "nested":
		return quotes.KindDirect
	}
	return quotes.Kind(goldKind)
}

// GoldKinds are the gold kinds the package knows, in the order rows are
// printed.
var GoldKinds = []string{"direct", "partial", "indirect", "mixed", "nested"}

// Subset selects the gold quotes and the predicted kinds a row of the
// report is scored on. Build one with All, Speech or Kinds.
type Subset struct {
	// Name names the row: "all", "speech" or the kinds joined by commas.
	Name string

	kinds  map[string]bool      // gold kinds; nil for any
	speech bool                 // only gold not marked speech: false
	pred   map[quotes.Kind]bool // predicted kinds; nil for any
}

// All is the subset of every gold quote and every predicted kind.
func All() Subset { return Subset{Name: "all"} }

// Speech is the subset of gold quotes not marked "speech": false, with the
// predicted kinds direct, partial and indirect.
func Speech() Subset {
	return Subset{
		Name:   "speech",
		speech: true,
		pred: map[quotes.Kind]bool{
			quotes.KindDirect: true, quotes.KindPartial: true, quotes.KindIndirect: true,
		},
	}
}

// Kinds is the subset of the gold quotes of the given kinds, with the
// predicted kinds they map to (see PredictedKind).
func Kinds(kinds ...string) Subset {
	s := Subset{kinds: map[string]bool{}, pred: map[quotes.Kind]bool{}}
	var names []string
	for _, k := range kinds {
		if k == "" || s.kinds[k] {
			continue
		}
		s.kinds[k] = true
		s.pred[PredictedKind(k)] = true
		names = append(names, k)
	}
	s.Name = strings.Join(names, ",")
	return s
}

// HasGold reports whether the gold quote g is in the subset.
func (s Subset) HasGold(g Gold) bool {
	if s.speech && !g.Speech {
		return false
	}
	return s.kinds == nil || s.kinds[g.Kind]
}

// HasPred reports whether the subset covers the predicted kind k.
func (s Subset) HasPred(k quotes.Kind) bool {
	return s.pred == nil || s.pred[k]
}

// DefaultSubsets returns the rows printed by default: all, one per gold
// kind present in docs (known kinds first, in GoldKinds order), and speech.
func DefaultSubsets(docs []Doc) []Subset {
	seen := map[string]bool{}
	for i := range docs {
		for _, g := range docs[i].Gold {
			seen[g.Kind] = true
		}
	}
	out := []Subset{All()}
	for _, k := range GoldKinds {
		if seen[k] {
			out = append(out, Kinds(k))
			delete(seen, k)
		}
	}
	rest := make([]string, 0, len(seen))
	for k := range seen {
		rest = append(rest, k)
	}
	sort.Strings(rest)
	for _, k := range rest {
		out = append(out, Kinds(k))
	}
	return append(out, Speech())
}

// KindsIn returns the gold kinds of docs, sorted.
func KindsIn(docs []Doc) []string {
	var ks []string
	for i := range docs {
		for _, g := range docs[i].Gold {
			if !slices.Contains(ks, g.Kind) {
				ks = append(ks, g.Kind)
			}
		}
	}
	sort.Strings(ks)
	return ks
}

// Run extracts the quotes of each document with x, one document at a time
// on the calling goroutine, and returns them with the time each Extract
// call took (only the call is timed). It stops early, returning ctx's
// error, when ctx is done.
func Run(ctx context.Context, docs []Doc, x quotes.Extractor) ([][]quotes.Quote, []time.Duration, error) {
	preds := make([][]quotes.Quote, len(docs))
	took := make([]time.Duration, len(docs))
	for i := range docs {
		if err := ctx.Err(); err != nil {
			return preds[:i], took[:i], err
		}
		a := docs[i].Article()
		start := time.Now()
		preds[i] = x.Extract(a)
		took[i] = time.Since(start)
	}
	return preds, took, nil
}
