package scan

import (
	"hash/maphash"
	"unsafe"
)

// Logs repeat themselves: the same image paths, command lines, hashes and
// script blocks come back thousands of times (on the bench events, 904
// distinct CommandLine values in 100,000 process creations). Which needles
// a field's automata find in a value depends on the value alone, so a
// worker remembers, per plan field, the needles of the values it has seen
// twice and marks them again without scanning. A value is copied only on
// its second sighting (a doorkeeper of hashes turns one-off values away),
// a field whose values rarely recur stops using its memo for a while, and
// every memo is bounded, so memory stays flat however long the input.
// Fields whose automata all jump (acMatcher.wm: long needles only, such as
// the keyword scan's) have no memo: their scan reads a fraction of a
// value's bytes, where a lookup hashes and compares every one (no memo
// for them measured 3–5% faster than memos from 64 bytes up).

const (
	memoMinLen   = 12      // shorter values cost less to scan than to look up
	memoMaxLen   = 1 << 16 // longer ones are scanned every time
	memoSlots    = 1 << 10 // per field, direct-mapped on the value's hash
	memoTables   = memoSlots * (24 + 8)
	memoBudget   = 32 << 20
	memoWindow   = 4096  // lookups between looks at the hit rate
	memoRest     = 65536 // values scanned without a memo after a poor window
	memoMinShare = 4     // a window with fewer than 1 hit in memoMinShare lookups is poor
)

// memoSlot is a remembered value: its hash, and in one allocation the
// needles scanning it marks (in the order it marks them) followed by its
// bytes, so a hit touches two cache lines, not four.
type memoSlot struct {
	hash       uint64
	data       *int32
	nids, klen uint32
}

func (sl *memoSlot) key() string {
	return unsafe.String((*byte)(unsafe.Add(unsafe.Pointer(sl.data), 4*uintptr(sl.nids))), int(sl.klen))
}

func (sl *memoSlot) ids() []int32 { return unsafe.Slice(sl.data, sl.nids) }

func (sl *memoSlot) size() int { return 4*int(sl.nids) + int(sl.klen) }

// set remembers key and its needles in sl.
func (sl *memoSlot) set(h uint64, key string, ids []int32) {
	buf := make([]int32, len(ids)+(len(key)+3)/4)
	copy(buf, ids)
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&buf[len(ids)])), len(key)), key)
	sl.hash, sl.data, sl.nids, sl.klen = h, &buf[0], uint32(len(ids)), uint32(len(key))
}

// valueMemo is one plan field's memo in one worker.
type valueMemo struct {
	slots []memoSlot
	door  []uint64 // hashes of values seen once
	tries int32    // lookups in this window, or while resting, values let pass (negative)
	hits  int32
}

// memoState is one worker's memos, by planField.memo.
type memoState struct {
	seed      maphash.Seed
	memos     []valueMemo
	bytes     int // keys and needle lists held by all memos
	budget    int // bytes allowed; 0: memoBudget
	hits      int // values whose needles came from a memo
	recording bool
	rec       []int32
}

// lookup returns the memo of pf for a value of length n, or nil when the
// value is not worth remembering or pf's memo is resting.
func (ms *memoState) lookup(pf *planField, n int) *valueMemo {
	if pf.memo == 0 || n < memoMinLen || n > memoMaxLen {
		return nil
	}
	if int(pf.memo) > len(ms.memos) {
		if pf.memo > maxPlans*64 { // plan caches started over many times: stop growing
			return nil
		}
		if len(ms.memos) == 0 {
			ms.seed = maphash.MakeSeed()
		}
		ms.memos = append(ms.memos, make([]valueMemo, int(pf.memo)-len(ms.memos))...)
	}
	m := &ms.memos[pf.memo-1]
	if m.tries < 0 {
		m.tries++
		return nil
	}
	if m.tries++; m.tries == memoWindow {
		poor := m.hits*memoMinShare < m.tries
		m.tries, m.hits = 0, 0
		if poor {
			m.tries = -memoRest
			return nil
		}
	}
	if m.slots == nil {
		if ms.bytes += memoTables; ms.bytes > ms.limit() {
			ms.reset()
			ms.bytes = memoTables
		}
		m.slots = make([]memoSlot, memoSlots)
		m.door = make([]uint64, memoSlots)
	}
	return m
}

// scanMemo scans s for pf as scanText does, through memo m.
func (st *pfState) scanMemo(m *valueMemo, pf *planField, s string) {
	ms := &st.memo
	h := maphash.String(ms.seed, s)
	i := h & (memoSlots - 1)
	sl := &m.slots[i]
	if sl.hash == h && int(sl.klen) == len(s) && sl.key() == s {
		m.hits++
		ms.hits++
		for _, id := range sl.ids() {
			st.markNeedle(id)
		}
		return
	}
	if m.door[i] != h { // first sighting
		m.door[i] = h
		st.scanFolded(pf, s)
		return
	}
	ms.recording, ms.rec = true, ms.rec[:0]
	st.scanFolded(pf, s)
	ms.recording = false
	old := sl.size()
	sl.set(h, s, ms.rec)
	if ms.bytes += sl.size() - old; ms.bytes > ms.limit() {
		ms.reset()
	}
}

func (ms *memoState) limit() int {
	if ms.budget > 0 {
		return ms.budget
	}
	return memoBudget
}

// reset forgets every memo: the worker's memos reached their budget.
func (ms *memoState) reset() {
	for i := range ms.memos {
		ms.memos[i].slots, ms.memos[i].door = nil, nil
	}
	ms.bytes = 0
}
