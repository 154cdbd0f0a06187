package index

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/claims"
)

// Names of the stores inside the data directory.
const (
	articlesFile = "articles.db"
	quotesDir    = "quotes.bleve"
	// newSuffix names the quote index Reindex is building; oldSuffix the
	// index it is replacing, between the two renames of the swap.
	newSuffix = ".new"
	oldSuffix = ".old"
	// damagedSuffix names a damaged quote index OpenForReindex moved
	// aside.
	damagedSuffix = ".damaged"
)

// lockTimeout is how long Open waits for another process to release the
// data directory before it gives up with ECONFLICT.
const lockTimeout = time.Second

var _ quotes.QuoteService = (*Index)(nil)

// Index keeps the articles and the search index of their quotes in one data
// directory. It is safe for concurrent use: searches run concurrently with
// each other and with writes; writes (Put, PutBatch, Reindex) are serialized.
type Index struct {
	dir string
	db  *bolt.DB

	// wmu serializes writers: Put, PutBatch, Reindex and Close. A writer
	// holding it may read ix.bl without mu, since only holders of wmu
	// replace it.
	wmu sync.Mutex
	// mu guards bl against the swap of Reindex and Close: readers of the
	// quote index hold it shared, the swap holds it exclusively.
	mu sync.RWMutex
	bl bleve.Index // the alias of sh's shards, for reads; nil once closed
	// sh is the shards of the quote index (see shards.go); writes go
	// to them.
	sh *shardSet
	// noAppearances turns the grouping of appearances off: the
	// benchmark's baseline (see appearances.go).
	noAppearances bool

	// keyed tells whether the quote index has the speaker_key field;
	// indexes built before it filter and facet on speaker.
	keyed atomic.Bool
	// smu guards the speaker registry and its view (see speakers.go).
	// Loading the registry takes wmu first, then smu.
	smu      sync.Mutex
	registry speakerRegistry // nil until loaded
	view     *speakerView    // nil until built from registry

	// cmu guards the claim tracker and the claims cached in memory (see
	// claims.go).
	cmu     sync.Mutex
	tracker *claims.Tracker
	cached  []claimRef // every claim, in list order; made from byPeriod
	// byPeriod holds the refs of the stored claims by period; nil until
	// read.
	byPeriod map[string][]claimRef
	// failBatch, set by tests, makes every write to the quote index
	// fail with it, as a full disk would.
	failBatch error

	// extract finds an article's quotes for corrections and repairs
	// (SetExtractor); guarded by wmu.
	extract func(quotes.Article) []quotes.Quote

	// claimsObserver is told of every build of claims; guarded by cmu.
	claimsObserver func(periods int, took time.Duration)

	// rebuilding is the shard OpenForShardReindex opened the index to
	// rebuild, "" otherwise; guarded by wmu.
	rebuilding string

	// browse keeps the pages searched without query words (browse.go).
	browse browseCache
	// blank keeps the facet counts of the page before a query (blank.go).
	blank blankCounts

	// sides is the fingerprint of the tracker's side table; the stored
	// claims were built with the one kept under keySides.
	sides string
}

// DefaultDir returns the default data directory: $QUOTES_DIR if set, else
// $XDG_DATA_HOME/quotes, else ~/.local/share/quotes.
func DefaultDir() string {
	if d := os.Getenv("QUOTES_DIR"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "quotes")
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return filepath.Join(".local", "share", "quotes")
	}
	return filepath.Join(home, ".local", "share", "quotes")
}

// Open opens the data directory dir, creating it and its stores if needed.
// It fails fast with an ECONFLICT error when another process holds the
// directory, and with an EDAMAGED error naming the file and the repair
// when a store is damaged or missing beside the other. Open also finishes
// or undoes a Reindex that a crash interrupted, so the quote index it
// opens is always a complete one.
func Open(dir string) (*Index, error) {
	return open(dir, false)
}

// OpenForReindex is Open for a reindex: a damaged quote index is moved
// aside (to quotes.bleve.damaged) and replaced by an empty one, which the
// reindex then fills from the articles.
func OpenForReindex(dir string) (*Index, error) {
	return open(dir, true)
}

func open(dir string, replaceDamaged bool) (*Index, error) {
	return openWith(dir, replaceDamaged, "")
}

// openWith opens dir; replaceDamaged moves a damaged quote index aside,
// and the shard skip may be missing (see OpenForShardReindex).
func openWith(dir string, replaceDamaged bool, skip string) (*Index, error) {
	if dir == "" {
		return nil, quotes.Errorf(quotes.EINVALID, "index: no data directory given")
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("index: open %s: %w", dir, err)
	}
	if err := storeLost(dir); err != nil {
		return nil, err
	}
	// bbolt's file lock on articles.db guards the whole directory: the
	// quote index is only touched by whoever holds it.
	db, err := openStore(dir)
	if err != nil {
		return nil, err
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketArticles, bucketQuoteIDs, bucketStatements, bucketClaims, bucketClaimsMeta,
			bucketCorrections, bucketArticleCorrections, bucketDeleted, bucketPending, bucketArticleShards, bucketArticlePeriods} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		if err := liveAppearances.create(tx, false); err != nil {
			return err
		}
		// An index made before claims were kept by period files its
		// articles by period at the first read of claims.
		if tx.Bucket(bucketClaimPeriods) == nil {
			for _, b := range [][]byte{bucketClaimPeriods, bucketPeriodClaims} {
				if _, err := tx.CreateBucket(b); err != nil {
					return err
				}
			}
			if hasArticles(tx) {
				return markClaimsStale(tx)
			}
		}
		return nil
	}); err != nil {
		db.Close()
		return nil, fmt.Errorf("index: open %s: create buckets: %w", dir, err)
	}
	ix := &Index{dir: dir, db: db, tracker: claims.New(nil)}
	ix.sides = ix.tracker.Sides().Fingerprint()
	if err := ix.recoverSwap(); err != nil {
		db.Close()
		return nil, err
	}
	sh, err := ix.openQuoteIndex(skip)
	if quotes.ErrorCode(err) == quotes.EDAMAGED && replaceDamaged {
		sh, err = ix.replaceQuoteIndex(err)
	}
	if err != nil {
		db.Close()
		return nil, err
	}
	ix.sh, ix.bl = sh, sh.alias
	return ix, nil
}

