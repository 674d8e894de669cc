package service

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vaultbar/backend/interchange"
)

// TestAccountEncryptedBitwardenIsExplained: a Bitwarden export sealed with
// the account's key can't be read here; the user gets a sentence and what
// to do instead, not a bare error.
func TestAccountEncryptedBitwardenIsExplained(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bitwarden_export.json")
	doc := `{"encrypted": true, "encKeyValidation_DO_NOT_EDIT": "2.AAAA|BBBB|CCCC", "folders": [], "items": []}`
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := ReadImport(path, "", interchange.Options{})
	msg, hint := Explain(err)
	if !strings.Contains(msg, "account") || !strings.Contains(hint, "Password protected") {
		t.Errorf("Explain(%v) = %q / %q", err, msg, hint)
	}
}
