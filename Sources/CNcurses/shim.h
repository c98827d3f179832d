// ncursesw for Swift: the library itself plus inline wrappers for the macros Swift cannot import.
#ifndef AELAB_CNCURSES_SHIM_H
#define AELAB_CNCURSES_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <stdio.h>
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
#endif
