package scan

import "bytes"

// rawKind hashes the texts after the first "Channel" and "EventID" keys of
// an undecoded JSON record: a cheap stand-in for the plan its event gets
// (keyOf), read without decoding. It only orders work (held.go), so a
// stand-in that differs from the plan (the key inside a value, escapes,
// another spelling) costs speed, never an alert.
func rawKind(b []byte) uint64 {
	h := uint64(14695981039346656037) // FNV-1a
	for _, key := range [...][]byte{[]byte(`"Channel"`), []byte(`"EventID"`)} {
		i := bytes.Index(b, key)
		if i < 0 {
			h = (h ^ 0xfe) * 1099511628211
			continue
		}
		i += len(key)
		for i < len(b) && (b[i] == ' ' || b[i] == ':' || b[i] == '"') {
			i++
		}
		for ; i < len(b) && b[i] != '"' && b[i] != ',' && b[i] != '}'; i++ {
			h = (h ^ uint64(b[i])) * 1099511628211
		}
		h = (h ^ 0xff) * 1099511628211
	}
	return h
}
