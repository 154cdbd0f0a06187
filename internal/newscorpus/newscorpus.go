// Package newscorpus loads the real news articles that benchmarks read
// from ../shared/corpus/news, beside the project's root. The texts are
// other people's writing: they are read from there, never copied in.
package newscorpus

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	quotes "github.com/quotesproject/quotes"
)

// Dir returns the folder of the news corpus: ../shared/corpus/news from
// the project's root.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	return filepath.Join(root, "..", "shared", "corpus", "news")
}

// Load returns every article of the corpus's JSON-lines files, and skips
// tb when the corpus is absent.
func Load(tb testing.TB) []quotes.Article {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(Dir(), "*.jsonl"))
	if len(files) == 0 {
		tb.Skip("../shared/corpus/news is absent")
	}
	var arts []quotes.Article
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			tb.Fatal(err)
		}
		dec := json.NewDecoder(bufio.NewReaderSize(fh, 1<<20))
		for {
			var a quotes.Article
			if err := dec.Decode(&a); err != nil {
				break
			}
			arts = append(arts, a)
		}
		fh.Close()
	}
	return arts
}
