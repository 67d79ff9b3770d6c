package attack

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
)

// ReadBundle parses one STIX 2.1 ATT&CK bundle (plain or gzip JSON) into a Domain.
// name labels errors, usually the file path.
func ReadBundle(r io.Reader, name string) (*Domain, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	var src io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, &FormatError{File: name, Offset: 0, Reason: "bad gzip header: " + err.Error()}
		}
		defer gz.Close()
		src = gz
	}
	objs, err := decodeBundle(src)
	if err == nil {
		var d *Domain
		if d, err = buildDomain(objs); err == nil {
			return d, nil
		}
	}
	var fe *FormatError
	if errors.As(err, &fe) {
		fe.File = name
		return nil, fe
	}
	return nil, fmt.Errorf("%s: %w", name, err)
}

// ReadBundleFile reads a bundle from disk.
func ReadBundleFile(path string) (*Domain, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadBundle(f, path)
}
