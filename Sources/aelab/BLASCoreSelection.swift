// BLASCoreSelection: when OpenBLAS falls back to its generic "Prescott" kernels on a CPU it
// does not recognise (common in virtual machines), restart the process once with
// OPENBLAS_CORETYPE naming the kernel the CPU's flags support. OpenBLAS reads that variable
// when it loads, before main, so a restart is the only way to set it from inside. The restart
// executes the binary's real path (the target of /proc/self/exe) with argv[0] unchanged, so
// ps, top and pgrep keep showing "aelab".
import AutoencoderKit
import Foundation

enum BLASCoreSelection {
    /// Re-executes the program with a better OPENBLAS_CORETYPE, or returns when none applies.
    static func restartWithBetterKernelIfNeeded() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, environment["AELAB_BLAS_RESTARTED"] == nil,
            BLAS.coreName.lowercased() == "prescott",
            let kernel = kernelForThisCPU(),
            let path = executablePath()
        else { return }
        setenv("OPENBLAS_CORETYPE", kernel, 1)
        setenv("AELAB_BLAS_RESTARTED", "1", 1)
        var arguments = CommandLine.arguments.map { strdup($0) }
        arguments.append(nil)
        execv(path, &arguments)
        // execv returns only on failure: carry on with the generic kernels
        unsetenv("OPENBLAS_CORETYPE")
        unsetenv("AELAB_BLAS_RESTARTED")
    }

    /// One line saying which kernel runs and why (for bench and a future doctor).
    static var kernelExplanation: String {
        let environment = ProcessInfo.processInfo.environment
        let core = BLAS.coreName
        if environment["AELAB_BLAS_RESTARTED"] != nil, let chosen = environment["OPENBLAS_CORETYPE"] {
            return "BLAS kernel: OpenBLAS \(core) (OpenBLAS detected only generic Prescott on this CPU; "
                + "aelab restarted itself once with OPENBLAS_CORETYPE=\(chosen) from the CPU flags)"
        }
        if let chosen = environment["OPENBLAS_CORETYPE"] {
            if kernelForThisCPU() == "SkylakeX", !avx512Kernels.contains(core.lowercased()) {
                return "BLAS kernel: OpenBLAS \(core) (OPENBLAS_CORETYPE=\(chosen) in the environment; this CPU "
                    + "has AVX-512, whose kernels run products about twice as fast: unset OPENBLAS_CORETYPE)"
            }
            return "BLAS kernel: OpenBLAS \(core) (OPENBLAS_CORETYPE=\(chosen) set by the user)"
        }
        if core.lowercased() == "prescott" {
            return "BLAS kernel: OpenBLAS \(core) (generic; the CPU flags name no faster kernel)"
        }
        return "BLAS kernel: OpenBLAS \(core) (detected by OpenBLAS)"
    }

    /// OpenBLAS's AVX-512 kernels, as openblas_get_corename spells them.
    static let avx512Kernels: Set<String> = ["skylakex", "cooperlake", "sapphirerapids"]

    /// The real path of the running binary, from the /proc/self/exe link.
    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
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
