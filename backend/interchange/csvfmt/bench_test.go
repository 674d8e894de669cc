package csvfmt

import (
	"bytes"
	"fmt"
	"testing"

	"vaultbar/backend/interchange"
)

// BenchmarkGeneric10k parses a 10,000-row CSV with guessed columns, the
// parser's share of `make bench`'s CSV import.
func BenchmarkGeneric10k(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("name,url,username,password,note,folder,extra\n")
	for i := range 10000 {
		fmt.Fprintf(&buf, "Site %d,https://site%d.example.com/login,user%d,\"p,w%d\",\"line\nline\",Group %d,x\n", i, i, i, i, i%20)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Generic.Parse(data, interchange.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
