"""Report formats behind one registry.

Every format is a module with ``render(run, *, color=False) -> str`` and an ``EXTENSION``
(the usual file suffix). Renderers are pure: they read the :class:`~checker.model.RunResult`
and nothing else, so the CLI can write several formats from one run.
"""
from __future__ import annotations

import importlib
import inspect

from checker.errors import UsageError
from checker.model import RunResult
from checker.reports.safe import inert_run, markdown_inert, no_surrogates, terminal_safe

# format -> its module, imported when a report in that format is written (a run writing JSON
# does not load rich, lxml and the HTML templates)
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "markdown": "markdown",
    "html": "html",
    "sarif": "sarif",
    "junit": "junit",
}


def render(fmt: str, run: RunResult, *, color: bool = False, lang: str = "zh", **options: object) -> str:
    """The report of ``run`` in format ``fmt``; ``color`` only affects the text format, ``lang``
    (zh | en) the language of titles, messages, labels and headings. Further ``options`` (the
    text format's ``quiet`` and ``totals``) go to the formats that take them.

    Raises :class:`~checker.errors.UsageError` for a format that does not exist.
    """
    name = fmt.strip().lower() if isinstance(fmt, str) else None
    if name not in FORMATS:
        choices = ", ".join(FORMATS)
        raise UsageError(f"unknown report format {fmt!r}; choose one of: {choices}")
    module = importlib.import_module(f"checker.reports.{FORMATS[name]}")
    accepted = inspect.signature(module.render).parameters
    extra = {k: v for k, v in {"lang": lang, **options}.items() if k in accepted}
    return module.render(inert_run(run, _CLEANERS.get(name, no_surrogates)), color=color, **extra)


# Text from contracts, file names and stored results made inert for each format on its way out
# (reports/safe.py): every format loses lone surrogates, the terminal text loses controls and
# escapes, Markdown posted to GitHub loses @mentions and autolinks.
_CLEANERS = {
    "text": terminal_safe,
    "markdown": lambda s: markdown_inert(terminal_safe(s)),
}
