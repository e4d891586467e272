/* The two virtine ways to serve a JavaScript request: from the snapshot taken after
 * the heap was made (examples/js), and making the heap in the call as the native
 * baseline does (the paper's plain virtine). */
#include <virtine.h>
#include "duktape.c"

static duk_context *ctx;

virtine_init void js_start(void) { ctx = duk_create_heap_default(); }

virtine_whitelist(VIRTINE_ALLOW_GETTIMEOFDAY) const char *eval_snapshot(const char *src)
{
    duk_peval_string(ctx, src);
    return duk_safe_to_string(ctx, -1);
}

virtine_whitelist(VIRTINE_ALLOW_GETTIMEOFDAY) int eval_fresh(const char *src)
{
    duk_context *fresh = duk_create_heap_default();
    duk_peval_string(fresh, src);
    int n = (int)duk_get_length(fresh, -1);
    duk_destroy_heap(fresh);
    return n;
}
