package main

import (
	"fmt"
	"sort"
	"strings"
)

// flags says which flags a command takes: bools stand alone, strings take
// a value (--group Work or --group=Work) and may repeat.
type flags struct {
	bools   []string
	strings []string
}

// parsed is a command line split into flags and positional arguments.
type parsed struct {
	pos  []string
	set  map[string]bool
	vals map[string][]string
}

func (p parsed) has(name string) bool { return p.set[name] }

// last is the value of a string flag given last, and whether it was given.
func (p parsed) last(name string) (string, bool) {
	v := p.vals[name]
	if len(v) == 0 {
		return "", false
	}
	return v[len(v)-1], true
}

// single is the value of a string flag that may be given at most once:
// given twice, which one was meant is not guessed.
func (p parsed) single(name string) (string, bool, error) {
	if n := len(p.vals[name]); n > 1 {
		return "", false, usageError("--%s is given %d times", name, n).withHint("give --" + name + " once")
	}
	v, ok := p.last(name)
	return v, ok, nil
}

// once refuses any of names given more than once.
func (p parsed) once(names ...string) error {
	for _, n := range names {
		if _, _, err := p.single(n); err != nil {
			return err
		}
	}
	return nil
}

// exclusive refuses two flags that contradict each other.
func (p parsed) exclusive(a, b string) error {
	if p.has(a) && p.has(b) {
		return usageError("--%s and --%s contradict each other", a, b).withHint("give one of them")
	}
	return nil
}

// parse splits args. Flags may come before or after positional arguments;
// "--" ends the flags. An argument is a flag only if it starts with "-", so
// label=value arguments are never taken for one.
func (f flags) parse(args []string) (parsed, error) {
	p := parsed{set: map[string]bool{}, vals: map[string][]string{}}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			p.pos = append(p.pos, args[i+1:]...)
			return p, nil
		case len(a) < 2 || a[0] != '-':
			p.pos = append(p.pos, a)
		default:
			n, err := f.flag(&p, a, args[i+1:])
			if err != nil {
				return p, err
			}
			i += n
		}
	}
	return p, nil
}

// flag records one flag and returns how many following arguments it used.
func (f flags) flag(p *parsed, a string, rest []string) (int, error) {
	name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
	switch {
	case contains(f.bools, name) && !hasVal:
		p.set[name] = true
		return 0, nil
	case contains(f.strings, name) && hasVal:
		p.set[name] = true
		p.vals[name] = append(p.vals[name], val)
		return 0, nil
	case contains(f.strings, name) && len(rest) > 0:
		p.set[name] = true
		p.vals[name] = append(p.vals[name], rest[0])
		return 1, nil
	case contains(f.strings, name):
		return 0, usageError("--%s needs a value", name)
	case contains(f.bools, name):
		return 0, usageError("--%s takes no value", name).withHint(fmt.Sprintf("write --%s alone to turn it on, or leave it out", name))
	}
	return 0, usageError("unknown flag %s", a).withHint(f.hint())
}

func (f flags) hint() string {
	var all []string
	for _, b := range f.bools {
		all = append(all, "--"+b)
	}
	for _, s := range f.strings {
		all = append(all, "--"+s+" VALUE")
	}
	sort.Strings(all)
	if len(all) == 0 {
		return "this command takes no flags; put `--` before an argument that starts with -"
	}
	return "this command takes " + strings.Join(all, ", ") + "; put `--` before an argument that starts with -"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// wantsHelp reports whether the arguments ask for the command's help
// before "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "-h" || a == "--help" {
			return true
		}
	}
	return false
}

// needArgs checks the number of positional arguments.
func needArgs(p parsed, min, max int, usage string) error {
	n := len(p.pos)
	if n >= min && (max < 0 || n <= max) {
		return nil
	}
	msg := fmt.Sprintf("expected %s", argCount(min, max))
	if n > max && max >= 0 {
		msg = fmt.Sprintf("unexpected argument %q", p.pos[max])
	}
	return usageError("%s", msg).withHint("usage: vaultbar " + usage)
}

func argCount(min, max int) string {
	switch {
	case min == max && min == 1:
		return "one argument"
	case min == max:
		return fmt.Sprintf("%d arguments", min)
	case max < 0:
		return fmt.Sprintf("at least %d argument(s)", min)
	}
	return fmt.Sprintf("%d to %d arguments", min, max)
}
