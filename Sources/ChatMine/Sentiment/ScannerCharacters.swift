/// Classes of bytes and scalars the scanner tells apart.
extension MessageScanner {
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F
    }

    @inline(__always)
    static func isCJK(_ scalar: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(scalar) || (0x3400...0x4DBF).contains(scalar) || (0xF900...0xFAFF).contains(scalar)
    }

    @inline(__always)
    static func isEmoji(_ scalar: UInt32) -> Bool {
        (0x1F000...0x1FAFF).contains(scalar) || (0x2600...0x27BF).contains(scalar) || scalar == 0x2B50 || scalar == 0x2B55
    }

    /// True for the brackets that also write faces: ( ) [ ] { }.
    @inline(__always)
    static func isBracket(_ byte: UInt8) -> Bool {
        byte == 0x28 || byte == 0x29 || byte == 0x5B || byte == 0x5D || byte == 0x7B || byte == 0x7D
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
