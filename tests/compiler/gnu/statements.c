/* GNU statement expressions, typeof, case ranges, range designators, _Generic,
   labels as values: printed by a gcc build and a pyvirtine build alike. */
#include <stdio.h>

#define MAX(a, b) ({ typeof(a) _a = (a); typeof(b) _b = (b); _a > _b ? _a : _b; })
#define SWAP(x, y) do { __typeof__(x) _t = (x); (x) = (y); (y) = _t; } while (0)
#define TYPE_NAME(x) _Generic((x), char: "char", signed char: "signed char", \
    unsigned char: "unsigned char", short: "short", int: "int", unsigned: "unsigned", \
    long: "long", long long: "long long", unsigned long: "unsigned long", float: "float", \
    double: "double", long double: "long double", char *: "char *", const char *: "const char *", \
    int *: "int *", default: "other")

struct point { int x, y; };
static int calls;
static int next(void) { return ++calls; }

static const char *classify(int c) {
    switch (c) {
    case '0' ... '9': return "digit";
    case 'a' ... 'z': case 'A' ... 'Z': return "letter";
    case 0 ... ' ' - 1: return "control";
    case 1000 ... 100000: return "big";
    default: return "other";
    }
}

static int dispatch(int n) {
    static void *table[] = { &&op_add, &&op_double, &&op_done };
    static const int program[] = { 0, 1, 0, 1, 2 };
    int pc = 0;
    goto *table[program[pc]];
op_add:
    n += 3;
    goto *table[program[++pc]];
op_double:
    n *= 2;
    goto *table[program[++pc]];
op_done:
    return n;
}

int main(void) {
    int i = 3;
    long l = 10;
    printf("max %d %ld %f\n", MAX(i, 7), MAX(l, (long)i), MAX(2.5, 1.0));
    int side = ({ int k = 0; for (int j = 0; j < 5; j++) k += j; k; });
    struct point p = ({ struct point q = { 4, 5 }; q; });
    printf("block %d point %d %d void %d\n", side, p.x, p.y, ({ (void)0; 1; }) + 1);
    int a = 1, b = 2;
    SWAP(a, b);
    typeof(int[3]) arr = { 7, 8, 9 };
    typeof(p) *pp = &p;
    printf("swap %d %d typeof %zu %d sizeof(typeof(l)) %zu\n", a, b, sizeof arr, pp->y, sizeof(typeof(l)));
    printf("generic %s %s %s %s %s %s %s\n", TYPE_NAME('c'), TYPE_NAME((char)1), TYPE_NAME(1UL),
           TYPE_NAME("s"), TYPE_NAME(arr), TYPE_NAME(1.0f), TYPE_NAME((long long)1));
    const char *words[] = { "x", "7", "Q", "\t", "", };
    printf("case %s %s %s %s %s %s\n", classify('x'), classify('7'), classify('Q'), classify('\t'),
           classify(5000), classify('~'));
    int table[12] = { [0 ... 3] = 1, [4 ... 5] = next(), [8] = 9, [9 ... 11] = 4 };
    static const char names[][4] = { [1 ... 2] = "ab", [4] = "z" };
    int sized[] = { [2 ... 6] = 5 };
    struct point grid[4] = { [1 ... 2] = { 1, 2 }, [3].y = 7 };
    for (int k = 0; k < 12; k++) printf("%d ", table[k]);
    printf("| calls %d | %s %s %s | %zu | %d %d %d %d\n", calls, names[1], names[2], names[4],
           sizeof sized / sizeof *sized, grid[1].x, grid[2].y, grid[3].x, grid[3].y);
    printf("dispatch %d\n", dispatch(1));
    (void)words;
    return 0;
}
