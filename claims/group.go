package claims

import (
	"cmp"
	"container/heap"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	quotes "github.com/quotesproject/quotes"
)

// How statements become claims
//
// A statement is cut into units, one per sentence of its quote (a partial
// quote's unit is its whole sentence). A unit is a vector of its content
// stems weighted by inverse document frequency over all units, so that
// "offer" and "troops" count and "Mexico", said everywhere, counts less; a
// short unit ("he made the offer") also gets, at half weight, the words
// of the article's sentence before it. Units are grouped by average-link
// agglomerative clustering: the two groups whose units are most alike on
// average merge first, while that average stays at or above LinkThreshold.
// Candidate pairs come from an inverted index of the rarer stems, so the
// cost grows with the pairs that share a word, not with the square of the
// statements.
//
// The grouping depends only on the set of statements, never on the order
// they arrive in: statements are sorted by key first, and ties between
// equally similar pairs are broken by that order. A group becomes a claim
// when it holds two statements or more (the same quote spoken by two
// speakers counts as two).

// LinkThreshold is the least average cosine similarity at which two
// groups of units merge into one claim.
var LinkThreshold = 0.28

// AttachThreshold is the least cosine similarity between a statement's
// sentence and a claim's text for the statement to join the claim after
// the grouping.
var AttachThreshold = 0.3

// ClearThreshold is the least cosine similarity between a statement's
// sentence and its claim's text for the statement to affirm the claim
// clearly when no rule's words decided its stance: it says much the same
// thing.
var ClearThreshold = 0.5

// MemberThreshold is the least cosine similarity between a grouped
// statement's sentence and its claim's text for the statement to stay in
// the claim: the grouping links statements through others, and a chain
// of them drifts from one proposition to the next.
var MemberThreshold = 0.2

// minUnitTerms is the fewest content stems a unit needs to stand for a
// proposition; shorter sentences ("It's true.") are context instead.
const minUnitTerms = 3

// minShared is the fewest terms two units must share to be linked.
const minShared = 2

// unit is one sentence of a statement, as a proposition to group.
type unit struct {
	st   int    // index of the statement
	text string // the sentence
	vec  []tw   // sorted by term, unit length
}

// tw is one weighted term of a unit vector.
type tw struct {
	term int32
	w    float32
	// pred is true when the term is a word of the unit's own written in
	// lower case: what is done or said ("conceded", "offer"), not who.
	pred bool
}

// Build groups statements into claims, classifies each statement's stance
// toward its claim, and gives each claim its verdict. Statements are
// grouped within their period (see Period), so that the claims of a
// period are those Build gives for its statements alone. Statements are
// copied; the input is left as it is. The result is sorted by SortClaims.
func (t *Tracker) Build(statements []quotes.Statement) []quotes.Claim {
	var out []quotes.Claim
	seen := map[string]bool{}
	for _, part := range byPeriod(statements) {
		for _, c := range t.buildPeriod(part) {
			if !seen[c.ID] {
				seen[c.ID] = true
				out = append(out, c)
			}
		}
	}
	SortClaims(out)
	return out
}

// buildPeriod is Build for the statements of one period.
func (t *Tracker) buildPeriod(statements []quotes.Statement) []quotes.Claim {
	ss := append([]quotes.Statement(nil), statements...)
	// The order things were said in (publication, article, offset,
	// speaker), not the hashed ids: ties in the grouping then fall to
	// the statement that put the claim forward first, whatever the ids.
	sort.Slice(ss, func(i, j int) bool {
		a, b := &ss[i], &ss[j]
		return cmp.Or(a.Published.Compare(b.Published), cmp.Compare(a.ArticleID, b.ArticleID), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End),
			cmp.Compare(a.Speaker, b.Speaker), cmp.Compare(a.QuoteID, b.QuoteID)) < 0
	})
	ss = dedupe(ss)
	t.giveSides(ss)

	units, texts := makeUnits(ss)
	postings := map[int32][]int{}
	for i, u := range units {
		for _, x := range u.vec {
			postings[x.term] = append(postings[x.term], i)
		}
	}
	groups := cluster(units, postings)

	var out []quotes.Claim
	ids := map[string]bool{}
	for _, g := range groups {
		// Two groups may come to the same claim (two sentences of the
		// same statements, read alike): it is listed once.
		if c, ok := t.claimOf(ss, units, texts, g, postings); ok && !ids[c.ID] {
			ids[c.ID] = true
			out = append(out, c)
		}
	}
	SortClaims(out)
	return out
}

