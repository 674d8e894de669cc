package passgen

import (
	"math"
	"strings"
	"unicode"
)

// Strength is an estimate of how hard a password is to guess.
type Strength struct {
	Bits  int    `json:"bits"`  // estimated entropy
	Score int    `json:"score"` // 0 very weak … 4 very strong
	Label string `json:"label"` // the score in words
}

var labels = [...]string{"Very weak", "Weak", "Fair", "Strong", "Very strong"}

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

// Estimate rates a password a person typed. It counts the character classes
// used, then discounts repeats, runs ("abcd", "1234") and words from the
// passphrase list, so "aaaaaaaaaaaa" and "password1234" rate as weak. It is
// a guide for the meter, not a cracking model.
func Estimate(pw string) Strength {
	if pw == "" {
		return rate(0)
	}
	pool := 0
	var lower, upper, digit, other bool
	for _, r := range pw {
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	for _, c := range []struct {
		on bool
		n  int
	}{{lower, 26}, {upper, 26}, {digit, 10}, {other, 33}} {
		if c.on {
			pool += c.n
		}
	}
	per := math.Log2(float64(pool))
	bits := 0.0
	rs := []rune(pw)
	for i, r := range rs {
		switch {
		case i > 0 && r == rs[i-1]:
			bits += 1 // a repeat adds almost nothing
		case i > 0 && (r == rs[i-1]+1 || r == rs[i-1]-1):
			bits += 2 // part of a run
		default:
			bits += per
		}
	}
	low := strings.ToLower(pw)
	for _, w := range common {
		if strings.Contains(low, w) {
			bits -= float64(len(w)) * per * 0.75
		}
	}
	return rate(math.Max(bits, 0))
}

// common are fragments that make a password much easier to guess.
var common = []string{"password", "passwort", "qwerty", "letmein", "welcome", "admin", "iloveyou", "monkey", "dragon", "secret", "login", "abc123", "111111", "123456", "azerty", "vaultbar"}
