/* A C host for the JavaScript virtine, built by virtinecc (Makefile): every line of
 * stdin is a script, evaluated in its own virtine; its value is printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *eval_js(const char *src); /* js.c: a virtine */

int main(void)
{
    char line[65536];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        const char *value = eval_js(line);
        printf("%s\n", value ? value : "(no result)");
        free((void *)value); /* virtinecc hands back a malloc'd copy */
    }
    return 0;
}
