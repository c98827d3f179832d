// SweepScripts: a sweep handed to a job runner. Each job runs one cell by number
// (`aelab sweep FILE --cell N`, N from 1), so a retried job finds its folder and finishes it
// (complete: nothing to do; cut short: resumed from its checkpoint).
//   Slurm: an sbatch array script, one task per cell, SLURM_ARRAY_TASK_ID picks the cell,
//          requeue-friendly (--requeue, output appended across restarts).
//   GNU parallel: one command line with a --joblog and --resume-failed: run again, it reruns
//          only the cells that failed or never ran.
import Foundation

/// Where and how the jobs run; paths should be absolute (jobs may start elsewhere).
public struct SweepJobSetting: Sendable, Equatable {
    /// The aelab binary.
    public var program: String
    /// The sweep file.
    public var sweepFile: String
    /// The folder the sweep's relative `out` is read from.
    public var workingDirectory: String
    /// Slurm CPUs per task (aelab takes its thread count from the allocation).
    public var cpusPerTask: Int
    /// GNU parallel's jobs at once.
    public var jobs: Int

    public init(program: String, sweepFile: String, workingDirectory: String, cpusPerTask: Int, jobs: Int) {
        self.program = program
        self.sweepFile = sweepFile
        self.workingDirectory = workingDirectory
        self.cpusPerTask = cpusPerTask
        self.jobs = jobs
    }

    /// The command a job runs, with `cell` standing for its number.
    func cellCommand(_ cell: String) -> String {
        [program, "sweep", sweepFile, "--cell"].map(SweepPlan.shellQuoted).joined(separator: " ") + " " + cell
    }
}

public enum SweepScripts {
    /// The sbatch array script for `plan`: task i runs cell i; its output goes to
    /// `<out>/slurm-<job>_<task>.out`, appended when Slurm requeues it.
    public static func slurm(_ plan: SweepPlan, _ setting: SweepJobSetting) -> String {
        let out = SweepPlan.shellQuoted(plan.out)
        let name = plan.out.split(separator: "/").last.map(String.init) ?? "sweep"
        return """
            #!/bin/bash
            # aelab sweep: \(plan.cells.count) cells of \(setting.sweepFile), one array task per cell.
            # Submit: sbatch THIS_FILE. A requeued or resubmitted task finishes its cell (a complete
            # cell does nothing). Then: aelab summarize \(out)
            #SBATCH --job-name=aelab-\(name.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            #SBATCH --array=1-\(plan.cells.count)
            #SBATCH --cpus-per-task=\(setting.cpusPerTask)
            #SBATCH --ntasks=1
            #SBATCH --requeue
            #SBATCH --open-mode=append
            #SBATCH --chdir=\(setting.workingDirectory)
            #SBATCH --output=\(plan.out)/slurm-%A_%a.out
            # aelab uses SLURM_CPUS_PER_TASK threads (OPENBLAS_NUM_THREADS, if you set it, wins).
            exec \(setting.cellCommand("\"$SLURM_ARRAY_TASK_ID\""))

            """
    }

    /// The GNU parallel line for `plan`; its joblog is `<out>/parallel.joblog`, and run again
    /// it reruns only the cells that failed or never ran (--resume-failed).
    public static func parallel(_ plan: SweepPlan, _ setting: SweepJobSetting) -> String {
        let joblog = SweepPlan.shellQuoted(plan.out + "/parallel.joblog")
        let cells = (1...max(plan.cells.count, 1)).map(String.init).joined(separator: " ")
        return
            "cd \(SweepPlan.shellQuoted(setting.workingDirectory)) && parallel --jobs \(setting.jobs) --joblog \(joblog) --resume-failed --tag --line-buffer "
            + setting.cellCommand("{}") + " ::: " + cells + "\n"
    }
}
