package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Every flag of every command can also be set from the environment and
// from a configuration file, for a server run by systemd or in a
// container. The order, first found wins:
//
//  1. the flag on the command line;
//  2. the environment variable QUOTES_ and the flag's name in capitals,
//     dashes as underscores (--read-timeout: QUOTES_READ_TIMEOUT);
//  3. the file given by --config or $QUOTES_CONFIG: one "name = value" per
//     line, the flag's name without its dashes, # for comments, and
//     comma-separated values for the flags that take several;
//  4. the flag's default.
//
// A name in the file that is no flag of the command is an error naming
// its line, so that a typo does not go unnoticed; a name that is a flag of
// another command is skipped, so that one file serves serve and ingest.

// envName returns the environment variable of a flag.
func envName(flag string) string {
	return "QUOTES_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// configEntry is one "name = value" line of a configuration file.
type configEntry struct {
	value string
	line  int
}

// readConfig reads a configuration file.
func readConfig(path string) (map[string]configEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	out := map[string]configEntry{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		name = strings.TrimPrefix(strings.TrimSpace(name), "--")
		if !ok || name == "" {
			return nil, fmt.Errorf("config %s:%d: want name = value, got %q", path, n, line)
		}
		value = strings.Trim(strings.TrimSpace(value), `"`)
		out[name] = configEntry{value: value, line: n}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	return out, nil
}

// applyConfig sets the flags of cmd that the command line left unset from
// the environment, then from the configuration file.
func (a *app) applyConfig(cmd *cobra.Command) error {
	path := a.config
	if path == "" {
		path = os.Getenv("QUOTES_CONFIG")
	}
	var file map[string]configEntry
	if path != "" {
		var err error
		if file, err = readConfig(path); err != nil {
			return &usageError{err: err}
		}
	}
	var errs []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Changed || f.Name == "config" || f.Name == "help" {
			return
		}
		source, value := "", ""
		if v, ok := os.LookupEnv(envName(f.Name)); ok {
			source, value = envName(f.Name), v
		} else if e, ok := file[f.Name]; ok {
			source, value = fmt.Sprintf("%s:%d", path, e.line), e.value
		} else {
			return
		}
		if err := setFlag(f, value); err != nil {
			errs = append(errs, fmt.Sprintf("%s: --%s: %v", source, f.Name, err))
		}
	})
	for name, e := range file {
		if cmd.Flags().Lookup(name) == nil && !anyCommandHas(cmd.Root(), name) {
			errs = append(errs, fmt.Sprintf("config %s:%d: no flag --%s", path, e.line, name))
		}
	}
	if len(errs) > 0 {
		return usageErrorf("%s", strings.Join(errs, "; "))
	}
	return nil
}

// setFlag sets a flag as the command line would, values of a list flag
// separated by commas.
func setFlag(f *pflag.Flag, value string) error {
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		var items []string
		for v := range strings.SplitSeq(value, ",") {
			if v = strings.TrimSpace(v); v != "" {
				items = append(items, v)
			}
		}
		return sv.Replace(items)
	}
	if err := f.Value.Set(value); err != nil {
		return err
	}
	f.Changed = true
	return nil
}

// anyCommandHas reports whether a command of the tree has the flag name.
func anyCommandHas(c *cobra.Command, name string) bool {
	if c.Flags().Lookup(name) != nil || c.PersistentFlags().Lookup(name) != nil {
		return true
	}
	for _, sub := range c.Commands() {
		if anyCommandHas(sub, name) {
			return true
		}
	}
	return false
}
