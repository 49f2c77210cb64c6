import CShims

/// How a plotgate process uses the C heap. Every render allocates the same few large blocks
/// (surface, scanlines, deflate buffers); by default glibc maps and unmaps each one, which costs
/// fresh page faults on every request. Called once, before the first render.
public enum MemoryPolicy {
    public static func keepFreedMemoryForReuse() { pg_keep_freed_memory() }
}