// SortClaims orders claims the way an editor wants them: told in the most
// articles first, then by the most speakers, the most statements, and id.
func SortClaims(cs []quotes.Claim) {
	speakers := func(c *quotes.Claim) int {
		seen := map[string]bool{}
		for _, s := range c.Statements {
			seen[s.Speaker] = true
		}
		return len(seen)
	}
	sort.Slice(cs, func(i, j int) bool {
		a, b := &cs[i], &cs[j]
		if a.Articles != b.Articles {
			return a.Articles > b.Articles
		}
		if sa, sb := speakers(a), speakers(b); sa != sb {
			return sa > sb
		}
		if len(a.Statements) != len(b.Statements) {
			return len(a.Statements) > len(b.Statements)
		}
		return a.ID < b.ID
	})
}

// giveSides sets each statement's side from its speaker and role.
func (t *Tracker) giveSides(ss []quotes.Statement) {
	for i := range ss {
		ss[i].Side = t.sides.Of(ss[i].Speaker, ss[i].Role)
	}
}

// dedupe drops repeated statements (same quote and speaker) from a sorted
// slice.
func dedupe(ss []quotes.Statement) []quotes.Statement {
	out := ss[:0]
	for i := range ss {
		if i > 0 && statementKey(&ss[i]) == statementKey(&ss[i-1]) {
			continue
		}
		out = append(out, ss[i])
	}
	return out
}

// unitTexts returns the sentences of a statement that stand for
// propositions, and for each the short sentences right around it.
func unitTexts(s *quotes.Statement) (texts, contexts []string) {
	if s.Kind == quotes.KindPartial && s.Sentence != "" {
		return []string{s.Sentence}, []string{""}
	}
	sents := sentences(s.Quote)
	short := make([]bool, len(sents))
	for i, x := range sents {
		short[i] = len(contentStems(x)) < minUnitTerms
	}
	if len(sents) == 1 {
		return sents, []string{""}
	}
	for i, x := range sents {
		if short[i] && len(sents) > 1 {
			continue
		}
		var ctx []string
		if i > 0 && short[i-1] {
			ctx = append(ctx, sents[i-1])
		}
		if i+1 < len(sents) && short[i+1] {
			ctx = append(ctx, sents[i+1])
		}
		texts = append(texts, x)
		contexts = append(contexts, strings.Join(ctx, " "))
	}
	return texts, contexts
}

// unitText is what makeUnits keeps of a unit for stance: its sentence and
// the short sentences around it.
type unitText struct {
	text, context string
}

// minIDFUnits is the least number of units a term's rarity is weighed
// against (see makeUnits).
const minIDFUnits = 100

