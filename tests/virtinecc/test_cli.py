"""virtinecc as a cc: passthrough, the cc options it reads, separate compile and
link, libraries, and its error messages."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pyvirtine
from pyvirtine.image import FORMAT_VERSION

PLAIN = r"""
#include <stdio.h>
int twice(int x) { return 2 * x; }
int main(void) { printf("%d\n", twice(21)); return 0; }
"""


def write(directory: Path, files: dict) -> None:
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_plain_files_pass_straight_to_cc(run, tmp_path):
    write(tmp_path, {"plain.c": PLAIN})
    run("virtinecc", "-O2", "-c", "plain.c", "-o", "mine.o")
    run("cc", "-O2", "-c", "plain.c", "-o", "theirs.o")
    assert (tmp_path / "mine.o").read_bytes() == (tmp_path / "theirs.o").read_bytes()
    run("virtinecc", "plain.c", "-o", "plain")
    assert run("./plain").stdout == "42\n"
    # cc's own version first, for tools that identify the compiler (pyvirtine's follows)
    assert run("virtinecc", "--version").stdout.startswith(run("cc", "--version").stdout)


def test_exit_status_and_messages_of_cc(run, tmp_path):
    write(tmp_path, {"broken.c": "int main(void) { return undefined_name; }\n"})
    mine = run("virtinecc", "-c", "broken.c", check=False)
    theirs = run("cc", "-c", "broken.c", check=False)
    assert mine.returncode == theirs.returncode != 0
    assert mine.stderr == theirs.stderr
    assert run("virtinecc", "missing.c", check=False).returncode == \
        run("cc", "missing.c", check=False).returncode != 0


def test_verbose_shows_the_commands(kvm, run, tmp_path):
    write(tmp_path, {"v.c": "#include <virtine.h>\nvirtine int one(void) { return 1; }\n"
                            "int main(void) { return one() - 1; }\n"})
    proc = run("virtinecc", "-v", "v.c", "-o", "v")
    assert "virtinecc: building the virtines of v.c" in proc.stderr
    assert re.search(r"^cc -v .*-c .*v\.host\.c -o \S+\.o$", proc.stderr, re.M)
    assert re.search(r"^cc -v \S+\.o -o v .*libpyvirtine\.a", proc.stderr, re.M)
    run("./v")


def test_separate_compile_and_link_with_flags_and_libraries(kvm, run, tmp_path):
    write(tmp_path, {
        "include/scale.h": "#define SCALE_BY(x) ((x) * FACTOR)\nint scale(int x);\n"
                           "double mean(const double *v, int n);\n",
        "src/scale.c": "#include <virtine.h>\n#include <scale.h>\n"
                       "virtine int scale(int x) { return SCALE_BY(x); }\n"
                       "virtine double mean(const double *v VIRTINE_IN(n), int n) {\n"
                       "    double s = 0; for (int i = 0; i < n; i++) s += v[i]; return s / n; }\n",
        "src/main.c": "#include <stdio.h>\n#include <scale.h>\n"
                      "int main(void) { double v[] = {1, 2, 4.5}; "
                      "printf(\"%d %.2f\\n\", scale(7), mean(v, 3)); return 0; }\n",
    })
    run("virtinecc", "-Iinclude", "-DFACTOR=3", "-O1", "-g", "-std=c11", "-Wall", "-Werror",
        "-c", "src/scale.c", "src/main.c")
    assert (tmp_path / "scale.o").exists() and (tmp_path / "main.o").exists()
    run("ar", "rcs", "libscale.a", "scale.o")
    run("virtinecc", "main.o", "-L.", "-lscale", "-lm", "-o", "linked")
    assert run("./linked").stdout == "21 2.50\n"
    run("virtinecc", "-I", "include", "-D", "FACTOR=5", "src/main.c", "src/scale.c", "-o", "direct")
    assert run("./direct").stdout == "35 2.50\n"
    run("virtinecc", "-Iinclude", "-DFACTOR=2", "src/main.c", "scale.o", "-o", "mixed")
    assert run("./mixed").stdout == "21 2.50\n"  # scale.o was built with FACTOR=3


MARSHAL = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <virtine.h>

enum shade { LIGHT, DARK = 7 };
struct pair { short a; double b; char tag[3]; };

virtine struct pair swap(struct pair p, enum shade s) {
    struct pair q = { (short)(p.b), p.a + (s == DARK ? 0.5 : 0.0), "ok" };
    return q;
}
virtine char *shout(const char *word) {
    static char out[32];
    size_t i;
    for (i = 0; word[i] && i < 31; i++) out[i] = word[i] - 32;
    out[i] = 0;
    return out;
}
virtine const char *nothing(int x) { return x ? "yes" : NULL; }
virtine void squares(long *v VIRTINE_OUT(n), unsigned n) { for (unsigned i = 0; i < n; i++) v[i] = (long)i * i; }
virtine int bump(int *counter, const struct pair *p) { *counter += p->a; return *counter; }
virtine float halve(float f, int c) { return f / 2 + 0 * c; }
virtine void reverse(char *s VIRTINE_INOUT(len), int len) {
    for (int i = 0; i < len / 2; i++) { char t = s[i]; s[i] = s[len - 1 - i]; s[len - 1 - i] = t; }
}

int main(void) {
    struct pair p = {3, 9.75, "hi"};
    struct pair q = swap(p, DARK);
    printf("%d %.2f %s\n", q.a, q.b, q.tag);
    char *s = shout("virtine");
    printf("%s %s\n", s, nothing(0) ? "non-null" : "null");
    free(s);
    long v[5] = {0};
    squares(v, 5);
    printf("%ld %ld\n", v[3], v[4]);
    int c = 10;
    int b = bump(&c, &p);
    printf("%d %d\n", b, c);
    char word[] = "stressed";
    reverse(word, (int)strlen(word));
    printf("%s %.3f\n", word, halve(5.0f, 0));
    return 0;
}
"""


