package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/quotesproject/quotes/internal/natstest"
)

// freeAddr returns a local address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// A cluster from the command line: keys made with token --nats, articles
// queued with ingest --nats, and two servers that join it, each with its
// own index, both answering every article.
func TestClusterCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a NATS server and two quotes servers")
	}
	url := natstest.Start(t)

	r := runCLI(t, "", "--nats", url, "token", "create", "cms")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "qk_") {
		t.Fatalf("token create --nats: %d %q", r.code, r.stdout)
	}
	if r := runCLI(t, "", "--nats", url, "token", "list"); r.code != 0 || !strings.Contains(r.stdout, "cms") {
		t.Fatalf("token list --nats: %d %q", r.code, r.stdout)
	}
	if r := runCLI(t, "", "--nats", url, "--index", t.TempDir(), "ingest", "../../testdata/articles"); r.code != 0 || !strings.Contains(r.stderr, "queued 16 articles") {
		t.Fatalf("ingest --nats: %d %q", r.code, r.stderr)
	}
	if r := runCLI(t, "", "--nats", url, "ingest", "../../testdata/articles"); r.code != 0 || !strings.Contains(r.stderr, "16 already queued") {
		t.Fatalf("ingest --nats again: %d %q; want every article dropped as a duplicate", r.code, r.stderr)
	}
	if r := runCLI(t, "", "work"); r.code != exitUsage || !strings.Contains(r.stderr, "--nats") {
		t.Fatalf("work without --nats: %d %q; want a usage error naming --nats", r.code, r.stderr)
	}

	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var addrs []string
	for _, node := range []string{"a", "b"} {
		addr := freeAddr(t)
		addrs = append(addrs, addr)
		dir := t.TempDir()
		wg.Go(func() {
			var out, errb strings.Builder
			code := run(ctx, []string{"--nats", url, "--index", dir, "serve", "--addr", addr, "--node", node, "--rate", "-1"}, strings.NewReader(""), &out, &errb)
			if code != 0 {
				t.Errorf("serve --nats --node %s: exit %d\n%s", node, code, errb.String())
			}
		})
	}
	defer func() { cancel(); wg.Wait() }()
	for _, addr := range addrs {
		deadline := time.Now().Add(60 * time.Second)
		for {
			total, err := searchTotal("http://" + addr + "/api/quotes?q=said")
			if err == nil && total > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("server %s holds no quote a minute after the ingest: %d, %v", addr, total, err)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	// Both nodes hold every article: the same totals.
	deadline := time.Now().Add(30 * time.Second)
	for {
		ta, erra := searchTotal("http://" + addrs[0] + "/api/quotes")
		tb, errb := searchTotal("http://" + addrs[1] + "/api/quotes")
		if erra == nil && errb == nil && ta == tb {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the nodes disagree: %d and %d quotes (%v, %v)", ta, tb, erra, errb)
		}
		time.Sleep(200 * time.Millisecond)
	}
	// The operator's view: both nodes, caught up.
	deadline = time.Now().Add(30 * time.Second)
	for {
		r := runCLI(t, "", "--nats", url, "cluster")
		if r.code != 0 {
			t.Fatalf("cluster: %d %q", r.code, r.stderr)
		}
		if strings.Contains(r.stdout, "log: 16 articles") && regexp.MustCompile(`(?m)^a +0 `).MatchString(r.stdout) &&
			regexp.MustCompile(`(?m)^b +0 `).MatchString(r.stdout) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("cluster = %q; want the 16 articles and nodes a and b at 0 behind", r.stdout)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// searchTotal returns the total of a search over HTTP.
func searchTotal(u string) (int, error) {
	resp, err := http.Get(u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s: %s", u, resp.Status)
	}
	var body struct {
		Total int `json:"total"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return 0, err
	}
	return body.Total, nil
}
