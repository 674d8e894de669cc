package syncfolder

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"vaultbar/backend/platform"
)

type fakeFiles struct{ downloads []string }

func (f *fakeFiles) Download(p string) error { f.downloads = append(f.downloads, p); return nil }
func (f *fakeFiles) Dataless(p string, _ os.FileInfo) bool {
	return filepath.Base(p) == "c-1-7.vbc" // stands in for SF_DATALESS
}

func TestScan(t *testing.T) {
	root := t.TempDir()
	dev := filepath.Join(root, DevicesDir, "dev-a")
	for _, p := range []string{
		filepath.Join(root, KeysDir, "1-dev-a.vbk"),
		filepath.Join(root, KeysDir, ".2-dev-b.vbk.icloud"),
		filepath.Join(dev, "c-1-1.vbc"),
		filepath.Join(dev, "c-1-2 2.vbc"),
		filepath.Join(dev, ".c-1-3.vbc.icloud"),
		filepath.Join(dev, ".vbtmp-123"),
		filepath.Join(dev, "c-1-7.vbc"),
		filepath.Join(dev, "README.txt"),
		filepath.Join(root, DevicesDir, "bad name", "c-1-1.vbc"),
	} {
		if err := WriteAtomic(p, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	ff := &fakeFiles{}
	l, err := New(root, ff).Scan()
	if err != nil {
		t.Fatal(err)
	}
	if !l.Exists() || len(l.Keys) != 1 || len(l.KeysPending) != 1 || l.KeysPending[0].Name != "2-dev-b.vbk" {
		t.Fatalf("keys: %+v %+v", l.Keys, l.KeysPending)
	}
	if len(l.Devices) != 1 {
		t.Fatalf("devices: %v", l.Devices)
	}
	d := l.Devices["dev-a"]
	if len(d.Files) != 2 || d.Files[0].Name != "c-1-1.vbc" || !d.Files[1].Copy || d.Files[1].Name != "c-1-2.vbc" {
		t.Fatalf("files: %+v", d.Files)
	}
	if len(d.Pending) != 2 {
		t.Fatalf("pending: %+v", d.Pending)
	}
	if err := New(root, ff).Download(d.Pending[0]); err != nil || len(ff.downloads) != 1 {
		t.Fatalf("download: %v %v", err, ff.downloads)
	}
}

func TestScanMissingRoot(t *testing.T) {
	l, err := New(filepath.Join(t.TempDir(), "none"), nil).Scan()
	if err != nil || l.Exists() || len(l.Devices) != 0 {
		t.Fatalf("got %+v, %v", l, err)
	}
}

func TestWriteAtomicLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a", "c-1-1.vbc")
	if err := WriteAtomic(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteAtomic(p, []byte("two")); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(filepath.Dir(p))
	if len(ents) != 1 {
		t.Fatalf("left %d entries", len(ents))
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Fatalf("got %q", b)
	}
}

func TestRoot(t *testing.T) {
	dir := t.TempDir()
	if r, err := Root(ProviderFolder, dir); err != nil || r != filepath.Join(dir, DirName) {
		t.Fatalf("folder: %q %v", r, err)
	}
	if _, err := Root(ProviderFolder, filepath.Join(dir, "nope")); !errors.Is(err, ErrNoFolder) {
		t.Fatalf("missing folder: %v", err)
	}
	t.Setenv(platform.ICloudDirEnv, dir)
	if r, err := Root(ProviderICloud, ""); err != nil || r != filepath.Join(dir, DirName) {
		t.Fatalf("icloud: %q %v", r, err)
	}
	t.Setenv(platform.ICloudDirEnv, filepath.Join(dir, "nope"))
	if ok, err := ICloudAvailable(); ok || !errors.Is(err, platform.ErrNoICloud) {
		t.Fatalf("icloud missing: %v %v", ok, err)
	}
}

// A device folder remembered empty is listed again once anything is added.
func TestScanSeesAFileAddedToAnEmptyFolder(t *testing.T) {
	root := t.TempDir()
	dev := filepath.Join(root, DevicesDir, "dev-a")
	os.MkdirAll(dev, 0o700)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(dev, old, old)
	f := New(root, nil)
	for range 2 {
		if l, err := f.Scan(); err != nil || len(l.Devices["dev-a"].Files) != 0 {
			t.Fatalf("scan of an empty folder: %+v %v", l, err)
		}
	}
	if err := f.Write(filepath.Join(dev, "c-1-1.vbc"), []byte("x")); err != nil {
		t.Fatal(err)
	}
	if l, _ := f.Scan(); len(l.Devices["dev-a"].Files) != 1 {
		t.Fatalf("the new file was not seen: %+v", l.Devices["dev-a"])
	}
}

// Writes, reads and removes never follow a link out of the sync folder.
func TestNothingGoesThroughALinkOutOfTheFolder(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(outside, "c-1-1.vbc"), []byte("outside"), 0o600)
	os.MkdirAll(filepath.Join(root, DevicesDir), 0o700)
	link := filepath.Join(root, DevicesDir, "dev-a")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	f := New(root, nil)
	if err := f.Write(filepath.Join(link, "c-1-2.vbc"), []byte("x")); !errors.Is(err, ErrOutsideFolder) {
		t.Fatalf("write: %v", err)
	}
	if _, err := f.Read(filepath.Join(link, "c-1-1.vbc")); err == nil {
		t.Fatal("read through the link")
	}
	f.Remove(filepath.Join(link, "c-1-1.vbc"))
	if ents, _ := os.ReadDir(outside); len(ents) != 1 {
		t.Fatalf("outside now holds %v", ents)
	}
	if err := f.Write(filepath.Join(outside, "c-1-3.vbc"), nil); !errors.Is(err, ErrOutsideFolder) {
		t.Fatalf("write to a path outside: %v", err)
	}
}

// SetAside moves files beside the sync folder and never replaces one.
func TestSetAsideKeepsEverything(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, DirName)
	f := New(root, nil)
	p := filepath.Join(root, DevicesDir, "junk", "s-1-1.vbs")
	for i, data := range []string{"first", "second"} {
		if err := f.Write(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
		dir, moved, err := f.SetAside([]string{p}, "Vaultbar-ignored-x")
		if err != nil || len(moved) != 1 || dir != filepath.Join(parent, "Vaultbar-ignored-x") {
			t.Fatalf("set aside %d: %q %v %v", i, dir, moved, err)
		}
	}
	kept := filepath.Join(parent, "Vaultbar-ignored-x", DevicesDir, "junk")
	a, _ := os.ReadFile(filepath.Join(kept, "s-1-1.vbs"))
	b, _ := os.ReadFile(filepath.Join(kept, "s-1-1.vbs 2"))
	if string(a) != "first" || string(b) != "second" {
		t.Fatalf("kept %q and %q", a, b)
	}
}

// Read refuses a file over the cap of its kind before reading it.
func TestReadChecksTheSizeFirst(t *testing.T) {
	root := t.TempDir()
	f := New(root, nil)
	key := filepath.Join(root, KeysDir, "1-dev-a.vbk")
	if err := f.Write(key, make([]byte, MaxKeyFile+1)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Read(key); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("an oversized key file: %v", err)
	}
	if b, err := f.Read(key); b != nil || err == nil {
		t.Fatal("read it anyway")
	}
}

// An unknown device's folder remembered empty is not looked at while
// devices/ is unchanged; a known device's always is.
func TestScanKnownSkipsOnlyUnknownEmptyFolders(t *testing.T) {
	root := t.TempDir()
	old := time.Now().Add(-time.Hour)
	for _, d := range []string{"known", "junk"} {
		p := filepath.Join(root, DevicesDir, d)
		os.MkdirAll(p, 0o700)
		os.Chtimes(p, old, old)
	}
	os.Chtimes(filepath.Join(root, DevicesDir), old, old)
	f := New(root, nil)
	known := func(d string) bool { return d == "known" }
	for range 2 {
		if _, err := f.ScanKnown(known); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range []string{"known", "junk"} {
		os.WriteFile(filepath.Join(root, DevicesDir, d, "c-1-1.vbc"), []byte("x"), 0o600)
	}
	l, _ := f.ScanKnown(known)
	if len(l.Devices["known"].Files) != 1 || len(l.Devices["junk"].Files) != 0 {
		t.Fatalf("known %+v, junk %+v", l.Devices["known"], l.Devices["junk"])
	}
	if l, _ := f.Scan(); len(l.Devices["junk"].Files) != 1 {
		t.Fatalf("a plain scan missed the file: %+v", l.Devices["junk"])
	}
}