// makeUnits cuts statements into units and weighs their terms.
func makeUnits(ss []quotes.Statement) ([]unit, []unitText) {
	type raw struct {
		st    int
		text  string
		ctx   string
		terms map[string]float32
		preds map[string]bool
	}
	var raws []raw
	df := map[string]int{}
	for i := range ss {
		texts, ctxs := unitTexts(&ss[i])
		for k, x := range texts {
			terms := map[string]float32{}
			preds := map[string]bool{}
			for _, w := range words(x) {
				if isStop(w.lower) || isNegator(w.lower) || len(w.lower) < 2 && !isNumber(w.lower) {
					continue
				}
				terms[w.stem] = 1
				if !w.cap {
					preds[w.stem] = true
				}
			}
			if len(terms) < 4 && ss[i].Lead != "" {
				for _, t := range contentStems(ss[i].Lead) {
					if _, ok := terms[t]; !ok {
						terms[t] = 0.5
					}
				}
			}
			if len(terms) < minUnitTerms && (len(texts) > 1 || len(terms) < 2) {
				continue // "It's true." is context, unless it is the whole quote
			}
			for t := range terms {
				df[t]++
			}
			raws = append(raws, raw{st: i, text: x, ctx: ctxs[k], terms: terms, preds: preds})
		}
	}
	ids := make(map[string]int32, len(df))
	names := make([]string, 0, len(df))
	for t := range df {
		names = append(names, t)
	}
	sort.Strings(names)
	for i, t := range names {
		ids[t] = int32(i)
	}
	// A period's statements are few at the start of a period: a floor
	// keeps a word said twice in a handful of units weighing as a rare
	// word, as it would among a full quarter's.
	n := float64(max(len(raws), minIDFUnits))
	units := make([]unit, len(raws))
	texts := make([]unitText, len(raws))
	for i, r := range raws {
		vec := make([]tw, 0, len(r.terms))
		var norm float64
		for t, w := range r.terms {
			idf := math.Log(1 + n/float64(df[t]))
			x := float64(w) * idf
			norm += x * x
			vec = append(vec, tw{term: ids[t], w: float32(x), pred: r.preds[t]})
		}
		norm = math.Sqrt(norm)
		for k := range vec {
			vec[k].w = float32(float64(vec[k].w) / norm)
		}
		sort.Slice(vec, func(a, b int) bool { return vec[a].term < vec[b].term })
		units[i] = unit{st: r.st, text: r.text, vec: vec}
		texts[i] = unitText{text: r.text, context: r.ctx}
	}
	return units, texts
}

// cosine returns the dot product of two unit vectors sorted by term.
func cosine(a, b []tw) float64 {
	return overlapOf(a, b).sim
}

// overlap is what two units share: their cosine similarity, the number of
// terms, and whether one of those is a word both write in lower case (see
// tw.pred): statements about the same people are about the same
// proposition only when they say the same thing of them.
type overlap struct {
	sim  float64
	n    int
	pred bool
}

// overlapOf measures the overlap of two unit vectors sorted by term, in
// one walk over both.
func overlapOf(a, b []tw) overlap {
	var o overlap
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].term < b[j].term:
			i++
		case a[i].term > b[j].term:
			j++
		default:
			o.sim += float64(a[i].w) * float64(b[j].w)
			o.n++
			o.pred = o.pred || a[i].pred && b[j].pred
			i++
			j++
		}
	}
	return o
}

// maxPosting is the most units a term may be in and still propose
// candidate pairs; commoner terms still count in the similarity.
func maxPosting(n int) int { return max(64, n/200) }

// edge is a candidate merge of two groups.
type edge struct {
	sim  float64
	a, b int // group ids, a < b
}

type edgeHeap []edge

