/* Static objects may initialize their flexible array member (a GNU extension): the
   object gets room for the elements given while sizeof stays the struct's; casting a
   struct to its own type is a no-op. */
#include <stdio.h>
#include <string.h>

struct shorts { int n; short s[]; };
struct text { void *owner; char bytes[]; };
struct header { char tag; int words[]; };
struct wrap { long id; struct header h; };

struct shorts three = {3, {10, 20, 30}};
struct shorts empty = {0, {}};
struct shorts none = {7};
struct shorts designated = {.s = {1, 2}, .n = 2};
struct shorts sparse = {.s[4] = 99};
struct text greeting = {0, "hello, world"};
struct header packed_after = {'x', {1, 2, 3}};
char after_packed = 'z';

static int sum(const struct shorts *p, int count) {
    int total = 0;
    for (int i = 0; i < count; i++)
        total += p->s[i];
    return total;
}

int main(void) {
    static struct shorts local = {2, {-5, 7}};
    struct wrap w = {1, {'q'}};
    struct header copy = (struct header)w.h;
    printf("sizes %zu %zu %zu %zu\n", sizeof three, sizeof empty, sizeof greeting,
           sizeof local);
    printf("three %d %d\n", three.n, sum(&three, 3));
    printf("empty %d none %d\n", empty.n, none.n);
    printf("designated %d %d %d\n", designated.n, designated.s[0], designated.s[1]);
    printf("sparse %d %d %d\n", sparse.s[0], sparse.s[3], sparse.s[4]);
    printf("greeting %s %zu\n", greeting.bytes, strlen(greeting.bytes));
    printf("header %c %d %d %d %c\n", packed_after.tag, packed_after.words[0],
           packed_after.words[1], packed_after.words[2], after_packed);
    printf("local %d %d\n", local.n, sum(&local, 2));
    printf("copy %c\n", copy.tag);
    return 0;
}
