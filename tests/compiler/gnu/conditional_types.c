/* The type of a conditional expression with pointer operands (C11 6.5.15p6, as gcc
   reads it) and _Generic/__builtin_types_compatible_p seeing pointed-to qualifiers. */
#include <stdio.h>

#define KIND(e) _Generic((e), void *: "void *", const void *: "const void *",          \
    volatile void *: "volatile void *", const volatile void *: "const volatile void *", \
    int *: "int *", const int *: "const int *", volatile int *: "volatile int *",      \
    const volatile int *: "const volatile int *", unsigned *: "unsigned *",            \
    int (*)[4]: "int (*)[4]", const char **: "const char **", char **: "char **",      \
    const char *: "const char *", char *: "char *", default: "other")
#define SHOW(e) printf("%-44s %s\n", #e, KIND(e))

extern int (*incomplete)[];

int main(void) {
    int z = 0;
    char **argv = 0;
    SHOW(0 ? (int *)0 : (int *)0);
    SHOW(0 ? (volatile int *)0 : (const int *)0);   /* qualifiers combine */
    SHOW(0 ? (int *)0 : 0);                         /* null pointer constant */
    SHOW(0 ? 0L : (const int *)0);
    SHOW(0 ? (int *)0 : (void *)0);
    SHOW(0 ? (void *)(0 + 0) : (const int *)0);
    SHOW(0 ? (int *)0 : (void *)(void *)0);         /* not a null pointer constant */
    SHOW(0 ? (int *)0 : (void *)z);
    SHOW(0 ? (volatile int *)0 : (const void *)1);  /* void wins, qualifiers combine */
    SHOW(0 ? (volatile int *)0 : (const void *)0);  /* qualified: not a null pointer */
    SHOW(0 ? (int *)0 : (unsigned *)0);             /* mismatch: plain void * */
    SHOW(0 ? (const int *)0 : (long *)0);
    SHOW(0 ? (int (*)[4])0 : (int (*)[])0);         /* composite: the known length */
    SHOW(0 ? incomplete : (int (*)[4])0);
    SHOW(0 ? (const char **)0 : (const char **)0);
    SHOW(argv);
    SHOW(0 ? (const char *)0 : argv[0]);
    printf("%d %d %d %d\n", __builtin_types_compatible_p(const char *, char *),
           __builtin_types_compatible_p(const char *, char const *),
           __builtin_types_compatible_p(char *const, char *),
           __builtin_types_compatible_p(const char **, char **));
    printf("%d %d\n", (int)sizeof(*(0 ? incomplete : (int (*)[4])0)),
           (int)sizeof(*(0 ? (int (*)[])0 : (int (*)[5])0)));
    return 0;
}
