package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/quotesproject/quotes/auth"
)

// tokenCommand is "quotes token": the keys that writes to the server
// need.
func (a *app) tokenCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token create NAME | list | revoke ID",
		Short: "Create, list and revoke the keys that writes to the server need",
		Long: `Every write to "quotes serve" (POST /api/articles and the correction routes)
needs a key, sent as "Authorization: Bearer KEY". "quotes token create NAME"
makes one and prints it once: store it where the client keeps secrets. The
data directory keeps only its hash, in ` + auth.KeyFile + `. "quotes token revoke ID"
ends a key; a running server stops taking it at its next request. With --nats
the keys live in the cluster's quotes_keys bucket, and count on every node.`,
		Example: `  quotes token create cms
  quotes token list
  quotes token revoke 3f9a1c0e`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageErrorf("token: say create NAME, list or revoke ID")
		},
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "create NAME",
		Short: "Make a key and print it, once",
		Args:  exactArgs(1, "the key's name (whom it is for)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var (
				key    auth.Key
				secret string
			)
			err := a.withKeys(cmd.Context(), func(ks auth.Store) (err error) {
				key, secret, err = ks.Create(args[0])
				return err
			})
			if err != nil {
				return fmt.Errorf("token create: %w", err)
			}
			fmt.Fprintln(a.stdout, secret)
			fmt.Fprintf(a.stderr, "created key %s (%s); it is shown only now\n", key.ID, key.Name)
			return nil
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List the keys: id, name, created, revoked",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var (
				keys  []auth.Key
				where string
			)
			err := a.withKeys(cmd.Context(), func(ks auth.Store) (err error) {
				keys, err = ks.List()
				where = ks.Where()
				return err
			})
			if err != nil {
				return fmt.Errorf("token list: %w", err)
			}
			if len(keys) == 0 {
				fmt.Fprintf(a.stderr, "no keys in %s (quotes token create NAME makes one)\n", where)
				return nil
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tCREATED\tREVOKED")
			for _, k := range keys {
				revoked := "-"
				if !k.Active() {
					revoked = k.Revoked.Format(time.RFC3339)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Created.Format(time.RFC3339), revoked)
			}
			return tw.Flush()
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke a key; a running server stops taking it",
		Args:  exactArgs(1, "the key's id (quotes token list)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var k auth.Key
			err := a.withKeys(cmd.Context(), func(ks auth.Store) (err error) {
				k, err = ks.Revoke(args[0])
				return err
			})
			if err != nil {
				return fmt.Errorf("token revoke: %w", err)
			}
			fmt.Fprintf(a.stderr, "revoked key %s (%s)\n", k.ID, k.Name)
			return nil
		},
	})
	return cmd
}

// withKeys calls f with the keys: the cluster's with --nats, else the
// data directory's key file.
func (a *app) withKeys(ctx context.Context, f func(auth.Store) error) error {
	if a.natsURL == "" {
		return f(auth.Open(a.indexDir))
	}
	conn, err := a.connectNATS(ctx, "quotes token")
	if err != nil {
		return err
	}
	defer conn.Close()
	ks, err := conn.Keys(ctx)
	if err != nil {
		return err
	}
	return f(ks)
}
