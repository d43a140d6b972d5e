/// A 128-bit digest held inline (no heap allocation), for record identity.
public struct Digest128: Sendable, Hashable {
    public var low: UInt64
    public var high: UInt64

    /// The 16 bytes, little-endian low word first (the form stored in the database).
    public var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            out[i] = UInt8(truncatingIfNeeded: low >> (8 * UInt64(i)))
            out[8 + i] = UInt8(truncatingIfNeeded: high >> (8 * UInt64(i)))
        }
        return out
    }

    /// Calls `body` with the 16 bytes, without allocating.
    public func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        var words = (low.littleEndian, high.littleEndian)
        return try withUnsafeBytes(of: &words) { try body($0) }
    }
}

/// A fast, stable 128-bit hash of bytes (not cryptographic), for record identity and file
/// prefixes. Stable across processes and platforms: its digests are stored.
public struct ContentHash: Sendable {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    /// Up to 15 bytes waiting for a full 16-byte block, packed little-endian.
    private var tail0: UInt64 = 0
    private var tail1: UInt64 = 0
    private var tailCount = 0
    private var length: UInt64 = 0

    public init() {}

    /// Feeds bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress else { return }
        length &+= UInt64(count)
        var index = 0
        while tailCount > 0 && index < count {
            push(base.load(fromByteOffset: index, as: UInt8.self))
            index += 1
        }
        while index + 16 <= count {
            mix(base.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian,
                base.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self).littleEndian)
            index += 16
        }
        while index < count {
            push(base.load(fromByteOffset: index, as: UInt8.self))
            index += 1
        }
    }

    /// Feeds the UTF-8 bytes of a string.
    public mutating func update(_ text: String) {
        var copy = text
        copy.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Feeds bytes from an array.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds an integer (its 8 little-endian bytes).
    public mutating func update(_ value: Int) {
        withUnsafeBytes(of: UInt64(bitPattern: Int64(value)).littleEndian) { update($0) }
    }

    private mutating func push(_ byte: UInt8) {
        if tailCount < 8 {
            tail0 |= UInt64(byte) << (8 * UInt64(tailCount))
        } else {
            tail1 |= UInt64(byte) << (8 * UInt64(tailCount - 8))
        }
        tailCount += 1
        if tailCount == 16 {
            mix(tail0, tail1)
            tail0 = 0
            tail1 = 0
            tailCount = 0
        }
    }

    private mutating func mix(_ k1: UInt64, _ k2: UInt64) {
        a = Self.round(a ^ Self.scramble(k1), k2)
        b = Self.round(b ^ Self.scramble(k2), k1)
        a &+= b
        b &+= a
    }

    private static func scramble(_ k: UInt64) -> UInt64 {
        var x = k &* 0x87C3_7B91_1142_53D5
        x = (x << 31) | (x >> 33)
        return x &* 0x4CF5_AD43_2745_937F
    }

    private static func round(_ h: UInt64, _ k: UInt64) -> UInt64 {
        var x = h ^ k
        x = (x << 27) | (x >> 37)
        return x &* 5 &+ 0x52DC_E729
    }

    private static func finalMix(_ k: UInt64) -> UInt64 {
        var x = k
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }

    /// The digest of everything fed so far (the state is left as it is).
    public func digest128() -> Digest128 {
        var a = self.a ^ Self.scramble(tail0) ^ length
        var b = self.b ^ Self.scramble(tail1) ^ length
        a &+= b
        b &+= a
        a = Self.finalMix(a)
        b = Self.finalMix(b)
        a &+= b
        b &+= a
        return Digest128(low: a, high: b)
    }

    /// The digest as 16 bytes.
    public func digest() -> [UInt8] { digest128().bytes }

    /// The digest of one byte buffer.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var hash = ContentHash()
        hash.update(bytes)
        return hash.digest()
    }

    /// The digest as lower-case hex, for display.
    public static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
