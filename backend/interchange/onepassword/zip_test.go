package onepassword

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"testing"

	"vaultbar/backend/interchange"
)

// setDeclaredSize rewrites export.data's uncompressed size in the zip's
// central directory, where archive/zip reads it from.
func setDeclaredSize(t *testing.T, z []byte, size uint32) []byte {
	out := append([]byte{}, z...)
	i := bytes.Index(out, []byte("PK\x01\x02"))
	for i >= 0 && !bytes.HasPrefix(out[i+46:], []byte("export.data")) {
		j := bytes.Index(out[i+4:], []byte("PK\x01\x02"))
		if j < 0 {
			t.Fatal("export.data not in the central directory")
		}
		i += 4 + j
	}
	binary.LittleEndian.PutUint32(out[i+24:], size)
	return out
}

func TestZipBombsAreRefusedBeforeInflating(t *testing.T) {
	z := makeZip(t, [2]string{"export.data", `{"accounts": []}` + strings.Repeat(" ", 4000)})
	if _, err := PUX.Parse(setDeclaredSize(t, z, 1<<31), interchange.Options{}); !errors.Is(err, interchange.ErrTooLarge) {
		t.Errorf("declared 2 GiB: err = %v, want ErrTooLarge", err)
	}
	if _, err := PUX.Parse(setDeclaredSize(t, z, 10), interchange.Options{}); !errors.Is(err, interchange.ErrDamaged) {
		t.Errorf("inflates past its declared size: err = %v, want ErrDamaged", err)
	}
}

func TestTooManyEntries(t *testing.T) {
	defer func(n int) { maxEntries = n }(maxEntries)
	maxEntries = 3
	var entries [][2]string
	for i := range 4 {
		entries = append(entries, [2]string{fmt.Sprintf("files/%d", i), "x"})
	}
	if _, err := PUX.Parse(makeZip(t, entries...), interchange.Options{}); !errors.Is(err, interchange.ErrTooLarge) {
		t.Errorf("err = %v, want ErrTooLarge", err)
	}
}
