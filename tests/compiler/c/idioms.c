// Everyday C: malloc'd linked lists, qsort with a comparator, string handling, a tiny tokenizer.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

typedef struct item { char name[16]; int score; struct item *next; } item_t;

static item_t *push(item_t *head, const char *name, int score) {
    item_t *it = malloc(sizeof *it);
    if (!it) return head;
    strncpy(it->name, name, sizeof it->name - 1);
    it->name[sizeof it->name - 1] = '\0';
    it->score = score;
    it->next = head;
    return it;
}

static int by_score_desc(const void *a, const void *b) {
    const item_t *x = *(const item_t *const *)a, *y = *(const item_t *const *)b;
    if (x->score != y->score) return x->score < y->score ? 1 : -1;
    return strcmp(x->name, y->name);
}

enum tok { T_NUM, T_WORD, T_PUNCT, T_END };
static enum tok next_token(const char **p, char *out, size_t cap) {
    while (isspace((unsigned char)**p)) (*p)++;
    size_t n = 0;
    if (!**p) return T_END;
    if (isdigit((unsigned char)**p)) { while (isdigit((unsigned char)**p) && n + 1 < cap) out[n++] = *(*p)++; out[n] = 0; return T_NUM; }
    if (isalpha((unsigned char)**p)) { while (isalnum((unsigned char)**p) && n + 1 < cap) out[n++] = *(*p)++; out[n] = 0; return T_WORD; }
    out[0] = *(*p)++; out[1] = 0; return T_PUNCT;
}

int main(void) {
    static const struct { const char *name; int score; } seed[] = {
        {"ada", 90}, {"bob", 72}, {"cyd", 90}, {"dee", 55}, {"eve", 72}, {"fay", 100},
    };
    item_t *list = NULL;
    for (size_t i = 0; i < sizeof seed / sizeof seed[0]; i++) list = push(list, seed[i].name, seed[i].score);
    item_t *arr[8]; int n = 0;
    for (item_t *it = list; it; it = it->next) arr[n++] = it;
    qsort(arr, n, sizeof arr[0], by_score_desc);
    for (int i = 0; i < n; i++) printf("%d. %-4s %3d\n", i + 1, arr[i]->name, arr[i]->score);
    while (list) { item_t *next = list->next; free(list); list = next; }

    const char *src = "let x1 = 42 + y*(7-3);";
    char tok[32]; int counts[4] = {0}; enum tok t;
    while ((t = next_token(&src, tok, sizeof tok)) != T_END) { counts[t]++; printf("[%s]", tok); }
    printf("\nnums=%d words=%d punct=%d\n", counts[T_NUM], counts[T_WORD], counts[T_PUNCT]);

    char line[64];
    snprintf(line, sizeof line, "%s has %zu chars", "hello", strlen("hello"));
    char *upper = line; for (char *c = upper; *c; c++) *c = (char)toupper((unsigned char)*c);
    puts(upper);
    char *dup = malloc(strlen(line) + 1); strcpy(dup, line);
    char *word = strtok(dup, " "); int words = 0; while (word) { words++; word = strtok(NULL, " "); }
    printf("%d words, atoi=%d strtol=%ld\n", words, atoi("123abc"), strtol("-0x1f", NULL, 16));
    free(dup);
    return 0;
}
