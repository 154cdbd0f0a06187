package index

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/quotesproject/quotes"
)

// The quote index is sharded by time. DIR/quotes.bleve holds one bleve
// index per month of publication, named "2016-03", and the quotes of
// undated articles in shards filled in turn up to undatedShardQuotes,
// named "undated-0001", "undated-0002" and so on. Reads go through one
// bleve.IndexAlias over every shard: searches, totals and facets merge
// across them. Writes are routed: every quote goes to the shard of its
// article, recorded in the bucket article_shards so that a re-put finds
// the quotes it replaces in one shard, not in all; the batches of the
// shards a write touches are written in parallel, one a core, which is
// what lets an ingest use every core (zap builds a batch's segment on one
// goroutine). An ingest of a day's news writes the shards of its month
// and leaves the archive's alone; a shard is rebuilt alone by
// ReindexShard.
//
// An index made before shards (a single bleve index in quotes.bleve) is
// refused by Open with a message asking for quotes reindex, which moves
// it aside and rebuilds the shards from the articles.

// bucketArticleShards maps an article id to the shard of its quotes.
var bucketArticleShards = []byte("article_shards")

// undatedShardQuotes is how many quotes an undated shard takes before the
// next one is started: undated quotes have no month to split them by.
const undatedShardQuotes = 250_000

// undatedPrefix starts the names of undated shards.
const undatedPrefix = "undated-"

// shardName matches the name of a shard's directory.
var shardName = regexp.MustCompile(`^(\d{4}-\d{2}|undated-\d{4})$`)

// monthShard is the shard of the quotes of an article published at t: its
// month in UTC, or "" when t is zero (undated: see undatedFor).
func monthShard(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01")
}

// isUndated reports whether a shard holds undated quotes.
func isUndated(name string) bool {
	return len(name) > len(undatedPrefix) && name[:len(undatedPrefix)] == undatedPrefix
}

// shardSet is the open shards of the quote index and the alias reads go
// through. Its writes are made by holders of Index.wmu; the map is also
// guarded by mu, for the parallel writes.
type shardSet struct {
	root  string
	alias strictAlias

	mu     sync.Mutex
	shards map[string]bleve.Index
	// undated is the undated shard being filled and undatedN its
	// quotes, counted as they are written.
	undated  string
	undatedN uint64

	// gen counts the writes to the shards, twice each: odd while one
	// runs (see browseCache).
	gen atomic.Uint64
	// shardGen counts the writes to each shard, by name, the same way
	// (see blankCounts).
	shardGen map[string]uint64
	// legacySort is set when a shard holds quotes without sort_time.
	legacySort atomic.Bool
}

// checkSortTime notes in s.legacySort a shard of bl's quotes without
// sort_time, made before the field was; an empty shard is marked as
// having it, since every quote written from now on has.
func (s *shardSet) checkSortTime(bl bleve.Index) error {
	v, err := bl.GetInternal(keySortTime)
	if err != nil || v != nil {
		return err
	}
	n, err := bl.DocCount()
	if err != nil {
		return err
	}
	if n > 0 {
		s.legacySort.Store(true)
		return nil
	}
	return bl.SetInternal(keySortTime, []byte{1})
}

// sortField returns the field the date sort reads: sort_time, or
// published while a shard holds quotes indexed before sort_time existed
// (published has doc values in every quote, and reads slower).
func (s *shardSet) sortField() string {
	if s.legacySort.Load() {
		return fPublished
	}
	return fSortTime
}

// shardState returns the open shard name (nil if none) and its write
// generation: odd while a write to it runs.
func (s *shardSet) shardState(name string) (bleve.Index, uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shards[name], s.shardGen[name]
}

// bumpShards adds one to the write generation of the named shards.
func (s *shardSet) bumpShards(names []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shardGen == nil {
		s.shardGen = map[string]uint64{}
	}
	for _, n := range names {
		s.shardGen[n]++
	}
}

// generation returns the write generation of s: it changes with every
// write, and is odd while one runs.
func (s *shardSet) generation() uint64 { return s.gen.Load() }

// strictAlias is an alias whose search fails when one of its shards
// fails: bleve's alias returns the hits of the others and only notes the
// failure in the status, which would turn a query over its budget, or a
// shard that cannot be read, into silently missing hits.
type strictAlias struct {
	bleve.IndexAlias
}

var _ bleve.Index = strictAlias{}

// Search is SearchInContext without a deadline.
func (a strictAlias) Search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return a.SearchInContext(context.Background(), req)
}

