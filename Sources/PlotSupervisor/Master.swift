import CShims
import PlotGateway
#if canImport(Glibc)
import Glibc
#endif

/// The pool's master: owns the listening socket, forks N single-threaded workers that share
/// it, and keeps them healthy. It never renders a request.
///
/// Single-threaded by design (fork is only safe then): signals are blocked and taken
/// synchronously with `sigtimedwait`, so the whole master is one loop with no handlers.
public struct Master {
    public let options: PoolOptions
    public let source: ListenSource
    public let versionTag: String
    /// Runs once before the first fork (fonts, a dummy render), so workers inherit warm caches
    /// copy-on-write and no first request pays for them.
    public let warmUp: () -> Void

    public init(options: PoolOptions, source: ListenSource, versionTag: String, warmUp: @escaping () -> Void) {
        self.options = options
        self.source = source
        self.versionTag = versionTag
        self.warmUp = warmUp
    }

    public func run() -> Int32 {
        let listenFD: Int32
        switch ListenSocket.open(source) {
        case .success(let fd): listenFD = fd
        case .failure(let e):
            writeLine("plotgate serve: \(e.message)\n")
            return 69
        }
        guard let scoreboard = Scoreboard() else {
            writeLine("plotgate serve: cannot map the scoreboard\n")
            return 71
        }
        var pool = Pool(options: options, listenFD: listenFD, scoreboard: scoreboard, versionTag: versionTag)
        pg_block_master_signals()
        warmUp()
        let status = pool.run()
        // A socket file we created ourselves is ours to remove.
        if case .unix(let path, _, _) = source { unlink(path) }
        return status
    }
}

/// The master's mutable state and loop.
struct Pool {
    let options: PoolOptions
    let listenFD: Int32
    let scoreboard: Scoreboard
    let versionTag: String
    let masterPID = getpid()
    /// Scoreboard slots usable: twice the pool, so a reload can start each replacement
    /// before its predecessor leaves.
    let capacity: Int

    struct Slot {
        /// Whether this slot should have a worker (false once retired by a reload).
        var wanted = false
        var pid: Int32 = 0
        var startedMs: Int64 = 0
        var respawnAtMs: Int64? = nil
        var plannedKill: String? = nil
        var crashStreak = 0
        var lastCrashMs: Int64 = 0
    }

    var slots: [Slot]
    var stopping = false
    var stopDeadlineMs: Int64 = 0
    /// Slots still to be replaced by a SIGHUP reload, and the replacement being started.
    var reloadQueue: [Int] = []
    var reloadStep: (old: Int, new: Int)? = nil
    var lastRSSSampleMs: Int64 = 0

    init(options: PoolOptions, listenFD: Int32, scoreboard: Scoreboard, versionTag: String) {
        self.options = options
        self.listenFD = listenFD
        self.scoreboard = scoreboard
        self.versionTag = versionTag
        capacity = min(Int(PG_MAX_SLOTS), max(2, options.workers * 2))
        slots = Array(repeating: Slot(), count: capacity)
        scoreboard.board.pointee.workers = Int32(options.workers)
    }

    mutating func run() -> Int32 {
        log("starting \(options.workers) workers (pid \(masterPID))")
        for i in 0..<min(options.workers, capacity) {
            slots[i].wanted = true
            spawn(i)
        }
        while true {
            let signo = pg_wait_signal(50)
            switch signo {
            case SIGTERM: beginStop(graceful: true)
            case SIGINT, SIGQUIT: beginStop(graceful: false)
            case SIGHUP: beginReload()
            default: break
            }
            reap()
            if stopping {
                if slots.allSatisfy({ $0.pid == 0 }) {
                    log("stopped")
                    return 0
                }
                if pg_monotonic_ms() >= stopDeadlineMs { killAll(SIGKILL, reason: "graceful_timeout") }
                continue
            }
            enforceDeadlines()
            respawnDue()
            advanceReload()
        }
    }

    // MARK: workers

