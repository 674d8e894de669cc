package otp

import (
	"encoding/base32"
	"errors"
	"strings"
	"testing"
	"time"
)

// RFC 6238 Appendix B: the seeds are ASCII "1234567890" repeated to the
// hash's length.
var rfcSeeds = map[Algorithm]string{
	SHA1:   "12345678901234567890",
	SHA256: "12345678901234567890123456789012",
	SHA512: "1234567890123456789012345678901234567890123456789012345678901234",
}

var rfcVectors = []struct {
	unix int64
	alg  Algorithm
	code string
}{
	{59, SHA1, "94287082"}, {59, SHA256, "46119246"}, {59, SHA512, "90693936"},
	{1111111109, SHA1, "07081804"}, {1111111109, SHA256, "68084774"}, {1111111109, SHA512, "25091201"},
	{1111111111, SHA1, "14050471"}, {1111111111, SHA256, "67062674"}, {1111111111, SHA512, "99943326"},
	{1234567890, SHA1, "89005924"}, {1234567890, SHA256, "91819424"}, {1234567890, SHA512, "93441116"},
	{2000000000, SHA1, "69279037"}, {2000000000, SHA256, "90698825"}, {2000000000, SHA512, "38618901"},
	{20000000000, SHA1, "65353130"}, {20000000000, SHA256, "77737706"}, {20000000000, SHA512, "47863826"},
}

func b32(s string) string { return base32.StdEncoding.EncodeToString([]byte(s)) }

func TestRFC6238Vectors(t *testing.T) {
	for _, v := range rfcVectors {
		uri := "otpauth://totp/Example:alice?secret=" + strings.TrimRight(b32(rfcSeeds[v.alg]), "=") +
			"&digits=8&period=30&algorithm=" + string(v.alg)
		code, rem, err := Code(uri, time.Unix(v.unix, 0))
		if err != nil {
			t.Fatalf("%d %s: %v", v.unix, v.alg, err)
		}
		if code != v.code {
			t.Errorf("%d %s: code %s, want %s", v.unix, v.alg, code, v.code)
		}
		if want := time.Duration(30-v.unix%30) * time.Second; rem != want {
			t.Errorf("%d %s: remaining %v, want %v", v.unix, v.alg, rem, want)
		}
	}
}

func TestBase32Defaults(t *testing.T) {
	// Lower case, spaces and padding as sites print them; SHA1, 6 digits, 30 s.
	secret := strings.ToLower(b32(rfcSeeds[SHA1]))
	spaced := secret[:4] + " " + secret[4:12] + " " + secret[12:]
	code, rem, err := Code(spaced, time.Unix(59, 0))
	if err != nil {
		t.Fatal(err)
	}
	if code != "287082" || rem != time.Second {
		t.Errorf("got %s %v, want 287082 1s", code, rem)
	}
}

func TestParseURI(t *testing.T) {
	k, err := Parse("otpauth://totp/ACME:bob@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME&digits=7&period=60&algorithm=sha256")
	if err != nil {
		t.Fatal(err)
	}
	if string(k.Secret) != "Hello!\xde\xad\xbe\xef" || k.Digits != 7 || k.Period != time.Minute || k.Algorithm != SHA256 {
		t.Errorf("got %+v", k)
	}
	k, err = Parse("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP")
	if err != nil || k.Digits != 6 || k.Period != 30*time.Second || k.Algorithm != SHA1 {
		t.Errorf("defaults: %+v %v", k, err)
	}
}

func TestBadInput(t *testing.T) {
	for in, want := range map[string]string{
		"":                   "empty",
		"not base32 at all!": "not valid base32",
		"JBSWY3DP1":          "not valid base32",
		"otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP":               "only otpauth://totp/",
		"otpauth://totp/x":                                       "no secret=",
		"otpauth://totp/x?secret=%%%":                            "cannot be read",
		"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=4":      "digits must be 6 to 10",
		"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0":      "period",
		"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5": "SHA1, SHA256 or SHA512",
		"otpauth://totp/x?secret=18&digits=6":                    "not valid base32",
	} {
		_, _, err := Code(in, time.Unix(0, 0))
		if err == nil || !strings.Contains(err.Error(), want) || !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: got %v, want an ErrInvalid saying %q", in, err, want)
		}
		if err != nil && err.Error() != strings.ToLower(err.Error()[:1])+err.Error()[1:] {
			t.Errorf("%q: error not lower case: %v", in, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("JBSWY3DPEHPK3PXP")
	f.Add("jbsw y3dp ehpk 3pxp====")
	f.Add("otpauth://totp/ACME:bob?secret=JBSWY3DPEHPK3PXP&digits=8&period=60&algorithm=SHA512")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := Parse(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v does not wrap ErrInvalid", err)
			}
			return
		}
		code, rem := k.At(time.Unix(1111111109, 0))
		if len(code) != k.Digits || rem <= 0 || rem > k.Period {
			t.Fatalf("%+v: code %q remaining %v", k, code, rem)
		}
		// The secret round-trips through its base32 form.
		k2, err := Parse(base32.StdEncoding.EncodeToString(k.Secret))
		if err != nil || string(k2.Secret) != string(k.Secret) {
			t.Fatalf("round trip of %x: %v", k.Secret, err)
		}
	})
}
