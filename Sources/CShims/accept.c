// Stamps the moment a worker accepts a connection: it is busy from then on (SIGTERM lets the
// request finish), and the master's hard deadline counts from there.
//
// libfcgi's FCGX_Accept_r calls accept() and then reads the request's params before it
// returns, with no timeout: a peer that connects, sends one byte and stalls holds the worker
// inside FCGX_Accept_r forever, before any of our code runs. The hard deadline must therefore
// count from accept() itself. This file defines accept(): the linker exports it from the
// executable, so libfcgi's call resolves here (ordinary ELF symbol interposition). It performs
// the real accept through accept4() and, when a scoreboard slot is registered, marks the
// worker busy from that instant. Nothing else in plotgate calls accept().
#define _GNU_SOURCE
#include "CShims.h"

#include <sys/socket.h>

static pg_slot *volatile accept_slot = NULL;

void pg_publish_accepts_to(pg_slot *slot) { accept_slot = slot; }

int accept(int fd, struct sockaddr *addr, socklen_t *len) {
    int conn = accept4(fd, addr, len, 0);
    // From here on SIGTERM must let this request finish (see pg_install_termination_handler),
    // even while libfcgi is still reading its params.
    if (conn >= 0) pg_set_busy(1);
    pg_slot *slot = accept_slot;
    if (conn >= 0 && slot) {
        slot->busy_since_ms = pg_monotonic_ms();
        slot->state = 2;
    }
    return conn;
}
