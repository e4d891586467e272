/* Forward-declared enums, zero-length arrays, packed/aligned enums and structs in use. */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

enum color;                        /* GNU: declared before it is defined */
static int paint(enum color *c);
enum color { RED, GREEN = 5, BLUE };
static int paint(enum color *c) { return *c == BLUE; }

enum __attribute__((packed)) small { S0, S1 = 200 };
enum __attribute__((packed)) signed_small { N0 = -3, N1 = 100 };
enum wide { W0, W1 = 0x100000000L };

struct message { int length; char body[0]; };
struct header { short kind; struct { int n; } parts[0]; };

struct __attribute__((packed)) wire { char tag; unsigned value; short port; };
struct cache_line { long hits; } __attribute__((aligned(64)));
typedef unsigned __attribute__((aligned(1))) unaligned_u32;

static unsigned read_unaligned(const void *p) { return *(const unaligned_u32 *)p; }

int main(void) {
    enum color c = BLUE;
    printf("enum %d %d size %zu %zu %zu %zu\n", paint(&c), GREEN, sizeof(enum small),
           sizeof(enum signed_small), sizeof(enum wide), sizeof(enum color));
    char buffer[64];
    struct message *m = (struct message *)buffer;
    m->length = 5;
    memcpy(m->body, "hello", 5);
    printf("zero-length %zu %zu %.5s %zu\n", sizeof(struct message), offsetof(struct message, body),
           m->body, sizeof(struct header));
    struct wire w = { 'w', 0xdeadbeef, 8080 };
    unsigned char raw[sizeof w];
    memcpy(raw, &w, sizeof w);
    printf("wire %zu %zu:", sizeof w, offsetof(struct wire, port));
    for (size_t i = 0; i < sizeof w; i++) printf(" %02x", raw[i]);
    printf(" value %x port %d\n", w.value, w.port);
    unsigned *inside = &w.value;      /* gcc warns: address of packed member */
    (void)inside;
    struct cache_line lines[2];
    printf("aligned %zu %zu %d\n", sizeof(struct cache_line), _Alignof(struct cache_line),
           (int)((char *)&lines[1] - (char *)&lines[0]));
    unsigned char bytes[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    printf("unaligned %x %zu\n", read_unaligned(bytes + 1), _Alignof(unaligned_u32));
    static char page[100] __attribute__((aligned(4096)));
    int local __attribute__((aligned(32))) = 1;
    printf("object alignment %d %d\n", (int)((unsigned long)page % 4096),
           (int)((unsigned long)&local % 32));
    return 0;
}
