package ipc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"
)

func TestFrameRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	in := Request{V: Version, Op: "List", Command: "vaultbar ls"}
	if err := writeFrame(&buf, in, MaxRequest); err != nil {
		t.Fatal(err)
	}
	var out Request
	if err := readFrame(&buf, &out, MaxRequest); err != nil || out.Op != "List" || out.V != Version {
		t.Fatalf("read %+v, %v", out, err)
	}
}

func TestOversizedFrameNotWrittenOrRead(t *testing.T) {
	var buf bytes.Buffer
	if err := writeFrame(&buf, string(make([]byte, 100)), 50); !errors.Is(err, errFrame) || buf.Len() != 0 {
		t.Fatalf("wrote an oversized frame: %v, %d bytes", err, buf.Len())
	}
	// A length over the bound is refused before the body is read.
	r := io.MultiReader(bytes.NewReader(binary.BigEndian.AppendUint32(nil, 1<<31)), neverRead{t})
	var v any
	if err := readFrame(r, &v, MaxRequest); !errors.Is(err, errFrame) {
		t.Fatalf("err = %v", err)
	}
}

type neverRead struct{ t *testing.T }

func (n neverRead) Read([]byte) (int, error) {
	n.t.Fatal("read the body of an oversized frame")
	return 0, io.EOF
}

// FuzzReadFrame: any bytes give a request or an error, never a panic or a
// read past the bound.
func FuzzReadFrame(f *testing.F) {
	f.Add(binary.BigEndian.AppendUint32(nil, 2), "{}")
	f.Add(binary.BigEndian.AppendUint32(nil, 5), "{{{{{")
	f.Add(binary.BigEndian.AppendUint32(nil, 0), "")
	f.Add(binary.BigEndian.AppendUint32(nil, 40), `{"v":1,"op":"Find","args":["x"],"command":"a"}`)
	f.Fuzz(func(t *testing.T, hdr []byte, body string) {
		r := io.MultiReader(bytes.NewReader(hdr), bytes.NewReader([]byte(body)))
		var req Request
		if err := readFrame(r, &req, 1024); err == nil && len(body) > 1024 {
			t.Fatalf("accepted a frame over the bound")
		}
		if req.Args != nil {
			_ = decode(req.Args, len(req.Args), make([]any, len(req.Args))...)
		}
	})
}

// FuzzFromWire: any error the app sends becomes an error, never a panic.
func FuzzFromWire(f *testing.F) {
	f.Add("ambiguous", "msg", "q", "a")
	f.Add("not_found", "", "", "")
	f.Fuzz(func(t *testing.T, code, msg, query, match string) {
		err := fromWire(&WireError{Code: code, Msg: msg, Query: query, Matches: []string{match}})
		if err == nil || err.Error() != msg {
			t.Fatalf("fromWire = %v", err)
		}
	})
}
