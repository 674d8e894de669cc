package crypto

import "testing"

func TestOpenInPlace(t *testing.T) {
	k, err := NewKey()
	if err != nil {
		t.Fatal(err)
	}
	sealed := k.Seal([]byte("in place"), []byte("ad"))
	if got, err := k.OpenInPlace(append([]byte(nil), sealed...), []byte("ad")); err != nil || string(got) != "in place" {
		t.Fatalf("got %q, %v", got, err)
	}
	if _, err := k.OpenInPlace(sealed, []byte("other")); err != ErrDecrypt {
		t.Fatalf("wrong ad: %v", err)
	}
	if _, err := k.OpenInPlace(sealed[:3], nil); err != ErrDecrypt {
		t.Fatalf("short: %v", err)
	}
}
