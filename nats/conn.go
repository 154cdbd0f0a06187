package nats

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	natsgo "github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/nats-io/nuid"

	"github.com/quotesproject/quotes"
)

// Names of the streams, subjects and buckets quotes keeps in JetStream.
const (
	IngestStream      = "QUOTES_INGEST"
	ingestSubject     = "quotes.ingest"
	LogStream         = "QUOTES_ARTICLES"
	logSubjectPrefix  = "quotes.articles."
	KeysBucket        = "quotes_keys"
	CorrectionsBucket = "quotes_corrections"
	extractConsumer   = "extract"
)

// Limits of the JetStream side.
const (
	// DuplicateWindow is how long the server remembers a message id to
	// drop a second publication of it.
	DuplicateWindow = 10 * time.Minute
	// clusterReplicas is how many copies a stream keeps in a cluster.
	clusterReplicas = 3
	// maxPublishPending bounds the publications awaiting their
	// acknowledgement: back-pressure on an ingest.
	maxPublishPending = 256
	// closeWait bounds how long Close waits for the connection to
	// drain.
	closeWait = 2 * time.Second
	// opTimeout bounds one request to the server (a stream's info, a
	// key's get); a publish waits as long as its context allows.
	opTimeout = 10 * time.Second
)

// Options configures a connection. The zero value is ready to use.
type Options struct {
	// Name is the client's name, shown in the server's monitoring.
	Name string
	// Replicas is how many copies the streams and buckets keep; 0 means
	// 3 when the server is part of a cluster, 1 when it runs alone.
	// It applies when they are created.
	Replicas int
	// Logger receives what happens in the background; nil means
	// slog.Default().
	Logger *slog.Logger
}

// Conn is a connection to a NATS server with JetStream, with the streams
// and buckets of quotes made ready. Its methods are safe for concurrent
// use.
type Conn struct {
	nc       *natsgo.Conn
	js       jetstream.JetStream
	replicas int
	log      *slog.Logger
	closed   chan struct{} // closed when the connection is
}

// Connect connects to the NATS servers of url (comma-separated
// nats://host:port addresses of one cluster), and creates the streams
// and buckets of quotes when they do not exist yet. It keeps
// reconnecting, to any server of the cluster, for as long as it is open.
func Connect(ctx context.Context, url string, opts Options) (*Conn, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Name == "" {
		opts.Name = "quotes"
	}
	if opts.Replicas < 0 {
		return nil, quotes.Errorf(quotes.EINVALID, "nats: %d replicas: want 0 (automatic) or more", opts.Replicas)
	}
	log := opts.Logger
	closed := make(chan struct{})
	nc, err := natsgo.Connect(url,
		natsgo.ClosedHandler(func(*natsgo.Conn) { close(closed) }),
		natsgo.Name(opts.Name),
		natsgo.MaxReconnects(-1),
		natsgo.ReconnectWait(250*time.Millisecond),
		natsgo.DisconnectErrHandler(func(_ *natsgo.Conn, err error) {
			if err != nil {
				log.Warn("nats: disconnected", "err", err)
			}
		}),
		natsgo.ReconnectHandler(func(nc *natsgo.Conn) {
			log.Info("nats: reconnected", "server", nc.ConnectedUrlRedacted())
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("nats: connect to %s: %w", url, err)
	}
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(maxPublishPending),
		jetstream.WithPublishAsyncTimeout(opTimeout)) // a lost reply is an error, not a hang
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("nats: jetstream: %w", err)
	}
	c := &Conn{nc: nc, js: js, replicas: opts.Replicas, log: log, closed: closed}
	if c.replicas == 0 {
		c.replicas = 1
		if nc.ConnectedClusterName() != "" {
			c.replicas = clusterReplicas
		}
	}
	if err := c.setUp(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	return c, nil
}

// setUp creates the streams and buckets, or checks those that exist.
func (c *Conn) setUp(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 4*opTimeout)
	defer cancel()
	streams := []jetstream.StreamConfig{{
		Name:        IngestStream,
		Description: "quotes: articles waiting for extraction",
		Subjects:    []string{ingestSubject},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Replicas:    c.replicas,
		Duplicates:  DuplicateWindow,
	}, {
		Name:              LogStream,
		Description:       "quotes: the article log, the latest version of each article with its quotes",
		Subjects:          []string{logSubjectPrefix + ">"},
		Retention:         jetstream.LimitsPolicy,
		MaxMsgsPerSubject: 1,
		Storage:           jetstream.FileStorage,
		Replicas:          c.replicas,
		Duplicates:        DuplicateWindow,
	}}
	for _, cfg := range streams {
		if _, err := c.js.CreateStream(ctx, cfg); err != nil && !errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
			return fmt.Errorf("nats: create stream %s: %w", cfg.Name, err)
		}
	}
	buckets := []jetstream.KeyValueConfig{
		{Bucket: KeysBucket, Description: "quotes: API keys by id (no secrets)", Storage: jetstream.FileStorage, Replicas: c.replicas},
		{Bucket: CorrectionsBucket, Description: "quotes: the editors' corrections", Storage: jetstream.FileStorage, Replicas: c.replicas},
	}
	for _, cfg := range buckets {
		if _, err := c.js.CreateKeyValue(ctx, cfg); err != nil && !errors.Is(err, jetstream.ErrBucketExists) {
			if _, gerr := c.js.KeyValue(ctx, cfg.Bucket); gerr != nil {
				return fmt.Errorf("nats: create bucket %s: %w", cfg.Bucket, err)
			}
		}
	}
	// A key revoked on one node must be refused on every node at once:
	// the keys are read from the bucket's leader, not from any replica
	// (a direct get may answer from a replica a write has not reached).
	st, err := c.js.Stream(ctx, "KV_"+KeysBucket)
	if err != nil {
		return fmt.Errorf("nats: bucket %s: %w", KeysBucket, err)
	}
	if cfg := st.CachedInfo().Config; cfg.AllowDirect {
		cfg.AllowDirect = false
		if _, err := c.js.UpdateStream(ctx, cfg); err != nil {
			return fmt.Errorf("nats: bucket %s: read from the leader: %w", KeysBucket, err)
		}
	}
	return nil
}

