import Foundation
import Testing
@testable import SmartSpec

@Suite("Davies & Maré relatedness and complexity")
struct DaviesMareTests {
    @Test("WGCNA's weighted correlation, computed by hand: weighted means, squared weights in the sums, pairwise-complete rows")
    func weightedCorrelationByHand() throws {
        // x = (1, 2, 3, ·), y = (1, 3, 2, 5), w = (1, 1, 2, 3): the fourth row is missing in x, so the pair
        // uses rows 1–3: x̄ = (1 + 2 + 6) / 4 = 2.25, ȳ = (1 + 3 + 4) / 4 = 2; with w² = (1, 1, 4):
        // Σw²dxdy = 1.25 − 0.25 + 0 = 1, Σw²dx² = 1.5625 + 0.0625 + 2.25 = 3.875, Σw²dy² = 1 + 1 + 0 = 2.
        let r = try DaviesMareComplexity.weightedCorrelation([[1, 2, 3, .nan], [1, 3, 2, 5]], weights: [1, 1, 2, 3], what: "activities", names: ["x", "y"])
        #expect(abs(r[0, 1] - 1 / 7.75.squareRoot()) < 1e-15)
        #expect(r[1, 0] == r[0, 1] && r[0, 0] == 1 && r[1, 1] == 1)
        // Fewer than two common rows: undefined, with both names in the sentence.
        #expect(throws: DaviesMareError.undefinedCorrelation(what: "activities", "x", "y", common: 1)) {
            try DaviesMareComplexity.weightedCorrelation([[1, 2, .nan, .nan], [.nan, 3, 4, .nan]], weights: [1, 1, 1, 1],
                                                         what: "activities", names: ["x", "y"])
        }
    }

    @Test("scale() is R's: mean 0 and sample standard deviation 1")
    func standardised() {
        let z = DaviesMareComplexity.standardised([1, 2, 3, 4])
        // sd of 1…4 with n − 1 is √(5/3); (1 − 2.5) / √(5/3) = −1.161895…
        #expect(abs(z[0] + 1.5 / (5.0 / 3).squareRoot()) < 1e-15)
        #expect(abs(z.reduce(0, +)) < 1e-15)
    }
}
