// Variable-length arrays: sizeof, loops (stack given back on continue/break), parameters,
// and each round of a loop reusing the space of the last (its address is the same).
#include <stdio.h>
#include <string.h>
int sum(int n, int a[n]) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int grid(int rows, int m[][4]) { return m[rows - 1][3]; }
int five(void) { return 5; }
__attribute__((noinline)) int opaque_five(void) { return 5; }
// The arrays' addresses are only stored and compared: nothing else may see them.
int same_each_round(int constant) {
    void *addr[10];
    int count = 10;
    for (; count--;) {
        int a[constant ? five() : opaque_five()];
        addr[count] = a;
        continue;
    }
    int same = addr[9] == addr[0];
    count = 10;
    do {
        int a[constant ? five() : opaque_five()];
        addr[--count] = a;
        if (count & 1) continue;
    } while (count);
    same += addr[9] == addr[0];
    count = 10;
again:
    {
        int a[constant ? five() : opaque_five()];
        addr[--count] = a;
        if (count)
            goto again;      /* leaves the array's scope: its space is given back */
    }
    return same + (addr[9] == addr[0]);
}
int main(void) {
    printf("%d %d\n", same_each_round(1), same_each_round(0));
    int total = 0;
    for (int n = 1; n <= 100000; n++) {
        int v[n % 50 + 1];
        for (int i = 0; i < (int)(sizeof v / sizeof v[0]); i++) v[i] = i;
        total += sum(n % 50 + 1, v);
        if (n % 7 == 0) continue;
        char buf[n % 13 + 2];
        memset(buf, 'x', sizeof buf - 1); buf[sizeof buf - 1] = 0;
        total += (int)strlen(buf);
        if (n == 99999) break;
    }
    int rows = 3; int mat[rows][4];
    for (int r = 0; r < rows; r++) for (int c = 0; c < 4; c++) mat[r][c] = r * 4 + c;
    printf("%d %d %d\n", total, grid(rows, mat), (int)sizeof mat);
    return 0;
}
