package evtx

import "fmt"

// Error reports one damaged part of a file: what was skipped and where.
// Next returns it and reading goes on with the next record or chunk.
type Error struct {
	Path   string
	Chunk  int   // chunk number, -1 for the file header
	Offset int64 // file offset of the damaged structure
	Reason string
}

func (e *Error) Error() string {
	if e.Chunk < 0 {
		return fmt.Sprintf("%s: offset %d (0x%x): %s", e.Path, e.Offset, e.Offset, e.Reason)
	}
	return fmt.Sprintf("%s: chunk %d, offset %d (0x%x): %s", e.Path, e.Chunk, e.Offset, e.Offset, e.Reason)
}

// decodeError is a BinXML fault at a chunk-relative offset; the reader turns
// it into an *Error with the file offset.
type decodeError struct {
	off int
	msg string
}

func (e *decodeError) Error() string { return fmt.Sprintf("chunk offset 0x%x: %s", e.off, e.msg) }

func errAt(off int, format string, args ...any) error {
	return &decodeError{off: off, msg: fmt.Sprintf(format, args...)}
}
