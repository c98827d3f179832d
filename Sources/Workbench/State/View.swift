// View: the screens `tab` cycles through; each also has its own key.

/// A screen arrangement: the dashboard with every panel, or one subject in depth.
public enum View: String, CaseIterable, Sendable {
    case dashboard
    case loss
    case images
    case codes
    case filters
    case walk
    case compare
    case anomaly
    case tree

    /// The view after this one, wrapping around.
    public var next: View {
        let all = View.allCases
        let index = all.firstIndex(of: self) ?? 0
        return all[(index + 1) % all.count]
    }

    /// The name shown in the status line and help.
    public var title: String {
        switch self {
        case .dashboard: "dashboard"
        case .loss: "loss chart"
        case .images: "reconstructions"
        case .codes: "code layer"
        case .filters: "filters"
        case .walk: "latent walk"
        case .compare: "compare A/B"
        case .anomaly: "anomalies"
        case .tree: "branch tree"
        }
    }
}
