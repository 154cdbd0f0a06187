package claims

import (
	"slices"
	"strings"
	"testing"

	quotes "github.com/quotesproject/quotes"
)

// said is a statement of a team-written example article.
type said struct {
	speaker, role, cue, quote, lead string
}

// source makes a Source from an article's text and its statements.
func source(id, text string, ss ...said) Source {
	src := Source{Article: quotes.Article{ID: id, Text: text}}
	for i, s := range ss {
		src.Statements = append(src.Statements, quotes.Statement{
			QuoteID: id + "-" + string(rune('a'+i)), ArticleID: id, Speaker: s.speaker, Role: s.role, Cue: s.cue,
			Quote: s.quote, Lead: s.lead, Kind: quotes.KindIndirect, Sentence: s.speaker + " " + s.cue + " " + s.quote,
		})
	}
	return src
}

// The team's example articles: a county election, a merger, a
// harassment complaint. Names and events are made up.
var (
	electionA = source("e1", "Dana Holt won the Marlow County executive race on Tuesday, beating Victor Pruitt. "+
		"Pruitt has not conceded the race to Holt. Holt said she had received a congratulatory call from Governor Ames Roe.",
		said{"Victor Pruitt", "Republican candidate", "said", "I have not conceded the race and I will not concede until every ballot is counted", ""},
		said{"Dana Holt", "Democratic candidate", "said", "she had received a congratulatory call from Pruitt's campaign manager", ""},
		said{"Ames Roe", "Governor", "told", "I would certainly say he should", "Asked whether Pruitt should concede the race to Holt, Roe told reporters:"},
		said{"Lena Ortiz", "a voter", "said", "the race for county executive was the closest she could remember", ""},
	)
	electionB = source("e2", "Victor Pruitt on Friday again refused to concede the Marlow County executive race to Dana Holt.",
		said{"Mark Dunn", "Pruitt campaign manager", "said", "Victor Pruitt won the Marlow County race and the count will prove it", ""},
		said{"Dana Holt", "Democratic candidate", "called", "on Victor Pruitt to concede the race and help the county heal", ""},
	)
	merger = source("m1", "Brightline Rail has made a takeover offer for the ferry operator Skarvik Shipping, "+
		"which rejected it as too low. Skarvik chairman Ola Berg said the offer undervalued the company.",
		said{"Skarvik Shipping", "", "said", "it had rejected Brightline Rail's takeover offer as opportunistic", ""},
		said{"Ola Berg", "Skarvik chairman", "said", "Brightline's offer does not reflect the value of Skarvik Shipping", ""},
		said{"Priya Shah", "Brightline Rail chief executive", "said", "the takeover offer for Skarvik Shipping is a fair price and we stand by it", ""},
		said{"Priya Shah", "Brightline Rail chief executive", "said", "our trains will run on time next winter", ""},
	)
	mergerCopy = source("m2", "Brightline Rail's takeover offer for Skarvik Shipping was rejected, the ferry operator said.",
		said{"Skarvik Shipping", "", "said", "it had rejected Brightline Rail's takeover offer as opportunistic", ""},
	)
	complaint = source("h1", "Councilman Rolf Adler's office paid to settle a harassment complaint by a former aide, "+
		"according to the Daily Ledger. Adler said the allegations were false.",
		said{"Rolf Adler", "Councilman", "said", "the allegations against me are completely false", ""},
		said{"Rolf Adler", "Councilman", "said", "my office settled the complaint to spare the city a long fight", ""},
		said{"The Daily Ledger", "", "reported", "Adler's office paid to settle a harassment complaint by a former aide", ""},
		said{"Rolf Adler", "Councilman", "declined", "to comment on the size of the payment", ""},
	)
	assault = source("a1", "Sheriff Wade Brandt shoved the protester Nora Quill at a rally in Dunmore, Quill said. "+
		"Brandt, who is running for mayor, said the accusations were false. Brandt campaign chairman Otto Lind also spoke.",
		said{"Nora Quill", "protester", "said", "Brandt shoved her to the ground at the rally", ""},
		said{"Wade Brandt", "Sheriff", "said", "I never did what she said I did", ""},
		said{"Otto Lind", "Brandt campaign chairman", "said", "the story is a fabrication from start to finish", ""},
		said{"Nora Quill", "protester", "said", "she filed her complaint with the county on Monday", ""},
	)
	snub = source("s1", "Mayor Lou Ferris retweeted a doctored video posted by the Dunmore Watch group on Sunday. "+
		"Governor Ames Roe said Ferris was wrong to retweet it. Dunmore Watch leader Gil Park welcomed the attention.",
		said{"Ames Roe", "Governor", "said", "Ferris was wrong to retweet a doctored video from Dunmore Watch", ""},
		said{"Gil Park", "Dunmore Watch leader", "said", "the mayor retweeted our video because it tells the truth", ""},
		said{"Lou Ferris", "Mayor", "said", "I shouldn't have retweeted that video and I apologise", ""},
	)
	perjury = source("p1", "Former aide Gus Marr pleaded guilty to lying to investigators, his lawyer Ivy Kent said.",
		said{"Ivy Kent", "lawyer for Gus Marr", "said", "Gus Marr pleaded guilty to lying to investigators and regrets it", ""},
	)
)

