/// A runtime failure the user can act on: the message says what went wrong, the hint how to fix it.
public struct ChatMineError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }

    public var description: String {
        hint.map { "\(message)\nHint: \($0)" } ?? message
    }
}

/// The product's version, printed by `chatmine --version` and stamped into outputs.
public enum ChatMineVersion {
    public static let current = "0.1.0"
}