// SearchInContext searches every shard, and returns the first failure of
// any as the error.
func (a strictAlias) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	res, err := a.IndexAlias.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	if res.Status != nil && res.Status.Failed > 0 {
		names := make([]string, 0, len(res.Status.Errors))
		for n := range res.Status.Errors {
			names = append(names, n)
		}
		slices.Sort(names)
		return nil, fmt.Errorf("shard %s: %w", names[0], res.Status.Errors[names[0]])
	}
	return res, nil
}

// errOldLayout is the error for a quote index made before shards.
func errOldLayout(root, dir string) error {
	return quotes.Errorf(quotes.EDAMAGED, "the quote index %s was built by an older version of quotes, as one index rather than "+
		"shards by month; the articles are intact: migrate it with quotes reindex --index %s (it rebuilds the quotes from the articles)",
		root, dir)
}

// isOldLayout reports whether root is a quote index made before shards.
func isOldLayout(root string) bool {
	return exists(filepath.Join(root, "index_meta.json"))
}

// createShards makes an empty shard set at root, which must not exist.
// It starts with one empty undated shard, because an alias over no index
// refuses every search.
func createShards(root string) (*shardSet, error) {
	if err := os.MkdirAll(root, 0o750); err != nil {
		return nil, fmt.Errorf("index: create %s: %w", root, err)
	}
	s := &shardSet{root: root, shards: map[string]bleve.Index{}, alias: strictAlias{bleve.NewIndexAlias()}}
	if _, err := s.get(undatedPrefix + "0001"); err != nil {
		return nil, err
	}
	return s, nil
}

