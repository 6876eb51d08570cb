"""The ``checker`` command: options -> settings -> one library call -> exit code."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer

from . import __version__
from .errors import EXIT_ERROR, CheckerError, UsageError

if TYPE_CHECKING:
    from .model import RunResult
    from .settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Compliance checker for Chinese loan agreements.")
rules_app = typer.Typer(no_args_is_help=True, help="List, show, validate and test rules.")
app.add_typer(rules_app, name="rules")


def _fail(exc: CheckerError) -> None:
    typer.echo(f"checker: error: {exc.message}", err=True)
    raise typer.Exit(exc.exit_code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"checker {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Show the version and exit.")) -> None:
    """Compliance checker for Chinese loan agreements."""


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Contract files, folders (searched recursively) or globs."),
    rules: List[str] = typer.Option([], "--rules", help="An extra rule folder (repeatable)."),
    profile: Optional[str] = typer.Option(None, "--profile", help="auto | civil-code | licensed-lender"),
    formats: List[str] = typer.Option([], "--format", "-f", help="text | json | markdown | html | sarif | junit (repeatable)"),
    outputs: List[str] = typer.Option([], "--output", "-o", help="Write the matching --format here (repeatable)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="critical | high | medium | low | info | never"),
    config: Optional[str] = typer.Option(None, "--config", help="Config file (default: ./checker.yaml if present)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: CPU cores)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the result cache."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Report only findings not in this earlier JSON report."),
    executor: Optional[str] = typer.Option(None, "--executor", help="inprocess | process (default) | dask"),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://HOST:8786); default: a local cluster."),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="Seconds one document may take (default 300)."),
    store: Optional[str] = typer.Option(None, "--store", help="Stream every result into this SQLite results store."),
    resume: bool = typer.Option(False, "--resume", help="With --store: skip files already recorded with the same bytes and rules."),
) -> None:
    """Check contracts against the rules; exit 0 clean, 1 findings at/above --fail-on, 2 errors.

    PATHS may also be fsspec URLs (s3://bucket/prefix/, file://...); credentials come from the
    environment (AWS_* variables, ~/.aws), never from the command line."""
    from .api import check as run_check
    from .findings.gate import exit_code
    from .settings import load_settings

    try:
        targets = _targets(formats, outputs)
        if resume and not store:
            raise UsageError("--resume needs --store FILE (the store says which files are done)")
        overrides = {"profile": profile, "fail_on": fail_on, "rule_dirs": tuple(rules) or None, "jobs": jobs,
                     "use_cache": False if no_cache else None, "quiet": quiet or None, "baseline": baseline,
                     "executor": executor, "scheduler": scheduler, "doc_timeout": timeout}
        settings = load_settings(config, {k: v for k, v in overrides.items() if v is not None})
        if store and not formats:  # a store may hold millions: a summary, not every document
            code = _store_run(list(paths), settings, store, resume)
        else:
            run = run_check(list(paths), settings, progress=not settings.quiet, store=store, resume=resume)
            _write_reports(run, targets)
            code = exit_code(run, settings.fail_on)
    except CheckerError as exc:
        _fail(exc)
    raise typer.Exit(code)


def _store_run(paths: list[str], settings: "Settings", store: str, resume: bool) -> int:
    """Check into the store, then print counts read back from it (memory flat on any batch)."""
    from .api import record_into_store, summarise_store

    run = record_into_store(paths, settings, store, resume=resume, progress=not settings.quiet)
    counts = summarise_store(store, settings)
    by_severity = ", ".join(f"{counts[s]} {s}" for s in ("critical", "high", "medium", "low", "info") if counts[s])
    typer.echo(f"{store}: {counts['documents']} documents ({counts['checked']} checked, {counts['errors']} errors); "
               f"findings: {by_severity or 'none'}")
    typer.echo(f"this run: {run['recorded']} checked and recorded, {run['skipped']} already done (skipped)")
    if run["interrupted"]:
        typer.echo("interrupted: run again with --resume to finish", err=True)
        return EXIT_ERROR
    typer.echo(f"reports: checker report --store {store} --format html --output report.html")
    return counts["exit_code"]


@app.command()
def report(
    store: str = typer.Option(..., "--store", help="A results store written by `checker check --store`."),
    formats: List[str] = typer.Option([], "--format", "-f", help="text | json | markdown | html | sarif | junit (repeatable)"),
    outputs: List[str] = typer.Option([], "--output", "-o", help="Write the matching --format here (repeatable)."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="critical | high | medium | low | info | never"),
    config: Optional[str] = typer.Option(None, "--config", help="Config file (waivers, rules; default ./checker.yaml)."),
    rules: List[str] = typer.Option([], "--rules", help="An extra rule folder the run used (repeatable)."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Report only findings not in this earlier JSON report."),
) -> None:
    """Write reports from a results store without checking anything again; exit codes as `check`."""
    from .api import report_from_store
    from .findings.gate import exit_code
    from .settings import load_settings

    try:
        targets = _targets(formats, outputs)
        overrides = {"fail_on": fail_on, "rule_dirs": tuple(rules) or None, "baseline": baseline}
        settings = load_settings(config, {k: v for k, v in overrides.items() if v is not None})
        run = report_from_store(store, settings)
        _write_reports(run, targets)
        code = exit_code(run, settings.fail_on)
    except CheckerError as exc:
        _fail(exc)
    raise typer.Exit(code)


def _write_reports(run: "RunResult", targets: list[tuple[str, str | None]]) -> None:
    from .reports import render

    for fmt, out in targets:
        color = out is None and fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = render(fmt, run, color=color)
        if out is None:
            typer.echo(text)
        else:
            try:
                Path(out).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"{out}: cannot write report: {exc.strerror or exc}") from None


def _targets(formats: list[str], outputs: list[str]) -> list[tuple[str, str | None]]:
    """Pair each --format with the --output in the same position; unpaired formats go to stdout."""
    from .reports import FORMATS

    formats = formats or ["text"]
    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if len(outputs) > len(formats):
        raise UsageError("more --output than --format options")
    pairs = [(fmt, outputs[i] if i < len(outputs) else None) for i, fmt in enumerate(formats)]
    if sum(1 for _, out in pairs if out is None) > 1:
        raise UsageError("only one --format can go to standard output: give the others an --output")
    return pairs


@app.command()
def parse(
    file: str = typer.Argument(..., help="A contract file."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
) -> None:
    """Show the clause tree, metadata and facts the checker read from one file."""
    from .api import parse as parse_file
    from .clauses.render import render_tree
    from .parse_view import parse_json, parse_text

    try:
        if fmt not in ("text", "json"):
            raise UsageError(f"unknown format {fmt!r}: use text or json")
        contract, factset = parse_file(file)
    except CheckerError as exc:
        _fail(exc)
    if fmt == "json":
        typer.echo(json.dumps(parse_json(contract, factset), ensure_ascii=False, indent=2))
    else:
        typer.echo(parse_text(contract, factset, render_tree(contract)))


@rules_app.command("list")
def rules_list(rules: List[str] = typer.Option([], "--rules", help="An extra rule folder.")) -> None:
    """Every rule: id, severity, title."""
    from .rulepack import load_pack

    try:
        pack = load_pack(rules)
    except CheckerError as exc:
        _fail(exc)
    width = max(len(r.id) for r in pack.rules) if pack.rules else 10
    for r in pack.rules:
        typer.echo(f"{r.id:<{width}}  {r.severity.value:<8}  {r.title_zh} / {r.title_en}")


@rules_app.command("show")
def rules_show(rule_id: str = typer.Argument(...), rules: List[str] = typer.Option([], "--rules")) -> None:
    """Everything about one rule, readable."""
    from .rulepack import load_pack
    from .rulepack.show import describe

    try:
        pack = load_pack(rules)
        rule = pack.rule(rule_id)
        if rule is None:
            raise UsageError(f"no rule {rule_id!r} (see `checker rules list`)")
    except CheckerError as exc:
        _fail(exc)
    typer.echo(describe(rule))


@rules_app.command("validate")
def rules_validate(folder: Optional[str] = typer.Argument(None, help="A rule folder (default: the built-in pack).")) -> None:
    """Load and validate rule files; exit 2 with file:line: rule: field: problem on the first error."""
    from .rulepack import load_pack
    from .rulepack.testing import load_cases

    try:
        pack = load_pack([folder] if folder else [])
        cases = load_cases(folder) if folder else []
    except CheckerError as exc:
        _fail(exc)
    where = folder or "built-in pack"
    typer.echo(f"{where}: {len(pack.rules)} rules valid" + (f", {len(cases)} test cases" if folder else ""))


@rules_app.command("test")
def rules_test(folder: Optional[str] = typer.Argument(None, help="A rule folder (default: the built-in pack)."),
               verbose: bool = typer.Option(False, "--verbose", "-v")) -> None:
    """Run the must-fire / must-not-fire cases beside the rules."""
    from .rulepack import builtin_pack_dir, load_pack
    from .rulepack.testing import run_folder

    try:
        target = Path(folder) if folder else builtin_pack_dir()
        extra = [] if folder is None or target.resolve() == builtin_pack_dir().resolve() else [folder]
        pack = load_pack(extra)
        results = run_folder(target, pack)
    except CheckerError as exc:
        _fail(exc)
    failed = [r for r in results if r.status == "FAIL"]
    for r in results:
        if verbose or r.status != "pass":
            typer.echo(f"{r.status:<9} {r.case.label}: {r.detail}")
    passed = sum(1 for r in results if r.status in ("pass", "todo-pass"))
    todo = sum(1 for r in results if r.status == "todo")
    typer.echo(f"{passed} passed, {len(failed)} failed" + (f", {todo} todo" if todo else ""))
    raise typer.Exit(1 if failed else 0)


def run() -> None:  # pragma: no cover - console entry for `python -m checker`
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("checker: interrupted", err=True)
        sys.exit(EXIT_ERROR)
