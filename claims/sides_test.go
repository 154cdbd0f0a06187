package claims

import "testing"

// TestSidesNameHoldsCountry: a name that holds a country's word is not
// that country, while a title or a body of its state is.
func TestSidesNameHoldsCountry(t *testing.T) {
	s := NewSides()
	tests := []struct{ text, want string }{
		{"Britain First deputy leader", ""},
		{"German Ortega", ""},
		{"British Prime Minister", "United Kingdom"},
		{"Canadian Trade Minister", "Canada"},
		{"U.S. Army", "United States"},
		{"Britain", "United Kingdom"},
		{"anti-Muslim campaigner", ""},
	}
	for _, tt := range tests {
		if got := s.Find(tt.text); got != tt.want {
			t.Errorf("Find(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
