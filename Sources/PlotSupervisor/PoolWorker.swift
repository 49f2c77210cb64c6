import CShims
import PlotGateway
#if canImport(Glibc)
import Glibc
#endif

/// The worker side of the pool, run in a forked child: publishes its state in its scoreboard
/// slot and decides when to leave (render count with jitter, soft RSS ceiling).
struct PoolWorker: WorkerObserver {
    let slot: UnsafeMutablePointer<pg_slot>
    let scoreboard: Scoreboard
    let options: PoolOptions
    /// This worker's own render limit: max-renders plus a random share of the jitter, so
    /// workers started together do not all leave together.
    let renderLimit: Int
    let startedMs: Int64

    init(slot: UnsafeMutablePointer<pg_slot>, scoreboard: Scoreboard, options: PoolOptions) {
        self.slot = slot
        self.scoreboard = scoreboard
        self.options = options
        var generator = SystemRandomNumberGenerator()
        renderLimit = options.maxRenders > 0
            ? options.maxRenders + Int.random(in: 0...max(0, options.maxRendersJitter), using: &generator)
            : 0
        startedMs = pg_monotonic_ms()
    }

    mutating func accepted(_ request: GatewayRequest) {
        // busy_since was stamped by accept() itself (accept.c); this adds what is being served.
        if slot.pointee.busy_since_ms == 0 { slot.pointee.busy_since_ms = pg_monotonic_ms() }
        slot.pointee.state = 2
        let summary = request.method + " " + request.path + (request.query.isEmpty ? "" : "?" + request.query)
        pg_slot_set_request(slot, String(summary.prefix(Int(PG_REQUEST_TEXT) - 1)))
        scoreboard.increment(\.accepted)
        let active = (0..<min(options.workers * 2, Int(PG_MAX_SLOTS))).reduce(Int32(0)) { n, i in
            n + (scoreboard.slot(i).pointee.state == 2 ? 1 : 0)
        }
        if active > scoreboard.board.pointee.max_active { scoreboard.board.pointee.max_active = active }
    }

    mutating func finished(_ request: GatewayRequest, _ response: GatewayResponse) -> WorkerExit? {
        slot.pointee.requests += 1
        slot.pointee.busy_since_ms = 0
        slot.pointee.state = 1
        let served = Int(slot.pointee.requests)
        let now = pg_monotonic_ms()
        // A worker past its limit leaves only when no other worker left in the last 100 ms;
        // otherwise it serves one more request and asks again. Jitter spreads the limits, this
        // guarantees the spacing.
        if renderLimit > 0 && served >= renderLimit {
            guard pg_claim_recycle(scoreboard.board, now, PoolWorker.recycleSpacingMs) != 0 else { return nil }
            log("max_renders(\(served))")
            return .maxRenders
        }
        if options.rssSoftMB > 0, now - startedMs >= Int64(options.minLifetime * 1000),
           let kb = ProcessMemory.residentKB(pid: 0), kb > Int64(options.rssSoftMB) * 1024,
           pg_claim_recycle(scoreboard.board, now, PoolWorker.recycleSpacingMs) != 0 {
            log("rss(\(megabytes(kb))MB>\(options.rssSoftMB)MB)")
            return .rssSoft
        }
        return nil
    }

    static let recycleSpacingMs: Int64 = 100

    /// KiB as MiB with one decimal, so `rss(40.3MB>40MB)` never reads as `40MB>40MB`.
    private func megabytes(_ kb: Int64) -> String {
        let tenths = kb * 10 / 1024
        return "\(tenths / 10).\(tenths % 10)"
    }

    private func log(_ reason: String) {
        writeLine("plotgate: worker \(getpid()) leaving: \(reason)\n")
    }
}

/// One line to stderr with a single write (lines from several processes do not interleave),
/// prefixed with the UTC time so operators can order events (recycles, kills, crashes).
func writeLine(_ text: String) {
    var stamp = [CChar](repeating: 0, count: 32)
    pg_format_utc_now(&stamp, stamp.count)
    let prefix = String(decoding: stamp.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let bytes = Array((prefix + " " + text).utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}
