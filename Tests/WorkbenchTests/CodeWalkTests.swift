// CodeWalkTests: walking the code space (issue 13): a scatter point maps back to the code it
// came from, so the cursor decodes what the model would; the VAE's prior samples are g(z) of
// seeded normal draws; the keys move the cursor and draw from the prior; the screens.
import AutoencoderKit
import Testing

@testable import Workbench

@Suite struct CodeWalkTests {
    static let units = 8

    /// 40 codes on a 2-D affine plane inside 8-D code space.
    static func planarCodes() -> [[Float]] {
        var random = RandomGenerator(seed: 21)
        let origin = (0..<units).map { _ in Float(random.nextNormal()) }
        let u = (0..<units).map { _ in Float(random.nextNormal()) }
        let v = (0..<units).map { _ in Float(random.nextNormal()) }
        return (0..<40).map { _ in
            let a = Float(random.nextNormal()) * 2
            let b = Float(random.nextNormal())
            return (0..<units).map { origin[$0] + a * u[$0] + b * v[$0] }
        }
    }

    static func trainer(stochastic: Bool = false) throws -> Trainer {
        var config = TrainingConfig(
            name: "walk", architecture: Architecture(encoderSizes: [32, units]), batchSize: 16, epochs: 1, seed: 4)
        if stochastic { config.kind = .vae }
        return try Trainer(config: config, dataset: SessionTests.dataset())
    }

    static func maximumDifference(_ a: [[Float]], _ b: [[Float]]) -> Float {
        zip(a, b).flatMap { zip($0, $1).map { abs($0 - $1) } }.max() ?? .infinity
    }

    @Test func aCodesOwnPointMapsBackToTheCodeAndDecodesTheSame() throws {
        let codes = Self.planarCodes()
        let plane = try #require(CodeProjection.plane(codes))
        let mapped = codes.map { plane.code(at: plane.point($0)) }
        #expect(Self.maximumDifference(mapped, codes) < 1e-4)
        let trainer = try Self.trainer()
        for _ in 0..<3 { try trainer.trainBatch() }
        let direct = trainer.inspector.decode(codes: codes)
        let throughPlane = trainer.inspector.decode(codes: mapped)
        #expect(Self.maximumDifference(direct, throughPlane) < 1e-4)
        // the decodings differ from code to code, so the comparison above could fail
        #expect(Self.maximumDifference([direct[0]], [direct[1]]) > 1e-3)
    }

    @Test func aTwoUnitCodeIsItsOwnPoint() throws {
        let codes: [[Float]] = [[0.5, -1.25], [3, 2], [-0.75, 0.125]]
        let plane = try #require(CodeProjection.plane(codes))
        #expect(codes.map { plane.point($0) } == codes.map { SeriesPoint(x: Double($0[0]), y: Double($0[1])) })
        #expect(codes.map { plane.code(at: plane.point($0)) } == codes)
    }

    @Test func aCodeOffThePlaneMapsBackToItsProjectionNotItself() throws {
        var codes = Self.planarCodes()
        let plane = try #require(CodeProjection.plane(codes))
        codes[0][0] += 5
        #expect(Self.maximumDifference([plane.code(at: plane.point(codes[0]))], [codes[0]]) > 0.1)
    }

    @Test func theCursorSpansTheBoundingBoxOfThePoints() throws {
        let points = [SeriesPoint(x: -2, y: 1), SeriesPoint(x: 4, y: 3), SeriesPoint(x: 0, y: .nan)]
        #expect(CodeProjection.point(CodeCursor(), in: points) == SeriesPoint(x: 1, y: 2))
        let corner = CodeCursor().moved(-50, 50)
        #expect(corner == CodeCursor(column: -CodeCursor.steps, row: CodeCursor.steps))
        #expect(CodeProjection.point(corner, in: points) == SeriesPoint(x: -2, y: 3))
        #expect(CodeProjection.point(CodeCursor(), in: []) == nil)
    }

    @Test func priorSamplesAreTheDecodingsOfSeededNormalDraws() throws {
        let trainer = try Self.trainer(stochastic: true)
        for _ in 0..<3 { try trainer.trainBatch() }
        let samples = trainer.inspector.decodePrior(count: 5, seed: 7)
        var random = RandomGenerator(seed: 7)
        let z = (0..<5).map { _ in (0..<Self.units).map { _ in Float(random.nextNormal()) } }
        #expect(samples.count == 5 && samples.allSatisfy { $0.count == 784 })
        #expect(Self.maximumDifference(samples, trainer.inspector.decode(codes: z)) < 1e-6)
        #expect(Self.maximumDifference(samples, trainer.inspector.decodePrior(count: 5, seed: 8)) > 1e-3)
    }

    @Test func aDeterministicCodeHasNoPriorToSample() throws {
        #expect(try Self.trainer().inspector.decodePrior(count: 5, seed: 7).isEmpty)
    }

    @Test func arrowsInTheCodeViewMoveTheCursorTheSessionDecodes() {
        var state = Fixtures.pairedState(size: .minimum, view: .codes)
        #expect(state.displayRequest.cursor == CodeCursor())
        _ = state.apply(.arrow(.right))
        for _ in 0..<2 { _ = state.apply(.arrow(.right)) }
        let effect = state.apply(.arrow(.up))
        #expect(state.displayRequest.cursor == CodeCursor(column: 3, row: 1))
        #expect(effect.commands == [.setDisplay(state.displayRequest)])
        for _ in 0..<30 { _ = state.apply(.arrow(.left)) }
        #expect(state.options.cursor.column == -CodeCursor.steps)
        #expect(state.options.probeStart == 0)
        _ = state.apply(.showView(.dashboard))
        #expect(state.displayRequest.cursor == nil)
    }

