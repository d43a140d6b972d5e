// swift-tools-version:6.0
import PackageDescription

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
            plugins: ["EmbedResourcesPlugin"]
        ),
        .executableTarget(name: "chatmine", dependencies: ["ChatMine"]),
        .testTarget(name: "ChatMineTests", dependencies: ["ChatMine"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ChatMine", "chatmine"]),
    ]
)
