/* Image validation: the one check of an image file, for C hosts and for Python
 * (pyvirtine/image.py calls vt_image_check). Every size is checked with overflow-safe
 * arithmetic before it is used. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "internal.h"

static int fail(char *err, size_t n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, n, fmt, ap);
    va_end(ap);
    return -1;
}

uint64_t page_table_bytes(uint64_t mem_size) {
    uint64_t tables = (mem_size + (2ull << 20) - 1) / (2ull << 20);
    uint64_t directories = (mem_size + (1ull << 30) - 1) / (1ull << 30);
    return (tables + directories + 2) * PAGE;
}

/* lo <= a && a + len <= hi, without overflow. */
static bool within(uint64_t a, uint64_t len, uint64_t lo, uint64_t hi) {
    return a >= lo && a <= hi && len <= hi - a;
}

int image_check(const uint8_t *data, size_t len, struct vt_header *h, char *err, size_t n) {
    if (len < HEADER_SIZE)
        return fail(err, n, "truncated image: %zu bytes, the header alone is %u", len, HEADER_SIZE);
    memcpy(h, data, sizeof *h);
    if (memcmp(h->magic, "VIRTINE\0", 8))
        return fail(err, n, "not a virtine image (bad magic)");
    if (h->version != IMAGE_VERSION)
        return fail(err, n, "image format version %u, this pyvirtine reads %u", h->version,
                    IMAGE_VERSION);
    if (h->header_size != HEADER_SIZE || h->abi_size > HEADER_SIZE - sizeof *h)
        return fail(err, n, "corrupted header (sizes)");
    if (!within(HEADER_SIZE, h->payload_size, 0, len) ||
        (h->debug_size && !within(h->debug_offset, h->debug_size, 0, len)))
        return fail(err, n, "truncated image: payload or debug info runs past the file end "
                    "(%zu bytes)", len);
    static const uint8_t zero[4];
    uLong crc = crc32(0, data, 120);
    crc = crc32(crc, zero, 4);
    crc = crc32(crc, data + 124, HEADER_SIZE - 124);
    crc = crc32(crc, data + HEADER_SIZE, h->payload_size);
    if (crc != h->crc32)
        return fail(err, n, "corrupted image: checksum mismatch");

    uint64_t mem = h->mem_size;
    /* Checked before anything is subtracted from it: the host's tables below
     * MIN_LOAD_ADDR, one page of image and the page tables must all fit. */
    if (mem % PAGE || mem > MAX_MEM_SIZE || mem < MIN_LOAD_ADDR + PAGE + page_table_bytes(mem))
        return fail(err, n, "bad image layout: mem_size 0x%llx must be page aligned, at most "
                    "0x%llx and room for the image above 0x%llx and the page tables",
                    (unsigned long long)mem, MAX_MEM_SIZE, MIN_LOAD_ADDR);
    uint64_t top = mem - page_table_bytes(mem), load = h->load_addr, text = h->text_size;
    if (load % PAGE || load < MIN_LOAD_ADDR || load > top)
        return fail(err, n, "bad image layout: load_addr 0x%llx must be page aligned, >= 0x%llx "
                    "and below 0x%llx", (unsigned long long)load, MIN_LOAD_ADDR,
                    (unsigned long long)top);
    if (!within(load, h->payload_size, load, top))
        return fail(err, n, "bad image layout: payload of 0x%llx bytes at 0x%llx does not fit "
                    "below 0x%llx", (unsigned long long)h->payload_size, (unsigned long long)load,
                    (unsigned long long)top);
    if (text % PAGE || text > h->payload_size + PAGE)
        return fail(err, n, "bad image layout: text_size 0x%llx must be page aligned and within "
                    "the payload", (unsigned long long)text);
    uint64_t code_end = load + (text ? text : 1);
    if (h->entry64 < load || h->entry64 >= code_end)
        return fail(err, n, "bad image layout: entry64 0x%llx is not in the code",
                    (unsigned long long)h->entry64);
    if ((h->flags & FLAG_BOOT_STUB) &&
        (h->entry16 < load || h->entry16 >= code_end || h->entry16 >= (1u << 20)))
        return fail(err, n, "bad image layout: entry16 0x%llx must be in the code and below 1 MiB",
                    (unsigned long long)h->entry16);
    uint64_t stop = h->stack_top, ssize = h->stack_size;
    if (stop % 16 || ssize % PAGE || !ssize || ssize > stop ||
        !within(stop - ssize, ssize, load + text + PAGE, top))
        return fail(err, n, "bad image layout: stack [0x%llx, 0x%llx) must be page aligned, "
                    "non-empty and above the code with room for a guard page",
                    (unsigned long long)(stop - ssize), (unsigned long long)stop);
    if (!(h->heap_start == 0 && h->heap_end == 0) &&
        !(h->heap_start <= h->heap_end &&
          within(h->heap_start, h->heap_end - h->heap_start, load + text, top)))
        return fail(err, n, "bad image layout: heap [0x%llx, 0x%llx) is outside writable memory",
                    (unsigned long long)h->heap_start, (unsigned long long)h->heap_end);
    if (h->argarea_size && !within(h->argarea_addr, h->argarea_size, load + text, top))
        return fail(err, n, "bad image layout: argument area [0x%llx, +0x%llx) is outside "
                    "writable memory", (unsigned long long)h->argarea_addr,
                    (unsigned long long)h->argarea_size);
    return 0;
}

int vt_image_check(const uint8_t *data, size_t len, char *err, size_t errlen) {
    struct vt_header h;
    return image_check(data, len, &h, err, errlen);
}
