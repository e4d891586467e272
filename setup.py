# setuptools reads everything from setup.cfg; cffi_modules has no setup.cfg spelling.
from setuptools import setup

setup(cffi_modules=["pyvirtine/hypervisor/build_launcher.py:ffibuilder"])