func (h edgeHeap) Len() int { return len(h) }
func (h edgeHeap) Less(i, j int) bool {
	if h[i].sim != h[j].sim {
		return h[i].sim > h[j].sim
	}
	if h[i].a != h[j].a {
		return h[i].a < h[j].a
	}
	return h[i].b < h[j].b
}
func (h edgeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *edgeHeap) Push(x any)   { *h = append(*h, x.(edge)) }
func (h *edgeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// cluster groups units by average-link agglomerative clustering over the
// sparse graph of candidate pairs, and returns the groups (unit indexes,
// ascending) of two units or more.
func cluster(units []unit, postings map[int32][]int) [][]int {
	n := len(units)
	limit := maxPosting(n)
	// sums[g] maps a neighbouring group to the sum of similarities
	// between their units; size[g] counts a group's units.
	sums := make([]map[int]float64, n)
	size := make([]int, n)
	members := make([][]int, n)
	for i := range units {
		size[i] = 1
		members[i] = []int{i}
	}
	h := &edgeHeap{}
	seen := map[int]bool{}
	for i, u := range units {
		clear(seen)
		for _, x := range u.vec {
			p := postings[x.term]
			if len(p) > limit {
				continue
			}
			for _, j := range p {
				if j <= i || seen[j] {
					continue
				}
				seen[j] = true
				o := overlapOf(u.vec, units[j].vec)
				s := o.sim
				if s <= 0 || o.n < minShared || !o.pred {
					continue // one shared word ("accurate"), or names alone, are no proposition
				}
				if sums[i] == nil {
					sums[i] = map[int]float64{}
				}
				if sums[j] == nil {
					sums[j] = map[int]float64{}
				}
				sums[i][j] = s
				sums[j][i] = s
				if s >= LinkThreshold {
					*h = append(*h, edge{sim: s, a: i, b: j})
				}
			}
		}
	}
	heap.Init(h)
	alive := make([]bool, n)
	for i := range alive {
		alive[i] = true
	}
	for h.Len() > 0 {
		e := heap.Pop(h).(edge)
		if !alive[e.a] || !alive[e.b] {
			continue
		}
		if avg := sums[e.a][e.b] / float64(size[e.a]*size[e.b]); math.Abs(avg-e.sim) > 1e-9 {
			continue // stale: the groups changed since the edge was pushed
		}
		// Merge b into a.
		a, b := e.a, e.b
		alive[b] = false
		members[a] = append(members[a], members[b]...)
		size[a] += size[b]
		for g, s := range sums[b] {
			if g == a {
				continue
			}
			sums[a][g] += s
			delete(sums[g], b)
			sums[g][a] += s
		}
		delete(sums[a], b)
		sums[b] = nil
		for g, s := range sums[a] {
			if !alive[g] {
				continue
			}
			avg := s / float64(size[a]*size[g])
			if avg >= LinkThreshold {
				x, y := a, g
				if x > y {
					x, y = y, x
				}
				heap.Push(h, edge{sim: avg, a: x, b: y})
			}
		}
	}
	var out [][]int
	for g := range units {
		if alive[g] && len(members[g]) > 1 {
			sort.Ints(members[g])
			out = append(out, members[g])
		}
	}
	return out
}

// claimOf turns a group of units into a claim: its statements, the
// clearest of its units as its text, each statement's stance and the
// verdict. It reports false when the group holds fewer than two
// statements.
func (t *Tracker) claimOf(ss []quotes.Statement, units []unit, texts []unitText, g []int, postings map[int32][]int) (quotes.Claim, bool) {
	byStatement := map[int][]int{}
	var order []int
	for _, u := range g {
		st := units[u].st
		if _, ok := byStatement[st]; !ok {
			order = append(order, st)
		}
		byStatement[st] = append(byStatement[st], u)
	}
	if len(order) < 2 {
		return quotes.Claim{}, false
	}
	// The medoid: the unit most like the others, preferring the words
	// of a party over a report's, and an affirmation over a denial.
	best, bestScore := g[0], -1.0
	for _, u := range g {
		var s float64
		for _, v := range g {
			if u != v {
				s += cosine(units[u].vec, units[v].vec)
			}
		}
		if IsMedia(ss[units[u].st].Speaker) {
			s *= 0.8
		}
		if p := newProposition(texts[u].text); hasMarker(p.ws, denyWords) || negatedOver(p.ws, p.terms) {
			s *= 0.5 // the claim is the affirmative proposition, not its denial
		}
		// A text that names the parties who speak to it tells the claim
		// best: "Both Sheinbaum and Trump described their call as …".
		if s > 0 {
			s *= 1 + 0.5*float64(len(speakersNamed(claimSentence(&ss[units[u].st], texts[u].text), ss, order)))
		}
		if s > bestScore {
			best, bestScore = u, s
		}
	}
	claimText := texts[best].text
	claim := newProposition(claimText)

	// Statements outside the group that say the claim itself join it
	// too: a unit as near the claim's text as AttachThreshold, sharing
	// three words with it. A statement may so bear on several claims.
	limit := maxPosting(len(units))
	seen := map[int]bool{}
	for _, x := range units[best].vec {
		p := postings[x.term]
		if len(p) > limit {
			continue
		}
		for _, u := range p {
			st := units[u].st
			if seen[u] || byStatement[st] != nil {
				continue
			}
			seen[u] = true
			if o := overlapOf(units[u].vec, units[best].vec); o.sim >= AttachThreshold && o.n >= 3 && o.pred {
				order = append(order, st)
				byStatement[st] = []int{u}
			}
		}
	}

	var stmts []quotes.Statement
	clear := map[string]bool{}
	for _, st := range order {
		// The statement's unit nearest the claim carries its stance.
		us := byStatement[st]
		near := us[0]
		o := overlapOf(units[near].vec, units[best].vec)
		for _, u := range us[1:] {
			if ou := overlapOf(units[u].vec, units[best].vec); ou.sim > o.sim {
				near, o = u, ou
			}
		}
		// A statement the grouping brought in through others stays only
		// when it says what the claim's text says: near it, and sharing
		// what is done or said, not only who.
		if near != best {
			if o.sim < MemberThreshold || o.n < minShared || !o.pred {
				continue
			}
		}
		s := ss[st]
		s.Stance, s.Because = statementStance(&s, newProposition(texts[near].text), newProposition(texts[near].context), claim)
		// A clear stance: the words of a rule decided it, the statement
		// says the claim's very words, or it is a party's own words of
		// its own part ("I propose that …").
		if s.Because != "" || near == best || o.sim >= ClearThreshold ||
			s.Kind == quotes.KindDirect && ownPart(words(texts[near].text)) {
			clear[statementKey(&s)] = true
		}
		stmts = append(stmts, s)
	}
	c := t.assemble(claimSentence(&ss[units[best].st], claimText), stmts)
	if len(stmts) < 2 {
		return c, false
	}
	// Both sides are two of the claim's own parties, as in a check, not
	// two bystanders who agree with each other: two people or bodies its
	// text names, of two different sides, each affirming it in their own
	// words.
	if c.Verdict.BothSides && !t.namedPartiesAffirm(newFrameSides(c.Text, t.sides), c.Statements, clear) {
		c.Verdict = actorsConfirm(c.Verdict, nil)
	}
	return c, true
}

// namedPartiesAffirm reports whether two opposed sides of the table (see
// Sides.Known) that a claim's text names each confirm or assert it
// themselves, with a clear stance (clear
// holds the keys of those statements): a side the text names
// ("Washington"), or that of a person or body it names (or of one who
// speaks for them).
func (t *Tracker) namedPartiesAffirm(f *frame, stmts []quotes.Statement, clear map[string]bool) bool {
	var aff []*quotes.Statement
	for k := range stmts {
		st := &stmts[k]
		if st.Side == "" || !st.Stance.Affirms() || !clear[statementKey(st)] {
			continue
		}
		// Only sides of the table: one read off a role or a name may
		// be a name cut in two ("Food", "Drug Administration") or a
		// colleague's department ("Defense", "State").
		if !t.sides.Known(st.Side) {
			continue
		}
		if f.nameOf(st.Speaker) >= 0 || f.namedIn(st.Role) >= 0 || slices.Contains(f.partySides, st.Side) {
			aff = append(aff, st)
		}
	}
	// One of the two confirms in words a rule reads ("confirmed", "it's
	// true", "he told me"), or the two share one quote ("Both X and Y
	// described …"): two sides each putting something forward, one after
	// the other, is not yet one confirming the other.
	for i, a := range aff {
		for _, b := range aff[i+1:] {
			if !t.sides.Opposed(a.Side, b.Side) {
				continue
			}
			if a.QuoteID == b.QuoteID || confirmsInWords(a) || confirmsInWords(b) {
				return true
			}
		}
	}
	return false
}

// confirmsInWords reports whether a statement confirms by words a stance
// rule read, not by coming after another side's.
func confirmsInWords(s *quotes.Statement) bool {
	return s.Stance == quotes.StanceConfirms && s.Because != ""
}

// assemble finishes a claim from its text and classified statements:
// order, parties, confirmations across sides, verdict, dates and id.
func (t *Tracker) assemble(text string, stmts []quotes.Statement) quotes.Claim {
	sortStatements(stmts)
	confirmAcrossSides(stmts)
	c := quotes.Claim{Text: text, Statements: stmts}
	articles := map[string]bool{}
	keys := make([]string, 0, len(stmts))
	for _, s := range stmts {
		articles[s.ArticleID] = true
		keys = append(keys, statementKey(&s))
		if !s.Published.IsZero() {
			if c.FirstSeen.IsZero() || s.Published.Before(c.FirstSeen) {
				c.FirstSeen = s.Published
			}
			if s.Published.After(c.LastSeen) {
				c.LastSeen = s.Published
			}
		}
	}
	c.Articles = len(articles)
	sort.Strings(keys)
	// The id hangs on what the claim is (its text) and on who said it
	// (its statements), both set by the statements alone: it stays the
	// same across rebuilds, and two claims share it only when they are
	// one.
	sum := sha256.Sum256([]byte(c.Text + "\x02" + strings.Join(keys, "\x01")))
	c.ID = "c" + hex.EncodeToString(sum[:8])
	c.Parties = t.parties(stmts)
	c.Sides, c.Verdict = verdict(c.Parties, stmts)
	c.Verdict = t.opposedConfirm(c.Verdict)
	return c
}

// confirmAcrossSides makes an assertion a confirmation when a speaker of
// another side affirmed the claim before it, or in the same statement
// ("Both X and Y described the call as …"): affirming what the other side
// already put forward is confirming it. Statements must be sorted.
func confirmAcrossSides(stmts []quotes.Statement) {
	type mark struct {
		at      time.Time
		article string
		start   int
		quot    string
		side    string
	}
	var affirmed []mark
	for _, s := range stmts {
		if s.Side != "" && s.Stance.Affirms() {
			affirmed = append(affirmed, mark{s.Published, s.ArticleID, s.Start, s.QuoteID, s.Side})
		}
	}
	// before reports whether m came before s: published earlier, or
	// earlier in the same article.
	before := func(m mark, s *quotes.Statement) bool {
		return m.at.Before(s.Published) || m.article == s.ArticleID && m.start < s.Start
	}
	for i := range stmts {
		s := &stmts[i]
		if s.Stance != quotes.StanceAsserts || s.Side == "" {
			continue
		}
		for _, m := range affirmed {
			if m.side == s.Side {
				continue
			}
			if m.quot == s.QuoteID || before(m, s) {
				s.Stance = quotes.StanceConfirms
				break
			}
		}
	}
}

// cleanClaimText trims the leading ellipsis and quote marks a quoted
// sentence may carry.
func cleanClaimText(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "…. “\"‘'")
	s = strings.TrimRight(s, ", “\"‘'”’")
	return strings.TrimSpace(s)
}

