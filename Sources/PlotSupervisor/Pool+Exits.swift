import CShims
#if canImport(Glibc)
import Glibc
#endif

/// Reaping workers: why each one ended, what is counted, when its slot is refilled.
extension Pool {
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
}