def test_parameter_kinds_cross_both_ways(kvm, run, tmp_path):
    write(tmp_path, {"kinds.c": MARSHAL})
    run("virtinecc", "-O2", "-Wall", "kinds.c", "-o", "kinds")
    assert run("./kinds").stdout == "9 3.50 ok\nVIRTINE null\n9 16\n13 13\ndesserts 2.500\n"


COMPLEX = r"""
#include <stdio.h>
#include <complex.h>
#include <virtine.h>

virtine double complex cube_plus(double complex z, float complex w) { return z * z * z + w; }

int main(void) {
    double complex r = cube_plus(1.0 + 1.0 * I, 0.5f - 0.25f * I);
    printf("%g %g\n", creal(r), cimag(r));
    return 0;
}
"""


def test_complex_numbers_cross_from_a_c_host(kvm, run, tmp_path):
    write(tmp_path, {"cube.c": COMPLEX})
    run("virtinecc", "cube.c", "-o", "cube", "-lm")
    assert run("./cube").stdout == "-1.5 1.75\n"


FAULTS = r"""
#include <stdlib.h>
#include <virtine.h>

virtine int spin(int n) { volatile int x = n; while (x) { } return 1; }
virtine int quit(int n) { exit(n); return 0; }
virtine int wild(long at) {
    return *(volatile int *)at;
}
virtine double square(double x) { return x * x; }
"""

# pthread.h is not a guest header: the host code lives in its own file.
FAULTS_MAIN = r"""
#include <stdio.h>
#include <pthread.h>
#include <virtine.h>

int spin(int n);
int quit(int n);
int wild(long at);
double square(double x);

static int errors;
static void count(const char *f, int kind, const char *m) {
    errors++;
    printf("hook %s %d %s\n", f, kind, m);
}

static void *worker(void *arg) {
    long id = (long)arg;
    double sum = 0;
    for (int i = 0; i < 50; i++) sum += square((double)(id + i));
    return (void *)(long)sum;
}

int main(void) {
    printf("wild %d\n", wild(1L << 40));
    fflush(stdout);
    virtine_set_error_hook(count);
    printf("spin %d\n", spin(1));
    printf("quit %d\n", quit(3));
    pthread_t t[4];
    long total = 0;
    for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++) { void *r; pthread_join(t[i], &r); total += (long)r; }
    printf("threads %ld errors %d\n", total, errors);
    return 0;
}
"""


