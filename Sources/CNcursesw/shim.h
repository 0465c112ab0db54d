#ifndef PIT_CNCURSESW_SHIM_H
#define PIT_CNCURSESW_SHIM_H

// The wide-character API (setcchar, wadd_wch, get_wch) is only declared when this is set
// before <ncurses.h>; without it non-ASCII text is drawn byte by byte and garbled.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncurses.h>
#include <term.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <fcntl.h>
#include <execinfo.h>

// Swift cannot import macros that expand to expressions or globals hidden behind
// macros, so each one needed is re-exported as an inline function.

static inline WINDOW *pit_stdscr(void) { return stdscr; }
static inline WINDOW *pit_curscr(void) { return curscr; }
static inline int pit_lines(void) { return LINES; }
static inline int pit_cols(void) { return COLS; }
static inline int pit_colors(void) { return COLORS; }
static inline int pit_color_pairs(void) { return COLOR_PAIRS; }
static inline int pit_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
static inline int pit_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }

static inline attr_t pit_a_normal(void) { return A_NORMAL; }
static inline attr_t pit_a_bold(void) { return A_BOLD; }
static inline attr_t pit_a_dim(void) { return A_DIM; }
static inline attr_t pit_a_underline(void) { return A_UNDERLINE; }
static inline attr_t pit_a_reverse(void) { return A_REVERSE; }
static inline attr_t pit_a_standout(void) { return A_STANDOUT; }
static inline attr_t pit_a_italic(void) { return A_ITALIC; }
static inline attr_t pit_color_pair(int n) { return COLOR_PAIR(n); }

static inline int pit_key_f(int n) { return KEY_F(n); }
static inline int pit_key_resize(void) { return KEY_RESIZE; }
static inline int pit_err(void) { return ERR; }
static inline int pit_ok(void) { return OK; }
static inline int pit_key_code_yes(void) { return KEY_CODE_YES; }
static inline int pit_key_max(void) { return KEY_MAX; }

static inline const cchar_t *pit_wacs_hline(void) { return WACS_HLINE; }
static inline const cchar_t *pit_wacs_vline(void) { return WACS_VLINE; }
static inline const cchar_t *pit_wacs_ulcorner(void) { return WACS_ULCORNER; }
static inline const cchar_t *pit_wacs_urcorner(void) { return WACS_URCORNER; }
static inline const cchar_t *pit_wacs_llcorner(void) { return WACS_LLCORNER; }
static inline const cchar_t *pit_wacs_lrcorner(void) { return WACS_LRCORNER; }
static inline const cchar_t *pit_wacs_block(void) { return WACS_BLOCK; }

#endif
