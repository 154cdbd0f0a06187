package claims

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	quotes "github.com/quotesproject/quotes"
)

// Source is one article a check reads: the article (its title and text
// say whether it is about the claim's event) and its statements.
type Source struct {
	Article    quotes.Article
	Statements []quotes.Statement
}

// Check reads the statements of articles against a claim typed by a
// person ("Roy Moore conceded the Alabama Senate race to Doug Jones"):
//
//  1. it keeps the articles about the claim's event (see frame);
//  2. of those, the statements of named speakers that speak to the
//     event, one per speaker and wording (a syndicated copy counts once):
//     by the claim's words, or, for a direct quote that holds none of
//     them, by the narration that sets it up and names its speaker
//     ("Asked whether Moore should concede, Sanders told reporters");
//  3. it gives each speaker a side toward the claim: the claim's actor
//     the speaker is or speaks for ("Sarah Sanders, White House
//     spokeswoman" speaks for Trump when Trump's side is the White
//     House's), else the speaker's own government, party or company;
//  4. it reads each statement's stance, with the words that decided it,
//     and sums the stances up by side into the verdict.
//
// The result's Found is false when no statement bears on the claim. The
// claim's text is the claim as typed, and it has no id, as it is not one
// of the stored claims.
func (t *Tracker) Check(claim string, sources []Source) quotes.CheckResult {
	f := newFrameSides(claim, t.sides)
	var cands []candidate
	seen := map[string]bool{}
	for _, src := range sources {
		aw := words(src.Article.Title + "\n" + src.Article.Text)
		if !f.aboutEvent(aw) {
			if slog.Default().Enabled(context.Background(), slog.LevelDebug) {
				var names []string
				for _, k := range f.namesIn(aw) {
					names = append(names, f.names[k].label)
				}
				slog.Debug("check: article not about the claim's event", "article", src.Article.ID,
					"names", names, "event", slices.Sorted(maps.Keys(f.eventShared(aw))))
			}
			continue
		}
		titles := f.subjectTitles(aw)
		for _, s := range src.Statements {
			qw := words(s.Quote)
			key := s.Speaker + "\x00" + joinWords(qw)
			if seen[key] {
				continue
			}
			c, ok := f.bearing(&s, qw, titles, src.Article.Text)
			if !ok {
				traceCandidate("bearing", "holds none of the claim's words", &candidate{s: s})
				continue
			}
			seen[key] = true
			cands = append(cands, c)
		}
	}
	c, ok := t.judge(claim, f, cands)
	if !ok {
		return noEvidence(claim)
	}
	c.ID = "" // a checked claim is not a stored one: no id to fetch it by
	return quotes.CheckResult{Claim: c, Found: true}
}

