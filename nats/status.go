package nats

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Status is the state of a cluster as an operator checks it: the log,
// the work queue, and how far behind each query node is.
type Status struct {
	// Articles and LogBytes are the article log's size; Replicas its
	// copies, and Leader the server leading it.
	Articles uint64 `json:"articles"`
	LogBytes uint64 `json:"log_bytes"`
	Replicas int    `json:"replicas"`
	Leader   string `json:"leader,omitempty"`
	// Queued is how many articles wait for extraction.
	Queued uint64 `json:"queued"`
	// Nodes are the query nodes the log has fed, by name.
	Nodes []NodeStatus `json:"nodes"`
}

// NodeStatus is one query node's place in the log.
type NodeStatus struct {
	Node string `json:"node"`
	// Behind is how many articles of the log the node has not applied
	// yet: 0 when it answers with everything.
	Behind uint64 `json:"behind"`
	// LastActive is when the log last handed the node an article; zero
	// if never.
	LastActive time.Time `json:"last_active,omitzero"`
}

// Status reads the state of the cluster.
func (c *Conn) Status(ctx context.Context) (*Status, error) {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	log, err := c.js.Stream(ctx, LogStream)
	if err != nil {
		return nil, fmt.Errorf("nats: status: %w", err)
	}
	li, err := log.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("nats: status: %w", err)
	}
	st := &Status{Articles: li.State.Msgs, LogBytes: li.State.Bytes, Replicas: li.Config.Replicas}
	if li.Cluster != nil {
		st.Leader = li.Cluster.Leader
	}
	queue, err := c.js.Stream(ctx, IngestStream)
	if err != nil {
		return nil, fmt.Errorf("nats: status: %w", err)
	}
	qi, err := queue.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("nats: status: %w", err)
	}
	st.Queued = qi.State.Msgs
	consumers := log.ListConsumers(ctx)
	for ci := range consumers.Info() {
		node, ok := strings.CutPrefix(ci.Name, "node-")
		if !ok {
			continue
		}
		ns := NodeStatus{Node: node, Behind: ci.NumPending + uint64(ci.NumAckPending)}
		if ci.Delivered.Last != nil {
			ns.LastActive = ci.Delivered.Last.UTC()
		}
		st.Nodes = append(st.Nodes, ns)
	}
	if err := consumers.Err(); err != nil {
		return nil, fmt.Errorf("nats: status: nodes: %w", err)
	}
	slices.SortFunc(st.Nodes, func(a, b NodeStatus) int { return strings.Compare(a.Node, b.Node) })
	return st, nil
}
