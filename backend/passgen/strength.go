package passgen

import (
	"math"

	"github.com/trustelem/zxcvbn"
)

// Strength is an estimate of how hard a password is to guess.
type Strength struct {
	Bits  int    `json:"bits"`  // log2 of the guesses needed
	Score int    `json:"score"` // 0 very weak … 4 very strong
	Label string `json:"label"` // the score in words
}

var labels = [...]string{"Very weak", "Weak", "Fair", "Strong", "Very strong"}

// rate turns the known entropy of a generated password into a Strength.
func rate(bits float64) Strength {
	score := 0
	switch {
	case bits >= 100:
		score = 4
	case bits >= 70:
		score = 3
	case bits >= 50:
		score = 2
	case bits >= 30:
		score = 1
	}
	return Strength{Bits: int(bits), Score: score, Label: labels[score]}
}

// EstimateLimit is how many characters of a password Estimate looks at.
// zxcvbn's matching grows faster than the square of the length (measured
// here: about 12 ms at 64 characters, 100 ms at 200, 8 s at 1,000; see
// BenchmarkEstimate), and the meter runs on every keystroke. A
// password longer than this is rated on its first EstimateLimit
// characters: the rest can only add strength, so the estimate errs low,
// never high, and 64 characters of anything guessable still rate weak.
const EstimateLimit = 64

// Estimate rates a password a person typed, with zxcvbn (dictionary words,
// keyboard patterns, repeats, sequences, dates, l33t): the one estimate
// both the app's meter and the CLI show. Bits is log2 of the guesses
// zxcvbn expects an attacker to need; Score and Label are zxcvbn's score.
func Estimate(pw string) Strength {
	if pw == "" {
		return Strength{Label: labels[0]}
	}
	r := zxcvbn.PasswordStrength(bounded(pw), nil)
	score := min(max(r.Score, 0), 4)
	return Strength{Bits: int(math.Log2(max(r.Guesses, 1))), Score: score, Label: labels[score]}
}

// bounded cuts pw to its first EstimateLimit runes.
func bounded(pw string) string {
	n := 0
	for i := range pw {
		if n == EstimateLimit {
			return pw[:i]
		}
		n++
	}
	return pw
}
