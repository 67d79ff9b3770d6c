// Package evtx reads Windows XML Event Log (.evtx) files record by record and
// gives each record as the canonical flat field map of package winevent, the
// same one the JSON readers give, so Sigma rules see one set of names.
//
// It is written from the public format description (file header, 64 KiB
// chunks, records, BinXML with templates and substitutions) because no Go
// EVTX library fit: the one the module proxy serves is GPL-3.0, which an
// Apache-2.0 binary cannot ship (see docs/evtx.md for the evaluation).
//
// Reading streams: one chunk (64 KiB) is in memory at a time, whatever the
// file size. Damage never stops a read: a bad chunk or record is skipped,
// returned from Next as an *Error naming file, chunk and byte offset, counted
// in Stats, and the next call carries on. No input makes the package panic;
// BinXML decoding runs under a recover that turns a fault into a skip.
package evtx

import (
	"github.com/vigil-sec/vigil/internal/event"
	"time"

	"github.com/vigil-sec/vigil/internal/winevent"
)

const (
	fileHeaderSize  = 4096
	chunkSize       = 65536
	chunkHeaderSize = 512 // header (128) + string table (256) + template table (128)
	recordHeaderLen = 24  // magic, size, record id, written time
	fileMagic       = "ElfFile\x00"
	chunkMagic      = "ElfChnk\x00"
	recordMagic     = "\x2a\x2a\x00\x00"
)

// IsEVTX reports whether header, the first bytes of a file, starts with the
// EVTX file magic. Scanners use it to pick the reader by content, because
// exported logs are often renamed or have no extension.
func IsEVTX(header []byte) bool {
	return len(header) >= len(fileMagic) && string(header[:len(fileMagic)]) == fileMagic
}

// Record is one event record.
type Record struct {
	ID     uint64    // event record identifier from the record header
	Offset int64     // file offset of the record's magic
	Chunk  int       // chunk number, 0-based, in file order
	Time   time.Time // written time from the record header (UTC)
	// Fields is the canonical flat event (winevent.Flatten): EventID,
	// Channel, Provider_Name, Computer, TimeCreated, ... plus every
	// EventData/UserData field at top level.
	Fields map[string]any
	// Flat is the same event as an event.Flat, set instead of Fields when
	// Reader.Flat is: matching reads it faster than a map.
	Flat *event.Flat
	// Tree is the rendered <Event> element, set only when Reader.KeepTree is.
	Tree *winevent.Element
}

// filetime converts a Windows FILETIME (100 ns ticks since 1601-01-01 UTC).
func filetime(ft uint64) time.Time {
	const epochDiff = 116444736000000000 // 1601→1970 in 100 ns ticks
	t := int64(ft/10_000_000) - epochDiff/10_000_000
	return time.Unix(t, int64(ft%10_000_000)*100).UTC()
}
