package native

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"vaultbar/backend/crypto"
	"vaultbar/backend/format"
	"vaultbar/backend/interchange"
	"vaultbar/backend/model"
)

// Magic starts every export file.
const Magic = "VAULTBAR-EXPORT\n"

// Version is the export format this build writes and the newest it reads.
const Version uint16 = 1

// Bounds on what a file may ask the key derivation for.
const (
	maxTime      = 64
	maxMemoryKiB = 1 << 20 // 1 GiB
	maxThreads   = 64
)

// Format is the import side, for formats.All.
var Format = interchange.Format{
	ID: "vaultbar", Name: "Vaultbar export",
	Sniff: func(_ string, head []byte) bool { return bytes.HasPrefix(head, []byte(Magic)) },
	Parse: Parse,
}

// Seal writes entities into an export file under password.
func Seal(ents []*model.Entity, password []byte, p crypto.KDFParams) ([]byte, error) {
	salt, err := crypto.NewSalt()
	if err != nil {
		return nil, err
	}
	head := header(p, salt)
	key, err := crypto.DeriveKey(password, salt, p)
	if err != nil {
		return nil, err
	}
	return append(head, key.Seal(format.AppendEntities(nil, ents), head)...), nil
}

func header(p crypto.KDFParams, salt []byte) []byte {
	b := []byte(Magic)
	b = binary.BigEndian.AppendUint16(b, Version)
	b = binary.BigEndian.AppendUint32(b, p.Time)
	b = binary.BigEndian.AppendUint32(b, p.MemoryKiB)
	b = append(b, p.Threads, byte(len(salt)))
	return append(b, salt...)
}

// Parse opens an export file: interchange.Result.Entities holds its
// entities.
func Parse(data []byte, opt interchange.Options) (interchange.Result, error) {
	p, salt, sealed, err := parseHeader(data)
	if err != nil {
		return interchange.Result{}, err
	}
	if len(opt.Password) == 0 {
		return interchange.Result{}, interchange.ErrNeedsPassword
	}
	key, err := crypto.DeriveKey(opt.Password, salt, p)
	if err != nil {
		return interchange.Result{}, fmt.Errorf("vaultbar export: %v: %w", err, interchange.ErrDamaged)
	}
	plain, err := key.Open(sealed, data[:len(data)-len(sealed)])
	if err != nil {
		return interchange.Result{}, interchange.ErrWrongPassword
	}
	ents, err := format.ParseEntities(plain)
	if err != nil {
		return interchange.Result{}, fmt.Errorf("vaultbar export: %v: %w", err, interchange.ErrDamaged)
	}
	return interchange.Result{Format: "Vaultbar export", Entities: ents, Encrypted: true}, nil
}

func parseHeader(b []byte) (p crypto.KDFParams, salt, sealed []byte, err error) {
	bad := fmt.Errorf("vaultbar export header: %w", interchange.ErrDamaged)
	if !bytes.HasPrefix(b, []byte(Magic)) {
		return p, nil, nil, fmt.Errorf("not a Vaultbar export: %w", interchange.ErrUnknownFormat)
	}
	b = b[len(Magic):]
	if len(b) < 12 {
		return p, nil, nil, bad
	}
	if v := binary.BigEndian.Uint16(b); v > Version {
		return p, nil, nil, fmt.Errorf("vaultbar export version %d: %w", v, interchange.ErrNewerVersion)
	}
	p = crypto.KDFParams{Time: binary.BigEndian.Uint32(b[2:]), MemoryKiB: binary.BigEndian.Uint32(b[6:]), Threads: b[10]}
	n := int(b[11])
	b = b[12:]
	if n < 8 || len(b) < n+crypto.Overhead {
		return p, nil, nil, bad
	}
	if p.Time > maxTime || p.MemoryKiB > maxMemoryKiB || p.Threads > maxThreads {
		return p, nil, nil, fmt.Errorf("the export asks its key derivation for t=%d m=%dKiB p=%d, more than Vaultbar allows: %w", p.Time, p.MemoryKiB, p.Threads, interchange.ErrTooLarge)
	}
	if p.Check() != nil {
		return p, nil, nil, bad
	}
	return p, b[:n], b[n:], nil
}