// judge is the second half of a check, shared with the claims Build
// lists: given the statements that bear on a claim's words, it gives
// each speaker a side toward the claim, keeps the statements relevant
// to it, reads their stances and sums them up into the verdict. It
// reports false when none is relevant.
func (t *Tracker) judge(claim string, f *frame, cands []candidate) (quotes.Claim, bool) {
	if len(cands) == 0 {
		return quotes.Claim{}, false
	}
	// The general side (government, party, company) of each of the
	// claim's actors, from the roles its own statements give it.
	general := make([]string, len(f.names))
	votes := make([]map[string]int, len(f.names))
	for _, c := range cands {
		if i := f.nameOf(c.s.Speaker); i >= 0 {
			if g := t.sides.Of(c.s.Speaker, c.s.Role); g != "" {
				if votes[i] == nil {
					votes[i] = map[string]int{}
				}
				votes[i][g]++
			}
		}
	}
	for i, v := range votes {
		for g, n := range v {
			if n > v[general[i]] || n == v[general[i]] && g < general[i] {
				general[i] = g
			}
		}
	}
	// A speaker of the subject's side speaks for it: the White House
	// press secretary for the president.
	for i := range cands {
		c := &cands[i]
		side := t.sides.Of(c.s.Speaker, c.s.Role)
		if !c.anchored && len(general) > 0 && general[0] != "" && side == general[0] {
			c.anchored = true
		}
		// A party that is the claim's subject is its first actor:
		// Labour's spokesman speaks to "Labour's posters were …".
		if !c.anchored && side != "" && side == f.subjectSide {
			c.anchored = true
		}
	}
	// An actor whose role names another actor stands on that one's side:
	// "Trump campaign manager Corey Lewandowski" is on Trump's.
	actorSide := make([]string, len(f.names))
	for i := range f.names {
		actorSide[i] = f.names[i].label
	}
	for i := range f.names {
		for j := range f.names {
			if f.names[i].boss != "" && f.names[j].text == f.names[i].boss {
				actorSide[i] = f.names[j].label
			}
		}
	}
	for _, c := range cands {
		if i := f.nameOf(c.s.Speaker); i >= 0 {
			if j := f.namedIn(c.s.Role); j >= 0 && j != i {
				actorSide[i] = f.names[j].label
			}
		}
	}
	// Only the subject's side answers the claim without its words: the
	// one said to have done it, or who speaks for them.
	for i := range cands {
		c := &cands[i]
		if !c.reaction {
			continue
		}
		k := f.nameOf(c.s.Speaker)
		if k < 0 {
			k = f.namedIn(c.s.Role)
		}
		c.reaction = k >= 0 && (actorSide[k] == actorSide[0] || f.isSubject(k))
	}
	cands = f.relevant(cands)
	if len(cands) == 0 {
		return quotes.Claim{}, false
	}
	// A side that speaks to the claim in its words is read by those
	// words, not by an answer that holds none of them: "my office
	// settled the complaint" says more about the payment than "the
	// allegations are false".
	sides := make([]string, len(cands))
	specific := map[string]bool{}
	for i := range cands {
		sides[i] = t.sideToward(f, general, actorSide, &cands[i].s)
	}
	// A person stands on one side throughout: Theresa May, named "British
	// Prime Minister" in one article and nothing in another, is on the
	// United Kingdom's in both.
	bySpeaker := map[string]string{}
	for i := range cands {
		if sp := cands[i].s.Speaker; sides[i] != "" && sides[i] != sp && bySpeaker[sp] == "" {
			bySpeaker[sp] = sides[i]
		}
	}
	for i := range cands {
		if sp := cands[i].s.Speaker; sides[i] == sp && bySpeaker[sp] != "" {
			sides[i] = bySpeaker[sp]
		}
	}
	for i := range cands {
		if cands[i].byWords {
			specific[sides[i]] = true
		}
	}
	kept := make([]quotes.Statement, 0, len(cands))
	for i, c := range cands {
		if !c.byWords && specific[sides[i]] {
			traceCandidate("side", "its side speaks to the claim's words elsewhere", &c)
			continue
		}
		s := c.s
		s.Side = sides[i]
		s.Stance, s.Because = stanceToward(&s, c.unit, c.ctx, f)
		if c.bySetting && s.Stance == quotes.StanceDenies && len(c.unit.terms) > MaxAnswerTerms {
			// A long statement that holds none of the claim's words
			// denies it only as its setting says: its own words of
			// denial are about what it speaks of ("I reject accusations
			// that I lied"), which may be another thing.
			s.Stance, s.Because = stanceToward(&s, newProposition(""), c.ctx, f)
		}
		if c.bySetting && s.Because == "" && f.nameOf(s.Speaker) < 0 && f.namedIn(s.Role) < 0 {
			// Near the claim's words but saying nothing of them a rule
			// reads: "I will not accept the accusation that I lied
			// about my taxes", after "Ferris, who retweeted the video,
			// was accused of lying about his taxes".
			traceCandidate("stance", "bears by its setting alone and takes no stance a rule reads", &c)
			continue
		}
		kept = append(kept, s)
	}
	if len(kept) == 0 {
		return quotes.Claim{}, false
	}
	c := t.assemble(cleanClaimText(claim), kept)
	c.Parties = parties(kept)
	c.Sides, c.Verdict = verdict(c.Parties, c.Statements)
	c.Verdict = actorsConfirm(c.Verdict, append(actorSide, f.partySides...))
	c.Verdict = t.opposedConfirm(c.Verdict)
	return c, true
}

