"""C99 complex numbers cross the virtine boundary as Python ``complex``: by value, in
structs and arrays, and as numpy complex buffers, each part in the layout gcc gives it."""
from __future__ import annotations

import cmath

import numpy as np
import pytest

from pyvirtine import virtine


@virtine
def cmul(a: complex, b: complex) -> complex:
    """
    #include <complex.h>
    double complex cmul(double complex a, double complex b) { return a * b; }
    """


@virtine
def fscale(z: complex, k: float) -> complex:
    """
    float _Complex fscale(float _Complex z, float k) { return z * k; }
    """


@virtine
def croot(z: complex) -> complex:
    """
    #include <complex.h>
    double complex croot(double complex z) { return csqrt(z); }
    """


@virtine
def cscale(z, k: complex) -> None:
    """
    #include <complex.h>
    #include <stddef.h>
    void cscale(double complex *z VIRTINE_INOUT(n), size_t n, double complex k) {
        for (size_t i = 0; i < n; i++) z[i] *= k;
    }
    """


@virtine
def spectrum(r: float):
    """
    #include <complex.h>
    struct spectrum { char tag; double complex z[2]; float complex w; };
    struct spectrum spectrum(double r) {
        struct spectrum s = {'s', {r * I, conj(r + 2 * I)}, 1.0f + (float)r * I};
        return s;
    }
    """


@virtine
def parts(z: complex) -> float:
    """
    #include <complex.h>
    double parts(double complex z) { return creal(z) * 1000 + cimag(z); }
    """


def test_complex_values_in_and_out(kvm):
    assert cmul(1 + 2j, 3 - 1j) == (1 + 2j) * (3 - 1j)
    assert fscale(1.5 + 0.25j, 2.0) == 3 + 0.5j
    assert croot(-4) == 2j
    # The imaginary part lands where C reads it: not swapped, not dropped.
    assert parts(7 + 3j) == 7003.0


def test_real_numbers_go_in_with_no_imaginary_part(kvm):
    assert cmul(2, 1j) == 2j
    assert cmul(np.float64(0.5), np.complex128(4 + 4j)) == 2 + 2j
    assert parts(True) == 1000.0


def test_float_complex_rounds_each_part_to_float(kvm):
    z = fscale(0.1 + 0.2j, 1.0)
    assert z == complex(np.float32(0.1), np.float32(0.2))


def test_special_values_cross_unchanged(kvm):
    z = croot(complex(-0.0, float("inf")))
    assert z.real == float("inf") and z.imag == float("inf")  # Annex G: csqrt(x + i inf)
    nan = cmul(complex(float("nan"), 0), 1)
    assert cmath.isnan(nan)


def test_struct_with_complex_members(kvm):
    s = spectrum(2.0)
    assert (s.tag, s.z, s.w) == (b"s"[0], [2j, 2 - 2j], 1 + 2j)


def test_numpy_complex_buffers(kvm):
    z = np.array([1 + 1j, 2 - 3j, 0.5j])
    cscale(z, 1j)
    assert z.tolist() == [-1 + 1j, 3 + 2j, -0.5 + 0j]
    # An N x 2 float64 array is the same memory as N double complex.
    pairs = np.array([[1.0, 1.0], [2.0, -3.0]])
    cscale(pairs, 2)
    assert pairs.tolist() == [[2.0, 2.0], [4.0, -6.0]]


@pytest.mark.parametrize("buffer, fmt", [(np.zeros(3, np.complex64), "Zf"),
                                         (np.arange(3), "l"),
                                         (np.zeros(3, np.float32), "f")])
def test_wrong_buffers_are_type_errors(kvm, buffer, fmt):
    before = buffer.copy()
    with pytest.raises(TypeError, match=f"format '{fmt}'.*neither complex128 nor float64"
                                        r".*astype\('complex128'\)"):
        cscale(buffer, 1)
    assert (buffer == before).all()


@pytest.mark.parametrize("value", ["1+2j", b"\x01", None, [1, 2]])
def test_non_numbers_are_type_errors(kvm, value):
    with pytest.raises(TypeError, match=r"argument 'a' must be a number for 'double _Complex'"):
        cmul(value, 1)


@virtine
def twice(z: complex) -> complex:
    """
    _Complex twice(_Complex z) { return 2 * z; }
    """


def test_plain_complex_is_double_complex_as_in_gcc(kvm):
    assert twice(0.1 + 1e300j) == 0.2 + 2e300j
