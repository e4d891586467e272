// String and character literals: every escape, adjacent concatenation, char arrays.
#include <stdio.h>
#include <string.h>
int main(void) {
    const char *s = "tab\there\nnew" "line\\ \"q\" \'s\' \x41\102\0hidden";
    printf("%s|\n", s);
    printf("%d %d %d %d %d %d %d\n", '\a', '\b', '\f', '\v', '\r', '\?', '\0');
    printf("%d %d %d %d\n", '\x7f', '\377', '\xff', 'A');
    printf("%d\n", (int)sizeof("a" "bc" "def"));
    char buf[16] = "hello";
    strcat(buf, ", w");
    printf("%s %d %d\n", buf, (int)strlen(buf), (int)sizeof buf);
    char arr[] = {'o', 'k', 0};
    printf("%s\n", arr);
    const char *p = "abc" + 1; printf("%s %c\n", p, "xyz"[2]);
    printf("%d\n", "same" == "same" || 1);
    printf("%d\n", (unsigned char)"\xe2\x82\xac"[0]);
    printf("%s\n", "\101\x42" "C");
    return 0;
}
