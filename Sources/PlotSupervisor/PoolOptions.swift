import PlotSpec

/// How the pool behaves: size, recycling, deadlines, signals. `plotgate serve` fills it from
/// flags; every default is safe for a small host.
public struct PoolOptions: Sendable {
    /// Workers; defaults to the number of CPUs.
    public var workers: Int
    /// Recycle a worker after this many renders plus a random 0...jitter (0: never).
    public var maxRenders = 0
    public var maxRendersJitter = 0
    /// Soft RSS ceiling in MiB: the worker finishes its response and leaves (0: off).
    public var rssSoftMB = 0
    /// Hard RSS ceiling in MiB: the master kills a worker above it (0: off).
    public var rssHardMB = 0
    /// The worker's own render deadline (503 + exit). 0: off.
    public var renderTimeout = 10.0
    /// The master's deadline, counted from accept (SIGKILL). Longer than renderTimeout.
    public var hardTimeout = 20.0
    /// SIGTERM: how long requests in flight may take before the master kills them.
    public var gracefulTimeout = 30.0
    /// RSS-based recycling waits until a worker is at least this old, so a ceiling set below
    /// the steady state degrades to one recycle per `minLifetime` instead of thrashing.
    public var minLifetime = 2.0
    public var maxAge = 86_400
    /// Validation limits for every request (query size, image size, points...).
    public var limits = Limits.standard
    public var accessLog = true
    /// Fault injection (`PLOTGATE_TEST_HOOKS=1` only).
    public var testHooks = false

    public init(workers: Int) { self.workers = workers }
}
