package auth

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	quotes "github.com/quotesproject/quotes"
)

func TestKeysLifecycle(t *testing.T) {
	dir := t.TempDir()
	server := Open(dir) // the running server's view
	cli := Open(dir)    // "quotes token …" in another process

	if _, ok, err := server.Verify("qk_00000000_" + strings.Repeat("A", 43)); ok || err != nil {
		t.Fatalf("Verify with no key file = %v, %v; want false, nil", ok, err)
	}
	key, secret, err := cli.Create("cms")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(secret, "qk_"+key.ID+"_") {
		t.Errorf("secret %q does not carry the key id %q", secret, key.ID)
	}
	b, err := os.ReadFile(filepath.Join(dir, KeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), secret[len("qk_"+key.ID+"_"):]) {
		t.Error("the key file holds the secret; it must hold only its hash")
	}
	if fi, _ := os.Stat(filepath.Join(dir, KeyFile)); fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", fi.Mode().Perm())
	}

	tests := []struct {
		name   string
		secret string
		want   bool
	}{
		{"the secret", secret, true},
		{"one character changed", secret[:len(secret)-1] + flip(secret[len(secret)-1]), false},
		{"another id", "qk_ffffffff_" + secret[len("qk_"+key.ID+"_"):], false},
		{"no prefix", strings.TrimPrefix(secret, "qk_"), false},
		{"empty", "", false},
		{"short", "qk_" + key.ID + "_abc", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok, err := server.Verify(tt.secret)
			if err != nil || ok != tt.want {
				t.Fatalf("Verify = %v, %v; want %v", ok, err, tt.want)
			}
			if ok && (got.ID != key.ID || got.Name != "cms") {
				t.Errorf("Verify gave key %+v, want %s cms", got, key.ID)
			}
		})
	}

	if _, err := cli.Revoke(key.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := server.Verify(secret); ok {
		t.Error("a key revoked by another process still verifies")
	}
	if _, err := cli.Revoke("nope"); quotes.ErrorCode(err) != quotes.ENOTFOUND {
		t.Errorf("Revoke(unknown) = %v, want ENOTFOUND", err)
	}
	list, err := server.List()
	if err != nil || len(list) != 1 || list[0].Active() {
		t.Errorf("List = %+v, %v; want the one key, revoked", list, err)
	}
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}

func TestCreateName(t *testing.T) {
	k := Open(t.TempDir())
	for _, name := range []string{"", "   ", "tab\there", strings.Repeat("x", maxNameLen+1)} {
		if _, _, err := k.Create(name); quotes.ErrorCode(err) != quotes.EINVALID {
			t.Errorf("Create(%q) = %v, want EINVALID", name, err)
		}
	}
	if _, _, err := k.Create("Ada's laptop"); err != nil {
		t.Errorf("Create(a plain name) = %v", err)
	}
}

func TestDamagedKeyFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, KeyFile), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	k := Open(dir)
	_, ok, err := k.Verify("qk_00000000_" + strings.Repeat("A", 43))
	if ok || err == nil || !strings.Contains(err.Error(), KeyFile) {
		t.Errorf("Verify over a damaged file = %v, %v; want false and an error naming the file", ok, err)
	}
	if _, _, err := k.Create("x"); err == nil {
		t.Error("Create over a damaged file overwrote it")
	}
}

func FuzzVerify(f *testing.F) {
	k := Open(f.TempDir())
	_, secret, err := k.Create("fuzz")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(secret)
	f.Add("qk_")
	f.Add("qk_12345678_")
	f.Fuzz(func(t *testing.T, s string) {
		_, ok, err := k.Verify(s)
		if err != nil {
			t.Fatal(err)
		}
		if ok != (s == secret) {
			t.Fatalf("Verify(%q) = %v", s, ok)
		}
	})
}
