/* libc functions called by their __builtin_ names with no header declaring them
   (as gcc's own test suites do): each must reach the libc function. */
#include <stdio.h>

int main(void)
{
    char buf[32];
    char *copy;
    __builtin_strcpy(buf, "abc");
    __builtin_strcat(buf, "def");
    __builtin_strncpy(buf + 6, "ghijk", 3);
    buf[9] = '\0';
    copy = __builtin_strdup(buf);
    printf("%s %s %d\n", buf, copy, __builtin_strcmp(buf, copy));
    __builtin_free(copy);
    copy = __builtin_malloc(4);
    copy = __builtin_realloc(copy, 400);
    copy[399] = 'z';
    printf("%c\n", copy[399]);
    __builtin_free(copy);
    copy = __builtin_calloc(10, 10);
    printf("%d\n", copy[0] + copy[99]);
    __builtin_free(copy);
    return 0;
}
