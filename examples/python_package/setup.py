# Everything is in setup.cfg, including pyvirtine's virtine_modules keyword.
from setuptools import setup

setup()
