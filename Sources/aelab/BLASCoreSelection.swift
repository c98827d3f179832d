// BLASCoreSelection: when OpenBLAS falls back to its generic "Prescott" kernels on a CPU it
// does not recognise (common in virtual machines), restart the process once with
// OPENBLAS_CORETYPE naming the kernel the CPU's flags support. OpenBLAS reads that variable
// when it loads, before main, so a restart is the only way to set it from inside.
import AutoencoderKit
import Foundation

enum BLASCoreSelection {
    /// Re-executes the program with a better OPENBLAS_CORETYPE, or returns when none applies.
    static func restartWithBetterKernelIfNeeded() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, environment["AELAB_BLAS_RESTARTED"] == nil,
            BLAS.coreName.lowercased() == "prescott",
            let kernel = kernelForThisCPU()
        else { return }
        setenv("OPENBLAS_CORETYPE", kernel, 1)
        setenv("AELAB_BLAS_RESTARTED", "1", 1)
        var arguments = CommandLine.arguments.map { strdup($0) }
        arguments.append(nil)
        execv("/proc/self/exe", &arguments)
        // execv returns only on failure: carry on with the generic kernels
    }

    /// "SkylakeX" with AVX-512, "Haswell" with AVX2 and FMA, nil otherwise (Linux flags).
    static func kernelForThisCPU() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let flagsLine = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return nil }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }
}
