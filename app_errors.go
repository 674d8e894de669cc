package main

import (
	"errors"
	"strings"
	"unicode"

	"vaultbar/backend/service"
)

// explained turns an error from the services into the text the frontend
// shows: service.Explain's sentence, then "\nhint: " and what to do.
// frontend/src/lib/errors.ts splits the two again.
func explained(err error) error {
	if err == nil {
		return nil
	}
	msg, hint := service.Explain(err)
	text := sentence(msg)
	if hint != "" {
		text += "\nhint: " + sentence(hint)
	}
	return errors.New(text)
}

// sentence capitalises the first letter and ends with a full stop: the
// CLI's lower-case error style, as a person reads it in a window.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	first, _, _ := strings.Cut(s, " ")
	if first == strings.ToLower(first) { // "iCloud", "macOS" keep their case
		r := []rune(s)
		r[0] = unicode.ToUpper(r[0])
		s = string(r)
	}
	if !strings.ContainsAny(s[len(s)-1:], ".!?") {
		s += "."
	}
	return s
}
