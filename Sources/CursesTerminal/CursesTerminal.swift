// CursesTerminal: the only module that imports CNcurses.
