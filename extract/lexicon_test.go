package extract

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// TestLexicons checks the word lists as data: no list names a word twice,
// no first name has both genders, every word is one token as the
// tokenizer sees it (no stray punctuation), and every list is read by the
// extractor outside its own declaration.
func TestLexicons(t *testing.T) {
	t.Parallel()
	if len(lexiconLists) < 20 {
		t.Fatalf("only %d word lists recorded; set() no longer records them", len(lexiconLists))
	}
	for _, l := range lexiconLists {
		seen := map[string]bool{}
		for _, w := range strings.Fields(l.words) {
			if seen[w] {
				t.Errorf("%s: %q listed twice", l.where, w)
			}
			seen[w] = true
			if strings.IndexFunc(w, func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(".-'’", r)
			}) >= 0 {
				t.Errorf("%s: %q has a character no word token holds", l.where, w)
			}
		}
	}
	for n := range maleNames {
		if femaleNames[n] {
			t.Errorf("%q is both a male and a female first name: keep it in neither", n)
		}
	}

	// Every package-level list built by set() is read somewhere else.
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	uses := map[string]int{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range file.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, v := range vs.Values {
					if call, ok := v.(*ast.CallExpr); ok {
						if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "set" {
							declared[vs.Names[i].Name] = true
						}
					}
				}
			}
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				uses[id.Name]++
			}
			return true
		})
	}
	for name := range declared {
		if uses[name] < 2 {
			t.Errorf("word list %s is declared but never read", name)
		}
	}
}
