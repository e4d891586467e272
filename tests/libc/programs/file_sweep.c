/* FILE streams over a real file: random sequences of writes, reads, seeks, tells,
   pushbacks, flushes and reopenings in every fopen mode, each result printed; compared
   with glibc. The file's path is the input's second line. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "rng.h"

int main(void)
{
    static const char *const modes[] = {"r", "r+", "w", "w+", "a", "a+", "rb", "wb+"};
    char path[512], buf[300], other[520];
    int count = read_params(), i;
    if (!fgets(path, sizeof path, stdin))
        return 1;
    path[strcspn(path, "\n")] = 0;
    snprintf(other, sizeof other, "%s.moved", path);
    remove(path);
    remove(other);
    FILE *f = fopen(path, "r");
    printf("missing: %d %d\n", f == NULL, errno);
    for (i = 0; i < count; i++) {
        const char *mode = modes[rng_below(8)];
        f = fopen(path, mode);
        printf("%d open %s %d", i, mode, f != NULL);
        if (!f) {
            printf(" %d\n", errno);
            f = fopen(path, "w");
            fclose(f);
            continue;
        }
        for (int op = 0; op < 12; op++) {
            int n = rng_below(40), c, k;
            long at;
            switch (rng_below(9)) {
            case 0:
                for (k = 0; k < n; k++)
                    buf[k] = (char)('a' + (i + k) % 26);
                printf(" w%zu", fwrite(buf, 1, (size_t)n, f));
                break;
            case 1:
                memset(buf, 0, sizeof buf);
                k = (int)fread(buf, 1, (size_t)n, f);
                printf(" r%d:%.*s", k, k, buf);
                break;
            case 2:
                at = (long)rng_below(80) - 20;
                c = rng_below(3);
                printf(" s%d", fseek(f, at, c == 0 ? SEEK_SET : c == 1 ? SEEK_CUR : SEEK_END));
                break;
            case 3:
                printf(" t%ld", ftell(f));
                break;
            case 4:
                c = fgetc(f);
                printf(" g%d", c);
                if (c != EOF && rng_below(2))
                    printf(" u%d", ungetc(c, f));
                else if (c != EOF) { /* another byte back: read at once (what a seek or
                                        a flush does to it differs between libcs) */
                    printf(" u%d", ungetc('Z', f));
                    printf(" g%d", fgetc(f));
                }
                break;
            case 5:
                printf(" p%d", fputs("<line>;", f) >= 0);
                break;
            case 6:
                printf(" f%d", fflush(f));
                break;
            case 7:
                printf(" e%d%d", feof(f) != 0, ferror(f) != 0);
                clearerr(f);
                break;
            default:
                printf(" n%d", fprintf(f, "%05d|", i * 37 + op));
                break;
            }
        }
        printf(" c%d\n", fclose(f));
    }
    f = fopen(path, "r");
    if (!f)
        return 2;
    size_t total = fread(buf, 1, sizeof buf, f);
    fseek(f, 0, SEEK_END);
    printf("final %zu %ld %.*s\n", total, ftell(f), (int)total, buf);
    fclose(f);
    printf("rename %d, old gone %d, remove %d %d\n", rename(path, other),
           fopen(path, "r") == NULL, remove(other), remove(other) == 0 ? 0 : errno);
    return 0;
}
