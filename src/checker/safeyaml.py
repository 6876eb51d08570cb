"""YAML for files a user or a rule author writes (rule files, pack.yaml, checker.yaml, tests).

``yaml.safe_load`` builds no Python objects from tags, but it trusts the shape: a few hundred
bytes of anchors and aliases (a "billion laughs") expand to billions of values as soon as the
result is walked, and deep nesting overflows the recursive composer. This loader refuses
both before anything walks the data, and files larger than any real rule or config file.
"""
from __future__ import annotations

import os
from typing import Any

import yaml

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 100  # nesting of lists and mappings; real rule files use about 10
MAX_VALUES = 200_000  # values after every alias is expanded


class UnsafeInput(ValueError):
    """The file is too big, too deep, or expands too far to be read safely (one-line reason)."""


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that counts nesting and values while composing: every new node counts one, an
    alias counts every value of what it refers to, so an alias bomb stops at the limit instead
    of after the whole file is read."""

    def __init__(self, stream: Any):
        super().__init__(stream)
        self._depth = 0
        self._values = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise UnsafeInput(f"nested more than {MAX_DEPTH} levels deep")
            alias = self.check_event(yaml.AliasEvent)
            if alias:
                target = self.anchors.get(self.peek_event().anchor)
                if target is not None:
                    if id(target) not in self._sizes:
                        raise UnsafeInput("an alias refers to the value that contains it (recursive YAML)")
                    self._count(self._sizes[id(target)])
            else:
                self._count(1)
            node = super().compose_node(parent, index)
            if not alias:
                self._sizes[id(node)] = _size(node, self._sizes)
            return node
        finally:
            self._depth -= 1

    def _count(self, values: int) -> None:
        self._values += values
        if self._values > MAX_VALUES:
            raise UnsafeInput(f"expands to more than {MAX_VALUES:,} values (YAML aliases?)")


def _size(node: Any, sizes: dict[int, int]) -> int:
    """Values ``node`` stands for with aliases expanded, from its children's known sizes."""
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    else:
        return 1
    total = 1 + sum(sizes.get(id(child), 1) for child in children)
    if total > MAX_VALUES:
        raise UnsafeInput(f"expands to more than {MAX_VALUES:,} values (YAML aliases?)")
    return total


def load_yaml_text(text: str) -> Any:
    """Parse YAML text with the bounds above. Raises UnsafeInput or yaml.YAMLError."""
    if len(text) > MAX_BYTES:
        raise UnsafeInput(f"larger than {MAX_BYTES // (1024 * 1024)} MiB")
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    except RecursionError:
        raise UnsafeInput("nested too deeply to read") from None
    finally:
        loader.dispose()


def load_yaml(path: str | os.PathLike) -> Any:
    """Read and parse a YAML file with the bounds above (UTF-8). Raises UnsafeInput,
    yaml.YAMLError, OSError or UnicodeDecodeError."""
    if os.path.getsize(path) > MAX_BYTES:
        raise UnsafeInput(f"larger than {MAX_BYTES // (1024 * 1024)} MiB")
    with open(path, encoding="utf-8") as fh:
        return load_yaml_text(fh.read())


_PACKAGED_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_packaged_yaml(path: str | os.PathLike) -> Any:
    """Read a YAML file that ships inside checker (the built-in rule pack): trusted like the
    code beside it, so parsed by libyaml when PyYAML has it, about ten times faster than the
    bounded loader, which every run would otherwise pay for on start-up. Same data: both
    construct with PyYAML's safe constructor."""
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh.read(), Loader=_PACKAGED_LOADER)  # noqa: S506 - a safe loader
