/// Truncated SVD of a sparse matrix by randomised range finding (Halko, Martinsson & Tropp
/// 2011): the top right singular vectors, which project TF-IDF rows into a dense latent space.
struct RandomizedSVD {
    /// How many dimensions to keep.
    var dimensions: Int
    /// Extra random directions that make the top ones accurate.
    var oversampling = 16
    /// Power iterations, which sharpen a slowly decaying spectrum (text has one).
    var powerIterations = 2
    var seed: UInt64

    /// The `width × d` projection whose columns are the top right singular vectors of `matrix`,
    /// and `d` (at most `dimensions`, fewer when the matrix has lower rank).
    func projection(of matrix: SparseRows) -> (values: [Float], dimensions: Int) {
        let l = min(dimensions + oversampling, matrix.count, matrix.width)
        guard l > 0 else { return ([], 0) }
        var generator = SeededGenerator(seed: seed)
        var omega = [Float](repeating: 0, count: matrix.width * l)
        for i in omega.indices { omega[i] = generator.gaussian() }
        var q = matrix.multiply(omega, k: l)
        var rank = Self.orthonormalizeColumns(&q, rows: matrix.count, columns: l)
        // Subspace iteration Q ← orth(X Xᵀ Q): Q is orthonormal, so Xᵀ Q needs no
        // orthonormalisation of its own.
        for _ in 0..<powerIterations {
            let z = matrix.transposeMultiply(q, k: l)
            q = matrix.multiply(z, k: l)
            rank = Self.orthonormalizeColumns(&q, rows: matrix.count, columns: l)
        }
        // Bᵀ = Xᵀ Q (width × l); B Bᵀ = (XᵀQ)ᵀ(XᵀQ) holds the squared singular values.
        let bt = matrix.transposeMultiply(q, k: l)
        var gramFloat = [Float](repeating: 0, count: l * l)
        bt.withUnsafeBufferPointer { b in
            gramFloat.withUnsafeMutableBufferPointer { g in
                guard let base = b.baseAddress, let gBase = g.baseAddress else { return }
                for r in 0..<matrix.width {
                    let row = base + r * l
                    for i in 0..<l where row[i] != 0 { VectorMath.axpy(row[i], row, gBase + i * l, l) }
                }
            }
        }
        var gram = gramFloat.map(Double.init)
        for i in 0..<l { for j in 0..<i { let mean = (gram[i * l + j] + gram[j * l + i]) / 2; gram[i * l + j] = mean; gram[j * l + i] = mean } }
        let (eigenvalues, eigenvectors) = SymmetricEigen.decompose(gram, size: l)
        let order = (0..<l).sorted { eigenvalues[$0] > eigenvalues[$1] }
        let top = eigenvalues[order[0]]
        let kept = order.prefix(min(dimensions, rank)).filter { eigenvalues[$0] > max(1e-10, top * 1e-8) }
        let d = kept.count
        guard d > 0 else { return ([], 0) }
        // V = Bᵀ U Σ⁻¹ (width × d), as Bᵀ times the small l × d matrix U Σ⁻¹.
        var scaled = [Float](repeating: 0, count: l * d)
        for (column, index) in kept.enumerated() {
            let sigma = eigenvalues[index].squareRoot()
            for j in 0..<l { scaled[j * d + column] = Float(eigenvectors[j * l + index] / sigma) }
        }
        var v = [Float](repeating: 0, count: matrix.width * d)
        bt.withUnsafeBufferPointer { b in
            scaled.withUnsafeBufferPointer { m in
                v.withUnsafeMutableBufferPointer { out in
                    guard let bBase = b.baseAddress, let mBase = m.baseAddress, let oBase = out.baseAddress else { return }
                    for r in 0..<matrix.width {
                        let row = bBase + r * l
                        for j in 0..<l where row[j] != 0 { VectorMath.axpy(row[j], mBase + j * d, oBase + r * d, d) }
                    }
                }
            }
        }
        return (v, d)
    }

    /// Modified Gram–Schmidt, twice, on the columns of a row-major `rows × columns` matrix;
    /// columns that are (numerically) dependent become zero. Returns the rank found.
    static func orthonormalizeColumns(_ matrix: inout [Float], rows: Int, columns: Int) -> Int {
        // Work column-major for contiguous access.
        var cols = [Float](repeating: 0, count: rows * columns)
        for r in 0..<rows { for c in 0..<columns { cols[c * rows + r] = matrix[r * columns + c] } }
        var rank = 0
        cols.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for c in 0..<columns {
                let column = base + c * rows
                let original = VectorMath.dot(column, column, rows).squareRoot()
                for _ in 0..<2 {
                    for p in 0..<c {
                        let previous = base + p * rows
                        let projection = VectorMath.dot(previous, column, rows)
                        if projection != 0 { VectorMath.axpy(-projection, previous, column, rows) }
                    }
                }
                let norm = VectorMath.dot(column, column, rows).squareRoot()
                if norm > 1e-5 * max(original, 1e-20) && norm > 1e-12 {
                    let inverse = 1 / norm
                    for r in 0..<rows { column[r] *= inverse }
                    rank += 1
                } else {
                    for r in 0..<rows { column[r] = 0 }
                }
            }
        }
        for r in 0..<rows { for c in 0..<columns { matrix[r * columns + c] = cols[c * rows + r] } }
        return rank
    }
}

/// Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations.
enum SymmetricEigen {
    /// Eigenvalues and row-major eigenvectors (column `i` belongs to eigenvalue `i`).
    static func decompose(_ matrix: [Double], size n: Int) -> ([Double], [Double]) {
        var a = matrix
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        for _ in 0..<60 {
            var off = 0.0
            for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { off += a[i * n + j] * a[i * n + j] } }
            if off < 1e-22 { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) {
                    let apq = a[p * n + q]
                    if abs(apq) < 1e-300 { continue }
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot()
                    let s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<n).map { a[$0 * n + $0] }, v)
    }
}
