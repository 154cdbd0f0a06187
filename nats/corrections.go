package nats

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/quotesproject/quotes"
)

// Corrections makes the editors' corrections on one node and shares
// them with the cluster through the quotes_corrections bucket: a
// quotes.CorrectionService for the node's server.
type Corrections struct {
	kv    jetstream.KeyValue
	node  string
	local quotes.CorrectionService
}

var _ quotes.CorrectionService = (*Corrections)(nil)

// Corrections returns the correction service of node, which makes each
// correction with local (its own index) first, then shares it.
func (c *Conn) Corrections(ctx context.Context, node string, local quotes.CorrectionService) (*Corrections, error) {
	if err := checkNode(node); err != nil {
		return nil, err
	}
	kv, err := c.js.KeyValue(ctx, CorrectionsBucket)
	if err != nil {
		return nil, fmt.Errorf("nats: corrections: %w", err)
	}
	return &Corrections{kv: kv, node: node, local: local}, nil
}

// Correct makes the correction on this node, where it is checked against
// the article, then puts it in the bucket for the other nodes. A
// correction made here but not shared is returned with an error saying
// so.
func (cs *Corrections) Correct(ctx context.Context, req quotes.CorrectionRequest) (*quotes.Correction, error) {
	cor, err := cs.local.Correct(ctx, req)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(req)
	if err != nil {
		return cor, fmt.Errorf("nats: encode correction: %w", err)
	}
	key := cs.node + "." + strconv.FormatInt(time.Now().UnixNano(), 10)
	if _, err := cs.kv.Create(ctx, key, b); err != nil {
		return cor, fmt.Errorf("nats: correction %d made on node %s but not shared with the cluster: %w", cor.Seq, cs.node, err)
	}
	return cor, nil
}

// Corrections lists the corrections this node holds.
func (cs *Corrections) Corrections(ctx context.Context, articleID string, limit int) ([]quotes.Correction, error) {
	return cs.local.Corrections(ctx, articleID, limit)
}

// FollowCorrections applies to node the corrections the other nodes
// made, in order, until ctx is done; its durable consumer keeps its
// place across restarts. It starts once the node has applied every
// article the log held when it was called, so that the articles
// corrected are there (a node that never catches up with a busy log
// still gets there). A
// correction whose quote or article the node does not hold (ENOTFOUND:
// an article still on the way) is tried again every retryDelay, up to
// maxDeliver times, and then set aside with a log line; one the node's
// index refuses (EINVALID: its version of the article differs) is set
// aside at once.
func (c *Conn) FollowCorrections(ctx context.Context, node string, apply func(context.Context, quotes.CorrectionRequest) error) error {
	if err := checkNode(node); err != nil {
		return err
	}
	stream, err := c.js.Stream(ctx, "KV_"+CorrectionsBucket)
	if err != nil {
		return fmt.Errorf("nats: corrections: %w", err)
	}
	cons, err := stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:       "corrections-" + node,
		Description:   "quotes: the corrections applied to query node " + node,
		DeliverPolicy: jetstream.DeliverAllPolicy,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       feedAckWait,
		MaxDeliver:    maxDeliver,
		MaxAckPending: 1, // in order
	})
	if err != nil {
		return fmt.Errorf("nats: corrections of node %s: %w", node, err)
	}
	// The articles first: those the log held when this started.
	if err := c.waitApplied(ctx, node); err != nil {
		return err
	}
	prefix := "$KV." + CorrectionsBucket + "." + node + "."
	for ctx.Err() == nil {
		batch, err := cons.Fetch(1, jetstream.FetchMaxWait(fetchWait))
		if err != nil {
			if ctx.Err() == nil {
				c.log.Warn("nats: corrections: fetch", "node", node, "err", err)
				sleep(ctx, retryDelay)
			}
			continue
		}
		for m := range batch.Messages() {
			if strings.HasPrefix(m.Subject(), prefix) || len(m.Data()) == 0 {
				_ = m.Ack() // made here, or a deletion
				continue
			}
			var req quotes.CorrectionRequest
			if err := json.Unmarshal(m.Data(), &req); err != nil {
				c.log.Error("nats: corrections: skipped a damaged correction", "subject", m.Subject(), "err", err)
				_ = m.Term()
				continue
			}
			if err := apply(ctx, req); err != nil {
				if ctx.Err() != nil {
					break
				}
				if quotes.ErrorCode(err) == quotes.EINVALID {
					c.log.Error("nats: corrections: set aside a correction this node's index refuses", "node", node, "subject", m.Subject(), "err", err)
					_ = m.Term()
					continue
				}
				tries := uint64(0)
				if meta, err := m.Metadata(); err == nil {
					tries = meta.NumDelivered
				}
				if tries >= maxDeliver {
					c.log.Error("nats: corrections: set aside a correction after its last try", "node", node, "subject", m.Subject(), "tries", tries, "err", err)
				} else {
					c.log.Warn("nats: corrections: not applied yet", "node", node, "subject", m.Subject(), "try", tries, "err", err)
				}
				_ = m.NakWithDelay(retryDelay)
				continue
			}
			// Confirmed, so that a stop right after does not apply it
			// twice.
			if err := m.DoubleAck(ctx); err != nil && ctx.Err() == nil {
				c.log.Warn("nats: corrections: ack", "node", node, "err", err)
			}
		}
	}
	return nil
}

// waitApplied waits until node has applied every message the article log
// holds now, or ctx is done.
func (c *Conn) waitApplied(ctx context.Context, node string) error {
	stream, err := c.js.Stream(ctx, LogStream)
	if err != nil {
		return fmt.Errorf("nats: corrections: %w", err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		return fmt.Errorf("nats: corrections: %w", err)
	}
	last := info.State.LastSeq
	cons, err := c.feed(ctx, node)
	if err != nil {
		return err
	}
	for ctx.Err() == nil {
		ci, err := cons.Info(ctx)
		if err == nil && (ci.AckFloor.Stream >= last || ci.NumPending+uint64(ci.NumAckPending) == 0) {
			return nil
		}
		sleep(ctx, fetchWait)
	}
	return nil
}
