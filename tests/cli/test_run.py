"""`pyvirtine run` end to end, through the real command in a subprocess."""
import os
import pathlib
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")  # shared: libc is compiled once per session


@pytest.fixture
def run(cache, tmp_path):
    def run(source, *args, options=(), stdin=b"", name="prog.c"):
        (tmp_path / name).write_text(source)
        env = dict(os.environ, PYVIRTINE_CACHE=str(cache), PYTHONPATH=str(REPO))
        return subprocess.run([sys.executable, "-m", "pyvirtine.cli", "run", *options, name,
                               *args], cwd=tmp_path, input=stdin, capture_output=True,
                              env=env, timeout=120)
    return run


def text(stream):
    return stream.decode(errors="replace")


def test_hello_with_arguments_and_status(kvm, run):
    proc = run(r"""
#include <stdio.h>
int main(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        printf("[%s]", argv[i]);
    printf("\n");
    return argc;
}
""", "one", "two words", "--flag")
    assert text(proc.stdout) == "[prog.c][one][two words][--flag]\n"
    assert proc.returncode == 4, text(proc.stderr)


def test_exit_status_stderr_and_stdin(kvm, run):
    proc = run(r"""
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
static void finish(int n) { fprintf(stderr, "bye %d\n", n); exit(n); }
int main(void)
{
    int c, n = 0;
    while ((c = getchar()) != EOF) {
        putchar(toupper(c));
        n++;
    }
    finish(n);
    return 0;
}
""", stdin=b"shout this\n")
    assert text(proc.stdout) == "SHOUT THIS\n"
    assert text(proc.stderr) == "bye 11\n"
    assert proc.returncode == 11


def test_options_reach_the_compiler(kvm, run, tmp_path):
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "answer.h").write_text("#define ANSWER (BASE + 2)\n")
    proc = run('#include "answer.h"\nint main(void) { return ANSWER; }\n',
               options=["-I", "inc", "-D", "BASE=40", "-O0"])
    assert proc.returncode == 42, text(proc.stderr)


def test_compile_error_prints_diagnostics(run):
    proc = run("int main(void)\n{\n    return undeclared_thing;\n}\n")
    assert proc.returncode == 1
    err = text(proc.stderr)
    assert "prog.c:3:" in err and "error:" in err and "undeclared_thing" in err
    assert "Traceback" not in err and proc.stdout == b""


def test_link_error_names_the_symbol(run):
    proc = run("int frobnicate(int);\nint main(void) { return frobnicate(1); }\n")
    assert proc.returncode == 1
    assert "undefined symbol frobnicate" in text(proc.stderr)
    assert "Traceback" not in text(proc.stderr)


def test_crash_reports_the_c_location(kvm, run):
    proc = run("""\
#include <stdio.h>

static int poke(int *p)
{
    return *p + 1;
}

int main(void)
{
    printf("before\\n");
    return poke((int *)0);
}
""", options=["-O0"], name="crash.c")
    assert proc.returncode == 134
    err = text(proc.stderr)
    assert "crash.c:5 in poke" in err, err
    assert "Traceback" not in err


def test_timeout_keeps_output_written_so_far(kvm, run):
    proc = run(r"""
#include <stdio.h>
int main(void)
{
    volatile int x = 0;
    printf("partial\n");
    fflush(stdout);  /* passed straight through: not lost with the call */
    for (;;)
        x++;
}
""", options=["--timeout", "0.5"])
    assert proc.returncode == 124
    assert "timed out" in text(proc.stderr)
    assert proc.stdout == b"partial\n"


def test_denied_hypercall_stops_the_program(kvm, run):
    proc = run('#include <stdio.h>\nint main(void) { puts("hi"); return 0; }\n',
               options=["--allow", "none"])
    assert proc.returncode == 159
    assert "write" in text(proc.stderr) and proc.stdout == b""


TELLS_TIME = r"""
#include <stdio.h>
#include <time.h>
int main(void) {
    clock_t c = clock();
    time_t t = time(NULL);
    printf("%d %d\n", c >= 0, t > 1600000000);
    return 0;
}
"""


def test_programs_may_tell_the_time_by_default(kvm, run):
    proc = run(TELLS_TIME)
    assert (proc.returncode, proc.stdout) == (0, b"1 1\n"), text(proc.stderr)


def test_a_denied_hypercall_names_the_list_that_allows_it_and_every_choice(kvm, run):
    from pyvirtine.cli import ALLOWABLE
    proc = run(TELLS_TIME, options=["--allow", "write"])
    assert proc.returncode == 159
    err = text(proc.stderr)
    assert "hypercall times (8) is not allowed" in err
    assert "allow it with: --allow write,times\n" in err
    assert f"--allow takes: {', '.join(ALLOWABLE)} (comma separated, or none)" in err
    assert set(ALLOWABLE) >= {"write", "read", "times", "gettimeofday", "open", "sbrk"}


def test_memory_option(kvm, run):
    source = r"""
#include <stdlib.h>
int main(void) { return malloc(3 << 20) ? 0 : 7; }
"""
    # -O0: LLVM may assume a malloc whose result is only tested succeeds
    assert run(source, options=["-O0"]).returncode == 7
    assert run(source, options=["-O0", "--memory", "8M"]).returncode == 0


def test_bad_command_line_is_a_usage_error(run):
    proc = run("int main(void) { return 0; }\n", options=["--memory", "lots"])
    assert proc.returncode == 2 and "is not a size" in text(proc.stderr)
    proc = run("int main(void) { return 0; }\n", options=["--allow", "fork"])
    assert proc.returncode == 2 and "unknown hypercall 'fork'" in text(proc.stderr)


def test_files_granted_by_file_and_rw_file(kvm, run, tmp_path):
    (tmp_path / "in.txt").write_text("41")
    (tmp_path / "out").mkdir()
    source = r"""
#include <stdio.h>
#include <errno.h>
int main(void)
{
    int n = 0;
    FILE *in = fopen("in.txt", "r"), *out;
    if (!in || fscanf(in, "%d", &n) != 1)
        return 10;
    fclose(in);
    if (fopen("in.txt", "w") || errno != EACCES)  /* --file is read-only */
        return 11;
    if (!(out = fopen("out/answer.txt", "w")))
        return 12;
    fprintf(out, "%d\n", n + 1);
    return fclose(out);
}
"""
    proc = run(source, options=["--file", "in.txt", "--rw-file", "out"])
    assert proc.returncode == 0, text(proc.stderr)
    assert (tmp_path / "out" / "answer.txt").read_text() == "42\n"
    denied = run(source)  # nothing granted: fopen fails, the program goes on
    assert denied.returncode == 10, text(denied.stderr)
