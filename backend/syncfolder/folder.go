package syncfolder

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
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

	mu sync.Mutex
	// empty holds device folders found empty, with their modification
	// time: adding anything to a folder changes its time, so while the
	// time stays, the folder is still empty and needs no listing. Thousands
	// of empty folders then cost a stat each, not an open, read and close.
	empty   map[string]time.Time
	devMod  time.Time // devices/'s time when the empty folders were last looked at
	checked time.Time // and when
}

// emptyRecheck is how long the empty folders of unknown devices go without
// a look while devices/ does not change.
const emptyRecheck = 30 * time.Second

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
	// Unreadable: this user may not list the folder (ScanKnown skips it
	// rather than fail, so one such folder can't stop sync): not empty,
	// unknown.
	Unreadable bool
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
func (f *Folder) Scan() (*Listing, error) { return f.ScanKnown(nil) }

// ScanKnown is Scan for an engine that knows which devices it has read
// (known may be nil; then a device folder this user may not read fails the
// scan, else it is listed as Unreadable). An empty folder of a device it
// does not know, found empty before, is taken as still empty without a look while devices/
// itself is unchanged, for up to emptyRecheck: thousands of junk folders
// then cost nothing. A real new device writes its first file into its
// folder the moment it makes it, so its folder is never remembered empty
// (see coarseTime); a known device's folder is always looked at.
func (f *Folder) ScanKnown(known func(dev string) bool) (*Listing, error) {
	l, err := f.scanKnown(known)
	return l, unavailable(f.Root, err)
}

func (f *Folder) scanKnown(known func(dev string) bool) (*Listing, error) {
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
	f.mu.Lock()
	defer f.mu.Unlock()
	trust := f.trustEmpty(known != nil)
	for _, e := range ents {
		if !e.IsDir() || !format.ValidDeviceID(e.Name()) {
			continue
		}
		if _, ok := f.empty[e.Name()]; ok && trust && !known(e.Name()) {
			l.Devices[e.Name()] = &Device{}
			continue
		}
		d, err := f.scanDevice(e)
		if err != nil && known != nil && errors.Is(err, fs.ErrPermission) {
			d, err = &Device{Unreadable: true}, nil
		}
		if err != nil {
			return nil, err
		}
		l.Devices[e.Name()] = d
	}
	return l, nil
}

// trustEmpty says whether the empty folders remembered may be taken as
// still empty without a look: devices/ has not changed since they were
// last looked at, not long ago. Otherwise they are looked at this time.
func (f *Folder) trustEmpty(allowed bool) bool {
	if f.empty == nil {
		f.empty = map[string]time.Time{}
	}
	fi, err := os.Stat(filepath.Join(f.Root, DevicesDir))
	if allowed && err == nil && fi.ModTime().Equal(f.devMod) && time.Since(f.checked) < emptyRecheck {
		return true
	}
	if err == nil {
		f.devMod = fi.ModTime()
	}
	f.checked = time.Now()
	return false
}

// scanDevice lists one device's folder, unless it was empty and has not
// changed since.
func (f *Folder) scanDevice(e fs.DirEntry) (*Device, error) {
	fi, err := e.Info()
	if err != nil {
		return &Device{}, nil // vanished
	}
	if t, ok := f.empty[e.Name()]; ok && t.Equal(fi.ModTime()) {
		return &Device{}, nil
	}
	delete(f.empty, e.Name())
	d := &Device{}
	if err := f.scanDir(filepath.Join(f.Root, DevicesDir, e.Name()), d); err != nil {
		return nil, err
	}
	if len(d.Files) == 0 && len(d.Pending) == 0 && time.Since(fi.ModTime()) > coarseTime && len(f.empty) < maxEmpty {
		f.empty[e.Name()] = fi.ModTime()
	}
	return d, nil
}

// Only folders whose time is older than coarseTime are remembered empty:
// on a file system that keeps times to the second (HFS+, FAT, some shares)
// a file added in the same second as the look would leave the time as it
// was.
const (
	coarseTime = 2 * time.Second
	maxEmpty   = 100_000 // empty folders remembered at most
)

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

// Size caps, checked before a byte is read: anyone who can write the sync
// folder can leave a file of any size in it. A key file holds a few hundred
// bytes; a snapshot of a 100,000-record vault is some tens of megabytes.
const (
	MaxKeyFile  = 64 << 10
	MaxSyncFile = 256 << 20
)

// ErrTooLarge means a file is larger than any Vaultbar writes of its kind.
var ErrTooLarge = errors.New("larger than any file Vaultbar writes")

// MaxSize is the largest file Read accepts under canonical name name.
func MaxSize(name string) int64 {
	if _, ok := format.ParseSyncName(name); ok {
		return MaxSyncFile
	}
	return MaxKeyFile
}