func TestCheckVerdicts(t *testing.T) {
	all := []Source{electionA, electionB, merger, mergerCopy, complaint, perjury, assault, snub}
	tests := []struct {
		name, claim string
		code        string
		// stances of the deciding speakers, and the words that decided
		// each when a rule did ("" for a plain assertion).
		stances map[string]string
	}{
		{"not conceded, should concede, refused: denied", "Victor Pruitt conceded the Marlow County executive race to Dana Holt",
			quotes.VerdictDenied, map[string]string{
				"Victor Pruitt": "denies:not conceded",
				"Ames Roe":      "denies:should",
				"Dana Holt":     "denies:on victor pruitt to concede",
			}},
		{"the other side's win is a contrary outcome", "Victor Pruitt won the Marlow County executive race",
			quotes.VerdictOneSide, map[string]string{"Mark Dunn": "asserts:"}},
		{"an offer rejected is an offer made, by both sides", "Brightline Rail made a takeover offer for Skarvik Shipping",
			quotes.VerdictBothSides, map[string]string{
				"Skarvik Shipping": "confirms:rejected brightline rail's takeover offer",
				"Priya Shah":       "asserts:stand by",
			}},
		{"a denial of the allegations and an admission of the payment", "Rolf Adler's office paid to settle a harassment complaint",
			quotes.VerdictOneSide, map[string]string{"Rolf Adler": "asserts:", "The Daily Ledger": "reports:The Daily Ledger"}},
		{"pleaded guilty to lying is no denial", "Gus Marr pleaded guilty to lying to investigators",
			quotes.VerdictOneSide, map[string]string{"Ivy Kent": "asserts:"}},
		{"the accused answers without the claim's words, and so does his campaign", "Wade Brandt shoved the protester Nora Quill",
			quotes.VerdictDisputed, map[string]string{
				"Nora Quill":  "asserts:",
				"Wade Brandt": "denies:never did what",
				"Otto Lind":   "denies:fabrication",
			}},
		{"a complaint filed is not a lawsuit filed", "Nora Quill filed a defamation lawsuit against Wade Brandt",
			quotes.VerdictNone, nil},
		{"wrong to retweet, and regret, confirm the retweet was made", "Lou Ferris retweeted a doctored video posted by Dunmore Watch leader Gil Park",
			quotes.VerdictBothSides, map[string]string{
				"Ames Roe":   "confirms:wrong to",
				"Lou Ferris": "confirms:should not have",
				"Gil Park":   "asserts:",
			}},
		{"nothing said about the thing claimed", "Dana Holt filed a lawsuit against Victor Pruitt",
			quotes.VerdictNone, nil},
		{"another event that shares words", "Skarvik Shipping won the Marlow County ferry race",
			quotes.VerdictNone, nil},
	}
	tr := New(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tr.Check(tt.claim, all)
			if r.Claim.Verdict.Code != tt.code {
				t.Errorf("verdict %q (%s), want %q", r.Claim.Verdict.Code, r.Claim.Verdict.Summary, tt.code)
			}
			got := map[string]string{}
			for _, s := range r.Claim.Statements {
				if _, ok := tt.stances[s.Speaker]; ok {
					if prev, dup := got[s.Speaker]; dup && prev != string(s.Stance)+":"+s.Because {
						t.Errorf("%s has two stances: %s and %s:%s", s.Speaker, prev, s.Stance, s.Because)
					}
					got[s.Speaker] = string(s.Stance) + ":" + s.Because
				}
			}
			for sp, want := range tt.stances {
				if got[sp] != want {
					t.Errorf("%s: %q, want %q", sp, got[sp], want)
				}
			}
			if t.Failed() {
				for _, s := range r.Claim.Statements {
					t.Logf("  %s (%s) %s %q: %s", s.Speaker, s.Side, s.Stance, s.Because, s.Quote)
				}
			}
		})
	}
}

// TestCheckSyndicatedOnce: a copy of the same statement in a second
// article counts once.
func TestCheckSyndicatedOnce(t *testing.T) {
	r := New(nil).Check("Brightline Rail made a takeover offer for Skarvik Shipping", []Source{merger, mergerCopy})
	n := 0
	for _, s := range r.Claim.Statements {
		if s.Speaker == "Skarvik Shipping" && strings.Contains(s.Quote, "opportunistic") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the syndicated statement counts %d times, want once", n)
	}
}

// TestCheckAnotherActs: a third party's own demand is not the demand
// the claim says the subject made.
func TestCheckAnotherActs(t *testing.T) {
	demand := source("d1", "Pundit Sam Orr called on Ada Quist to apologise for saying Ivo Brandt lied. "+
		"Brandt's campaign manager Lia Gort demanded an apology from Quist on Monday.",
		said{"Sam Orr", "Pundit", "called", "Ada Quist to apologise to Ivo Brandt for saying he lied", ""},
	)
	r := New(nil).Check("Ivo Brandt's campaign demanded that Ada Quist apologise for saying Brandt lied", []Source{demand})
	for _, s := range r.Claim.Statements {
		t.Errorf("%s's own call is read as %s", s.Speaker, s.Stance)
	}
	gort := source("d2", "Brandt's campaign manager Lia Gort demanded an apology from Quist on Monday.",
		said{"Lia Gort", "Brandt campaign manager", "demanded", "that Ada Quist apologise for saying Brandt lied", ""},
	)
	r = New(nil).Check("Ivo Brandt's campaign demanded that Ada Quist apologise for saying Brandt lied", []Source{gort})
	if len(r.Claim.Statements) != 1 {
		t.Errorf("the campaign manager's demand: %d statements, want 1", len(r.Claim.Statements))
	}
}

// TestCheckCueIsTheDeed: the subject's statement whose cue is the
// claim's verb ("rejected") confirms it; it is no denial.
func TestCheckCueIsTheDeed(t *testing.T) {
	src := source("r1", "The Dunmore Stock Exchange rejected a takeover offer from Acme Rail, claiming it undervalued the business.",
		said{"Dunmore Stock Exchange", "", "rejected", "a takeover offer from Acme Rail", ""},
	)
	r := New(nil).Check("The Dunmore Stock Exchange rejected Acme Rail's takeover offer", []Source{src})
	if len(r.Claim.Statements) != 1 || r.Claim.Statements[0].Stance != quotes.StanceConfirms {
		t.Fatalf("statements %+v, want the exchange's rejection to confirm", r.Claim.Statements)
	}
}

