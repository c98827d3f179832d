// termguard: saved termios, terminal restore, crash re-raise and quit-signal flag.
// Everything reachable from a signal handler uses only async-signal-safe calls
// (tcsetattr, write, sigaction, raise).
// SIGXFSZ can be ignored so a file-size limit shows as a failed write (EFBIG), not a kill.
#include "termguard.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdatomic.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_termios;
static volatile sig_atomic_t have_saved_termios = 0;
static volatile sig_atomic_t quit_signal = 0;
static atomic_int quit_count = 0;  // lock-free, so safe in a handler

static const int crash_signals[] = {SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE};
#define CRASH_SIGNAL_COUNT ((int)(sizeof crash_signals / sizeof crash_signals[0]))
static struct sigaction previous_actions[CRASH_SIGNAL_COUNT];

void termguard_save(void) {
    if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_termios) == 0) {
        have_saved_termios = 1;
    }
}

void termguard_restore(void) {
    if (have_saved_termios) {
        (void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
    }
    if (isatty(STDOUT_FILENO)) {
        // Leave the alternate screen, show the cursor, reset attributes, new line.
        static const char reset[] = "\033[?1049l\033[?25h\033[0m\r\n";
        ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
        (void)ignored;
    }
}

static void crash_handler(int signal_number) {
    termguard_restore();
    for (int i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        if (crash_signals[i] == signal_number) {
            (void)sigaction(signal_number, &previous_actions[i], NULL);
        }
    }
    // The signal is blocked while this handler runs; it is delivered to the previous handler
    // (or the default action) as soon as we return.
    (void)raise(signal_number);
}

void termguard_install_crash_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = crash_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND;
    for (int i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        (void)sigaction(crash_signals[i], &action, &previous_actions[i]);
    }
}

static void quit_handler(int signal_number) {
    // Two signals can be handled at the same moment on two threads (training and BLAS threads
    // take signals too): the atomic count, not the flag, decides which one is first.
    if (atomic_fetch_add(&quit_count, 1) == 0) {
        quit_signal = signal_number;
        return;
    }
    // A second quit signal: the orderly stop is taking too long for the user. Restore the
    // terminal and die of the signal at once; files are written atomically, so none is torn.
    termguard_restore();
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    (void)sigaction(signal_number, &fallback, NULL);
    (void)raise(signal_number);
}

void termguard_install_quit_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = quit_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a blocking read returns so the loop sees the flag
    static const int quit_signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (int i = 0; i < 3; i++) {
        // A signal ignored at start stays ignored: `nohup aelab train ...` must survive the
        // hang-up, and a shell's background job ignores SIGINT.
        struct sigaction current;
        if (sigaction(quit_signals[i], NULL, &current) == 0 && current.sa_handler == SIG_IGN) continue;
        (void)sigaction(quit_signals[i], &action, NULL);
    }
    // A blocked mask is inherited across exec (some test runners and supervisors block these);
    // unblock them in this thread so the handlers can run.
    sigset_t unblock;
    sigemptyset(&unblock);
    for (int i = 0; i < 3; i++) sigaddset(&unblock, quit_signals[i]);
    (void)pthread_sigmask(SIG_UNBLOCK, &unblock, NULL);
}

void termguard_ignore_file_size_signal(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_IGN;
    sigemptyset(&action.sa_mask);
    (void)sigaction(SIGXFSZ, &action, NULL);
}

int termguard_quit_signal(void) {
    return (int)quit_signal;
}

void termguard_line_buffer_stdout(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
}
