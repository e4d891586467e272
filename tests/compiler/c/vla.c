// Variable-length arrays: sizeof, loops (stack given back on continue/break), parameters.
#include <stdio.h>
#include <string.h>
int sum(int n, int a[n]) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int grid(int rows, int m[][4]) { return m[rows - 1][3]; }
int main(void) {
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
