/// SipHash-2-4 (Aumasson & Bernstein): a keyed 64-bit hash, small and fast, for hash-mode placeholders.
///
/// Written here because the package takes no third-party code and CryptoKit is not on Linux.
/// It is a pseudo-random function under a secret key, not a general-purpose digest.
struct SipHash24: Sendable {
    private let k0: UInt64
    private let k1: UInt64

    /// A hasher with the 128-bit key given as two little-endian halves.
    init(k0: UInt64, k1: UInt64) {
        self.k0 = k0
        self.k1 = k1
    }

    /// A hasher whose key is derived from a text salt (the same salt always gives the same key).
    init(salt: String) {
        let bytes = Array(salt.utf8)
        // Two fixed, unrelated keys turn an arbitrary-length salt into the 128-bit key.
        let first = SipHash24(k0: 0x6368_6174_6D69_6E65, k1: 0x7265_6461_6374_696F)
        let second = SipHash24(k0: 0x736F_6D65_7365_6564, k1: 0x0706_0504_0302_0100)
        self.init(k0: first.hash(bytes), k1: second.hash(bytes))
    }

    /// The 64-bit SipHash-2-4 of `bytes` under this key.
    func hash(_ bytes: some Collection<UInt8>) -> UInt64 {
        var v0: UInt64 = 0x736F_6D65_7073_6575 ^ k0
        var v1: UInt64 = 0x646F_7261_6E64_6F6D ^ k1
        var v2: UInt64 = 0x6C79_6765_6E65_7261 ^ k0
        var v3: UInt64 = 0x7465_6462_7974_6573 ^ k1

        @inline(__always) func round() {
            v0 &+= v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
            v2 &+= v3; v3 = rotl(v3, 16); v3 ^= v2
            v0 &+= v3; v3 = rotl(v3, 21); v3 ^= v0
            v2 &+= v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)
        }

        var word: UInt64 = 0
        var filled = 0
        for byte in bytes {
            word |= UInt64(byte) << (8 * UInt64(filled))
            filled += 1
            if filled == 8 {
                v3 ^= word
                round(); round()
                v0 ^= word
                word = 0
                filled = 0
            }
        }
        let last = word | (UInt64(truncatingIfNeeded: bytes.count) << 56)
        v3 ^= last
        round(); round()
        v0 ^= last
        v2 ^= 0xFF
        round(); round(); round(); round()
        return v0 ^ v1 ^ v2 ^ v3
    }
}

@inline(__always)
private func rotl(_ x: UInt64, _ b: UInt64) -> UInt64 {
    (x << b) | (x >> (64 - b))
}
