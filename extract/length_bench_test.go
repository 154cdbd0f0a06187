package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	quotes "github.com/quotesproject/quotes"
)

// BenchmarkExtractLength extracts articles of 10 KB, 100 KB and 1 MB made
// of the team's sample articles one after another. Its MB/s must stay flat
// as the article grows: extraction is linear in an article's length.
func BenchmarkExtractLength(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no sample articles: %v", err)
	}
	var all strings.Builder
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		all.Write(t)
		all.WriteString("\n\n")
	}
	x := extractor(b)
	for _, size := range []int{10 << 10, 100 << 10, 1 << 20} {
		var text strings.Builder
		for text.Len() < size {
			text.WriteString(all.String())
		}
		a := quotes.Article{ID: "long", Text: text.String()[:size]}
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				x.Extract(a)
			}
		})
	}
}
