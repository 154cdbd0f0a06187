package main

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestServe(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	ids := corpus(t, dir, 3)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--index", idx, "--addr", "127.0.0.1:0",
			"--ingest", filepath.Join(dir, "articles")}, strings.NewReader(""), &stdout, &stderr)
	}()

	urlRE := regexp.MustCompile(`msg=listening url=(http://\S+/)`)
	var base string
	for deadline := time.Now().Add(30 * time.Second); base == "" && time.Now().Before(deadline); {
		select {
		case code := <-done:
			t.Fatalf("serve ended early with %d:\n%s", code, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if m := urlRE.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("serve did not log its URL:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "ingested 3 articles") {
		t.Errorf("no ingest summary before serving:\n%s", stderr.String())
	}

	resp, err := http.Get(base + "api/quotes?q=road")
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Total int `json:"total"`
	}
	err = json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/quotes: %s, %v", resp.Status, err)
	}
	t.Logf("GET /api/quotes?q=road: %d quotes", body.Total)

	cancel() // SIGINT
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after shutdown:\n%s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if n, _ := indexStats(t, idx); n != len(ids) {
		t.Errorf("index has %d articles after serve, want %d", n, len(ids))
	}
}
