"""Files in virtines: the guest opens only what the caller granted (docs/ABI.md, "Files"),
through the libc's FILE streams and the POSIX calls, in real virtines."""
from __future__ import annotations

import os
import textwrap

import pytest

from pyvirtine import load
from pyvirtine.errors import VirtineError
from pyvirtine.program import build_program, pack_argv
from pyvirtine.runtime import Virtine

# Tries each path of argv: "r PATH" opens and prints it, "w PATH TEXT" writes it,
# "rm PATH" removes it, "mv FROM TO" renames; prints "PATH: errno N" on failure.
TOOL = r"""
#include <errno.h>
#include <stdio.h>
#include <string.h>

static void report(const char *what, const char *path)
{
    printf("%s %s: errno %d\n", what, path, errno);
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        char op = argv[i][0], *path = argv[i] + 2;
        if (op == 'r') {
            char buf[256];
            FILE *f = fopen(path, "r");
            if (!f) { report("r", path); continue; }
            size_t n = fread(buf, 1, sizeof buf, f);
            printf("r %s: %.*s|\n", path, (int)n, buf);
            fclose(f);
        } else if (op == 'w') {
            char *text = strchr(path, ' ');
            *text++ = 0;
            FILE *f = fopen(path, "w");
            if (!f) { report("w", path); continue; }
            fputs(text, f);
            printf("w %s: %d\n", path, fclose(f));
        } else if (op == 'd') {
            printf("rm %s: %d\n", path, remove(path) == 0 ? 0 : errno);
        } else if (op == 'm') {
            char *to = strchr(path, ' ');
            *to++ = 0;
            printf("mv %s: %d\n", path, rename(path, to) == 0 ? 0 : errno);
        }
    }
    return 0;
}
"""

EACCES, ENOENT, EISDIR = 13, 2, 21


@pytest.fixture(scope="module")
def tool(tmp_path_factory):
    path = tmp_path_factory.mktemp("tool") / "tool.c"
    path.write_text(TOOL)
    return build_program(str(path), TOOL)


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """data.txt, secret.txt beside box/, and in box/ a file, a symlink out and a FIFO."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.txt").write_text("hello file")
    (tmp_path / "secret.txt").write_text("secret")
    box = tmp_path / "box"
    box.mkdir()
    (box / "inside.txt").write_text("inside")
    (box / "out_abs").symlink_to(tmp_path / "secret.txt")
    (box / "out_rel").symlink_to("../secret.txt")
    (box / "in_rel").symlink_to("inside.txt")
    os.mkfifo(box / "fifo")
    return tmp_path


def run(image, files, *ops):
    with Virtine(image, files=files) as v:
        result = v.call(pack_argv(["tool", *ops]))
    assert result.status == 0, result.stderr
    return result.stdout.decode()


def test_nothing_granted_every_open_fails_with_eacces(kvm, tool, tree):
    assert run(tool, None, "r data.txt", "w new.txt x", "d data.txt") == (
        f"r data.txt: errno {EACCES}\nw new.txt: errno {EACCES}\nrm data.txt: {EACCES}\n")
    assert (tree / "data.txt").read_text() == "hello file"
    assert not (tree / "new.txt").exists()


def test_a_granted_file_reads_and_nothing_beside_it(kvm, tool, tree):
    out = run(tool, {"data.txt": "r"}, "r data.txt", "r ./data.txt", "r secret.txt",
              "r /etc/passwd", "w data.txt x", "d data.txt")
    assert out == ("r data.txt: hello file|\nr ./data.txt: hello file|\n"
                   f"r secret.txt: errno {EACCES}\nr /etc/passwd: errno {EACCES}\n"
                   f"w data.txt: errno {EACCES}\nrm data.txt: {EACCES}\n")
    assert (tree / "data.txt").read_text() == "hello file"


def test_a_directory_grant_cannot_be_left_by_dots_or_symlinks(kvm, tool, tree):
    out = run(tool, {"box": "r"}, "r box/inside.txt", "r box/in_rel", "r box/../secret.txt",
              "r box/out_abs", "r box/out_rel", "r box/fifo", "r box", "r box/missing")
    assert out == ("r box/inside.txt: inside|\nr box/in_rel: inside|\n"
                   f"r box/../secret.txt: errno {EACCES}\nr box/out_abs: errno {EACCES}\n"
                   f"r box/out_rel: errno {EACCES}\nr box/fifo: errno {EACCES}\n"
                   f"r box: errno {EISDIR}\nr box/missing: errno {ENOENT}\n")


def test_a_writable_directory_creates_renames_and_removes(kvm, tool, tree):
    out = run(tool, {"box": "rw"}, "w box/new.txt made here", "r box/new.txt",
              "m box/new.txt box/moved.txt", "d box/inside.txt", "w box/../escape.txt x",
              "m box/moved.txt secret.txt", "d box/out_abs")
    assert out == ("w box/new.txt: 0\nr box/new.txt: made here|\nmv box/new.txt: 0\n"
                   f"rm box/inside.txt: 0\nw box/../escape.txt: errno {EACCES}\n"
                   f"mv box/moved.txt: {EACCES}\nrm box/out_abs: 0\n")
    assert (tree / "box" / "moved.txt").read_text() == "made here"
    assert not (tree / "box" / "inside.txt").exists() and not (tree / "escape.txt").exists()
    # removing the symlink removed the link, not what it points to
    assert (tree / "secret.txt").read_text() == "secret"


def test_a_file_grant_may_name_a_file_to_create_under_another_name(kvm, tool, tree):
    out = run(tool, {"result.txt": (str(tree / "box" / "made.txt"), "rw")},
              "w result.txt 42", "r result.txt", "r box/made.txt")
    assert out == f"w result.txt: 0\nr result.txt: 42|\nr box/made.txt: errno {EACCES}\n"
    assert (tree / "box" / "made.txt").read_text() == "42"


def test_files_are_closed_when_each_call_ends(kvm, tree):
    # Each call leaves 16 files open (all a call may have); the next call can open 16 again.
    module = load(source=textwrap.dedent(r"""
        #include <stdio.h>
        #include <virtine.h>
        virtine int leak(void) {
            int opened = 0;
            while (opened < 20 && fopen("data.txt", "r"))
                opened++;
            return opened;
        }"""), files={"data.txt": "r"})
    with module:
        assert [module.leak() for _ in range(3)] == [16, 16, 16]


def test_a_file_kept_open_from_initialisation_is_not_a_calls_file(kvm, tree):
    module = load(source=textwrap.dedent(r"""
        #include <stdio.h>
        #include <virtine.h>
        static FILE *early;
        virtine_init void open_early(void) { early = fopen("data.txt", "r"); }
        virtine int use(void) {
            FILE *now = fopen("data.txt", "r");
            char c = 0;
            return (early != NULL) * 100 + (fread(&c, 1, 1, early) == 0) * 10 + (now != NULL);
        }"""), files={"data.txt": "r"})
    with module:
        assert module.use() == 111  # opened in init, gone in the call; the call's own opens


def test_a_bad_grant_fails_the_pool_with_the_reason(kvm, tool, tree):
    with pytest.raises(VirtineError, match="file grant .*missing/x.txt: No such file"):
        Virtine(tool, files={"x.txt": ("missing/x.txt", "r")})
    with pytest.raises(ValueError, match="access must be 'r' or 'rw'"):
        Virtine(tool, files={"data.txt": "w"})
