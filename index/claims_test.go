package index

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/claims"
)

// said makes an article of one statement: speaker said quote, on a day
// of 2026.
func saidOn(id string, day time.Time, speaker, role, quote string) Entry {
	text := speaker + " said " + quote + "."
	start := strings.Index(text, quote)
	return Entry{
		Article: quotes.Article{ID: id, Outlet: "Test Wire", Published: day, Text: text},
		Quotes: []quotes.Quote{{Text: quote, Start: start, End: start + len(quote), Kind: quotes.KindIndirect,
			Speaker: speaker, Role: role, Cue: "said"}},
	}
}

func day(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }

// claimIDs returns the ids of every claim, sorted.
func claimIDs(t *testing.T, ix *Index) []string {
	t.Helper()
	res, err := ix.Claims(context.Background(), quotes.ClaimRequest{Size: quotes.MaxPageSize, All: true})
	if err != nil {
		t.Fatalf("Claims: %v", err)
	}
	var ids []string
	for _, c := range res.Claims {
		ids = append(ids, c.ID)
	}
	slices.Sort(ids)
	return ids
}

// TestClaimsIncremental holds the promises of UpdateClaims: a put
// regroups the period of the article it writes and no other, leaves no
// rebuild to the next read, and comes to the claims a full rebuild gives.
func TestClaimsIncremental(t *testing.T) {
	ctx := context.Background()
	ix := openTest(t)
	lumberA := saidOn("lumber-a", day(3, 9), "Elaine Marchetti", "Canadian Trade Minister",
		"Canada and the United States reached an agreement to cut lumber tariffs")
	lumberB := saidOn("lumber-b", day(3, 10), "Tom Whitcombe", "U.S. trade official",
		"the United States reached an agreement with Canada to cut lumber tariffs")
	libraryA := saidOn("library-a", day(8, 2), "Ann Diaz", "Mayor of Millbrook",
		"the Millbrook library will open on Sundays from next month")
	libraryB := saidOn("library-b", day(8, 3), "Bob Ng", "Millbrook council spokesman",
		"the Millbrook library will open its doors on Sundays from next month")
	if err := ix.PutBatch(ctx, []Entry{lumberA, lumberB}); err != nil {
		t.Fatal(err)
	}
	if err := ix.UpdateClaims(ctx); err != nil {
		t.Fatal(err)
	}
	q1 := claimIDs(t, ix)
	if len(q1) != 1 {
		t.Fatalf("lumber: %d claims, want 1", len(q1))
	}

	for _, e := range []Entry{libraryA, libraryB} {
		if err := ix.Put(ctx, e.Article, e.Quotes); err != nil {
			t.Fatal(err)
		}
		if stale, all, err := ix.stalePeriods(); err != nil || all || len(stale) > 0 {
			t.Fatalf("after Put of %s: stale periods %v (all %v, err %v), want none", e.Article.ID, stale, all, err)
		}
	}
	both := claimIDs(t, ix)
	if len(both) != 2 || !slices.Contains(both, q1[0]) {
		t.Fatalf("after the library articles: claims %v, want the lumber claim %s and one more", both, q1[0])
	}

	// Moving an article to another quarter regroups both quarters.
	lumberB.Article.Published = day(8, 5)
	if err := ix.Put(ctx, lumberB.Article, lumberB.Quotes); err != nil {
		t.Fatal(err)
	}
	moved := claimIDs(t, ix)
	if slices.Contains(moved, q1[0]) {
		t.Errorf("the lumber claim of the first quarter outlived its second statement's move: %v", moved)
	}

	// Incremental comes to what a rebuild from scratch gives.
	if err := ix.RebuildClaims(ctx); err != nil {
		t.Fatal(err)
	}
	if rebuilt := claimIDs(t, ix); !slices.Equal(rebuilt, moved) {
		t.Errorf("rebuilt claims %v, incremental %v", rebuilt, moved)
	}
}

