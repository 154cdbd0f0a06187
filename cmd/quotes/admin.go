package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/quotesproject/quotes/auth"
	"github.com/quotesproject/quotes/index"
)

// checkReport is what check-index prints and the server answers.
type checkReport struct {
	index.Report
	Repaired int `json:"repaired,omitempty"`
}

// verify checks, and when repair is set repairs, the index ix.
func verify(ctx context.Context, ix *index.Index, repair bool) (*checkReport, error) {
	r, err := ix.Verify(ctx)
	if err != nil {
		return nil, err
	}
	out := &checkReport{Report: *r}
	if repair && !r.OK() {
		n, err := ix.Repair(ctx, r)
		out.Repaired = n
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// backup backs ix and the key file up into dir.
func backup(ctx context.Context, ix *index.Index, dir string) (*index.BackupStats, error) {
	st, err := ix.Backup(ctx, dir)
	if err != nil {
		return nil, err
	}
	if err := copyIfExists(filepath.Join(ix.Dir(), auth.KeyFile), filepath.Join(dir, auth.KeyFile)); err != nil {
		return nil, fmt.Errorf("backup %s: %w", auth.KeyFile, err)
	}
	return st, nil
}

func copyIfExists(src, dst string) error {
	blob, err := os.ReadFile(src)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return os.WriteFile(dst, blob, 0o600)
}

// adminCommands are check-index, backup and restore.
func (a *app) adminCommands() []*cobra.Command {
	var repair, asJSON bool
	check := &cobra.Command{
		Use:   "check-index [--repair] [--json]",
		Short: "Compare the quote index with the stored articles, and repair it",
		Long: `check-index reads every quote id of the index and every stored article, and
reports where they differ: articles some of whose quotes are missing, stray
quotes of an article's old version, quotes of articles no longer stored,
articles a failed write left pending, and article records that do not decode.
--repair extracts and indexes the differing articles again and drops the
orphaned quotes; damaged records need a restore or a new ingest. The exit
status is 1 while differences remain.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			var rep checkReport
			if c := a.runningServer(); c != nil {
				err = c.Verify(cmd.Context(), repair, &rep)
			} else {
				var ix *index.Index
				if repair {
					ix, err = a.openWriter(cmd.Context())
				} else {
					ix, err = a.openExistingIndex()
				}
				if err != nil {
					return err
				}
				defer closeIndex(ix, &err)
				var r *checkReport
				r, err = verify(cmd.Context(), ix, repair)
				if r != nil {
					rep = *r
				}
			}
			if err != nil {
				return fmt.Errorf("check-index: %w", err)
			}
			if asJSON {
				if err := encodeJSON(a.stdout, rep); err != nil {
					return err
				}
			} else {
				a.printReport(rep)
			}
			if !rep.OK() && (!repair || len(rep.Damaged) > 0) {
				return errReported
			}
			return nil
		},
	}
	check.Flags().BoolVar(&repair, "repair", false, "index the differing articles again and drop orphaned quotes")
	check.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")

	backupCmd := &cobra.Command{
		Use:   "backup DIR",
		Short: "Copy the data directory, consistently, into a new directory",
		Long: `backup writes a consistent copy of the data directory into DIR, which must not
exist or be empty: the articles (with the corrections) from one bbolt read
transaction, the quote index from one bleve snapshot, and the key file. It
runs while quotes serve runs (through it) and while searches go on. DIR is
itself a data directory: quotes --index DIR search works on it, and quotes
restore DIR puts it back.`,
		Example: `  quotes backup /backups/quotes-$(date +%F)`,
		Args:    exactArgs(1, "DIR, a new directory for the backup"),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			dir, err := filepath.Abs(args[0])
			if err != nil {
				return err
			}
			var st index.BackupStats
			if c := a.runningServer(); c != nil {
				err = c.Backup(cmd.Context(), dir, &st)
			} else {
				ix, oerr := a.openExistingIndex()
				if oerr != nil {
					return oerr
				}
				defer closeIndex(ix, &err)
				var s *index.BackupStats
				if s, err = backup(cmd.Context(), ix, dir); s != nil {
					st = *s
				}
			}
			if err != nil {
				return fmt.Errorf("backup: %w", err)
			}
			fmt.Fprintf(a.stderr, "backed up %s and %s into %s (%.1f MB)\n",
				plural(st.Articles, "article"), plural(st.Quotes, "quote"), dir, float64(st.Bytes)/1e6)
			return nil
		},
	}

	var replace bool
	restore := &cobra.Command{
		Use:   "restore BACKUP_DIR [--replace]",
		Short: "Put a backup back into the data directory",
		Long: `restore checks that BACKUP_DIR holds a backup that opens, then copies it into
--index. It refuses while quotes serve runs on --index, and, without --replace,
when --index already holds articles; the stores it replaces are moved aside
(articles.db.before-restore, quotes.bleve.before-restore), not deleted. Then
run quotes check-index to see that all is well.`,
		Example: `  quotes restore /backups/quotes-2026-11-29
  quotes restore --replace /backups/quotes-2026-11-29`,
		Args: exactArgs(1, "BACKUP_DIR, a directory quotes backup wrote"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.needsDirectory("restore"); err != nil {
				return err
			}
			st, err := index.Restore(args[0], a.indexDir, replace)
			if err != nil {
				return fmt.Errorf("restore: %w", err)
			}
			if err := copyIfExists(filepath.Join(args[0], auth.KeyFile), filepath.Join(a.indexDir, auth.KeyFile)); err != nil {
				return fmt.Errorf("restore %s: %w", auth.KeyFile, err)
			}
			fmt.Fprintf(a.stderr, "restored %s from %s into %s\n", plural(st.Articles, "article"), args[0], a.indexDir)
			return nil
		},
	}
	restore.Flags().BoolVar(&replace, "replace", false, "replace the articles --index holds (they are moved aside)")
	return []*cobra.Command{check, backupCmd, restore}
}

// printReport prints a check-index report for a reader.
func (a *app) printReport(r checkReport) {
	fmt.Fprintf(a.stdout, "%s stored, %s indexed\n", plural(r.Articles, "article"), plural(r.Quotes, "quote"))
	for _, l := range []struct {
		what string
		ids  []string
	}{
		{"articles missing quotes in the index", r.Missing},
		{"articles with stray quotes in the index", r.Stray},
		{"articles not stored whose quotes are indexed", r.Orphaned},
		{"articles a failed write left pending", r.Pending},
		{"damaged article records", r.Damaged},
	} {
		if len(l.ids) == 0 {
			continue
		}
		fmt.Fprintf(a.stdout, "%d %s:\n", len(l.ids), l.what)
		for i, id := range l.ids {
			if i == 20 {
				fmt.Fprintf(a.stdout, "  … and %d more (--json lists all)\n", len(l.ids)-20)
				break
			}
			fmt.Fprintf(a.stdout, "  %s\n", id)
		}
	}
	switch {
	case r.OK():
		fmt.Fprintln(a.stdout, "the index agrees with the store")
	case r.Repaired > 0:
		fmt.Fprintf(a.stdout, "repaired %s\n", plural(r.Repaired, "article"))
	default:
		fmt.Fprintln(a.stdout, "run quotes check-index --repair to repair the index")
	}
}
