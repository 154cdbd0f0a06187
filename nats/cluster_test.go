package nats_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/extract"
	"github.com/quotesproject/quotes/index"
	qnats "github.com/quotesproject/quotes/nats"
)

// waitFor bounds how long a test waits for the cluster to settle.
const waitFor = 45 * time.Second

// freePorts returns n ports nothing listens on.
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var out []int
	var lns []net.Listener
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		lns = append(lns, ln)
		out = append(out, ln.Addr().(*net.TCPAddr).Port)
	}
	for _, ln := range lns {
		ln.Close()
	}
	return out
}

// cluster is n nats-server processes' worth of servers, in this process,
// routed to each other, with JetStream on disk.
type cluster struct {
	servers []*server.Server
}

func startCluster(t *testing.T, n int) *cluster {
	t.Helper()
	ports := freePorts(t, 2*n)
	var routes []string
	for i := range n {
		routes = append(routes, fmt.Sprintf("nats-route://127.0.0.1:%d", ports[n+i]))
	}
	c := &cluster{}
	for i := range n {
		opts := &server.Options{
			ServerName: fmt.Sprintf("s%d", i),
			Host:       "127.0.0.1",
			Port:       ports[i],
			JetStream:  true,
			StoreDir:   t.TempDir(),
			NoLog:      true,
			NoSigs:     true,
			Cluster: server.ClusterOpts{
				Name: "quotes-test",
				Host: "127.0.0.1",
				Port: ports[n+i],
			},
			Routes: server.RoutesFromStr(strings.Join(routes, ",")),
		}
		s, err := server.NewServer(opts)
		if err != nil {
			t.Fatal(err)
		}
		go s.Start()
		c.servers = append(c.servers, s)
	}
	t.Cleanup(func() {
		for _, s := range c.servers {
			s.Shutdown()
		}
	})
	for _, s := range c.servers {
		if !s.ReadyForConnections(10 * time.Second) {
			t.Fatalf("server %s not ready", s.Name())
		}
	}
	// JetStream answers once the servers have elected a meta leader.
	deadline := time.Now().Add(waitFor)
	for !slices.ContainsFunc(c.servers, func(s *server.Server) bool { return s.JetStreamIsLeader() }) {
		if time.Now().After(deadline) {
			t.Fatal("no JetStream meta leader elected")
		}
		time.Sleep(50 * time.Millisecond)
	}
	return c
}

// url returns the URL of every server, the one of server first first.
func (c *cluster) url(first int) string {
	urls := []string{c.servers[first].ClientURL()}
	for i, s := range c.servers {
		if i != first {
			urls = append(urls, s.ClientURL())
		}
	}
	return strings.Join(urls, ",")
}

