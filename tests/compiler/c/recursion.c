/* Recursive functions, which -O2 inlines into themselves a few levels deep: results,
   static locals shared by every level, the function's address, tail recursion, mutual
   recursion, recursion through a pointer and with locals in memory. */
#include <stdio.h>

static unsigned long fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static unsigned long ack(unsigned long m, unsigned long n)
{
    return m == 0 ? n + 1 : n == 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1));
}

struct node { struct node *left, *right; int value; };

static struct node pool[1023];
static int used;

static struct node *build(int depth, int value)
{
    if (depth == 0)
        return 0;
    struct node *n = &pool[used++];
    n->value = value;
    n->left = build(depth - 1, value * 2);
    n->right = build(depth - 1, value * 2 + 1);
    return n;
}

static long sum(const struct node *n) { return n ? n->value + sum(n->left) + sum(n->right) : 0; }

static int height(const struct node *n)
{
    if (!n)
        return 0;
    int l = height(n->left), r = height(n->right);
    return 1 + (l > r ? l : r);
}

static int calls(int n)
{
    static int count;   /* one object, whatever level of the recursion increments it */
    count++;
    if (n > 0) {
        calls(n - 1);
        calls(n - 1);
    }
    return count;
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static unsigned gcd(unsigned a, unsigned b) { return b == 0 ? a : gcd(b, a % b); }

static void hanoi(int n, int from, int to, int via, long *moves, unsigned long *trace)
{
    if (n == 0)
        return;
    hanoi(n - 1, from, via, to, moves, trace);
    ++*moves;
    *trace = *trace * 7 + from * 3 + to;
    hanoi(n - 1, via, to, from, moves, trace);
}

static int digits(int n, char *out)
{
    char local[4];      /* in memory: its address escapes */
    local[0] = (char)('0' + n % 10);
    int len = n >= 10 ? digits(n / 10, out) : 0;
    out[len] = local[0];
    return len + 1;
}

unsigned long (*fib_pointer)(unsigned) = fib;

static unsigned long through_pointer(unsigned n)
{
    unsigned long (*self)(unsigned) = fib;
    return n < 2 ? n : self(n - 1) + fib_pointer(n - 2);
}

int main(void)
{
    printf("fib %lu %lu %lu\n", fib(0), fib(1), fib(25));
    printf("ack %lu %lu\n", ack(2, 3), ack(3, 5));
    struct node *tree = build(9, 1);
    printf("tree %ld %d %d\n", sum(tree), height(tree), used);
    printf("calls %d\n", calls(10));
    printf("calls again %d\n", calls(3));
    printf("parity %d %d\n", is_even(1001), is_odd(1001));
    printf("gcd %u %u\n", gcd(1071, 462), gcd(1u << 31, 6));
    long moves = 0;
    unsigned long trace = 0;
    hanoi(12, 1, 3, 2, &moves, &trace);
    printf("hanoi %ld %lu\n", moves, trace);
    char buf[16] = {0};
    printf("digits %d %s\n", digits(9081726, buf), buf);
    printf("address %d %d\n", fib_pointer == fib, fib_pointer == &fib);
    printf("pointer %lu %lu\n", fib_pointer(20), through_pointer(20));
    return 0;
}
