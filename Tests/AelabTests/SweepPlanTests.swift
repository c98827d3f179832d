// Sweep files: the grid expands in order into `aelab train` commands; mistakes name the line.
import AutoencoderKit
import Testing

@testable import Formats
@testable import aelab

@Suite("Sweep plan and run summary")
struct SweepPlanTests {
    @Test("a 2x2x2 grid gives eight cells, first key slowest, with names, folders and flags")
    func grid() throws {
        let text = """
            [run]
            epochs = 2
            data = "digits"
            tied = true
            nesterov = false
            out = "runs/sweep"
            [grid]
            preset = ["undercomplete", "sparse-l1"]
            seed = [1, 2]
            lr = [1e-3, 3e-3]
            """
        let plan = try SweepPlan.parse(text, file: "s.toml")
        #expect(plan.cells.count == 8)
        #expect(
            plan.cells.map(\.name).prefix(3) == [
                "preset-undercomplete_seed-1_lr-0.001", "preset-undercomplete_seed-1_lr-0.003",
                "preset-undercomplete_seed-2_lr-0.001",
            ])
        let last = try #require(plan.cells.last)
        #expect(last.outputFolder == "runs/sweep/preset-sparse-l1_seed-2_lr-0.003")
        #expect(
            last.commandLine()
                == "aelab train --epochs 2 --data digits --tied --no-nesterov --preset sparse-l1 --seed 2 --lr 0.003 --name preset-sparse-l1_seed-2_lr-0.003 --out runs/sweep/preset-sparse-l1_seed-2_lr-0.003"
        )
    }

    @Test("values the shell would split are quoted")
    func quoting() {
        #expect(SweepPlan.shellQuoted("my data/it's") == "'my data/it'\\''s'")
        #expect(SweepPlan.shellQuoted("512,128,32") == "512,128,32")
    }

    @Test(
        "mistakes are refused naming the line",
        arguments: [
            ("[grid]\nseed = [1]", 0, "needs out"),
            ("[run]\nout = \"o\"\nseed = [1, 2]", 3, "lists belong in [grid]"),
            ("[run]\nout = \"o\"\n[grid]\nseed = []", 4, "no cells"),
            ("[run]\nout = \"o\"\n[grid]\nout = [\"a\"]", 4, "cannot be varied"),
            ("[run]\nout = \"o\"\nseed = 1\n[grid]\nseed = [1]", 5, "both"),
            ("[model]\nx = 1", 2, "not part of a sweep file"),
            ("[run]\nout = ", 2, "missing value"),
        ])
    func mistakes(text: String, line: Int, phrase: String) {
        do {
            _ = try SweepPlan.parse(text, file: "s.toml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.line == line, "\(error)")
            #expect(error.description.hasPrefix("s.toml"))
            #expect(error.problem.contains(phrase), "\(error)")
        }
    }

    @Test("a run's summary takes the last epoch record and the loss unit from its keys")
    func summary() {
        let records: [JSONObject] = [
            [
                "event": "epoch", "epoch": 1, "train_mse_per_pixel": 0.5, "val_mse_per_pixel": 0.6,
                "samples_per_second": 1000.0,
            ],
            ["event": "setting", "step": 10, "epoch": 1, "learning_rate": 0.001],
            [
                "event": "epoch", "epoch": 2, "train_mse_per_pixel": 0.25, "val_mse_per_pixel": 0.3,
                "samples_per_second": 2000.0,
            ],
        ]
        let run = RunSummary(run: "a", records: records)
        #expect(run.epochs == 2 && run.loss == "MSE" && run.trainPerPixel == 0.25 && run.validationPerPixel == 0.3)
        let table = RunSummary.table([run, RunSummary(run: "empty", records: [])])
        #expect(
            table == """
                run    epochs     train loss       val loss  samples/s
                a           2  0.2500 MSE/px  0.3000 MSE/px       2000
                empty       0              -              -          -

                """)
        #expect(
            RunSummary.csv([run]).hasPrefix(
                "run,epochs,loss,train_loss_per_pixel,val_loss_per_pixel,train_loss_per_image"))
    }
}
