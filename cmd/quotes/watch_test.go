package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

func TestWatchCommand(t *testing.T) {
	t.Parallel()
	var pages atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"1"`)
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title>
<item><title>Dam vote</title><link>/dam</link><pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate></item></channel></rss>`)
	})
	mux.HandleFunc("/dam", func(w http.ResponseWriter, r *http.Request) {
		pages.Add(1)
		fmt.Fprint(w, `<html><head><title>Dam vote</title></head><body><article><h1>Dam vote</h1>
<p>“The dam will be repaired before the spring floods,” Mayor Ada Quist said on Monday.</p>
<p>The council approved the repairs by seven votes to two after a long debate.</p></article></body></html>`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	idx := filepath.Join(t.TempDir(), "idx")

	r := runCLI(t, "", "--index", idx, "watch", "--once", "--per-host", "1ms", srv.URL+"/rss")
	if r.code != 0 || !strings.Contains(r.stderr, "1 items, 1 new, 0 failed") || !strings.Contains(r.stderr, "ingested 1 article") {
		t.Fatalf("first watch: exit %d, %q", r.code, r.stderr)
	}
	r = runCLI(t, "", "--index", idx, "search", "dam")
	if r.code != 0 || !strings.Contains(r.stdout, "Ada Quist") || !strings.Contains(r.stdout, "Valley Courier, 2026-03-03") {
		t.Fatalf("search after watch: exit %d, %q", r.code, r.stdout)
	}
	r = runCLI(t, "", "--index", idx, "watch", "--once", "--per-host", "1ms", srv.URL+"/rss")
	if r.code != 0 || !strings.Contains(r.stderr, "(not modified)") || pages.Load() != 1 {
		t.Errorf("second watch: exit %d, %q, page fetched %d times", r.code, r.stderr, pages.Load())
	}
	for _, args := range [][]string{{"watch"}, {"watch", "ftp://example.com/rss"}, {"watch", "--every", "0s", srv.URL + "/rss"}} {
		if r := runCLI(t, "", append([]string{"--index", idx}, args...)...); r.code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, r.code, exitUsage)
		}
	}
}
