// View: the screens `tab` cycles through.

/// A screen arrangement: the dashboard with every panel, or one panel enlarged.
public enum View: String, CaseIterable, Sendable {
    case dashboard
    case loss
    case images
    case codes

    /// The view after this one, wrapping around.
    public var next: View {
        let all = View.allCases
        let index = all.firstIndex(of: self) ?? 0
        return all[(index + 1) % all.count]
    }
}