// TestCheckOthersDoIt: a statement that gives the claim's deed to
// others by name is not about the subject's deed.
func TestCheckOthersDoIt(t *testing.T) {
	src := source("o1", "Mayor Ada Quist threatened to resign unless Ivo Brandt named a date, aides said. Councillor Lia Gort spoke.",
		said{"Lia Gort", "Councillor", "said", "some Greens had threatened to quit if Quist and Brandt did not stop the feud", ""},
		said{"Lia Gort", "Councillor", "said", "Quist threatened to resign unless Brandt named a date", ""},
	)
	r := New(nil).Check("Ada Quist threatened to resign as mayor unless Brandt named a date to stand down", []Source{src})
	if len(r.Claim.Statements) != 1 || !strings.HasPrefix(r.Claim.Statements[0].Quote, "Quist threatened") {
		t.Errorf("statements %+v, want only the one that gives Quist the threat", r.Claim.Statements)
	}
}

// TestCheckConcession: the loser conceding the race to the subject
// confirms that the subject won it.
func TestCheckConcession(t *testing.T) {
	src := source("w1", "Dana Holt won the Marlow County primary. Victor Pruitt said he would not seek a recount, conceding the race to Holt.",
		said{"Victor Pruitt", "", "conceding", "the race to Holt", ""},
		said{"Victor Pruitt", "", "said", "he would not seek a recount", ""},
	)
	r := New(nil).Check("Dana Holt won the Marlow County primary", []Source{src})
	if len(r.Claim.Statements) != 1 || r.Claim.Statements[0].Stance != quotes.StanceConfirms {
		t.Fatalf("statements %+v, want Pruitt's concession to confirm", r.Claim.Statements)
	}
	r = New(nil).Check("Victor Pruitt won the Marlow County primary", []Source{src})
	for _, s := range r.Claim.Statements {
		if s.Stance == quotes.StanceConfirms || s.Stance == quotes.StanceAsserts {
			t.Errorf("conceding the race to Holt is read as %s Pruitt's win", s.Stance)
		}
	}
}

// TestCheckWeakLead: a short statement is read with the sentence before
// it only when that sentence is about the claim by more than a year and
// a word.
func TestCheckWeakLead(t *testing.T) {
	src := source("l1", "Ivo Brandt offered to appear at the Dunmore debate, organisers said. Ada Quist faced calls in 2016 to appear before the council. Ivo Brandt said it might happen.",
		said{"Ivo Brandt", "", "said", "it might happen", "Ada Quist faced calls in 2016 to appear before the council."},
	)
	r := New(nil).Check("Ivo Brandt offered to appear at the 2016 Dunmore debate if Acme gave $5 million to charity", []Source{src})
	for _, s := range r.Claim.Statements {
		t.Errorf("%q is read as %s, with a sentence before it about another's appearance", s.Quote, s.Stance)
	}
}

// TestCheckNoComment: "declined to comment" is no stance.
func TestCheckNoComment(t *testing.T) {
	r := New(nil).Check("Rolf Adler's office paid to settle a harassment complaint", []Source{complaint})
	for _, s := range r.Claim.Statements {
		if strings.Contains(s.Quote, "to comment") {
			t.Errorf("a refusal to comment is read as %s", s.Stance)
		}
	}
}

func TestFrame(t *testing.T) {
	tests := []struct {
		claim       string
		names, core string
	}{
		{"Trump congratulated Democrat Doug Jones on winning the Alabama Senate race", "Trump|Doug Jones|Alabama Senate", "congratul"},
		{"Trump campaign manager Corey Lewandowski grabbed reporter Michelle Fields by the arm", "Corey Lewandowski|Trump|Michelle Fields", "grab"},
		{"Foster's made a takeover offer for the winemaker Southcorp", "Foster|Southcorp", "offer sale"},
		{"Twitter referred the employee who deactivated Trump's account to the FBI", "Twitter|Trump|FBI", "refer"},
		{"Barclays held merger talks with US bank Wells Fargo", "Barclays|Wells Fargo", "merg talk"},
		{"Acme offered to send the U.S. Army / U.S. troops into Mexico", "Acme|U.S. Army", "offer send"},
		{"Trump retweeted anti-Muslim videos posted by Britain First deputy leader Jayda Fransen", "Trump|Britain First|Jayda Fransen", "retweet post"},
		{"Michelle Fields filed a defamation lawsuit against Donald Trump", "Michelle Fields|Donald Trump", "file"},
		// "used" is a verb though short; a quoted nickname is a name of
		// its own; "when he called" is the time of the deed.
		{"Ivo Brandt used a slur when he called Ada Quist 'Dumpling' at a rally", "Ivo Brandt|Ada Quist|Dumpling", "slur"},
		// A verb after a subordinator sets a condition or a time, and a
		// threat or a promise is not the deed it is of.
		{"Ada Quist threatened to resign as mayor unless Brandt named a date to leave", "Ada Quist|Brandt", "threaten"},
		{"Ada Quist promised Ivo Brandt that she would stand down before the vote", "Ada Quist|Ivo Brandt", "promis"},
		{"Ada Quist resigned after Brandt named a date", "Ada Quist|Brandt", "resign"},
		// A hyphenated surname is one word of the label.
		{"Robert Quist-Brandt left the party", "Robert Quist-Brandt", "left"},
		// A title word last in a name after another is a surname; before
		// a name it is a title.
		{"Oskar Prince met Judge Ada Quist in Lisbon", "Oskar Prince|Ada Quist|Lisbon", "meet"},
		// Without a verb, the claim's core is what it says its subject
		// is, not the words of what the subject said.
		{"Brandt's post that Ada Quist 'would sell anything' for donations was a sexist smear", "Brandt|Ada Quist", "sexist smear"},
		{"Ada Quist is afraid of the cartels", "Ada Quist", "afraid cartel"},
		{"Ivo Brandt told reporters that Ada Quist was fired", "Ivo Brandt|Ada Quist", "oust"},
		// An owner's name ends at the possessive.
		{"An Acme employee deleted Ivo Brandt's Acme account", "Acme|Ivo Brandt", "delet"},
		// A surname after the full name is the same person.
		{"Ivo Brandt's campaign demanded that Ada Quist apologise for saying Brandt lied", "Ivo Brandt|Ada Quist", "demand"},
		{"Brandt's campaign demanded that Ada Quist apologise to Ivo Brandt", "Ivo Brandt|Ada Quist", "demand"},
		{"Ivo Brandt Jr. refused to tell Quist about a call with Ivo Brandt", "Ivo Brandt Jr|Quist|Ivo Brandt", "refus"},
	}
	for _, tt := range tests {
		f := newFrameSides(tt.claim, NewSides())
		var names []string
		for _, n := range f.names {
			names = append(names, n.label)
		}
		var core []string
		for c := range f.core {
			core = append(core, c)
		}
		if got := strings.Join(names, "|"); got != tt.names {
			t.Errorf("%q: names %q, want %q", tt.claim, got, tt.names)
		}
		if got, want := sortedJoin(core), sortedJoin(strings.Fields(tt.core)); got != want {
			t.Errorf("%q: core %q, want %q", tt.claim, got, want)
		}
	}
}