def test_faults_timeouts_and_exits_reach_the_error_hook(kvm, run, tmp_path):
    write(tmp_path, {"faults.c": FAULTS, "main.c": FAULTS_MAIN})
    run("virtinecc", "-O2", "-pthread", "main.c", "faults.c", "-o", "faults")
    proc = run("./faults", extra_env={"VIRTINECC_TIMEOUT": "0.2"}, timeout=60)
    assert re.fullmatch(r"virtine wild: guest page fault \(#PF\) at rip 0x[0-9a-f]+: read of "
                        r"address 0x10000000000 in faults\.c:8 in \w*wild\n", proc.stderr)
    lines = proc.stdout.splitlines()
    assert lines[0] == "wild 0"
    assert re.fullmatch(r"hook spin 1 .*", lines[1]) and lines[2] == "spin 0"
    assert lines[3:5] == ["hook quit 6 exited with status 3 instead of returning", "quit 0"]
    expected = sum(float(i + j) ** 2 for i in range(4) for j in range(50))
    assert lines[5] == f"threads {int(expected)} errors 2"


def test_malformed_virtine_file_is_a_located_error(run, tmp_path):
    write(tmp_path, {"bad.c": "#include <virtine.h>\n\nvirtine int f(int x) {\n"
                              "    return x +* ;\n}\n"})
    proc = run("virtinecc", "-c", "bad.c", check=False)
    assert proc.returncode == 1
    assert re.search(r"^bad\.c:4:\d+: error: ", proc.stderr, re.M)
    assert "return x +* ;" in proc.stderr and "^" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unsupported_parameter_names_it(run, tmp_path):
    write(tmp_path, {"ptr.c": "#include <virtine.h>\nvirtine int first(char **argv) "
                              "{ return argv[0][0]; }\n"})
    proc = run("virtinecc", "-c", "ptr.c", check=False)
    assert proc.returncode == 1
    assert re.match(r"ptr\.c:2:\d+: error: parameter 'argv' of virtine 'first' has type "
                    r"'char \*\*', which cannot be copied into a virtine", proc.stderr)


def test_missing_guest_header_says_to_move_host_code(run, tmp_path):
    write(tmp_path, {"net.c": "#include <stdio.h>\n#include <sys/socket.h>\n#include <virtine.h>\n"
                              "virtine int f(int x) { return x; }\n"})
    proc = run("virtinecc", "-c", "net.c", check=False)
    assert proc.returncode == 1
    first, *rest = proc.stderr.splitlines()
    assert first == "net.c:2:10: error: sys/socket.h: No such file or directory"
    assert "move the host-only code into another .c file" in proc.stderr


def test_host_diagnostics_keep_the_users_lines(run, tmp_path):
    write(tmp_path, {"warn.c": "#include <virtine.h>\n\nvirtine int f(int x) {\n"
                               "    return x + 1;\n}\n\n"
                               "int g(void) { int unused; return f(2); }\n"})
    proc = run("virtinecc", "-Wall", "-c", "warn.c", "-MD")
    assert "warn.c:7:19: warning: unused variable 'unused'" in proc.stderr.replace("‘", "'") \
        .replace("’", "'")
    depfile = (tmp_path / "warn.d").read_text()
    assert depfile.startswith("warn.o: warn.c ") and "host.c" not in depfile


def _needed(path: Path) -> list[str]:
    from elftools.elf.elffile import ELFFile
    with open(path, "rb") as f:
        dynamic = ELFFile(f).get_section_by_name(".dynamic")
        return [t.needed for t in dynamic.iter_tags() if t.entry.d_tag == "DT_NEEDED"]


