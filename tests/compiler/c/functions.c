// Function pointers, recursion, static locals, inline, const/volatile, K&R definitions.
// expect-exit: 55
#include <stdio.h>
typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
static inline int square(int x) { return x * x; }
int apply(binop f, int a, int b) { return f(a, b); }
int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int ack(int m, int n) { return m == 0 ? n + 1 : n == 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1)); }
int next_id(void) { static int id = 100; return id++; }
int old_style(a, b) int a; char b; { return a * 100 + b; }
binop pick(int which) { return which ? mul : add; }
static int is_even(int n);
static int is_odd(int n) { return n == 0 ? 0 : is_even(n - 1); }
static int is_even(int n) { return n == 0 ? 1 : is_odd(n - 1); }
struct ops { const char *name; binop fn; } table[] = {{"add", add}, {"mul", mul}};
int main(void) {
    binop ops[2] = {add, mul};
    printf("%d %d %d\n", apply(add, 2, 3), apply(ops[1], 4, 5), (*ops[0])(1, 1));
    printf("%d %d\n", fib(20), ack(2, 3));
    next_id(); next_id(); printf("%d\n", next_id());
    printf("%d %d\n", old_style(3, 7), square(9));
    printf("%d %d\n", pick(1)(6, 7), pick(0)(6, 7));
    printf("%d %d\n", is_even(10), is_odd(7));
    for (int i = 0; i < 2; i++) printf("%s=%d ", table[i].name, table[i].fn(3, 4));
    printf("\n");
    const int ci = 5; volatile int vi = ci; vi += 1;
    printf("%d %d\n", ci, vi);
    int (*fp)(const char *, ...) = &printf; fp("via pointer\n");
    return fib(10);
}
