// SweepPlan: a grid of `aelab train` runs described in a small TOML file.
//
// Format (every key is an `aelab train` flag without its dashes; `_` may stand for `-`):
//
//     [run]                 # given to every cell
//     epochs = 2
//     data = "digits"
//     layers = "64"
//     out = "runs/sweep"    # required: each cell writes to out/<cell name>
//
//     [grid]                # every combination of these lists is one cell
//     preset = ["undercomplete", "sparse-l1"]
//     seed = [1, 2]
//     lr = [1e-3, 3e-3]
//
// Cells are the Cartesian product in the order the grid keys are written (the first varies
// slowest). A cell's name joins key-value pairs: "preset-sparse-l1_seed-2_lr-0.003"; it is
// also the run's --name. Booleans become bare flags (`tied = true` → `--tied`, false →
// `--no-tied`, so a cell can switch off what its preset turns on).
// Values are strings, integers, floats or booleans; `out` and `name` may not be varied.
import AutoencoderKit
import Formats
import Foundation

/// One run of a sweep.
public struct SweepCell: Sendable, Equatable {
    /// "seed-1_lr-0.001".
    public var name: String
    /// The run's output folder: `<out>/<name>`.
    public var outputFolder: String
    /// Arguments after `aelab`: ["train", "--epochs", "2", ..., "--name", name, "--out", folder].
    public var arguments: [String]

    /// The command as one shell line, values quoted where the shell needs it.
    public func commandLine(program: String = "aelab") -> String {
        ([program] + arguments).map(SweepPlan.shellQuoted).joined(separator: " ")
    }
}

/// Why a sweep file cannot be used; names the file, line and problem.
public struct SweepError: Error, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let problem: String
    public var description: String { line > 0 ? "\(file):\(line): \(problem)" : "\(file): \(problem)" }
}

/// A parsed sweep file.
public struct SweepPlan: Sendable, Equatable {
    /// The root output folder.
    public var out: String
    /// Every run, in order.
    public var cells: [SweepCell]

    /// Reads a sweep file's text.
    /// - Throws: `SweepError` (or the TOML syntax error as one) naming file and line.
    public static func parse(_ text: String, file: String) throws(SweepError) -> SweepPlan {
        let document: TOMLDocument
        do {
            document = try TOMLDocument.parse(text, file: file)
        } catch {
            throw SweepError(file: file, line: error.line, problem: error.problem)
        }
        var fixed: [(String, TOMLValue)] = []
        var grid: [(String, [TOMLValue], Int)] = []
        var out: String?
        for entry in document.entries {
            let key = entry.key.replacingOccurrences(of: "_", with: "-")
            switch entry.table {
            case "run":
                if key == "out" {
                    guard let text = entry.value.stringValue, !text.isEmpty else {
                        throw SweepError(
                            file: file, line: entry.line,
                            problem: "out must be a folder name string, got \(entry.value.summary)")
                    }
                    out = text
                    continue
                }
                try check(entry.value, key: key, file: file, line: entry.line)
                fixed.append((key, entry.value))
            case "grid":
                guard key != "out" && key != "name" else {
                    throw SweepError(
                        file: file, line: entry.line, problem: "\(key) cannot be varied: each cell gets its own")
                }
                let values = entry.value.arrayValue ?? [entry.value]
                guard !values.isEmpty else {
                    throw SweepError(
                        file: file, line: entry.line, problem: "\(key) = [] gives no cells; list at least one value")
                }
                for value in values { try check(value, key: key, file: file, line: entry.line) }
                grid.append((key, values, entry.line))
            default:
                throw SweepError(
                    file: file, line: entry.line,
                    problem:
                        "\(entry.table.isEmpty ? "a key outside any table" : "table [\(entry.table)]") is not part of a sweep file; use [run] and [grid]"
                )
            }
        }
        guard let out else {
            throw SweepError(file: file, line: 0, problem: "[run] needs out = \"FOLDER\" for the runs' folders")
        }
        for (key, _, line) in grid where fixed.contains(where: { $0.0 == key }) {
            throw SweepError(file: file, line: line, problem: "\(key) is both in [run] and in [grid]")
        }
        var cells: [SweepCell] = []
        var combination: [(String, TOMLValue)] = []
        func expand(_ level: Int) {
            guard level < grid.count else {
                let name =
                    combination.isEmpty
                    ? "run" : combination.map { "\($0.0)-\(Self.text($0.1))" }.joined(separator: "_")
                let folder = out.hasSuffix("/") ? out + name : out + "/" + name
                var arguments = ["train"]
                for (key, value) in fixed + combination { arguments += flag(key, value) }
                arguments += ["--name", name, "--out", folder]
                cells.append(SweepCell(name: name, outputFolder: folder, arguments: arguments))
                return
            }
            for value in grid[level].1 {
                combination.append((grid[level].0, value))
                expand(level + 1)
                combination.removeLast()
            }
        }
        expand(0)
        return SweepPlan(out: out, cells: cells)
    }

    private static func check(_ value: TOMLValue, key: String, file: String, line: Int) throws(SweepError) {
        if case .array = value {
            throw SweepError(file: file, line: line, problem: "\(key): lists belong in [grid]; give one value here")
        }
        guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), key.first?.isLetter == true else {
            throw SweepError(file: file, line: line, problem: "\(key) is not a flag name")
        }
    }

    /// The value as flag text: integers plainly, floats in Swift's shortest form.
    static func text(_ value: TOMLValue) -> String {
        switch value {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .float(let d): return d.description
        case .bool(let b): return b ? "true" : "false"
        case .array(let a): return a.map(text).joined(separator: ",")
        }
    }

    static func flag(_ key: String, _ value: TOMLValue) -> [String] {
        if case .bool(let b) = value { return [(b ? "--" : "--no-") + key] }
        return ["--" + key, text(value)]
    }

    /// `word` as the shell reads it: bare when safe, else in single quotes.
    static func shellQuoted(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || "-_./=,:+@%".unicodeScalars.contains(scalar)
        }
        if safe && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