// Read returns a file's bytes, through the sync folder's os.Root (a link to
// outside it is not followed), refusing one larger than MaxSize of the name
// it stands for before reading any of it.
func (f *Folder) Read(path string) ([]byte, error) {
	rel, err := f.rel(path)
	if err != nil {
		return nil, err
	}
	_, name := Classify(filepath.Base(path))
	r, err := os.OpenRoot(f.Root)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", filepath.Base(path), err)
	}
	defer r.Close()
	file, err := r.Open(rel)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", filepath.Base(path), err)
	}
	defer file.Close()
	return readCapped(file, MaxSize(name))
}

// readCapped reads an open file of at most max bytes, checked on the open
// file itself and again while reading, since it may grow meanwhile.
func readCapped(file *os.File, max int64) ([]byte, error) {
	fi, err := file.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", filepath.Base(file.Name()), err)
	}
	if !fi.Mode().IsRegular() || fi.Size() > max {
		return nil, fmt.Errorf("reading %s: %d bytes is %w", filepath.Base(file.Name()), fi.Size(), ErrTooLarge)
	}
	// One buffer of the size stated (and one byte to notice growth), not
	// io.ReadAll's doubling: a big file costs its size in memory, once.
	b := make([]byte, fi.Size()+1)
	n, err := io.ReadFull(file, b)
	switch {
	case err == nil:
		return nil, fmt.Errorf("reading %s: it grew while it was read", filepath.Base(file.Name()))
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return b[:n], nil
	}
	return nil, fmt.Errorf("reading %s: %w", filepath.Base(file.Name()), err)
}

// DevicePath is the path of a file in a device's folder.
func (f *Folder) DevicePath(device, name string) string {
	return filepath.Join(f.Root, DevicesDir, device, name)
}

// KeyPath is the path of a key file.
func (f *Folder) KeyPath(name string) string { return filepath.Join(f.Root, KeysDir, name) }

// Remove deletes a file inside the sync folder; one already gone is not an
// error. Like Write, it never follows a link out of the folder.
func (f *Folder) Remove(path string) error {
	rel, err := f.rel(path)
	if err != nil {
		return err
	}
	r, err := os.OpenRoot(f.Root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("removing %s: %w", filepath.Base(path), err)
	}
	defer r.Close()
	if err := r.Remove(rel); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return f.outside(rel, fmt.Errorf("removing %s: %w", filepath.Base(path), err))
	}
	return nil
}

// Stat gives the size and modification time of a file inside the sync
// folder, as Scan reports them.
func (f *Folder) Stat(path string) (size int64, mod time.Time, err error) {
	rel, err := f.rel(path)
	if err != nil {
		return 0, time.Time{}, err
	}
	r, err := os.OpenRoot(f.Root)
	if err != nil {
		return 0, time.Time{}, err
	}
	defer r.Close()
	fi, err := r.Lstat(rel)
	if err != nil {
		return 0, time.Time{}, err
	}
	return fi.Size(), fi.ModTime(), nil
}

// SetAside moves files out of the sync folder into the folder named aside,
// beside it (same parent, so a rename: nothing is copied, nothing deleted),
// under the same relative paths. A name already taken there gets a number.
// It returns the folder's path and the files moved; it stops at the first
// failure, and what was moved stays moved.
func (f *Folder) SetAside(paths []string, aside string) (dir string, moved []string, err error) {
	dir, moved, err = f.setAside(paths, aside)
	return dir, moved, unavailable(filepath.Dir(f.Root), err)
}

func (f *Folder) setAside(paths []string, aside string) (dir string, moved []string, err error) {
	parent, base := filepath.Dir(f.Root), filepath.Base(f.Root)
	r, err := os.OpenRoot(parent)
	if err != nil {
		return "", nil, fmt.Errorf("opening the folder around the sync folder: %w", err)
	}
	defer r.Close()
	for _, p := range paths {
		rel, err := f.rel(p)
		if err != nil {
			return "", moved, err
		}
		if err := moveIn(r, filepath.Join(base, rel), filepath.Join(aside, rel)); err != nil {
			return filepath.Join(parent, aside), moved, f.outside(rel, err)
		}
		moved = append(moved, p)
	}
	return filepath.Join(parent, aside), moved, nil
}

// moveIn renames src to dst inside r without replacing anything at dst.
func moveIn(r *os.Root, src, dst string) error {
	if err := r.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(dst), err)
	}
	free := dst
	for i := 2; ; i++ {
		if _, err := r.Lstat(free); errors.Is(err, fs.ErrNotExist) {
			break
		}
		free = fmt.Sprintf("%s %d", dst, i)
	}
	if err := r.Rename(src, free); err != nil {
		return fmt.Errorf("moving %s: %w", filepath.Base(src), err)
	}
	syncDir(r, filepath.Dir(src))
	syncDir(r, filepath.Dir(free))
	return nil
}
