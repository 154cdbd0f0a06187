package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/auth"
	"github.com/quotesproject/quotes/index"
	"github.com/quotesproject/quotes/server"
)

// The rule for many processes on one data directory: bbolt lets one
// process at a time open it. While "quotes serve" runs, it writes
// auth.ServerFile there, and the other commands work through its API with
// the key of that file: search, claims, check, ingest, the corrections and
// their log, backup and check-index. reindex and restore need the
// directory to themselves and say so. Without a running server, each
// command opens the directory itself.

// runningServer returns a client of the server running on --index, or
// nil when none runs.
func (a *app) runningServer() *server.Client {
	s, err := auth.RunningServer(a.indexDir)
	if err != nil {
		a.log.Warn("cannot read the running server's file; opening the index directly", "err", err)
		return nil
	}
	if s == nil || !held(a.indexDir) {
		return nil
	}
	a.log.Debug("working through the running server", "url", s.URL, "pid", s.PID)
	return &server.Client{BaseURL: s.URL, Key: s.Key}
}

// held reports whether a process holds the data directory dir: whether
// bbolt's lock on its article store is taken. A server file whose server
// was killed (SIGKILL leaves it behind, and its process id may live on
// as a zombie or be reused) is so told from a running one.
func held(dir string) bool {
	f, err := os.Open(filepath.Join(dir, "articles.db"))
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err != nil {
		return errors.Is(err, syscall.EWOULDBLOCK)
	}
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}

// needsDirectory fails when a server runs on --index: for the commands
// that must have the data directory to themselves.
func (a *app) needsDirectory(what string) error {
	s, err := auth.RunningServer(a.indexDir)
	if err != nil || s == nil || !held(a.indexDir) {
		return nil
	}
	return fmt.Errorf("%s needs the data directory to itself, and quotes serve (pid %d, %s) runs on %s: stop it first", what, s.PID, s.URL, a.indexDir)
}

// openWriter opens the index for a command that writes: with the
// extractor that corrections and repairs need, and with the articles a
// failed or interrupted write left pending indexed again.
func (a *app) openWriter(ctx context.Context) (*index.Index, error) {
	ix, err := a.openIndex()
	if err != nil {
		return nil, err
	}
	x, err := a.newExtractor()
	if err != nil {
		ix.Close()
		return nil, err
	}
	ix.SetExtractor(func(art quotes.Article) []quotes.Quote {
		qs := x.Extract(art)
		stamp(art, qs)
		return qs
	})
	n, err := ix.IndexPending(ctx)
	if err != nil {
		ix.Close()
		return nil, fmt.Errorf("index the articles a past write left pending: %w", err)
	}
	if n > 0 {
		a.log.Info("indexed the articles a failed or interrupted write had left pending", "articles", n)
	}
	return ix, nil
}

// announce writes auth.ServerFile for the server listening on ln, with the
// key of this run, and returns the function that removes it.
func (a *app) announce(ln net.Listener, local *auth.Local) (func(), error) {
	url := "http://" + ln.Addr().String()
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		url = fmt.Sprintf("http://127.0.0.1:%d", tcp.Port)
	}
	return auth.WriteServer(a.indexDir, auth.Server{URL: url, PID: os.Getpid(), Started: time.Now().UTC(), Key: local.Secret()})
}

// reader is what the reading commands need: the index, or the running
// server's API.
type reader interface {
	Search(ctx context.Context, req quotes.SearchRequest) (*quotes.SearchResult, error)
	Export(ctx context.Context, req quotes.SearchRequest, each func(quotes.Quote) error) error
	Claims(ctx context.Context, req quotes.ClaimRequest) (*quotes.ClaimList, error)
	Check(ctx context.Context, claim string) (*quotes.CheckResult, error)
}

// openReader returns the running server's client, or the index opened;
// done closes what was opened.
func (a *app) openReader() (rd reader, done func() error, err error) {
	if c := a.runningServer(); c != nil {
		return c, func() error { return nil }, nil
	}
	ix, err := a.openExistingIndex()
	if err != nil {
		return nil, nil, err
	}
	return ix, func() error {
		if err := ix.Close(); err != nil {
			return fmt.Errorf("close index: %w", err)
		}
		return nil
	}, nil
}

// closeReader runs done, keeping the first error.
func closeReader(done func() error, err *error) {
	if cerr := done(); cerr != nil && *err == nil {
		*err = cerr
	}
}
