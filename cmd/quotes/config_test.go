package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigOrder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "quotes.conf")
	os.WriteFile(file, []byte("# the newsroom's server\nrate = 5\nrate-burst = 9\naddr = 0.0.0.0:9000\ncors-origins = https://a.example, https://b.example\nmax-feed-items = 100\n"), 0o600)
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want map[string]string // flag → value
		err  string
	}{
		{"file", []string{"--config", file}, nil,
			map[string]string{"rate": "5", "rate-burst": "9", "addr": "0.0.0.0:9000", "cors-origins": "[https://a.example,https://b.example]", "read-only": "false"}, ""},
		{"environment over file", []string{"--config", file}, map[string]string{"QUOTES_RATE": "7", "QUOTES_READ_ONLY": "true"},
			map[string]string{"rate": "7", "rate-burst": "9", "read-only": "true"}, ""},
		{"flag over environment", []string{"--config", file, "--rate", "8"}, map[string]string{"QUOTES_RATE": "7"},
			map[string]string{"rate": "8"}, ""},
		{"file from the environment", nil, map[string]string{"QUOTES_CONFIG": file},
			map[string]string{"addr": "0.0.0.0:9000"}, ""},
		{"bad value named with its source", nil, map[string]string{"QUOTES_RATE_BURST": "many"}, nil, "QUOTES_RATE_BURST: --rate-burst"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			a := &app{stdout: io.Discard, stderr: io.Discard}
			root := a.rootCommand()
			serve, _, err := root.Find([]string{"serve"})
			if err != nil {
				t.Fatal(err)
			}
			if err := serve.ParseFlags(tt.args); err != nil {
				t.Fatal(err)
			}
			err = a.applyConfig(serve)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error = %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for name, want := range tt.want {
				if got := serve.Flags().Lookup(name).Value.String(); got != want {
					t.Errorf("--%s = %s, want %s", name, got, want)
				}
			}
		})
	}
}

func TestConfigTypo(t *testing.T) {
	file := filepath.Join(t.TempDir(), "quotes.conf")
	os.WriteFile(file, []byte("rate = 5\nrat-burst = 9\nmax-article-bytes = 1000\n"), 0o600)
	r := runCLI(t, "", "--config", file, "serve", "--index", t.TempDir(), "--addr", "127.0.0.1:0")
	if r.code != exitUsage || !strings.Contains(r.stderr, ":2: no flag --rat-burst") {
		t.Errorf("a typo in the config file: %d %s", r.code, r.stderr)
	}
	// A flag of another command is not a typo: one file serves all.
	os.WriteFile(file, []byte("rate = 5\n"), 0o600)
	if r := runCLI(t, "", "--config", file, "search", "--index", t.TempDir(), "x"); strings.Contains(r.stderr, "no flag") {
		t.Errorf("a serve flag refused for search: %s", r.stderr)
	}
}
