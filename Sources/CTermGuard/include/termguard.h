// termguard: saves the terminal's termios at start and restores it from a crash handler.
#ifndef AELAB_TERMGUARD_H
#define AELAB_TERMGUARD_H
void termguard_save(void);
void termguard_restore(void);
void termguard_install_crash_handlers(void);
#endif