def test_programs_are_self_contained_unless_linked_shared(kvm, run, tmp_path):
    write(tmp_path, {"one.c": "#include <stdio.h>\n#include <virtine.h>\n"
                              "virtine int one(int x) { return x + 1; }\n"
                              "int main(void) { printf(\"%d\\n\", one(41)); return 0; }\n",
                     "plain.c": PLAIN})
    cache = {"PYVIRTINE_CACHE": str(tmp_path / "cache")}
    run("virtinecc", "one.c", "-o", "static", extra_env=cache)
    run("virtinecc", "-shared-pyvirtine", "one.c", "-o", "shared", extra_env=cache)
    run("virtinecc", "plain.c", "-o", "plain", extra_env=cache)
    assert not any("pyvirtine" in n or "libz" in n for n in _needed(tmp_path / "plain"))
    assert not any("pyvirtine" in n for n in _needed(tmp_path / "static"))
    assert "libpyvirtine.so" in _needed(tmp_path / "shared")
    for program in ("shared", "static"):
        assert run(f"./{program}").stdout == "42\n"
    # The default program needs nothing from the cache: it runs once the cache is gone
    # (and from anywhere). Only the one linked shared does not.
    (tmp_path / "cache").rename(tmp_path / "moved")
    (tmp_path / "static").rename(tmp_path / "elsewhere")
    assert run("./elsewhere").stdout == "42\n"
    assert "libpyvirtine.so" in run("./shared", check=False).stderr


def test_virtine_cfg_memory_and_strict(kvm, run, tmp_path):
    write(tmp_path, {"cfg.c": r"""
#include <stdio.h>
#include <stdlib.h>
#include <virtine.h>

static struct virtine_config big = { .memory = 16 << 20 };

virtine_cfg(big) int roomy(int mb) { return malloc((size_t)mb << 20) != NULL; }
virtine int cramped(int mb) { return malloc((size_t)mb << 20) != NULL; }
virtine_strict int quiet(int x) { puts("denied"); return x; }

int main(void) {
    printf("%d %d\n", roomy(8), cramped(8));
    printf("%d\n", quiet(5));
    return 0;
}
"""})
    run("virtinecc", "cfg.c", "-o", "cfg")
    proc = run("./cfg")
    assert proc.stdout == "1 0\n0\n"
    assert proc.stderr.startswith("virtine quiet: hypercall write (10) is not allowed")


