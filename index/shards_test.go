package index

import (
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
)

// TestShardsBetween is the table of the shards a date range reads: the
// months it overlaps, never an undated shard.
func TestShardsBetween(t *testing.T) {
	s := &shardSet{shards: map[string]bleve.Index{}}
	for _, n := range []string{"2016-01", "2016-02", "2016-03", "2017-12", "undated-0001"} {
		s.shards[n] = nil
	}
	d := func(v string) time.Time {
		tm, err := time.Parse(time.RFC3339, v)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for _, tt := range []struct {
		from, to time.Time
		want     []string
	}{
		{d("2016-02-10T00:00:00Z"), d("2016-03-01T00:00:00Z"), []string{"2016-02", "2016-03"}},
		{d("2016-02-10T00:00:00Z"), time.Time{}, []string{"2016-02", "2016-03", "2017-12"}},
		{time.Time{}, d("2016-01-31T23:59:59Z"), []string{"2016-01"}},
		// Late on the last day of a month west of UTC is the next month.
		{d("2016-02-29T20:00:00-05:00"), d("2016-03-01T10:00:00Z"), []string{"2016-03"}},
		{d("2018-01-01T00:00:00Z"), d("2019-01-01T00:00:00Z"), nil},
	} {
		if got := s.between(tt.from, tt.to); !slices.Equal(got, tt.want) {
			t.Errorf("between(%v, %v) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}
