package scan

// fieldTable finds a plan's fields by name faster than a map for the short
// keys of event fields: open addressing on length and three bytes.
type fieldTable struct {
	slots []int32 // index into plan.fields + 1; 0 is empty
	shift uint32
}

func fieldHash(k string) uint32 {
	n := uint32(len(k))
	if n == 0 {
		return 0
	}
	h := n*0x9E3779B1 ^ uint32(k[0]) ^ uint32(k[n-1])<<8 ^ uint32(k[n/2])<<16
	return h * 0x85EBCA6B
}

func (p *plan) buildTable() {
	size := 16
	for size < 4*len(p.fields) {
		size *= 2
	}
	t := fieldTable{slots: make([]int32, size), shift: 32}
	for s := size; s > 1; s >>= 1 {
		t.shift--
	}
	for i := range p.fields {
		if int32(i) == p.kw {
			continue
		}
		j := fieldHash(p.fields[i].name) >> t.shift
		for t.slots[j] != 0 {
			j = (j + 1) & uint32(size-1)
		}
		t.slots[j] = int32(i) + 1
	}
	p.table = t
}

// lookup returns the index of field k in p.fields, or -1.
func (p *plan) lookup(k string) int32 {
	t := &p.table
	mask := uint32(len(t.slots) - 1)
	for j := fieldHash(k) >> t.shift; ; j = (j + 1) & mask {
		x := t.slots[j]
		if x == 0 {
			return -1
		}
		if p.fields[x-1].name == k {
			return x - 1
		}
	}
}
