// termguard: placeholder implementation; filled in with the workbench.
#include "termguard.h"
void termguard_save(void) {}
void termguard_restore(void) {}
void termguard_install_crash_handlers(void) {}