// candidate is a statement a check reads: its sentence nearest the
// claim, the short sentences around it, and what of the claim it holds.
type candidate struct {
	s         quotes.Statement
	unit, ctx *proposition
	event     map[string]bool // the claim's event stems it holds
	names     []int           // the claim's names it holds, the speaker's own left out
	alleged   bool            // it speaks of the claim as a thing alleged
	// reaction is true when one of the claim's actors answers it with
	// words of denial or regret, which need none of its words; Check
	// keeps it for the subject's side alone.
	reaction bool
	// byWords is true when it bears on the claim by the claim's words
	// (see relevant).
	byWords bool
	// anchored is true when the statement is about the claim's actors:
	// its speaker is one or speaks for one, or its words or its
	// sentence name one.
	anchored bool
	// bySetting is true when the statement holds none of the claim's
	// words and bears on it by the article's narration that sets it up
	// (see settingOf): "Asked whether Moore should concede, Sanders
	// told reporters: “I'm surprised.”"
	bySetting bool
	// concession is true when the statement concedes to the claim's
	// subject what the claim says the subject won (see conceded).
	concession bool
}

// countFunc counts the keys of a set for which keep is true.
func countFunc(set map[string]bool, keep func(string) bool) int {
	n := 0
	for k := range set {
		if keep(k) {
			n++
		}
	}
	return n
}

// concedeCues are the cues of a loser's concession.
var concedeCues = setOf("conceded", "concede", "concedes", "conceding")

// conceded reports whether a statement concedes to the claim's subject
// what the claim says the subject won: "Sanders conceded the race to
// Clinton" confirms "Clinton won the Missouri primary".
func (f *frame) conceded(s *quotes.Statement, qw []word) bool {
	if len(f.names) == 0 || !concedeCues[strings.ToLower(s.Cue)] || !f.core[stem("won")] {
		return false
	}
	for i := 0; i+1 < len(qw); i++ {
		if qw[i].lower == "to" && f.namesSubject(qw[i+1:]) {
			return true
		}
	}
	return false
}

