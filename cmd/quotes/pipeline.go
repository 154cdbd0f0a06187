package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/source"
)

// inputHandler receives the results of extractInputs, in input order.
type inputHandler struct {
	// article is called for each article read and extracted, with its
	// quotes stamped (see stamp). Returning an error stops the run.
	article func(name string, art quotes.Article, qs []quotes.Quote) error
	// input is called after the articles of each input with the number of
	// them handed to article and the input's problems: a read or parse
	// failure, bad lines, articles that are invalid or whose extraction
	// failed. Returning an error stops the run.
	input func(name string, articles int, err error) error
}

// item is one article on its way through extraction, or the end of an
// input.
type item struct {
	name string
	art  quotes.Article
	qs   []quotes.Quote
	err  error         // the article could not be used
	done chan struct{} // closed once qs and err are set

	end      bool  // the end of input name
	inputErr error // the input's read or parse error, at its end
}

// pendingPerWorker bounds the articles read ahead of the one being handled.
const pendingPerWorker = 16

// extractInputs reads the inputs in paths (see source.Walker), extracts
// the quotes of their articles with x on all cores, and hands the results
// to h in input order, so that the output is deterministic. When ctx is
// cancelled it stops reading inputs, hands over what was already read,
// and returns ctx's error.
func (a *app) extractInputs(ctx context.Context, x quotes.Extractor, paths []string, h inputHandler) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	workers := runtime.GOMAXPROCS(0)
	jobs := make(chan *item)
	pending := make(chan *item, workers*pendingPerWorker)

	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for it := range jobs {
				qs, err := safeExtract(x, it.art)
				if err != nil {
					it.err = fmt.Errorf("%s: %w", it.name, err)
				} else {
					stamp(it.art, qs)
					it.qs = qs
				}
				close(it.done)
			}
		})
	}

	var walkErr error
	go func() {
		defer close(pending)
		defer close(jobs)
		send := func(ch chan<- *item, it *item) error {
			if err := ctx.Err(); err != nil {
				return err // stop first, whatever is ready
			}
			select {
			case ch <- it:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		w := source.Walker{Stdin: a.stdin, Limits: a.limits}
		walkErr = w.Stream(paths, source.Visitor{
			Article: func(name string, art quotes.Article) error {
				it := &item{name: name, art: art, done: make(chan struct{})}
				if verr := art.Validate(); verr != nil {
					it.err = fmt.Errorf("%s: %w", name, verr)
					close(it.done)
				} else if err := send(jobs, it); err != nil {
					return err
				}
				return send(pending, it)
			},
			End: func(name string, articles int, err error) error {
				a.log.Debug("read input", "name", name, "articles", articles, "err", err)
				return send(pending, &item{name: name, end: true, inputErr: err})
			},
		})
	}()

	var (
		herr  error
		count int // articles of the current input handed to h
		errs  []error
	)
	for it := range pending {
		if herr != nil {
			continue // drain, so that the walker ends
		}
		if it.end {
			herr = h.input(it.name, count, errors.Join(append([]error{it.inputErr}, errs...)...))
			count, errs = 0, nil
		} else {
			<-it.done
			if it.err != nil {
				errs = append(errs, it.err)
				continue
			}
			count++
			herr = h.article(it.name, it.art, it.qs)
		}
		if herr != nil {
			cancel()
		}
	}
	wg.Wait()
	if herr != nil {
		return herr
	}
	return walkErr
}

// safeExtract runs x on art, turning a panic into an error.
func safeExtract(x quotes.Extractor, art quotes.Article) (qs []quotes.Quote, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("article %q: extractor failed: %v", art.ID, r)
		}
	}()
	return x.Extract(art), nil
}

// problems counts the problems in an input's error: each bad line of a
// *source.LineErrors, each error of a join.
func problems(err error) int {
	if err == nil {
		return 0
	}
	if m, ok := err.(interface{ Unwrap() []error }); ok {
		n := 0
		for _, e := range m.Unwrap() {
			n += problems(e)
		}
		return n
	}
	return 1
}
