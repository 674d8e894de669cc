package syncfolder

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"vaultbar/backend/format"
	"vaultbar/backend/platform"
)

// Subfolders of the sync root.
const (
	KeysDir    = "keys"
	DevicesDir = "devices"
)

// Folder is a sync root on disk.
type Folder struct {
	Root  string
	Files platform.Files // nil for platform.Default()
}

// New returns the folder at root using the system's file specifics.
func New(root string, files platform.Files) *Folder {
	if files == nil {
		files = platform.Default()
	}
	return &Folder{Root: root, Files: files}
}

// File is one readable file: canonical or a conflict copy of Name.
type File struct {
	Path    string
	Name    string // the canonical name it stands for
	Copy    bool   // a conflict copy, to remove once merged
	Size    int64
	ModTime time.Time
}

// Pending is a sync file whose name is here but whose content is not: an
// iCloud placeholder or a dataless file. Download asks for it.
type Pending struct {
	Path string
	Name string // canonical
}

// Device is what one device's folder holds.
type Device struct {
	Files   []File    // canonical files and conflict copies, sorted by path
	Pending []Pending // not yet downloaded
}

// Listing is a scan of the sync root.
type Listing struct {
	Keys        []File
	KeysPending []Pending
	Devices     map[string]*Device // by device id
}

// Exists reports whether the folder has been set up by some device: a key
// file, downloaded or not.
func (l *Listing) Exists() bool { return len(l.Keys) > 0 || len(l.KeysPending) > 0 }

// Scan lists the sync root. A root that does not exist yet is empty.
func (f *Folder) Scan() (*Listing, error) {
	l := &Listing{Devices: map[string]*Device{}}
	keys := &Device{}
	if err := f.scanDir(filepath.Join(f.Root, KeysDir), keys); err != nil {
		return nil, err
	}
	l.Keys, l.KeysPending = keys.Files, keys.Pending
	ents, err := os.ReadDir(filepath.Join(f.Root, DevicesDir))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("reading the sync folder: %w", err)
	}
	for _, e := range ents {
		if !e.IsDir() || !format.ValidDeviceID(e.Name()) {
			continue
		}
		d := &Device{}
		if err := f.scanDir(filepath.Join(f.Root, DevicesDir, e.Name()), d); err != nil {
			return nil, err
		}
		l.Devices[e.Name()] = d
	}
	return l, nil
}

func (f *Folder) scanDir(dir string, d *Device) error {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading the sync folder: %w", err)
	}
	for _, e := range ents {
		f.add(dir, e, d)
	}
	sort.Slice(d.Files, func(i, j int) bool { return d.Files[i].Path < d.Files[j].Path })
	return nil
}

func (f *Folder) add(dir string, e fs.DirEntry, d *Device) {
	kind, name := Classify(e.Name())
	p := filepath.Join(dir, e.Name())
	switch kind {
	case Placeholder:
		d.Pending = append(d.Pending, Pending{Path: p, Name: name})
	case Canonical, Copy:
		fi, err := e.Info()
		if err != nil || !fi.Mode().IsRegular() {
			return // vanished, or a folder with a file's name
		}
		if f.Files.Dataless(p, fi) {
			d.Pending = append(d.Pending, Pending{Path: p, Name: name})
			return
		}
		d.Files = append(d.Files, File{Path: p, Name: name, Copy: kind == Copy, Size: fi.Size(), ModTime: fi.ModTime()})
	}
}

// Download asks the sync service for a pending file.
func (f *Folder) Download(p Pending) error { return f.Files.Download(p.Path) }

// maxFile bounds what Read loads: far above any real vault, far below what
// would exhaust memory.
const maxFile = 1 << 30

// Read returns a file's bytes.
func (f *Folder) Read(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", filepath.Base(path), err)
	}
	if fi.Size() > maxFile {
		return nil, fmt.Errorf("reading %s: %d bytes is too large", filepath.Base(path), fi.Size())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", filepath.Base(path), err)
	}
	return b, nil
}

// DevicePath is the path of a file in a device's folder.
func (f *Folder) DevicePath(device, name string) string {
	return filepath.Join(f.Root, DevicesDir, device, name)
}

// KeyPath is the path of a key file.
func (f *Folder) KeyPath(name string) string { return filepath.Join(f.Root, KeysDir, name) }

// Remove deletes a file; one already gone is not an error.
func (f *Folder) Remove(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing %s: %w", filepath.Base(path), err)
	}
	return nil
}
