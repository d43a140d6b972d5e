@preconcurrency import Glibc
import Foundation

/// An optional BLAS found at run time (OpenBLAS via `dlopen`), never a build dependency.
/// Used for the transformer's matrix products when present, unless `CHATMINE_BLAS=off` (or the
/// build has the AVX2/AVX-512 kernels, CHATMINE_SIMD16, see Package.swift);
/// `CHATMINE_BLAS=/path/to/libopenblas.so` names a library.
struct RuntimeBLAS: @unchecked Sendable {
    private typealias SGEMM = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
        UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    private typealias SetThreads = @convention(c) (Int32) -> Void

    private let sgemm: SGEMM
    /// The library's file name, for messages.
    let library: String

    /// The BLAS of this process, loaded once; nil when none is found or it is switched off.
    static let shared: RuntimeBLAS? = load()

    private static func load() -> RuntimeBLAS? {
        let setting = ProcessInfo.processInfo.environment["CHATMINE_BLAS"] ?? ""
        if ["off", "0", "none", "no"].contains(setting.lowercased()) { return nil }
        #if CHATMINE_SIMD16
        // Built for the CPU's wide vectors, the Swift kernels beat OpenBLAS here: use a BLAS only
        // when CHATMINE_BLAS names one.
        if setting.isEmpty { return nil }
        #endif
        let names = setting.isEmpty ? ["libopenblas.so.0", "libopenblas.so", "libopenblasp.so.0"] : [setting]
        for name in names {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL), let symbol = dlsym(handle, "cblas_sgemm") else { continue }
            // Each batch already runs on its own core; BLAS threads on top would only contend.
            if let threads = dlsym(handle, "openblas_set_num_threads") {
                unsafeBitCast(threads, to: SetThreads.self)(1)
            }
            return RuntimeBLAS(sgemm: unsafeBitCast(symbol, to: SGEMM.self), library: name)
        }
        return nil
    }

    /// `output[rows × n] = input[rows × k] · weightsᵀ`, `weights` row-major `n × k`.
    func multiply(_ input: UnsafePointer<Float>, rows: Int, weights: UnsafePointer<Float>, outputs n: Int, inputs k: Int,
                  into output: UnsafeMutablePointer<Float>) {
        let rowMajor: Int32 = 101, noTranspose: Int32 = 111, transpose: Int32 = 112
        sgemm(rowMajor, noTranspose, transpose, Int32(rows), Int32(n), Int32(k), 1, input, Int32(k),
              weights, Int32(k), 0, output, Int32(n))
    }
}
