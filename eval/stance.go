package eval

// Stance evaluation: how well a classifier tells whether a text confirms,
// denies, merely reports, or is unrelated to a claim.
//
// # Stance files
//
// LoadStancePairs reads JSON lines in three formats, told apart line by
// line (unknown fields are ignored):
//
//   - FNC-1: {"id","claim","article_id","text","stance"} with stance one of
//     agree, disagree, discuss, unrelated. When "text" is absent the text
//     is the body of that article_id in the bodies file beside the pairs
//     file: X.pairs.jsonl is joined with X.bodies.jsonl, whose lines are
//     {"article_id","text"}.
//   - Emergent: {"claim_id","claim","articles":[{"article_id","headline",
//     "stance"}]}, one claim a line; each article's headline becomes a pair
//     whose id is the article_id, with stance one of for, against,
//     observing.
//   - Our own pairs: {"id","claim","text"} with an optional "stance" in
//     our vocabulary (confirms, denies, reports, asserts, unrelated).
//
// Gold labels map to quotes.Stance: agree and for → confirms; disagree
// and against → denies; discuss and observing → reports; unrelated →
// unrelated.
//
// # Scores
//
// ScoreStance gives accuracy, per-class precision, recall and F1, the
// macro-F1 over the classes present in the gold, the confusion matrix and,
// when the gold has unrelated pairs or comes from FNC-1, the official
// FNC-1 score: per pair +0.25 when gold and prediction are equal, a further
// +0.50 when they are equal and related, and +0.25 when both are related
// (any of confirms, denies, reports, asserts) though different. The
// maximum is 0.25 per unrelated gold pair plus 1 per related one, and the
// relative score is 100 × score / max. A pair without a prediction is
// wrong and earns nothing.

import (
	"bufio"
	"bytes"
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	quotes "github.com/quotesproject/quotes"
	"github.com/quotesproject/quotes/claims"
)

// The datasets a StancePair can come from.
const (
	// StanceFNC marks a pair read in the FNC-1 format.
	StanceFNC = "fnc1"
	// StanceEmergent marks a pair read from an Emergent claim line.
	StanceEmergent = "emergent"
	// StanceOwn marks a pair in our own format.
	StanceOwn = "pairs"
)

// StancePair is one claim and one text to classify, with its gold stance
// (empty when the file has none).
type StancePair struct {
	ID    string        `json:"id"`
	Claim string        `json:"claim"`
	Text  string        `json:"text"`
	Gold  quotes.Stance `json:"stance,omitempty"`
	// Dataset is StanceFNC, StanceEmergent or StanceOwn.
	Dataset string `json:"dataset"`
	// File and Line say where the pair was read.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// stanceLineJSON is any of the three line formats on the wire.
type stanceLineJSON struct {
	ID        *string              `json:"id"`
	Claim     *string              `json:"claim"`
	ClaimID   json.RawMessage      `json:"claim_id"`
	ArticleID json.RawMessage      `json:"article_id"`
	Text      *string              `json:"text"`
	Stance    *string              `json:"stance"`
	Articles  *[]stanceArticleJSON `json:"articles"`
}

// stanceArticleJSON is one article of an Emergent claim line.
type stanceArticleJSON struct {
	ArticleID json.RawMessage `json:"article_id"`
	Headline  *string         `json:"headline"`
	Stance    *string         `json:"stance"`
}

// stanceLabels maps every gold vocabulary to our stances, with the
// dataset each word belongs to.
var stanceLabels = map[string]struct {
	stance  quotes.Stance
	dataset string
}{
	"agree":     {quotes.StanceConfirms, StanceFNC},
	"disagree":  {quotes.StanceDenies, StanceFNC},
	"discuss":   {quotes.StanceReports, StanceFNC},
	"for":       {quotes.StanceConfirms, StanceEmergent},
	"against":   {quotes.StanceDenies, StanceEmergent},
	"observing": {quotes.StanceReports, StanceEmergent},
	"confirms":  {quotes.StanceConfirms, StanceOwn},
	"denies":    {quotes.StanceDenies, StanceOwn},
	"reports":   {quotes.StanceReports, StanceOwn},
	"asserts":   {quotes.StanceAsserts, StanceOwn},
	"unrelated": {quotes.StanceUnrelated, ""},
}

// StanceLabel maps a gold label of FNC-1 (agree, disagree, discuss,
// unrelated), Emergent (for, against, observing) or our own vocabulary to
// a stance; case and surrounding spaces do not matter.
func StanceLabel(label string) (quotes.Stance, error) {
	l, ok := stanceLabels[strings.ToLower(strings.TrimSpace(label))]
	if !ok {
		return "", fmt.Errorf("unknown stance label %q", label)
	}
	return l.stance, nil
}

// StanceBodies maps an FNC-1 article_id to its body text.
type StanceBodies map[string]string

// LoadStanceBodies reads an FNC-1 bodies file, one {"article_id","text"}
// object a line.
func LoadStanceBodies(path string) (StanceBodies, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("stance bodies: %w", err)
	}
	defer f.Close()
	return ReadStanceBodies(f, path)
}

