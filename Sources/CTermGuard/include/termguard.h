// termguard: keeps the terminal usable whatever happens to the process.
//
// - termguard_save() records stdin's termios at start-up (before curses changes it).
// - termguard_restore() puts that termios back and writes the escape sequences that leave the
//   alternate screen, show the cursor and reset attributes. It only calls tcsetattr() and
//   write(), so it is safe inside a signal handler.
// - termguard_install_crash_handlers() catches SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS and
//   SIGFPE: restores the terminal, puts back the handler that was there before (the default
//   action, or the Swift runtime's backtracer) and re-raises, so the backtrace or core still
//   happens.
// - termguard_install_quit_handlers() makes SIGINT, SIGTERM and SIGHUP only record the signal;
//   the UI loop polls termguard_quit_signal() and shuts down in order (endwin, autosave).
//   Install these before curses starts, so ncurses leaves them alone. A second quit signal
//   does not wait for the orderly stop: it restores the terminal and kills the process with
//   that signal's default action. A signal ignored when the process started (nohup, a shell's
//   background job) is left ignored.
// - termguard_ignore_file_size_signal() ignores SIGXFSZ, so writing past a file-size limit
//   (ulimit -f) fails with EFBIG and is reported like a full disk instead of killing the process.
// - SIGTSTP/SIGCONT (ctrl-z, fg) are left to ncurses, which installs its own handler when the
//   disposition is the default: it calls endwin before stopping and refreshes after continuing.
#ifndef AELAB_TERMGUARD_H
#define AELAB_TERMGUARD_H

/// Saves the termios of stdin (no effect when stdin is not a terminal).
void termguard_save(void);
/// Restores the saved termios and resets the screen (async-signal-safe).
void termguard_restore(void);
/// Installs the crash handlers described above.
void termguard_install_crash_handlers(void);
/// Installs flag-only handlers for SIGINT, SIGTERM and SIGHUP (a second one kills at once).
void termguard_install_quit_handlers(void);
/// Ignores SIGXFSZ (see above).
void termguard_ignore_file_size_signal(void);
/// The first quit signal caught since start (its number), or 0.
int termguard_quit_signal(void);
/// Makes stdout line-buffered, also when it is a file or a pipe (one line per epoch reaches a
/// log at once). In C because Swift 6 refuses to touch libc's global `stdout`.
void termguard_line_buffer_stdout(void);

#endif
