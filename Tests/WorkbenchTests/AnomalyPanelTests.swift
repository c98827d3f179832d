// AnomalyPanelTests: the anomalies view asks the session for its report only while visible,
// says how to get an AUROC without a held-out class, and waits politely before the first report.
import AutoencoderKit
import Foundation
import Testing

@testable import Workbench

@Suite struct AnomalyPanelTests {
    @Test func onlyTheAnomaliesViewAsksForTheReport() {
        for view in View.allCases {
            let state = Fixtures.state(size: .minimum, view: view)
            #expect(state.displayRequest.anomaly == (view == .anomaly))
        }
    }

    @Test func withoutAHeldOutClassTheViewRanksTheWorstAndSaysHowToGetAnAUROC() {
        var snapshot = Fixtures.viewSnapshot(size: .minimum)
        snapshot.anomaly = Fixtures.anomaly(holdout: nil)
        let text = Screen.render(
            Fixtures.state(size: .minimum, view: .anomaly, glyphs: .ascii, colors: .none, snapshot: snapshot)
        ).renderedText
        #expect(text.contains("AUROC: needs a held-out class: start with --holdout-class K"))
        #expect(text.contains("all: 1000 img, median"))
        #expect(text.contains("worst reconstructed: input | reconstruction | error"))
        #expect(text.contains("#900 class 8 0.2"))
    }

    @Test func theAUROCLineCarriesTheValueToFourPlaces() {
        let report = Fixtures.anomaly(holdout: 3)
        let value = report.auroc
        #expect(value != nil)
        #expect(AnomalyPanel.aurocLine(report).hasPrefix("AUROC \(String(format: "%.4f", value ?? -1)) of error"))
    }

    @Test func beforeTheFirstReportTheViewSaysItIsScoring() {
        var snapshot = Fixtures.viewSnapshot(size: .minimum)
        snapshot.anomaly = nil
        let text = Screen.render(Fixtures.state(size: .minimum, view: .anomaly, snapshot: snapshot)).renderedText
        #expect(text.contains("scoring the validation images"))
    }
}