// openShards opens every shard under root. A shard that does not open is
// an EDAMAGED error naming it (the shards already opened are closed);
// ErrTimeout from bleve's lock is returned as it is.
func openShards(root, dir string) (*shardSet, error) {
	if isOldLayout(root) {
		return nil, errOldLayout(root, dir)
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("index: open %s: %w", root, err)
	}
	s := &shardSet{root: root, shards: map[string]bleve.Index{}, alias: strictAlias{bleve.NewIndexAlias()}}
	for _, e := range entries {
		if !e.IsDir() || !shardName.MatchString(e.Name()) {
			continue
		}
		path := filepath.Join(root, e.Name())
		bl, err := openBleve(path)
		if errors.Is(err, bleve.ErrorIndexMetaMissing) {
			// A crash while the shard was first created; start it again.
			if err := os.RemoveAll(path); err != nil {
				s.close()
				return nil, fmt.Errorf("index: open %s: %w", path, err)
			}
			continue
		}
		if err != nil {
			s.close()
			if errors.Is(err, berrors.ErrTimeout) {
				return nil, err
			}
			return nil, shardDamaged(path, dir, e.Name(), firstLine(err))
		}
		if err := s.checkSortTime(bl); err != nil {
			s.close()
			return nil, fmt.Errorf("index: open %s: %w", path, err)
		}
		s.add(e.Name(), bl)
	}
	if s.legacySort.Load() {
		slog.Warn("index: quotes indexed by an older version are sorted by date the slower way; "+
			"quotes reindex rebuilds them", "index", root)
	}
	if len(s.shards) == 0 {
		if _, err := s.get(undatedPrefix + "0001"); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// shardDamaged is the EDAMAGED error of one damaged shard.
func shardDamaged(path, dir, name, why string) error {
	return quotes.Errorf(quotes.EDAMAGED, "the quote index %s is damaged (%s); the articles are intact: "+
		"rebuild it from them with quotes reindex --index %s (or this shard alone: quotes reindex --shard %s)", path, why, dir, name)
}

// add makes bl the shard name, in the map and the alias.
func (s *shardSet) add(name string, bl bleve.Index) {
	bl.SetName(name) // hits then name their shard
	s.shards[name] = bl
	s.alias.Add(bl)
	if isUndated(name) && name > s.undated {
		s.undated = name
		n, _ := bl.DocCount()
		s.undatedN = n
	}
}

// get returns the shard name, created when missing.
func (s *shardSet) get(name string) (bleve.Index, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if bl, ok := s.shards[name]; ok {
		return bl, nil
	}
	bl, err := newQuoteIndex(filepath.Join(s.root, name))
	if err != nil {
		return nil, err
	}
	s.add(name, bl)
	return bl, nil
}

// lookup returns the open shard name, or nil.
func (s *shardSet) lookup(name string) bleve.Index {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.shards[name]
}

// undatedFor returns the undated shard that takes n more quotes: the one
// being filled, or the next when it is full.
func (s *shardSet) undatedFor(n int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.undated == "" || s.undatedN >= undatedShardQuotes {
		next := 1
		if s.undated != "" {
			next, _ = strconv.Atoi(s.undated[len(undatedPrefix):])
			next++
		}
		s.undated = fmt.Sprintf("%s%04d", undatedPrefix, next)
		s.undatedN = 0
	}
	s.undatedN += uint64(n)
	return s.undated
}

// names returns the names of the shards, sorted.
func (s *shardSet) names() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.shards))
	for n := range s.shards {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// over returns an alias over the named shards that exist, nil when none
// does: to search a few shards rather than all.
func (s *shardSet) over(names []string) bleve.Index {
	s.mu.Lock()
	defer s.mu.Unlock()
	var idx []bleve.Index
	for _, n := range names {
		if bl, ok := s.shards[n]; ok {
			idx = append(idx, bl)
		}
	}
	if len(idx) == 0 {
		return nil
	}
	return strictAlias{bleve.NewIndexAlias(idx...)}
}

// write applies the batches of b in parallel, one goroutine a shard and
// at most one a core: zap builds each batch's segment on one goroutine.
// It returns the errors of the shards that failed, joined; the other
// batches are written.
func (s *shardSet) write(b *shardBatches, failWith error) error {
	s.gen.Add(1)
	defer s.gen.Add(1)
	names := make([]string, 0, len(b.by))
	for n, bb := range b.by {
		if bb.Size() > 0 {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	s.bumpShards(names)
	defer s.bumpShards(names)
	errs := make([]error, len(names))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, name := range names {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if failWith != nil {
				errs[i] = failWith
				return
			}
			bl, err := s.get(name)
			if err == nil {
				err = bl.Batch(b.by[name])
			}
			if err != nil {
				errs[i] = fmt.Errorf("shard %s: %w", name, err)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// shardBatches holds a write's batches, one for each shard it touches.
type shardBatches struct {
	s  *shardSet
	by map[string]*bleve.Batch // by shard name
}

// batches starts the batches of one write.
func (s *shardSet) batches() *shardBatches {
	return &shardBatches{s: s, by: map[string]*bleve.Batch{}}
}

// of returns the batch of shard name, creating the shard when missing.
func (b *shardBatches) of(name string) (*bleve.Batch, error) {
	if bb, ok := b.by[name]; ok {
		return bb, nil
	}
	bl, err := b.s.get(name)
	if err != nil {
		return nil, err
	}
	bb := bl.NewBatch()
	b.by[name] = bb
	return bb, nil
}

// close closes every shard.
func (s *shardSet) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for n, bl := range s.shards {
		if err := bl.Close(); err != nil {
			errs = append(errs, fmt.Errorf("shard %s: %w", n, err))
		}
	}
	s.shards = map[string]bleve.Index{}
	return errors.Join(errs...)
}

// quotesIn returns the ids of the quotes the given articles have in the
// shards of the set, with the shard of each: searched in the shards
// recorded for them, and in every shard for the articles listed in
// everywhere (those whose last write may not have reached the index).
func (ix *Index) quotesIn(ctx context.Context, articleIDs []string, everywhere map[string]bool) (map[string]string, error) {
	recorded := map[string][]string{} // shard → articles
	var all []string
	err := ix.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticleShards)
		for _, id := range articleIDs {
			if everywhere[id] {
				all = append(all, id)
				continue
			}
			if sh := b.Get([]byte(id)); sh != nil {
				recorded[string(sh)] = append(recorded[string(sh)], id)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("index: read article shards: %w", err)
	}
	out := map[string]string{}
	search := func(bl bleve.Index, ids []string) error {
		found, err := quotesOf(ctx, bl, ids)
		for id, sh := range found {
			out[id] = sh
		}
		return err
	}
	for sh, ids := range recorded {
		if bl := ix.sh.lookup(sh); bl != nil {
			if err := search(bl, ids); err != nil {
				return nil, err
			}
		}
	}
	if len(all) > 0 {
		if err := search(ix.sh.alias, all); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// pendingOf returns which of the articles are marked pending in tx.
func pendingOf(tx *bolt.Tx, articleIDs []string) map[string]bool {
	out := map[string]bool{}
	b := tx.Bucket(bucketPending)
	for _, id := range articleIDs {
		if b.Get([]byte(id)) != nil {
			out[id] = true
		}
	}
	return out
}

// everyOne returns a set of all the ids.
func everyOne(ids []string) map[string]bool {
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out
}

// between returns the names of the month shards that may hold quotes
// published between from and to (zero: unbounded): a search with a date
// range reads only them, and no undated shard.
func (s *shardSet) between(from, to time.Time) []string {
	lo, hi := "0000-00", "9999-99"
	if !from.IsZero() {
		lo = monthShard(from)
	}
	if !to.IsZero() {
		hi = monthShard(to)
	}
	var out []string
	for _, n := range s.names() {
		if !isUndated(n) && n >= lo && n <= hi {
			out = append(out, n)
		}
	}
	return out
}
