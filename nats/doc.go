// Package nats runs quotes past one machine on NATS JetStream: the
// article log, the extraction work queue, and the keys and corrections a
// cluster shares. It wraps github.com/nats-io/nats.go; nothing else in
// quotes imports it, and without it (no --nats) everything stays embedded
// in one data directory.
//
// # Design
//
// Two streams carry the articles:
//
//   - QUOTES_INGEST, a work queue of articles to extract. "quotes ingest
//     --nats" publishes each article there; extraction workers on any
//     machine ("quotes work", and every "quotes serve --nats") take them
//     from one shared durable consumer, so each article is extracted once.
//   - QUOTES_ARTICLES, the article log: each article with its quotes, on a
//     subject of its own (quotes.articles.<hash of the id>) that keeps
//     only its latest version. The log is the cluster's source of truth;
//     its size follows the number of articles, not of ingests.
//
// Both keep their messages on disk with Replicas copies: 3 when the
// server is part of a cluster, 1 alone. An article put on the work queue
// carries a Nats-Msg-Id of its id and a hash of its content, so the
// server drops a second queueing of the same article within the
// duplicate window (an ingest run twice), while an edited version gets
// through. (One edited and changed back within the window is dropped as
// the first version: queue it again later.) On the log, each publication
// has an id of its own (the queue's sequence, or a unique id for an
// article posted to a node), kept when it is retried: a publish retried
// after a lost stream leader is stored once, and every new version is
// stored. A worker keeps the latest of two versions of an article in one
// batch; two workers publishing two versions at the same moment may
// still store them in either order.
//
// Every query node keeps its own bleve shards and bbolt store, fed by a
// durable consumer of the log named after the node (Follow): it applies
// the articles in batches, one batch out at a time, and acknowledges
// them once stored, so a node that stops resumes where it stopped, a
// batch that fails is tried again before any later one, and a new node
// starts from the beginning of the log. Two processes must not share a
// node name: they would split the log between them. A search on any node answers from its own disk;
// a write is acknowledged when the log holds it, and is searchable on a
// node once that node has applied it (Lag tells how far behind it is).
//
// Keys and corrections live in two key-value buckets: quotes_keys holds
// each API key under its id (Keys, an auth.Store), and quotes_corrections
// each correction an editor made, under the node that took it and a
// timestamp. Every node applies the corrections of the others from a
// durable consumer of the bucket (FollowCorrections), once it has caught
// up with the log; one whose article has not reached the node yet is
// retried later.
package nats
