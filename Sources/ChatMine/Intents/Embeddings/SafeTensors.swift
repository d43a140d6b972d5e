import Foundation

/// A `.safetensors` file (Hugging Face's tensor format): an 8-byte little-endian header length,
/// a JSON header naming each tensor's dtype, shape and byte range, then the raw data.
/// The file is memory-mapped; float tensors are read as 32-bit floats.
final class SafeTensorsFile {
    /// One tensor's entry in the header.
    struct Tensor {
        /// Name, e.g. "embeddings.word_embeddings.weight".
        let name: String
        /// Element type as written in the header: "F32", "F16", "BF16", "I64", …
        let dtype: String
        /// Dimensions, outermost first.
        let shape: [Int]
        /// Byte offset of the data from the start of the file.
        let offset: Int
        /// Byte length of the data.
        let length: Int

        /// Number of elements.
        var elementCount: Int { shape.reduce(1, *) }
    }

    /// The path of the file, for error messages.
    var path: String { file.path }
    /// Every tensor, by name.
    let tensors: [String: Tensor]
    private let file: MappedFile

    private static let elementSizes: [String: Int] = [
        "F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1,
    ]

    /// Maps and validates `path`; throws a `ChatMineError` naming the file and the problem.
    init(path: String) throws {
        file = try MappedFile(path: path)
        func bad(_ problem: String) -> ChatMineError {
            ChatMineError("\(path) is not a valid safetensors file: \(problem)",
                          hint: "Download the model again; the file may be truncated or of another format.")
        }
        guard file.count >= 8 else { throw bad("it is only \(file.count) bytes long") }
        let headerLength = Int(UInt64(littleEndian: file.bytes.loadUnaligned(as: UInt64.self)))
        guard headerLength > 1, headerLength <= file.count - 8 else {
            throw bad("its header length \(headerLength) does not fit the file size \(file.count)")
        }
        let headerData = Data(bytes: file.bytes + 8, count: headerLength)
        guard let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any] else {
            throw bad("its header is not a JSON object")
        }
        let dataStart = 8 + headerLength
        var tensors: [String: Tensor] = [:]
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any],
                  let dtype = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int],
                  let offsets = entry["data_offsets"] as? [Int], offsets.count == 2
            else { throw bad("the entry for tensor '\(name)' lacks dtype, shape or data_offsets") }
            guard let size = Self.elementSizes[dtype] else {
                throw bad("tensor '\(name)' has the unknown dtype \(dtype)")
            }
            let length = offsets[1] - offsets[0]
            guard offsets[0] >= 0, length >= 0, dataStart + offsets[1] <= file.count else {
                throw bad("tensor '\(name)' lies outside the file (bytes \(offsets[0])..<\(offsets[1]))")
            }
            guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) * size == length else {
                throw bad("tensor '\(name)' has shape \(shape) of \(dtype) but \(length) bytes")
            }
            tensors[name] = Tensor(name: name, dtype: dtype, shape: shape, offset: dataStart + offsets[0], length: length)
        }
        self.tensors = tensors
    }

    /// The tensor called `name`, or an error naming the file and the missing tensor.
    func tensor(_ name: String) throws -> Tensor {
        guard let tensor = tensors[name] else {
            throw ChatMineError("\(path) has no tensor '\(name)'",
                                hint: "The model folder does not hold the expected architecture.")
        }
        return tensor
    }

    /// The tensor `name` as 32-bit floats, checked against `shape` when given. F32 data that is
    /// suitably aligned is used in place; F16 and BF16 are converted.
    func floats(_ name: String, shape: [Int]? = nil) throws -> FloatStorage {
        let tensor = try tensor(name)
        if let shape, shape != tensor.shape {
            throw ChatMineError("\(path): tensor '\(name)' has shape \(tensor.shape), expected \(shape)",
                                hint: "The weights do not match the model's config.json.")
        }
        let source = file.bytes + tensor.offset
        let count = tensor.elementCount
        switch tensor.dtype {
        case "F32":
            if Int(bitPattern: source) % MemoryLayout<Float>.alignment == 0 {
                return FloatStorage(viewing: source.assumingMemoryBound(to: Float.self), count: count, in: file)
            }
            return FloatStorage(count: count) { target in
                for index in 0..<count {
                    target[index] = source.loadUnaligned(fromByteOffset: index * 4, as: Float.self)
                }
            }
        case "F16":
            return FloatStorage(count: count) { target in
                for index in 0..<count {
                    target[index] = halfToFloat(source.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self))
                }
            }
        case "BF16":
            return FloatStorage(count: count) { target in
                for index in 0..<count {
                    let bits = source.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self)
                    target[index] = Float(bitPattern: UInt32(bits) << 16)
                }
            }
        default:
            throw ChatMineError("\(path): tensor '\(name)' holds \(tensor.dtype), not floating-point values",
                                hint: "Only F32, F16 and BF16 weights are supported.")
        }
    }
}

/// Converts an IEEE 754 half-precision bit pattern to a Float (exact: every half is a float).
@inline(__always)
func halfToFloat(_ bits: UInt16) -> Float {
    let sign = UInt32(bits & 0x8000) << 16
    let exponent = UInt32(bits >> 10) & 0x1F
    var mantissa = UInt32(bits) & 0x3FF
    switch exponent {
    case 0:
        if mantissa == 0 { return Float(bitPattern: sign) }
        // Subnormal half: normalise it into a float.
        var shift: UInt32 = 0
        while mantissa & 0x400 == 0 { mantissa <<= 1; shift += 1 }
        mantissa &= 0x3FF
        return Float(bitPattern: sign | ((127 - 15 + 1 - shift) << 23) | (mantissa << 13))
    case 0x1F:
        return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
    default:
        return Float(bitPattern: sign | ((exponent + 127 - 15) << 23) | (mantissa << 13))
    }
}
