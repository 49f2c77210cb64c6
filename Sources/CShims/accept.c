// Makes accept() the moment a worker becomes busy.
//
// libfcgi's FCGX_Accept_r calls accept() and then reads the request's params before it
// returns, with no timeout. Two things must therefore happen at accept() itself, before any of
// our code runs again:
//  - the master's hard deadline starts (a peer that connects, sends one byte and stalls must
//    not hold a worker forever), so the scoreboard slot is stamped here;
//  - SIGTERM must stop meaning "exit now": an accepted request is finished first. SIGTERM and
//    SIGUSR1 are blocked from the accept until plotgate has the whole request
//    (pg_unblock_termination after FCGX_Accept_r); a signal that arrives meanwhile stays
//    pending and is handled as "busy", and libfcgi's own waits are never interrupted (an
//    EINTR there makes it drop the connection silently).
// This file defines accept(): the linker exports it from the executable, so libfcgi's call
// resolves here (ordinary ELF symbol interposition). Nothing else in plotgate calls accept().
// Waiting happens in poll() with the signals unblocked, so an idle worker still exits at once.
#define _GNU_SOURCE
#include "CShims.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>

static pg_slot *volatile accept_slot = NULL;

void pg_publish_accepts_to(pg_slot *slot) { accept_slot = slot; }

int accept(int fd, struct sockaddr *addr, socklen_t *len) {
    // Back here, the worker is idle by definition (libfcgi may also come back after dropping
    // a peer that never sent anything): a termination that was held back is honoured now.
    pg_set_busy(0);
    pg_slot *slot = accept_slot;
    if (slot) { slot->busy_since_ms = 0; slot->state = 1; }
    pg_unblock_termination();

    // Every worker on this socket accepts through here, so the (shared) listening socket can
    // be non-blocking: a worker that loses the race for a connection goes back to poll().
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0 && !(flags & O_NONBLOCK)) fcntl(fd, F_SETFL, flags | O_NONBLOCK);

    sigset_t term, old;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigaddset(&term, SIGUSR1);
    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN, .revents = 0};
        if (poll(&p, 1, -1) < 0 && errno != EINTR) return -1;
        sigprocmask(SIG_BLOCK, &term, &old);
        int conn = accept4(fd, addr, len, 0);
        if (conn >= 0) {
            pg_set_busy(1);
            if (slot) {
                slot->busy_since_ms = pg_monotonic_ms();
                slot->state = 2;
            }
            return conn;  // signals stay blocked until pg_unblock_termination()
        }
        int saved = errno;
        sigprocmask(SIG_SETMASK, &old, NULL);
        if (saved == EAGAIN || saved == EWOULDBLOCK || saved == EINTR || saved == ECONNABORTED) continue;
        errno = saved;
        return -1;
    }
}
