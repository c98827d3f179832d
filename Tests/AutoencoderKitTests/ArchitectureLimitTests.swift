// ArchitectureLimitTests: the parameter count and the limit that refuses models too large to hold.
import Testing

@testable import AutoencoderKit

@Suite("Architecture limits")
struct ArchitectureLimitTests {
    @Test("the parameter count equals the layout's, tied and untied", arguments: [false, true])
    func parameterCountMatchesLayout(tied: Bool) {
        for sizes in [[32], [512, 128, 32], [1, 65_536]] {
            let a = Architecture(encoderSizes: sizes, tiedWeights: tied)
            #expect(a.parameterCount == ParameterLayout(architecture: a).count, "\(sizes)")
        }
    }

    @Test("a model over 2^27 parameters is refused by validation, before anything is allocated")
    func tooManyParameters() {
        let huge = Architecture(encoderSizes: [65_536, 65_536])
        #expect(huge.parameterCount == 2 * 784 * 65_536 + 2 * 65_536 * 65_536 + 2 * 65_536 + 65_536 + 784)
        #expect(huge.validationErrors().count == 1)
        #expect(huge.validationErrors().first?.contains("the limit is 134217728") == true)
        #expect(Architecture(encoderSizes: [4096, 1024, 64]).validationErrors().isEmpty)
    }
}