// ReadStanceBodies reads FNC-1 bodies from r; name is the file's name in
// errors.
func ReadStanceBodies(r io.Reader, name string) (StanceBodies, error) {
	bodies := StanceBodies{}
	err := stanceEachLine(r, name, func(line int, b []byte) error {
		var w struct {
			ArticleID json.RawMessage `json:"article_id"`
			Text      *string         `json:"text"`
		}
		if err := json.Unmarshal(b, &w); err != nil {
			return fmt.Errorf("bad JSON: %w", err)
		}
		id, err := stanceID(w.ArticleID)
		if err != nil || id == "" {
			return fmt.Errorf("body without a valid \"article_id\"")
		}
		if w.Text == nil {
			return fmt.Errorf("body %s has no \"text\"", id)
		}
		if _, dup := bodies[id]; dup {
			return fmt.Errorf("body %s given twice", id)
		}
		bodies[id] = *w.Text
		return nil
	})
	if err != nil {
		return nil, err
	}
	return bodies, nil
}

// StanceBodiesPath is the bodies file that goes with an FNC-1 pairs file:
// X.pairs.jsonl → X.bodies.jsonl; "" when path does not end in
// .pairs.jsonl.
func StanceBodiesPath(path string) string {
	const suf = ".pairs.jsonl"
	if !strings.HasSuffix(path, suf) {
		return ""
	}
	return strings.TrimSuffix(path, suf) + ".bodies.jsonl"
}

// LoadStancePairs reads the stance pairs of a JSON-lines file in any of
// the formats of the package's stance section, joining FNC-1 pairs that
// have no text with the bodies file beside it (see StanceBodiesPath).
// Errors name the file, the line and the problem; ids must be unique.
func LoadStancePairs(path string) ([]StancePair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("stance pairs: %w", err)
	}
	defer f.Close()
	var bodies StanceBodies
	var bodiesErr error
	lookup := func(id string) (string, error) {
		if bodies == nil && bodiesErr == nil {
			bp := StanceBodiesPath(path)
			if bp == "" {
				bodiesErr = fmt.Errorf("no \"text\", and %s is not a NAME.pairs.jsonl file with a NAME.bodies.jsonl beside it", path)
			} else {
				bodies, bodiesErr = LoadStanceBodies(bp)
			}
		}
		if bodiesErr != nil {
			return "", bodiesErr
		}
		t, ok := bodies[id]
		if !ok {
			return "", fmt.Errorf("article_id %s not in %s", id, StanceBodiesPath(path))
		}
		return t, nil
	}
	return ReadStancePairs(f, path, lookup)
}

