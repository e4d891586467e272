// Pointer arithmetic, pointer difference, multi-dimensional arrays.
#include <stdio.h>
#include <stddef.h>
int grid[3][4];
int sum2(int (*m)[4], int rows) { int s = 0; for (int r = 0; r < rows; r++) for (int c = 0; c < 4; c++) s += m[r][c]; return s; }
int main(void) {
    int a[10];
    for (int i = 0; i < 10; i++) a[i] = i * i;
    int *p = a + 3, *q = &a[8];
    printf("%d %d %ld %d\n", *p, p[2], (long)(q - p), *(q - 1));
    printf("%d %d\n", 4[a], *(a + 9));
    p++; p += 2; --q;
    printf("%d %d %d\n", *p, *q, p < q);
    for (int r = 0; r < 3; r++) for (int c = 0; c < 4; c++) grid[r][c] = r * 10 + c;
    printf("%d %d %d\n", grid[2][3], sum2(grid, 3), (int)sizeof(grid) / (int)sizeof(grid[0]));
    int (*row)[4] = grid + 1;
    printf("%d %d\n", (*row)[2], row[1][0]);
    char buf[3][2][5] = {{"ab", "cd"}, {"ef"}, {"gh", "ij"}};
    printf("%s %s %s %d\n", buf[0][1], buf[1][0], buf[2][1], buf[1][1][0]);
    void *v = a; char *cp = v; cp += sizeof(int) * 2;
    printf("%d\n", *(int *)cp);
    int *null = NULL;
    printf("%d %d\n", null == 0, !null);
    ptrdiff_t pd = &a[7] - &a[2]; printf("%ld\n", (long)pd);
    int **pp = &p; **pp = 99; printf("%d\n", a[6]);
    return 0;
}
