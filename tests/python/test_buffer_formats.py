"""A buffer's item format (numpy's dtype) must match the C element type: an int64 or
float32 array passed for `const double *` is a TypeError, not garbage read as doubles."""
from __future__ import annotations

import array

import numpy as np
import pytest

from pyvirtine import virtine


@virtine
def dsum(xs):
    """
    #include <stddef.h>
    double dsum(const double *xs VIRTINE_IN(n), size_t n) {
        double s = 0; for (size_t i = 0; i < n; i++) s += xs[i]; return s;
    }
    """


@virtine
def negate(xs):
    """
    #include <stddef.h>
    void negate(int *xs VIRTINE_INOUT(n), size_t n) {
        for (size_t i = 0; i < n; i++) xs[i] = -xs[i];
    }
    """


@virtine
def first_of(p):
    """
    double first_of(const double *p) { return *p; }
    """


@virtine
def norm1(ps):
    """
    #include <stddef.h>
    struct pt { int x, y; };
    long norm1(const struct pt *ps VIRTINE_IN(n), size_t n) {
        long s = 0; for (size_t i = 0; i < n; i++) s += ps[i].x * 10 + ps[i].y; return s;
    }
    """


def test_matching_dtypes_are_taken(kvm):
    assert dsum(np.arange(4, dtype=np.float64)) == 6.0
    assert dsum(array.array("d", [1.5, 2.5])) == 4.0
    a = np.array([1, -2, 3], dtype=np.int32)
    negate(a)
    assert a.tolist() == [-1, 2, -3]
    u = np.array([1, 2], dtype=np.uint32)  # same size, other signedness: the bits cross
    negate(u)
    assert u.tolist() == [2**32 - 1, 2**32 - 2]
    assert first_of(np.array([2.5])) == 2.5


def test_raw_bytes_stay_raw_memory(kvm):
    assert dsum(np.array([1.0, 2.0]).tobytes()) == 3.0
    assert dsum(np.array([4.0]).view(np.uint8)) == 4.0


@pytest.mark.parametrize("dtype, fmt", [(np.int64, "l"), (np.float32, "f"), (np.int8, "b")])
def test_wrong_dtype_is_a_type_error(kvm, dtype, fmt):
    data = np.arange(3, dtype=dtype)
    for call in (lambda: dsum(data), lambda: dsum(xs=data)):  # the fast path and the packer
        with pytest.raises(TypeError) as e:
            call()
        message = str(e.value)
        assert "dsum() argument 'xs'" in message
        assert "'const double *'" in message
        assert f"format '{fmt}'" in message
        assert "astype('float64')" in message


def test_wrong_size_and_byte_order(kvm):
    with pytest.raises(TypeError, match=r"format 'q'.*points to int \(4 bytes\)"):
        negate(array.array("q", [1, 2]))
    with pytest.raises(TypeError, match="big-endian"):
        dsum(np.arange(2, dtype=">f8"))
    with pytest.raises(TypeError, match=r"first_of\(\) argument 'p'.*format 'l'"):
        first_of(np.array([7]))


def test_struct_elements_checked_by_size(kvm):
    pts = np.array([(1, 2), (3, 4)], dtype=[("x", np.int32), ("y", np.int32)])
    assert norm1(pts) == 12 + 34
    with pytest.raises(TypeError, match="neither the C type.s size"):
        norm1(np.zeros(2, dtype=[("x", np.int64), ("y", np.int64)]))
    rows = np.array([[1, 2], [3, 4]], dtype=np.int32)  # rows as structs of ints
    assert norm1(rows) == 12 + 34
    with pytest.raises(TypeError, match="format 'd'"):
        norm1(np.zeros((2, 2)))
