package keepass

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"

	"vaultbar/backend/interchange"
)

// gunzip inflates a compressed payload, reading at most
// interchange.MaxFileSize bytes so a small file can't expand without bound.
func gunzip(h Header, b []byte) ([]byte, error) {
	if !h.Compressed {
		return b, nil
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("kdbx payload: %w", interchange.ErrDamaged)
	}
	out, err := io.ReadAll(io.LimitReader(r, interchange.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("kdbx payload: %w", interchange.ErrDamaged)
	}
	if len(out) > interchange.MaxFileSize {
		return nil, fmt.Errorf("kdbx payload inflates past %d MiB: %w", interchange.MaxFileSize>>20, interchange.ErrTooLarge)
	}
	return out, nil
}
