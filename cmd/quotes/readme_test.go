package main

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// readmeCommandTimeout bounds one README command in the test.
const readmeCommandTimeout = time.Minute

// envAssign is an environment assignment before a command: QUOTES_X=v.
var envAssign = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*=\S*\s+`)

// readmeCommand is one quotes command of the README's shell examples.
type readmeCommand struct {
	line int
	text string   // as written, comment and redirection left out
	args []string // the arguments after "quotes"
}

// readmeCommands returns the quotes commands of the README's ```sh
// blocks, with continued lines joined.
func readmeCommands(t *testing.T) []readmeCommand {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []readmeCommand
	sc := bufio.NewScanner(f)
	in, n, cont := false, 0, ""
	for sc.Scan() {
		n++
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```sh"):
			in = true
			continue
		case strings.HasPrefix(line, "```"):
			in = false
			continue
		case !in:
			continue
		}
		if cont != "" {
			line = cont + " " + strings.TrimSpace(line)
			cont = ""
		}
		if strings.HasSuffix(line, `\`) {
			cont = strings.TrimSuffix(line, `\`)
			continue
		}
		line = strings.TrimSpace(shellComment(line))
		if rest, ok := strings.CutPrefix(line, "KEY=$("); ok {
			line = strings.TrimSuffix(rest, ")")
		}
		for { // VAR=value before the command
			m := envAssign.FindString(line)
			if m == "" {
				break
			}
			line = line[len(m):]
		}
		line = strings.TrimSuffix(strings.TrimSpace(line), " &")
		text, ok := strings.CutPrefix(line, "go run ./cmd/quotes ")
		if ok {
			text = "quotes " + text
		} else if strings.HasPrefix(line, "quotes ") {
			text = line
		} else {
			continue
		}
		args, err := shellWords(strings.TrimPrefix(text, "quotes "))
		if err != nil {
			t.Fatalf("README line %d: %v", n, err)
		}
		out = append(out, readmeCommand{line: n, text: text, args: args})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// shellComment cuts a # comment outside quotation marks.
func shellComment(s string) string {
	var q byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case q != 0:
			if c == q {
				q = 0
			}
		case c == '\'' || c == '"':
			q = c
		case c == '#' && (i == 0 || s[i-1] == ' '):
			return s[:i]
		}
	}
	return s
}

// shellWords splits s as sh would: spaces separate, quotation marks group,
// a redirection (> file) and what follows it end the command.
func shellWords(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	var q byte
	started := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q != 0:
			if c == q {
				q = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '\'' || c == '"':
			q, started = c, true
		case c == ' ' || c == '\t':
			if started {
				out = append(out, cur.String())
				cur.Reset()
				started = false
			}
		case c == '>' && !started:
			return out, nil
		default:
			cur.WriteByte(c)
			started = true
		}
	}
	if q != 0 {
		return nil, os.ErrInvalid
	}
	if started {
		out = append(out, cur.String())
	}
	return out, nil
}

// readmeNotRun are the README's commands the test does not run on the
// sample data, by their first words, with the reason. Every other command
// of the README must run on the data of its quick start and succeed.
var readmeNotRun = []struct{ prefix, why string }{
	{"extract --format text article.html", "names files of the reader's own"},
	{"extract -", "reads the reader's own article on stdin"},
	{"ingest ~/news/", "names folders of the reader's own"},
	{"ingest ../shared", "reads ../shared (run by the eval tests)"},
	{"--index /tmp/news", "works on a corpus made by bench corpus"},
	{"--index /srv/quotes", "a cluster node"},
	{"--index /tmp/news-index", "reads ../shared"},
	{"eval ../shared", "reads ../shared (the eval tests run it)"},
	{"eval --speech ../shared", "reads ../shared"},
	{"eval --kinds", "reads ../shared"},
	{"eval --json ../shared", "reads ../shared"},
	{"eval --stance ../shared", "reads ../shared"},
	{"eval --claims ../shared", "reads ../shared"},
	{"bench corpus", "reads ../shared, writes 200 MB"},
	{"serve", "runs until stopped (the browser tests serve the sample data)"},
	{"watch", "follows feeds on the network until stopped (TestWatchCommand runs it against a test server)"},
	{"check --pairs pairs.jsonl", "names a file of the reader's own"},
	{"search --sort newest --limit 100 --after CURSOR", "CURSOR stands for a cursor a page printed (TestSearchExportAndCursor)"},
	{"correct QUOTE_ID", "QUOTE_ID stands for an id (the correction tests)"},
	{"hide QUOTE_ID", "QUOTE_ID stands for an id"},
	{"delete ARTICLE_ID", "ARTICLE_ID stands for an id"},
	{"backup /backups", "writes outside the test's directory (the backup tests)"},
	{"restore /backups", "reads a backup (the backup tests)"},
	{"cluster", "needs a NATS cluster (the cluster tests)"},
	{"--config", "reads /etc (the config tests)"},
	{"--nats", "needs a NATS cluster"},
}

// Every command the README shows either runs on the data its quick start
// ingests and succeeds (a search, claims list or check among them finds
// something), or is listed in readmeNotRun with the reason.
func TestREADMEExamples(t *testing.T) {
	cmds := readmeCommands(t)
	if len(cmds) < 30 {
		t.Fatalf("found %d quotes commands in the README; the parser is broken", len(cmds))
	}
	idx := filepath.Join(t.TempDir(), "idx")
	root := filepath.Join("..", "..")
	if r := runCLI(t, "", "--index", idx, "ingest", filepath.Join(root, "testdata", "articles"),
		filepath.Join(root, "testdata", "claims", "articles.jsonl"), filepath.Join(root, "testdata", "wire", "articles.jsonl")); r.code != 0 {
		t.Fatalf("quick start ingest: exit %d: %s", r.code, r.stderr)
	}
	ran := 0
	for _, c := range cmds {
		skip := ""
		for _, n := range readmeNotRun {
			if strings.HasPrefix(strings.Join(c.args, " "), n.prefix) {
				skip = n.why
			}
		}
		if skip != "" {
			continue
		}
		args := make([]string, 0, len(c.args)+2)
		for _, a := range c.args {
			// Paths are the repository's, from its root.
			if strings.HasPrefix(a, "testdata/") {
				a = filepath.Join(root, a)
			}
			args = append(args, a)
		}
		args = append([]string{"--index", idx}, args...)
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			// A command that does not end (a new serve or watch
			// example) fails here rather than holding CI.
			ctx, cancel := context.WithTimeout(context.Background(), readmeCommandTimeout)
			defer cancel()
			r := runCLIContext(t, ctx, strings.NewReader(""), args...)
			if ctx.Err() != nil {
				t.Fatalf("README line %d: %s did not end in %v: list it in readmeNotRun", c.line, c.text, readmeCommandTimeout)
			}
			if r.code != 0 {
				t.Fatalf("README line %d: %s: exit %d: %s", c.line, c.text, r.code, r.stderr)
			}
			switch c.args[0] {
			case "search", "claims", "check":
				if strings.Contains(r.stdout, "no quotes found") || strings.Contains(r.stdout, "No claims match") ||
					strings.Contains(r.stdout, `"found": false`) || strings.Contains(r.stdout, "Nothing in the index bears on") ||
					strings.Contains(r.stdout, `"total": 0`) || strings.TrimSpace(r.stdout) == "" {
					t.Errorf("README line %d: %s finds nothing on the sample data:\n%s", c.line, c.text, r.stdout)
				}
			}
		})
		ran++
	}
	if ran < 20 {
		t.Errorf("ran %d README commands; want most of them", ran)
	}
}
