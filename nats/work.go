package nats

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	natsgo "github.com/nats-io/nats.go"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/quotesproject/quotes"
)

// Limits of the consumers.
const (
	// fetchBatch is how many messages a worker or a follower asks for
	// at once; fetchWait how long it waits for the first.
	fetchBatch = 64
	fetchWait  = time.Second
	// maxDeliver is how many times a message is tried before it is
	// set aside; retryDelay how long to wait before the next try.
	maxDeliver = 20
	retryDelay = 3 * time.Second
)

// Work takes articles from the work queue, extracts their quotes with x
// and publishes them to the article log, until ctx is done. An article is
// acknowledged once the log holds it: a worker that stops midway leaves
// its articles to the others. A message that is no article is dropped,
// with a log line. Any number of workers, on any machine, share the
// queue.
func (c *Conn) Work(ctx context.Context, x quotes.Extractor) error {
	stream, err := c.js.Stream(ctx, IngestStream)
	if err != nil {
		return fmt.Errorf("nats: work: %w", err)
	}
	cons, err := stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:       extractConsumer,
		Description:   "quotes: extraction workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       feedAckWait, // kept open while a batch is worked on
		MaxDeliver:    maxDeliver,
		MaxAckPending: 4 * fetchBatch,
	})
	if err != nil {
		return fmt.Errorf("nats: work: consumer: %w", err)
	}
	for ctx.Err() == nil {
		batch, err := cons.Fetch(fetchBatch, jetstream.FetchMaxWait(fetchWait))
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			c.log.Warn("nats: work: fetch", "err", err)
			sleep(ctx, retryDelay)
			continue
		}
		var (
			msgs    []jetstream.Msg
			entries []Entry
			ids     []string
			at      = map[string]int{} // article id → index in entries
		)
		var fetched []jetstream.Msg
		for m := range batch.Messages() {
			fetched = append(fetched, m)
		}
		// The batch is ours while we extract and publish it; one lost
		// on its way to us comes back after workAckWait.
		stopWorking := c.working(fetched)
		for _, m := range fetched {
			msgs = append(msgs, m)
			var a quotes.Article
			if err := json.Unmarshal(m.Data(), &a); err != nil || a.ID == "" {
				c.log.Error("nats: work: dropped a message that is no article", "subject", m.Subject(), "err", err)
				_ = m.Term()
				msgs = msgs[:len(msgs)-1]
				continue
			}
			// The log's message id is the queue's sequence: a retried
			// publication is dropped, a new one never is.
			id := a.ID + "@q"
			if meta, err := m.Metadata(); err == nil {
				id += strconv.FormatUint(meta.Sequence.Stream, 10)
			}
			e := Entry{Article: a, Quotes: x.Extract(a)}
			// Two versions of one article in a batch: the later wins,
			// as it would one after the other.
			if i, ok := at[a.ID]; ok {
				entries[i], ids[i] = e, id
				continue
			}
			at[a.ID] = len(entries)
			entries = append(entries, e)
			ids = append(ids, id)
		}
		if err := batch.Error(); err != nil && !errors.Is(err, jetstream.ErrNoMessages) && !errors.Is(err, natsgo.ErrTimeout) && ctx.Err() == nil {
			c.log.Warn("nats: work: fetch", "err", err)
			sleep(ctx, fetchWait)
		}
		if len(entries) == 0 {
			stopWorking()
			continue
		}
		_, err = c.publishLog(ctx, entries, ids)
		stopWorking()
		if err != nil {
			c.log.Error("nats: work: publish to the log; the articles go back to the queue", "articles", len(entries), "err", err)
			for _, m := range msgs {
				_ = m.NakWithDelay(retryDelay)
			}
			continue
		}
		for _, m := range msgs {
			if err := m.Ack(); err != nil {
				c.log.Warn("nats: work: ack", "err", err)
			}
		}
	}
	return nil
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
