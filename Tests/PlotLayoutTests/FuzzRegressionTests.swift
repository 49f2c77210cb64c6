import Foundation
import Testing
@testable import PlotLayout
import PlotSpec
import PlotInvariants

/// Every input the fuzzer ever crashed on (fuzz/regressions/, one raw query per file) goes
/// through decode, the canonical round trip and layout again, with the fuzz target's checks.
/// A file for a bug not fixed yet is listed in `knownIssues`; its check runs inside
/// `withKnownIssue`, so the suite stays green and turns red the day the fix lands (then
/// delete the entry; the file stays).
@Suite struct FuzzRegressionTests {
    static let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repo.appendingPathComponent("fuzz/regressions")

    /// File name -> what is wrong, for bugs reported but not fixed yet.
    static let knownIssues: [String: String] = [:]  // none open: the last four were fixed in PlotLayout

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasPrefix("README") }.sorted()
    }

    @Test func theFolderExists() {
        #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent("README.md").path))
    }

    @Test(arguments: files)
    func replay(file: String) throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent(file))
        // As the fuzz target reads its input (and the gateway QUERY_STRING): invalid UTF-8 repaired.
        let query = String(decoding: data, as: UTF8.self)
        let problems = Self.problems(query)
        if let issue = Self.knownIssues[file] {
            withKnownIssue(Comment(rawValue: issue)) {
                #expect(problems.isEmpty, "\(file): \(problems)")
            }
        } else {
            #expect(problems.isEmpty, "\(file): \(problems)")
        }
    }

    /// Every check the fuzz target makes on one query, as a list of failures.
    static func problems(_ query: String) -> [String] {
        var found: [String] = []
        let spec: ChartSpec
        do {
            spec = try QueryDecoder().decode(query)
        } catch {
            if error.message.isEmpty { found.append("error without a message") }
            if ![400, 413, 414].contains(error.status) { found.append("status \(error.status)") }
            if let why = SceneInvariants.errorSceneProblem(error) { found.append(why) }
            return found
        }
        var roomy = Limits()
        roomy.maxQueryBytes = .max
        let canonical = spec.canonicalQuery
        if let again = try? QueryDecoder(limits: roomy).decode(canonical) {
            if again.canonicalQuery != canonical { found.append("canonical not idempotent: \(canonical)") }
        } else {
            found.append("canonical query does not decode: \(canonical)")
        }
        if let why = SceneInvariants.layoutProblem(spec) { found.append("layout: \(why)") }
        return found
    }
}
