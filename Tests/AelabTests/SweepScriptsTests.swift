// SweepScripts and MetricsLog.trim: the job-runner scripts a sweep prints, and metrics.jsonl cut
// back to a checkpoint before a run resumes.
import AutoencoderKit
import Foundation
import TestSupport
import Testing

@testable import Formats
@testable import aelab

@Suite("Sweep job scripts and metrics trimming")
struct SweepScriptsTests {
    static let plan = SweepPlan(
        out: "runs/grid",
        cells: ["seed-1", "seed-2", "seed-3"].map {
            SweepCell(name: $0, outputFolder: "runs/grid/" + $0, arguments: [])
        })
    static let setting = SweepJobSetting(
        program: "/opt/aelab/bin/aelab", sweepFile: "/home/me/my sweeps/grid.toml", workingDirectory: "/home/me",
        cpusPerTask: 4, jobs: 3)

    @Test("the Slurm script is an array with one requeue-friendly task per cell, running the cell its task id names")
    func slurmScript() {
        #expect(
            SweepScripts.slurm(Self.plan, Self.setting) == """
                #!/bin/bash
                # aelab sweep: 3 cells of /home/me/my sweeps/grid.toml, one array task per cell.
                # Submit: sbatch THIS_FILE. A requeued or resubmitted task finishes its cell (a complete
                # cell does nothing). Then: aelab summarize runs/grid
                #SBATCH --job-name=aelab-grid
                #SBATCH --array=1-3
                #SBATCH --cpus-per-task=4
                #SBATCH --ntasks=1
                #SBATCH --requeue
                #SBATCH --open-mode=append
                #SBATCH --chdir=/home/me
                #SBATCH --output=runs/grid/slurm-%A_%a.out
                # aelab uses SLURM_CPUS_PER_TASK threads (OPENBLAS_NUM_THREADS, if you set it, wins).
                exec /opt/aelab/bin/aelab sweep '/home/me/my sweeps/grid.toml' --cell "$SLURM_ARRAY_TASK_ID"

                """)
    }

    @Test("the GNU parallel line keeps a joblog in the out folder and resumes failed cells when run again")
    func parallelLine() {
        #expect(
            SweepScripts.parallel(Self.plan, Self.setting) == """
                cd /home/me && parallel --jobs 3 --joblog runs/grid/parallel.joblog --resume-failed --tag --line-buffer \
                /opt/aelab/bin/aelab sweep '/home/me/my sweeps/grid.toml' --cell {} ::: 1 2 3

                """)
    }

    static let lines = [
        #"{"event":"epoch","epoch":1,"step":10,"train_bce_per_pixel":0.5}"#,
        #"{"event":"setting","step":15,"epoch":1,"learning_rate":0.0003}"#,
        #"{"event":"epoch","epoch":2,"step":20,"train_bce_per_pixel":0.25}"#,
        #"{"event":"setting","step":25,"epoch":2,"learning_rate":0.0001}"#,
        #"{"event":"epoch","epoch":3,"step":30,"train_bce_per_pixel":0.125}"#,
    ]

    @Test("trimming keeps every line up to the checkpoint byte for byte and drops later ones and a torn last line")
    func trim() throws {
        let folder = try ScratchFolder("trim")
        defer { folder.remove() }
        let path = folder.file("metrics.jsonl")
        try AtomicFile.write(Array((Self.lines.joined(separator: "\n") + "\n" + #"{"event":"epo"#).utf8), to: path)
        // a checkpoint after epoch 2 at step 20: the setting at step 25 and epoch 3 came later
        #expect(try MetricsLog.trim(path: path, toEpoch: 2, step: 20) == 3)
        #expect(try AtomicFile.read(path) == Array((Self.lines.prefix(3).joined(separator: "\n") + "\n").utf8))
        #expect(try MetricsLog.trim(path: path, toEpoch: 2, step: 20) == 0)
        #expect(try MetricsLog.trim(path: folder.file("missing.jsonl"), toEpoch: 0, step: 0) == 0)
        #expect(!FileManager.default.fileExists(atPath: folder.file("missing.jsonl")))
    }
}
