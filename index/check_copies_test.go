package index

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/quotesproject/quotes"
)

// TestCheckReadsPastCopies: a story syndicated under 150 ids must not
// crowd out of a check the one other story of the event, and its copies
// count once.
func TestCheckReadsPastCopies(t *testing.T) {
	ix, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	day := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	entry := func(id, text, speaker, quote string) Entry {
		at := len(text) - len(quote) - 1
		return Entry{
			Article: quotes.Article{ID: id, Title: "Quill Foods offer", Outlet: "Wire", Published: day, Text: text},
			Quotes: []quotes.Quote{{Text: quote, Start: at, End: at + len(quote), Kind: quotes.KindDirect,
				Speaker: speaker, Cue: "said"}},
		}
	}
	copyText := "Quill Foods rejected the takeover offer from Brandt Group, its chairman Ada Quist said: " +
		"“We rejected the takeover offer from Brandt Group because it undervalued Quill Foods.”"
	var batch []Entry
	for i := range 150 {
		batch = append(batch, entry(fmt.Sprint("copy-", i), copyText, "Ada Quist",
			"We rejected the takeover offer from Brandt Group because it undervalued Quill Foods."))
	}
	other := "Brandt Group confirmed that Quill Foods rejected its takeover offer, its head Ivo Brandt said: " +
		"“Quill Foods rejected our offer, and we will not raise it.”"
	batch = append(batch, entry("other", other, "Ivo Brandt", "Quill Foods rejected our offer, and we will not raise it."))
	if err := ix.PutBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	r, err := ix.Check(ctx, "Quill Foods rejected Brandt Group's takeover offer")
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, s := range r.Claim.Statements {
		n[s.Speaker]++
	}
	if n["Ivo Brandt"] != 1 || n["Ada Quist"] != 1 {
		t.Errorf("statements by speaker %v, want Ivo Brandt and Ada Quist once each", n)
	}
}
