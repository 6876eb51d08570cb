"""Build hook: the rule packs live at the top of the repository (rules/), where rule authors
work on them, and ship inside the wheel as checker/rules/ so that a plain `pip install .`
(not only an editable install) can check contracts. Everything else is in pyproject.toml."""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RULES = Path(__file__).resolve().parent / "rules"


class BuildPyWithRules(build_py):
    """build_py that also copies rules/ (packs, tests beside the rules, LPR table) into the package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install reads the repository's rules/ directly
        target = Path(self.build_lib) / "checker" / "rules"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(RULES, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithRules})