// parties returns the sides a claim involves: those of its speakers, and
// those its statements name (by alias, or by naming a speaker whose side
// is known), in order of first appearance.
func (t *Tracker) parties(stmts []quotes.Statement) []string {
	var out []string
	seen := map[string]bool{}
	add := func(side string) {
		if side != "" && !seen[side] {
			seen[side] = true
			out = append(out, side)
		}
	}
	surnames := map[string]string{}
	for _, s := range stmts {
		add(s.Side)
		if s.Side != "" {
			f := strings.Fields(s.Speaker)
			if len(f) > 0 {
				surnames[strings.ToLower(f[len(f)-1])] = s.Side
			}
		}
	}
	for _, s := range stmts {
		for _, side := range t.sides.All(s.Quote, 0) {
			add(side)
		}
		for _, w := range words(s.Quote) {
			if w.cap {
				add(surnames[w.lower])
			}
		}
	}
	return out
}

// MaxClaimSentence is the longest article sentence, in bytes, a claim is
// told by; a longer one gives way to its speaker and words.
const MaxClaimSentence = 320

// claimSentence is the readable text of a claim drawn from one of its
// statements: the article's sentence that holds the statement's words,
// which says who said what ("President Claudia Sheinbaum said Saturday
// that she rejected an offer …"), with the speaker's name for a bare
// pronoun ("“…,” she said" → "“…,” Claudia Sheinbaum said"). When the
// sentence is long or does not hold the words, it is the speaker's name
// and the words.
func claimSentence(s *quotes.Statement, text string) string {
	text = cleanClaimText(text)
	sent := strings.TrimSpace(dateline.ReplaceAllString(s.Sentence, ""))
	at := strings.Index(sent, text)
	if sent == "" || at < 0 || len(sent) > MaxClaimSentence {
		if s.Speaker == "" || Unnamed(s.Speaker) {
			return text
		}
		return s.Speaker + ": “" + text + "”"
	}
	if named(sent, s.Speaker) {
		return sent
	}
	// The pronoun that stands for the speaker is outside the quoted
	// words: "she said", "he told reporters".
	for _, p := range []struct{ lo, hi int }{{0, at}, {at + len(text), len(sent)}} {
		for _, m := range speakerPronoun.FindAllStringSubmatchIndex(sent[p.lo:p.hi], -1) {
			i, j := p.lo+m[2], p.lo+m[3]
			if cueNear(sent[:i], sent[j:], s.Cue) {
				return sent[:i] + s.Speaker + sent[j:]
			}
		}
	}
	return sent
}

