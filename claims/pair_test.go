package claims

import (
	"fmt"
	"sync"
	"testing"

	quotes "github.com/quotesproject/quotes"
)

// All claims and texts below are invented for these tests.

const pairClaim = "Mayor of Springfield bans skateboards in city parks"

// pairBodies are article bodies about pairClaim, and one off topic.
var pairBodies = map[string]string{
	"confirm": `The mayor of Springfield has banned skateboards in all city parks, starting next month.
The ban covers the three largest parks in Springfield and the riverside walk. Skateboarders gathered
outside city hall to protest the decision, which the council approved after residents complained about
noise and damage to benches. Fines for riding in the parks start at fifty dollars.`,
	"report": `The mayor of Springfield reportedly wants to ban skateboards in city parks, according to
unconfirmed reports in local papers. Sources claim the ban could start next month, but it is unclear
whether the council would approve it. The mayor's office declined to comment on the rumours, and
skateboarders said they had heard nothing official about any plan for the parks.`,
	"deny": `A story that the mayor of Springfield banned skateboards in city parks is a hoax. The mayor's
office called the report fake and said there is no such rule: skateboards remain welcome in every city
park of Springfield, as they have been for years. The false story spread quickly on social media after
a parody site published it.`,
	"unrelated": `Heavy rain flooded the coastal roads of northern Portugal, and fishermen kept their boats
in harbour for a third day. Forecasters expect the storm to move east over the mountains by the weekend,
bringing snow to the higher villages and cold winds to the vineyards of the Douro valley.`,
}

func TestPairStanceRules(t *testing.T) {
	questionClaim := "Did the mayor of Springfield ban skateboards in city parks?"
	fakeClaim := "Photo of a shark swimming on a flooded Springfield highway is fake"
	fakeBody := `The photo of a shark swimming on a flooded Springfield highway is fake. It was
made by pasting a shark from an old magazine picture onto a photo of the flooded highway, and the
shark has appeared in the same pose after several other storms. The highway was flooded, but no shark
was ever seen there by police or drivers, the city's traffic office said after checking its cameras.`
	tests := []struct {
		name, claim, text string
		want              quotes.Stance
	}{
		// Bodies.
		{"confirmation: the body states the claim plainly", pairClaim, pairBodies["confirm"], quotes.StanceConfirms},
		{"hedge: the body relays rumours", pairClaim, pairBodies["report"], quotes.StanceReports},
		{"denial: the body calls the story a hoax", pairClaim, pairBodies["deny"], quotes.StanceDenies},
		{"unrelated: nothing in common", pairClaim, pairBodies["unrelated"], quotes.StanceUnrelated},
		{"question headline: the body is only discussed", questionClaim, pairBodies["confirm"], quotes.StanceReports},
		{"shared refutation: the claim says fake and so does the body", fakeClaim, fakeBody, quotes.StanceConfirms},
		// Headlines.
		{"headline confirms", pairClaim, "Springfield mayor bans skateboards from city parks", quotes.StanceConfirms},
		{"headline denies with a refuting word", pairClaim, "Springfield skateboard ban in city parks is a hoax", quotes.StanceDenies},
		{"headline denies with a negation", pairClaim, "Springfield mayor did not ban skateboards in parks", quotes.StanceDenies},
		{"headline hedges", pairClaim, "Springfield mayor reportedly bans skateboards in parks", quotes.StanceReports},
		{"headline attributes", pairClaim, "Skateboards banned from Springfield parks, sources say", quotes.StanceReports},
		{"question headline", pairClaim, "Is Springfield banning skateboards in its parks?", quotes.StanceReports},
		{"headline negation the claim shares", "Springfield mayor will not allow skateboards in city parks", "Springfield mayor won't allow skateboards in parks", quotes.StanceConfirms},
	}
	var texts []string
	for _, b := range pairBodies {
		texts = append(texts, b)
	}
	texts = append(texts, fakeBody, pairClaim, questionClaim, fakeClaim)
	for _, c := range []*PairCorpus{nil, NewPairCorpus(texts)} {
		for _, tc := range tests {
			t.Run(fmt.Sprintf("%s/corpus=%v", tc.name, c != nil), func(t *testing.T) {
				if got := c.Stance(tc.claim, tc.text); got != tc.want {
					t.Errorf("Stance = %s, want %s (features %+v)", got, tc.want, c.features(tc.claim, tc.text))
				}
				got := c.StanceRelated(tc.claim, tc.text)
				if got == quotes.StanceUnrelated {
					t.Errorf("StanceRelated = unrelated")
				}
				if tc.want != quotes.StanceUnrelated && got != tc.want {
					t.Errorf("StanceRelated = %s, want %s", got, tc.want)
				}
			})
		}
	}
}

