/* The yardstick for pit's cold start: a bare ncurses program that opens the
   terminal, paints one screen of text, reads one key and restores the terminal. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncurses.h>

int main(void) {
    setlocale(LC_ALL, "");
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    for (int y = 0; y < LINES; y++)
        mvprintw(y, 0, "%-*s", COLS, "bare ncurses frame");
    refresh();
    getch();
    endwin();
    return 0;
}
