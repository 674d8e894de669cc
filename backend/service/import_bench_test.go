package service

import (
	"crypto/rand"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/keepass"
	"vaultbar/backend/interchange/render"
)

// tenThousand is a KeePass database of 10,000 logins in 20 groups, each
// with a custom field, and one in ten with a one-time password.
func tenThousand() []interchange.Item {
	items := make([]interchange.Item, 10000)
	for i := range items {
		items[i] = interchange.Item{Type: "login", Title: fmt.Sprintf("Site %05d", i), Group: fmt.Sprintf("Group %02d", i%20), Notes: "note " + strings.Repeat("x", i%50),
			Fields: []interchange.Field{{Key: "username", Label: "Username", Value: fmt.Sprintf("user%d@example.com", i)},
				{Key: "password", Label: "Password", Value: fmt.Sprintf("pw-%d-%x", i, i*7919)},
				{Key: "url", Label: "Website", Value: fmt.Sprintf("https://site%d.example", i)},
				{Label: "Account number", Value: fmt.Sprint(1000000 + i)}}}
		if i%10 == 0 {
			items[i].Fields = append(items[i].Fields, interchange.Field{Key: "otp", Label: "One-Time Password", Value: "JBSWY3DPEHPK3PXP"})
		}
	}
	return items
}

// BenchmarkImportKDBX10k is the import of a 10,000-entry KDBX 4 without
// its key derivation (one AES-KDF round): read, decrypt, parse, map onto
// the vault and write it as one edit.
func BenchmarkImportKDBX10k(b *testing.B) {
	doc := keepass.RenderXML("Bench", tenThousand(), false)
	data, err := keepass.EncodeKDBX4(doc, keepass.WriteOptions{Password: []byte("pw"), KDF: keepass.KDFAES(1), Rand: rand.Reader})
	if err != nil {
		b.Fatal(err)
	}
	benchImportFile(b, "bench.kdbx", data, interchange.Options{Password: []byte("pw")})
}

// BenchmarkImportKeePassXML10k is the same entries from KeePass 2 XML.
func BenchmarkImportKeePassXML10k(b *testing.B) {
	benchImportFile(b, "bench.xml", keepass.RenderXML("Bench", tenThousand(), true), interchange.Options{})
}

// BenchmarkImportCSV10k is the same entries as 10,000 rows of Vaultbar CSV.
func BenchmarkImportCSV10k(b *testing.B) {
	items := tenThousand()
	for i := range items {
		items[i].TypeName = "Login"
	}
	benchImportFile(b, "bench.csv", render.CSV(items), interchange.Options{})
}

// benchImportFile times reading and applying the file name holding data
// (all 10,000 entries) into a new vault; creating and locking the vault are
// not timed.
func benchImportFile(b *testing.B, name string, data []byte, opt interchange.Options) {
	path := filepath.Join(b.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		s := New(b.TempDir())
		s.testKDF = lightKDF
		if err := s.Create(pw); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		f, err := ReadImport(path, "", opt)
		if err != nil {
			b.Fatal(err)
		}
		if p, err := s.ApplyImport(f, ImportOptions{}); err != nil || p.Add != 10000 {
			b.Fatalf("%+v %v", p.Add, err)
		}
		b.StopTimer()
		s.Lock()
		b.StartTimer()
	}
}

// BenchmarkKeePassXCImportXML10k runs `keepassxc-cli import` of the same
// XML, side by side with the two above. It includes KeePassXC's key
// derivation, which it calibrates to its minimum of 100 ms.
func BenchmarkKeePassXCImportXML10k(b *testing.B) {
	if _, err := exec.LookPath("keepassxc-cli"); err != nil {
		b.Skip("keepassxc-cli is not installed")
	}
	dir := b.TempDir()
	xml := filepath.Join(dir, "bench.xml")
	os.WriteFile(xml, keepass.RenderXML("Bench", tenThousand(), true), 0o600)
	for i := 0; b.Loop(); i++ {
		cmd := exec.Command("keepassxc-cli", "import", "-q", "-t", "100", "-p", xml, filepath.Join(dir, fmt.Sprintf("db%d.kdbx", i)))
		cmd.Stdin = strings.NewReader("pw\npw\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%v %s", err, out)
		}
	}
}