// bearing returns the sentence of a statement that holds most of the
// claim's event words, or false when none holds any and none speaks of
// the allegation itself ("the accusations") while the speaker is one of
// the claim's actors or the sentence names one. A short statement ("It's
// laughable.") is read with the sentence before it.
func (f *frame) bearing(s *quotes.Statement, qw []word, titles map[string]bool, article string) (candidate, bool) {
	if strings.TrimSpace(s.Speaker) == "" || noComment(qw) {
		return candidate{}, false
	}
	if f.conceded(s, qw) {
		// "Sanders conceded the race to Clinton" of "Clinton won".
		return candidate{s: *s, unit: newProposition(s.Quote), ctx: newProposition(s.Sentence),
			event: map[string]bool{stem("won"): true}, names: []int{0}, anchored: true, concession: true}, true
	}
	// Most statements of an article hold none of the claim's words and
	// need no closer reading, but for the narration that sets them up.
	actor := f.nameOf(s.Speaker) >= 0 || f.namedIn(s.Role) >= 0
	if len(f.eventShared(qw)) == 0 && !slices.ContainsFunc(qw, func(w word) bool { return metaNouns[w.lower] }) &&
		!(s.Lead != "" && len(qw) < 12) && !(s.Kind == quotes.KindPartial && s.Sentence != "") &&
		!(actor && f.hasReaction(qw)) {
		return f.bySetting(s, qw, titles, article)
	}
	texts, ctxs := unitTexts(s)
	best, bestN := -1, 0
	var props []*proposition
	var shared []map[string]bool
	alleged := false
	for i, x := range texts {
		p := newProposition(x)
		props = append(props, p)
		sh := f.eventShared(p.ws)
		f.dropOtherObjects(p.ws, sh)
		shared = append(shared, sh)
		n := 2 * len(sh)
		if f.speaksOfAllegation(s, p.ws) {
			n++
			if n > bestN {
				alleged = true
			}
		}
		if n > bestN {
			best, bestN = i, n
		}
	}
	own := f.nameOf(s.Speaker)
	namesOf := func(p *proposition) []int {
		var out []int
		for _, k := range f.namesIn(p.ws) {
			if k != own {
				out = append(out, k)
			}
		}
		return out
	}
	// Anchored to the claim's subject, its first name: the speaker is
	// the subject or speaks for it, or the statement names it.
	subject := func(ws []word) bool { return f.namesSubject(ws) || namesByTitle(ws, titles) }
	// A newspaper or an unnamed source relaying the news of an article
	// about the claim's event needs not name the subject again: "the two
	// banks reportedly held talks".
	relays := IsMedia(s.Speaker) || Unnamed(s.Speaker)
	anchored := len(f.names) == 0 || f.isSubject(own) || f.isSubject(f.namedIn(s.Role)) ||
		subject(qw) || subject(words(s.Sentence)) || relays
	if best < 0 && s.Lead != "" && len(contentStems(s.Quote)) < minLeadTerms {
		lead := newProposition(s.Lead)
		sh := f.eventShared(lead.ws)
		f.dropOtherObjects(lead.ws, sh)
		// The sentence before must be about the claim by more than one
		// of its words or by another of its actors: "Sessions faced
		// calls to appear before Congress" before Trump's "it might
		// happen" is not about Trump appearing at a debate.
		if words := len(sh) - countFunc(sh, isNumber); words >= 2 || words == 1 && len(namesOf(lead)) > 0 {
			return candidate{s: *s, unit: newProposition(s.Quote), ctx: lead, event: sh, names: namesOf(lead),
				anchored: anchored || subject(lead.ws)}, true
		}
	}
	if best < 0 {
		// An actor may answer the claim without its words: "I never
		// did what she said I did", "I shouldn't have done it".
		if actor {
			for i, p := range props {
				if _, ok := f.reactionMarker(p.ws); ok {
					return candidate{s: *s, unit: p, ctx: newProposition(ctxs[i]), names: namesOf(p),
						anchored: true, reaction: true}, true
				}
			}
		}
		return f.bySetting(s, qw, titles, article)
	}
	_, marked := f.reactionMarker(props[best].ws)
	return candidate{s: *s, unit: props[best], ctx: newProposition(ctxs[best]), event: shared[best],
		names: namesOf(props[best]), alleged: alleged, anchored: anchored,
		reaction: marked && actor}, true
}

// bySetting returns a statement that holds none of the claim's words as
// a candidate when the article's narration that sets it up (settingOf)
// holds them: "Mr Blair directly denied that quote", "Asked whether
// Moore should concede, Sanders told reporters". The statement is read
// together with its setting, which often says its stance ("denied",
// "rejected the claims"); it must be a named party's, not a reporter's
// or an unnamed source's, whose words relay news only by their own.
func (f *frame) bySetting(s *quotes.Statement, qw []word, titles map[string]bool, article string) (candidate, bool) {
	// Reported speech bears by its setting only as the reason given for
	// a deed the narration says the speaker did: "the group rejected the
	// offer, claiming it undervalued the business".
	deed := s.Kind == quotes.KindIndirect && participleCue(s.Cue)
	if s.Kind != quotes.KindDirect && !deed || IsMedia(s.Speaker) || Unnamed(s.Speaker) {
		return candidate{}, false
	}
	// The sentence that names the speaker and holds the claim's words:
	// the quote's own, up to the quote, or the one before it.
	var sp *proposition
	var sh map[string]bool
	for k, set := range settingOf(article, s.Start) {
		if deed && k > 0 {
			break // the deed is the quote's own sentence's
		}
		p := newProposition(set)
		if !mentionsSpeaker(p.ws, s) {
			continue
		}
		e := f.eventShared(p.ws)
		f.dropOtherObjects(p.ws, e)
		if len(e) > 0 {
			sp, sh = p, e
			break
		}
	}
	if sp == nil {
		return candidate{}, false
	}
	own := f.nameOf(s.Speaker)
	var names []int
	for _, k := range f.namesIn(sp.ws) {
		if k != own {
			names = append(names, k)
		}
	}
	anchored := len(f.names) == 0 || f.isSubject(own) || f.isSubject(f.namedIn(s.Role)) ||
		f.namesSubject(sp.ws) || namesByTitle(sp.ws, titles) || f.namesSubject(qw)
	return candidate{s: *s, unit: newProposition(s.Quote), ctx: sp, event: sh, names: names,
		anchored: anchored, bySetting: true}, true
}

