// AxisTicksTests: the loss chart's x axis reads in whole epochs with steps a person would pick.
import Testing

@testable import Workbench

@Suite struct AxisTicksTests {
    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(AxisTicks.step(span: 6.2, most: 6) == 2)
        #expect(AxisTicks.step(span: 20, most: 4) == 5)
        #expect(AxisTicks.step(span: 230, most: 5) == 50)
        #expect(AxisTicks.step(span: 3, most: 10) == 1)
        #expect(AxisTicks.step(span: 0.9, most: 4) == 0.5)
    }

    @Test func ticksAreWholeEpochsAtTheirColumns() {
        // 0.0093 ... 6.223 epochs over 40 columns from column 10, "epoch" kept free at the end
        let ticks = AxisTicks.ticks(minX: 0.009302, maxX: 6.223, x: 10, width: 40, reserved: 6)
        #expect(ticks.map(\.label) == ["2", "4", "6"])
        // at their value's column; the last moved left to keep clear of the axis name
        #expect(ticks.map(\.column) == [22, 35, 43])
        #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0.column + $0.label.count < $1.column })
    }

    @Test func inTheFirstEpochsTicksAreTenths() {
        let ticks = AxisTicks.ticks(minX: 0.01, maxX: 0.9, x: 0, width: 30, reserved: 6)
        #expect(ticks.map(\.label).allSatisfy { $0.hasPrefix("0.") })
        #expect(!ticks.isEmpty)
    }

    @Test func labelsNeverTouch() {
        for width in [12, 20, 37, 80] {
            let ticks = AxisTicks.ticks(minX: 0.5, maxX: 1234.5, x: 0, width: width, reserved: 6)
            #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0.column + $0.label.count < $1.column })
            #expect(ticks.allSatisfy { $0.column + $0.label.count <= width - 6 })
        }
    }
}
