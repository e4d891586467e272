/* Streams: reading the input with getchar/fgets/fread, the output calls,
   stderr, atexit order and the exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <inttypes.h>

static void first(void) { printf("atexit first registered, runs last\n"); }
static void second(void) { printf("atexit second registered, runs first\n"); }

int main(void)
{
    char line[16], rest[4096];
    int c, i;
    size_t n;
    c = getchar();
    printf("getchar %d\n", c);
    while (fgets(line, sizeof line, stdin) && strcmp(line, "END\n") != 0)
        printf("fgets [%s] %d\n", line, (int)strlen(line));
    n = fread(rest, 1, sizeof rest, stdin);
    printf("fread %d [%.*s] eof %d\n", (int)n, (int)n, rest, feof(stdin) != 0);
    c = getchar();
    printf("getchar at end %d, fgets at end %s\n", c, fgets(line, 4, stdin) ? "data" : "NULL");
    puts("puts line");
    fputs("fputs text\n", stdout);
    putchar('p');
    putc('q', stdout);
    fputc('\n', stdout);
    fwrite("fwrite 12345\n", 1, 13, stdout);
    {
        int written = 0;
        short short_written = 0;
        int64_t big = -1234567890123LL;
        uint64_t ubig = 18446744073709551615ULL;
        printf("abc%n%" PRId64 "%hn %" PRIu64 " %" PRIx64 "\n", &written, big, &short_written,
               ubig, ubig);
        printf("%%n stored %d %d\n", written, short_written);
    }
    for (i = 0; i < 3000; i++)
        printf("%d%c", i, i % 20 == 19 ? '\n' : ' ');
    fprintf(stderr, "to stderr %d\n", 42);
    errno = ERANGE;
    perror("perror");
    fflush(stdout);
    atexit(first);
    atexit(second);
    printf("exiting with 3\n");
    exit(3);
}
