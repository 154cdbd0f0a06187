package index

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSpeakerKey(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"Donald Trump", "donald trump"},
		{"Donald J. Trump", "donald trump"},
		{"DONALD TRUMP", "donald trump"},
		{"  donald   trump ", "donald trump"},
		{"President Trump", "trump"},
		{"Trump's", "trump"},
		{"Trump’s", "trump"},
		{"Mr Howard", "howard"},
		{"Mr. Howard", "howard"},
		{"Mrs. Clinton", "clinton"},
		{"Dr Liam Fox", "liam fox"},
		{"Sir Alex Ferguson", "alex ferguson"},
		{"Dame Judi Dench", "judi dench"},
		{"Lord Falconer", "falconer"},
		{"Sen. Ted Cruz", "ted cruz"},
		{"Gov. Chris Christie", "chris christie"},
		{"The White House", "white house"},
		{"Hillary Rodham Clinton", "hillary rodham clinton"},
		{"Bill Clinton", "bill clinton"},
		{"Hillary Clinton", "hillary clinton"},
		{"George W. Bush", "george bush"},
		{"George W Bush", "george bush"},
		{"George H. W. Bush", "george hw bush"},
		{"George H.W. Bush", "george hw bush"},
		{"Jeb Bush", "jeb bush"},
		{"J. D. Vance", "jd vance"},
		{"JD Vance", "jd vance"},
		{"Donald Trump Jr.", "donald trump jr"},
		{"Donald J. Trump, Jr.", "donald trump jr"},
		{"Martin Luther King Jr", "martin luther king jr"},
		{"Tony Blair MP", "tony blair"},
		{"Sarah Smith, PhD", "sarah smith"},
		{"Andrés Manuel López Obrador", "andres manuel lopez obrador"},
		{"Andres Manuel Lopez Obrador", "andres manuel lopez obrador"},
		{"Beto O'Rourke", "beto orourke"},
		{"Beto O’Rourke", "beto orourke"},
		{"Alexandria Ocasio-Cortez", "alexandria ocasio-cortez"},
		{"Ocasio–Cortez", "ocasio-cortez"},
		{"Robert Kilroy-Silk", "robert kilroy-silk"},
		{"Sanders'", "sanders"},
		{"Malcolm X", "malcolm x"},
		{"General Motors", "general motors"},
		{"Justice Department", "justice department"},
		{"Mr", "mr"},
		{"The", "the"},
		{"Mr. Smith MP", "smith"},
		{"Shinzō Abe", "shinzo abe"},
		{"Xi Jinping", "xi jinping"},
		{"习近平", "习近平"},
		{"", ""},
		{"…", ""},
	} {
		if got := SpeakerKey(c.name); got != c.want {
			t.Errorf("SpeakerKey(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// FuzzSpeakerKey checks what every key must be: idempotent, folded, one
// space between words, and the same for names that differ only in case.
func FuzzSpeakerKey(f *testing.F) {
	for _, s := range []string{
		"Donald J. Trump", "Mr Howard", "George H. W. Bush", "O’Rourke's",
		"Ocasio--Cortez-", "İstanbul Ŀ", "a B c D", "Mr's Jr", "The the",
		"J. R. R. Tolkien", "x\u0301y", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		k := SpeakerKey(name)
		if again := SpeakerKey(k); again != k {
			t.Fatalf("SpeakerKey(%q) = %q, but SpeakerKey(%q) = %q", name, k, k, again)
		}
		if !utf8.ValidString(k) {
			t.Fatalf("SpeakerKey(%q) = %q: not UTF-8", name, k)
		}
		if k != strings.Join(strings.Fields(k), " ") || strings.ContainsAny(k, "\t\n") {
			t.Fatalf("SpeakerKey(%q) = %q: not single-spaced", name, k)
		}
		for _, r := range k {
			if unicode.ToLower(r) != r {
				t.Fatalf("SpeakerKey(%q) = %q: upper case left", name, k)
			}
		}
		if u := SpeakerKey(strings.ToUpper(name)); utf8.ValidString(name) && u != k && strings.ToLower(strings.ToUpper(name)) == strings.ToLower(name) {
			t.Fatalf("SpeakerKey(%q) = %q, but of its upper case %q", name, k, u)
		}
	})
}