func TestPairRelatedness(t *testing.T) {
	c := NewPairCorpus([]string{pairBodies["confirm"], pairBodies["unrelated"], pairBodies["report"]})
	on := c.Relatedness(pairClaim, pairBodies["confirm"])
	off := c.Relatedness(pairClaim, pairBodies["unrelated"])
	if on < pairRelated || off >= pairRelated || on > 1 || off < 0 {
		t.Errorf("relatedness on topic %.3f, off topic %.3f", on, off)
	}
	for _, s := range []string{"", " ", "?", "…"} {
		if got := c.Stance(s, s); got != quotes.StanceUnrelated {
			t.Errorf("Stance(%q, %q) = %s", s, s, got)
		}
	}
	if (*PairCorpus)(nil).idf("x") != 1 {
		t.Error("a nil corpus must weigh all words alike")
	}
	// Rare words weigh more.
	if c.idf("springfield") >= c.idf("unseenword") {
		t.Error("idf of a seen word not below that of an unseen one")
	}
}

func TestPairSentences(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"One. Two! Three? Four", 4},
		{"U.S. officials said so. Then left.", 2},
		{"Line one\nLine two\n\n", 2},
		{"", 0},
		{"3.5 million people", 1},
	}
	for _, tc := range tests {
		if got := pairSentences(tc.in); len(got) != tc.want {
			t.Errorf("pairSentences(%q) = %q, want %d sentences", tc.in, got, tc.want)
		}
	}
}

func TestPairLexicon(t *testing.T) {
	tests := []struct {
		w, next, prev string
		flag          uint8
		fam           string
	}{
		{"denied", "", "", pairRefute, "deny"},
		{"hoaxes", "", "", pairRefute, "hoax"},
		{"not", "true", "", pairRefute | pairNegate, "fake"},
		{"not", "going", "", pairNegate, ""},
		{"may", "", "", pairHedge, ""},
		{"may", "2", "in", 0, ""},
		{"reportedly", "", "", pairHedge, ""},
		{"says", "", "", pairAttrib, ""},
	}
	for _, tc := range tests {
		f, fam := pairLexicon(tc.w, tc.next, tc.prev)
		if f != tc.flag || fam != tc.fam {
			t.Errorf("pairLexicon(%q, %q, %q) = %b, %q; want %b, %q", tc.w, tc.next, tc.prev, f, fam, tc.flag, tc.fam)
		}
	}
}

// TestPairConcurrent checks that the cache is safe for concurrent use
// (run with -race) and bounded.
func TestPairConcurrent(t *testing.T) {
	c := NewPairCorpus([]string{pairBodies["confirm"]})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				text := fmt.Sprintf("%s %d %d", pairBodies["report"], g, i)
				if got := c.Stance(pairClaim, text); got != quotes.StanceReports {
					t.Errorf("Stance = %s", got)
					return
				}
			}
		}()
	}
	wg.Wait()
	c.mu.Lock()
	n := len(c.cache)
	c.mu.Unlock()
	if n == 0 || n > pairCacheMax {
		t.Errorf("cache holds %d analyses", n)
	}
}

func BenchmarkPairStance(b *testing.B) {
	var texts []string
	for _, t := range pairBodies {
		texts = append(texts, t)
	}
	c := NewPairCorpus(texts)
	claims := []string{pairClaim, "Did the mayor of Springfield ban skateboards?", "Storm floods roads in Portugal"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		for _, t := range texts {
			c.Stance(claims[i%len(claims)], t)
		}
	}
}
