import Foundation

// This target is compiled for baseline x86-64 (Package.swift gives the vector flags only to the
// ChatMine library), so the check below runs safely on any CPU, before any library code.

/// Instruction sets the ChatMine library in this binary was compiled for (empty for a portable build).
let builtCPUFeatures: [String] = {
    var features: [String] = []
    #if CHATMINE_BUILT_AVX2
    features += ["avx2", "fma", "f16c"]
    #endif
    #if CHATMINE_BUILT_AVX512
    features += ["avx512f", "avx512vl", "avx512bw", "avx512dq"]
    #endif
    return features
}()

/// The features in `required` that a `/proc/cpuinfo` text does not list; nil when it has no flags line.
func missingCPUFeatures(_ required: [String], cpuinfo: String) -> [String]? {
    guard let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
          let colon = line.firstIndex(of: ":") else { return nil }
    let present = Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    return required.filter { !present.contains($0) }
}

/// Exits with a clear error, instead of dying on an illegal instruction later, when this CPU lacks
/// an instruction set the binary was built for (a binary copied from the machine that built it).
func requireBuiltCPUFeatures() {
    guard !builtCPUFeatures.isEmpty,
          let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let missing = missingCPUFeatures(builtCPUFeatures, cpuinfo: cpuinfo), !missing.isEmpty
    else { return }
    let message = """
        Error: this chatmine was built for a CPU with \(builtCPUFeatures.joined(separator: ", ")), \
        but this CPU lacks \(missing.joined(separator: ", ")).
        Hint: build chatmine on this machine, or build a binary for any x86-64 CPU with \
        `CHATMINE_PORTABLE=1 swift build -c release`.

        """
    FileHandle.standardError.write(Data(message.utf8))
    exit(1)
}
