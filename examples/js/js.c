/* A JavaScript engine in a virtine (the virtines paper's Figure 14): Duktape, compiled
 * whole into the image, creates its heap once, before the snapshot, and every call
 * evaluates one untrusted script on a fresh copy of that heap. */
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

/* The script's value as a string ("Error: ..." when it throws). Scripts may read the
 * clock (Date) and nothing else of the host. */
virtine_whitelist(VIRTINE_ALLOW_GETTIMEOFDAY) const char *eval_js(const char *src)
{
    /* Math.random's state is the snapshot's: each call draws its own. */
    duk_heap *heap = ((duk_hthread *)ctx)->heap;
    virtine_random(heap->rnd_state, sizeof heap->rnd_state);
    duk_peval_string(ctx, src);
    return duk_safe_to_string(ctx, -1);
}
