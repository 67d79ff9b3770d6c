#include "textflag.h"

// MASK16 sets the low 16 bits of reg to the special bytes of the 16 bytes
// at off(SI): equal to X1 ('"') or X2 ('\\'), or below X3 (0x20) as signed
// bytes, which is both the control bytes and every byte from 0x80.
#define MASK16(off, reg) \
	MOVOU off(SI), X4; \
	MOVO X4, X5; \
	PCMPEQB X1, X5; \
	MOVO X4, X6; \
	PCMPEQB X2, X6; \
	POR X6, X5; \
	MOVO X3, X6; \
	PCMPGTB X4, X6; \
	POR X6, X5; \
	PMOVMSKB X5, reg

// func specialMask64(p *byte) uint64
//
// Bit k of the result is set when p[k] (k < 64) is a quote, a backslash, a
// control byte or a non-ASCII byte. SSE2 only: every amd64 has it.
TEXT ·specialMask64(SB), NOSPLIT, $0-16
	MOVQ p+0(FP), SI
	MOVQ $0x2222222222222222, AX
	MOVQ AX, X1
	PUNPCKLQDQ X1, X1
	MOVQ $0x5c5c5c5c5c5c5c5c, AX
	MOVQ AX, X2
	PUNPCKLQDQ X2, X2
	MOVQ $0x2020202020202020, AX
	MOVQ AX, X3
	PUNPCKLQDQ X3, X3

	MASK16(0, AX)
	MASK16(16, BX)
	SHLQ $16, BX
	ORQ BX, AX
	MASK16(32, BX)
	SHLQ $32, BX
	ORQ BX, AX
	MASK16(48, BX)
	SHLQ $48, BX
	ORQ BX, AX

	MOVQ AX, ret+8(FP)
	RET