def test_virtine_defined_in_a_header_is_an_error(run, tmp_path):
    write(tmp_path, {"twice.h": "#include <virtine.h>\nvirtine int twice(int x) { return 2 * x; }\n",
                     "main.c": "#include \"twice.h\"\nvirtine int quad(int x) { return twice(twice(x)); }\n"
                               "int main(void) { return quad(1) != 4; }\n"})
    proc = run("virtinecc", "main.c", "-o", "main", check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith("twice.h:2:1: error: virtine 'twice' is defined in a header")


def test_forked_child_makes_its_own_virtines(kvm, run, tmp_path):
    write(tmp_path, {"inc.c": "#include <virtine.h>\nvirtine long inc(long x) { return x + 1; }\n",
                     "main.c": r"""
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
long inc(long x);
int main(void) {
    printf("parent %ld\n", inc(1));
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) { printf("child %ld\n", inc(10)); return 0; }
    waitpid(pid, NULL, 0);
    printf("parent %ld\n", inc(2));
    return 0;
}
"""})
    run("virtinecc", "main.c", "inc.c", "-o", "forks")
    proc = run("./forks")
    assert (proc.stdout, proc.stderr) == ("parent 2\nchild 11\nparent 3\n", "")


def test_threads_that_finish_leave_no_buffers_behind(kvm, run, tmp_path):
    # Each calling thread gets an argument buffer and a result buffer as large as the
    # virtine's argument area; a thread-per-request server must not keep them all.
    write(tmp_path, {"inc.c": "#include <virtine.h>\nvirtine long inc(long x) { return x + 1; }\n",
                     "main.c": r"""
#include <pthread.h>
#include <stdio.h>
#include <string.h>
long inc(long x);
static void *one(void *arg) { *(long *)arg = inc(*(long *)arg); return NULL; }
static long vm_kib(void) {
    char line[256]; long kib = -1;
    FILE *f = fopen("/proc/self/status", "r");
    while (fgets(line, sizeof line, f)) if (!strncmp(line, "VmSize:", 7)) sscanf(line + 7, "%ld", &kib);
    fclose(f);
    return kib;
}
static long wave(int n) {
    long bad = 0;
    for (int i = 0; i < n; i++) {
        long v = i; pthread_t t;
        pthread_create(&t, NULL, one, &v);
        pthread_join(t, NULL);
        bad += v != i + 1;
    }
    return bad;
}
int main(void) {
    long bad = wave(20);
    long before = vm_kib();
    bad += wave(300);
    printf("%ld %ld\n", bad, vm_kib() - before);
    return 0;
}
"""})
    run("virtinecc", "-pthread", "main.c", "inc.c", "-o", "threads")
    bad, grown_kib = map(int, run("./threads").stdout.split())
    assert bad == 0
    assert grown_kib < 16 * 1024, f"{grown_kib} KiB more after 300 finished threads"


def test_virtine_init_builds_state_every_call_starts_from(kvm, run, tmp_path):
    write(tmp_path, {"init.c": r"""
#include <stdio.h>
#include <virtine.h>
static int primes[100], count;
virtine_init void sieve(void)
{
    for (int n = 2; count < 100; n++) {
        int prime = 1;
        for (int i = 0; i < count && primes[i] * primes[i] <= n; i++)
            prime = prime && n % primes[i];
        if (prime)
            primes[count++] = n;
    }
}
virtine int nth_prime(int i) { int p = primes[i]; primes[i] = 0; count = -1; return p; }
int main(void)
{
    printf("%d %d %d %d\n", nth_prime(0), nth_prime(0), nth_prime(99), nth_prime(99));
    return 0;
}
"""})
    run("virtinecc", "-O2", "init.c", "-o", "init")
    assert run("./init").stdout == "2 2 541 541\n"


START_FAILS = r"""
#include <stdio.h>
#include <virtine.h>

static struct virtine_config huge = { .memory = 1ull << 30 };
virtine_cfg(huge) int square(int x) { return x * x; }
virtine int crash(int x) { return *(volatile int *)(unsigned long)x; }
virtine int twice(int x) { return 2 * x; }

static void note(const char *function, int kind, const char *message) {
    (void)message;
    printf("hook %s %d\n", function, kind);
}

int main(int argc, char **argv) {
    (void)argv;
    if (argc > 1) virtine_set_error_hook(note);
    int r = square(3);
    printf("square %d last %d\n", r, virtine_last_error());
    r = crash(16);
    printf("crash %d last %d\n", r, virtine_last_error());
    r = twice(4);
    printf("twice %d last %d\n", r, virtine_last_error());
    return 0;
}
"""


def test_virtine_that_cannot_start_fails_the_program(kvm, run, tmp_path):
    write(tmp_path, {"start.c": START_FAILS})
    run("virtinecc", "start.c", "-o", "start")
    # Too little address space for the virtine's 1 GiB of guest memory: it cannot start.
    limited = ["sh", "-c", 'ulimit -v 400000 && exec ./start "$@"', "start"]
    proc = run(*limited, check=False)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr.startswith("virtine square: cannot start the virtine: ")
    # A hook of its own carries on; the caller sees which call failed and how.
    proc = run(*limited, "hook", check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["hook square 7", "square 0 last 7",
                                        "hook crash 3", "crash 0 last 3", "twice 8 last 0"]


def test_version_and_help_say_both_compilers(run):
    cc_version = subprocess.run(["cc", "--version"], capture_output=True, text=True).stdout
    version = run("virtinecc", "--version").stdout
    assert version.startswith(cc_version)  # first, for tools that identify the compiler
    ours = version[len(cc_version):]
    assert f"virtinecc: pyvirtine {pyvirtine.__version__}, image format {FORMAT_VERSION}" in ours
    assert "launcher sources " in ours and "pyvirtine/hypervisor" in ours
    helped = run("virtinecc", "--help").stdout
    assert helped.startswith("Usage: virtinecc")
    assert "-shared-pyvirtine" in helped and "VIRTINECC_TIMEOUT" in helped
    assert "--target-help" in helped  # and the host compiler's own options after
