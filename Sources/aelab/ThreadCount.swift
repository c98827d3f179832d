// ThreadCount: how many BLAS threads a command uses. --threads wins; else OPENBLAS_NUM_THREADS
// (which job scripts set); else the Slurm allocation (SLURM_CPUS_PER_TASK); else 2.
import Foundation

enum ThreadCount {
    static let fallback = 2

    /// The thread count for `flag` (nil when --threads was not given) in `environment`.
    /// - Throws: `UsageError` naming the flag or variable whose value is not 1...256.
    static func resolve(_ flag: Int?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int
    {
        if let flag {
            guard (1...256).contains(flag) else {
                throw UsageError(message: "--threads must be between 1 and 256, got \(flag)")
            }
            return flag
        }
        for variable in ["OPENBLAS_NUM_THREADS", "SLURM_CPUS_PER_TASK"] {
            guard let text = environment[variable], !text.isEmpty else { continue }
            guard let count = Int(text.trimmingCharacters(in: .whitespaces)), (1...256).contains(count) else {
                throw UsageError(
                    message: "\(variable)=\(text) is not a thread count between 1 and 256; unset it or give --threads")
            }
            return count
        }
        return fallback
    }
}
