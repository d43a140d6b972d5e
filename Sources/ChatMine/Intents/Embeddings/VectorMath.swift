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
    let x = input.clamped(lowerBound: SIMD8(repeating: -4), upperBound: SIMD8(repeating: 4))
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
