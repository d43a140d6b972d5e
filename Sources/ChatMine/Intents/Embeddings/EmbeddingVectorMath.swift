/// Small vector kernels for the transformer, in portable SIMD.

/// Dot product of two float vectors.
@inline(__always)
func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
    var index = 0
    var partial = SIMD8<Float>()
    while index + 8 <= count {
        partial += UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
            * UnsafeRawPointer(b + index).loadUnaligned(as: SIMD8<Float>.self)
        index += 8
    }
    var total = partial.sum()
    while index < count {
        total += a[index] * b[index]
        index += 1
    }
    return total
}

/// Sum of a float vector.
@inline(__always)
func sum(_ a: UnsafePointer<Float>, count: Int) -> Float {
    var index = 0
    var partial = SIMD8<Float>()
    while index + 8 <= count {
        partial += UnsafeRawPointer(a + index).loadUnaligned(as: SIMD8<Float>.self)
        index += 8
    }
    var total = partial.sum()
    while index < count {
        total += a[index]
        index += 1
    }
    return total
}

/// BERT's exact GELU, `x · Φ(x) = x/2 · (1 + erf(x/√2))`, in place.
func gelu(_ values: UnsafeMutablePointer<Float>, count: Int) {
    let half = SIMD8<Float>(repeating: 0.5)
    let one = SIMD8<Float>(repeating: 1)
    let inverseRootTwo = SIMD8<Float>(repeating: 0.70710678118654752)
    var index = 0
    while index + 8 <= count {
        let raw = UnsafeMutableRawPointer(values + index)
        let x = raw.loadUnaligned(as: SIMD8<Float>.self)
        raw.storeBytes(of: half * x * (one + erf8(x * inverseRootTwo)), as: SIMD8<Float>.self)
        index += 8
    }
    while index < count {
        let x = values[index]
        values[index] = 0.5 * x * (1 + erf8(SIMD8(repeating: x * 0.70710678118654752))[0])
        index += 1
    }
}

/// The error function to within 4e-7 absolute, as a rational approximation on [-4, 4]
/// (the minimax form used by Eigen and TensorFlow); ±1 beyond, where float erf is ±1.
@inline(__always)
func erf8(_ input: SIMD8<Float>) -> SIMD8<Float> {
    // `replace(with:where:)` compiles to vector min/max; the generic `clamped` is not
    // specialised across the module boundary, and lane-by-lane min/max stays scalar.
    var x = input
    x.replace(with: 4, where: x .> 4)
    x.replace(with: -4, where: x .< -4)
    let x2 = x * x
    var p = x2 * SIMD8(repeating: -2.72614225801306e-10) + SIMD8(repeating: 2.77068142495902e-08)
    p = x2 * p + SIMD8(repeating: -2.10102402082508e-06)
    p = x2 * p + SIMD8(repeating: -5.69250639462346e-05)
    p = x2 * p + SIMD8(repeating: -7.34990630326855e-04)
    p = x2 * p + SIMD8(repeating: -2.95459980854025e-03)
    p = x2 * p + SIMD8(repeating: -1.60960333262415e-02)
    p = x * p
    var q = x2 * SIMD8(repeating: -1.45660718464996e-05) + SIMD8(repeating: -2.13374055278905e-04)
    q = x2 * q + SIMD8(repeating: -1.68282697438203e-03)
    q = x2 * q + SIMD8(repeating: -7.37332916720468e-03)
    q = x2 * q + SIMD8(repeating: -1.42647390514189e-02)
    return p / q
}

/// `e^x` for each value in place, to about 2 ulp: 2^n · e^r with |r| ≤ ln2/2 and a degree-6
/// polynomial (Cephes' expf); inputs below -87 give 0. Used by the attention softmax.
func exponentiate(_ values: UnsafeMutablePointer<Float>, count: Int) {
    var index = 0
    while index + 8 <= count {
        let raw = UnsafeMutableRawPointer(values + index)
        raw.storeBytes(of: exp8(raw.loadUnaligned(as: SIMD8<Float>.self)), as: SIMD8<Float>.self)
        index += 8
    }
    if index < count {
        var rest = SIMD8<Float>(repeating: -100)
        for lane in 0..<(count - index) { rest[lane] = values[index + lane] }
        let result = exp8(rest)
        for lane in 0..<(count - index) { values[index + lane] = result[lane] }
    }
}

@inline(__always)
func exp8(_ input: SIMD8<Float>) -> SIMD8<Float> {
    var x = input
    x.replace(with: 88.3, where: x .> 88.3)
    x.replace(with: -87.3, where: x .< -87.3)
    // n = round(x / ln 2); r = x - n·ln 2 in two parts for accuracy. Adding 1.5·2²³ rounds n to
    // an integer (to nearest even) and leaves it in the low bits of the float's pattern.
    let shifted = x * 1.44269504088896341 + 12582912
    let n = shifted - 12582912
    var r = x - n * 0.693359375
    r = r - n * -2.12194440e-4
    var p = SIMD8<Float>(repeating: 1.9875691500e-4)
    p = p * r + 1.3981999507e-3
    p = p * r + 8.3334519073e-3
    p = p * r + 4.1665795894e-2
    p = p * r + 1.6666665459e-1
    p = p * r + 5.0000001201e-1
    p = p * r * r + r + 1
    // 2^n as a float: the exponent field n + 127 (n is within [-126, 128) after the clamp).
    let exponent = (unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000 &+ 127) &<< 23
    var result = p * unsafeBitCast(exponent, to: SIMD8<Float>.self)
    result.replace(with: 0, where: input .< -87.3)
    return result
}
