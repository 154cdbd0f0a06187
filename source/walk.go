package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	quotes "github.com/quotesproject/quotes"
)

// WalkFunc is called by Walk for each input with its name, the articles
// read from it and the error reading it (see Parse: with some bad lines
// there are both articles and an error). Returning an error stops the walk
// and Walk returns it.
type WalkFunc func(name string, articles []quotes.Article, err error) error

// Walker walks inputs. Its zero value reads "-" from os.Stdin.
type Walker struct {
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// Limits bound each input (see ParseLimited); zero means the defaults.
	Limits Limits
}

// Walk walks paths with the zero Walker: see Walker.Walk.
func Walk(paths []string, fn WalkFunc) error {
	return Walker{}.Walk(paths, fn)
}

// Walk expands paths and parses each input, calling fn for each in turn:
//
//   - a file is parsed whatever its extension (the format is then sniffed);
//   - a folder is walked recursively in lexical order, skipping hidden files
//     and folders (their names start with a dot) and files whose extension
//     Parse does not know;
//   - "-" is standard input, named "stdin", its format sniffed.
//
// Paths are taken in the order given. A path that cannot be read (no such
// file, a folder that cannot be listed, a dangling link) is passed to fn
// like a parse failure, with no articles and an error naming it, so that
// fn decides whether to go on. Walk returns the first error fn returns.
func (w Walker) Walk(paths []string, fn WalkFunc) error {
	for _, p := range paths {
		if err := w.walkPath(p, fn); err != nil {
			return err
		}
	}
	return nil
}

func (w Walker) walkPath(p string, fn WalkFunc) error {
	if p == "-" {
		in := w.Stdin
		if in == nil {
			in = os.Stdin
		}
		arts, err := ParseLimited(StdinName, in, w.Limits)
		return fn(StdinName, arts, err)
	}
	info, err := os.Stat(p)
	if err != nil {
		return fn(p, nil, pathError(p, err))
	}
	if !info.IsDir() {
		return w.visit(p, fn)
	}
	return filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			// A folder that cannot be listed, or a vanished entry.
			return fn(path, nil, pathError(path, err))
		}
		if path != p && isHidden(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !included(path, d) {
			return nil
		}
		return w.visit(path, fn)
	})
}

// included reports whether Walk reads a folder's entry: a file with a
// known extension, or a link to one (a dangling link is read, so that it
// is reported).
func included(path string, d fs.DirEntry) bool {
	if d.IsDir() || !Known(d.Name()) {
		return false
	}
	if d.Type()&fs.ModeSymlink != 0 {
		info, err := os.Stat(path)
		return err != nil || info.Mode().IsRegular()
	}
	return d.Type().IsRegular()
}

// visit parses one file and hands it to fn.
func (w Walker) visit(path string, fn WalkFunc) error {
	f, err := os.Open(path)
	if err != nil {
		return fn(path, nil, pathError(path, err))
	}
	arts, err := ParseLimited(path, f, w.Limits)
	if cerr := f.Close(); cerr != nil && err == nil {
		err = pathError(path, cerr)
	}
	return fn(path, arts, err)
}

// Count returns the number of inputs Walk would visit for paths, without
// reading them: for a progress bar.
func Count(paths []string) int {
	n := 0
	for _, p := range paths {
		info, err := os.Stat(p)
		if p == "-" || err != nil || !info.IsDir() {
			n++
			continue
		}
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				n++
			case path != p && isHidden(d.Name()):
				if d.IsDir() {
					return filepath.SkipDir
				}
			case included(path, d):
				n++
			}
			return nil
		})
	}
	return n
}

// isHidden reports whether a file or folder name is hidden.
func isHidden(name string) bool {
	return strings.HasPrefix(name, ".") && name != "." && name != ".."
}

// pathError words a file-system error as "path: problem".
func pathError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", path, pe.Err)
	}
	return fmt.Errorf("%s: %w", path, err)
}
