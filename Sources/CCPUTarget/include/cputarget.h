// cputarget: the instruction set the engine was compiled for (the Makefile's AELAB_CPU, passed
// as -DAELAB_TARGET_AVX512 or -DAELAB_TARGET_AVX2), and a start-up check that the CPU running
// the binary has it. A binary built with -target-cpu skylake-avx512 would otherwise die with
// SIGILL somewhere in training on an older CPU; this stops first with a sentence saying why.
// This file is compiled without the target flags, so the check itself runs on any x86-64.
#ifndef AELAB_CPUTARGET_H
#define AELAB_CPUTARGET_H

/// "skylake-avx512", "haswell" or "generic": what the build was compiled for.
const char *cputarget_name(void);
/// 1 when this CPU can run the build, 0 otherwise.
int cputarget_supported(void);
/// Prints a message naming the build's target and the fix to stderr and exits with status 1
/// when the CPU cannot run the build; returns otherwise.
void cputarget_check_or_exit(void);

#endif