func sortedJoin(xs []string) string {
	ys := append([]string(nil), xs...)
	for i := range ys {
		for j := i + 1; j < len(ys); j++ {
			if ys[j] < ys[i] {
				ys[i], ys[j] = ys[j], ys[i]
			}
		}
	}
	return strings.Join(ys, " ")
}

func FuzzCheck(f *testing.F) {
	f.Add("Victor Pruitt conceded the race", "Pruitt has not conceded. He should concede, Holt said.")
	f.Add("", "")
	f.Add("A B C D's", "… — , . U.S.")
	f.Fuzz(func(t *testing.T, claim, text string) {
		src := source("f", text, said{"Ann Lee", "", "said", text, text})
		r := New(nil).Check(claim, []Source{src})
		if r.Found != (len(r.Claim.Statements) > 0) {
			t.Errorf("found %v with %d statements", r.Found, len(r.Claim.Statements))
		}
		if !r.Found && r.Claim.Verdict.Code != quotes.VerdictNone {
			t.Errorf("nothing found, verdict %q", r.Claim.Verdict.Code)
		}
	})
}

// TestFrameReading: what a frame makes of a claim beyond its names and
// core: who works for whom, whether it is an accusation, which verbs it
// gives a thing to.
func TestFrameReading(t *testing.T) {
	f := newFrameSides("Trump campaign manager Corey Lewandowski grabbed reporter Michelle Fields by the arm", NewSides())
	if f.names[0].label != "Corey Lewandowski" || f.names[0].boss != "trump" {
		t.Errorf("subject %q works for %q, want Corey Lewandowski for trump", f.names[0].label, f.names[0].boss)
	}
	if !f.accusation {
		t.Error("grabbing someone is not read as an accusation")
	}
	f = newFrameSides("Foster's made a takeover offer for the winemaker Southcorp", NewSides())
	if f.accusation {
		t.Error("a takeover offer is read as an accusation")
	}
	f = newFrameSides("Michelle Fields filed a defamation lawsuit against Donald Trump", NewSides())
	if !f.thingDone["file"] {
		t.Errorf("filed a lawsuit: things done %v, want file", f.thingDone)
	}
	titles := f.subjectTitles(words("Fox News contributor Michelle Fields spoke. Reporter Michelle Fields left."))
	if !titles["reporter"] || len(titles) != 1 {
		t.Errorf("titles %v, want reporter", titles)
	}
}

func TestStanceJudgesTheDeed(t *testing.T) {
	f := newFrame("Lou Ferris retweeted a doctored video")
	tests := []struct {
		quote, stance, because string
	}{
		{"it was wrong to retweet a doctored video", "confirms", "wrong to"},
		{"retweeting that video was the wrong thing to do", "confirms", "wrong thing to"},
		{"a mistake for the mayor to retweet the video", "confirms", "mistake for"},
		{"the story that he retweeted a video is wrong", "denies", "wrong"},
		{"the claim he retweeted the video is a lie", "denies", "lie"},
	}
	for _, tt := range tests {
		st := quotes.Statement{Speaker: "Ames Roe", Cue: "said", Quote: tt.quote}
		p := newProposition(tt.quote)
		stance, because := stanceToward(&st, p, p, f)
		if string(stance) != tt.stance || because != tt.because {
			t.Errorf("%q: %s %q, want %s %q", tt.quote, stance, because, tt.stance, tt.because)
		}
	}
}

// readToward reads the stance of a statement toward a claim, the unit
// being the given text (the quote, or the sentence of a partial quote)
// and no context: the way a check reads one candidate.
func readToward(claim string, st quotes.Statement, unit string) (string, string) {
	stance, because := stanceToward(&st, newProposition(unit), newProposition(""), newFrame(claim))
	return string(stance), because
}

// direct makes a Source whose statements are direct quotes found in the
// article's text, with their offsets, as the extractor gives them.
func direct(t *testing.T, id, text string, ss ...said) Source {
	t.Helper()
	src := source(id, text, ss...)
	for i := range src.Statements {
		st := &src.Statements[i]
		at := strings.Index(text, st.Quote)
		if at < 0 {
			t.Fatalf("%q is not in the article", st.Quote)
		}
		st.Kind, st.Sentence, st.Start, st.End = quotes.KindDirect, "", at, at+len(st.Quote)
	}
	return src
}

