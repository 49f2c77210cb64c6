import CShims

/// The shared-memory scoreboard (see CShims.h): created by the master before it forks, so
/// every worker writes its own slot and everyone can read all of them.
struct Scoreboard: @unchecked Sendable {
    // @unchecked: the memory is shared between processes by design; each slot has one writer
    // (its worker, or the master for rss_kb), and counters are updated atomically.
    let board: UnsafeMutablePointer<pg_scoreboard>

    init?() {
        guard let b = pg_scoreboard_create() else { return nil }
        board = b
        board.pointee.start_unix = pg_unix_seconds()
    }

    func slot(_ i: Int) -> UnsafeMutablePointer<pg_slot> { pg_scoreboard_slot(board, Int32(i))! }

    /// Atomically adds to one of the board's counters.
    func increment(_ field: WritableKeyPath<pg_scoreboard, UInt64>, by value: UInt64 = 1) {
        let offset = MemoryLayout<pg_scoreboard>.offset(of: field)!
        let pointer = (UnsafeMutableRawPointer(board) + offset).assumingMemoryBound(to: UInt64.self)
        pg_counter_add(pointer, value)
    }

    func lastRequest(_ slot: UnsafeMutablePointer<pg_slot>) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PG_REQUEST_TEXT))
        pg_slot_get_request(slot, &buffer)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
