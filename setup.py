# setuptools reads everything else from setup.cfg; cffi_modules and ext_modules have no
# setup.cfg spelling.
import runpy

from setuptools import setup

BUILD = "pyvirtine/hypervisor/build_launcher.py"
setup(cffi_modules=[BUILD + ":ffibuilder"], ext_modules=[runpy.run_path(BUILD)["PYCALL"]])