func inUse(dir string) error {
	return quotes.Errorf(quotes.ECONFLICT, "the index at %s is in use by another quotes process", dir)
}

// recoverSwap cleans up after a Reindex interrupted by a crash: a
// half-built new index is dropped, and an old index left aside between
// the two renames of the swap is put back.
func (ix *Index) recoverSwap() error {
	cur := filepath.Join(ix.dir, quotesDir)
	old, nu := cur+oldSuffix, cur+newSuffix
	if exists(old) {
		if !exists(cur) {
			slog.Warn("index: restoring the quote index from an interrupted reindex", "dir", ix.dir)
			if err := os.Rename(old, cur); err != nil {
				return fmt.Errorf("index: open %s: restore %s: %w", ix.dir, old, err)
			}
		} else if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("index: open %s: remove %s: %w", ix.dir, old, err)
		}
	}
	if exists(nu) {
		if err := os.RemoveAll(nu); err != nil {
			return fmt.Errorf("index: open %s: remove %s: %w", ix.dir, nu, err)
		}
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// openQuoteIndex opens the shards of DIR/quotes.bleve, creating it when
// it is missing.
func (ix *Index) openQuoteIndex(skip string) (*shardSet, error) {
	path := filepath.Join(ix.dir, quotesDir)
	if exists(path) {
		sh, err := openShards(path, ix.dir)
		switch {
		case err == nil:
			if lost := ix.lostShard(sh, skip); lost != "" {
				sh.close()
				// scorch skips a snapshot whose segments it cannot load
				// and opens an older one, here an empty one: the damage
				// shows only as quotes gone.
				return nil, shardDamaged(filepath.Join(path, lost), ix.dir, lost, "it holds no quote while the store lists quotes "+
					"of its articles: its segment files are cut short or overwritten")
			}
			ix.keyed.Store(true)
			return sh, nil
		case errors.Is(err, berrors.ErrTimeout):
			return nil, inUse(ix.dir)
		default:
			return nil, err
		}
	}
	sh, err := createShards(path)
	if err != nil {
		return nil, err
	}
	ix.keyed.Store(true)
	if n, err := ix.countArticles(); err == nil && n > 0 {
		slog.Warn("index: created an empty quote index beside stored articles; run a reindex", "dir", ix.dir, "articles", n)
	}
	return sh, nil
}

// replaceQuoteIndex moves a damaged quote index, or one made before
// shards, aside and creates an empty one in its place.
func (ix *Index) replaceQuoteIndex(cause error) (*shardSet, error) {
	path := filepath.Join(ix.dir, quotesDir)
	aside := path + damagedSuffix
	if isOldLayout(path) {
		slog.Info("index: migrating the quote index to shards by month; the old one is kept aside: remove it once searches answer", "from", path, "to", aside)
	} else {
		slog.Warn("index: moving the damaged quote index aside to rebuild it", "from", path, "to", aside, "damage", quotes.ErrorMessage(cause))
	}
	if err := os.RemoveAll(aside); err != nil {
		return nil, fmt.Errorf("index: move the damaged quote index aside: %w", err)
	}
	if err := os.Rename(path, aside); err != nil {
		return nil, fmt.Errorf("index: move the damaged quote index aside: %w", err)
	}
	sh, err := createShards(path)
	if err != nil {
		return nil, err
	}
	ix.keyed.Store(true)
	return sh, nil
}

// newQuoteIndex creates an empty quote index (one shard) at path.
func newQuoteIndex(path string) (bleve.Index, error) {
	bl, err := bleve.NewUsing(path, quoteMapping, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("index: create %s: %w", path, err)
	}
	if err := bl.SetInternal(keySortTime, []byte{1}); err != nil {
		bl.Close()
		return nil, fmt.Errorf("index: create %s: %w", path, err)
	}
	return bl, nil
}

// keySortTime marks, inside a shard, that every quote of it has sort_time:
// it was created after the field was (see shardSet.sortField).
var keySortTime = []byte("quotes.sort_time")

// Dir returns the data directory the index was opened on.
func (ix *Index) Dir() string { return ix.dir }

// Close closes both stores. The Index must not be used afterwards; calls
// on it then fail.
func (ix *Index) Close() error {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.bl == nil {
		return nil
	}
	var errs []error
	if err := ix.sh.close(); err != nil {
		errs = append(errs, fmt.Errorf("index: close %s: %w", quotesDir, err))
	}
	ix.bl, ix.sh = nil, nil
	if err := ix.db.Close(); err != nil {
		errs = append(errs, fmt.Errorf("index: close %s: %w", articlesFile, err))
	}
	return errors.Join(errs...)
}

var errClosed = errors.New("index: closed")

// reader returns the quote index for a read, with mu held shared; the
// caller must call the returned release.
func (ix *Index) reader() (bleve.Index, func(), error) {
	ix.mu.RLock()
	if ix.bl == nil {
		ix.mu.RUnlock()
		return nil, nil, errClosed
	}
	return ix.bl, ix.mu.RUnlock, nil
}
