// Tests of the metrics files: JSON-lines appends and the CSV export.

import Foundation
import TestSupport
import Testing

@testable import AutoencoderKit
@testable import Formats

@Suite("JSON-lines metrics and CSV export")
struct JSONLinesTests {
    @Test("records append as complete lines in the given key order and read back")
    func appendAndReadBack() throws {
        let folder = try ScratchFolder("jsonl")
        defer { folder.remove() }
        let path = folder.file("metrics.jsonl")
        let first: JSONObject = ["epoch": 1, "train_bce_per_pixel": 0.25, "run": "sparse-kl", "paused": false]
        let second: JSONObject = ["epoch": 2, "train_bce_per_pixel": 0.125, "val": .object(["bce_per_pixel": 0.5])]
        do {
            let writer = try JSONLinesWriter(path: path)
            try writer.append(first)
            try writer.sync()
            try writer.close()
        }
        let again = try JSONLinesWriter(path: path)
        try again.append(second)
        let text = String(decoding: try AtomicFile.read(path), as: UTF8.self)
        #expect(
            text == """
                {"epoch":1,"train_bce_per_pixel":0.25,"run":"sparse-kl","paused":false}
                {"epoch":2,"train_bce_per_pixel":0.125,"val":{"bce_per_pixel":0.5}}

                """)
        #expect(try CSVExport.records(jsonLines: text, source: path) == [first, second])
        try again.close()
        let error = #expect(throws: FileError.self) { try again.append(first) }
        #expect(error?.code == EBADF)
    }

    @Test("non-finite numbers are written as null")
    func nonFinite() {
        let line = JSONLinesWriter.line(["loss": .number(.nan), "rate": .number(.infinity), "step": 3])
        #expect(line == "{\"loss\":null,\"rate\":null,\"step\":3}\n")
    }

    @Test("an unwritable path names the path")
    func unwritable() {
        let error = #expect(throws: FileError.self) { try JSONLinesWriter(path: "/nonexistent/m.jsonl") }
        #expect(error?.description == "cannot open /nonexistent/m.jsonl: No such file or directory (ENOENT)")
    }

    @Test("CSV has the union of keys in first-seen order, flattened and quoted")
    func csv() throws {
        let text = """
            {"epoch":1,"loss":0.5,"note":"a,b"}

            {"epoch":2,"val":{"bce":0.25,"n":10},"loss":null,"note":"say \\"hi\\"\\nbye"}\r
            {"epoch":3,"extra":true,"shape":[1,2]}
            """
        let csv = try CSVExport.csv(jsonLines: text, source: "m.jsonl")
        #expect(
            csv == """
                epoch,loss,note,val.bce,val.n,extra,shape
                1,0.5,"a,b",,,,
                2,,"say ""hi""
                bye",0.25,10,,
                3,,,,,true,"[1,2]"

                """)
    }

    @Test(
        "a line that is not a JSON object is named",
        arguments: [
            ("{\"a\":1}\n[1]", "m.jsonl:2: expected an object, found an array"),
            ("{\"a\":1}\n{\"a\":", "m.jsonl:2: not JSON: at byte 5: unexpected end of text, expected a value"),
        ])
    func badLines(text: String, message: String) {
        let error = #expect(throws: CSVExportError.self) { try CSVExport.csv(jsonLines: text, source: "m.jsonl") }
        #expect(error?.description == message)
    }
}
