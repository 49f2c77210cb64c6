import CShims
import PlotGateway
#if canImport(Glibc)
import Glibc
#endif

/// Why a worker ended, from its wait status and what the master itself did to it.
enum ExitReason {
    /// A planned exit (recycling, reload, drain): replaced at once, never a crash.
    case planned(String)
    /// Died by a crash signal (Swift traps are SIGILL/SIGTRAP): logged with its last request,
    /// replaced with a growing delay while crashes repeat.
    case crash(signal: Int32)
    /// Exited with an unexpected status (could not start, say): replaced with backoff too.
    case failure(String)

    static let crashSignals: Set<Int32> = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    static func classify(status: Int32, plannedKill: String?, requests: UInt64) -> ExitReason {
        if pg_wifexited(status) != 0 {
            switch pg_wexitstatus(status) {
            case WorkerExit.stopped.rawValue: return .planned(plannedKill ?? "stopped")
            case WorkerExit.maxRenders.rawValue: return .planned("max_renders(\(requests))")
            case WorkerExit.rssSoft.rawValue: return .planned("rss_soft")
            case WorkerExit.renderTimeout.rawValue: return .planned("render_timeout")
            case let code: return .failure("exit(\(code))")
            }
        }
        let signo = pg_wifsignaled(status) != 0 ? pg_wtermsig(status) : 0
        if let plannedKill { return .planned(plannedKill) }
        if crashSignals.contains(signo) { return .crash(signal: signo) }
        // Killed from outside (an operator's kill -9, the OOM killer): not our crash, but
        // the slot is refilled at once.
        return .planned("killed(\(signalName(signo)))")
    }
}
