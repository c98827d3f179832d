// cputarget.c: see include/cputarget.h.
#include "cputarget.h"
#include <stdio.h>
#include <stdlib.h>

const char *cputarget_name(void) {
#if defined(AELAB_TARGET_AVX512)
    return "skylake-avx512";
#elif defined(AELAB_TARGET_AVX2)
    return "haswell";
#else
    return "generic";
#endif
}

int cputarget_supported(void) {
#if defined(__x86_64__) && (defined(AELAB_TARGET_AVX512) || defined(AELAB_TARGET_AVX2))
    __builtin_cpu_init();
    int avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
        && __builtin_cpu_supports("bmi2");
#if defined(AELAB_TARGET_AVX512)
    return avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")
        && __builtin_cpu_supports("avx512cd");
#else
    return avx2;
#endif
#else
    return 1;
#endif
}

void cputarget_check_or_exit(void) {
    if (cputarget_supported()) return;
    fprintf(stderr,
            "aelab: this binary was compiled for %s CPUs (AELAB_CPU at build time), and this CPU "
            "lacks some of its instructions; rebuild on this machine (make release picks the CPU "
            "itself) or with AELAB_CPU= for a generic build\n",
            cputarget_name());
    exit(1);
}
