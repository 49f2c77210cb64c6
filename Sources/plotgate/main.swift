// plotgate: the executable. Subcommands are dispatched here; each lives in its own file.
import PlotGateway
#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
MemoryPolicy.keepFreedMemoryForReuse()
let status: Int32
switch arguments.first {
case "serve":
    status = ServeCommand.run(Array(arguments.dropFirst()))
case "worker":
    status = GatewayCommands.worker(Array(arguments.dropFirst()))
case "cgi":
    status = GatewayCommands.cgi(Array(arguments.dropFirst()))
case nil where CGIServer.isCGIEnvironment || FastCGIWorker.hasListeningSocket:
    // Started by a web server with no arguments: as a CGI program, or by spawn-fcgi.
    status = GatewayCommands.worker([])
case "render":
    status = RenderCommand.run(Array(arguments.dropFirst()))
case "bench-inprocess":
    status = BenchCommand.run(Array(arguments.dropFirst()))
case "version", "--version":
    Console.out("plotgate \(Version.string)\n")
    status = 0
case nil:
    // Run by hand with nothing to serve: explain, on stderr, and fail.
    Console.err(Usage.text)
    status = 64
case "help", "--help", "-h":
    Console.out(Usage.text)
    status = 0
default:
    Console.err("plotgate: unknown command \"\(arguments[0])\"\n\n" + Usage.text)
    status = 64
}
exit(status)
