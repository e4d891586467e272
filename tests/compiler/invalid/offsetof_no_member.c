// clang: 4:25: error: no member named 'b' in 's'
#include <stddef.h>
struct s { int a; };
int main(void) { return offsetof(struct s, b); }