// TestCheckBySetting: a quote that holds none of the claim's words bears
// on it by the narration that sets it up, when that narration names its
// speaker. Read so, a long quote's own words of denial deny nothing of
// the claim, for they are about what the quote speaks of (Ferris's
// taxes). A speaker who is none of the claim's actors must take a
// stance a rule reads (Bea Nunn takes none), and Hal Moss's setting names
// not him.
func TestCheckBySetting(t *testing.T) {
	text := "Mayor Lou Ferris retweeted a doctored video posted by the Dunmore Watch group, " +
		"a spokesman for Governor Ames Roe said on Monday. " +
		"“It is wrong for the mayor to have done this,” the spokesman said.\n\n" +
		"Ferris, who retweeted the video from Dunmore Watch late on Sunday, was accused by rivals of lying about his taxes. " +
		"“I will not accept the accusation that I ever lied about my taxes to anyone in this county. That is a lie,” Ferris said.\n\n" +
		"Asked about the video posted by Dunmore Watch, councillor Bea Nunn said: “I was at the county fair all day.”\n\n" +
		"The county budget retweeted by the Dunmore Watch group was passed in May. " +
		"“We will build the bridge next year,” said Hal Moss, the county engineer."
	src := direct(t, "d1", text,
		said{"the spokesman", "spokesman for Governor Ames Roe", "said", "It is wrong for the mayor to have done this", ""},
		said{"Lou Ferris", "Mayor", "said", "I will not accept the accusation that I ever lied about my taxes to anyone in this county. That is a lie", ""},
		said{"Bea Nunn", "councillor", "said", "I was at the county fair all day.", ""},
		said{"Hal Moss", "county engineer", "said", "We will build the bridge next year", ""},
	)
	r := New(nil).Check("Lou Ferris retweeted a doctored video posted by Dunmore Watch", []Source{src})
	got := map[string]string{}
	for _, s := range r.Claim.Statements {
		got[s.Speaker] = string(s.Stance) + ":" + s.Because
	}
	want := map[string]string{
		"the spokesman": "confirms:wrong for",
	}
	if strings.HasPrefix(got["Lou Ferris"], "denies") {
		t.Errorf("Lou Ferris's denial that he lied about his taxes denies the retweet: %q", got["Lou Ferris"])
	}
	for sp, w := range want {
		if got[sp] != w {
			t.Errorf("%s: %q, want %q", sp, got[sp], w)
		}
	}
	for _, sp := range []string{"Hal Moss", "Bea Nunn"} {
		if g, ok := got[sp]; ok {
			t.Errorf("%s is read as %q", sp, g)
		}
	}
}

func TestSettingOf(t *testing.T) {
	tests := []struct {
		text, quote string
		want        []string
	}{
		{"Ames Roe lost. Asked whether he would concede, Roe told reporters: “Never.”", "Never.",
			[]string{"Asked whether he would concede, Roe told reporters: “", "Ames Roe lost."}},
		{"A spokesman denied it.\n\n“It is false,” he said.", "It is false",
			[]string{"A spokesman denied it."}},
		{"“At the start,” she said.", "At the start", nil},
		{"no quote here", "missing", nil},
	}
	for _, tt := range tests {
		at := strings.Index(tt.text, tt.quote)
		got := settingOf(tt.text, at)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("settingOf(%q, %d) = %q, want %q", tt.text, at, got, tt.want)
		}
	}
}

// TestNegativeVerbs: a claim that something did not happen ("pulled out
// of a planned debate") agrees with statements that negate its words and
// is denied by one that says it happened; a claim of a call ("asked him
// to stop") is denied by a negated call, not by the call.
func TestNegativeVerbs(t *testing.T) {
	tests := []struct {
		claim, quote, stance string
	}{
		{"Dana Holt pulled out of a planned Marlow County debate with Victor Pruitt",
			"she would not attend the planned debate with Pruitt", "asserts"},
		{"Dana Holt pulled out of a planned Marlow County debate with Victor Pruitt",
			"we pulled out of the debate because of his lies", "asserts"},
		{"Dana Holt pulled out of a planned Marlow County debate with Victor Pruitt",
			"she will attend the planned debate with Pruitt", "denies"},
		{"Victor Pruitt refused to concede the race", "I will not concede the race", "asserts"},
		{"Victor Pruitt refused to concede the race", "I concede the race to Dana Holt", "denies"},
		{"Victor Pruitt conceded the race", "Pruitt refused to concede the race on Friday", "denies"},
		// A claim that a call was not made agrees with a denial of it
		// and is denied by an account of it.
		{"Mayor Lou Ferris did not ask Sheriff Wade Brandt to stop investigating Otto Lind",
			"I never asked Brandt to stop investigating Lind", "asserts"},
		{"Mayor Lou Ferris did not ask Sheriff Wade Brandt to stop investigating Otto Lind",
			"he believed Ferris had asked him to drop the probe into Lind", "denies"},
		// A claim of a call: the call reported confirms it, a negated
		// call denies it, over the name between.
		{"Mayor Lou Ferris asked Sheriff Wade Brandt to stop investigating Otto Lind",
			"he believed Ferris had asked him to drop the probe into Lind", "asserts"},
		{"Mayor Lou Ferris asked Sheriff Wade Brandt to stop investigating Otto Lind",
			"I never asked former Sheriff Wade Brandt to stop investigating Lind", "denies"},
		// "No evidence that" denies what it would prove.
		{"The Holt campaign colluded with Farland", "there was no evidence that his client colluded with Farland", "denies"},
		{"The Holt campaign colluded with Farland", "there is evidence that the campaign colluded with Farland", "asserts"},
	}
	for _, tt := range tests {
		st := quotes.Statement{Speaker: "Dana Holt", Cue: "said", Quote: tt.quote}
		stance, because := readToward(tt.claim, st, tt.quote)
		if stance != tt.stance {
			t.Errorf("%q against %q: %s (%q), want %s", tt.quote, tt.claim, stance, because, tt.stance)
		}
	}
}

