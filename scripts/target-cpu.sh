#!/bin/sh
# target-cpu.sh: the CPU the engine is compiled for on this machine, for the Makefile's
# AELAB_CPU (swiftc -target-cpu). Prints "skylake-avx512" when the CPU has the AVX-512 subsets
# LLVM's skylake-avx512 uses, "haswell" with AVX2, FMA and BMI2, and nothing otherwise (a
# generic x86-64 or non-x86 build). The binary checks at start-up that the CPU it runs on has
# what it was compiled for (Sources/CCPUTarget) and says so plainly if not.
flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null)
has() { for f in "$@"; do case " $flags " in *" $f "*) ;; *) return 1 ;; esac; done; }
if has avx512f avx512bw avx512dq avx512vl avx512cd avx2 fma bmi2; then
  echo skylake-avx512
elif has avx2 fma bmi2 f16c movbe; then
  echo haswell
fi
