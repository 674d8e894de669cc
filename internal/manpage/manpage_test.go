package manpage

import (
	"reflect"
	"strings"
	"testing"
)

const usage = `Usage: tool <command> [arguments]

Commands:
  init   create it
  rm     remove --all of it

Prose about names.
.hidden starts with a dot

Environment:
  TOOL_HOME  the folder

Exit codes:
  0 ok, 1 error
`

func TestCommands(t *testing.T) {
	if got := Commands(usage); !reflect.DeepEqual(got, []string{"init", "rm"}) {
		t.Fatalf("got %q", got)
	}
	if got := Commands("Usage: x\n\nno commands here"); got != nil {
		t.Fatalf("got %q", got)
	}
}

func TestRoff(t *testing.T) {
	p := Page{Name: "tool", Section: 1, Version: "1.0", Date: "2026-01-02", Summary: "does things",
		Usage: usage, Commands: []string{"Usage: tool init\n\nCreate it.\n\n'quoted' and C:\\path\n"}}
	got := p.Roff()
	for _, want := range []string{
		`.TH TOOL 1 "2026-01-02" "tool 1.0" "User Commands"`,
		".SH NAME\ntool \\- does things\n",
		".SH SYNOPSIS\n.nf\ntool <command> [arguments]\n.fi\n",
		".SH DESCRIPTION\n.PP\n.nf\nProse about names.\n\\&.hidden starts with a dot\n.fi\n",
		"  rm     remove \\-\\-all of it",
		".SS tool init\n.nf\nCreate it.\n\n\\&'quoted' and C:\\epath\n.fi\n",
		".SH ENVIRONMENT\n.nf\n  TOOL_HOME  the folder\n.fi\n",
		".SH EXIT STATUS\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// No text from the help can become a roff request: every line that starts
// with a dot is one the renderer wrote.
func FuzzRoff(f *testing.F) {
	f.Add(usage, "Usage: tool init\n\nx")
	f.Fuzz(func(t *testing.T, u, help string) {
		out := Page{Name: "tool", Usage: u, Commands: []string{help}}.Roff()
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "'") {
				t.Fatalf("line starts a request: %q", line)
			}
			if strings.HasPrefix(line, ".") && !known(line) {
				t.Fatalf("line starts an unknown request: %q", line)
			}
		}
	})
}

func known(line string) bool {
	for _, r := range []string{".TH ", ".SH ", ".SS ", ".PP", ".nf", ".fi"} {
		if strings.HasPrefix(line, r) {
			return true
		}
	}
	return false
}
