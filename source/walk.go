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

// Visitor receives the articles of Walker.Stream one at a time.
type Visitor struct {
	// Article is called with each article of an input as it is read.
	// Returning an error stops the walk and Stream returns it.
	Article func(name string, a quotes.Article) error
	// End is called after the articles of each input with how many were
	// handed to Article and the input's problems (see Parse), or the
	// error opening it. Returning an error stops the walk.
	End func(name string, articles int, err error) error
}

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
	var arts []quotes.Article
	return w.Stream(paths, Visitor{
		Article: func(_ string, a quotes.Article) error {
			arts = append(arts, a)
			return nil
		},
		End: func(name string, _ int, err error) error {
			got := arts
			arts = nil
			return fn(name, got, err)
		},
	})
}

// Stream is Walk article by article: the inputs are expanded as Walk
// expands them, and each article is handed to v.Article as it is read,
// so that a JSON-lines input of any size is walked in flat memory.
func (w Walker) Stream(paths []string, v Visitor) error {
	for _, p := range paths {
		if err := w.walkPath(p, v); err != nil {
			return err
		}
	}
	return nil
}

func (w Walker) walkPath(p string, v Visitor) error {
	if p == "-" {
		in := w.Stdin
		if in == nil {
			in = os.Stdin
		}
		return w.read(StdinName, in, v)
	}
	info, err := os.Stat(p)
	if err != nil {
		return v.End(p, 0, pathError(p, err))
	}
	if !info.IsDir() {
		return w.visit(p, v)
	}
	return filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			// A folder that cannot be listed, or a vanished entry.
			return v.End(path, 0, pathError(path, err))
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
		return w.visit(path, v)
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

// visit streams one file to v.
func (w Walker) visit(path string, v Visitor) error {
	f, err := os.Open(path)
	if err != nil {
		return v.End(path, 0, pathError(path, err))
	}
	defer f.Close()
	return w.read(path, f, v)
}

// read streams one input to v: its articles, then its end. An error of
// v's stops the walk; the input's own problems go to v.End.
func (w Walker) read(name string, r io.Reader, v Visitor) error {
	n := 0
	var verr error
	err := Stream(name, r, w.Limits, func(a quotes.Article) error {
		n++
		verr = v.Article(name, a)
		return verr
	})
	if verr != nil {
		return verr
	}
	return v.End(name, n, err)
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
