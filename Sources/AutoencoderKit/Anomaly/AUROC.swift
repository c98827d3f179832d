// AUROC: the area under the ROC curve of a score that should be higher for anomalies, computed
// exactly by ranking (the Mann-Whitney U statistic), ties counted as half.
//
// AUROC = P(s_anomaly > s_normal) + ½ P(s_anomaly = s_normal). With midranks r over all
// n = n_a + n_n scores (tied scores share the mean of their ranks), the anomalies' rank sum R_a
// gives AUROC = (R_a − n_a(n_a + 1)/2) / (n_a · n_n) (Mann and Whitney, 1947; Hanley and
// McNeil, 1982).

public enum AUROC {
    /// The AUROC of `anomalous` scores against `normal` ones.
    /// - Returns: a value in [0, 1] (0.5: no better than chance), or nil when either group is
    ///   empty or a score is not finite.
    /// - Complexity: O(n log n) for n scores.
    public static func compute(normal: [Double], anomalous: [Double]) -> Double? {
        guard !normal.isEmpty, !anomalous.isEmpty,
            normal.allSatisfy(\.isFinite), anomalous.allSatisfy(\.isFinite)
        else { return nil }
        let scored = (normal.map { ($0, false) } + anomalous.map { ($0, true) }).sorted { $0.0 < $1.0 }
        var anomalyRankSum = 0.0
        var start = 0
        while start < scored.count {
            var end = start + 1
            while end < scored.count && scored[end].0 == scored[start].0 { end += 1 }
            // ranks start+1 ... end share their mean
            let midrank = Double(start + 1 + end) / 2
            for i in start..<end where scored[i].1 { anomalyRankSum += midrank }
            start = end
        }
        let na = Double(anomalous.count)
        let nn = Double(normal.count)
        return (anomalyRankSum - na * (na + 1) / 2) / (na * nn)
    }
}
