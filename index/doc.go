// Package index keeps the articles of the quotes service durably and
// indexes their quotes for search.
//
// # Two stores
//
// An Index lives in one data directory (see DefaultDir) holding two stores:
//
//   - DIR/articles.db, a bbolt database. Bucket "articles" maps an article
//     id to the article as JSON; bucket "quote_ids" maps it to the ids of
//     the quotes indexed for it, so that re-ingest can delete old ones.
//     Bucket "statements" maps it to its quotes read as statements for
//     the claim tracker, and buckets "claims" and "claims_meta" keep the
//     claims built from all statements (see claims.go).
//   - DIR/quotes.bleve, a bleve (scorch) index of the quotes, one document
//     per quote, keyed by the quote id.
//
// The articles are the source of truth; the quotes are derived data, the
// output of an extractor that will keep improving. The quote index can be
// thrown away and rebuilt from the articles at any time (Reindex), never
// the other way round. Open takes bbolt's file lock (with a one-second
// timeout) before touching the quote index, so one process at a time owns
// the whole directory; a second one gets an ECONFLICT error.
//
// # Write order and crash recovery
//
// PutBatch writes the articles first, the source of truth (one bbolt
// transaction, which also marks each article pending), the quote index
// second (one bleve batch, which scorch persists before returning), and
// clears the pending marks third. A failure or a crash between the first
// two steps leaves stored articles marked pending whose quotes are
// missing or old, never a quote without its article. The commands that
// write (serve, ingest) call IndexPending at their start, which extracts
// and indexes the pending articles again; Verify reports them. Editors'
// corrections (corrections.go) are kept in articles.db too, and applied
// at every put and reindex.
//
// To find the quotes a re-put replaces, PutBatch takes the union of the ids
// listed in bbolt and of the quotes the index holds for the article (one
// term search on article_id per batch). The lists alone can be stale after
// such a crash, or after one during Reindex; the search makes re-put exact
// anyway, so a re-put never leaves an old quote behind nor duplicates one.
//
// Reindex builds a fresh index in quotes.bleve.new while the old one keeps
// serving searches, then swaps: close the old index, rename it to
// quotes.bleve.old, rename the new one to quotes.bleve, open it, rewrite
// the quote-id lists, remove the old one. If it fails before the swap, the
// new directory is removed and nothing changed. Open finishes the job a
// crash interrupted: it drops a leftover quotes.bleve.new, and puts
// quotes.bleve.old back when quotes.bleve is missing (a crash between the
// renames), else removes it.
//
// # Mapping
//
// Quote documents have an explicit, static mapping:
//
//   - quote and sentence: English text (possessives, lower case, Porter
//     stemming; stop words are kept, so "not sold" does not match "sold"),
//     stored, with term vectors for highlighting and phrase search;
//   - speaker, speakers, outlet, kind, article_id, cue: keyword fields,
//     exact and case-sensitive, with doc values for filters and facets
//     and term vectors for speaker:"Claudia Sheinbaum";
//   - speaker_key, speaker_keys: SpeakerKey of the speaker and of every
//     speaker, keyword fields on which speaker filters and the speaker facet
//     work, so that the variants of one name count as one speaker (see
//     speakers.go for how keys merge into persons);
//   - speaker_text: the speakers' names as English text, so that a search
//     for sheinbaum finds Claudia Sheinbaum's quotes;
//   - title, role, speaker_mention: English text, not stored;
//   - published: datetime, for date ranges and newest-first order; absent
//     when the article has no date, so such quotes fall out of any date
//     range but stay in undated searches;
//   - doc: stored only, the rest of the quote as JSON.
//
// Unqualified query-string terms search the _all field, made of quote,
// sentence and speaker_text; field:value reaches any field
// (speaker:"Claudia Sheinbaum", title:tariffs, kind:direct). bleve's
// syntax has no grouping, so Search rejects a parenthesis outside phrases,
// regexps and escapes as EINVALID rather than search for "(". Faults that
// bleve only finds while searching (a regexp it cannot run, fuzziness
// above 2) are checked beforehand, so a bad query is always EINVALID.
//
// A hit is turned back into a quotes.Quote from its stored fields alone:
// the quote and sentence text (stored anyway for highlighting) and the doc
// field with everything else. Search and Quote therefore never read bbolt,
// and the JSON round trip keeps every field exact (times, offsets, the
// speaker list) where rebuilding it from typed bleve fields would not.
//
// Highlights use bleve's html highlighter, whose formatter HTML-escapes the
// text around and inside each <mark>…</mark>; article text is untrusted.
package index
