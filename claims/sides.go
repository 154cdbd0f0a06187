package claims

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	quotes "github.com/quotesproject/quotes"
)

// Sides ties speakers to the side they stand for. It reads the words of a
// speaker's role ("Mexican President", "a Democratic senator"), the
// speaker's own name ("the White House") and the organisation a role names
// ("spokesperson for Acme Corp"), and normalises them with an alias table:
// "U.S.", "United States", "American" and "White House" are all the side
// "United States".
//
// A Sides is read-only once built and safe for concurrent use.
type Sides struct {
	// alias maps a lower-case alias, one or more words long, to its side.
	alias map[string]string
	// longest is the most words an alias has.
	longest int
	// within maps a side to the side it is part of: a party to its
	// country (see Opposed).
	within map[string]string
}

// WithinPrefix marks an entry of an alias list that is no alias but the
// side the listed side is part of: {"Liberal Democrats": ["lib dems",
// "within:United Kingdom"]}. A party and its country's government are
// kept apart, but they are not two sides of a claim.
const WithinPrefix = "within:"

// buildVersion names the way claims are grouped and judged; it changes
// when a change to them would give other claims from the same statements.
const buildVersion = "15"

// defaultWithin places the default parties in their countries.
var defaultWithin = map[string]string{
	"Democrats": "United States", "Republicans": "United States",
	"Labour": "United Kingdom", "Conservatives": "United Kingdom",
	"Morena": "Mexico", "PAN": "Mexico", "PRI": "Mexico",
}

// defaultAliases are the sides known out of the box: countries with their
// adjectives, demonyms and seats of government, and the main parties of a
// few democracies. Users extend them with LoadAliases.
var defaultAliases = map[string][]string{
	"United States":  {"united states", "u.s.", "us", "usa", "u.s.a.", "american", "americans", "america", "white house", "washington", "pentagon", "state department", "trump administration", "biden administration"},
	"Mexico":         {"mexico", "mexican", "mexicans", "mexico city", "méxico"},
	"Canada":         {"canada", "canadian", "canadians", "ottawa"},
	"United Kingdom": {"united kingdom", "u.k.", "uk", "britain", "british", "great britain", "downing street", "whitehall", "england", "english"},
	"China":          {"china", "chinese", "beijing", "prc"},
	"Russia":         {"russia", "russian", "russians", "kremlin", "moscow"},
	"Ukraine":        {"ukraine", "ukrainian", "ukrainians", "kyiv", "kiev"},
	"Israel":         {"israel", "israeli", "israelis"},
	"Palestinians":   {"palestinian", "palestinians", "palestine", "hamas", "palestinian authority"},
	"Iran":           {"iran", "iranian", "iranians", "tehran"},
	"India":          {"india", "indian", "new delhi"},
	"Pakistan":       {"pakistan", "pakistani", "islamabad"},
	"France":         {"france", "french", "élysée", "elysee", "paris"},
	"Germany":        {"germany", "german", "berlin"},
	"Japan":          {"japan", "japanese", "tokyo"},
	"South Korea":    {"south korea", "south korean", "seoul"},
	"North Korea":    {"north korea", "north korean", "pyongyang"},
	"Brazil":         {"brazil", "brazilian", "brasília", "brasilia"},
	"Argentina":      {"argentina", "argentine", "argentinian"},
	"Colombia":       {"colombia", "colombian"},
	"Venezuela":      {"venezuela", "venezuelan"},
	"Cuba":           {"cuba", "cuban"},
	"Spain":          {"spain", "spanish", "madrid"},
	"Italy":          {"italy", "italian", "rome"},
	"Turkey":         {"turkey", "turkish", "ankara"},
	"Saudi Arabia":   {"saudi arabia", "saudi", "saudis", "riyadh"},
	"Egypt":          {"egypt", "egyptian", "cairo"},
	"South Africa":   {"south africa", "south african", "pretoria"},
	"Nigeria":        {"nigeria", "nigerian", "abuja"},
	"Australia":      {"australia", "australian", "canberra"},
	"European Union": {"european union", "eu", "e.u.", "european commission", "brussels"},
	"United Nations": {"united nations", "u.n.", "un"},
	"NATO":           {"nato"},
	"Taiwan":         {"taiwan", "taiwanese", "taipei"},
	"Democrats":      {"democrat", "democrats", "democratic"},
	"Republicans":    {"republican", "republicans", "gop"},
	"Labour":         {"labour", "labour party"},
	"Conservatives":  {"conservative party", "tory", "tories"},
	"Morena":         {"morena"},
	"PAN":            {"pan", "national action party"},
	"PRI":            {"pri", "institutional revolutionary party"},
}

