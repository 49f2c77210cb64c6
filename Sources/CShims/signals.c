#include "CShims.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t busy = 0;
static volatile sig_atomic_t termination_requested = 0;

static void on_termination(int signo) {
    (void)signo;
    if (!busy) _exit(0);
    termination_requested = 1;
}

void pg_install_termination_handler(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_termination;
    sigemptyset(&sa.sa_mask);
    // SA_RESTART: a read interrupted by SIGTERM mid-request resumes instead of failing (libfcgi
    // would take EINTR as the end of the body). Idle, the handler exits, so accept() never
    // needs to be interrupted.
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
}

void pg_set_busy(int value) { busy = value ? 1 : 0; }

void pg_unblock_termination(void) {
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigaddset(&term, SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &term, NULL);
}
int pg_termination_requested(void) { return termination_requested; }

void pg_ignore_sigpipe(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGPIPE, &sa, NULL);
}

static const uint8_t *volatile deadline_response = NULL;
static volatile size_t deadline_length = 0;
static volatile int deadline_fd = -1;
static volatile int deadline_exit_code = 3;

static void on_deadline(int signo) {
    (void)signo;
    size_t done = 0;
    while (deadline_response && done < deadline_length) {
        ssize_t n = write(deadline_fd, deadline_response + done, deadline_length - done);
        if (n <= 0) break;
        done += (size_t)n;
    }
    _exit(deadline_exit_code);
}

void pg_arm_deadline(unsigned milliseconds, const uint8_t *response, size_t length, int fd, int exit_code) {
    deadline_response = response;
    deadline_length = length;
    deadline_fd = fd;
    deadline_exit_code = exit_code;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_deadline;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    sigaction(SIGXCPU, &sa, NULL);
    struct itimerval timer;
    memset(&timer, 0, sizeof timer);
    timer.it_value.tv_sec = milliseconds / 1000;
    timer.it_value.tv_usec = (milliseconds % 1000) * 1000;
    setitimer(ITIMER_REAL, &timer, NULL);
}

void pg_disarm_deadline(void) {
    struct itimerval timer;
    memset(&timer, 0, sizeof timer);
    setitimer(ITIMER_REAL, &timer, NULL);
    deadline_response = NULL;
}

int pg_limit_resources(unsigned long cpu_seconds, unsigned long long address_space_bytes) {
    struct rlimit rl;
    if (cpu_seconds) {
        rl.rlim_cur = cpu_seconds;
        rl.rlim_max = cpu_seconds + 1;
        if (setrlimit(RLIMIT_CPU, &rl) != 0) return -1;
    }
    if (address_space_bytes) {
        rl.rlim_cur = address_space_bytes;
        rl.rlim_max = address_space_bytes;
        if (setrlimit(RLIMIT_AS, &rl) != 0) return -1;
    }
    return 0;
}
