package index

import (
	"context"
	"slices"
	"testing"

	"github.com/quotesproject/quotes"
)

// TestSpeakerViewMerges checks which names become one person, given how
// often each form is quoted.
func TestSpeakerViewMerges(t *testing.T) {
	reg := speakerRegistry{
		"Donald Trump": 20, "Donald J. Trump": 4, "DONALD TRUMP": 1, "Republican Donald Trump": 1,
		"Donald Trump Jr.": 3,
		"Bill Clinton":     5, "Hillary Clinton": 9, "Hillary Rodham Clinton": 2, "Clinton": 3,
		"Jeb Bush": 4, "George W. Bush": 3, "George W Bush": 1, "George H. W. Bush": 2, "Bush": 1,
		"Mr Howard": 1, "Michael Howard": 6,
		"Bernie Sanders": 7, "Sarah Sanders": 2, "Sarah Huckabee Sanders": 1, "Sanders": 2,
		"John Adam Smith": 1, "John Paul Smith": 1, "John Smith": 1,
		"Alexandria Ocasio-Cortez": 2, "Ocasio-Cortez": 1,
		"White House": 3, "analysts": 2, "Analysts": 1,
		"Democrat Voters": 1, "Voters": 2, "voters": 1, "University of Michigan": 1, "Michigan": 1,
		"SK Telecom": 1, "Telecom": 2, "Baroness Greenfield": 1, "Susan Greenfield": 1,
		"Senior Tories": 1, "Tories": 5, "Top Democrats": 1, "Democrats": 4,
	}
	v := buildView(reg)
	for _, c := range []struct {
		name string
		want string // canonical name, "" for no one
	}{
		{"Donald Trump", "Donald Trump"},
		{"donald j. trump", "Donald Trump"},
		{"DONALD TRUMP", "Donald Trump"},
		{"Republican Donald Trump", "Donald Trump"},
		{"Mr. Trump", ""},                        // the father or the son: no one
		{"Donald Trump Jr.", "Donald Trump Jr."}, // a son is not his father
		{"Hillary Rodham Clinton", "Hillary Clinton"},
		{"hillary clinton", "Hillary Clinton"},
		{"Bill Clinton", "Bill Clinton"},
		{"Clinton", "Clinton"}, // Bill or Hillary: a speaker of its own
		{"Mrs Clinton", "Clinton"},
		{"Jeb Bush", "Jeb Bush"},
		{"George W. Bush", "George W. Bush"},
		{"george w bush", "George W. Bush"},
		{"George H.W. Bush", "George H. W. Bush"}, // the father stays apart
		{"Bush", "Bush"},
		{"Mr Howard", "Michael Howard"},
		{"howard", "Michael Howard"},
		{"Sarah Huckabee Sanders", "Sarah Sanders"},
		{"Sanders", "Sanders"},
		{"Bernie Sanders", "Bernie Sanders"},
		{"John Paul Smith", "John Paul Smith"}, // two middle names: no merge
		{"John Smith", "John Smith"},
		{"Ocasio-Cortez", "Alexandria Ocasio-Cortez"},
		{"ANALYSTS", "analysts"},
		{"White House", "White House"},
		{"Voters", "Voters"},     // a common noun, no surname
		{"Michigan", "Michigan"}, // nor of "University of Michigan"
		{"telecom", "Telecom"},   // nor of "SK Telecom"
		{"Tories", "Tories"},     // a group, not a surname of "Senior Tories"
		{"Senior Tories", "Senior Tories"},
		{"Democrats", "Democrats"},
		{"Baroness Greenfield", "Susan Greenfield"},
		{"Hillary", ""},
		{"Ivanka Trump", ""},
		{"", ""},
	} {
		got := ""
		if p := v.resolve(c.name); p != nil {
			got = p.label
		}
		if got != c.want {
			t.Errorf("resolve(%q) = %q, want %q", c.name, got, c.want)
		}
	}
	if p := v.resolve("Clinton"); !slices.Equal(p.candidates, []string{"Bill Clinton", "Hillary Clinton"}) {
		t.Errorf("candidates of Clinton = %q, want Bill and Hillary", p.candidates)
	}
	if p := v.resolve("donald trump"); !slices.Equal(p.forms, []string{"Donald Trump", "Donald J. Trump", "DONALD TRUMP", "Republican Donald Trump"}) {
		t.Errorf("forms of Donald Trump = %q", p.forms)
	}
}

// speakerCorpus is articles naming people in several ways.
func speakerCorpus() []Entry {
	return []Entry{
		article("s1", "Reuters", "2017-10-02", []string{
			`"We will win," Donald J. Trump said.`,
			`"Jobs are coming back," Mr Trump added.`,
			`"I never said that," Bill Clinton said.`,
		},
			quoteSpec{text: "We will win", speaker: "Donald J. Trump"},
			quoteSpec{text: "Jobs are coming back", speaker: "Trump"},
			quoteSpec{text: "I never said that", speaker: "Bill Clinton"},
		),
		article("s2", "AP", "2017-10-03", []string{
			`"Taxes will fall," Donald Trump said.`,
			`"Stronger together," Hillary Clinton said.`,
			`"Not this time," Clinton said.`,
			`"Please clap," Jeb Bush said.`,
			`"Mission accomplished," George W. Bush said.`,
		},
			quoteSpec{text: "Taxes will fall", speaker: "Donald Trump"},
			quoteSpec{text: "Stronger together", speaker: "Hillary Clinton"},
			quoteSpec{text: "Not this time", speaker: "Clinton"},
			quoteSpec{text: "Please clap", speaker: "Jeb Bush"},
			quoteSpec{text: "Mission accomplished", speaker: "George W. Bush"},
		),
		article("s3", "AP", "2017-10-04", []string{
			`"A great day," DONALD TRUMP said.`,
		},
			quoteSpec{text: "A great day", speaker: "DONALD TRUMP"},
		),
	}
}