// Replicas returns how many copies the streams keep.
func (c *Conn) Replicas() int { return c.replicas }

// Close drains the connection, so that what was published and
// acknowledged is sent first, and waits until it is closed: at most
// closeWait, after which it is closed at once (a server gone for good
// cannot take the rest).
func (c *Conn) Close() error {
	if err := c.nc.Drain(); err != nil && !errors.Is(err, natsgo.ErrConnectionClosed) {
		return fmt.Errorf("nats: close: %w", err)
	}
	select {
	case <-c.closed:
	case <-time.After(closeWait):
		c.nc.Close()
	}
	return nil
}

// Entry is an article of the log with its quotes.
type Entry struct {
	Article quotes.Article `json:"article"`
	Quotes  []quotes.Quote `json:"quotes"`
}

// msgID is the message id of an article put on the work queue: its id
// and a hash of the message, so that the same article queued twice is
// dropped and an edited one is not. (An article edited and then changed
// back within DuplicateWindow is dropped too: queue it again after the
// window.)
func msgID(articleID string, body []byte) string {
	h := sha256.Sum256(body)
	return articleID + "@" + hex.EncodeToString(h[:8])
}

// logSubject is the subject of an article in the log: one per article,
// whatever characters its id holds.
func logSubject(articleID string) string {
	h := sha256.Sum256([]byte(articleID))
	return logSubjectPrefix + hex.EncodeToString(h[:16])
}

// Published counts the outcome of a publication.
type Published struct {
	// New is how many messages the stream took.
	New int `json:"new"`
	// Duplicates is how many it dropped as already published.
	Duplicates int `json:"duplicates"`
}

// outgoing is one message to publish.
type outgoing struct {
	subject, id string
	body        []byte
}

// publish publishes msgs and waits for the stream to acknowledge each;
// a publication that fails is retried once, under the same message id,
// so that a stream leader lost in between duplicates nothing.
func (c *Conn) publish(ctx context.Context, msgs []outgoing) (Published, error) {
	var out Published
	futures := make([]jetstream.PubAckFuture, len(msgs))
	for i, m := range msgs {
		f, err := c.js.PublishMsgAsync(&natsgo.Msg{Subject: m.subject, Data: m.body}, jetstream.WithMsgID(m.id))
		if err != nil {
			futures[i] = nil // published again below
			continue
		}
		futures[i] = f
	}
	for i, f := range futures {
		var ack *jetstream.PubAck
		if f != nil {
			select {
			case ack = <-f.Ok():
			case <-f.Err():
			case <-ctx.Done():
				return out, ctx.Err()
			}
		}
		if ack == nil {
			var err error
			m := msgs[i]
			ack, err = c.js.PublishMsg(ctx, &natsgo.Msg{Subject: m.subject, Data: m.body},
				jetstream.WithMsgID(m.id), jetstream.WithRetryAttempts(20), jetstream.WithRetryWait(250*time.Millisecond))
			if err != nil {
				return out, fmt.Errorf("nats: publish %s: %w", m.id, err)
			}
		}
		if ack.Duplicate {
			out.Duplicates++
		} else {
			out.New++
		}
	}
	return out, nil
}

// Ingest puts articles on the work queue of extraction. It returns when
// the stream holds each of them.
func (c *Conn) Ingest(ctx context.Context, arts []quotes.Article) (Published, error) {
	msgs := make([]outgoing, len(arts))
	for i, a := range arts {
		body, err := json.Marshal(a)
		if err != nil {
			return Published{}, fmt.Errorf("nats: encode article %q: %w", a.ID, err)
		}
		msgs[i] = outgoing{subject: ingestSubject, id: msgID(a.ID, body), body: body}
	}
	return c.publish(ctx, msgs)
}

// Publish puts entries, articles already extracted, on the article log.
// It returns when the log holds each of them. Each publication has an
// id of its own, kept when it is retried: every call stores its
// entries, the same content or not.
func (c *Conn) Publish(ctx context.Context, entries []Entry) (Published, error) {
	ids := make([]string, len(entries))
	for i, e := range entries {
		ids[i] = e.Article.ID + "@" + nuid.Next()
	}
	return c.publishLog(ctx, entries, ids)
}

// publishLog puts entries on the article log under the message ids ids.
func (c *Conn) publishLog(ctx context.Context, entries []Entry, ids []string) (Published, error) {
	msgs := make([]outgoing, len(entries))
	for i, e := range entries {
		body, err := json.Marshal(e)
		if err != nil {
			return Published{}, fmt.Errorf("nats: encode article %q: %w", e.Article.ID, err)
		}
		msgs[i] = outgoing{subject: logSubject(e.Article.ID), id: ids[i], body: body}
	}
	return c.publish(ctx, msgs)
}
