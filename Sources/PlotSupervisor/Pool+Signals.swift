import CShims
#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM (drain), SIGINT/SIGQUIT (fast stop) and SIGHUP (rolling replacement).
extension Pool {
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
}