// TestClaimsReopen: claims stored by period are read back by a new
// process, without a rebuild.
func TestClaimsReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []Entry{
		saidOn("lumber-a", day(3, 9), "Elaine Marchetti", "Canadian Trade Minister", "Canada and the United States reached an agreement to cut lumber tariffs"),
		saidOn("lumber-b", day(3, 10), "Tom Whitcombe", "U.S. trade official", "the United States reached an agreement with Canada to cut lumber tariffs"),
	} {
		if err := ix.Put(ctx, e.Article, e.Quotes); err != nil {
			t.Fatal(err)
		}
	}
	want := claimIDs(t, ix)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if stale, all, _ := ix.stalePeriods(); all || len(stale) > 0 {
		t.Errorf("reopened: stale %v, all %v", stale, all)
	}
	if got := claimIDs(t, ix); !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("reopened: claims %v, want %v", got, want)
	}
}

// TestClaimsSides: claims built with one side table are rebuilt once
// when another is set, and not again while it stays.
func TestClaimsSides(t *testing.T) {
	ctx := context.Background()
	ix := openTest(t)
	if err := ix.PutBatch(ctx, []Entry{
		saidOn("lumber-a", day(3, 9), "Elaine Marchetti", "Canadian Trade Minister", "Canada and the United States reached an agreement to cut lumber tariffs"),
		saidOn("lumber-b", day(3, 10), "Tom Whitcombe", "U.S. trade official", "the United States reached an agreement with Canada to cut lumber tariffs"),
	}); err != nil {
		t.Fatal(err)
	}
	if err := ix.UpdateClaims(ctx); err != nil {
		t.Fatal(err)
	}
	if _, all, _ := ix.stalePeriods(); all {
		t.Fatal("claims just built are stale")
	}
	s, err := claims.LoadAliases(strings.NewReader(`{"Acme Corp": ["acme"]}`))
	if err != nil {
		t.Fatal(err)
	}
	ix.SetSides(claims.NewSides(s))
	if _, all, _ := ix.stalePeriods(); !all {
		t.Error("claims built with other sides are not stale")
	}
	claimIDs(t, ix)
	if _, all, _ := ix.stalePeriods(); all {
		t.Error("claims stay stale after a read rebuilt them")
	}
	ix.SetSides(claims.NewSides(s))
	if _, all, _ := ix.stalePeriods(); all {
		t.Error("setting the same sides again makes the claims stale")
	}
}

// TestClaimsListedWhenTwoSidesSpeak: by default the list holds claims the
// speakers of two sides or more speak to; All lists the others too.
func TestClaimsListedWhenTwoSidesSpeak(t *testing.T) {
	ctx := context.Background()
	ix := openTest(t)
	entries := []Entry{
		saidOn("lumber-a", day(3, 9), "Elaine Marchetti", "Canadian Trade Minister",
			"Canada and the United States reached an agreement to cut lumber tariffs"),
		saidOn("lumber-b", day(3, 10), "Tom Whitcombe", "U.S. trade official",
			"the United States reached an agreement with Canada to cut lumber tariffs"),
		saidOn("ferry-a", day(3, 11), "Ann Diaz", "Canadian transport minister",
			"the Quay Point ferry will add three late crossings on weekends"),
		saidOn("ferry-b", day(3, 12), "Bob Ng", "Canadian ferry official",
			"the Quay Point ferry is adding three late crossings on weekends"),
	}
	if err := ix.PutBatch(ctx, entries); err != nil {
		t.Fatal(err)
	}
	if err := ix.UpdateClaims(ctx); err != nil {
		t.Fatal(err)
	}
	list := func(all bool) []string {
		res, err := ix.Claims(ctx, quotes.ClaimRequest{Size: quotes.MaxPageSize, All: all})
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, c := range res.Claims {
			texts = append(texts, c.Text)
		}
		return texts
	}
	if got := list(false); len(got) != 1 || !strings.Contains(got[0], "lumber") {
		t.Errorf("default list: %q, want the lumber claim alone", got)
	}
	if got := list(true); len(got) != 2 {
		t.Errorf("list of all: %q, want the lumber and ferry claims", got)
	}
}
