package main

import (
	"fmt"
	"net"

	"github.com/spf13/cobra"

	"github.com/quotesproject/quotes/server"
)

// serveCommand is "quotes serve": the HTTP API and search page.
func (a *app) serveCommand() *cobra.Command {
	var (
		addr    string
		ingests []string
	)
	cmd := &cobra.Command{
		Use:   "serve [--index DIR] [--addr 127.0.0.1:8080] [--ingest PATH]...",
		Short: "Serve search over HTTP",
		Long: `Serve serves the search page and the JSON API (GET /api/quotes,
GET /api/quotes/{id}, GET /api/speakers, POST /api/articles) over HTTP.

The paths given with --ingest (files, folders, feeds) are ingested first, as
"quotes ingest" does; bad inputs are reported and skipped. The server then
logs the URL it listens on, and shuts down gracefully on SIGINT or SIGTERM.
While it runs it holds the index: other quotes commands on the same index fail
with "in use" until it stops.`,
		Example: `  quotes serve
  quotes serve --addr :8080 --ingest testdata/articles`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			ctx := cmd.Context()
			ix, err := a.openIndex()
			if err != nil {
				return err
			}
			defer closeIndex(ix, &err)
			x, err := a.newExtractor()
			if err != nil {
				return err
			}
			if len(ingests) > 0 {
				st, err := a.ingest(ctx, ix, x, ingests)
				fmt.Fprintln(a.stderr, st.summary())
				if err != nil {
					return err
				}
				if err := a.trackClaims(ctx, ix, st); err != nil {
					return err
				}
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("listen on %s: %w", addr, err)
			}
			a.log.Info("listening", "url", "http://"+ln.Addr().String()+"/")
			h := server.New(ix, x, server.Options{Logger: a.log, Claims: ix})
			if err := server.Serve(ctx, ln, h, a.log); err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "`address` to listen on (host:port)")
	cmd.Flags().StringArrayVar(&ingests, "ingest", nil, "ingest this `path` before serving (repeatable)")
	return cmd
}
