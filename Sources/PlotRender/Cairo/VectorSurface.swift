import CCairo

/// Collects the bytes Cairo streams out of an SVG or PDF surface, in memory.
final class ByteSink {
    var bytes: [UInt8] = []
}

/// The C callback Cairo calls with each piece of output; `closure` is the `ByteSink`.
let appendToSink: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}