// TestStanceScope: negation counts in the clause that says the claim,
// a "should" after "staggering that" reports a fact, a negated claim is
// not denied by a statement that names its deed only as a topic, and a
// denial of the deed agrees with a claim that it did not happen.
func TestStanceScope(t *testing.T) {
	tests := []struct {
		claim, cue, quote, stance string
	}{
		{"Mayor Ada Quist told pupils to enjoy a drink now and then", "said",
			"By all means enjoy a drink now and then - but do not enjoy it every night", "asserts"},
		{"Mayor Ada Quist told pupils to enjoy a drink now and then", "said",
			"I did not tell pupils to enjoy a drink", "denies"},
		{"Mayor Ada Quist encouraged pupils to drink", "said",
			"it is staggering that any mayor should encourage pupils to drink", "asserts"},
		{"Mayor Ada Quist encouraged pupils to drink", "said",
			"the mayor should encourage pupils to drink less", "denies"},
		{"Ruler Ivo Brandt told Mayor Ada Quist that Farland did not meddle in the vote", "said",
			"he was not interested in arguing with Brandt over meddling in the vote", "asserts"},
		{"Ruler Ivo Brandt told Mayor Ada Quist that Farland did not meddle in the vote", "said",
			"Farland was unfairly maligned in accusations that it meddled in the vote", "asserts"},
		{"Ruler Ivo Brandt told Mayor Ada Quist that Farland did not meddle in the vote", "said",
			"Farland meddled in the vote", "denies"},
		{"Ruler Ivo Brandt told Mayor Ada Quist that Farland did not meddle in the vote", "denies",
			"interference in the vote", "confirms"},
		// Asking someone to come is inviting them; a negated call over
		// the claim's own word denies it.
		{"The Quist campaign invited Ivo Brandt to appear at the Dunmore rally", "tweet",
			"Ivo Brandt was not asked to speak at the rally. The media makes everything up!", "denies"},
		{"The Quist campaign invited Ivo Brandt to appear at the Dunmore rally", "said",
			"we asked Ivo Brandt to speak at the rally", "asserts"},
		// A negated verb of transfer negates its object too; a refusal
		// on a condition denies nothing that happened.
		{"Ada Quist texted Ivo Brandt that the deal was done", "said",
			"Brandt did not receive a text message from Quist that day", "denies"},
		{"Ada Quist texted Ivo Brandt that the deal was done", "said",
			"Brandt did not reveal the text message from Quist", "asserts"},
		{"Ada Quist endorsed Ivo Brandt for mayor", "said",
			"he would not accept Quist's endorsement if it were offered", "asserts"},
		{"Ada Quist endorsed Ivo Brandt for mayor", "said",
			"I never got Quist's endorsement", "denies"},
		// A light verb's object is the deed: negated, it is denied. A
		// pronoun object ends the reach, and "without" after a negation
		// cancels it.
		// A claim of a recommendation is not denied by the "should"
		// that makes it.
		{"Ada Quist recommended no charges against Ivo Brandt", "said",
			"Brandt should face no criminal charges", "asserts"},
		{"Ivo Brandt used a slur when he called Ada Quist 'Dumpling' at a rally honoring nurses", "said",
			"Brandt wasn't making a slur when he called Quist “Dumpling”", "denies"},
		{"Ivo Brandt used a slur when he called Ada Quist 'Dumpling' at a rally honoring nurses", "said",
			"he cannot even make it through a rally honoring nurses without throwing out a slur", "asserts"},
		// A "should" in a clause that says who someone is says nothing
		// of whether the deed is yet to happen.
		{"Ivo Brandt met Ada Quist in Lisbon", "said",
			"they mentioned a banker I should meet, an Ada Quist, who was also in Lisbon", "asserts"},
		{"Ivo Brandt met Ada Quist in Lisbon", "said",
			"I should meet Ada Quist in Lisbon", "denies"},
	}
	for _, tt := range tests {
		st := quotes.Statement{Speaker: "Dana Holt", Cue: tt.cue, Quote: tt.quote}
		stance, because := readToward(tt.claim, st, tt.quote)
		if stance != tt.stance {
			t.Errorf("%q (%s) against %q: %s (%q), want %s", tt.quote, tt.cue, tt.claim, stance, because, tt.stance)
		}
	}
}

// TestPartialJudgement: a partial quote that is a judgement by itself
// ("labeled as “false” media reports") denies; a longer partial quote is
// read with its sentence.
func TestPartialJudgement(t *testing.T) {
	const claim = "Ivo Brandt was offered $15,000 to drop the Dunmore inquiry"
	tests := []struct {
		quote, sentence, stance string
	}{
		{"false", "The lawyer for Ivo Brandt labeled as “outrageous” and “false” media reports of an offer.", "denies"},
		{"a generous offer of $15,000", "Brandt called it “a generous offer of $15,000” to drop the inquiry.", "asserts"},
	}
	for _, tt := range tests {
		st := quotes.Statement{Speaker: "the lawyer for Ivo Brandt", Cue: "labeled", Kind: quotes.KindPartial,
			Quote: tt.quote, Sentence: tt.sentence}
		stance, because := readToward(claim, st, tt.sentence)
		if stance != tt.stance {
			t.Errorf("%q: %s (%q), want %s", tt.quote, stance, because, tt.stance)
		}
	}
}

