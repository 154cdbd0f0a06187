package source

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mmcdole/gofeed"

	quotes "github.com/quotesproject/quotes"
)

// parseFeed reads an RSS or Atom feed: each item is an article with the
// item's link as URL, its title, its published (else updated) time, the
// feed's title as outlet and its content (else description) as plain
// paragraphs. Items without text are recorded in the returned *LineErrors.
func parseFeed(name string, r io.Reader, maxItems int) (arts []quotes.Article, err error) {
	defer func() {
		// The feed parsers are not ours; a panic on odd input is a bad
		// input, not a crash.
		if p := recover(); p != nil {
			arts, err = nil, fmt.Errorf("%s: cannot read feed: %v", name, p)
		}
	}()
	feed, err := gofeed.NewParser().Parse(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	bad := &LineErrors{Name: name}
	outlet := collapse(feed.Title)
	for i, it := range feed.Items {
		if i == maxItems {
			bad.add(&LineError{Name: name, Line: i + 1, Item: fmt.Sprintf("items %d to %d", i+1, len(feed.Items)),
				Err: fmt.Errorf("left out: a feed may have at most %d items (--max-feed-items)", maxItems)})
			break
		}
		if it == nil {
			continue
		}
		a := quotes.Article{
			URL:    strings.TrimSpace(it.Link),
			Title:  collapse(it.Title),
			Outlet: outlet,
		}
		switch {
		case it.PublishedParsed != nil:
			a.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			a.Published = *it.UpdatedParsed
		}
		a.Text = htmlFragmentText(it.Content)
		if strings.TrimSpace(a.Text) == "" {
			a.Text = htmlFragmentText(it.Description)
		}
		if strings.TrimSpace(a.Text) == "" {
			bad.add(&LineError{Name: name, Line: i + 1, Item: itemName(i, it), Err: errors.New("item has no text")})
			continue
		}
		arts = append(arts, a)
	}
	return arts, bad.err()
}

// itemName names a feed item in errors: its number and its title or link.
func itemName(i int, it *gofeed.Item) string {
	s := fmt.Sprintf("item %d", i+1)
	if t := collapse(it.Title); t != "" {
		return fmt.Sprintf("%s %q", s, t)
	}
	if l := strings.TrimSpace(it.Link); l != "" {
		return fmt.Sprintf("%s <%s>", s, l)
	}
	return s
}