// participleCue reports whether a cue is a participle hung on the
// narration before it ("claiming", "saying"): the statement gives the
// reason for what the narration says its speaker did.
func participleCue(cue string) bool {
	return len(cue) > 4 && strings.HasSuffix(strings.ToLower(cue), "ing")
}

// mentionsSpeaker reports whether narration names the statement's
// speaker, by a word of the name or the role or by a pronoun ("she
// responded by saying"): a setting that does not is about another's
// words.
func mentionsSpeaker(ws []word, s *quotes.Statement) bool {
	own := map[string]bool{}
	for _, w := range words(s.Speaker + " " + s.Role) {
		if len(w.lower) > 2 && !isStop(w.lower) {
			own[w.lower] = true
		}
	}
	return slices.ContainsFunc(ws, func(w word) bool { return own[w.lower] || speakerPronouns[w.lower] })
}

// speakerPronouns are the pronouns narration names a speaker by.
var speakerPronouns = setOf("he", "she", "they", "we")

// MaxAnswerTerms is the most content words a statement that bears on a
// claim by its setting alone may hold and still deny it by its own words:
// an answer ("It's laughable.", "None.", "People need to get better
// sources").
const MaxAnswerTerms = 3

// MaxSetting bounds the narration settingOf reads before a quote, in
// bytes.
const MaxSetting = 600

// settingOf returns the article's narration that sets up the quote at
// start: the quote's sentence up to the quote ("Asked whether Moore
// should concede, White House spokeswoman Sarah Sanders told
// reporters,") and the sentence before it, each at most MaxSetting bytes.
func settingOf(text string, start int) []string {
	if start <= 0 || start > len(text) {
		return nil
	}
	var out []string
	i := sentenceStart(text, start)
	if x := strings.TrimSpace(text[i:start]); hasLetter(x) {
		out = append(out, x)
	}
	if x := sentenceBefore(text, i); hasLetter(x) {
		if len(x) > MaxSetting {
			k := len(x) - MaxSetting
			for k < len(x) && !utf8.RuneStart(x[k]) {
				k++
			}
			x = x[k:]
		}
		out = append(out, x)
	}
	return out
}

// hasLetter reports whether s holds a letter: the opening quotation mark
// alone is no setting.
func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// minLeadTerms: a statement with fewer content words than this ("It's
// laughable.", "I would certainly say he should") is read with the
// sentence before it, which says what it answers.
const minLeadTerms = 2

// MinRelevance is the least weighted share of a claim's words a
// statement must hold to bear on it (see relevant).
const MinRelevance = 0.6

