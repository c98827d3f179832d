// termguard: saved termios, terminal restore, crash re-raise and quit-signal flag.
// Everything reachable from a signal handler uses only async-signal-safe calls
// (tcsetattr, write, sigaction, raise).
#include "termguard.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_termios;
static volatile sig_atomic_t have_saved_termios = 0;
static volatile sig_atomic_t quit_signal = 0;

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
    if (quit_signal == 0) {
        quit_signal = signal_number;
    }
}

void termguard_install_quit_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = quit_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a blocking read returns so the loop sees the flag
    (void)sigaction(SIGINT, &action, NULL);
    (void)sigaction(SIGTERM, &action, NULL);
    (void)sigaction(SIGHUP, &action, NULL);
}

int termguard_quit_signal(void) {
    return (int)quit_signal;
}
