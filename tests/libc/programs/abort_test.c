/* assert failure: what stdout held, then the message on stderr; the call ends as an abort. */
#include <stdio.h>
#include <assert.h>

static int check(int x)
{
    assert(x + 1 == 3);
    return x;
}

int main(void)
{
    printf("before %d\n", check(2));
    printf("buffered output survives\n");
    check(5);
    printf("not reached\n");
    return 0;
}
