import CShims
import PlotGateway
#if canImport(Glibc)
import Glibc
#endif

/// The pool's status as JSON, in the spirit of PHP-FPM's status page. Any worker can produce
/// it: everything comes from the shared scoreboard.
enum StatusReport {
    static func json(_ scoreboard: Scoreboard, slots: Int) -> String {
        let b = scoreboard.board.pointee
        let now = pg_monotonic_ms()
        var active = 0, idle = 0
        var workers: [String] = []
        for i in 0..<slots {
            let s = scoreboard.slot(i)
            guard s.pointee.pid > 0 else { continue }
            let busy = s.pointee.state == 2
            if busy { active += 1 } else { idle += 1 }
            let age = busy && s.pointee.busy_since_ms > 0 ? now - s.pointee.busy_since_ms : 0
            workers.append("{\"pid\":\(s.pointee.pid),\"state\":\"\(busy ? "busy" : "idle")\","
                + "\"requests\":\(s.pointee.requests),\"current_request_ms\":\(age),"
                + "\"rss_kb\":\(s.pointee.rss_kb),\"last_request\":\(jsonString(scoreboard.lastRequest(s)))}")
        }
        var crashes: [String] = []
        for signo in 1..<32 {
            let n = pg_crashes_for_signal(scoreboard.board, Int32(signo))
            if n > 0 { crashes.append("\"\(signalName(Int32(signo)))\":\(n)") }
        }
        return "{\"pool\":\"plotgate\",\"start_time\":\(b.start_unix),\"workers\":\(b.workers),"
            + "\"accepted\":\(b.accepted),\"active\":\(active),\"idle\":\(idle),\"max_active\":\(b.max_active),"
            + "\"recycles\":{\"max_renders\":\(b.recycled_max_renders),\"rss_soft\":\(b.recycled_rss_soft),"
            + "\"rss_hard\":\(b.recycled_rss_hard),\"reload\":\(b.recycled_reload)},"
            + "\"render_timeouts\":\(b.render_timeouts),\"hard_kills\":\(b.hard_kills),"
            + "\"crashes\":\(b.crashes),\"crashes_by_signal\":{\(crashes.joined(separator: ","))},"
            + "\"processes\":[\(workers.joined(separator: ","))]}\n"
    }
}

func signalName(_ signo: Int32) -> String {
    switch signo {
    case SIGSEGV: "SIGSEGV"
    case SIGBUS: "SIGBUS"
    case SIGILL: "SIGILL"
    case SIGTRAP: "SIGTRAP"
    case SIGABRT: "SIGABRT"
    case SIGFPE: "SIGFPE"
    case SIGKILL: "SIGKILL"
    case SIGTERM: "SIGTERM"
    default: "SIG\(signo)"
    }
}
