import Foundation
import Testing
@testable import ChatMine

/// Small model files written by the tests themselves.
enum TinyModelFiles {
    /// A fresh empty folder under the temporary directory.
    static func folder() throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("chatmine-embed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// One tensor to write: name, dtype, shape and its raw little-endian bytes.
    struct Tensor {
        let name: String
        let dtype: String
        let shape: [Int]
        let bytes: [UInt8]

        static func f32(_ name: String, _ shape: [Int], _ values: [Float]) -> Tensor {
            Tensor(name: name, dtype: "F32", shape: shape, bytes: values.flatMap { bytesOf($0.bitPattern) })
        }

        static func f16(_ name: String, _ shape: [Int], bits: [UInt16]) -> Tensor {
            Tensor(name: name, dtype: "F16", shape: shape, bytes: bits.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        }
    }

    static func bytesOf(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }

    /// Writes a safetensors file: 8-byte header length, JSON header (space-padded to 8 bytes), data.
    static func writeSafeTensors(_ tensors: [Tensor], to path: String) throws {
        var entries: [String] = []
        var offset = 0
        for tensor in tensors {
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\"\(tensor.name)\":{\"dtype\":\"\(tensor.dtype)\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + tensor.bytes.count)]}")
            offset += tensor.bytes.count
        }
        var header = "{\"__metadata__\":{\"format\":\"pt\"}," + entries.joined(separator: ",") + "}"
        while header.utf8.count % 8 != 0 { header += " " }
        var data = [UInt8]()
        let length = UInt64(header.utf8.count)
        for shift in stride(from: 0, to: 64, by: 8) { data.append(UInt8((length >> UInt64(shift)) & 0xFF)) }
        data += Array(header.utf8)
        for tensor in tensors { data += tensor.bytes }
        try Data(data).write(to: URL(fileURLWithPath: path))
    }
}

@Suite("Embedding readers: safetensors")
struct EmbeddingSafeTensorsTests {
    @Test("reads float32 tensors in place and float16 tensors converted, including subnormals and infinity")
    func readsFloat32AndFloat16() throws {
        let path = (try TinyModelFiles.folder() as NSString).appendingPathComponent("tiny.safetensors")
        // Half bit patterns with hand-known values: 1, -2, 0.5, 65504 (largest half), 2^-24 (smallest
        // subnormal), -0, +infinity.
        try TinyModelFiles.writeSafeTensors([
            .f32("matrix", [2, 3], [1, 2, 3, -4, 5.5, 0.25]),
            .f16("halves", [7], bits: [0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x8000, 0x7C00]),
        ], to: path)
        let file = try SafeTensorsFile(path: path)
        #expect(file.tensors["matrix"]?.shape == [2, 3])
        #expect(try file.floats("matrix", shape: [2, 3]).array == [1, 2, 3, -4, 5.5, 0.25])
        let halves = try file.floats("halves").array
        #expect(halves[0...3] == [1, -2, 0.5, 65504])
        #expect(halves[4] == Float(sign: .plus, exponent: -24, significand: 1))
        #expect(halves[5] == 0 && halves[5].sign == .minus)
        #expect(halves[6] == .infinity)
    }

    @Test("a wrong shape, a missing tensor, a truncated file and a bad header give errors naming the file")
    func rejectsBadFiles() throws {
        let folder = try TinyModelFiles.folder()
        let path = (folder as NSString).appendingPathComponent("tiny.safetensors")
        try TinyModelFiles.writeSafeTensors([.f32("matrix", [2, 2], [1, 2, 3, 4])], to: path)
        let file = try SafeTensorsFile(path: path)
        #expect(throws: ChatMineError.self) { try file.floats("matrix", shape: [4, 1]) }
        let missing = #expect(throws: ChatMineError.self) { try file.floats("absent") }
        #expect(missing?.message.contains(path) == true)

        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let truncated = (folder as NSString).appendingPathComponent("truncated.safetensors")
        try data.prefix(data.count - 4).write(to: URL(fileURLWithPath: truncated))
        let error = #expect(throws: ChatMineError.self) { try SafeTensorsFile(path: truncated) }
        #expect(error?.message.contains("truncated.safetensors") == true)
        #expect(error?.message.contains("matrix") == true)

        let garbage = (folder as NSString).appendingPathComponent("garbage.safetensors")
        try Data("this is not a model at all".utf8).write(to: URL(fileURLWithPath: garbage))
        #expect(throws: ChatMineError.self) { try SafeTensorsFile(path: garbage) }
        #expect(throws: ChatMineError.self) { try SafeTensorsFile(path: folder + "/does-not-exist.safetensors") }
    }

    @Test("half-to-float conversion agrees with Swift's Float16 for every bit pattern")
    func halfConversionIsExact() {
        for bits in UInt16.min...UInt16.max {
            let expected = Float(Float16(bitPattern: bits))
            let converted = halfToFloat(bits)
            #expect(converted.bitPattern == expected.bitPattern || (converted.isNaN && expected.isNaN))
        }
    }
}