// NewSides returns the sides of the default alias table, extended (and
// overridden alias by alias) by each of extra.
func NewSides(extra ...map[string][]string) *Sides {
	s := &Sides{alias: map[string]string{}, within: map[string]string{}}
	for side, in := range defaultWithin {
		s.within[side] = in
	}
	add := func(m map[string][]string) {
		names := make([]string, 0, len(m))
		for side := range m {
			names = append(names, side)
		}
		sort.Strings(names) // an alias listed twice goes to the last side by name
		for _, side := range names {
			s.add(side, side)
			for _, a := range m[side] {
				if in, ok := strings.CutPrefix(a, WithinPrefix); ok {
					s.within[side] = strings.TrimSpace(in)
					continue
				}
				s.add(a, side)
			}
		}
	}
	add(defaultAliases)
	for _, m := range extra {
		add(m)
	}
	return s
}

func (s *Sides) add(alias, side string) {
	key := aliasKey(alias)
	if key == "" {
		return
	}
	s.alias[key] = side
	if n := len(strings.Fields(key)); n > s.longest {
		s.longest = n
	}
}

// aliasKey is the form aliases are compared in: lower case, words joined
// by one space, with "u.s." kept apart from "us".
func aliasKey(a string) string {
	ws := words(a)
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.lower
	}
	return strings.Join(parts, " ")
}

// LoadAliases reads a user's alias table: a JSON object mapping a side to
// the words that name it, {"Acme Corp": ["acme", "acme corporation"]}.
func LoadAliases(r io.Reader) (map[string][]string, error) {
	var m map[string][]string
	dec := json.NewDecoder(r)
	if err := dec.Decode(&m); err != nil {
		return nil, quotes.Errorf(quotes.EINVALID, "alias table: want a JSON object of side → list of aliases: %v", err)
	}
	if dec.More() {
		return nil, quotes.Errorf(quotes.EINVALID, "alias table: text after the JSON object")
	}
	for side, as := range m {
		if strings.TrimSpace(side) == "" {
			return nil, quotes.Errorf(quotes.EINVALID, "alias table: a side with an empty name")
		}
		for i, a := range as {
			if in, ok := strings.CutPrefix(a, WithinPrefix); ok {
				if strings.TrimSpace(in) == "" {
					return nil, quotes.Errorf(quotes.EINVALID, "alias table: side %q: entry %d names no side after %q", side, i+1, WithinPrefix)
				}
				continue
			}
			if aliasKey(a) == "" {
				return nil, quotes.Errorf(quotes.EINVALID, "alias table: side %q: alias %d (%q) has no words", side, i+1, a)
			}
		}
	}
	return m, nil
}

// Known reports whether a side is in the table (a country, a party, or
// one the user's table adds), not one read off a role or a name.
func (s *Sides) Known(side string) bool {
	for _, v := range s.alias {
		if v == side {
			return true
		}
	}
	return false
}

// Opposed reports whether two sides can be the two sides of a claim:
// they differ and neither is part of the other (Democrats are part of the
// United States; Democrats and Republicans are opposed).
func (s *Sides) Opposed(a, b string) bool {
	return a != b && !s.partOf(a, b) && !s.partOf(b, a)
}

// partOf reports whether side a is within side b, directly or not.
func (s *Sides) partOf(a, b string) bool {
	for range 8 { // a chain of parts is short; a loop in a user's table ends
		in, ok := s.within[a]
		if !ok {
			return false
		}
		if in == b {
			return true
		}
		a = in
	}
	return false
}

// Find returns the side named in text, the first alias found reading left
// to right and preferring the longest alias at each word, or "" when text
// names none.
func (s *Sides) Find(text string) string {
	found := s.All(text, 1)
	if len(found) == 0 {
		return ""
	}
	return found[0]
}

