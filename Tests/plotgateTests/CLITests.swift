import Foundation
import Testing

/// `plotgate render` as scripts use it: a real process, real files, real exit codes.
@Suite struct CLITests {
    /// The binary built next to this test bundle (`swift build --build-tests` builds both).
    static let binary: URL = {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundleDir.appendingPathComponent("plotgate"),
                          bundleDir.deletingLastPathComponent().appendingPathComponent("plotgate")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    func run(_ args: [String]) throws -> Run {
        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    func tempPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plotgate-cli-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    /// Width and height from a PNG's IHDR chunk.
    func pngSize(_ data: Data) -> (Int, Int)? {
        let b = [UInt8](data)
        guard b.count > 24, b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        func be(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return (be(16), be(20))
    }

    @Test func rendersAPNGFile() throws {
        let path = tempPath("line.png")
        let r = try run(["render", "type=line&d=1,3,2,5&title=Hi&w=320&h=200", "-o", path])
        #expect(r.status == 0, "\(r.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(pngSize(data)! == (320, 200))
    }

    @Test func writesToStdoutWithoutOutputFile() throws {
        let r = try run(["render", "type=spark&d=1,2,3&dpr=2"])
        #expect(r.status == 0)
        #expect(pngSize(r.stdout)! == (240, 60))
    }

    @Test func formatComesFromFlagThenQueryThenSuffix() throws {
        let svg = tempPath("a.svg")
        #expect(try run(["render", "d=1,2", "-o", svg]).status == 0)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("<svg"))

        let pdfInQuery = tempPath("b.svg")
        #expect(try run(["render", "d=1,2&format=pdf", "-o", pdfInQuery]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdfInQuery)).starts(with: Array("%PDF".utf8)))

        let flag = try run(["render", "d=1,2&format=pdf", "--format", "png"])
        #expect(pngSize(flag.stdout) != nil)
    }

    @Test func badQueryExits65WithTheMessageAndWritesNothing() throws {
        let path = tempPath("bad.png")
        let r = try run(["render", "type=pies&d=1,2", "-o", path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("type: \"pies\" is not allowed"))
        #expect(r.stderr.contains("[invalid_value]"))
        #expect(!FileManager.default.fileExists(atPath: path))

        let unknown = try run(["render", "d=1&tilte=x"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("did you mean title?"))
        #expect(unknown.stdout.isEmpty)
    }

    @Test func limitsCanBeChangedFromTheCommandLine() throws {
        #expect(try run(["render", "d=1,2&w=3000", "--limit", "side=2048"]).status == 65)
        #expect(try run(["render", "d=1,2&w=3000", "--limit", "side=4096"]).status == 0)
        #expect(try run(["render", "d=1,2", "--limit", "bogus=1"]).status == 64)
    }

    @Test func usageErrorsExit64() throws {
        #expect(try run([]).status == 64)
        #expect(try run(["render"]).status == 64)
        #expect(try run(["render", "d=1", "--bogus"]).status == 64)
        #expect(try run(["frobnicate"]).status == 64)
        let help = try run(["help"])
        #expect(help.status == 0 && String(decoding: help.stdout, as: UTF8.self).contains("plotgate render"))
    }

    @Test func unwritableOutputIsReported() throws {
        let r = try run(["render", "d=1,2", "-o", "/nonexistent-dir/x.png"])
        #expect(r.status == 73)
        #expect(r.stderr.contains("cannot write"))
    }
}