// ReadStancePairs reads stance pairs from r; name is the file's name in
// errors and in StancePair.File. body, which may be nil, gives the text of
// an FNC-1 article_id for pairs without "text". Ids must be unique.
func ReadStancePairs(r io.Reader, name string, body func(articleID string) (string, error)) ([]StancePair, error) {
	var out []StancePair
	seen := map[string]int{}
	err := stanceEachLine(r, name, func(line int, b []byte) error {
		ps, err := ParseStanceLine(b, body)
		if err != nil {
			return err
		}
		for i := range ps {
			if ps[i].ID == "" {
				ps[i].ID = fmt.Sprintf("%s:%d", name, line)
				if len(ps) > 1 {
					ps[i].ID += fmt.Sprintf(":%d", i+1)
				}
			}
			if l, dup := seen[ps[i].ID]; dup {
				return fmt.Errorf("id %q already used on line %d", ps[i].ID, l)
			}
			seen[ps[i].ID] = line
			ps[i].File, ps[i].Line = name, line
		}
		out = append(out, ps...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// stanceEachLine calls fn on each non-blank line of r, prefixing its
// error with name:line.
func stanceEachLine(r io.Reader, name string, fn func(line int, b []byte) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		b, rerr := br.ReadBytes('\n')
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return fmt.Errorf("%s:%d: read: %w", name, line, rerr)
		}
		if len(bytes.TrimSpace(b)) > 0 {
			if err := fn(line, b); err != nil {
				return fmt.Errorf("%s:%d: %w", name, line, err)
			}
		}
		if rerr != nil {
			return nil
		}
	}
}

// ParseStanceLine parses one line of a stance file into its pairs (one,
// or one per article of an Emergent claim), without File and Line and,
// for a line without an id, without ID. body, which may be nil, gives the
// text of an FNC-1 article_id for a pair without "text".
func ParseStanceLine(b []byte, body func(articleID string) (string, error)) ([]StancePair, error) {
	var w stanceLineJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return nil, fmt.Errorf("bad JSON: %w", err)
	}
	if w.Claim == nil {
		return nil, errors.New("no \"claim\"")
	}
	if w.Articles != nil {
		return stanceEmergent(w)
	}
	id := ""
	if w.ID != nil {
		id = *w.ID
	}
	p := StancePair{ID: id, Claim: *w.Claim}
	articleID, err := stanceID(w.ArticleID)
	if err != nil {
		return nil, fmt.Errorf("pair %q: %w", id, err)
	}
	dataset := StanceOwn
	if articleID != "" {
		dataset = StanceFNC
	}
	if w.Stance != nil {
		l, ok := stanceLabels[strings.ToLower(strings.TrimSpace(*w.Stance))]
		if !ok {
			return nil, fmt.Errorf("pair %q: unknown stance %q", id, *w.Stance)
		}
		switch {
		case l.dataset == StanceFNC:
			dataset = StanceFNC
		case l.dataset != "" && l.dataset != dataset:
			return nil, fmt.Errorf("pair %q: stance %q is not in the %s vocabulary", id, *w.Stance, stanceVocabulary(dataset))
		}
		p.Gold = l.stance
	}
	p.Dataset = dataset
	switch {
	case w.Text != nil:
		p.Text = *w.Text
	case dataset == StanceFNC && articleID != "" && body != nil:
		t, err := body(articleID)
		if err != nil {
			return nil, fmt.Errorf("pair %q: %w", id, err)
		}
		p.Text = t
	case dataset == StanceFNC && articleID != "":
		return nil, fmt.Errorf("pair %q: no \"text\" and no bodies to join article_id %s with", id, articleID)
	default:
		return nil, fmt.Errorf("pair %q: no \"text\"", id)
	}
	return []StancePair{p}, nil
}

// stanceVocabulary names the stance labels of a dataset, for errors.
func stanceVocabulary(dataset string) string {
	switch dataset {
	case StanceFNC:
		return "FNC-1 (agree, disagree, discuss, unrelated)"
	case StanceEmergent:
		return "Emergent (for, against, observing)"
	}
	return "pairs (confirms, denies, reports, asserts, unrelated)"
}

// stanceEmergent turns an Emergent claim line into one pair per article.
func stanceEmergent(w stanceLineJSON) ([]StancePair, error) {
	var out []StancePair
	for i, a := range *w.Articles {
		id, err := stanceID(a.ArticleID)
		if err != nil || id == "" {
			return nil, fmt.Errorf("article %d: no valid \"article_id\"", i+1)
		}
		if a.Headline == nil {
			return nil, fmt.Errorf("article %s: no \"headline\"", id)
		}
		p := StancePair{ID: id, Claim: *w.Claim, Text: *a.Headline, Dataset: StanceEmergent}
		if a.Stance != nil {
			l, ok := stanceLabels[strings.ToLower(strings.TrimSpace(*a.Stance))]
			if !ok || l.dataset != StanceEmergent {
				return nil, fmt.Errorf("article %s: stance %q is not in the %s vocabulary", id, *a.Stance, stanceVocabulary(StanceEmergent))
			}
			p.Gold = l.stance
		}
		out = append(out, p)
	}
	return out, nil
}

// stanceID reads an id given as a JSON string or number; "" when absent
// or null.
func stanceID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", fmt.Errorf("article_id %s is neither a string nor a number", stanceClip(string(raw)))
}

