import Foundation
import PackagePlugin

/// Embeds the KPI queries, report templates and lexicons into the `ChatMine` library as Swift
/// source, regenerated whenever one of those files changes.
@main
struct EmbedResourcesPlugin: BuildToolPlugin {
    /// Folders, relative to the package root, whose files become `EmbeddedResources` entries.
    static let folders = ["queries", "reports", "fixtures", "Sources/ChatMine/Sentiment/Lexicons", "Sources/ChatMine/Text/Glossaries"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        var arguments: [String] = []
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        arguments.append(output.path)
        for folder in Self.folders {
            let base = root.appending(path: folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { continue }
            var files: [URL] = []
            for case let url as URL in walker {
                let isFile = (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) ?? false
                if isFile, !url.lastPathComponent.hasPrefix(".") { files.append(url) }
            }
            files.sort { $0.path < $1.path }
            for file in files {
                let relative = folder + "/" + file.path.dropFirst(base.path.count + 1)
                inputs.append(file)
                arguments.append(relative)
                arguments.append(file.path)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) resource files",
                executable: try context.tool(named: "EmbedResources").url,
                arguments: arguments,
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
