package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/extract"
	"github.com/quotesproject/quotes/index"
	"github.com/quotesproject/quotes/source"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// app is one run of the command: its streams, its global flags and what
// the commands share.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer

	// Global flags.
	indexDir string
	verbose  bool
	// config is the --config file of flag values (see config.go).
	config string
	// aliases is the --aliases file of extra side aliases for claims.
	aliases string
	// limits bound each input of ingest and serve --ingest.
	limits source.Limits
	// cpuProfile is the --cpuprofile file: where a CPU profile of the
	// command is written, to find what a run spends its time on.
	cpuProfile string
	// natsURL is the --nats cluster: ingest, serve, token and work
	// use it instead of the data directory's queue, keys and log.
	natsURL string

	log *slog.Logger
}

// run runs the command line args (without the program name) and returns
// the exit status. ctx cancelled (SIGINT, SIGTERM) stops long commands.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{
		stdin:  stdin,
		stdout: stdout,
		stderr: stderr,
		log:    slog.New(slog.NewTextHandler(stderr, nil)),
	}
	root := a.rootCommand()
	defer a.stopProfile()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(ctx)
	return a.exitStatus(cmd, err)
}

// rootCommand builds the command tree.
func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "quotes",
		Short: "Find, store and search attributed quotes in news articles",
		Long: `quotes finds who said what in news articles: the quotes (direct, partial and
reported speech), their speakers and the verbs of saying. It reads plain text,
HTML pages, JSON lines of articles and RSS/Atom feeds, stores the articles and
their quotes in an index, and serves search over HTTP.

The index lives in --index, by default $QUOTES_DIR, else
$XDG_DATA_HOME/quotes, else ~/.local/share/quotes.`,
		Example: `  quotes extract article.txt
  quotes ingest articles/ feed.xml
  quotes search --speaker "Jane Alvarez" budget
  quotes serve --ingest testdata/articles`,
		// Runs only when no command matched: args are then an unknown
		// command.
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("missing command")
			}
			msg := fmt.Sprintf("unknown command %q", args[0])
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg += fmt.Sprintf(" (did you mean %q?)", s[0])
			}
			return usageErrorf("%s", msg)
		},
		SilenceErrors:              true,
		SuggestionsMinimumDistance: 2,
		SilenceUsage:               true,
		CompletionOptions:          cobra.CompletionOptions{HiddenDefaultCmd: true},
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if err := a.applyConfig(cmd); err != nil {
				return err
			}
			if err := a.startProfile(); err != nil {
				return err
			}
			level := slog.LevelInfo
			if a.verbose {
				level = slog.LevelDebug
			}
			a.log = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
			if a.verbose {
				// The packages' own debug messages (why a check left a
				// statement out) go to the same place.
				slog.SetDefault(a.log)
			}
			return nil
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &usageError{err: err}
	})
	pf := root.PersistentFlags()
	pf.StringVar(&a.indexDir, "index", index.DefaultDir(), "data `directory` of the index ($QUOTES_DIR)")
	pf.BoolVarP(&a.verbose, "verbose", "v", false, "log debug messages")
	pf.StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile of the command to `file` (for go tool pprof)")
	pf.StringVar(&a.config, "config", "", "`file` of flag values, one \"name = value\" a line ($QUOTES_CONFIG); flags and $QUOTES_NAME come first")
	pf.StringVar(&a.natsURL, "nats", "", "NATS JetStream `URL`s of a cluster (nats://host:4222,…): ingest queues to it, serve joins it, token keeps keys in it ($QUOTES_NATS)")
	pf.StringVar(&a.aliases, "aliases", "", "JSON `file` of extra side aliases for claims: {\"Acme Corp\": [\"acme\"]}")

	root.AddCommand(
		a.extractCommand(),
		a.ingestCommand(),
		a.watchCommand(),
		a.searchCommand(),
		a.reindexCommand(),
		a.serveCommand(),
		a.tokenCommand(),
		a.workCommand(),
		a.clusterCommand(),
		a.evalCommand(),
		a.claimsCommand(),
		a.checkCommand(),
	)
	root.AddCommand(a.correctCommands()...)
	root.AddCommand(a.adminCommands()...)
	root.AddCommand(a.benchCommand())
	return root
}