// stanceClip shortens s to at most 40 bytes for an error message.
func stanceClip(s string) string {
	if len(s) <= 40 {
		return s
	}
	return strings.ToValidUTF8(s[:40], "") + "…"
}

// StanceHalf puts a claim in half 0 or 1 by a hash of its exact text, so
// that all pairs of one claim fall in the same half.
func StanceHalf(claim string) int {
	h := sha1.Sum([]byte(claim))
	return int(h[0] & 1)
}

// StanceClass is the score of one class.
type StanceClass struct {
	Stance quotes.Stance `json:"stance"`
	// Gold is the number of gold pairs of the class, Predicted the pairs
	// predicted as it and Right the pairs both.
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Right     int     `json:"right"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// StanceFNCScore is the official FNC-1 score.
type StanceFNCScore struct {
	Score float64 `json:"score"`
	Max   float64 `json:"max"`
	// Relative is 100 × Score / Max (0 when Max is).
	Relative float64 `json:"relative"`
}

// StanceReport is the score of stance predictions on gold pairs.
type StanceReport struct {
	// N is the number of pairs with a gold stance, Right those predicted
	// right and Missing those without a prediction.
	N        int     `json:"n"`
	Right    int     `json:"right"`
	Missing  int     `json:"missing"`
	Accuracy float64 `json:"accuracy"`
	// Classes holds the classes present in the gold, in the order
	// confirms, denies, reports, unrelated, asserts.
	Classes []StanceClass `json:"classes"`
	// MacroF1 is the mean F1 of Classes.
	MacroF1 float64 `json:"macro_f1"`
	// FNC is the official FNC-1 score; nil unless the gold has unrelated
	// pairs or comes from FNC-1.
	FNC *StanceFNCScore `json:"fnc,omitempty"`
	// Labels names the rows (gold) and columns (prediction) of Confusion;
	// the last column, "(none)", counts missing predictions.
	Labels    []string `json:"labels"`
	Confusion [][]int  `json:"confusion"`
}

// stanceOrder is the order of classes in reports.
var stanceOrder = []quotes.Stance{quotes.StanceConfirms, quotes.StanceDenies, quotes.StanceReports, quotes.StanceUnrelated, quotes.StanceAsserts}

// stanceRelated reports whether a stance says the text bears on the claim.
func stanceRelated(s quotes.Stance) bool {
	switch s {
	case quotes.StanceConfirms, quotes.StanceDenies, quotes.StanceReports, quotes.StanceAsserts:
		return true
	}
	return false
}

// ScoreStance scores preds (by pair id) against the gold stances of
// pairs; pairs without a gold stance are left out, and a pair without a
// prediction counts as wrong.
func ScoreStance(pairs []StancePair, preds map[string]quotes.Stance) StanceReport {
	var r StanceReport
	goldN := map[quotes.Stance]int{}
	predN := map[quotes.Stance]int{}
	rightN := map[quotes.Stance]int{}
	type cell struct{ g, p quotes.Stance }
	conf := map[cell]int{}
	fnc := false
	var score, maxScore float64
	for _, p := range pairs {
		if p.Gold == "" {
			continue
		}
		r.N++
		g := p.Gold
		pr, ok := preds[p.ID]
		goldN[g]++
		if p.Dataset == StanceFNC || g == quotes.StanceUnrelated {
			fnc = true
		}
		if stanceRelated(g) {
			maxScore++
		} else {
			maxScore += 0.25
		}
		if !ok {
			r.Missing++
			conf[cell{g, ""}]++
			continue
		}
		predN[pr]++
		conf[cell{g, pr}]++
		if pr == g {
			r.Right++
			rightN[g]++
			score += 0.25
			if stanceRelated(g) {
				score += 0.75
			}
		} else if stanceRelated(g) && stanceRelated(pr) {
			score += 0.25
		}
	}
	r.Accuracy = stanceRatio(r.Right, r.N)
	for _, s := range stanceOrder {
		if goldN[s] == 0 {
			continue
		}
		c := StanceClass{Stance: s, Gold: goldN[s], Predicted: predN[s], Right: rightN[s]}
		c.Precision = stanceRatio(c.Right, c.Predicted)
		c.Recall = stanceRatio(c.Right, c.Gold)
		if c.Precision+c.Recall > 0 {
			c.F1 = 2 * c.Precision * c.Recall / (c.Precision + c.Recall)
		}
		r.Classes = append(r.Classes, c)
		r.MacroF1 += c.F1
	}
	if len(r.Classes) > 0 {
		r.MacroF1 /= float64(len(r.Classes))
	}
	if fnc {
		r.FNC = &StanceFNCScore{Score: score, Max: maxScore}
		if maxScore > 0 {
			r.FNC.Relative = 100 * score / maxScore
		}
	}
	// Confusion: the known stances that occur, then any other predicted
	// label in name order, then (none).
	var labels []quotes.Stance
	for _, s := range stanceOrder {
		if goldN[s] > 0 || predN[s] > 0 {
			labels = append(labels, s)
		}
	}
	var other []string
	for s := range predN {
		if !s.Valid() {
			other = append(other, string(s))
		}
	}
	sort.Strings(other)
	for _, s := range other {
		labels = append(labels, quotes.Stance(s))
	}
	for _, s := range labels {
		r.Labels = append(r.Labels, string(s))
	}
	r.Labels = append(r.Labels, "(none)")
	for _, g := range labels {
		row := make([]int, 0, len(labels)+1)
		for _, p := range labels {
			row = append(row, conf[cell{g, p}])
		}
		row = append(row, conf[cell{g, ""}])
		r.Confusion = append(r.Confusion, row)
	}
	return r
}

// stanceRatio is a/b, or 0 when b is 0.
func stanceRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// String prints the report as a text table: the overall figures, one row
// per class and the confusion matrix (rows gold, columns predicted).
func (r StanceReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "pairs %d  accuracy %.4f (%d right, %d without prediction)  macro-F1 %.4f (%d classes)\n",
		r.N, r.Accuracy, r.Right, r.Missing, r.MacroF1, len(r.Classes))
	if r.FNC != nil {
		fmt.Fprintf(&b, "FNC-1 score %.2f%% (%.2f / %.2f)\n", r.FNC.Relative, r.FNC.Score, r.FNC.Max)
	}
	fmt.Fprintf(&b, "\n%-10s %7s %9s %7s %9s %7s %7s\n", "class", "gold", "predicted", "right", "precision", "recall", "F1")
	for _, c := range r.Classes {
		fmt.Fprintf(&b, "%-10s %7d %9d %7d %9.4f %7.4f %7.4f\n", c.Stance, c.Gold, c.Predicted, c.Right, c.Precision, c.Recall, c.F1)
	}
	w := 9
	for _, l := range r.Labels {
		w = max(w, len(l)+1)
	}
	const corner = "gold \\ predicted"
	first := len(corner)
	fmt.Fprintf(&b, "\n%-*s", first, corner)
	for _, l := range r.Labels {
		fmt.Fprintf(&b, " %*s", w, l)
	}
	b.WriteByte('\n')
	for i, row := range r.Confusion {
		fmt.Fprintf(&b, "%-*s", first, r.Labels[i])
		for _, n := range row {
			fmt.Fprintf(&b, " %*d", w, n)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// ClassifyStancePairs classifies each pair's text toward its claim with a
// claims.PairCorpus built over the pairs' distinct claims and texts (word
// weights only; no label is read). With related, every pair is taken to
// bear on its claim and the reading is three-way (Emergent, which has no
// unrelated pairs); otherwise four-way.
func ClassifyStancePairs(ps []StancePair, related bool) map[string]quotes.Stance {
	var texts []string
	seen := map[string]bool{}
	for _, p := range ps {
		for _, s := range []string{p.Claim, p.Text} {
			if !seen[s] {
				seen[s] = true
				texts = append(texts, s)
			}
		}
	}
	c := claims.NewPairCorpus(texts)
	preds := make(map[string]quotes.Stance, len(ps))
	for _, p := range ps {
		if related {
			preds[p.ID] = c.StanceRelated(p.Claim, p.Text)
		} else {
			preds[p.ID] = c.Stance(p.Claim, p.Text)
		}
	}
	return preds
}