// All returns the distinct sides named in text, in order, up to max of
// them (max <= 0 means all).
func (s *Sides) All(text string, max int) []string {
	ws := words(text)
	var out []string
	seen := map[string]bool{}
	for i := 0; i < len(ws); i++ {
		for n := min(s.longest, len(ws)-i); n >= 1; n-- {
			key := joinLower(ws[i : i+n])
			side, ok := s.alias[key]
			if !ok || ambiguousAlias(key, ws[i:i+n]) {
				continue
			}
			if n == 1 && partOfName(ws, i+1, s) {
				// "Britain First", "German Ortega": a name that holds
				// a country's word is not that country.
				break
			}
			if !seen[side] {
				seen[side] = true
				out = append(out, side)
				if max > 0 && len(out) == max {
					return out
				}
			}
			i += n - 1
			break
		}
	}
	return out
}

// partOfName reports whether the capitalised words from ws[next] carry
// on a name that a one-word alias opens ("Britain First", "German
// Ortega"): they are in the same clause, none is a title ("Canadian
// Trade Minister") or a body of a state ("U.S. Army"), and they do not
// open another alias ("US Democrats").
func partOfName(ws []word, next int, s *Sides) bool {
	if next >= len(ws) || !ws[next].cap || ws[next].brk {
		return false
	}
	for n := min(s.longest, len(ws)-next); n >= 1; n-- {
		if _, ok := s.alias[joinLower(ws[next:next+n])]; ok {
			return false
		}
	}
	for j := next; j < len(ws) && ws[j].cap && (j == next || !ws[j].brk); j++ {
		if titleWords[ws[j].lower] || stateBodies[ws[j].lower] {
			return false
		}
	}
	return true
}

// stateBodies are the capitalised words after a country's name that
// make a body of its state, not another name: "U.S. Army", "UK
// Treasury".
var stateBodies = setOf("army", "navy", "air", "force", "forces", "marines", "military", "troops", "senate",
	"congress", "parliament", "house", "government", "treasury", "embassy", "consulate", "department", "ministry",
	"foreign", "defence", "defense", "home", "office", "officials", "official", "court", "supreme", "federal",
	"central", "police", "intelligence", "cabinet", "administration", "authorities", "state", "states", "justice",
	"attorney", "coast", "guard", "border", "customs", "navy's", "army's", "government's")

// ambiguousAlias reports whether a one-word alias that is also a common
// word is written in lower case: "us", "un", "pan" and "eu" only name a
// side in capitals.
func ambiguousAlias(key string, ws []word) bool {
	if len(ws) != 1 {
		return false
	}
	return ambiguousWords[key] && !ws[0].cap
}

// ambiguousWords are one-word aliases that are also common words: they
// name a side only when capitalised.
var ambiguousWords = setOf("us", "un", "pan", "eu", "pri", "democratic", "conservative", "labour", "english",
	"french", "turkey", "china", "rome", "paris", "berlin")

func joinLower(ws []word) string {
	if len(ws) == 1 {
		return ws[0].lower
	}
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.lower)
	}
	return b.String()
}

// Fingerprint identifies the table: two tables with the same aliases for
// the same sides have the same fingerprint. A store keeps it with the
// claims it built, to know when they were built with another table.
//
// It holds the version of the way claims are built too, so that claims
// stored by an older build are built again.
func (s *Sides) Fingerprint() string {
	lines := make([]string, 0, len(s.alias)+len(s.within)+1)
	for a, side := range s.alias {
		lines = append(lines, a+"\t"+side)
	}
	for side, in := range s.within {
		lines = append(lines, WithinPrefix+side+"\t"+in)
	}
	lines = append(lines, "\x00build\t"+buildVersion)
	slices.Sort(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:8])
}

// Of returns the side of a speaker with the given name and role: the side
// the role names, else the one the name itself names ("White House"),
// else the organisation the role is a spokesperson, member or employee of
// ("spokesperson for Acme Corp" → "Acme Corp"). It returns "" for news
// outlets, which report rather than take sides.
func (s *Sides) Of(speaker, role string) string {
	if IsMedia(speaker) {
		return ""
	}
	if side := s.narrowest(s.All(role, 0)); side != "" {
		return side
	}
	if side := s.Find(speaker); side != "" {
		return side
	}
	if org := orgOfRole(role); org != "" {
		return org
	}
	if IsOrganization(speaker) {
		return speaker // a company or body speaks for itself
	}
	return ""
}

// narrowest returns the first of the sides a role names that no other of
// them is part of: the party of "U.S. Senate Democratic Leader", not its
// country.
func (s *Sides) narrowest(sides []string) string {
	for _, a := range sides {
		if !slices.ContainsFunc(sides, func(b string) bool { return s.partOf(b, a) }) {
			return a
		}
	}
	return ""
}

