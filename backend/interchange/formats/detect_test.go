package formats

import (
	"archive/zip"
	"bytes"
	"os"
	"testing"

	"vaultbar/backend/interchange"
	"vaultbar/backend/interchange/render"
)

// TestDetectEachFixture: every format family's fixture is detected as its
// own format from its name and first 512 bytes, through the whole list, so
// two Sniffs that overlap fail here rather than at a user's import.
func TestDetectEachFixture(t *testing.T) {
	cases := map[string]string{
		"../msecure/testdata/msecure6.csv":               "msecure6-csv",
		"../msecure/testdata/msecure5.csv":               "msecure5-csv",
		"../msecure/testdata/msecure5-windows.csv":       "msecure5-csv",
		"../bitwarden/testdata/bitwarden.json":           "bitwarden-json",
		"../bitwarden/testdata/bitwarden-protected.json": "bitwarden-json",
		"../bitwarden/testdata/bitwarden.csv":            "bitwarden-csv",
		"../enpass/testdata/enpass.json":                 "enpass-json",
		"../onepassword/testdata/1password.csv":          "1password-csv",
		"../csvfmt/testdata/chrome.csv":                  "chrome-csv",
		"../csvfmt/testdata/firefox.csv":                 "firefox-csv",
		"../csvfmt/testdata/safari.csv":                  "safari-csv",
		"../csvfmt/testdata/keepassxc.csv":               "keepassxc-csv",
	}
	for path, want := range cases {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		assertDetect(t, "export.csv", data, want)
	}
	assertDetect(t, "export.1pux", onePUX(t), "1pux")
	assertDetect(t, "vault.csv", render.CSV([]interchange.Item{{Type: "login", Title: "x"}}), "vaultbar-csv")
	assertDetect(t, "mine.csv", []byte("Account,Login,Password,Website\nx,y,z,w\n"), "generic-csv")
}

func assertDetect(t *testing.T, name string, data []byte, want string) {
	t.Helper()
	f, err := Detect(name, data[:min(len(data), 512)])
	if err != nil || f.ID != want {
		t.Errorf("%s (%s): detected %q, %v; want %q", name, data[:min(len(data), 40)], f.ID, err, want)
	}
}

func onePUX(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range []string{"export.attributes", "export.data"} {
		b, err := os.ReadFile("../onepassword/testdata/" + n)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(n)
		w.Write(b)
	}
	zw.Close()
	return buf.Bytes()
}
