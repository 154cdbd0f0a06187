package index

import (
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/highlight"
	htmlfmt "github.com/blevesearch/bleve/v2/search/highlight/format/html"
	simplefrag "github.com/blevesearch/bleve/v2/search/highlight/fragmenter/simple"
	simplehl "github.com/blevesearch/bleve/v2/search/highlight/highlighter/simple"

	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/quotesproject/quotes"
)

// Fields of a quote document in the bleve index.
const (
	fQuote          = "quote"           // text, stored, term vectors, in _all
	fSentence       = "sentence"        // text, stored, term vectors, in _all
	fSpeaker        = "speaker"         // keyword: filter, facet
	fSpeakers       = "speakers"        // keyword, every speaker of the quote
	fSpeakerKey     = "speaker_key"     // keyword SpeakerKey(speaker): filter, facet
	fSpeakerKeys    = "speaker_keys"    // keyword, the keys of every speaker
	fSpeakerText    = "speaker_text"    // text: the speakers' names, in _all
	fSpeakerMention = "speaker_mention" // text
	fRole           = "role"            // text
	fTitle          = "title"           // text
	fCue            = "cue"             // keyword
	fKind           = "kind"            // keyword
	fOutlet         = "outlet"          // keyword: filter, facet
	fArticleID      = "article_id"      // keyword
	fPublished      = "published"       // datetime: range filter
	fSortTime       = "sort_time"       // keyword sortTimeLayout (UTC): date sort
	fDay            = "day"             // keyword "2006-01-02" (UTC): timeline facet
	fConfidence     = "confidence"      // number: the attribution's confidence, range filter
	fDoc            = "doc"             // stored only: the rest of the quote as JSON
	// fCopy (appearances.go), keyword: set on a later appearance
)

// englishText is the analyzer of text fields: bleve's English analyzer
// (possessives, lower case, Porter stemming) without its stop-word filter,
// so that a phrase keeps its negations: "not sold" must not match "sold".
const englishText = "en_keep_stop_words"

// newMapping returns the explicit mapping of quote documents. Unqualified
// query-string terms search the _all field, made of the quote, its
// sentence and its speakers' names.
func newMapping() mapping.IndexMapping {
	text := func(store, inAll bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = englishText
		f.Store = store
		f.IncludeTermVectors = true
		f.IncludeInAll = inAll
		f.DocValues = false
		return f
	}
	// Doc values cost a column per field in every segment, and are kept
	// only for the fields a facet counts (facetFields, the timeline,
	// speakerForms).
	kw := func(facet bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeTermVectors = true // phrase queries: speaker:"Claudia Sheinbaum"
		f.IncludeInAll = false
		f.DocValues = facet
		return f
	}
	stored := bleve.NewTextFieldMapping()
	stored.Analyzer = keyword.Name
	stored.Index = false
	stored.Store = true
	stored.IncludeTermVectors = false
	stored.IncludeInAll = false
	stored.DocValues = false

	// The date sort reads sort_time, one short term a quote: the doc
	// values of a datetime hold its sixteen prefix-coded terms, and
	// reading them for every match cost a sixth of a search.
	published := bleve.NewDateTimeFieldMapping()
	published.Store = false
	published.IncludeInAll = false
	published.DocValues = true // the date sort of shards indexed before sort_time

	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fQuote, text(true, true))
	dm.AddFieldMappingsAt(fSentence, text(true, true))
	dm.AddFieldMappingsAt(fSpeakerText, text(false, true))
	dm.AddFieldMappingsAt(fSpeakerMention, text(false, false))
	dm.AddFieldMappingsAt(fRole, text(false, false))
	dm.AddFieldMappingsAt(fTitle, text(false, false))
	for _, f := range []string{fSpeaker, fSpeakerKeys, fCue, fArticleID, fCopy} {
		dm.AddFieldMappingsAt(f, kw(false))
	}
	for _, f := range []string{fSpeakers, fSpeakerKey, fKind, fOutlet, fDay, fSortTime} {
		dm.AddFieldMappingsAt(f, kw(true))
	}
	dm.AddFieldMappingsAt(fPublished, published)
	confidence := bleve.NewNumericFieldMapping()
	confidence.Store = false
	confidence.IncludeInAll = false
	confidence.DocValues = false
	dm.AddFieldMappingsAt(fConfidence, confidence)
	dm.AddFieldMappingsAt(fDoc, stored)

	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(englishText, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{en.PossessiveName, lowercase.Name, porter.Name},
	}); err != nil {
		panic(fmt.Sprintf("index: mapping: %v", err)) // a bug: the config is constant
	}
	im.DefaultMapping = dm
	im.DefaultAnalyzer = englishText
	im.DefaultField = "_all"
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im
}

// quoteMapping is the mapping of quote documents, built once: every shard
// is created with it (see newShard), and indexQuote maps documents with it.
var quoteMapping = newMapping()

// flatDocValues are the indexing options added to every doc-valued field
// of a quote. A search reads the doc values of every match (the facets,
// the timeline, the date sort), one match at a time; zap stores them by
// default in snappy-compressed chunks of 1,024 documents, so that a word
// found in one quote in a hundred decompressed a whole chunk, and decoded
// its header, per field and per match: half of a search's CPU at a
// million quotes. Unchunked and uncompressed, a match reads its own few
// bytes. The options are kept per field in each segment and through
// merges; segments written before keep their chunks and stay readable.
const flatDocValues = index.SkipDVChunking | index.SkipDVCompression

