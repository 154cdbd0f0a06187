package nats

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/auth"
)

// Keys keeps the API keys of a cluster in the quotes_keys bucket, one
// entry per key under its id: an auth.Store every node checks writes
// against. A key made or revoked on one node counts on every node at
// its next request: nothing is cached.
type Keys struct {
	kv  jetstream.KeyValue
	url string
}

var _ auth.Store = (*Keys)(nil)

// Keys returns the cluster's keys.
func (c *Conn) Keys(ctx context.Context) (*Keys, error) {
	kv, err := c.js.KeyValue(ctx, KeysBucket)
	if err != nil {
		return nil, fmt.Errorf("nats: keys: %w", err)
	}
	return &Keys{kv: kv, url: c.nc.ConnectedUrlRedacted()}, nil
}

// Where names the bucket.
func (k *Keys) Where() string { return "bucket " + KeysBucket + " on " + k.url }

// Create makes a key named name; the bucket keeps it without its secret.
func (k *Keys) Create(name string) (auth.Key, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	for {
		key, secret, err := auth.NewKey(name)
		if err != nil {
			return auth.Key{}, "", err
		}
		b, err := json.Marshal(key)
		if err != nil {
			return auth.Key{}, "", fmt.Errorf("nats: encode key: %w", err)
		}
		if _, err := k.kv.Create(ctx, key.ID, b); errors.Is(err, jetstream.ErrKeyExists) {
			continue // another key has that id: draw again
		} else if err != nil {
			return auth.Key{}, "", fmt.Errorf("nats: create key: %w", err)
		}
		return key, secret, nil
	}
}

// get returns the key with the given id and its revision.
func (k *Keys) get(ctx context.Context, id string) (auth.Key, uint64, error) {
	e, err := k.kv.Get(ctx, id)
	if errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrInvalidKey) {
		return auth.Key{}, 0, quotes.Errorf(quotes.ENOTFOUND, "no key %q (quotes token list shows them)", id)
	}
	if err != nil {
		return auth.Key{}, 0, fmt.Errorf("nats: key %s: %w", id, err)
	}
	var key auth.Key
	if err := json.Unmarshal(e.Value(), &key); err != nil {
		return auth.Key{}, 0, fmt.Errorf("nats: key %s is damaged in %s: %w", id, KeysBucket, err)
	}
	return key, e.Revision(), nil
}

// List returns every key, revoked ones too, oldest first.
func (k *Keys) List() ([]auth.Key, error) {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	lister, err := k.kv.ListKeys(ctx)
	if err != nil {
		return nil, fmt.Errorf("nats: list keys: %w", err)
	}
	var out []auth.Key
	for id := range lister.Keys() {
		key, _, err := k.get(ctx, id)
		if quotes.ErrorCode(err) == quotes.ENOTFOUND {
			continue // deleted meanwhile
		}
		if err != nil {
			return nil, err
		}
		out = append(out, key)
	}
	slices.SortFunc(out, func(a, b auth.Key) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// Revoke revokes the key with the given id on every node. Revoking a
// revoked key is no error; an unknown id is ENOTFOUND.
func (k *Keys) Revoke(id string) (auth.Key, error) {
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	for {
		key, rev, err := k.get(ctx, id)
		if err != nil || !key.Active() {
			return key, err
		}
		key.Revoked = time.Now().UTC().Truncate(time.Second)
		b, err := json.Marshal(key)
		if err != nil {
			return auth.Key{}, fmt.Errorf("nats: encode key: %w", err)
		}
		if _, err := k.kv.Update(ctx, id, b, rev); err == nil {
			return key, nil
		} else if !errors.Is(err, jetstream.ErrKeyExists) {
			return auth.Key{}, fmt.Errorf("nats: revoke key %s: %w", id, err)
		}
		// Changed meanwhile: read it again.
	}
}

// CheckKey returns the name of the active key whose secret is secret.
func (k *Keys) CheckKey(secret string) (string, bool, error) {
	id, ok := auth.SecretID(secret)
	if !ok {
		return "", false, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	key, _, err := k.get(ctx, id)
	if quotes.ErrorCode(err) == quotes.ENOTFOUND {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	if !auth.Matches(key, secret) || !key.Active() {
		return "", false, nil
	}
	return key.Name, true, nil
}
