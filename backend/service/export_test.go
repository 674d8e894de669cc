package service

import (
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"vaultbar/backend/crypto"
	"vaultbar/backend/interchange"
	"vaultbar/backend/model"
)

func init() { exportKDF = crypto.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1} }

// sampleVault is a vault with imported KeePass records (history, extra
// fields, nested groups), a credit card, a record of a type of its own and
// a favourite.
func sampleVault(t *testing.T) *VaultService {
	s := created(t)
	if _, err := s.ApplyImport(readRich(t), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	router, err := s.AddType("Router", []model.FieldDef{{ID: "ip", Label: "IP address", Kind: model.KindText}, {ID: "admin", Label: "Admin password", Kind: model.KindSecret}})
	if err != nil {
		t.Fatal(err)
	}
	s.AddRecord(model.RecordInput{Type: router.ID, Name: "Home router", Groups: []string{"personal"}, Fields: map[string]string{"ip": "192.168.1.1", "admin": "r0uter"}})
	s.AddRecord(model.RecordInput{Type: "credit-card", Name: "Visa", Favorite: true, Notes: "travel card", Groups: []string{"personal", "business"},
		Fields: map[string]string{"cardholder": "A SMITH", "number": "4111111111111111", "expiry": "2029-04", "cvv": "123"}})
	s.AddRecord(model.RecordInput{Type: "login", Name: "GitHub", Fields: map[string]string{"username": "alice", "password": "gh-pass", "otp": "JBSWY3DPEHPK3PXP"}})
	return s
}

// snapshot is what a round trip must keep of each record: type name,
// fields by label (with kinds when withKinds), notes, favourite, groups
// other than an import's, and (withHistory) each field's earlier values.
func snapshot(t *testing.T, s *VaultService, withKinds, withHistory bool) map[string]string {
	t.Helper()
	groups, _ := s.Groups()
	gname := map[string]string{}
	for _, g := range groups {
		gname[g.ID] = g.Name
	}
	list, _ := s.List(model.Filter{})
	out := map[string]string{}
	for _, sum := range list {
		r, _ := s.Record(sum.ID)
		var parts []string
		for _, f := range r.Fields {
			if f.Value == "" {
				continue
			}
			if withKinds {
				parts = append(parts, fmt.Sprintf("%s(%s)=%s", f.Label, f.Kind, f.Value))
			} else {
				parts = append(parts, f.Label+"="+f.Value)
			}
		}
		var gs []string
		for _, id := range r.Groups {
			if !strings.HasPrefix(gname[id], "Imported from ") {
				gs = append(gs, gname[id])
			}
		}
		sort.Strings(parts)
		sort.Strings(gs)
		line := fmt.Sprintf("type=%s fav=%v notes=%q groups=%v fields=%v", r.TypeName, r.Favorite, r.Notes, gs, parts)
		if withHistory {
			h, _ := s.History(r.ID)
			var hv []string
			for _, e := range h {
				hv = append(hv, e.Label+"="+e.Value)
			}
			line += fmt.Sprintf(" history=%v", hv)
		}
		out[r.Name] = line
	}
	return out
}

func roundTrip(t *testing.T, src *VaultService, format string, password []byte) *VaultService {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export."+format)
	if err := src.ExportFile(path, format, password); err != nil {
		t.Fatal(err)
	}
	if err := src.ExportFile(path, format, password); !errors.Is(err, ErrExportExists) {
		t.Errorf("second export over the first: %v", err)
	}
	dst := created(t)
	f, err := ReadImport(path, "", interchange.Options{Password: password})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dst.ApplyImport(f, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// Importing the same export again adds nothing.
	p, err := dst.ApplyImport(f, ImportOptions{})
	if err != nil || p.Add != 0 {
		t.Errorf("second import of %s: %+v, %v", format, p, err)
	}
	return dst
}

func compareSnapshots(t *testing.T, got, want map[string]string) {
	t.Helper()
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s:\n got %s\nwant %s", name, got[name], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d records, want %d", len(got), len(want))
	}
}

func TestExportRoundTripVaultbar(t *testing.T) {
	src := sampleVault(t)
	dst := roundTrip(t, src, "vaultbar", []byte("export pw"))
	compareSnapshots(t, snapshot(t, dst, true, true), snapshot(t, src, true, true))
	if _, err := ReadImport(filepath.Join(t.TempDir(), "x"), "vaultbar", interchange.Options{}); err == nil {
		t.Error("missing file read")
	}
}

// TestExportRoundTripKeePass: KDBX and KeePass XML keep records, fields,
// groups, types (by the entry's "Vaultbar type" custom data) and TOTP
// secrets; field kinds outside the standard ones and history stay behind.
func TestExportRoundTripKeePass(t *testing.T) {
	src := sampleVault(t)
	for _, format := range []string{"kdbx", "keepass-xml"} {
		t.Run(format, func(t *testing.T) {
			dst := roundTrip(t, src, format, []byte("export pw"))
			compareSnapshots(t, snapshot(t, dst, false, false), snapshot(t, src, false, false))
		})
	}
}

// TestExportKDBXOpensInKeePassXC: keepassxc-cli lists every record of an
// exported KDBX, in its group, and shows a TOTP secret.
func TestExportKDBXOpensInKeePassXC(t *testing.T) {
	src := sampleVault(t)
	path := filepath.Join(t.TempDir(), "v.kdbx")
	if err := src.ExportFile(path, "kdbx", []byte("export pw")); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("keepassxc-cli", "ls", "-q", "-R", "-f", path)
	cmd.Stdin = strings.NewReader("export pw\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("keepassxc-cli: %v\n%s", err, out)
	}
	for _, want := range []string{"Work/Servers/db1", "Personal/Home router", "Bank", "GitHub", "Visa"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("keepassxc-cli ls lacks %q:\n%s", want, out)
		}
	}
	cmd = exec.Command("keepassxc-cli", "show", "-q", "-s", "-a", "otp", path, "GitHub")
	cmd.Stdin = strings.NewReader("export pw\n")
	if out, err := cmd.CombinedOutput(); err != nil || !strings.Contains(string(out), "JBSWY3DPEHPK3PXP") {
		t.Errorf("keepassxc-cli show otp: %v %s", err, out)
	}
}

func TestExportPlaintextFormats(t *testing.T) {
	src := sampleVault(t)
	csv, err := src.Export("csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(csv), "\n")
	if lines[0] != "type,name,groups,username,password,url,otp,notes,favorite,fields" || !strings.Contains(string(csv), `Login,GitHub,,alice,gh-pass,,JBSWY3DPEHPK3PXP,,,`) {
		t.Errorf("csv:\n%s", csv)
	}
	bw, _ := src.Export("bitwarden-json", nil)
	for _, want := range []string{`"encrypted": false`, `"totp": "JBSWY3DPEHPK3PXP"`, `"name": "Work / Servers"`, `"value": "4111111111111111"`} {
		if !strings.Contains(string(bw), want) {
			t.Errorf("bitwarden json lacks %s", want)
		}
	}
	if _, err := src.Export("kdbx", nil); !errors.Is(err, ErrEmptyPassword) {
		t.Errorf("kdbx without password: %v", err)
	}
	if _, err := src.Export("pdf", nil); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("unknown format: %v", err)
	}
}
