package watch

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// State is what a watcher has seen, kept in a bbolt file: each feed's
// validators, and each item link handed on (or given up) with the
// attempts it took.
type State struct {
	db *bolt.DB
}

// Buckets of the state file.
var (
	bucketFeeds = []byte("feeds")
	bucketItems = []byte("items")
)

// stateLockTimeout is how long OpenState waits for another process to
// let go of the file.
const stateLockTimeout = 2 * time.Second

// feedState is a feed's validators from its last complete round.
type feedState struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// itemState is one item link: done when handed on or given up.
type itemState struct {
	Done     bool      `json:"done"`
	Attempts int       `json:"attempts,omitempty"`
	At       time.Time `json:"at"`
}

// OpenState opens (or creates) the state file at path. Another watcher on
// the same file is an error naming it.
func OpenState(path string) (*State, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: stateLockTimeout})
	if err != nil {
		return nil, fmt.Errorf("watch: open %s (is another watcher using it?): %w", path, err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketFeeds, bucketItems} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		db.Close()
		return nil, fmt.Errorf("watch: open %s: %w", path, err)
	}
	return &State{db: db}, nil
}

// Close closes the file.
func (s *State) Close() error { return s.db.Close() }

func (s *State) feed(url string) (feedState, error) {
	var st feedState
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketFeeds).Get([]byte(url)); v != nil {
			return json.Unmarshal(v, &st)
		}
		return nil
	})
	if err != nil {
		return st, fmt.Errorf("watch: state of feed %s: %w", url, err)
	}
	return st, nil
}

func (s *State) setFeed(url string, st feedState) error {
	v, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketFeeds).Put([]byte(url), v) }); err != nil {
		return fmt.Errorf("watch: keep the state of feed %s: %w", url, err)
	}
	return nil
}

// item returns whether link is done, and its failed attempts so far.
func (s *State) item(link string) (done bool, attempts int, err error) {
	var st itemState
	err = s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketItems).Get([]byte(link)); v != nil {
			return json.Unmarshal(v, &st)
		}
		return nil
	})
	if err != nil {
		return false, 0, fmt.Errorf("watch: state of %s: %w", link, err)
	}
	return st.Done, st.Attempts, nil
}

func (s *State) markItem(link string, done bool, attempts int) error {
	v, err := json.Marshal(itemState{Done: done, Attempts: attempts, At: time.Now().UTC()})
	if err != nil {
		return err
	}
	if err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketItems).Put([]byte(link), v) }); err != nil {
		return fmt.Errorf("watch: keep the state of %s: %w", link, err)
	}
	return nil
}

// Seen reports whether link was handed on, or given up.
func (s *State) Seen(link string) (bool, error) {
	done, _, err := s.item(link)
	return done, err
}
