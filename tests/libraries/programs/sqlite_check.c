/* The SQLite amalgamation running SQL on an in-memory database: every row of each
   query, then the database file image itself (size and checksum). Built with
   SQLITE_OS_OTHER, so the operating-system layer is the small one below, alike on
   every toolchain: no files, a fixed clock and fixed "random" bytes. */
#include <stdio.h>
#include <string.h>
#include "sqlite3.h"
#include "rng.h"

static int no_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
                   int *out_flags)
{
    return SQLITE_CANTOPEN;
}

static int no_delete(sqlite3_vfs *vfs, const char *name, int sync) { return SQLITE_IOERR_DELETE; }

static int nothing_exists(sqlite3_vfs *vfs, const char *name, int flags, int *result)
{
    *result = 0;
    return SQLITE_OK;
}

static int full_path(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    sqlite3_snprintf(n, out, "%s", name);
    return SQLITE_OK;
}

static int fixed_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    for (int i = 0; i < n; i++)
        out[i] = (char)rng_next();
    return n;
}

static int no_sleep(sqlite3_vfs *vfs, int microseconds) { return microseconds; }

static int fixed_time(sqlite3_vfs *vfs, double *julian_day)
{
    *julian_day = 2460676.25; /* 2024-12-31 18:00 UTC */
    return SQLITE_OK;
}

static sqlite3_vfs fixed_vfs = {
    1, sizeof(sqlite3_file), 512, 0, "fixed", 0, no_open, no_delete, nothing_exists,
    full_path, 0, 0, 0, 0, fixed_randomness, no_sleep, fixed_time, 0};

int sqlite3_os_init(void) { return sqlite3_vfs_register(&fixed_vfs, 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }

static int print_row(void *unused, int n, char **values, char **names)
{
    for (int i = 0; i < n; i++)
        printf("%s%s=%s", i ? "|" : "", names[i], values[i] ? values[i] : "NULL");
    printf("\n");
    return 0;
}

static const char *const statements[] = {
    "SELECT sqlite_version() AS version",
    "CREATE TABLE city(id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT, "
    "population INTEGER, area REAL)",
    "CREATE TABLE trip(id INTEGER PRIMARY KEY, city INTEGER REFERENCES city(id), "
    "day TEXT, cost REAL, note TEXT)",
    "CREATE INDEX trip_city ON trip(city, day)",
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
    "INSERT INTO city SELECT i, 'city' || i, char(65 + i % 7) || char(65 + i % 5), "
    "(i * 7919) % 100003 * 37, round(i * 3.14159 / 7, 3) FROM n",
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000) "
    "INSERT INTO trip SELECT i, 1 + (i * 31) % 300, date('2024-01-01', '+' || (i % 366) || "
    "' days'), (i % 97) * 1.25 + (i % 13) / 8.0, hex(randomblob(4)) FROM n",
    "SELECT count(*), sum(population), total(area), avg(area), min(name), max(name) FROM city",
    "SELECT country, count(*) AS n, sum(population) AS people, printf('%.3f', avg(area)) AS a "
    "FROM city GROUP BY country ORDER BY people DESC LIMIT 8",
    "SELECT c.name, count(t.id) AS trips, printf('%.2f', sum(t.cost)) AS spent, "
    "min(t.day), max(t.day) FROM city c JOIN trip t ON t.city = c.id "
    "GROUP BY c.id HAVING trips > 19 ORDER BY spent DESC, c.name LIMIT 10",
    "SELECT strftime('%Y-%m', day) AS month, count(*), round(sum(cost), 2) FROM trip "
    "GROUP BY month ORDER BY month",
    "SELECT name, population, rank() OVER (ORDER BY population DESC) AS r, "
    "sum(population) OVER (PARTITION BY country ORDER BY id ROWS 2 PRECEDING) AS w "
    "FROM city WHERE id % 37 = 0",
    "SELECT note, count(*) FROM trip GROUP BY note ORDER BY count(*) DESC, note LIMIT 3",
    "SELECT json_object('id', id, 'name', name, 'area', area) FROM city WHERE id IN (1, 150, 300)",
    "SELECT json_group_array(id) FROM (SELECT id FROM city WHERE name GLOB 'city1?5')",
    "SELECT upper(name), length(name), substr(name, 2, 3), replace(name, 'ty', 'TY'), "
    "instr(name, '9'), quote(area), typeof(area) FROM city WHERE name LIKE '%99%'",
    "SELECT 1e300 * 1e10, -0.0, 1 / 3.0, 2.0 / 3, 9007199254740993, 1e-320, "
    "cast('12.5e3' AS REAL), cast(3.99 AS INTEGER), 7 / 2, 7 % 3, abs(-5.5)",
    "SELECT printf('%d|%5.2f|%e|%g|%x|%q|%w|%,d', 42, 3.14159, 12345.6789, 1e-5, 255, "
    "'it''s', 'a\"b', 1234567)",
    "SELECT date('now'), datetime('now', '+1 month', 'start of month'), "
    "julianday('2000-01-01'), strftime('%j %w %s', '2024-02-29 13:14:15')",
    "BEGIN",
    "UPDATE trip SET cost = cost * 2 WHERE day < '2024-03-01'",
    "SAVEPOINT s1",
    "DELETE FROM trip WHERE id % 3 = 0",
    "ROLLBACK TO s1",
    "DELETE FROM trip WHERE id % 5 = 0",
    "COMMIT",
    "SELECT count(*), round(sum(cost), 4) FROM trip",
    "CREATE TABLE sorted AS SELECT id, note, cost FROM trip ORDER BY note, cost DESC",
    "SELECT id, note, cost FROM sorted LIMIT 5 OFFSET 1000",
    "SELECT group_concat(id, '-') FROM (SELECT id FROM sorted ORDER BY id LIMIT 20)",
    "VACUUM",
    "PRAGMA integrity_check",
};

int main(void)
{
    sqlite3 *db;
    char *error = 0;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
        printf("open: %s\n", sqlite3_errmsg(db));
        return 1;
    }
    for (size_t i = 0; i < sizeof statements / sizeof *statements; i++) {
        if (sqlite3_exec(db, statements[i], print_row, 0, &error) != SQLITE_OK) {
            printf("error in statement %zu: %s\n", i, error);
            return 1;
        }
    }
    sqlite3_int64 size;
    unsigned char *image = sqlite3_serialize(db, "main", &size, 0);
    printf("database image: %lld bytes, fnv %016llx\n", (long long)size,
           fnv1a(image, (size_t)size));
    sqlite3_free(image);
    sqlite3_close(db);
    return 0;
}