// indexQuote adds to b the quote document d (from toDoc) under id.
func indexQuote(b *bleve.Batch, id string, d map[string]any) error {
	doc, err := quoteDocument(id, d)
	if err != nil {
		return err
	}
	return b.IndexAdvanced(doc)
}

// quoteDocument returns the bleve document of d (from toDoc) under id,
// mapped by quoteMapping with flatDocValues on its doc-valued fields.
func quoteDocument(id string, d map[string]any) (*document.Document, error) {
	doc := document.NewDocument(id)
	if err := quoteMapping.MapDocument(doc, d); err != nil {
		return nil, err
	}
	for i, f := range doc.Fields {
		if !f.Options().IncludeDocValues() {
			continue
		}
		switch f := f.(type) {
		case *document.TextField:
			doc.Fields[i] = document.NewTextFieldCustom(f.Name(), f.ArrayPositions(), f.Value(),
				f.Options()|flatDocValues, f.Analyzer())
		case *document.DateTimeField:
			t, layout, err := f.DateTime()
			if err != nil {
				return nil, fmt.Errorf("field %s: %w", f.Name(), err)
			}
			nf, err := document.NewDateTimeFieldWithIndexingOptions(f.Name(), f.ArrayPositions(), t, layout,
				f.Options()|flatDocValues)
			if err != nil {
				return nil, fmt.Errorf("field %s: %w", f.Name(), err)
			}
			doc.Fields[i] = nf
		default:
			return nil, fmt.Errorf("field %s: doc values of a %T are not kept flat", f.Name(), f)
		}
	}
	return doc, nil
}

// sortTimeLayout writes the published time of a quote as sort_time: fixed
// width, so that its text order is the time order for every year bleve
// can index (1678–2262).
const sortTimeLayout = "2006-01-02T15:04:05.000000000"

// Datetimes bleve can index and search (nanoseconds since 1970 in an
// int64, with a margin).
var (
	minIndexTime = query.MinRFC3339CompatibleTime
	maxIndexTime = query.MaxRFC3339CompatibleTime
)

// toDoc returns the bleve document of q. Empty fields are left out, so
// that they appear in no facet and a quote without date in no date range.
func toDoc(q *quotes.Quote) (map[string]any, error) {
	rest := *q
	rest.ID, rest.Text, rest.Sentence = "", "", ""
	blob, err := json.Marshal(&rest)
	if err != nil {
		return nil, fmt.Errorf("encode quote %s: %w", q.ID, err)
	}
	d := map[string]any{fQuote: q.Text, fDoc: string(blob), fArticleID: q.ArticleID}
	set := func(k, v string) {
		if v != "" {
			d[k] = v
		}
	}
	set(fSentence, q.Sentence)
	set(fSpeaker, q.Speaker)
	set(fSpeakerMention, q.SpeakerMention)
	set(fRole, q.Role)
	set(fTitle, q.Title)
	set(fCue, q.Cue)
	set(fKind, string(q.Kind))
	set(fOutlet, q.Outlet)
	names := speakerNames(q)
	if len(names) > 0 {
		d[fSpeakers] = names
		d[fSpeakerText] = strings.Join(names, "; ")
		var keys []string
		for _, n := range names {
			if k := SpeakerKey(n); k != "" && !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
		if len(keys) > 0 {
			d[fSpeakerKeys] = keys
		}
	}
	set(fSpeakerKey, SpeakerKey(q.Speaker))
	d[fConfidence] = q.Confidence
	if !q.Published.IsZero() && q.Published.After(minIndexTime) && q.Published.Before(maxIndexTime) {
		d[fPublished] = q.Published
		d[fDay] = q.Published.UTC().Format(time.DateOnly)
		d[fSortTime] = q.Published.UTC().Format(sortTimeLayout)
	}
	return d, nil
}

// speakerNames returns the non-empty names among Speaker and Speakers.
func speakerNames(q *quotes.Quote) []string {
	var names []string
	seen := map[string]bool{}
	for _, s := range append([]string{q.Speaker}, q.Speakers...) {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			names = append(names, s)
		}
	}
	return names
}

// storedFields are the fields a hit needs to become a quotes.Quote.
var storedFields = []string{fQuote, fSentence, fDoc}

// fromFields rebuilds the quote with the given id from its stored fields.
func fromFields(id string, fields map[string]any) (quotes.Quote, error) {
	var q quotes.Quote
	blob, _ := fields[fDoc].(string)
	if err := json.Unmarshal([]byte(blob), &q); err != nil {
		return q, fmt.Errorf("index: decode quote %s: %w", id, err)
	}
	q.ID = id
	q.Text, _ = fields[fQuote].(string)
	q.Sentence, _ = fields[fSentence].(string)
	return q, nil
}

// wholeHighlighter names the highlighter that keeps quotes whole: a quote
// cut mid-word ("…f Mexico wanted") is no use to an editor, so fragments
// are up to 2,000 bytes instead of bleve's 200. It formats like bleve's
// html highlighter: text escaped, matches in <mark>.
const wholeHighlighter = "quotes_whole"

func init() {
	registry.RegisterHighlighter(wholeHighlighter, func(map[string]any, *registry.Cache) (highlight.Highlighter, error) {
		return simplehl.NewHighlighter(simplefrag.NewFragmenter(2000), htmlfmt.NewFragmentFormatter("<mark>", "</mark>"), "…"), nil
	})
}
