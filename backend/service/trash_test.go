package service

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMoveToTrash: the file goes to the freedesktop trash with its
// .trashinfo, a second file of the same name gets another name, and a
// folder is refused.
func TestMoveToTrash(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	src := filepath.Join(t.TempDir(), "export with space.csv")
	for i, want := range []string{"export with space.csv", "export with space.2.csv"} {
		os.WriteFile(src, []byte("secret"+string(rune('0'+i))), 0o600)
		dst, err := MoveToTrash(src)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(dst) != want {
			t.Errorf("trashed as %s, want %s", dst, want)
		}
		if _, err := os.Stat(src); !os.IsNotExist(err) {
			t.Error("the file is still in its folder")
		}
		info, err := os.ReadFile(filepath.Join(data, "Trash", "info", want+".trashinfo"))
		if err != nil || !strings.Contains(string(info), "Path=") || !strings.Contains(string(info), "export%20with%20space.csv") {
			t.Errorf("trashinfo %q %v", info, err)
		}
	}
	if _, err := MoveToTrash(t.TempDir()); err == nil {
		t.Error("a folder was moved to the trash")
	}
}
