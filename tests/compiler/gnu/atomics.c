/* gcc's __sync_* and __atomic_* builtins: values, result types, pointer operands (whose
   arithmetic is in bytes), generic forms on structs, and the predefined macros. */
#include <stdio.h>

#define TYPE(x) _Generic((x), _Bool: "_Bool", char: "char", unsigned char: "uchar", \
    short: "short", int: "int", unsigned: "unsigned", long: "long", \
    unsigned long: "ulong", long long: "llong", int *: "int *", default: "other")
#define SHOW(e) do { __typeof__(e) v_ = (e); \
    printf("%-44s %-8s %lld\n", #e, TYPE(v_), (long long)v_); } while (0)

struct pair { short a, b; };

int main(void) {
    int i = 10;
    unsigned char c = 250;
    short s = -3;
    long l = 1L << 40;
    unsigned u = 0xf0f0f0f0u;
    SHOW(__sync_fetch_and_add(&i, 5));
    SHOW(__sync_fetch_and_sub(&i, 2));
    SHOW(__sync_fetch_and_or(&i, 0x100));
    SHOW(__sync_fetch_and_and(&i, 0x10f));
    SHOW(__sync_fetch_and_xor(&i, 3));
    SHOW(__sync_fetch_and_nand(&i, 6));
    SHOW(__sync_add_and_fetch(&c, 10));
    SHOW(__sync_sub_and_fetch(&s, 7));
    SHOW(__sync_or_and_fetch(&l, 1));
    SHOW(__sync_and_and_fetch(&u, 0xff00ff));
    SHOW(__sync_xor_and_fetch(&u, 1));
    SHOW(__sync_nand_and_fetch(&i, 12));
    SHOW(__sync_bool_compare_and_swap(&i, 0, 1));
    SHOW(__sync_bool_compare_and_swap(&i, i, 77));
    SHOW(__sync_val_compare_and_swap(&i, 77, 78));
    SHOW(__sync_val_compare_and_swap(&i, 1, 2));
    SHOW(__sync_lock_test_and_set(&c, 1));
    __sync_lock_release(&c);
    SHOW(c);
    __sync_synchronize();

    SHOW(__atomic_load_n(&l, __ATOMIC_ACQUIRE));
    __atomic_store_n(&s, 1234, __ATOMIC_RELEASE);
    SHOW(s);
    SHOW(__atomic_exchange_n(&s, -9, __ATOMIC_ACQ_REL));
    int expected = 5;
    SHOW(__atomic_compare_exchange_n(&i, &expected, 6, 0, __ATOMIC_SEQ_CST,
                                     __ATOMIC_RELAXED));
    SHOW(expected);
    SHOW(__atomic_compare_exchange_n(&i, &expected, 6, 1, __ATOMIC_SEQ_CST,
                                     __ATOMIC_ACQUIRE));
    SHOW(i);
    SHOW(__atomic_fetch_add(&i, 1, __ATOMIC_RELAXED));
    SHOW(__atomic_fetch_sub(&i, 1, __ATOMIC_CONSUME));
    SHOW(__atomic_fetch_and(&u, 0xff, __ATOMIC_RELEASE));
    SHOW(__atomic_fetch_xor(&u, 0xf, __ATOMIC_ACQ_REL));
    SHOW(__atomic_fetch_or(&c, 0x80, __ATOMIC_SEQ_CST));
    SHOW(__atomic_fetch_nand(&c, 0xf0, __ATOMIC_SEQ_CST));
    SHOW(__atomic_add_fetch(&l, -1, __ATOMIC_SEQ_CST));
    SHOW(__atomic_sub_fetch(&l, 1, __ATOMIC_SEQ_CST));
    SHOW(__atomic_and_fetch(&l, 0xffff, __ATOMIC_SEQ_CST));
    SHOW(__atomic_xor_fetch(&l, 0x5555, __ATOMIC_SEQ_CST));
    SHOW(__atomic_or_fetch(&l, 0x10000, __ATOMIC_SEQ_CST));
    SHOW(__atomic_nand_fetch(&l, 0xff, __ATOMIC_SEQ_CST));
    int order = __ATOMIC_RELAXED;           /* not a constant: seq_cst */
    SHOW(__atomic_load_n(&i, order));

    /* pointer operands: the addend is in bytes */
    int arr[4] = {1, 2, 3, 4};
    int *p = arr;
    SHOW((long)((char *)__atomic_fetch_add(&p, 4, __ATOMIC_SEQ_CST) - (char *)arr));
    SHOW((long)((char *)p - (char *)arr));
    SHOW((long)((char *)__sync_add_and_fetch(&p, 8) - (char *)arr));
    SHOW(*p);
    SHOW(TYPE(__atomic_exchange_n(&p, arr, __ATOMIC_SEQ_CST))[0]);

    /* generic forms, on a struct */
    struct pair a = {1, 2}, b = {3, 4}, r;
    __atomic_load(&a, &r, __ATOMIC_SEQ_CST);
    printf("load %d %d\n", r.a, r.b);
    __atomic_store(&a, &b, __ATOMIC_SEQ_CST);
    printf("store %d %d\n", a.a, a.b);
    struct pair n = {5, 6};
    __atomic_exchange(&a, &n, &r, __ATOMIC_SEQ_CST);
    printf("exchange %d %d -> %d %d\n", r.a, r.b, a.a, a.b);
    struct pair e = {0, 0};
    printf("cas %d", __atomic_compare_exchange(&a, &e, &b, 0, __ATOMIC_SEQ_CST,
                                               __ATOMIC_SEQ_CST));
    printf(" %d %d", e.a, e.b);
    int swapped = __atomic_compare_exchange(&a, &e, &b, 0, __ATOMIC_SEQ_CST,
                                            __ATOMIC_SEQ_CST);
    printf(" %d %d %d\n", swapped, a.a, a.b);

    _Bool flag = 0;
    SHOW(__atomic_test_and_set(&flag, __ATOMIC_SEQ_CST));
    SHOW(__atomic_test_and_set(&flag, __ATOMIC_SEQ_CST));
    __atomic_clear(&flag, __ATOMIC_RELEASE);
    SHOW(flag);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    __atomic_signal_fence(__ATOMIC_ACQUIRE);
    SHOW(__atomic_always_lock_free(4, 0));
    SHOW(__atomic_always_lock_free(8, 0));
    SHOW(__atomic_always_lock_free(3, 0));
    SHOW(__atomic_is_lock_free(sizeof(long), &l));
    printf("%d %d %d %d %d %d %d %d\n", __ATOMIC_RELAXED, __ATOMIC_CONSUME,
           __ATOMIC_ACQUIRE, __ATOMIC_RELEASE, __ATOMIC_ACQ_REL, __ATOMIC_SEQ_CST,
           __GCC_ATOMIC_INT_LOCK_FREE, __GCC_HAVE_SYNC_COMPARE_AND_SWAP_8);
    return 0;
}
