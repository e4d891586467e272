// Enumerations whose values do not fit int take the types gcc gives them.
#include <stdio.h>
enum E { A = -1, B = 0x7fffffff };
enum U { BIG = 0x80000000, NEXT };
enum L { HUGE = 0x100000000 };
int main(void) {
    printf("%d %d %d %d\n", BIG > 0, (int)sizeof(BIG), (int)sizeof(enum U), NEXT > BIG);
    printf("%d %d %d\n", (int)sizeof(HUGE), (int)sizeof(enum L), A < 0);
    enum U u = BIG; printf("%d %u\n", u > 0, u);
    return 0;
}
