/// Command-line help, the one place its wording lives.
enum Usage {
    static let text = """
    usage: plotgate <command> [options]

    commands:
      render QUERY [-o FILE] [--format png|svg|pdf]
                 Render the query string a gateway would receive, e.g.
                   plotgate render 'type=line&d=1,3,2,5&title=Hi' -o out.png
                 The format comes from --format, else format= in the query, else the
                 -o suffix, else png. Without -o the image goes to stdout.
                 A bad query prints why on stderr and exits 65.
      serve [--workers N] [--socket PATH [--socket-mode 0660] [--socket-group G] | --listen [HOST:]PORT]
            [--max-renders N] [--max-renders-jitter J] [--rss-soft MB] [--rss-hard MB]
            [--render-timeout S] [--hard-timeout S] [--graceful-timeout S] [--min-lifetime S]
            [--max-age S] [--no-access-log]
                 The supervised pool: a master that forks N workers on one listening socket
                 (fd 0 from spawn-fcgi, systemd's, or bound itself; TCP on 127.0.0.1 unless a
                 host is given), recycles them by count and memory, enforces deadlines and
                 replaces crashed ones. SIGTERM drains, SIGHUP replaces workers one at a time,
                 SIGINT/SIGQUIT stop fast. /status and /ping report on the pool.
      worker [--max-age S] [--max-requests N] [--render-timeout S] [--no-access-log]
                 Serve FastCGI on the listening socket inherited as fd 0, e.g.
                   spawn-fcgi -n -s /run/plotgate.sock -M 0660 -- plotgate worker
                 SIGTERM: finish the request in flight, then exit.
      cgi [--render-timeout S]
                 Serve one CGI request (GATEWAY_INTERFACE, QUERY_STRING, stdin -> stdout).
                 Run with no arguments by a web server, plotgate detects CGI by itself.
      version    Print the version.

    serve, worker, cgi and render also take --limit NAME=VALUE (repeatable) to change a
    validation limit: query-bytes (262144), parameters (64), side (4096), pixels (16777216),
    series (64), points (200000), text-length (200), labels (10000).
      help       Show this text.

    The URL parameters are described in docs/API.md.

    """
}

extension Usage {
    static let notAGateway = """
    plotgate worker: fd 0 is not a listening socket and this is not a CGI request.
    Start it from spawn-fcgi (spawn-fcgi -n -s SOCKET -- plotgate worker), systemd or a web
    server; to render a chart by hand use: plotgate render 'd=1,3,2'

    """
}

enum Version {
    /// Part of every ETag: bump when rendering changes, so caches never serve stale pictures.
    static let string = "0.1.0"
}
