// Workbench: UI logic with no curses (state, actions, keymap, layout, panels, themes).
