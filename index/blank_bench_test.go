package index

// The page before a query over an existing index, at its size:
//
//	QUOTES_BENCH_INDEX=/tmp/f25 go test ./index -run NONE -bench BlankPage -benchtime 10x
//
// "restart" counts every shard, as the first page after the index is
// opened does; "after a write" recounts the newest month shard, as the
// first page after an ingest into that month does (the shard's write
// generation is moved on without writing). The browse cache is emptied
// before each page. Nothing is written to the index.

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/quotesproject/quotes"
)

func BenchmarkBlankPage(b *testing.B) {
	dir := os.Getenv("QUOTES_BENCH_INDEX")
	if dir == "" {
		b.Skip("set QUOTES_BENCH_INDEX to the data directory of an index")
	}
	ix, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	names := slices.DeleteFunc(ix.sh.names(), isUndated)
	if len(names) == 0 {
		b.Skip("the index has no month shard")
	}
	newest := names[len(names)-1]
	page := func(b *testing.B) {
		ix.browse.mu.Lock()
		ix.browse.sh = nil
		ix.browse.mu.Unlock()
		res, err := ix.Search(ctx, quotes.SearchRequest{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Hits) == 0 {
			b.Fatal("no hits")
		}
	}
	b.Run("restart", func(b *testing.B) {
		for b.Loop() {
			ix.blank.mu.Lock()
			ix.blank.sh = nil
			ix.blank.mu.Unlock()
			page(b)
		}
	})
	b.Run("after a write", func(b *testing.B) {
		page(b)
		for b.Loop() {
			ix.sh.bumpShards([]string{newest})
			ix.sh.bumpShards([]string{newest})
			page(b)
		}
	})
}
