package nats_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/internal/natstest"
	qnats "github.com/quotesproject/quotes/nats"
)

// startAlone starts one NATS server with JetStream and connects to it.
func startAlone(t *testing.T) *qnats.Conn {
	t.Helper()
	conn, err := qnats.Connect(context.Background(), natstest.Start(t), qnats.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if conn.Replicas() != 1 {
		t.Fatalf("a server alone keeps %d replicas, want 1", conn.Replicas())
	}
	return conn
}

// applied records what a node's feed applied: the last text of each
// article.
type applied struct {
	mu   sync.Mutex
	text map[string]string
}

func (a *applied) get(id string) (string, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	s, ok := a.text[id]
	return s, ok
}

func (a *applied) len() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.text)
}

// follow runs conn.Follow as node, with apply failing for the first
// fails calls, until the test ends.
func follow(t *testing.T, conn *qnats.Conn, node string, fails int) *applied {
	t.Helper()
	got := &applied{text: map[string]string{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	calls := 0
	go func() {
		defer close(done)
		_ = conn.Follow(ctx, node, func(ctx context.Context, batch []qnats.Entry) error {
			calls++
			if calls <= fails {
				return errors.New("disk full (a test)")
			}
			got.mu.Lock()
			defer got.mu.Unlock()
			for _, e := range batch {
				got.text[e.Article.ID] = e.Article.Text
			}
			return nil
		})
	}()
	t.Cleanup(func() { cancel(); <-done })
	return got
}

func entry(id, text string) qnats.Entry {
	return qnats.Entry{Article: quotes.Article{ID: id, Text: text}}
}

// A batch that fails to store holds back the log until it is stored: no
// article is passed over, and the node is caught up only when it holds
// them all.
func TestFollowRetriesAFailedBatchLosingNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a NATS server")
	}
	conn := startAlone(t)
	ctx := context.Background()
	var entries []qnats.Entry
	for i := range 130 {
		entries = append(entries, entry(fmt.Sprintf("a%03d", i), "text"))
	}
	if _, err := conn.Publish(ctx, entries); err != nil {
		t.Fatal(err)
	}
	got := follow(t, conn, "n1", 1)
	deadline := time.Now().Add(30 * time.Second)
	for {
		lag, err := conn.Lag(ctx, "n1")
		if err == nil && lag == 0 && got.len() == 130 {
			break
		}
		if err == nil && lag == 0 && got.len() < 130 {
			t.Fatalf("the node is caught up with %d of 130 articles", got.len())
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 30 s: %d of 130 articles, lag %d, %v", got.len(), lag, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Every publication to the log counts, the same content or not: an
// article edited and changed back ends as it was changed back.
func TestPublishKeepsTheLastVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a NATS server")
	}
	conn := startAlone(t)
	ctx := context.Background()
	for _, text := range []string{"v1", "v2", "v1"} {
		pub, err := conn.Publish(ctx, []qnats.Entry{entry("a1", text)})
		if err != nil || pub.New != 1 {
			t.Fatalf("publish %s = %+v, %v; want it stored", text, pub, err)
		}
	}
	got := follow(t, conn, "n1", 0)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if text, ok := got.get("a1"); ok {
			if text != "v1" {
				t.Fatalf("the node holds %q, want the last version v1", text)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("nothing applied")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
