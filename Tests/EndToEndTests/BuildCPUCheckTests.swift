import Foundation
import Testing
@testable import chatmine

@Suite("Start-up check of the CPU features the binary was built for")
struct BuildCPUCheckTests {
    private let zen = """
        processor\t: 0
        model name\t: AMD EPYC
        flags\t\t: fpu sse2 avx avx2 fma f16c avx512f avx512dq avx512bw avx512vl
        bugs\t\t: sysret_ss_attrs

        """

    @Test("features the flags line lists pass; missing ones are named, in the order required")
    func missingFeatures() {
        #expect(missingCPUFeatures(["avx2", "fma", "f16c", "avx512f"], cpuinfo: zen) == [])
        let old = zen.replacingOccurrences(of: "avx2 fma f16c avx512f avx512dq avx512bw avx512vl", with: "")
        #expect(missingCPUFeatures(["avx2", "fma", "avx512f"], cpuinfo: old) == ["avx2", "fma", "avx512f"])
        // A flag is matched whole: "avx512f" does not satisfy "avx512".
        #expect(missingCPUFeatures(["avx512"], cpuinfo: zen) == ["avx512"])
        // The "bugs" line is not read as features.
        #expect(missingCPUFeatures(["sysret_ss_attrs"], cpuinfo: zen) == ["sysret_ss_attrs"])
    }

    @Test("no flags line (another kind of system): nothing to check")
    func noFlagsLine() {
        #expect(missingCPUFeatures(["avx2"], cpuinfo: "processor : 0\nFeatures : fp asimd\n") == nil)
    }
}