// usageError is a mistake in the command line: exit status 2 and a hint
// to read --help.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// usageErrorf returns a usage error with the formatted message.
func usageErrorf(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// errReported ends a command whose failures were already reported on
// stderr: exit status 1, nothing more printed.
var errReported = errors.New("failures reported")

// exitStatus reports err on stderr and returns the exit status for it.
func (a *app) exitStatus(cmd *cobra.Command, err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errReported) {
		return exitFailure
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(a.stderr, "quotes: %s\n", oneLine(err))
		name := "quotes"
		if cmd != nil {
			name = cmd.CommandPath()
		}
		fmt.Fprintf(a.stderr, "Run '%s --help' for usage.\n", name)
		return exitUsage
	}
	fmt.Fprintf(a.stderr, "quotes: %s\n", oneLine(err))
	return exitFailure
}

// oneLine returns the first line of err's message.
func oneLine(err error) string {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	return msg
}

// reportf writes one error line on stderr.
func (a *app) reportf(format string, args ...any) {
	fmt.Fprintf(a.stderr, "quotes: "+format+"\n", args...)
}

// report writes each line of an input's error on stderr, as
// "quotes: FILE: problem".
func (a *app) report(err error) {
	for line := range strings.SplitSeq(err.Error(), "\n") {
		if line != "" {
			a.reportf("%s", line)
		}
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// openIndex opens the index in --index, creating it.
func (a *app) openIndex() (*index.Index, error) {
	start := time.Now()
	ix, err := index.Open(a.indexDir)
	if err != nil {
		return nil, err
	}
	if err := a.applySides(ix); err != nil {
		ix.Close()
		return nil, err
	}
	a.log.Debug("opened index", "dir", a.indexDir, "took", time.Since(start))
	return ix, nil
}

// openExistingIndex opens the index in --index for a command that only
// reads what is stored (search, reindex): a mistyped directory is an error,
// not a new empty index.
func (a *app) openExistingIndex() (*index.Index, error) {
	if _, err := os.Stat(filepath.Join(a.indexDir, "articles.db")); err != nil {
		return nil, fmt.Errorf("no index at %s (run quotes ingest first, or check --index)", a.indexDir)
	}
	return a.openIndex()
}

// closeIndex closes ix, keeping the first error.
func closeIndex(ix *index.Index, err *error) {
	if cerr := ix.Close(); cerr != nil && *err == nil {
		*err = fmt.Errorf("close index: %w", cerr)
	}
}

// loadExtractor builds the extractor, which is expensive, once per
// process; it is safe for concurrent use.
var loadExtractor = sync.OnceValues(extract.New)

// newExtractor returns the process's extractor.
func (a *app) newExtractor() (*extract.Extractor, error) {
	start := time.Now()
	x, err := loadExtractor()
	if err != nil {
		return nil, fmt.Errorf("load extractor: %w", err)
	}
	a.log.Debug("extractor ready", "took", time.Since(start))
	return x, nil
}

// stamp gives the quotes of article art what the extractor may leave
// empty: the article's id, the quote's id and the article's metadata.
func stamp(art quotes.Article, qs []quotes.Quote) {
	quotes.AssignQuoteIDs(art.ID, qs)
	for i := range qs {
		q := &qs[i]
		if q.ArticleID == "" {
			q.ArticleID = art.ID
		}
		if q.URL == "" {
			q.URL = art.URL
		}
		if q.Title == "" {
			q.Title = art.Title
		}
		if q.Outlet == "" {
			q.Outlet = art.Outlet
		}
		if q.Published.IsZero() {
			q.Published = art.Published
		}
	}
}

// minArgs is cobra.MinimumNArgs giving a usage error.
func minArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErrorf("missing %s", what)
		}
		return nil
	}
}

// exactArgs fails with a usage error naming what is missing unless there
// are exactly n arguments.
func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErrorf("missing %s", what)
		}
		if len(args) > n {
			return usageErrorf("unexpected argument %q", args[n])
		}
		return nil
	}
}

// noArgs is cobra.NoArgs giving a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("unexpected argument %q", args[0])
	}
	return nil
}

// plural returns "1 file" or "2 files".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