// connect connects to the cluster through server i, waiting for
// JetStream to elect its leaders.
func connect(t *testing.T, c *cluster, i int, name string) *qnats.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	for {
		conn, err := qnats.Connect(ctx, c.url(i), qnats.Options{Name: name})
		if err == nil {
			t.Cleanup(func() { conn.Close() })
			return conn
		}
		if ctx.Err() != nil {
			t.Fatalf("connect %s: %v", name, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

var (
	extractorOnce sync.Once
	extractor     *extract.Extractor
	extractorErr  error
)

// theExtractor is the real extractor, built once for the test binary.
func theExtractor(t *testing.T) *extract.Extractor {
	t.Helper()
	extractorOnce.Do(func() { extractor, extractorErr = extract.New() })
	if extractorErr != nil {
		t.Fatal(extractorErr)
	}
	return extractor
}

// node is a query node: its own index, fed from the article log.
type node struct {
	name string
	dir  string
	ix   *index.Index
	conn *qnats.Conn
	stop func()
}

// startNode opens the index in dir and follows the log as name, through
// server i.
func startNode(t *testing.T, c *cluster, i int, name, dir string) *node {
	t.Helper()
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	x := theExtractor(t)
	ix.SetExtractor(x.Extract)
	conn := connect(t, c, i, name)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		_ = conn.Follow(ctx, name, func(ctx context.Context, batch []qnats.Entry) error {
			entries := make([]index.Entry, len(batch))
			for i, e := range batch {
				entries[i] = index.Entry{Article: e.Article, Quotes: e.Quotes}
			}
			return ix.PutBatch(ctx, entries)
		})
	})
	wg.Go(func() {
		_ = conn.FollowCorrections(ctx, name, func(ctx context.Context, req quotes.CorrectionRequest) error {
			_, err := ix.Correct(ctx, req)
			return err
		})
	})
	n := &node{name: name, dir: dir, ix: ix, conn: conn}
	var once sync.Once
	n.stop = func() {
		once.Do(func() {
			cancel()
			wg.Wait()
			ix.Close()
		})
	}
	t.Cleanup(n.stop)
	return n
}

// article returns a short made-up article whose one quote holds the word
// marker(i), so that a search tells which articles a node holds.
func article(i int) quotes.Article {
	return quotes.Article{
		ID:        fmt.Sprintf("harbour-%04d", i),
		URL:       fmt.Sprintf("https://news.example.org/harbour/%d", i),
		Outlet:    "Example News",
		Title:     fmt.Sprintf("Harbour works, part %d", i),
		Published: time.Date(2026, time.Month(1+i%12), 1+i%28, 9, 0, 0, 0, time.UTC),
		Text: fmt.Sprintf("The new harbour will open next spring, officials said on Monday.\n\n"+
			"\"The %s berth is ready for the first ships,\" said Ada Quist, the port's director.\n\n"+
			"Ben Oduya, a fisherman, said the works had been too slow.", marker(i)),
	}
}

// marker is the word that only article i holds.
func marker(i int) string { return fmt.Sprintf("berth%04dx", i) }

// ingest publishes articles from to to-1 through conn, in batches of
// ten, and returns the ones the cluster acknowledged.
func ingest(t *testing.T, conn *qnats.Conn, from, to int) []int {
	t.Helper()
	var acked []int
	for start := from; start < to; start += 10 {
		var arts []quotes.Article
		for i := start; i < min(start+10, to); i++ {
			arts = append(arts, article(i))
		}
		ctx, cancel := context.WithTimeout(context.Background(), waitFor)
		_, err := conn.Ingest(ctx, arts)
		cancel()
		if err != nil {
			t.Logf("batch from %d not acknowledged: %v", start, err)
			continue
		}
		for i := start; i < min(start+10, to); i++ {
			acked = append(acked, i)
		}
	}
	return acked
}

// holds reports which of the articles want n has not applied yet.
func missing(n *node, want []int) []int {
	var out []int
	for _, i := range want {
		res, err := n.ix.Search(context.Background(), quotes.SearchRequest{Query: marker(i)})
		if err != nil || res.Total == 0 {
			out = append(out, i)
		}
	}
	return out
}

// waitHolds waits until every node holds every article of want.
func waitHolds(t *testing.T, want []int, nodes ...*node) {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for _, n := range nodes {
		for {
			m := missing(n, want)
			if len(m) == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("node %s misses %d of %d articles: %v", n.name, len(m), len(want), m[:min(len(m), 10)])
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// work runs an extraction worker on conn for the test's life.
func work(t *testing.T, conn *qnats.Conn) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = conn.Work(ctx, theExtractor(t))
	}()
	t.Cleanup(func() { cancel(); <-done })
}

// searchTexts returns the quote texts and speakers a search finds on n.
func searchTexts(t *testing.T, n *node, q string) []string {
	t.Helper()
	res, err := n.ix.Search(context.Background(), quotes.SearchRequest{Query: q, Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Quote.Speaker+": "+h.Quote.Text)
	}
	slices.Sort(out)
	return out
}

// TestCluster runs a three-server cluster with three query nodes through
// the life of a newsroom's day: ingest through one node, search on
// another; lose the stream leader in the middle of a burst; bring a node
// back after it was down; start a new node from nothing; share keys and
// corrections. The steps build on each other.
func TestCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a three-server NATS cluster")
	}
	start := time.Now()
	t.Cleanup(func() { t.Logf("cleanup started at %v", time.Since(start)) })
	c := startCluster(t, 3)
	a := startNode(t, c, 0, "a", t.TempDir())
	b := startNode(t, c, 1, "b", t.TempDir())
	cdir := t.TempDir()
	cn := startNode(t, c, 2, "c", cdir)
	if r := a.conn.Replicas(); r != 3 {
		t.Fatalf("a cluster's streams keep %d replicas, want 3", r)
	}
	work(t, a.conn)
	work(t, b.conn)
	t.Logf("cluster and nodes up in %v", time.Since(start))
	var acked []int

	t.Run("ingest through one node, search on the others", func(t *testing.T) {
		acked = append(acked, ingest(t, a.conn, 0, 20)...)
		if len(acked) != 20 {
			t.Fatalf("%d of 20 articles acknowledged on a healthy cluster", len(acked))
		}
		waitHolds(t, acked, b, cn)
		got := searchTexts(t, b, marker(7))
		want := []string{"Ada Quist: The " + marker(7) + " berth is ready for the first ships,"}
		if !slices.Equal(got, want) {
			t.Errorf("search on b = %q, want %q", got, want)
		}
	})

	t.Run("the same articles ingested again are dropped", func(t *testing.T) {
		var arts []quotes.Article
		for i := range 10 {
			arts = append(arts, article(i))
		}
		pub, err := a.conn.Ingest(context.Background(), arts)
		if err != nil {
			t.Fatal(err)
		}
		if pub.Duplicates != 10 || pub.New != 0 {
			t.Errorf("ingest again = %+v, want 10 duplicates", pub)
		}
	})

	t.Run("an edited article replaces the old one on every node", func(t *testing.T) {
		edited := article(3)
		edited.Text = strings.ReplaceAll(edited.Text, marker(3), marker(1003))
		pub, err := b.conn.Ingest(context.Background(), []quotes.Article{edited})
		if err != nil || pub.New != 1 {
			t.Fatalf("ingest an edited article = %+v, %v; want it taken", pub, err)
		}
		waitHolds(t, []int{1003}, a, b, cn)
		for _, n := range []*node{a, b, cn} {
			if m := missing(n, []int{3}); len(m) != 1 {
				t.Errorf("node %s still holds the old version", n.name)
			}
		}
		acked = append(slices.DeleteFunc(acked, func(i int) bool { return i == 3 }), 1003)
	})

	parent := t
	t.Run("a node that was down misses nothing", func(t *testing.T) {
		cn.stop()
		acked = append(acked, ingest(t, b.conn, 20, 40)...)
		cn = startNode(parent, c, 2, "c", cdir)
		waitHolds(t, acked, cn)
	})

	t.Run("losing the stream leader in a burst loses no acknowledged article", func(t *testing.T) {
		ctx := context.Background()
		// A publisher connected to every server, as an ingest is.
		pub := connect(t, c, 0, "publisher")
		done := make(chan []int)
		go func() { done <- ingest(t, pub, 40, 240) }()
		time.Sleep(300 * time.Millisecond)
		leader, err := streamLeader(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("shutting down %s, the leader of %s", c.servers[leader].Name(), qnats.LogStream)
		c.servers[leader].Shutdown()
		burst := <-done
		t.Logf("%d of 200 articles acknowledged in the burst", len(burst))
		if len(burst) < 100 {
			t.Errorf("only %d of 200 articles acknowledged with two servers of three up", len(burst))
		}
		acked = append(acked, burst...)
		waitHolds(t, acked, a, b, cn)
	})

	t.Run("a new node catches up and answers as the others", func(t *testing.T) {
		d := startNode(t, c, 0, "d", t.TempDir())
		waitHolds(t, acked, d)
		for _, q := range []string{"berth", `"first ships"`, "speaker:\"Ada Quist\"", marker(1003)} {
			if got, want := searchTexts(t, d, q), searchTexts(t, a, q); !slices.Equal(got, want) {
				t.Errorf("search %s: new node %d hits, node a %d", q, len(got), len(want))
			}
		}
		lag, err := d.conn.Lag(context.Background(), "d")
		if err != nil || lag != 0 {
			t.Errorf("Lag(d) = %d, %v; want 0 once caught up", lag, err)
		}
	})

	t.Run("a key made on one node opens writes on every node; revoked, on none", func(t *testing.T) {
		ctx := context.Background()
		ka, err := a.conn.Keys(ctx)
		if err != nil {
			t.Fatal(err)
		}
		kb, err := b.conn.Keys(ctx)
		if err != nil {
			t.Fatal(err)
		}
		key, secret, err := ka.Create("cms")
		if err != nil {
			t.Fatal(err)
		}
		if name, ok, err := kb.CheckKey(secret); !ok || name != "cms" || err != nil {
			t.Fatalf("CheckKey on b = %q, %v, %v; want cms, true", name, ok, err)
		}
		if _, err := kb.Revoke(key.ID); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := ka.CheckKey(secret); ok || err != nil {
			t.Errorf("revoked on b, CheckKey on a = %v, %v; want false", ok, err)
		}
		list, err := ka.List()
		if err != nil || len(list) != 1 || list[0].Active() {
			t.Errorf("List = %+v, %v; want the one revoked key", list, err)
		}
	})

	t.Run("a correction made on one node shows on every node", func(t *testing.T) {
		ctx := context.Background()
		res, err := a.ix.Search(ctx, quotes.SearchRequest{Query: marker(5)})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("search a: %v, %v", res, err)
		}
		cs, err := a.conn.Corrections(ctx, "a", a.ix)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cs.Correct(ctx, quotes.CorrectionRequest{
			Action: quotes.HideQuote, QuoteID: res.Hits[0].Quote.ID, Reason: "test: the quote was retracted", By: "test",
		}); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(waitFor)
		for _, n := range []*node{a, b, cn} {
			for len(missing(n, []int{5})) == 0 {
				if time.Now().After(deadline) {
					t.Fatalf("node %s still shows the hidden quote", n.name)
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
	})
}

// streamLeader returns the index of the server leading the article log.
func streamLeader(ctx context.Context, c *cluster) (int, error) {
	deadline := time.Now().Add(waitFor)
	for time.Now().Before(deadline) {
		for i, s := range c.servers {
			if s.Running() && s.JetStreamIsStreamLeader(server.DEFAULT_GLOBAL_ACCOUNT, qnats.LogStream) {
				return i, nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return 0, errors.New("no leader for the article log")
}
