package nats

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"time"

	natsgo "github.com/nats-io/nats.go"

	"github.com/nats-io/nats.go/jetstream"
)

// nodeName is what a node may be called: it names its durable consumers.
var nodeName = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// checkNode fails unless node can name a consumer.
func checkNode(node string) error {
	if !nodeName.MatchString(node) {
		return fmt.Errorf("nats: node name %q: use 1 to 64 letters, digits, - or _", node)
	}
	return nil
}

// feedAckWait is how long a stream waits for a batch to be acknowledged
// before handing it out again (the log to a node, the work queue to a
// worker): after a node or worker stopped midway, or a batch was lost on
// its way with a server, the batch goes out again once this has passed.
// One storing or extracting a batch tells the stream it is still at work
// every feedAckWait/3.
const feedAckWait = 10 * time.Second

// ackTries is how many times an ack is sent before the batch is left to
// come again; ackRetryWait is the wait between two.
const (
	ackTries     = 10
	ackRetryWait = 250 * time.Millisecond
)

// feedConsumer names the durable consumer of the log that feeds node.
func feedConsumer(node string) string { return "node-" + node }

// Apply stores a batch of entries on a node; an error leaves the batch
// in the log, to be applied again.
type Apply func(ctx context.Context, batch []Entry) error

// Follow feeds node from the article log until ctx is done: it applies
// the entries in batches, in the log's order, and acknowledges each
// message of a batch once apply returned. One batch is out at a time
// (the consumer's MaxAckPending), so a batch that fails holds back the
// ones after it: apply is tried again, every retryDelay, until it
// succeeds or ctx is done, and a batch left unacknowledged by a stop is
// handed out again, first, when the node resumes. apply must therefore
// succeed for anything it cannot store for good (an article an editor
// deleted, an invalid one), and fail only when trying again may help.
// The node's durable consumer keeps its place, so a node resumes where
// it stopped; a node the log has never seen starts from its beginning. A
// message that is no entry is skipped, with a log line.
func (c *Conn) Follow(ctx context.Context, node string, apply Apply) error {
	if err := checkNode(node); err != nil {
		return err
	}
	cons, err := c.feed(ctx, node)
	if err != nil {
		return err
	}
	for ctx.Err() == nil {
		batch, err := cons.Fetch(fetchBatch, jetstream.FetchMaxWait(fetchWait))
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			c.log.Warn("nats: follow: fetch", "node", node, "err", err)
			sleep(ctx, retryDelay)
			continue
		}
		var (
			msgs    []jetstream.Msg
			entries []Entry
		)
		for m := range batch.Messages() {
			msgs = append(msgs, m)
			var e Entry
			if err := json.Unmarshal(m.Data(), &e); err != nil || e.Article.ID == "" {
				c.log.Error("nats: follow: skipped a message that is no article", "subject", m.Subject(), "err", err)
				continue
			}
			entries = append(entries, e)
		}
		if err := batch.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, natsgo.ErrTimeout) && ctx.Err() == nil {
			c.log.Warn("nats: follow: fetch", "node", node, "err", err)
			sleep(ctx, fetchWait)
		}
		if len(msgs) == 0 {
			continue
		}
		stopWorking := c.working(msgs)
		for len(entries) > 0 {
			err := apply(ctx, entries)
			if err == nil || ctx.Err() != nil {
				break
			}
			c.log.Error("nats: follow: store a batch; trying again", "node", node, "articles", len(entries), "err", err)
			sleep(ctx, retryDelay)
		}
		stopWorking()
		if ctx.Err() != nil {
			break // unacknowledged: the batch comes again, first
		}
		if err := c.ackBatch(ctx, msgs); err != nil && ctx.Err() == nil {
			// The batch comes again after feedAckWait: applied twice,
			// which a put of the same article allows.
			c.log.Warn("nats: follow: ack", "node", node, "err", err)
		}
	}
	return nil
}

// feed returns the durable consumer of the log that feeds node.
func (c *Conn) feed(ctx context.Context, node string) (jetstream.Consumer, error) {
	stream, err := c.js.Stream(ctx, LogStream)
	if err != nil {
		return nil, fmt.Errorf("nats: follow: %w", err)
	}
	cons, err := stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:       feedConsumer(node),
		Description:   "quotes: the article feed of query node " + node,
		DeliverPolicy: jetstream.DeliverAllPolicy,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       feedAckWait,
		MaxAckPending: fetchBatch, // one batch at a time: in order
		MaxDeliver:    -1,
	})
	if err != nil {
		return nil, fmt.Errorf("nats: follow: consumer of node %s: %w", node, err)
	}
	return cons, nil
}

// Lag returns how many messages of the log node has not applied yet:
// 0 when it is caught up.
func (c *Conn) Lag(ctx context.Context, node string) (uint64, error) {
	if err := checkNode(node); err != nil {
		return 0, err
	}
	cons, err := c.feed(ctx, node)
	if err != nil {
		return 0, err
	}
	info, err := cons.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("nats: lag of node %s: %w", node, err)
	}
	return info.NumPending + uint64(info.NumAckPending), nil
}

// ackBatch acknowledges each message of a stored batch and waits for the
// server to confirm it, so that a restart does not apply the batch
// again. An ack lost with a server (a stream leader shut down) is sent
// again, up to ackTries times, to whichever server leads the consumer
// now: else the node would wait feedAckWait for the batch to come back.
func (c *Conn) ackBatch(ctx context.Context, msgs []jetstream.Msg) error {
	var err error
	for _, m := range msgs {
		for try := range ackTries {
			if try == 0 {
				err = m.DoubleAck(ctx)
			} else {
				// A failed DoubleAck may count as sent: the raw ack
				// again, on its reply subject.
				_, err = c.nc.RequestWithContext(ctx, m.Reply(), []byte("+ACK"))
			}
			if err == nil || ctx.Err() != nil {
				break
			}
			sleep(ctx, ackRetryWait)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// working tells the log every feedAckWait/3 that msgs are still being
// stored, so that they are not handed out again meanwhile, until the
// returned function is called.
func (c *Conn) working(msgs []jetstream.Msg) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(feedAckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				for _, m := range msgs {
					_ = m.InProgress()
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}
