package evtx

import (
	"encoding/binary"
	"hash/crc32"
)

// fileHeader is the part of the 4 KiB file header the reader uses. The chunk
// count is informational only: chunks are found by file size, because a file
// that was not closed cleanly has more chunks than its header says.
type fileHeader struct {
	chunkCount uint16
	major      uint16
	minor      uint16
	flags      uint32
	crcOK      bool
}

func parseFileHeader(b []byte) fileHeader {
	le := binary.LittleEndian
	h := fileHeader{}
	if len(b) < 128 {
		return h
	}
	h.minor = le.Uint16(b[36:])
	h.major = le.Uint16(b[38:])
	h.chunkCount = le.Uint16(b[42:])
	h.flags = le.Uint32(b[120:])
	h.crcOK = crc32.ChecksumIEEE(b[:120]) == le.Uint32(b[124:])
	return h
}

// chunkHeader is the 512-byte chunk header; the string and template tables
// in it are not used: names and templates are reached through the offsets
// in the BinXML itself, which is why a broken string cache reads the same.
type chunkHeader struct {
	firstID, lastID uint64
	lastRecordOff   uint32
	freeOff         uint32
	dataCRC         uint32
	headerCRC       uint32
}

func parseChunkHeader(b []byte) chunkHeader {
	le := binary.LittleEndian
	return chunkHeader{
		firstID:       le.Uint64(b[24:]),
		lastID:        le.Uint64(b[32:]),
		lastRecordOff: le.Uint32(b[44:]),
		freeOff:       le.Uint32(b[48:]),
		dataCRC:       le.Uint32(b[52:]),
		headerCRC:     le.Uint32(b[124:]),
	}
}

// headerCRCOK checks the CRC32 over header bytes 0–120 and 128–512.
func headerCRCOK(b []byte, h chunkHeader) bool {
	c := crc32.ChecksumIEEE(b[:120])
	c = crc32.Update(c, crc32.IEEETable, b[128:chunkHeaderSize])
	return c == h.headerCRC
}

// dataCRCOK checks the CRC32 over the records, from 512 to the free-space
// offset.
func dataCRCOK(b []byte, h chunkHeader) bool {
	end := int(h.freeOff)
	if end < chunkHeaderSize || end > len(b) {
		return false
	}
	return crc32.ChecksumIEEE(b[chunkHeaderSize:end]) == h.dataCRC
}
