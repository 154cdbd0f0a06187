package extract

import (
	"os"
	"testing"
)

func TestZZUnits(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("DBG"))
	d := extractor(t).analyze(string(b))
	for _, u := range d.units {
		t.Logf("UNIT %q", d.text[u.s:u.e])
	}
}

func TestZZAttr(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("DBG"))
	d := extractor(t).analyze(string(b))
	for qi := range d.quotes {
		s, c, ok := d.attributionBefore(qi)
		t.Logf("Q %d %q before=%v %v %v", qi, d.text[d.quotes[qi].s:d.quotes[qi].e], s, c, ok)
	}
	for _, f := range d.found {
		t.Logf("F %q %s", d.text[f.s:f.e], f.speaker)
	}
}

func TestZZToks(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("DBG"))
	d := extractor(t).analyze(string(b))
	for k, tk := range d.toks {
		t.Logf("T %d %q unit=%d q=%d cue=%v", k, tk.t, tk.unit, tk.q, d.cueAt(k))
	}
}

func TestZZSubj(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("DBG"))
	d := extractor(t).analyze(string(b))
	for k, tk := range d.toks {
		if d.cueAt(k) {
			lo, _ := d.unitBounds(k)
			t.Logf("CUE %q subj=%v used=%v", tk.t, d.subjectBefore(k, lo), d.cueUsed[k])
		}
	}
}