// relevant keeps the candidates that bear on the claim. Each of the
// claim's words (event words and names) is weighed by how rare it is
// among the candidates: among the statements of articles about the
// Alabama race "race" and "Moore" are everywhere and "conceded" is
// not. A candidate bears on the claim when it is about the claim's
// subject, holds two of its words (one an event word), the words it holds
// weigh MinRelevance of the claim's weightiest core word, and it holds a
// core word, or its speaker is an actor who speaks of the allegation.
func (f *frame) relevant(cands []candidate) []candidate {
	// Words are weighed among the statements that hold them, not the
	// narration that sets some up: the setting of a quote must not make
	// the claim's words commoner for the others.
	n := 0.0
	df := map[string]int{}
	ndf := make([]int, len(f.names))
	for _, c := range cands {
		if c.bySetting {
			continue
		}
		n++
		for e := range c.event {
			df[e]++
		}
		for _, k := range c.names {
			ndf[k]++
		}
	}
	weight := func(d int) float64 { return math.Log(1 + n/float64(d+1)) }
	// The weightiest of the claim's core words: a statement must hold
	// as much as a share of it.
	var top float64
	for e := range f.core {
		top = max(top, weight(df[e]))
	}
	out := cands[:0]
	for _, c := range cands {
		var got float64
		for e := range c.event {
			got += weight(df[e])
		}
		for _, k := range c.names {
			got += weight(ndf[k])
		}
		items := len(c.event) + len(c.names)
		if c.alleged {
			items++
		}
		core := f.cueDoes(&c.s) // "Gort demanded that …" of a claim of a demand
		for e := range c.event {
			core = core || f.core[e]
		}
		c.byWords = c.anchored && items >= 2 && len(c.event) > 0 && got >= MinRelevance*top && (core || c.alleged && f.speaksForActor(&c.s))
		if c.byWords && f.anotherActs(&c.s) {
			traceCandidate("relevant", "its speaker does the claim's deed, and is not who the claim says did it", &c)
			continue
		}
		// A short statement read with the sentence before it is about
		// what that sentence says was done.
		if c.byWords && c.unit != nil && (f.othersDoIt(c.unit.ws, &c.s) ||
			c.ctx != nil && len(f.eventShared(c.unit.ws)) == 0 && f.othersDoIt(c.ctx.ws, &c.s)) {
			traceCandidate("relevant", "it says others did the claim's deed", &c)
			continue
		}
		if c.byWords || c.reaction {
			traceCandidate("relevant", fmt.Sprintf("kept: by its words %v %v, an actor's answer %v, by its setting %v", c.byWords, slices.Sorted(maps.Keys(c.event)), c.reaction, c.bySetting), &c)
			out = append(out, c)
		} else {
			traceCandidate("relevant", fmt.Sprintf("about the subject %v, claim words %d (event %d), weight %.2f of %.2f, core word %v, alleged %v", c.anchored, items, len(c.event), got, MinRelevance*top, core, c.alleged), &c)
		}
	}
	return out
}

// anotherActs reports whether a statement is its speaker doing what the
// claim says its subject did, and the speaker is not the subject nor
// speaks for it: "David Axelrod called on Dean to apologise" is
// Axelrod's demand, and says nothing of whether Brandt's campaign made
// one.
func (f *frame) anotherActs(s *quotes.Statement) bool {
	if len(f.names) == 0 || f.isSubject(f.nameOf(s.Speaker)) || f.isSubject(f.namedIn(s.Role)) {
		return false
	}
	return f.cueDoes(s)
}

// maxAgentReach is how many words before a verb othersDoIt looks for who
// does it: "MPs had not threatened".
const maxAgentReach = 4

// othersDoIt reports whether every time the words speak of the claim's
// deed they give it to someone else by name: "some MPs had threatened to
// expose them" is not Brown's threat. The doer is a capitalised word
// right before the verb and its auxiliaries, in its clause; a word of the claim's, the speaker's,
// a title, or no name there (a pronoun, a passive) leaves the deed to the
// claim's actors.
func (f *frame) othersDoIt(ws []word, s *quotes.Statement) bool {
	own := map[string]bool{} // the speaker's words and the claim's capitalised ones
	for _, w := range words(s.Speaker) {
		own[nameKey(w.lower)] = true
	}
	for _, w := range f.prop.ws {
		if w.cap {
			own[nameKey(w.lower)] = true
		}
	}
	var coreVerbs []string
	for c := range f.core {
		if f.verbs[c] {
			coreVerbs = append(coreVerbs, c)
		}
	}
	found := false
	for i, w := range ws {
		if strings.HasSuffix(w.lower, "ing") || !slices.ContainsFunc(coreVerbs, func(c string) bool { return sameStem(w.stem, c) }) {
			continue // "Russian meddling" names the deed as a thing
		}
		found = true
		agent := ""
		for j := i - 1; j >= 0 && j >= i-maxAgentReach && !ws[j+1].brk; j-- {
			if auxiliaries[ws[j].lower] || isNegator(ws[j].lower) || haveForms[ws[j].lower] {
				continue
			}
			if ws[j].cap && !isStop(ws[j].lower) {
				agent = ws[j].lower
			}
			break // a lower-case word before the verb: a description ("the resident grabbed") or no doer
		}
		if agent == "" || titleWords[agent] || ownsAgent(own, nameKey(agent)) {
			return false
		}
	}
	return found
}