// cueNear reports whether the verb of a statement's cue stands right
// before a pronoun or within two words after it: "she said", "said he",
// "he later told".
func cueNear(before, after, cue string) bool {
	cf := strings.Fields(strings.ToLower(cue))
	if len(cf) == 0 {
		return false
	}
	verb := strings.Trim(cf[0], ".,;:")
	bf := strings.Fields(strings.ToLower(before))
	if len(bf) > 0 && strings.Trim(bf[len(bf)-1], ",") == verb {
		return true
	}
	af := strings.Fields(strings.ToLower(after))
	for k := 0; k < len(af) && k < 2; k++ {
		if strings.Trim(af[k], ".,;:") == verb {
			return true
		}
	}
	return false
}

// dateline is the place and agency a wire story opens with:
// "WASHINGTON (Reuters) - ", "YOKOTA AIR BASE, Japan (Reuters) - ".
var dateline = regexp.MustCompile(`^\s*[^()\n]{1,60}\([A-Z][A-Za-z .]{1,30}\)\s*[-–—]+\s*`)

// speakerPronoun is a pronoun that may stand for a speaker.
var speakerPronoun = regexp.MustCompile(`(?:^|[^\pL])([Hh]e|[Ss]he)(?:[^\pL]|$)`)

// named reports whether a sentence names a speaker by a word of the
// speaker's name.
func named(sent, speaker string) bool {
	sw := words(sent)
	for _, n := range words(speaker) {
		if !n.cap || len(n.lower) < 3 {
			continue
		}
		for _, w := range sw {
			if w.lower == n.lower {
				return true
			}
		}
	}
	return false
}

