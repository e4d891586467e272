/* Statement expressions that end in a jump, as arms of conditional expressions (with a
   constant condition, the other arm never runs) and as operands: printed by a gcc build
   and a pyvirtine build alike. */
#include <stdio.h>

static int taken(int n) {
    int rounds = 0;
    do {
        (1 ? printf("taken %d\n", n) : ({ int i = 1; while (1) while (i--) again: printf("no\n"); goto again; }));
        rounds++;
    } while (--n);
    return rounds;
}

static int escapes(int n) {
    int r = n > 2 ? n * 10 : ({ if (n == 1) goto one; return -n; 0; });
    return r;
one:
    return 100;
}

static int loops(int n) {
    int sum = 0;
    for (int i = 0; i < n; i++)
        sum += i & 1 ? ({ continue; }), 0 : i;
    while (1)
        (0 ? 0 : ({ break; }));
    return sum;
}

int main(void) {
    printf("%d\n", taken(2));
    printf("%d %d %d\n", escapes(5), escapes(1), escapes(2));
    printf("%d\n", loops(10));
    return 0;
}
