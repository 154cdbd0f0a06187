package main

import (
	"os"
	"runtime/debug"
)

// The garbage collector's settings, by measurement on the 2-core machine.
// Searching and ingesting allocate much and keep little (the index is
// mapped from disk, not on the heap), and at the default GOGC=100 the
// collector takes a third of a search's CPU and a sixth of an ingest's:
//
//   - serving at 400: bench search's p95 over 650k quotes drops from 123
//     to 88 ms (one word) and from 76 to 48 ms (two words);
//   - ingesting at 200: 4 times the news corpus in 47 s instead of 55 s,
//     with 1.0 GB of peak RSS instead of 0.85.
//
// The claims update after an ingest keeps more of what it allocates
// (the statements of two periods at once): at 200 its peak was 1.17 GB of
// anonymous memory at 16 times the news corpus, at the default 100 it is
// 0.73 GB, so it runs at claimsGCPercent.
//
// The soft limit keeps the heap within memoryLimit anyway: near it, the
// collector runs more often.
const (
	serveGCPercent  = 400
	ingestGCPercent = 200
	claimsGCPercent = 100
	memoryLimit     = 1536 << 20 // 1.5 GiB
)

// tuneGC applies a GC percent and memoryLimit, each unless its
// environment variable (GOGC, GOMEMLIMIT) says otherwise.
func (a *app) tuneGC(percent int) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}

// gcPercentFor runs fn at a GC percent, then goes back to the one before;
// GOGC in the environment wins.
func gcPercentFor(percent int, fn func() error) error {
	if os.Getenv("GOGC") != "" {
		return fn()
	}
	defer debug.SetGCPercent(debug.SetGCPercent(percent))
	return fn()
}
