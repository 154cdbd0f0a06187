package index

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/quotesproject/quotes"
)

// TestUndatedArticlesInBoundedPeriods checks that undated articles are
// grouped for claims in blocks of undatedPeriodArticles in the order they
// arrive, that an article keeps its block when put again, and that one
// given a date moves to its quarter.
func TestUndatedArticlesInBoundedPeriods(t *testing.T) {
	ctx := context.Background()
	ix := openTest(t)
	n := 2*undatedPeriodArticles + 1
	var entries []Entry
	for i := range n {
		entries = append(entries, Entry{Article: quotes.Article{ID: fmt.Sprintf("u%05d", i), Text: "No quote here."}})
	}
	if err := ix.PutBatch(ctx, entries); err != nil {
		t.Fatal(err)
	}
	periodOf := func(id string) string {
		var p string
		_ = ix.db.View(func(tx *bolt.Tx) error {
			p = string(tx.Bucket(bucketArticlePeriods).Get([]byte(id)))
			return nil
		})
		return p
	}
	for _, tt := range []struct{ id, want string }{
		{"u00000", "undated"},
		{fmt.Sprintf("u%05d", undatedPeriodArticles-1), "undated"},
		{fmt.Sprintf("u%05d", undatedPeriodArticles), "undated-0002"},
		{fmt.Sprintf("u%05d", n-1), "undated-0003"},
	} {
		if got := periodOf(tt.id); got != tt.want {
			t.Errorf("period of %s = %q, want %q", tt.id, got, tt.want)
		}
	}
	// Put again: the same block, not the one being filled.
	if err := ix.Put(ctx, quotes.Article{ID: "u00001", Text: "Still no quote."}, nil); err != nil {
		t.Fatal(err)
	}
	if got := periodOf("u00001"); got != "undated" {
		t.Errorf("u00001 put again: period %q, want undated", got)
	}
	// Dated: its quarter, and out of the block.
	pub := time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC)
	if err := ix.Put(ctx, quotes.Article{ID: "u00002", Text: "Dated now.", Published: pub}, nil); err != nil {
		t.Fatal(err)
	}
	if got := periodOf("u00002"); got != "2024-Q2" {
		t.Errorf("u00002 dated: period %q, want 2024-Q2", got)
	}
	var filed []string
	_ = ix.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketClaimPeriods).ForEach(func(k, _ []byte) error {
			if string(k) == "undated\x00u00002" || string(k) == "2024-Q2\x00u00002" {
				filed = append(filed, string(k))
			}
			return nil
		})
	})
	if !slices.Equal(filed, []string{"2024-Q2\x00u00002"}) {
		t.Errorf("u00002 filed under %q, want only 2024-Q2", filed)
	}
}