// ownsAgent reports whether a doer's name key is one of own's, or
// begins with one ("Russians" of "Russia").
func ownsAgent(own map[string]bool, agent string) bool {
	for k := range own {
		if strings.HasPrefix(agent, k) {
			return true
		}
	}
	return false
}

// haveForms are the auxiliaries of the perfect, which othersDoIt reads
// past: "MPs had threatened".
var haveForms = setOf("had", "has", "have", "having", "been", "also", "already", "reportedly", "allegedly")

// cueDoes reports whether a statement's cue is the claim's deed: the
// speaker, by speaking, did what the claim says was done ("demanded",
// "called on" of a claim of a demand).
func (f *frame) cueDoes(s *quotes.Statement) bool {
	cue := strings.ToLower(s.Cue)
	if f.core[stem(cue)] && !plainSaying[cue] {
		return true
	}
	if !urging[cue] {
		return false
	}
	for c := range f.core {
		if urgingStems[c] {
			return true
		}
	}
	return false
}

// plainSaying are cues that only say a statement was made: a claim that
// someone said or told something is confirmed by others who report it.
var plainSaying = setOf("said", "say", "says", "saying", "told", "tell", "tells", "telling", "added", "stated",
	"wrote", "writes", "reported", "reports")

// urgingStems are the stems of the urging words.
var urgingStems = func() map[string]bool {
	m := map[string]bool{}
	for w := range urging {
		m[stem(w)] = true
	}
	return m
}()

// speaksOfAllegation reports whether words speak of the claim as a thing
// alleged ("Nelson's accusations", "the allegations against me") while
// naming one of its actors or spoken by one.
func (f *frame) speaksOfAllegation(s *quotes.Statement, ws []word) bool {
	if !slices.ContainsFunc(ws, func(w word) bool { return metaNouns[w.lower] }) {
		return false
	}
	if !f.accusation {
		// Of any claim, an actor's own side calling the reports of it
		// false: Flynn's lawyer on "media reports suggesting" the
		// offer.
		// The quote may be the word of denial alone: labeled as
		// “false” media reports.
		return f.speaksForActor(s) && (hasMarker(ws, denyWords) || hasMarker(words(s.Quote), denyWords))
	}
	return f.nameOf(s.Speaker) >= 0 || len(f.namesIn(ws)) > 0
}

// speaksForActor reports whether a statement's speaker is one of the
// claim's actors or speaks for one by role ("Flynn's lawyer").
func (f *frame) speaksForActor(s *quotes.Statement) bool {
	return f.nameOf(s.Speaker) >= 0 || f.namedIn(s.Role) >= 0
}

// sideToward returns a speaker's side toward a claim: the claim's actor
// the speaker is, or the actor the speaker's role speaks for ("Trump
// campaign manager"); else the speaker's government, party or company,
// folded into the actor of that side when there is one (the White House
// spokeswoman is on Trump's side when Trump is the White House); else,
// for a named person of no affiliation, the person. News outlets and
// unnamed sources have no side.
func (t *Tracker) sideToward(f *frame, general []string, actorSide []string, s *quotes.Statement) string {
	// An outlet the claim is about is a party to it (see stanceRules).
	if i := f.nameOf(s.Speaker); i >= 0 && !Unnamed(s.Speaker) {
		return actorSide[i]
	}
	if IsMedia(s.Speaker) || Unnamed(s.Speaker) {
		return ""
	}
	if i := f.namedIn(s.Role); i >= 0 {
		return actorSide[i]
	}
	if g := t.sides.Of(s.Speaker, s.Role); g != "" {
		for i, gi := range general {
			if gi == g {
				return actorSide[i]
			}
		}
		return g
	}
	if properName(s.Speaker) {
		return s.Speaker
	}
	return ""
}

