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

    mutating func reap() {
        var status: Int32 = 0
        while true {
            let pid = waitpid(-1, &status, WNOHANG)
            if pid <= 0 { return }
            guard let i = slots.firstIndex(where: { $0.pid == pid }) else { continue }
            let board = scoreboard.slot(i)
            let requests = board.pointee.requests
            let lastRequest = scoreboard.lastRequest(board)
            let lifetime = Double(pg_monotonic_ms() - slots[i].startedMs) / 1000
            board.pointee.pid = 0
            board.pointee.state = 0
            board.pointee.busy_since_ms = 0
            slots[i].pid = 0
            let now = pg_monotonic_ms()

            switch ExitReason.classify(status: status, plannedKill: slots[i].plannedKill, requests: requests) {
            case .planned(let reason):
                count(reason)
                log("worker \(pid) exited: \(reason) after \(requests) requests, \(format(lifetime)) s")
                slots[i].respawnAtMs = now
            case .crash(let signo):
                pg_count_crash(scoreboard.board, signo)
                slots[i].crashStreak = now - slots[i].lastCrashMs < 10_000 ? slots[i].crashStreak + 1 : 1
                slots[i].lastCrashMs = now
                let delay = backoff(slots[i].crashStreak)
                log("worker \(pid) CRASHED: \(signalName(signo)) after \(requests) requests; last request: "
                    + "\(lastRequest.isEmpty ? "-" : lastRequest); restarting in \(delay) ms")
                slots[i].respawnAtMs = now + delay
            case .failure(let reason):
                slots[i].crashStreak = now - slots[i].lastCrashMs < 10_000 ? slots[i].crashStreak + 1 : 1
                slots[i].lastCrashMs = now
                let delay = backoff(slots[i].crashStreak)
                log("worker \(pid) failed: \(reason); restarting in \(delay) ms")
                slots[i].respawnAtMs = now + delay
            }
            slots[i].plannedKill = nil
            if let step = reloadStep, step.old == i {
                slots[i].wanted = false
                slots[i].respawnAtMs = nil
                reloadStep = nil
            }
        }
    }

    private func count(_ reason: String) {
        if reason.hasPrefix("max_renders") { scoreboard.increment(\.recycled_max_renders) }
        else if reason == "rss_soft" { scoreboard.increment(\.recycled_rss_soft) }
        else if reason.hasPrefix("rss(") { scoreboard.increment(\.recycled_rss_hard) }
        else if reason == "render_timeout" { scoreboard.increment(\.render_timeouts) }
        else if reason == "hard_timeout" { scoreboard.increment(\.hard_kills) }
        else if reason == "reload" { scoreboard.increment(\.recycled_reload) }
    }

    /// 0 for a first crash, then 100 ms doubling up to 10 s while crashes repeat. Never gives up.
    private func backoff(_ streak: Int) -> Int64 {
        streak <= 1 ? 0 : min(10_000, 100 << Int64(min(streak - 2, 10)))
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

    // MARK: signals

    mutating func beginStop(graceful: Bool) {
        if stopping && graceful { return }
        stopping = true
        reloadQueue = []
        reloadStep = nil
        if graceful {
            log("SIGTERM: draining (up to \(format(options.gracefulTimeout)) s)")
            stopDeadlineMs = pg_monotonic_ms() + Int64(options.gracefulTimeout * 1000)
            killAll(SIGTERM, reason: "stopped")
        } else {
            log("fast stop")
            stopDeadlineMs = pg_monotonic_ms()
            killAll(SIGKILL, reason: "stopped")
        }
    }

    mutating func killAll(_ signo: Int32, reason: String) {
        for i in slots.indices where slots[i].pid > 0 {
            slots[i].plannedKill = reason
            kill(slots[i].pid, signo)
        }
        for i in slots.indices { slots[i].wanted = false }
    }

    /// SIGHUP: replace every worker, one at a time, starting each replacement before its
    /// predecessor leaves, so at least N workers stay ready.
    mutating func beginReload() {
        reloadQueue = slots.indices.filter { slots[$0].wanted }
        log("SIGHUP: replacing \(reloadQueue.count) workers one at a time")
    }

    mutating func advanceReload() {
        if let step = reloadStep {
            // Once the replacement is up, ask the old worker to finish and leave.
            let old = slots[step.old]
            if old.pid > 0 && old.plannedKill == nil && slots[step.new].pid > 0 {
                slots[step.old].plannedKill = "reload"
                kill(old.pid, SIGTERM)
            }
            return
        }
        guard let old = reloadQueue.first else { return }
        reloadQueue.removeFirst()
        guard slots[old].wanted, slots[old].pid > 0,
              let new = slots.indices.first(where: { !slots[$0].wanted && slots[$0].pid == 0 }) else { return }
        slots[new] = Slot(wanted: true)
        spawn(new)
        reloadStep = (old, new)
    }

    func log(_ text: String) { writeLine("plotgate[master]: \(text)\n") }
}

private func format(_ seconds: Double) -> String {
    let tenths = Int((seconds * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}