// orgWords end the names of companies, parties and public bodies.
var orgWords = setOf("corp", "corporation", "inc", "ltd", "llc", "plc", "group", "company", "co", "shipping",
	"airways", "airlines", "air", "bank", "holdings", "industries", "motors", "systems", "technologies",
	"party", "ministry", "department", "agency", "commission", "council", "union", "association", "federation",
	"institute", "foundation", "university", "committee", "authority", "administration", "government", "office")

// IsOrganization reports whether a speaker's name is that of an
// organisation: capitalised and ending in a word such as "Corp",
// "Shipping", "Ministry" or "Party" ("Skarvik Shipping").
func IsOrganization(name string) bool {
	ws := words(name)
	if len(ws) < 2 || !ws[0].cap {
		return false
	}
	last := ws[len(ws)-1]
	return last.cap && orgWords[last.lower]
}

// orgOfRole returns the capitalised organisation after "for", "of" or
// "at" in a role, or "" (also when it ends in a word in lower case, a
// name cut short).
func orgOfRole(role string) string {
	for _, p := range []string{" for ", " of ", " at "} {
		i := strings.LastIndex(role, p)
		if i < 0 {
			continue
		}
		org := strings.TrimSpace(role[i+len(p):])
		org = strings.TrimPrefix(org, "the ")
		ws := words(org)
		// A name begins and ends with a capital: "House of
		// Representatives Ways and" is a name cut short.
		if org != "" && org[0] >= 'A' && org[0] <= 'Z' && len(ws) > 0 && ws[len(ws)-1].cap {
			return org
		}
	}
	return ""
}

// mediaWords are words that make a speaker a news outlet or an unnamed
// source: a third party that reports rather than takes a side.
var mediaWords = map[string]bool{
	"journal": true, "times": true, "post": true, "news": true, "newspaper": true, "daily": true,
	"herald": true, "tribune": true, "gazette": true, "reuters": true, "ap": true, "associated": true,
	"bbc": true, "cnn": true, "fox": true, "ledger": true, "telegraph": true, "guardian": true,
	"bloomberg": true, "agency": true, "wire": true, "magazine": true, "tv": true, "radio": true,
	"report": true, "reports": true, "sources": true, "source": true, "media": true, "press": true,
	"wsj": true, "nyt": true, "afp": true, "npr": true, "abc": true, "cbs": true, "nbc": true,
	"politico": true, "axios": true, "chronicle": true, "observer": true, "independent": true,
	"economist": true, "reporters": true, "insider": true, "outlet": true, "broadcaster": true,
}

// IsMedia reports whether a speaker is a news outlet, a report or an
// unnamed source ("The Wall Street Journal", "people familiar with the
// talks").
func IsMedia(speaker string) bool {
	for _, w := range words(speaker) {
		if mediaWords[w.lower] {
			return true
		}
	}
	l := strings.ToLower(speaker)
	return strings.Contains(l, "familiar with") || strings.Contains(l, "unnamed") || strings.Contains(l, "anonymous")
}

// unnamedOpeners open a description of an unnamed source: "a U.S.
// official", "two people familiar with", "senior administration
// officials".
var unnamedOpeners = setOf("a", "an", "one", "two", "three", "four", "several", "some", "many", "senior", "other",
	"the", "people", "officials", "sources")

// unnamedHeads are what an unnamed source is.
var unnamedHeads = setOf("official", "officials", "person", "people", "source", "sources", "aide", "aides", "insider",
	"insiders", "diplomat", "diplomats", "staffer", "staffers", "executive", "executives")

// Unnamed reports whether a speaker is a source the article does not
// name ("a U.S. official", "the person close to the matter", "senior
// administration officials"): what they say is relayed, a report.
func Unnamed(speaker string) bool {
	ws := words(speaker)
	if len(ws) == 0 || !unnamedOpeners[ws[0].lower] {
		return false
	}
	if ws[0].lower == "the" && len(ws) > 1 && ws[1].cap && !unnamedHeads[ws[1].lower] {
		return false // "the White House"
	}
	for _, w := range ws {
		if unnamedHeads[w.lower] {
			return true
		}
	}
	return false
}

// String describes the table for logs: how many aliases for how many sides.
func (s *Sides) String() string {
	sides := map[string]bool{}
	for _, v := range s.alias {
		sides[v] = true
	}
	return fmt.Sprintf("%d aliases for %d sides", len(s.alias), len(sides))
}