    mutating func spawn(_ i: Int) {
        // fork() from a process with other threads can leave a child holding a lock forever
        // (DESIGN.md §3); the master never starts any, and this guard keeps it that way.
        guard pg_thread_count() == 1 else {
            log("refusing to fork: the master has \(pg_thread_count()) threads")
            exit(70)
        }
        let slot = scoreboard.slot(i)
        let pid = fork()
        if pid < 0 {
            log(errnoText("fork"))
            slots[i].respawnAtMs = pg_monotonic_ms() + 1000
            return
        }
        if pid == 0 { runWorker(slot: slot) }
        slot.pointee.pid = pid
        slot.pointee.state = 1
        slot.pointee.busy_since_ms = 0
        slot.pointee.requests = 0
        slot.pointee.started_ms = pg_monotonic_ms()
        slots[i].pid = pid
        slots[i].startedMs = pg_monotonic_ms()
        slots[i].respawnAtMs = nil
        slots[i].plannedKill = nil
    }

    /// The child's side of fork: never returns.
    func runWorker(slot: UnsafeMutablePointer<pg_slot>) -> Never {
        pg_reset_signals_in_child()
        // Never outlive the master: die with it, and leave if it is already gone.
        if pg_die_with_parent(masterPID) != 0 { _exit(0) }
        pg_set_process_name("plotgate-wrk")
        if listenFD != 0 {
            dup2(listenFD, 0)
            close(listenFD)
        }
        slot.pointee.pid = getpid()
        slot.pointee.requests = 0
        slot.pointee.busy_since_ms = 0
        slot.pointee.state = 1
        pg_publish_accepts_to(slot)

        let board = scoreboard, capacity = self.capacity
        var configuration = ChartService.Configuration()
        configuration.maxAge = options.maxAge
        configuration.limits = options.limits
        configuration.testHooks = options.testHooks
        configuration.status = { StatusReport.json(board, slots: capacity) }
        var worker = FastCGIWorker(service: ChartService(configuration: configuration, versionTag: versionTag))
        worker.accessLog = options.accessLog
        worker.renderTimeoutMilliseconds = UInt32(max(0, options.renderTimeout * 1000))
        worker.observer = PoolWorker(slot: slot, scoreboard: scoreboard, options: options)
        _exit(worker.run())
    }

    mutating func respawnDue() {
        let now = pg_monotonic_ms()
        for i in slots.indices where slots[i].wanted && slots[i].pid == 0 {
            if let at = slots[i].respawnAtMs, at <= now { spawn(i) }
        }
    }

    /// The hard deadline (counted from accept, so a stalled reader counts too) and the hard
    /// RSS ceiling, both enforced with SIGKILL.
    mutating func enforceDeadlines() {
        let now = pg_monotonic_ms()
        let hardMs = Int64(options.hardTimeout * 1000)
        let sampleRSS = now - lastRSSSampleMs >= 500
        if sampleRSS { lastRSSSampleMs = now }
        for i in slots.indices where slots[i].pid > 0 && slots[i].plannedKill == nil {
            let board = scoreboard.slot(i)
            let since = board.pointee.busy_since_ms
            if hardMs > 0 && since > 0 && now - since > hardMs {
                slots[i].plannedKill = "hard_timeout"
                log("worker \(slots[i].pid) busy for \(now - since) ms, past the hard timeout: killing; request: "
                    + scoreboard.lastRequest(board))
                kill(slots[i].pid, SIGKILL)
                continue
            }
            guard sampleRSS, let kb = ProcessMemory.residentKB(pid: slots[i].pid) else { continue }
            board.pointee.rss_kb = kb
            let limitKB = Int64(options.rssHardMB) * 1024
            if limitKB > 0 && kb > limitKB && now - slots[i].startedMs >= Int64(options.minLifetime * 1000) {
                slots[i].plannedKill = "rss(\(kb / 1024)MB>\(options.rssHardMB)MB)"
                kill(slots[i].pid, SIGKILL)
            }
        }
    }

    func log(_ text: String) { writeLine("plotgate[master]: \(text)\n") }
}

/// Seconds with one decimal for log lines.
func format(_ seconds: Double) -> String {
    let tenths = Int((seconds * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}
