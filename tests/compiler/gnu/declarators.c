// Declarations gcc takes: one struct/enum body shared by several declarators (also
// static locals), attributes at the start of nested and abstract declarators,
// _Alignas in every specifier position, implicit int, and __alignof__ of an object
// (its declared alignment, not its type's).
#include <stdio.h>
#define ATTR __attribute__((__noinline__))
#define STDCALL __attribute__((stdcall))

_Alignas(16) int i1;
int _Alignas(16) i2;
void _Alignas(16) *p2;
_Alignas(16) i3;
int _Alignas(double) i4;
int _Alignas(int __attribute__((aligned(32)))) i5;
static _Alignas(8) i6 = 6, *i7;
const i8 = 8;
char plain[32];

struct pair { int a, b; } first = {1, 2}, second = {3, 4};
struct { int v; } anon_x = {5}, anon_y;
enum color { RED, GREEN = 4 } paint = GREEN, other;

int ATTR answer(void) { return 42; }
int STDCALL add3(int a, int b, int c) { return a + b + c; }
int (ATTR *named)(void) = answer;
int (* ATTR after_star)(void) = answer;
void (__attribute__((unused)) *unused_ptr)(int);

int main(void) {
    void *fp = answer;
    printf("%d %d\n", ((ATTR int (*)(void))fp)(), ((int (ATTR *)(void))fp)());
    printf("%d %d\n", ((int (*ATTR)(void))fp)(), ((int (ATTR (*))(void))fp)());
    printf("%d %d\n", ((int STDCALL (*)(int, int, int))add3)(1, 2, 3),
           ((int (STDCALL *)(int, int, int))add3)(4, 5, 6));
    printf("%d %d\n", named(), after_star());
    printf("%d %d\n", (int)sizeof(int (ATTR *)(void)), (int)sizeof(int (ATTR [4])));
    int (ATTR local)[3] = {7, 8, 9};
    printf("%d\n", local[2]);

    printf("%d %d %d %d %d %d %d\n", (int)__alignof__(i1), (int)__alignof__(i2),
           (int)__alignof__(i3), (int)__alignof__(i4), (int)__alignof__(i5),
           (int)__alignof__(i6), (int)__alignof__(plain));
    printf("%d %d %d %d\n", (int)sizeof i3, i6, i7 == 0, i8);
    _Alignas(32) char buffer[3];
    static _Alignas(64) short counter;
    printf("%d %d %d\n", (int)__alignof__(buffer), (int)__alignof__(counter),
           (int)((unsigned long)&buffer % 32 + (unsigned long)&counter % 64));

    anon_y = anon_x;
    other = paint;
    printf("%d %d %d %d %d\n", first.b, second.a, anon_y.v, other, (int)sizeof(struct pair));
    {
        static struct stru { int x; } a = {'A'}, b = {'B'};
        static const struct stru2 { int x; } d = {'D'};
        struct stru *pick = 1 ? &a : &b;
        printf("%c %c %c\n", pick->x, (0 ? a : b).x, d.x);
    }
    {
        struct stru { char c; } shadow = {'S'}, also = {'T'};   // a new type in this block
        printf("%c %c %d\n", shadow.c, also.c, (int)sizeof shadow);
    }
    return 0;
}
