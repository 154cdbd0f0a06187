// Package auth keeps the API keys that let a client change what quotes
// stores: the bearer tokens that POST, PUT and DELETE routes ask for.
//
// # Design
//
// A key is shown once, when it is created, and never stored: the key file
// (KeyFile in the data directory, mode 0600) holds for each key its id, a
// name saying whom it is for, when it was made and, once revoked, when it
// was revoked, and the SHA-256 of the secret. A secret is "qk_" + the
// key's id + "_" + 32 random bytes in unpadded base64url, so a key that
// leaks into a log can be told apart and revoked by its id without the
// file. Verify hashes what a client sends and compares it in constant time
// with the hash of the key its id names.
//
// The file is the only state and is written whole, through a temporary
// file and a rename, so a reader never sees half of it. Keys re-reads it
// when its modification time or size changes: "quotes token revoke" takes
// effect on a running server at its next request, without a restart, and
// without the server and the command sharing a lock.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	quotes "github.com/quotesproject/quotes"
)

// KeyFile is the name of the key file in the data directory.
const KeyFile = "keys.json"

// secretPrefix starts every secret, so that a key is recognisable in a
// config file or a leak report.
const secretPrefix = "qk_"

// secretBytes is how many random bytes a secret holds: 256 bits.
const secretBytes = 32

// maxNameLen bounds a key's name, which is a label, not a document.
const maxNameLen = 100

// Key is what is kept of an API key: everything but its secret.
type Key struct {
	// ID names the key in lists and in "quotes token revoke"; it is part
	// of the secret too.
	ID string `json:"id"`
	// Name says whom or what the key is for ("cms", "Ada's laptop").
	Name string `json:"name"`
	// Created is when the key was made.
	Created time.Time `json:"created"`
	// Revoked is when the key was revoked; zero while it is valid.
	Revoked time.Time `json:"revoked,omitzero"`
	// Hash is the hex SHA-256 of the secret.
	Hash string `json:"hash"`
}

// Active reports whether the key still opens the write routes.
func (k Key) Active() bool { return k.Revoked.IsZero() }

// file is the key file's content.
type file struct {
	Keys []Key `json:"keys"`
}

// Store keeps API keys: Keys, the key file of a data directory, or a
// bucket a cluster shares (package nats). The server checks keys through
// it, and "quotes token" manages them.
type Store interface {
	// Create makes a key named name and returns it with its secret,
	// the only time the secret is known.
	Create(name string) (Key, string, error)
	// List returns every key, revoked ones too, oldest first.
	List() ([]Key, error)
	// Revoke revokes the key with the given id; an unknown id is
	// ENOTFOUND.
	Revoke(id string) (Key, error)
	// CheckKey returns the name of the active key whose secret is
	// secret (server.KeyChecker).
	CheckKey(secret string) (string, bool, error)
	// Where says where the keys are kept, for messages.
	Where() string
}

var _ Store = (*Keys)(nil)

// Where returns the key file's path.
func (k *Keys) Where() string { return k.path }

// Keys is the key file of one data directory. Its methods are safe for
// concurrent use by one process; processes share it through the file.
type Keys struct {
	path string

	mu    sync.Mutex
	keys  []Key
	mtime time.Time
	size  int64
	read  bool
}

// Open returns the keys of the data directory dir. The file need not
// exist: a directory without one has no keys, and every Verify fails.
func Open(dir string) *Keys {
	return &Keys{path: filepath.Join(dir, KeyFile)}
}

// Path returns the key file's path.
func (k *Keys) Path() string { return k.path }

// load re-reads the file when it changed since it was last read. It is
// called with k.mu held.
func (k *Keys) load() error {
	fi, err := os.Stat(k.path)
	if errors.Is(err, os.ErrNotExist) {
		k.keys, k.read, k.mtime, k.size = nil, true, time.Time{}, 0
		return nil
	}
	if err != nil {
		return fmt.Errorf("auth: read keys: %w", err)
	}
	if k.read && fi.ModTime().Equal(k.mtime) && fi.Size() == k.size {
		return nil
	}
	b, err := os.ReadFile(k.path)
	if err != nil {
		return fmt.Errorf("auth: read keys: %w", err)
	}
	var f file
	if err := json.Unmarshal(b, &f); err != nil {
		return fmt.Errorf("auth: key file %s is damaged (%v); move it away and create new keys", k.path, err)
	}
	k.keys, k.read, k.mtime, k.size = f.Keys, true, fi.ModTime(), fi.Size()
	return nil
}

