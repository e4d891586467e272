// Identifiers with extended characters (C99/C11 6.4.2): UTF-8 in the source and the
// same name spelled with universal character names are one identifier, and the
// symbol names are the UTF-8 bytes, as gcc emits them.
#include <stdio.h>
double привет = 0.1;
int Lefèvre = 2;
static int größe(int n) { return n * 3; }
int ünïcode_sum(int a, int b) { return a + b; }
struct Straße { int länge; };

int main(void) {
    struct Straße s = {.länge = 7};
    int \u00e9t\u00e9 = 5;
    printf("привет=%g\n", привет);
    printf("Lefèvre=%d %d\n", Lefèvre, Lef\u00e8vre);
    printf("%d %d %d %d\n", größe(été), s.länge, ünïcode_sum(1, 2), gr\u00f6\u00dfe(1));
    printf("%d\n", \U0000043f\U00000440\U00000438\U00000432\U00000435\U00000442 > 0);
    return 0;
}
