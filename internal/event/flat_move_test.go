package event

import (
	"bytes"
	"testing"
	"unsafe"
)

// TestMoveToOutlivesItsBuffers: a moved event keeps its keys and texts
// when the record's buffer and the decoder's scratch space are reused,
// and the texts that were in the record now point into its copy.
func TestMoveToOutlivesItsBuffers(t *testing.T) {
	raw := []byte(`{"Channel":"Security","EventID":4688}`)
	scratch := []byte(`C:\Windows`) // as if unescaped from C:\\Windows
	view := func(b []byte, from, to int) string { return unsafe.String(&b[from], to-from) }
	f := &Flat{Fields: []Field{
		{Key: view(raw, 2, 9), Val: Str(view(raw, 12, 20))},
		{Key: view(raw, 23, 30), Val: NumText(view(raw, 32, 36))},
		{Key: "Image", Val: Str(view(scratch, 0, len(scratch)))},
		{Key: "Flag", Val: Of(true)},
		{Key: "Empty", Val: Str("")},
	}}
	want := f.Map()
	held := append([]byte(nil), raw...)
	fields, arena := f.MoveTo([]Field{{Key: "earlier"}}, raw, held, make([]byte, 0, 64))
	if len(fields) != 6 || fields[0].Key != "earlier" {
		t.Fatalf("fields not appended: %v", fields)
	}
	moved := &Flat{Fields: fields[1:]}
	copy(raw, bytes.Repeat([]byte("X"), len(raw)))
	copy(scratch, bytes.Repeat([]byte("Y"), len(scratch)))
	got := moved.Map()
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %v after the buffers were reused, want %v", k, got[k], v)
		}
	}
	if _, ok := within(moved.Fields[0].Val.s, held); !ok {
		t.Error("a text from the record was copied instead of pointed into its copy")
	}
	if _, ok := within(moved.Fields[2].Val.s, arena); !ok {
		t.Error("an unescaped text was not copied into the arena")
	}
}
