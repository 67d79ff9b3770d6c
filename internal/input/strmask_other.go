//go:build !amd64

package input

func specialMask64(p *byte) uint64 { return specialMask64Go(p) }