// TestDeclinedTo: a negative cue before an infinitive ("declined | to
// concede defeat") negates it; before a thing ("rejected | the offer") it
// says the thing was there.
func TestDeclinedTo(t *testing.T) {
	tests := []struct {
		claim, cue, quote, stance string
	}{
		{"Victor Pruitt conceded defeat to Dana Holt", "declined", "to concede defeat even after Holt won", "denies"},
		{"Victor Pruitt quit as mayor", "said", "Pruitt should quit as mayor if the claims are true", "asserts"},
		{"Victor Pruitt quit as mayor", "said", "Pruitt should quit as mayor now", "denies"},
		{"Dana Holt made an offer for Pruitt Mills", "rejected", "the offer for Pruitt Mills as too low", "confirms"},
	}
	for _, tt := range tests {
		st := quotes.Statement{Speaker: "Victor Pruitt", Cue: tt.cue, Quote: tt.quote}
		stance, because := readToward(tt.claim, st, tt.quote)
		if stance != tt.stance {
			t.Errorf("%s %q against %q: %s (%q), want %s", tt.cue, tt.quote, tt.claim, stance, because, tt.stance)
		}
	}
}

// TestDropOtherObjects: a core verb said of another thing does not bear
// on the claim; said of a noun phrase that holds the claim's thing, even
// with more words around it, it does.
func TestDropOtherObjects(t *testing.T) {
	tests := []struct {
		claim, text string
		keeps       bool
	}{
		{"Nora Quill filed a defamation lawsuit against Ivo Brandt", "she filed her complaint with the county", false},
		{"Nora Quill filed a defamation lawsuit against Ivo Brandt", "she filed the lawsuit on Monday", true},
		{"Quill Partners has started due diligence on Brandt Foods", "Quill Partners was starting due diligence work on Brandt Foods", true},
		{"Quill Partners has started due diligence on Brandt Foods", "Quill Partners started a price war", false},
	}
	for _, tt := range tests {
		f := newFrameSides(tt.claim, NewSides())
		ws := words(tt.text)
		sh := f.eventShared(ws)
		f.dropOtherObjects(ws, sh)
		kept := false
		for e := range sh {
			kept = kept || f.core[e]
		}
		if kept != tt.keeps {
			t.Errorf("%q against %q: core word kept %v, want %v (shared %v, core %v)", tt.text, tt.claim, kept, tt.keeps, sh, f.core)
		}
	}
}

// TestCheckDeedReason: reported speech hung on a deed the narration says
// its speaker did ("rejected the offer, saying it undervalued the
// business") bears on a claim of the deed; reported speech with a plain
// cue bears only by its own words.
func TestCheckDeedReason(t *testing.T) {
	text := "Quill Foods rejected a takeover offer from Brandt Group on Monday, saying it undervalued the business. " +
		"Quill Foods said it undervalued the brand. "
	src := source("d1", text,
		said{"Quill Foods", "", "saying", "it undervalued the business", ""},
		said{"Quill Foods", "", "said", "it undervalued the brand", ""},
	)
	for i, q := range []string{"it undervalued the business", "it undervalued the brand"} {
		at := strings.Index(text, q)
		st := &src.Statements[i]
		st.Start, st.End = at, at+len(q)
		st.Sentence = ""
	}
	r := New(nil).Check("Quill Foods rejected Brandt Group's takeover offer", []Source{src})
	var got []string
	for _, s := range r.Claim.Statements {
		got = append(got, s.Quote)
	}
	if want := []string{"it undervalued the business"}; !slices.Equal(got, want) {
		t.Errorf("statements %q, want %q", got, want)
	}
}

// TestSearchWords: a claim is looked for by its content words and the
// other words of their concepts, so a statement in other words is found.
func TestSearchWords(t *testing.T) {
	tests := []struct {
		claim string
		want  []string // among the words
	}{
		// One word a stem: the index stems what it searches.
		{"Ivo Brandt refused to answer questions", []string{"refused", "decline", "answer"}},
		{"Ada Quist sued the Dunmore Herald", []string{"sued", "lawsuit"}},
		{"Quill Foods is considering a bid for Brandt Group", []string{"considering", "prepare", "plan", "bid", "offered"}},
	}
	for _, tt := range tests {
		got := SearchWords(tt.claim)
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: %q not among %q", tt.claim, w, got)
			}
		}
	}
}

// TestConceptsBear: a statement that says the claim's deed in another
// word of its concept bears on it.
func TestConceptsBear(t *testing.T) {
	tests := []struct{ claim, text string }{
		{"Ivo Brandt refused to answer the committee's questions", "Brandt declined to answer the committee's questions"},
		{"Ada Quist likened the reporter to a prison guard", "Quist compared the reporter to a prison guard"},
		{"Ivo Brandt delivered the box to the mayor's home", "Brandt sent the box to the mayor's home"},
	}
	for _, tt := range tests {
		f := newFrameSides(tt.claim, NewSides())
		sh := f.eventShared(words(tt.text))
		core := false
		for e := range sh {
			core = core || f.core[e]
		}
		if !core {
			t.Errorf("%q does not hold the core of %q (shared %v, core %v)", tt.text, tt.claim, sh, f.core)
		}
	}
}

// TestNoCommentPhrases: refusing to confirm is no comment, not a denial.
func TestNoCommentPhrases(t *testing.T) {
	tests := []struct {
		text string
		none bool
	}{
		{"he refused to confirm that he had left the party", true},
		{"the club would not confirm the fee", true},
		{"she can neither confirm nor deny the report", true},
		{"he confirmed that he had left the party", false},
		{"he denied that he had left the party", false},
	}
	for _, tt := range tests {
		if got := noComment(words(tt.text)); got != tt.none {
			t.Errorf("%q: no comment %v, want %v", tt.text, got, tt.none)
		}
	}
}

