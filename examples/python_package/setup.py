# virtine_modules is pyvirtine's setup keyword: each C file is compiled at build time
# into a .virtines bundle shipped in the wheel (kvparse/parser.virtines).
from setuptools import setup

setup(
    name="kvparse",
    version="1.0",
    description="A key=value parser for untrusted input, run in virtines",
    packages=["kvparse"],
    package_data={"kvparse": ["*.c"]},
    install_requires=["pyvirtine"],
    virtine_modules=["kvparse/parser.c"],
)
