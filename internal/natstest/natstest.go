// Package natstest starts a NATS server with JetStream inside a test's
// process, for the tests of the cluster (package nats and the command's
// --nats paths). Only tests import it.
package natstest

import (
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// readyWait bounds how long Start waits for the server to take clients.
const readyWait = 10 * time.Second

// Start starts one NATS server with JetStream on a free local port, its
// store in a temporary directory, shut down when the test ends, and
// returns its client URL.
func Start(t testing.TB) string {
	t.Helper()
	s, err := server.NewServer(&server.Options{
		Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: t.TempDir(), NoLog: true, NoSigs: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	go s.Start()
	t.Cleanup(s.Shutdown)
	if !s.ReadyForConnections(readyWait) {
		t.Fatal("natstest: the NATS server is not ready")
	}
	return s.ClientURL()
}
