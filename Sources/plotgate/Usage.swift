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
      version    Print the version.
      help       Show this text.

    The URL parameters are described in docs/API.md.

    """
}

enum Version {
    /// Part of every ETag: bump when rendering changes, so caches never serve stale pictures.
    static let string = "0.1.0"
}
