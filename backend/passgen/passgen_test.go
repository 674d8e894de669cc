package passgen

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

func TestPasswordHasEverySelectedSet(t *testing.T) {
	o := Options{Length: 12, Lower: true, Upper: true, Digits: true, Symbols: true}
	for range 200 {
		g, err := Generate(o)
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Password) != 12 {
			t.Fatalf("length %d, want 12", len(g.Password))
		}
		for _, set := range []string{Lower, Upper, Digits, Symbols} {
			if !strings.ContainsAny(g.Password, set) {
				t.Fatalf("%q has nothing from %q", g.Password, set)
			}
		}
	}
}

func TestPasswordUsesOnlySelectedSets(t *testing.T) {
	g, err := Generate(Options{Length: 64, Digits: true})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Trim(g.Password, Digits) != "" {
		t.Fatalf("%q has characters other than digits", g.Password)
	}
	if g.Strength.Bits != 192 { // 64 * log2(8)
		t.Fatalf("bits = %d, want 192", g.Strength.Bits)
	}
}

func TestPasswordsDiffer(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		g, _ := Generate(Defaults())
		if seen[g.Password] {
			t.Fatalf("%q generated twice", g.Password)
		}
		seen[g.Password] = true
	}
}

func TestBadOptions(t *testing.T) {
	if _, err := Generate(Options{Length: 20}); !errors.Is(err, ErrNoCharacters) {
		t.Fatalf("no sets: err = %v", err)
	}
	for _, o := range []Options{{Length: 3, Lower: true}, {Length: 129, Lower: true}, {Words: 2}, {Words: 13}} {
		if _, err := Generate(o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

func TestPassphrase(t *testing.T) {
	g, err := Generate(Options{Words: 6, Separator: "."})
	if err != nil {
		t.Fatal(err)
	}
	ws := strings.Split(g.Password, ".")
	if len(ws) != 6 {
		t.Fatalf("%q: %d words, want 6", g.Password, len(ws))
	}
	if g.Strength.Score < 2 {
		t.Fatalf("6 words rated %+v", g.Strength)
	}
}

func TestWordList(t *testing.T) {
	if len(wordList) < 512 {
		t.Fatalf("%d words; want at least 512 for 9 bits a word", len(wordList))
	}
	seen := map[string]bool{}
	for _, w := range wordList {
		if seen[w] {
			t.Errorf("%q is listed twice", w)
		}
		seen[w] = true
		if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" || len(w) > 8 {
			t.Errorf("%q is not a short lower-case word", w)
		}
	}
}

func TestEstimate(t *testing.T) {
	for _, c := range []struct {
		pw       string
		min, max int
	}{
		{"", 0, 0},
		{"aaaaaaaaaaaa", 0, 0},
		{"password1234", 0, 1},
		{"abcdefgh", 0, 0},
		{"correct-horse-battery", 2, 4},
		{"T7#kq!9vZ@m2Lp$w", 3, 4},
		{strings.Repeat("x", 10240), 0, 0}, // the old estimate called this "Very strong, 10243 bits"
		{strings.Repeat("password", 1000), 0, 0},
	} {
		if s := Estimate(c.pw); s.Score < c.min || s.Score > c.max || s.Label != labels[s.Score] {
			t.Errorf("Estimate(%q) = %+v, want score %d..%d", c.pw, s, c.min, c.max)
		}
	}
}

// A long password is rated on its first EstimateLimit characters, so a
// random tail can't make it weaker and a repeated one can't make it stronger.
func TestEstimateBoundsLength(t *testing.T) {
	strong := "T7#kq!9vZ@m2Lp$wT7#kq!9vZ@m2Lp$w-Xq83&zL"
	long := Estimate(strong + strings.Repeat("é", 5000))
	if long != Estimate(bounded(strong+strings.Repeat("é", 5000))) || long.Score < 3 {
		t.Errorf("long strong password = %+v", long)
	}
	if got := len([]rune(bounded(strings.Repeat("é", 100)))); got != EstimateLimit {
		t.Errorf("bounded kept %d runes, want %d", got, EstimateLimit)
	}
	if s := Estimate("\xff\xfe"); s.Score != 0 {
		t.Errorf("invalid UTF-8 rated %+v", s)
	}
}

// BenchmarkEstimate measures the meter's cost per keystroke at the length
// bound and beyond it (where only the bound's worth is looked at).
func BenchmarkEstimate(b *testing.B) {
	for _, n := range []int{16, EstimateLimit, 10240} {
		pw := strings.Repeat("aB3$x", n/5+1)[:n]
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				Estimate(pw)
			}
		})
	}
}

// FuzzEstimate: any input, valid UTF-8 or not, gets a score in range, a
// label that matches it, and bits that are not negative.
func FuzzEstimate(f *testing.F) {
	for _, s := range []string{"", "password", "T7#kq!9vZ@m2Lp$w", "\xff", strings.Repeat("ab", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, pw string) {
		s := Estimate(pw)
		if s.Score < 0 || s.Score > 4 || s.Label != labels[s.Score] || s.Bits < 0 {
			t.Fatalf("Estimate(%q) = %+v", pw, s)
		}
	})
}
