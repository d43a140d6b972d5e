/// A fast, stable 128-bit hash of bytes (not cryptographic), for record identity and file
/// prefixes. Stable across processes and platforms: it is written into the store.
public struct ContentHash: Sendable {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    public init() {}

    /// Feeds bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        length &+= UInt64(bytes.count)
        var index = 0
        if !pending.isEmpty {
            while pending.count < 16 && index < bytes.count {
                pending.append(bytes[index])
                index += 1
            }
            if pending.count == 16 {
                pending.withUnsafeBytes { mix(block: $0, at: 0) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        while index + 16 <= bytes.count {
            mix(block: bytes, at: index)
            index += 16
        }
        while index < bytes.count {
            pending.append(bytes[index])
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

    private mutating func mix(block: UnsafeRawBufferPointer, at offset: Int) {
        let k1 = block.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
        let k2 = block.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self).littleEndian
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

    /// The 16-byte digest of everything fed so far.
    public func digest() -> [UInt8] {
        var a = self.a
        var b = self.b
        var tail: UInt64 = 0
        var tail2: UInt64 = 0
        for (i, byte) in pending.enumerated() {
            if i < 8 { tail |= UInt64(byte) << (8 * UInt64(i)) } else { tail2 |= UInt64(byte) << (8 * UInt64(i - 8)) }
        }
        a ^= Self.scramble(tail)
        b ^= Self.scramble(tail2)
        a ^= length
        b ^= length
        a &+= b
        b &+= a
        a = Self.finalMix(a)
        b = Self.finalMix(b)
        a &+= b
        b &+= a
        var out = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            out[i] = UInt8(truncatingIfNeeded: a >> (8 * UInt64(i)))
            out[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * UInt64(i)))
        }
        return out
    }

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
