package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// A running server lets the other quotes commands on its data directory
// (which bbolt's lock keeps them from opening) work through it. At start
// it writes ServerFile in the data directory, mode 0600: its URL, its
// process id, and a key minted for this run alone, never written to the
// key file. Whoever can read the data directory could change the stores
// anyway, so the file grants nothing new. The key's name is LocalName;
// the server removes the file when it stops, and a file whose process is
// gone is ignored.

// ServerFile is the name of the running server's file in the data
// directory.
const ServerFile = "serve.json"

// LocalName is the name of the key of a ServerFile: a command on the
// server's own machine, run by someone who can read its data directory.
const LocalName = "local"

// Server is what ServerFile holds.
type Server struct {
	URL     string    `json:"url"`
	PID     int       `json:"pid"`
	Started time.Time `json:"started"`
	Key     string    `json:"key"`
}

// Local is a KeyChecker that takes the keys of a key file and the key of
// this run.
type Local struct {
	Store
	secret string
}

// NewLocal returns keys with a key for this run added.
func NewLocal(keys Store) (*Local, error) {
	b := make([]byte, secretBytes)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("auth: make the local key: %w", err)
	}
	return &Local{Store: keys, secret: "ql_" + base64.RawURLEncoding.EncodeToString(b)}, nil
}

// Secret returns the key of this run.
func (l *Local) Secret() string { return l.secret }

// CheckKey takes the key of this run, under LocalName, and the keys of
// the key file.
func (l *Local) CheckKey(secret string) (string, bool, error) {
	if subtle.ConstantTimeCompare([]byte(secret), []byte(l.secret)) == 1 {
		return LocalName, true, nil
	}
	return l.Store.CheckKey(secret)
}

// WriteServer writes ServerFile in dir, and returns the function that
// removes it.
func WriteServer(dir string, s Server) (remove func(), err error) {
	blob, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, ServerFile)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, blob, 0o600); err != nil {
		return nil, fmt.Errorf("auth: write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return nil, fmt.Errorf("auth: write %s: %w", path, err)
	}
	return func() { os.Remove(path) }, nil
}

// RunningServer reads ServerFile in dir. It returns nil, and no error,
// when there is none or its process is gone.
func RunningServer(dir string) (*Server, error) {
	blob, err := os.ReadFile(filepath.Join(dir, ServerFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("auth: read %s: %w", ServerFile, err)
	}
	var s Server
	if err := json.Unmarshal(blob, &s); err != nil {
		return nil, fmt.Errorf("auth: read %s: %w", ServerFile, err)
	}
	if s.PID <= 0 || s.URL == "" || !alive(s.PID) {
		return nil, nil
	}
	return &s, nil
}

// alive reports whether a process with the given id runs.
func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
