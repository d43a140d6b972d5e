#include <sqlite3.h>

// sqlite3_config is variadic, which Swift cannot call; these wrappers expose the settings used.

/// Turns off SQLite's memory statistics, which take a global mutex on every allocation.
static inline int chatmine_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
