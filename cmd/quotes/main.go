// Command quotes finds attributed quotes in news articles, stores them in a
// searchable index and serves search over HTTP.
//
// Usage:
//
//	quotes extract [--format jsonl|text] FILE...|-
//	quotes ingest [--index DIR] PATH...|-
//	quotes search [--index DIR] [--speaker NAME] [--outlet NAME] [--kind K] [--from DATE] [--to DATE] [--limit N] [--page N] [--json] QUERY...
//	quotes reindex [--index DIR]
//	quotes serve [--index DIR] [--addr 127.0.0.1:8080] [--ingest PATH]...
//	quotes eval [--kinds K,...|--speech] [--json] [--errors N] GOLD...
//
// Inputs are plain text, HTML pages, JSON lines of articles and RSS/Atom
// feeds, chosen by extension or content (see package source). The index
// lives in --index, by default $QUOTES_DIR, else $XDG_DATA_HOME/quotes,
// else ~/.local/share/quotes.
//
// The exit status is 0 on success, 1 when something failed (a bad input, a
// broken index) and 2 for a usage error. Errors are one line on stderr:
// "quotes: FILE: problem" or "quotes: problem".
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