// ownPart reports whether words tell of the speaker's own part in what
// they say: "I propose", "we offered", "he told me".
func ownPart(ws []word) bool {
	return slices.ContainsFunc(ws, func(w word) bool { return firstPerson[w.lower] || w.lower == "me" || w.lower == "us" })
}

// speakersNamed returns the sides of the speakers of statements ss[order]
// that a text names, each once.
func speakersNamed(text string, ss []quotes.Statement, order []int) []string {
	f := newFrame(text)
	var out []string
	for _, st := range order {
		s := &ss[st]
		if s.Side != "" && !slices.Contains(out, s.Side) && f.nameOf(s.Speaker) >= 0 {
			out = append(out, s.Side)
		}
	}
	return out
}

// opposedConfirm holds "confirmed by both sides" to two opposed sides
// (see Sides.Opposed): the United States government and the Democrats
// agreeing are one country's, not both sides of a claim.
func (t *Tracker) opposedConfirm(v quotes.Verdict) quotes.Verdict {
	if !v.BothSides {
		return v
	}
	aff := append(append([]string(nil), v.Confirmed...), v.Asserted...)
	for i, a := range aff {
		for _, b := range aff[i+1:] {
			if t.sides.Opposed(a, b) {
				return v
			}
		}
	}
	return actorsConfirm(v, nil)
}
