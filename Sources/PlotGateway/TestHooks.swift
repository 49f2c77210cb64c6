#if canImport(Glibc)
import Glibc
#endif

/// Fault injection for the pool's tests, enabled only with `PLOTGATE_TEST_HOOKS=1` in the
/// environment. Otherwise `test.*` parameters are not stripped and the decoder rejects them as
/// unknown (400), so production never honours them.
///
/// - `test.hang=SECONDS`: the render sleeps that long (inside the render deadline).
/// - `test.crash=1`: abort before any byte is written; `test.crash=write`: half-way through
///   writing the response.
/// - `test.leak=KB`: allocate and touch that much memory and never free it.
/// Where `test.leak` keeps what it leaks (see `TestHooks`). One thread per worker.
nonisolated(unsafe) private var leakedBlocks: [UnsafeMutableRawPointer] = []

struct TestHooks {
    var hangSeconds = 0.0
    var crash: String? = nil
    var leakKB = 0

    /// Splits `test.*` items off the query; returns the hooks and the query without them.
    static func extract(from query: String) -> (TestHooks, String) {
        var hooks = TestHooks()
        var kept: [Substring] = []
        for item in query.split(separator: "&", omittingEmptySubsequences: false) {
            guard item.hasPrefix("test.") else { kept.append(item); continue }
            let parts = item.split(separator: "=", maxSplits: 1)
            let value = parts.count > 1 ? String(parts[1]) : ""
            switch parts[0] {
            case "test.hang": hooks.hangSeconds = Double(value) ?? 0
            case "test.crash": hooks.crash = value
            case "test.leak": hooks.leakKB = Int(value) ?? 0
            default: kept.append(item)
            }
        }
        return (hooks, kept.joined(separator: "&"))
    }

    /// Runs the hooks that act before rendering: leak, crash before headers, hang.
    func beforeRender() {
        if leakKB > 0, let block = malloc(leakKB * 1024) {
            memset(block, 0x5A, leakKB * 1024)  // touched, so it counts in RSS
            // Kept reachable from a global, or the optimiser drops the unused allocation.
            leakedBlocks.append(block)
        }
        if crash == "1" { abort() }
        if hangSeconds > 0 {
            var remaining = timespec(tv_sec: Int(hangSeconds),
                                     tv_nsec: Int((hangSeconds - hangSeconds.rounded(.down)) * 1e9))
            var request = remaining
            while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
        }
    }

    var crashDuringWrite: Bool { crash == "write" }
}
