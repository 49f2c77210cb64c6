import PlotGateway
import PlotLayout
import PlotRender
import PlotSpec

/// `plotgate worker` (FastCGI on fd 0) and `plotgate cgi` (one request from the environment).
enum GatewayCommands {
    struct Options {
        var maxAge = 86_400
        var maxRequests = 0
        var renderTimeout: UInt32 = 10
        var accessLog = true
        var limits = Limits.standard
    }

    static func parse(_ args: [String], command: String) -> Options? {
        var options = Options()
        var i = 0
        func value() -> Int? {
            guard i + 1 < args.count, let v = Int(args[i + 1]), v >= 0 else {
                Console.err("plotgate \(command): \(args[i]) needs a whole number\n")
                return nil
            }
            i += 2
            return v
        }
        while i < args.count {
            switch args[i] {
            case "--max-age": guard let v = value() else { return nil }; options.maxAge = v
            case "--max-requests": guard let v = value() else { return nil }; options.maxRequests = v
            case "--render-timeout":
                guard let v = value(), v > 0 else { return nil }
                options.renderTimeout = UInt32(clamping: v)
            case "--no-access-log": options.accessLog = false; i += 1
            case "--limit":
                guard i + 1 < args.count else {
                    Console.err("plotgate \(command): --limit needs NAME=VALUE\n")
                    return nil
                }
                if let problem = LimitFlag.apply(args[i + 1], to: &options.limits) {
                    Console.err("plotgate \(command): \(problem)\n")
                    return nil
                }
                i += 2
            default:
                Console.err("plotgate \(command): unknown option \(args[i])\n\n" + Usage.text)
                return nil
            }
        }
        return options
    }

    static func service(_ options: Options) -> ChartService {
        var configuration = ChartService.Configuration()
        configuration.maxAge = options.maxAge
        configuration.limits = options.limits
        return ChartService(configuration: configuration, versionTag: Version.string)
    }

    /// FastCGI when fd 0 is a listening socket, CGI when a web server set the CGI variables;
    /// by hand (a terminal on fd 0) neither, so it says how to use it instead of waiting.
    static func worker(_ args: [String]) -> Int32 {
        guard let options = parse(args, command: "worker") else { return 64 }
        if FastCGIWorker.hasListeningSocket {
            warmUp()
            var worker = FastCGIWorker(service: service(options))
            worker.maxRequests = options.maxRequests
            worker.accessLog = options.accessLog
            worker.renderTimeoutMilliseconds = options.renderTimeout * 1000
            return worker.run()
        }
        if CGIServer.isCGIEnvironment { return cgi(args) }
        Console.err(Usage.notAGateway)
        return 64
    }

    static func cgi(_ args: [String]) -> Int32 {
        guard let options = parse(args, command: "cgi") else { return 64 }
        var server = CGIServer(service: service(options))
        server.renderTimeoutSeconds = options.renderTimeout
        server.accessLog = options.accessLog
        return server.run()
    }

    /// One throw-away render before the first request: opens the font files (or, when they are
    /// not where Debian puts them, starts fontconfig), creates the faces and fills Cairo's glyph
    /// caches, so no visitor pays 5-250 ms for them (DESIGN.md §3).
    static func warmUp() {
        var spec = ChartSpec()
        spec.series = [[1, 2]]
        spec.title = "warm-up 0123456789"
        spec.width = 64
        spec.height = 48
        _ = try? Renderer().render(ChartLayout.scene(for: spec, measurer: Renderer.measurer), format: .png)
    }
}
