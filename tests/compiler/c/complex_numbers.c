/* C99 complex arithmetic and gcc's extensions to it (__real__, __imag__, ~ as
   the conjugate, imaginary constants), with the SysV calling convention for
   complex arguments and results. */
#include <complex.h>
#include <stdio.h>

static double _Complex g = 1.0 + 2.0i;
static float _Complex gf = 3.0f - 4.0fi;
static long double _Complex gl = 5.0L + 6.0Li;
static double _Complex folded = (1.0 + 2.0i) * (3.0 - 1.0i) / 2 + ~(1.0i);
static const double _Complex table[3] = {1.0, 2.0i, -3.0 - 3.0i};
static _Bool nonzero = (_Bool)(0.5 + 0.0i);

struct holder {
    char tag;
    double _Complex z;
};

static void show(const char *what, double _Complex z)
{
    printf("%s: %.17g %.17g\n", what, creal(z), cimag(z));
}

static void showf(const char *what, float _Complex z)
{
    printf("%s: %.9g %.9g\n", what, (double)crealf(z), (double)cimagf(z));
}

static void showl(const char *what, long double _Complex z)
{
    printf("%s: %.17g %.17g\n", what, (double)creall(z), (double)cimagl(z));
}

static double _Complex make(double re, double im) { return re + im * I; }
static float _Complex makef(float re, float im) { return CMPLXF(re, im); }
static long double _Complex makel(long double re, long double im) { return CMPLXL(re, im); }

/* Enough complex arguments to run out of SSE registers: the later ones go on
   the stack. */
static double _Complex many(double _Complex a, double _Complex b, double _Complex c,
                            double _Complex d, double _Complex e, float _Complex f,
                            long double _Complex l, int n)
{
    return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + (double _Complex)l * 7 + n;
}

static struct holder twice(struct holder h)
{
    h.z *= 2;
    return h;
}

int main(void)
{
    double _Complex z = make(1.5, -2.5), w = g;
    show("product", z * w);
    show("quotient", z / w);
    show("real plus", 2 + z);
    show("real minus", 2 - z);
    show("minus real", z - 2);
    show("times real", z * 4);
    show("divided by real", z / 4);
    show("real divided", 1 / w);
    show("negated", -z);
    show("conjugate", ~z);
    show("conj", conj(z));
    show("folded", folded);
    show("table", table[0] + table[1] + table[2]);
    printf("nonzero %d, equal %d %d, unequal %d\n", nonzero, z == z, z == 1.5 - 2.5i, z != w);
    printf("real == complex %d, complex == real %d\n", 3.0 == 3.0 + 0.0i, 3.0 + 1.0i == 3.0);

    double _Complex acc = 1;
    acc += 1.0i;
    acc *= z;
    acc -= 0.5;
    acc /= 2.0i;
    show("compound", acc);
    acc++;
    show("incremented", acc);

    __real__ acc = 10;
    __imag__ acc *= -1;
    show("parts assigned", acc);
    printf("parts of a real: %g %g\n", __real__ 4.5, __imag__ 4.5);

    double d = z;
    int n = (int)(z * 3);
    _Bool b = 0.0 + 0.0i, c = 0.0 + 1e-300i;
    printf("to real %g, to int %d, to bool %d %d\n", d, n, b, c);
    show("from int", (double _Complex)7);
    show("cast down and up", (double _Complex)(float _Complex)make(0.1, 0.2));

    showf("float product", makef(1, 2) * gf);
    showf("float quotient", makef(1, 2) / gf);
    showf("float plus double", gf + 0.25);
    showl("long double quotient", makel(1, 2) / gl);
    showl("long double product", gl * gl);
    showl("mixed", gl + z + gf);

    show("many", many(1, 2.0i, 3, 4.0i, 5, gf, gl, 8));
    struct holder h = {'h', 1.25 - 0.5i};
    h = twice(h);
    printf("struct %c ", h.tag);
    show("holder", h.z);

    double _Complex pick = n > 0 ? z : 3;
    show("conditional", pick);
    double _Complex builtin = __builtin_complex(0.5, -0.0);
    show("builtin", builtin);

    /* Annex G: an infinite operand keeps the product and quotient infinite, and
       a finite number divided by zero is infinite. */
    double inf = 1e308 * 10;
    double _Complex big = make(inf, 1);
    double _Complex p = big * make(1, 1);
    printf("inf product infinite: %d %d\n", __builtin_isinf(creal(p)) || __builtin_isinf(cimag(p)),
           creal(p) == creal(p));
    double _Complex q = make(1, 1) / make(0, 0);
    printf("divided by zero infinite: %d %d\n", __builtin_isinf(creal(q)),
           __builtin_isinf(cimag(q)));
    double _Complex r = make(2, 3) / big;
    printf("divided by infinity: %g %g\n", creal(r), cimag(r));

    printf("sizes %zu %zu %zu aligns %zu %zu %zu\n", sizeof(float _Complex),
           sizeof(double _Complex), sizeof(long double _Complex), _Alignof(float _Complex),
           _Alignof(double _Complex), _Alignof(long double _Complex));
    printf("cabs %.17g carg %.17g\n", cabs(make(3, 4)), carg(make(-1, 0)));
    return 0;
}
