/* SPDX-License-Identifier: BSD-2-Clause */
/* semihost.S: Arm semihosting call (AArch64: HLT #0xF000, w0 = op,
 * x1 = parameter block, result in x0). */
	.text
	.globl semihost_call
	.type semihost_call, %function
semihost_call:
	hlt	#0xf000
	ret
	.size semihost_call, . - semihost_call
