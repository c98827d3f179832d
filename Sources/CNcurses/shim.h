// ncursesw for Swift: the library itself plus inline wrappers for the macros Swift cannot import.
#ifndef AELAB_CNCURSES_SHIM_H
#define AELAB_CNCURSES_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <ncurses.h>

static inline int aelab_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int aelab_lines(void) { return LINES; }
static inline int aelab_cols(void) { return COLS; }
static inline int aelab_colors(void) { return COLORS; }
static inline int aelab_color_pairs(void) { return COLOR_PAIRS; }
static inline WINDOW *aelab_stdscr(void) { return stdscr; }
static inline unsigned int aelab_a_bold(void) { return (unsigned int)A_BOLD; }
static inline unsigned int aelab_a_reverse(void) { return (unsigned int)A_REVERSE; }
static inline unsigned int aelab_a_dim(void) { return (unsigned int)A_DIM; }
static inline unsigned int aelab_a_underline(void) { return (unsigned int)A_UNDERLINE; }
static inline int aelab_key_resize(void) { return KEY_RESIZE; }

/// Writes one cell: a single wide character with attributes and colour pair at (y, x).
static inline int aelab_put_cell(int y, int x, wchar_t ch, unsigned int attrs, short pair) {
    cchar_t cell;
    wchar_t text[2] = {ch, 0};
    setcchar(&cell, text, (attr_t)attrs, pair, NULL);
    return mvadd_wch(y, x, &cell);
}
/// Writes one cell of several code points: a base character and up to four combining marks
/// (`text` is zero-terminated), as a kitty Unicode placeholder needs (U+10EEEE + row and column
/// diacritics).
static inline int aelab_put_cell_text(int y, int x, const wchar_t *text, unsigned int attrs, short pair) {
    cchar_t cell;
    setcchar(&cell, text, (attr_t)attrs, pair, NULL);
    return mvadd_wch(y, x, &cell);
}
/// Starts curses on stdout/stdin for terminal type `term` (NULL: $TERM) without exiting on an
/// unknown type (unlike initscr). Returns NULL when terminfo has no entry for it.
static inline SCREEN *aelab_newterm(const char *term) {
    SCREEN *screen = newterm(term, stdout, stdin);
    if (screen != NULL) { set_term(screen); }
    return screen;
}

/// Reads one key: returns 0 with a character in *value, 1 with a KEY_* code, -1 on timeout/error.
static inline int aelab_read_key(int *value) {
    wint_t ch = 0;
    int status = wget_wch(stdscr, &ch);
    *value = (int)ch;
    if (status == OK) { return 0; }
    if (status == KEY_CODE_YES) { return 1; }
    return -1;
}

static inline int aelab_key_f(int n) { return KEY_F(n); }
static inline int aelab_key_up(void) { return KEY_UP; }
static inline int aelab_key_down(void) { return KEY_DOWN; }
static inline int aelab_key_left(void) { return KEY_LEFT; }
static inline int aelab_key_right(void) { return KEY_RIGHT; }
static inline int aelab_key_backspace(void) { return KEY_BACKSPACE; }
static inline int aelab_key_enter(void) { return KEY_ENTER; }
static inline int aelab_key_btab(void) { return KEY_BTAB; }
static inline int aelab_clear_screen(void) { return wclear(stdscr); }
static inline int aelab_erase_screen(void) { return werase(stdscr); }
static inline int aelab_refresh_screen(void) {
    int status = wnoutrefresh(stdscr);
    return status == ERR ? ERR : doupdate();
}
/// The terminal's cell size in pixels from TIOCGWINSZ on stdout; returns 0 when the terminal
/// does not report its pixel size (many leave ws_xpixel and ws_ypixel at 0).
static inline int aelab_cell_pixels(int *width, int *height) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0 || ws.ws_row == 0) { return 0; }
    if (ws.ws_xpixel < ws.ws_col || ws.ws_ypixel < ws.ws_row) { return 0; }
    *width = ws.ws_xpixel / ws.ws_col;
    *height = ws.ws_ypixel / ws.ws_row;
    return 1;
}
static inline void aelab_set_timeout(int ms) { wtimeout(stdscr, ms); }
static inline int aelab_keypad_on(void) { return keypad(stdscr, TRUE); }
static inline int aelab_mouse_off(void) { return (int)mousemask(0, NULL); }
#endif
