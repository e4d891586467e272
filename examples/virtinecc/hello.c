/* virtinecc example: a hypercall allowlist.  hello may write to stdout (its
 * whitelist opens the write hypercall); shout may not, so its puts ends the call
 * with a policy error, which the error hook reports while the host carries on.
 *     virtinecc hello.c -o hello && ./hello */
#include <stdio.h>
#include <virtine.h>

virtine_whitelist(VIRTINE_ALLOW_WRITE) int hello(int a) {
    puts("in a virtine");
    return a * a;
}

virtine int shout(int a) {
    puts("this write is denied");
    return a;
}

static void on_error(const char *function, int kind, const char *message) {
    printf("hook: %s failed (kind %d): %s\n", function, kind, message);
}

int main(void) {
    printf("%d\n", hello(3));
    virtine_set_error_hook(on_error);
    printf("shout returned %d\n", shout(7));
    virtine_set_error_hook(0);
    return 0;
}
