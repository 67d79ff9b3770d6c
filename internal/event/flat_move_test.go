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

// TestValueIsFourWords pins Value's size: held batches and flat events
// keep one per field, and a kind byte beside the string and interface
// would make it 40 bytes.
func TestValueIsFourWords(t *testing.T) {
	if n := unsafe.Sizeof(Value{}); n != 4*unsafe.Sizeof(uintptr(0)) {
		t.Errorf("Value is %d bytes", n)
	}
	for _, c := range []struct {
		v    Value
		kind Kind
		text string
	}{{Str("a"), String, "a"}, {NumText("4624"), Number, "4624"}, {Str(""), String, ""}, {Of(nil), Null, ""}, {Of(true), Bool, "true"}} {
		if c.v.Kind() != c.kind {
			t.Errorf("%#v: kind %v, want %v", c.v, c.v.Kind(), c.kind)
		}
		if s, _ := c.v.Text(); s != c.text {
			t.Errorf("%#v: text %q, want %q", c.v, s, c.text)
		}
	}
}
