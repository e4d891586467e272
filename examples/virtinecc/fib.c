/* virtinecc example: the call of fib from main runs in its own virtine; the
 * recursive calls inside it stay inside that virtine.
 *     virtinecc fib.c -o fib && ./fib        prints 6765 */
#include <stdio.h>
#include <stdlib.h>
#include <virtine.h>

virtine int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 20;
    printf("%d\n", fib(n));
    return 0;
}