// save writes keys to the file whole, through a temporary file in the same
// directory and a rename. It is called with k.mu held.
func (k *Keys) save(keys []Key) error {
	b, err := json.MarshalIndent(file{Keys: keys}, "", "  ")
	if err != nil {
		return fmt.Errorf("auth: encode keys: %w", err)
	}
	dir := filepath.Dir(k.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("auth: create %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".keys-*.json")
	if err != nil {
		return fmt.Errorf("auth: write keys: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("auth: write keys: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("auth: write keys: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("auth: write keys: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o600); err != nil {
		return fmt.Errorf("auth: write keys: %w", err)
	}
	if err := os.Rename(tmp.Name(), k.path); err != nil {
		return fmt.Errorf("auth: write keys: %w", err)
	}
	k.read = false // read it back, with its new time, on the next call
	return nil
}

// Create makes a key named name and returns it with its secret, the only
// time the secret is known. The name must be 1 to 100 printable
// characters.
func (k *Keys) Create(name string) (Key, string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.load(); err != nil {
		return Key{}, "", err
	}
	var (
		key    Key
		secret string
		err    error
	)
	for {
		if key, secret, err = NewKey(name); err != nil {
			return Key{}, "", err
		}
		if !slices.ContainsFunc(k.keys, func(x Key) bool { return x.ID == key.ID }) {
			break
		}
	}
	if err := k.save(append(slices.Clone(k.keys), key)); err != nil {
		return Key{}, "", err
	}
	return key, secret, nil
}

// NewKey makes a key named name and its secret, for a Store to keep the
// key (never the secret). The name must be 1 to 100 printable
// characters; it is trimmed of spaces.
func NewKey(name string) (Key, string, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > maxNameLen || strings.ContainsFunc(name, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return Key{}, "", quotes.Errorf(quotes.EINVALID, "key name %q: give 1 to %d printable characters", name, maxNameLen)
	}
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return Key{}, "", fmt.Errorf("auth: make key: %w", err)
	}
	id := hex.EncodeToString(b[:])
	raw := make([]byte, secretBytes)
	if _, err := rand.Read(raw); err != nil {
		return Key{}, "", fmt.Errorf("auth: make key: %w", err)
	}
	secret := secretPrefix + id + "_" + base64.RawURLEncoding.EncodeToString(raw)
	return Key{ID: id, Name: name, Created: time.Now().UTC().Truncate(time.Second), Hash: hash(secret)}, secret, nil
}

// Matches reports whether secret is the secret of key, in constant time.
// It does not look at whether the key is revoked.
func Matches(key Key, secret string) bool {
	id, ok := SecretID(secret)
	return ok && id == key.ID && subtle.ConstantTimeCompare([]byte(key.Hash), []byte(hash(secret))) == 1
}

// List returns every key, revoked ones too, oldest first.
func (k *Keys) List() ([]Key, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.load(); err != nil {
		return nil, err
	}
	return slices.Clone(k.keys), nil
}

// Revoke revokes the key with the given id, from then on for every
// process reading the file. Revoking a revoked key is no error; an
// unknown id is ENOTFOUND.
func (k *Keys) Revoke(id string) (Key, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.load(); err != nil {
		return Key{}, err
	}
	keys := slices.Clone(k.keys)
	i := slices.IndexFunc(keys, func(x Key) bool { return x.ID == id })
	if i < 0 {
		return Key{}, quotes.Errorf(quotes.ENOTFOUND, "no key %q (quotes token list shows them)", id)
	}
	if keys[i].Active() {
		keys[i].Revoked = time.Now().UTC().Truncate(time.Second)
		if err := k.save(keys); err != nil {
			return Key{}, err
		}
	}
	return keys[i], nil
}

// Verify returns the active key whose secret is secret. It is false for a
// malformed, unknown or revoked secret, and when the file cannot be read
// (which it logs nowhere: the caller answers 401 and the error is
// returned for its log).
func (k *Keys) Verify(secret string) (Key, bool, error) {
	id, ok := SecretID(secret)
	if !ok {
		return Key{}, false, nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.load(); err != nil {
		return Key{}, false, err
	}
	for _, key := range k.keys {
		if key.ID == id && Matches(key, secret) {
			return key, key.Active(), nil
		}
	}
	return Key{}, false, nil
}

// CheckKey is Verify for the server (server.KeyChecker): the name of
// the active key whose secret is secret.
func (k *Keys) CheckKey(secret string) (string, bool, error) {
	key, ok, err := k.Verify(secret)
	return key.Name, ok, err
}

// SecretID returns the key id a secret carries, or false when it has not
// the shape of a secret.
func SecretID(secret string) (string, bool) {
	rest, ok := strings.CutPrefix(secret, secretPrefix)
	if !ok {
		return "", false
	}
	id, body, ok := strings.Cut(rest, "_")
	if !ok || len(id) != 8 || base64.RawURLEncoding.DecodedLen(len(body)) != secretBytes {
		return "", false
	}
	return id, true
}

// hash returns the hex SHA-256 of a secret.
func hash(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}