    @Test func pInTheWalkViewAsksForANewDrawAndTheArrowsGoBack() {
        var state = Fixtures.pairedState(size: .minimum, view: .walk)
        #expect(Keymap.standard.action(for: .character("P")) == .drawPrior)
        _ = state.apply(.drawPrior)
        _ = state.apply(.drawPrior)
        #expect(state.displayRequest.walk?.priorDraw == 2)
        _ = state.apply(.arrow(.right))
        #expect(state.displayRequest.walk?.priorDraw == 0)
        var elsewhere = Fixtures.pairedState(size: .minimum, view: .codes)
        _ = elsewhere.apply(.drawPrior)
        #expect(elsewhere.options.walk.priorDraw == 0)
    }

    @Test func theTraversalSweepsTheUnitOverItsValidationRangeWithTheRestHeld() throws {
        let trainer = try Self.trainer()
        for _ in 0..<3 { try trainer.trainBatch() }
        let run = RunController(trainer: trainer, paused: true)
        let walk = try #require(run.walk(WalkRequest(sampleA: 2, sampleB: 5, steps: 5, unit: 3, offset: 0.5)))
        let set = trainer.dataset.validation
        let values = trainer.inspector.probe(set, indices: Array(0..<min(set.count, RunController.traversalSamples)))
            .codes.map { $0[3] }
        #expect(walk.traversalLow == values.min() && walk.traversalHigh == values.max())
        #expect(walk.traversalLow < walk.traversalHigh)
        var code = trainer.inspector.probe(set, indices: [2]).codes[0]
        let expected = (0..<5).map { step -> [UInt8] in
            code[3] = walk.traversalLow + (walk.traversalHigh - walk.traversalLow) * Float(step) / 4
            return GreyPixels.bytes(trainer.inspector.decode(codes: [code])[0])
        }
        #expect(walk.traversal == expected)
        #expect(walk.interpolation.count == 5 && walk.varied.count == 784)
    }

    @Test func theSessionDecodesTheCursorsPointMappedBackIntoCodeSpace() throws {
        let trainer = try Self.trainer()
        for _ in 0..<3 { try trainer.trainBatch() }
        let run = RunController(trainer: trainer, paused: true)
        let cursor = CodeCursor(column: 4, row: -7)
        let scatter = try #require(run.scatter(cursor: cursor))
        let point = try #require(scatter.cursor)
        #expect(point == CodeProjection.point(cursor, in: scatter.points))
        let set = trainer.dataset.validation
        let codes = trainer.inspector.probe(set, indices: Array(0..<min(set.count, RunController.scatterSamples))).codes
        let plane = try #require(CodeProjection.plane(codes))
        #expect(scatter.cursorImage == GreyPixels.bytes(trainer.inspector.decode(codes: [plane.code(at: point)])[0]))
        #expect(run.scatter()?.cursorImage == nil)
    }

    /// The paired fixture with the cursor decoded (code view) and prior samples (walk view).
    static func walkingState(size: TerminalSize, view: View, ascii: Bool) -> AppState {
        var state = Fixtures.pairedState(
            size: size, view: view, glyphs: ascii ? .ascii : .braille, colors: ascii ? .none : .colors256)
        state.options.cursor = CodeCursor(column: 4, row: -3)
        let points = state.runs[0].scatter?.points ?? []
        state.runs[0].scatter?.cursor = CodeProjection.point(state.options.cursor, in: points)
        state.runs[0].scatter?.cursorImage = Fixtures.reconstruction(of: Fixtures.probeImage(4))
        state.runs[0].walk?.priorRequested = true
        state.runs[0].walk?.prior = (5..<15).map { Fixtures.reconstruction(of: Fixtures.probeImage($0)) }
        return state
    }

    @Test(arguments: [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40)])
    func theTraversalMatchesItsSnapshot(size: TerminalSize) {
        for ascii in [false, true] {
            var state = Fixtures.pairedState(
                size: size, view: .walk, glyphs: ascii ? .ascii : .braille, colors: ascii ? .none : .colors256)
            state.runs[0].walk?.traversal = (0..<LatentWalkPanel.fit(width: size.columns - 2).steps).map {
                Fixtures.reconstruction(of: Fixtures.probeImage($0 + 3))
            }
            state.runs[0].walk?.traversalLow = -1.5
            state.runs[0].walk?.traversalHigh = 2.25
            let canvas = Screen.render(state)
            let name = "walk-traversal-\(size.columns)x\(size.rows)-\(ascii ? "ascii" : "color").txt"
            SnapshotAssertion.assertMatches(ascii ? canvas.renderedText : canvas.styledDump, named: name)
        }
    }

    @Test(arguments: [View.codes, .walk], [TerminalSize(columns: 80, rows: 24), TerminalSize(columns: 120, rows: 40)])
    func theWalkingScreensMatchTheirSnapshots(view: View, size: TerminalSize) {
        let name = "\(view.rawValue)-walking-\(size.columns)x\(size.rows)"
        let color = Screen.render(Self.walkingState(size: size, view: view, ascii: false))
        SnapshotAssertion.assertMatches(color.styledDump, named: "\(name)-color.txt")
        let ascii = Screen.render(Self.walkingState(size: size, view: view, ascii: true))
        SnapshotAssertion.assertMatches(ascii.renderedText, named: "\(name)-ascii.txt")
    }
}
