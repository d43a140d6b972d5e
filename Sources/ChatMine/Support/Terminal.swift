@preconcurrency import Glibc

/// Writing to stderr and knowing whether it is a terminal.
public enum Terminal {
    /// Writes one line to standard error, unbuffered.
    public static func error(_ line: String) {
        let text = line + "\n"
        _ = text.withCString { fputs($0, stderr) }
    }

    /// Writes text to standard error without a newline (for progress bars).
    public static func errorRaw(_ text: String) {
        _ = text.withCString { fputs($0, stderr) }
    }

    /// Whether standard error is a terminal (progress bars appear only then).
    public static var stderrIsTerminal: Bool { isatty(2) == 1 }
}
