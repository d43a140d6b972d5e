// swift-tools-version:6.0
import PackageDescription
#if os(Linux) && arch(x86_64)
import Foundation
#endif

// The transformer embedder's matrix kernels are Swift SIMD, which compiles to what the build
// targets: baseline x86-64 is SSE2 (4 floats, no FMA), 3-4.5x slower than AVX2/AVX-512. Users build
// from source, so on x86-64 Linux the build uses the build machine's vector instructions, like
// -march=native (docs/EMBEDDINGS.md, "Speed"). CHATMINE_PORTABLE=1 builds for any x86-64 CPU. The
// binary checks at start-up that the CPU running it has the features it was built with.
struct HostVectorBuild {
    /// Flags for the library that holds the kernels.
    var library: [SwiftSetting] = []
    /// Defines for the executable's start-up check (it stays baseline code itself).
    var executable: [SwiftSetting] = []

    init() {
        #if os(Linux) && arch(x86_64)
        let portable = ProcessInfo.processInfo.environment["CHATMINE_PORTABLE"] ?? ""
        guard portable.isEmpty || portable == "0",
              let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return }
        let flags = Set(line.split(separator: " ").map(String.init))
        guard flags.isSuperset(of: ["avx2", "fma", "f16c"]) else { return }
        var clang = ["-mavx2", "-mfma", "-mf16c"]
        var defines = ["CHATMINE_SIMD16", "CHATMINE_BUILT_AVX2"]
        if flags.isSuperset(of: ["avx512f", "avx512vl", "avx512bw", "avx512dq"]) {
            clang += ["-mavx512f", "-mavx512vl", "-mavx512bw", "-mavx512dq"]
            defines.append("CHATMINE_BUILT_AVX512")
        }
        library = [.unsafeFlags(clang.flatMap { ["-Xcc", $0] })] + defines.map { .define($0) }
        executable = defines.filter { $0.hasPrefix("CHATMINE_BUILT") }.map { .define($0) }
        #endif
    }
}
let hostVector = HostVectorBuild()

let package = Package(
    name: "chatmine",
    products: [
        .executable(name: "chatmine", targets: ["chatmine"]),
        .library(name: "ChatMine", targets: ["ChatMine"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Turns the files under queries/, reports/ and the lexicons into Swift source, so the
        // installed binary carries them and works from any directory.
        .executableTarget(name: "EmbedResources", path: "Sources/EmbedResources"),
        .plugin(
            name: "EmbedResourcesPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedResources"]
        ),
        .target(
            name: "ChatMine",
            dependencies: ["CSQLite", "CZlib"],
            exclude: ["Sentiment/Lexicons", "Text/Glossaries"],
            swiftSettings: hostVector.library,
            plugins: ["EmbedResourcesPlugin"]
        ),
        .executableTarget(name: "chatmine", dependencies: ["ChatMine"], swiftSettings: hostVector.executable),
        .testTarget(name: "ChatMineTests", dependencies: ["ChatMine"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ChatMine", "chatmine"]),
    ]
)