// TestCheckOwnsUp: the speaker of words a claim reports answers it
// without repeating them, by owning up ("I was wrong, and I apologize",
// "refused to apologise", "I stand by my remarks"); an apology a
// narration mentions is no answer to a claim of a deed that is no
// thing said.
func TestCheckOwnsUp(t *testing.T) {
	src := source("o1", "Mayor Ada Quist likened the council's auditor Ivo Brandt to a pickpocket at a dinner on Friday. Brandt complained to the standards board.",
		said{"Ada Quist", "Mayor", "said", "I said it, I was wrong, and I apologize.", ""},
		said{"Ada Quist", "Mayor", "said", "she had refused to apologise", ""},
		said{"Ada Quist", "Mayor", "said", "I stand by every word", ""},
	)
	r := New(nil).Check("Ada Quist likened Ivo Brandt to a pickpocket", []Source{src})
	got := map[string]quotes.Stance{}
	for _, s := range r.Claim.Statements {
		got[s.Quote] = s.Stance
	}
	for _, q := range []string{"I said it, I was wrong, and I apologize.", "she had refused to apologise"} {
		if got[q] != quotes.StanceConfirms {
			t.Errorf("%q is read as %q, want confirms", q, got[q])
		}
	}
	if q := "I stand by every word"; got[q] != quotes.StanceAsserts {
		t.Errorf("%q is read as %q, want asserts", q, got[q])
	}
	deed := source("o2", "Ada Quist offered to open the Dunmore fair if Acme paid for the stage. Acme refused.",
		said{"Ada Quist", "Mayor", "said", "by the time an apology was tendered it was too late for her to come", ""},
	)
	r = New(nil).Check("Ada Quist offered to open the Dunmore fair if Acme paid for the stage", []Source{deed})
	for _, s := range r.Claim.Statements {
		t.Errorf("%q is read as %s: an apology someone tendered says nothing of her offer", s.Quote, s.Stance)
	}
}

// TestCheckSubjectParty: a party that opens the claim is its subject, so
// its spokesman's words speak for it without naming it.
func TestCheckSubjectParty(t *testing.T) {
	src := source("p1", "Labour's campaign leaflets showing the Tory leader Ivo Brandt were racist, critics said. Labour rejected the charge.",
		said{"a Labour spokesman", "", "denied", "the leaflets were racist", ""},
	)
	r := New(nil).Check("Labour's campaign leaflets showing Ivo Brandt were racist", []Source{src})
	if len(r.Claim.Statements) != 1 || r.Claim.Statements[0].Stance != quotes.StanceDenies {
		t.Fatalf("statements %+v, want the Labour spokesman's denial", r.Claim.Statements)
	}
}

// TestCheckCoSubjects: names joined by "and" before the claim's verb
// share its deed, so either one's denial answers it.
func TestCheckCoSubjects(t *testing.T) {
	src := source("c1", "Sprinters Ivo Brandt and Ada Quist are accused of faking a burglary to miss a drugs test in Dunmore.",
		said{"Ivo Brandt", "sprinter", "denied", "he faked a burglary to miss the drugs test", ""},
	)
	r := New(nil).Check("Ivo Brandt and Ada Quist faked a burglary to miss a drugs test", []Source{src})
	if len(r.Claim.Statements) != 1 || r.Claim.Statements[0].Stance != quotes.StanceDenies {
		t.Fatalf("statements %+v, want Brandt's denial", r.Claim.Statements)
	}
}

// TestCheckPlaceIsNoSide: a place the claim names finds its articles,
// but no one speaks as it or for it.
func TestCheckPlaceIsNoSide(t *testing.T) {
	src := source("t1", "Ada Quist offered Ivo Brandt files on the council at the June Dunmore Tower meeting, emails show.",
		said{"Ivo Brandt", "Dunmore Tower meeting with", "said", "Ada Quist offered files on the council at the meeting", ""},
	)
	r := New(nil).Check("Ada Quist offered files on the council at the June Dunmore Tower meeting", []Source{src})
	for _, s := range r.Claim.Statements {
		if s.Side == "Dunmore Tower" {
			t.Errorf("%s is on the side of %q", s.Speaker, s.Side)
		}
	}
	if len(r.Claim.Statements) == 0 {
		t.Error("no statement read")
	}
}

// TestCheckAcronym: an acronym names the claim's actor whose words it
// initials: "the LSE" is the London Stock Exchange.
func TestCheckAcronym(t *testing.T) {
	f := newFrame("The Dunmore Stock Exchange rejected Acme's takeover offer")
	if got := f.namesIn(words("Responding to the DSE's rebuff, Acme said it would consider its options")); !slices.Contains(got, 0) {
		t.Errorf("names in the answer %v, want the exchange (0) by its acronym", got)
	}
	if got := f.namesIn(words("The DS Group said nothing")); slices.Contains(got, 0) {
		t.Errorf("names %v: another acronym is not the exchange", got)
	}
}

// TestCheckOutletAsParty: an outlet the claim is about speaks as a party
// to it, not as a reporter relaying it.
func TestCheckOutletAsParty(t *testing.T) {
	src := source("b1", "The Dunmore Herald is said to be planning a Sunday edition. The paper denied it.",
		said{"The Dunmore Herald", "", "said", "there are no plans for a Sunday edition", ""},
	)
	if !IsMedia("The Dunmore Herald") {
		t.Skip("the outlet is not read as media")
	}
	r := New(nil).Check("The Dunmore Herald is planning a Sunday edition", []Source{src})
	if r.Claim.Verdict.Code != quotes.VerdictDenied {
		t.Errorf("verdict %q (%s), want denied by the Herald itself; %+v", r.Claim.Verdict.Code, r.Claim.Verdict.Summary, r.Claim.Statements)
	}
}

// TestEventSeemsIsNoDeed: "appears to be" is how a thing seems, not an
// appearance.
func TestEventSeemsIsNoDeed(t *testing.T) {
	f := newFrame("Ivo Brandt offered to appear at the Dunmore debate")
	if sh := f.eventShared(words("Brandt appears to be the kind of politician voters fear")); sh[stem("appear")] {
		t.Errorf("shared %v: 'appears to be' counted as the claim's appearing", sh)
	}
	if sh := f.eventShared(words("Brandt will appear at the debate")); !sh[stem("appear")] {
		t.Errorf("shared %v: 'will appear at' is the claim's appearing", sh)
	}
}
