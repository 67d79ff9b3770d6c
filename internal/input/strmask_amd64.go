package input

// specialMask64 is in strmask_amd64.s; p must point at 64 readable bytes.
//
//go:noescape
func specialMask64(p *byte) uint64
