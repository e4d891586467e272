// Function typedefs, tables of function pointers, bit-field increments through pointers.
#include <stdio.h>
typedef int fn_t(int);
fn_t twice;
int twice(int x) { return 2 * x; }
static fn_t *table[] = { twice, (fn_t *)0 };
struct counter { unsigned hits : 5; int total; };
int apply_all(fn_t **fs, int v) { for (; *fs; fs++) v = (*fs)(v); return v; }
int main(void) {
    struct counter c = {30, 0}, *pc = &c;
    pc->hits++; pc->hits++; pc->total += pc->hits; ++pc->total;
    int arr[4] = {1, 2, 3, 4}, *p = arr + 2;
    printf("%d %d %d %d\n", apply_all(table, 5), (int)sizeof(fn_t *), c.hits, c.total);
    printf("%d %d\n", p[-1], *(p - 2));
    int i; for (i = 0; i < 3; i++); 
    unsigned char uc = 255; uc++;
    int a, b, d; a = b = d = i;
    printf("%d %d %d\n", i, uc, a + b + d);
    return 0;
}
