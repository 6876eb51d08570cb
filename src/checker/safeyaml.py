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
    """SafeLoader that counts nesting while composing and expanded values before constructing."""

    def __init__(self, stream: Any):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise UnsafeInput(f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_document(self) -> Any:
        node = super().compose_document()
        expanded_size(node)
        return node


def expanded_size(node: Any) -> int:
    """How many values ``node`` stands for with every alias expanded; UnsafeInput past MAX_VALUES."""
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(n: Any) -> int:
        key = id(n)
        if key in sizes:
            return sizes[key]
        if key in busy:
            raise UnsafeInput("an alias refers to the value that contains it (recursive YAML)")
        busy.add(key)
        total = 1
        if isinstance(n, yaml.SequenceNode):
            total += sum(size(child) for child in n.value)
        elif isinstance(n, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in n.value)
        if total > MAX_VALUES:
            raise UnsafeInput(f"expands to more than {MAX_VALUES:,} values (YAML aliases)")
        busy.discard(key)
        sizes[key] = total
        return total

    return size(node) if node is not None else 0


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
