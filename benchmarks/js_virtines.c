/* The two virtine ways to serve a JavaScript request: from the snapshot taken after
 * the heap was made (examples/js), and making the heap in the call as the native
 * baseline does (the paper's plain virtine). */
#include <virtine.h>
#include "duktape.c"

static duk_context *ctx;

/* A collection before the snapshot starts every call with Duktape's full allocation
 * budget; without it each call, starting from the count the snapshot holds, did the
 * garbage collector's work again (about 10 us a call, measured here). */
virtine_init void js_start(void)
{
    ctx = duk_create_heap_default();
    duk_gc(ctx, 0);
}

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
