"""The treaty law must stay free of Django so it can be read and reused on its own."""

import subprocess
import sys

PROBE = """
import importlib, pkgutil, sys
import lanzarote.treaty_law as package
for module in pkgutil.iter_modules(package.__path__):
    importlib.import_module(f"lanzarote.treaty_law.{module.name}")
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
assert not loaded, loaded
print("ok")
"""


def test_importing_the_package_does_not_import_django() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_public_names_are_exported() -> None:
    import lanzarote.treaty_law as package

    for name in package.__all__:
        assert hasattr(package, name), name
