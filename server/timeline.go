package server

import (
	"math"
	"strconv"
	"time"

	quotes "github.com/quotesproject/quotes"
)

// timelineView is a search's timeline as the pages draw it: an SVG bar
// chart in a viewBox of Width × Height units, one bar per period, each bar
// a link to the search narrowed to its period.
type timelineView struct {
	Caption       string
	Width, Height int
	Bars          []barView
	First, Last   string // the first and last period, for the axis
}

// barView is one bar of a timeline. Empty periods have no link.
type barView struct {
	X, Y, W, H string
	Href       string
	Label      string
}

// Geometry of the timeline, in viewBox units.
const (
	barSlot     = 10 // width of a period
	barGap      = 2  // space between bars
	chartHeight = 60
	minBar      = 2  // the height of the smallest non-empty bar
	minSlots    = 12 // the chart is at least this many periods wide
)

// newTimelineView shapes tl for the page; link returns the URL of the
// search narrowed to the dates from and to (inclusive, 2006-01-02). A bar's
// period is clamped to the search's own date range, from and to (zero for
// none), so that a bar narrows the search and never widens it. It returns
// nil when there is no timeline to draw.
func newTimelineView(tl *quotes.Timeline, from, to time.Time, link func(from, to string) string) *timelineView {
	if tl == nil || len(tl.Buckets) == 0 {
		return nil
	}
	layout, human, by := time.DateOnly, "2 Jan 2006", "day"
	next := func(t time.Time) time.Time { return t }
	switch tl.Interval {
	case quotes.IntervalMonth:
		layout, human, by = "2006-01", "Jan 2006", "month"
		next = func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }
	case quotes.IntervalYear:
		layout, human, by = "2006", "2006", "year"
		next = func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }
	}
	peak, total := 0, 0
	for _, b := range tl.Buckets {
		peak, total = max(peak, b.Count), total+b.Count
	}
	// A few periods are drawn as narrow bars in the middle of the chart,
	// not stretched across it.
	slots := max(len(tl.Buckets), minSlots)
	left := float64(slots-len(tl.Buckets)) * barSlot / 2
	v := &timelineView{Width: slots * barSlot, Height: chartHeight}
	for i, b := range tl.Buckets {
		t, err := time.Parse(layout, b.Term)
		if err != nil {
			return nil // not a period the index writes
		}
		name := t.Format(human)
		if i == 0 {
			v.First = name
		}
		v.Last = name
		h := 0.5 // a hairline marks an empty period
		bar := barView{Label: name + ": " + plural(b.Count, "quote", "quotes")}
		if b.Count > 0 && peak > 0 {
			h = minBar + float64(b.Count)/float64(peak)*(chartHeight-minBar)
			start, end := t, next(t)
			if !from.IsZero() && start.Before(from) {
				start = from
			}
			if !to.IsZero() && end.After(to) {
				end = to
			}
			bar.Href = link(start.UTC().Format(time.DateOnly), end.UTC().Format(time.DateOnly))
		}
		bar.X = num(left + float64(i*barSlot) + barGap/2)
		bar.W = num(barSlot - barGap)
		bar.Y = num(chartHeight - h)
		bar.H = num(h)
		v.Bars = append(v.Bars, bar)
	}
	v.Caption = plural(total, "quote", "quotes") + " by " + by + ", " + v.First
	if v.Last != v.First {
		v.Caption += " to " + v.Last
	}
	if tl.Earlier > 0 {
		v.Caption += " (and " + plural(tl.Earlier, "earlier quote", "earlier quotes") + ")"
	}
	return v
}

// num formats a coordinate with at most two decimals.
func num(f float64) string { return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64) }

// plural returns "1 quote" or "3 quotes".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
