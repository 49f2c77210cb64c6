import Testing
@testable import PlotSupervisor
import PlotGateway

/// How the master reads a worker's end: planned exits are never crashes, crash signals are.
@Suite struct ExitReasonTests {
    /// A wait status as the kernel encodes it: exit code in bits 8-15, or the signal number.
    func exited(_ code: Int32) -> Int32 { code << 8 }
    func signaled(_ signo: Int32) -> Int32 { signo }

    @Test func recyclingExitsArePlannedAndNamed() {
        guard case .planned(let r) = ExitReason.classify(status: exited(WorkerExit.maxRenders.rawValue),
                                                          plannedKill: nil, requests: 1043) else {
            Issue.record("max renders is planned"); return
        }
        #expect(r == "max_renders(1043)")
        guard case .planned("rss_soft") = ExitReason.classify(status: exited(WorkerExit.rssSoft.rawValue),
                                                              plannedKill: nil, requests: 5) else {
            Issue.record("rss_soft is planned"); return
        }
        guard case .planned("render_timeout") = ExitReason.classify(status: exited(12), plannedKill: nil, requests: 5)
        else { Issue.record("render timeout is planned"); return }
    }

    @Test(arguments: [4, 5, 6, 7, 8, 11] as [Int32])  // SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV
    func crashSignalsAreCrashes(signo: Int32) {
        guard case .crash(let s) = ExitReason.classify(status: signaled(signo), plannedKill: nil, requests: 0) else {
            Issue.record("signal \(signo) is a crash"); return
        }
        #expect(s == signo)
    }

    @Test func killsByTheMasterCarryTheirReason() {
        guard case .planned("hard_timeout") = ExitReason.classify(status: signaled(9), plannedKill: "hard_timeout",
                                                                  requests: 0) else {
            Issue.record("hard timeout kill is planned"); return
        }
        // SIGKILL from outside (an operator, the OOM killer) is not a crash but is replaced.
        guard case .planned("killed(SIGKILL)") = ExitReason.classify(status: signaled(9), plannedKill: nil,
                                                                     requests: 0) else {
            Issue.record("external kill"); return
        }
    }

    @Test func unexpectedExitCodesAreFailures() {
        guard case .failure("exit(70)") = ExitReason.classify(status: exited(70), plannedKill: nil, requests: 0) else {
            Issue.record("exit 70 is a failure"); return
        }
    }
}
