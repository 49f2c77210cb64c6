import PlotSupervisor
#if canImport(Glibc)
import Glibc
#endif

/// `plotgate serve`: the supervised worker pool (PlotSupervisor.Master).
enum ServeCommand {
    static func run(_ args: [String]) -> Int32 {
        var options = PoolOptions(workers: max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        options.testHooks = getenv("PLOTGATE_TEST_HOOKS").map { String(cString: $0) == "1" } ?? false
        var socketPath: String?
        var socketMode: mode_t = 0o660
        var socketGroup: String?
        var listen: (String, UInt16)?

        var i = 0
        func fail(_ text: String) -> Int32 {
            Console.err("plotgate serve: \(text)\n\n" + Usage.text)
            return 64
        }
        func value() -> String? {
            guard i + 1 < args.count else { return nil }
            defer { i += 2 }
            return args[i + 1]
        }
        while i < args.count {
            let flag = args[i]
            if flag == "--no-access-log" { options.accessLog = false; i += 1; continue }
            guard let v = value() else { return fail("\(flag) needs a value") }
            switch flag {
            case "--workers":
                guard let n = Int(v), (1...256).contains(n) else { return fail("--workers takes 1...256") }
                options.workers = n
            case "--socket": socketPath = v
            case "--socket-mode":
                guard let m = mode_t(v, radix: 8), m <= 0o777 else { return fail("--socket-mode takes octal, e.g. 0660") }
                socketMode = m
            case "--socket-group": socketGroup = v
            case "--listen":
                let parts = v.split(separator: ":")
                let host = parts.count == 2 ? String(parts[0]) : "127.0.0.1"
                guard let port = UInt16(parts.last ?? ""), parts.count <= 2 else { return fail("--listen takes [HOST:]PORT") }
                listen = (host, port)
            case "--max-renders": guard let n = Int(v), n >= 0 else { return fail("bad \(flag)") }; options.maxRenders = n
            case "--max-renders-jitter": guard let n = Int(v), n >= 0 else { return fail("bad \(flag)") }; options.maxRendersJitter = n
            case "--rss-soft": guard let n = Int(v), n >= 0 else { return fail("bad \(flag)") }; options.rssSoftMB = n
            case "--rss-hard": guard let n = Int(v), n >= 0 else { return fail("bad \(flag)") }; options.rssHardMB = n
            case "--render-timeout": guard let s = Double(v), s >= 0 else { return fail("bad \(flag)") }; options.renderTimeout = s
            case "--hard-timeout": guard let s = Double(v), s >= 0 else { return fail("bad \(flag)") }; options.hardTimeout = s
            case "--graceful-timeout": guard let s = Double(v), s >= 0 else { return fail("bad \(flag)") }; options.gracefulTimeout = s
            case "--min-lifetime": guard let s = Double(v), s >= 0 else { return fail("bad \(flag)") }; options.minLifetime = s
            case "--max-age": guard let n = Int(v), n >= 0 else { return fail("bad \(flag)") }; options.maxAge = n
            case "--limit": if let problem = LimitFlag.apply(v, to: &options.limits) { return fail(problem) }
            default: return fail("unknown option \(flag)")
            }
        }
        if options.renderTimeout > 0 && options.hardTimeout > 0 && options.hardTimeout <= options.renderTimeout {
            return fail("--hard-timeout must be longer than --render-timeout, so the worker's 503 comes first")
        }

        let source: ListenSource
        if let socketPath {
            source = .unix(path: socketPath, mode: socketMode, group: socketGroup)
        } else if let listen {
            source = .tcp(host: listen.0, port: listen.1)
        } else if getenv("LISTEN_FDS") != nil {
            source = .systemd
        } else {
            source = .inherited
        }
        return Master(options: options, source: source, versionTag: Version.string,
                      warmUp: GatewayCommands.warmUp).run()
    }
}
