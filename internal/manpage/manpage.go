package manpage

import (
	"fmt"
	"strings"
)

// Page is a man page made of help texts.
type Page struct {
	Name     string   // the command, "vaultbar"
	Section  int      // 1: user commands
	Version  string   // shown in the footer
	Date     string   // shown in the footer, YYYY-MM-DD
	Summary  string   // the NAME line's description
	Usage    string   // what `NAME help` prints
	Commands []string // what `NAME help CMD` prints, one per command, in order
}

// Roff renders the page. The usage's first line is the SYNOPSIS, its
// "Heading:" blocks become sections (Commands, Environment, Exit codes),
// other paragraphs the DESCRIPTION, and each command's help a subsection
// of COMMANDS. Text keeps its line breaks and indentation (.nf), as the
// help aligns its tables with spaces.
func (p Page) Roff() string {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH %s %d %q %q \"User Commands\"\n", strings.ToUpper(escape(p.Name)), p.Section, p.Date, escape(p.Name+" "+p.Version))
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", escape(p.Name), escape(p.Summary))
	head, blocks := split(p.Usage)
	fmt.Fprintf(&b, ".SH SYNOPSIS\n.nf\n%s\n.fi\n", escape(strings.TrimPrefix(head, "Usage: ")))
	var desc, sections []string
	for _, blk := range blocks {
		if title, body, ok := heading(blk); ok {
			sections = append(sections, section(title, body, p.Commands))
		} else {
			desc = append(desc, ".PP\n.nf\n"+escape(blk)+"\n.fi\n")
		}
	}
	b.WriteString(".SH DESCRIPTION\n" + strings.Join(desc, ""))
	b.WriteString(strings.Join(sections, ""))
	return b.String()
}

// Commands returns the names listed in the usage's "Commands:" block.
func Commands(usage string) []string {
	_, blocks := split(usage)
	for _, blk := range blocks {
		if title, body, ok := heading(blk); ok && title == "Commands" {
			var names []string
			for _, line := range strings.Split(body, "\n") {
				if f := strings.Fields(line); len(f) > 0 {
					names = append(names, f[0])
				}
			}
			return names
		}
	}
	return nil
}

// split returns the first line and the blank-line separated blocks after it.
func split(text string) (string, []string) {
	text = strings.ReplaceAll(strings.TrimSpace(text), "\r\n", "\n")
	head, rest, _ := strings.Cut(text, "\n")
	var blocks []string
	for _, blk := range strings.Split(rest, "\n\n") {
		if blk = strings.Trim(blk, "\n"); strings.TrimSpace(blk) != "" {
			blocks = append(blocks, blk)
		}
	}
	return head, blocks
}

// heading recognises a block that starts with an unindented "Title:" line.
func heading(blk string) (title, body string, ok bool) {
	first, body, _ := strings.Cut(blk, "\n")
	if !strings.HasSuffix(first, ":") || strings.HasPrefix(first, " ") || strings.Contains(first, ". ") {
		return "", "", false
	}
	return strings.TrimSuffix(first, ":"), body, true
}

func section(title, body string, commands []string) string {
	name := strings.ToUpper(title)
	if title == "Exit codes" {
		name = "EXIT STATUS"
	}
	s := ".SH " + escape(name) + "\n.nf\n" + escape(body) + "\n.fi\n"
	if title == "Commands" {
		for _, help := range commands {
			s += subsection(help)
		}
	}
	return s
}

// subsection is one command's help: its usage line as the title.
func subsection(help string) string {
	head, blocks := split(help)
	return ".SS " + escape(strings.TrimPrefix(head, "Usage: ")) + "\n.nf\n" + escape(strings.Join(blocks, "\n\n")) + "\n.fi\n"
}

// escape makes text literal in roff: backslashes and dashes escaped, and
// no line may start a request (a dot or an apostrophe first).
func escape(s string) string {
	s = strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			lines[i] = `\&` + l
		}
	}
	return strings.Join(lines, "\n")
}