func TestSpeakerFilters(t *testing.T) {
	ix := openTest(t)
	if err := ix.PutBatch(context.Background(), speakerCorpus()); err != nil {
		t.Fatal(err)
	}
	trump := []string{"We will win", "Jobs are coming back", "Taxes will fall", "A great day"}
	for _, c := range []struct {
		speaker string
		want    []string
	}{
		{"Donald Trump", trump},
		{"donald trump", trump},
		{"Donald J. Trump", trump},
		{"Trump", trump},
		{"President Trump", trump},
		{"Hillary Clinton", []string{"Stronger together"}},
		{"hillary clinton", []string{"Stronger together"}},
		{"Bill Clinton", []string{"I never said that"}},
		{"Clinton", []string{"Not this time"}},
		{"Jeb Bush", []string{"Please clap"}},
		{"george w. bush", []string{"Mission accomplished"}},
		{"Bush", nil},
		{"Melania Trump", nil},
	} {
		t.Run(c.speaker, func(t *testing.T) {
			res := doSearch(t, ix, quotes.SearchRequest{Speaker: c.speaker})
			if got := sorted(texts(res)); !slices.Equal(got, sorted(c.want)) {
				t.Errorf("hits = %q, want %q", got, sorted(c.want))
			}
		})
	}

	res := doSearch(t, ix, quotes.SearchRequest{})
	wantFacet := []quotes.FacetCount{fc("Donald Trump", 4), fc("Bill Clinton", 1), fc("Clinton", 1),
		fc("George W. Bush", 1), fc("Hillary Clinton", 1), fc("Jeb Bush", 1)}
	if !slices.Equal(res.Facets["speaker"], wantFacet) {
		t.Errorf("speaker facet = %v\nwant %v", res.Facets["speaker"], wantFacet)
	}
	got, err := ix.Speakers(context.Background(), 2)
	if err != nil {
		t.Fatal(err)
	}
	if want := wantFacet[:2]; !slices.Equal(got, want) {
		t.Errorf("Speakers(2) = %v, want %v", got, want)
	}

	sp, err := ix.Speaker(context.Background(), "trump")
	if err != nil {
		t.Fatal(err)
	}
	if sp.Name != "Donald Trump" || sp.Key != "donald trump" ||
		!slices.Equal(sp.Variants, []string{"DONALD TRUMP", "Donald J. Trump", "Donald Trump", "Trump"}) {
		t.Errorf("Speaker(trump) = %+v", sp)
	}
	sp, err = ix.Speaker(context.Background(), "CLINTON")
	if err != nil || sp.Name != "Clinton" || !slices.Equal(sp.Candidates, []string{"Bill Clinton", "Hillary Clinton"}) {
		t.Errorf("Speaker(CLINTON) = %+v, %v", sp, err)
	}
	_, err = ix.Speaker(context.Background(), "Jeb")
	wantCode(t, err, quotes.ENOTFOUND)
}

// TestSpeakersFollowWrites checks that the registry follows puts, re-puts
// and reindex: a surname merges once the other person sharing it is gone.
func TestSpeakersFollowWrites(t *testing.T) {
	ctx := context.Background()
	ix := openTest(t)
	if err := ix.PutBatch(ctx, speakerCorpus()); err != nil {
		t.Fatal(err)
	}
	if got := texts(doSearch(t, ix, quotes.SearchRequest{Speaker: "clinton"})); !slices.Equal(got, []string{"Not this time"}) {
		t.Fatalf("clinton = %q before the re-put", got)
	}
	// s1 again without Bill Clinton: Hillary is the only Clinton left.
	e := speakerCorpus()[0]
	e.Quotes = e.Quotes[:2]
	if err := ix.Put(ctx, e.Article, e.Quotes); err != nil {
		t.Fatal(err)
	}
	want := []string{"Not this time", "Stronger together"}
	if got := sorted(texts(doSearch(t, ix, quotes.SearchRequest{Speaker: "clinton"}))); !slices.Equal(got, want) {
		t.Errorf("clinton = %q after the re-put, want %q", got, want)
	}
	// A new article with Bill Clinton again makes the surname ambiguous.
	if err := ix.Put(ctx, quotes.Article{ID: "s4", Text: `"Hello," Bill Clinton said.`},
		[]quotes.Quote{{Text: "Hello", Start: 1, End: 6, Kind: quotes.KindDirect, Speaker: "Bill Clinton"}}); err != nil {
		t.Fatal(err)
	}
	if got := texts(doSearch(t, ix, quotes.SearchRequest{Speaker: "clinton"})); !slices.Equal(got, []string{"Not this time"}) {
		t.Errorf("clinton = %q after Bill Clinton came back", got)
	}
	// Reindex with an extractor that names everyone by surname only.
	_, err := ix.Reindex(ctx, func(a quotes.Article) []quotes.Quote {
		if a.ID != "s3" {
			return nil
		}
		return []quotes.Quote{{Text: "A great day", Start: 1, End: 12, Kind: quotes.KindDirect, Speaker: "Mr. Trump"}}
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := doSearch(t, ix, quotes.SearchRequest{Speaker: "Donald Trump"})
	if res.Total != 0 {
		t.Errorf("Donald Trump has %d quotes after the reindex, want 0", res.Total)
	}
	if w := []quotes.FacetCount{fc("Mr. Trump", 1)}; !slices.Equal(doSearch(t, ix, quotes.SearchRequest{}).Facets["speaker"], w) {
		t.Errorf("speaker facet after reindex = %v, want %v", doSearch(t, ix, quotes.SearchRequest{}).Facets["speaker"], w)
	}
}
