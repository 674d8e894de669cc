package onepassword

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"

	"vaultbar/backend/interchange"
)

// maxEntries bounds the zip's directory: a 1PUX holds export.data,
// export.attributes and one file per attachment. A variable for the test.
var maxEntries = 100_000

// readExportData finds export.data in a 1PUX and inflates it, refusing a
// zip with too many entries or an export.data larger than MaxFileSize,
// whether declared so or found so while inflating.
func readExportData(data []byte) ([]byte, error) {
	if len(data) > interchange.MaxFileSize {
		return nil, interchange.ErrTooLarge
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a readable zip (%v): %w", err, interchange.ErrDamaged)
	}
	if len(zr.File) > maxEntries {
		return nil, fmt.Errorf("the zip has %d entries: %w", len(zr.File), interchange.ErrTooLarge)
	}
	for _, f := range zr.File {
		if f.Name == "export.data" {
			return inflate(f)
		}
	}
	return nil, fmt.Errorf("the zip has no export.data, so it is not a 1PUX export: %w", interchange.ErrUnknownFormat)
}

func inflate(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > interchange.MaxFileSize {
		return nil, fmt.Errorf("export.data would inflate to %d bytes: %w", f.UncompressedSize64, interchange.ErrTooLarge)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("export.data: %v: %w", err, interchange.ErrDamaged)
	}
	defer rc.Close()
	// The declared size is the zip's word only: read at most one byte
	// past it, and archive/zip checks the CRC and size at EOF.
	b, err := io.ReadAll(io.LimitReader(rc, int64(f.UncompressedSize64)+1))
	switch {
	case err != nil && errors.Is(err, zip.ErrChecksum):
		return nil, fmt.Errorf("export.data fails its checksum: %w", interchange.ErrDamaged)
	case err != nil:
		return nil, fmt.Errorf("export.data: %v: %w", err, interchange.ErrDamaged)
	case uint64(len(b)) > f.UncompressedSize64:
		return nil, fmt.Errorf("export.data is larger than the zip says: %w", interchange.ErrDamaged)
	}
	return b, nil
}
