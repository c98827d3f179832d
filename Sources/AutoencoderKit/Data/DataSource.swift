// TEMPORARY stub until the data layer lands (replaced by the data branch).
public enum DataSource {
    case digits
    public init(argument: String) { self = .digits }
    public func load(validationCount: Int = 1000, seed: UInt64) throws -> Dataset {
        var random = RandomGenerator(seed: seed)
        let n = 6000
        var pixels = [UInt8](repeating: 0, count: n * 784)
        for i in 0..<pixels.count { pixels[i] = random.nextUniform() < 0.2 ? 255 : 0 }
        return Dataset(name: "stub", all: ImageSet(name: "stub", rows: 28, columns: 28, pixels: pixels, labels: nil), validationCount: validationCount, test: nil)
    }
}