// parties returns the sides of a check's statements, in order of first
// appearance.
func parties(stmts []quotes.Statement) []string {
	var out []string
	for _, s := range stmts {
		if s.Side != "" && !slices.Contains(out, s.Side) {
			out = append(out, s.Side)
		}
	}
	return out
}

// properName reports whether a speaker is named, not described: two
// words or more, each capitalised ("Philippe Sands", not "a former
// Twitter employee" or "Cyber security experts").
func properName(speaker string) bool {
	ws := words(speaker)
	if len(ws) < 2 {
		return false
	}
	for _, w := range ws {
		if !w.cap {
			return false
		}
	}
	return true
}

// noEvidence is the answer to a claim nothing bears on.
func noEvidence(claim string) quotes.CheckResult {
	return quotes.CheckResult{Claim: quotes.Claim{Text: strings.TrimSpace(claim), Verdict: quotes.Verdict{
		Label:   LabelNoEvidence,
		Code:    quotes.VerdictNone,
		Summary: "Nothing in the index bears on this claim.",
	}}}
}

// actorsConfirm holds a checked claim's "confirmed by both sides" to the
// claim's own actors: two of the sides that affirm it must be sides of
// the actors the claim names, not bystanders who agree with each other.
// Otherwise the claim is confirmed (or asserted) by one side.
func actorsConfirm(v quotes.Verdict, actorSide []string) quotes.Verdict {
	if !v.BothSides {
		return v
	}
	n := 0
	for _, side := range append(append([]string(nil), v.Confirmed...), v.Asserted...) {
		if slices.Contains(actorSide, side) {
			n++
		}
	}
	if n >= 2 {
		return v
	}
	v.BothSides = false
	if len(v.Confirmed) > 0 {
		v.Label, v.Code = LabelConfirmedOne, quotes.VerdictOneSide
	} else {
		v.Label, v.Code = LabelAssertedOne, quotes.VerdictOneSide
	}
	v.Summary = notBothSides + summary(v)
	return v
}

// notBothSides opens the summary of a claim that two sides or more
// affirmed without being two opposed parties to it, so that "confirmed by
// one side" listing three sides reads as what it is.
const notBothSides = "Not confirmed by both sides: those who affirm it are not two opposed parties the claim names. "

// noCommentPhrases say a speaker would not say: "declined to comment",
// "would not be drawn on reports". No comment is no stance.
var noCommentPhrases = [][]string{{"to", "comment"}, {"no", "comment"}, {"be", "drawn"}, {"not", "comment"},
	{"to", "confirm", "or", "deny"}, {"does", "not", "respond", "to"}, {"not", "respond", "to"},
	{"refused", "to", "confirm"}, {"declined", "to", "confirm"}, {"refuses", "to", "confirm"},
	{"declines", "to", "confirm"}, {"would", "not", "confirm"}, {"neither", "confirm", "nor", "deny"}}

// noComment reports whether a statement is a refusal to comment.
func noComment(ws []word) bool {
	if len(ws) > 12 {
		ws = ws[:12]
	}
	_, ok := phraseIn(ws, noCommentPhrases)
	return ok
}

// reactionMarker returns the words of denial or regret in ws that let a
// claim's actor answer it without its words (see bearing).
func (f *frame) reactionMarker(ws []word) (string, bool) {
	if !f.accusation && !f.utterance {
		return shouldNotHave(ws)
	}
	if m, ok := falseMarker(ws); ok {
		return m, true
	}
	if m, ok := phraseIn(ws, denyPhrases); ok {
		return m, true
	}
	return regret(ws)
}

func (f *frame) hasReaction(ws []word) bool {
	_, ok := f.reactionMarker(ws)
	return ok
}
