"""The heap allocator: random traffic with content checks, exhaustion, coalescing."""

HEAP = 16 << 20  # the shim's default heap


def test_random_traffic_keeps_blocks_intact(guest, host, case_count):
    stdin = f"5 {case_count(200000)}\n"
    ours = guest("malloc_stress", stdin)
    assert ours.stdout.startswith(b"ok"), ours.stdout
    # The same traffic on glibc reaches the same peak of live blocks.
    assert ours.stdout == host("malloc_stress", stdin).stdout


def test_exhaustion_returns_null_and_free_coalesces(guest):
    out = guest("malloc_exhaust").stdout.decode()
    assert "FAIL" not in out, out
    blocks = int(out.split()[1])
    # Headers cost a few bytes per block: nearly the whole heap is usable.
    assert HEAP // 65536 - 2 <= blocks <= HEAP // 65536
    assert "merged yes" in out
    assert "realloc grow yes" in out
    assert "in place yes" in out


def test_tiny_heap(guest):
    out = guest("malloc_exhaust", defines=("HEAP_SIZE=4096",)).stdout.decode()
    assert out.startswith("blocks 0"), out
