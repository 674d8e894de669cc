package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// fault, when set by a test, runs before each step that changes the disk and
// can fail it: a full disk, a read-only folder, or a crash (fail this step
// and every later one). A *shortWrite error writes part of the data first,
// as a crash in the middle of write(2) would.
var fault func(op, path string) error

type shortWrite struct {
	n   int
	err error
}

func (s *shortWrite) Error() string { return s.err.Error() }

func check(op, path string) error {
	if fault == nil {
		return nil
	}
	if err := fault(op, path); err != nil {
		var sw *shortWrite
		if errors.As(err, &sw) {
			return err
		}
		return &fs.PathError{Op: op, Path: path, Err: err}
	}
	return nil
}

func write(f *os.File, b []byte) error {
	if err := check("write", f.Name()); err != nil {
		var sw *shortWrite
		if errors.As(err, &sw) {
			f.Write(b[:min(sw.n, len(b))])
			return &fs.PathError{Op: "write", Path: f.Name(), Err: sw.err}
		}
		return err
	}
	_, err := f.Write(b)
	return err
}

func syncFile(f *os.File) error {
	if err := check("sync", f.Name()); err != nil {
		return err
	}
	return f.Sync()
}

// syncDir makes a rename or removal in dir durable.
func syncDir(dir string) error {
	if err := check("syncdir", dir); err != nil {
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

func rename(from, to string) error {
	if err := check("rename", to); err != nil {
		return err
	}
	return os.Rename(from, to)
}

func remove(path string) error {
	if err := check("remove", path); err != nil {
		return err
	}
	return os.Remove(path)
}

// tmpPrefix marks temporary files, which Open clears away: a temp file is
// never the only copy of anything, because rename is the commit point.
func tmpPrefix(name string) string { return "." + name + ".tmp-" }

// writeAtomic replaces dir/name with parts: a temp file in the same folder,
// written, fsynced and closed, then renamed over name, then the folder
// fsynced. Readers see the old file or the new one, never a mix. before,
// if set, runs just before the rename (the snapshot's backup link).
func writeAtomic(dir, name string, before func() error, parts ...[]byte) error {
	if err := check("create", filepath.Join(dir, name)); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, tmpPrefix(name)+"*")
	if err != nil {
		return err
	}
	if err := writeTemp(f, parts); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if before != nil {
		if err := before(); err != nil {
			os.Remove(f.Name())
			return err
		}
	}
	if err := rename(f.Name(), filepath.Join(dir, name)); err != nil {
		os.Remove(f.Name())
		return err
	}
	return syncDir(dir)
}

func writeTemp(f *os.File, parts [][]byte) error {
	for _, p := range parts {
		if err := write(f, p); err != nil {
			return err
		}
	}
	if err := syncFile(f); err != nil {
		return err
	}
	return f.Close()
}

// link makes to a second name of from, or a copy where the file system has
// no hard links.
func link(from, to string) error {
	if err := check("link", to); err != nil {
		return err
	}
	if err := os.Link(from, to); err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Dir(to), filepath.Base(to), nil, b)
}

// clearTemps removes temp files a crash left behind in dir.
func clearTemps(dir string) {
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if n := e.Name(); strings.HasPrefix(n, ".vault") && strings.Contains(n, ".tmp-") {
			os.Remove(filepath.Join(dir, n))
		}
	}
}
