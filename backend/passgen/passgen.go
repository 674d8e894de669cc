package passgen

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
)

// Character sets a generated password may draw from. Look-alike characters
// (0/O, 1/l/I) are left out so a password can be read aloud and typed from
// another screen.
const (
	Lower   = "abcdefghijkmnopqrstuvwxyz"
	Upper   = "ABCDEFGHJKLMNPQRSTUVWXYZ"
	Digits  = "23456789"
	Symbols = "!#$%&*+-=?@^_~"
)

// Limits on what Options may ask for.
const (
	MinLength = 4
	MaxLength = 128
	MinWords  = 3
	MaxWords  = 12
)

// ErrNoCharacters is returned when Options select no character set.
var ErrNoCharacters = errors.New("choose at least one kind of character")

// Options say what to generate: Words > 0 asks for a passphrase of that
// many words joined by Separator; otherwise a password of Length characters
// drawn from the selected sets, with at least one from each.
type Options struct {
	Length    int    `json:"length"`
	Lower     bool   `json:"lower"`
	Upper     bool   `json:"upper"`
	Digits    bool   `json:"digits"`
	Symbols   bool   `json:"symbols"`
	Words     int    `json:"words"`
	Separator string `json:"separator"`
}

// Defaults is a 20-character password of letters, digits and symbols.
func Defaults() Options {
	return Options{Length: 20, Lower: true, Upper: true, Digits: true, Symbols: true, Words: 0, Separator: "-"}
}

// Generated is a password and its strength.
type Generated struct {
	Password string   `json:"password"`
	Strength Strength `json:"strength"`
}

// Generate makes a password or passphrase as o asks.
func Generate(o Options) (Generated, error) {
	var pw string
	var bits float64
	var err error
	if o.Words > 0 {
		pw, bits, err = phrase(o)
	} else {
		pw, bits, err = password(o)
	}
	if err != nil {
		return Generated{}, err
	}
	return Generated{Password: pw, Strength: rate(bits)}, nil
}

func password(o Options) (string, float64, error) {
	if o.Length < MinLength || o.Length > MaxLength {
		return "", 0, fmt.Errorf("length must be between %d and %d", MinLength, MaxLength)
	}
	var sets []string
	for _, s := range []struct {
		on  bool
		set string
	}{{o.Lower, Lower}, {o.Upper, Upper}, {o.Digits, Digits}, {o.Symbols, Symbols}} {
		if s.on {
			sets = append(sets, s.set)
		}
	}
	if len(sets) == 0 {
		return "", 0, ErrNoCharacters
	}
	all := strings.Join(sets, "")
	out := make([]byte, o.Length)
	// One character from each set, the rest from all of them, then a
	// shuffle so the required characters are not always first.
	for i := range out {
		set := all
		if i < len(sets) {
			set = sets[i]
		}
		out[i] = set[randInt(len(set))]
	}
	for i := len(out) - 1; i > 0; i-- {
		j := randInt(i + 1)
		out[i], out[j] = out[j], out[i]
	}
	return string(out), float64(o.Length) * math.Log2(float64(len(all))), nil
}

func phrase(o Options) (string, float64, error) {
	if o.Words < MinWords || o.Words > MaxWords {
		return "", 0, fmt.Errorf("a passphrase has between %d and %d words", MinWords, MaxWords)
	}
	ws := make([]string, o.Words)
	for i := range ws {
		ws[i] = wordList[randInt(len(wordList))]
	}
	return strings.Join(ws, o.Separator), float64(o.Words) * math.Log2(float64(len(wordList))), nil
}

// randInt returns a uniform integer in [0, n) from crypto/rand.
func randInt(n int) int {
	v, err := rand.Int(rand.Reader, big.NewInt(int64(n)))
	if err != nil {
		// crypto/rand does not fail on supported platforms; a password
		// from a broken source must never be returned.
		panic("passgen: crypto/rand failed: " + err.Error())
	}
	return int(v.Int64())
}
