import Synchronization

/// One lock around every Cairo call, holding what renders reuse (see `SurfaceCache`).
///
/// Cairo 1.16's font caches are not safe when several threads draw or measure text with shared
/// faces at once (it aborts in `cairo_scaled_font_destroy`). A worker renders on one thread, so
/// the lock is never contended there (an uncontended lock costs nanoseconds); it makes the
/// library correct when a host calls it from several threads, as the parallel test runner does.
let cairoLock = Mutex<SurfaceCache>(SurfaceCache())
