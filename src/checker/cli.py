"""The ``checker`` command: options -> settings -> one library call -> exit code."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from . import __version__
from .errors import EXIT_ERROR, CheckerError, UsageError

if TYPE_CHECKING:
    from .model import RunResult
    from .settings import Settings

def _no_python_types() -> None:
    """typer 0.29 prints Python types in --help (``<bool>``, ``<list[str]>``); show the option's
    own metavar (FILE, LEVEL ...) instead, and nothing for flags."""
    import typer.core as core

    def option_type(self: object, ctx: object) -> str | None:
        return getattr(self, "metavar", None) or None

    def argument_type(self: object, ctx: object) -> str | None:
        return None  # the argument's name column already shows its metavar

    if hasattr(core.TyperOption, "display_type_rich"):
        core.TyperOption.display_type_rich = option_type  # type: ignore[method-assign]
    if hasattr(core.TyperArgument, "display_type_rich"):
        core.TyperArgument.display_type_rich = argument_type  # type: ignore[method-assign]


_no_python_types()

app = typer.Typer(no_args_is_help=True, pretty_exceptions_enable=False, help="Compliance checker for Chinese loan agreements.",
                  epilog="Shell completion: checker --install-completion (bash, zsh, fish, PowerShell).")
rules_app = typer.Typer(no_args_is_help=True, help="List, show, validate and test rules.")
app.add_typer(rules_app, name="rules")


def _fail(exc: CheckerError) -> None:
    from .reports.safe import terminal_safe

    typer.echo(f"checker: error: {terminal_safe(exc.message)}", err=True)
    raise typer.Exit(exc.exit_code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"checker {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Show the version and exit.")) -> None:
    """Compliance checker for Chinese loan agreements."""



# Options several commands share, one definition each (help text may differ per command).
def _format_option() -> Any:
    return typer.Option([], "--format", "-f", metavar="FMT", show_default=False, help=_FORMATS_HELP)


def _fail_on_option() -> Any:
    return typer.Option(None, "--fail-on", metavar="LEVEL", show_default=False,
                        help="critical | high | medium | low | info | never. Default: high.")


def _lang_option() -> Any:
    return typer.Option(None, "--lang", metavar="LANG", show_default=False, help="Report language: zh | en. Default: zh.")


def _rules_option(help: str = "An extra rule folder beside the built-in pack (repeatable).") -> Any:
    return typer.Option([], "--rules", metavar="DIR", show_default=False, help=help)


def _config_option(help: str = "Config file (waivers, rules). Default: ./checker.yaml when present.") -> Any:
    return typer.Option(None, "--config", metavar="FILE", show_default=False, help=help)


def _baseline_option(help: str = "Report only findings not in this earlier JSON report.") -> Any:
    return typer.Option(None, "--baseline", metavar="REPORT", show_default=False, help=help)


CHECK_EXAMPLES = """Examples:

  checker check contracts/                      # terminal report, in Chinese

  checker check contracts/ -o report.html       # the format comes from the extension

  checker check contracts/ --lang en -o report.sarif --format text   # SARIF file, text on the terminal

  checker check contracts/ -f json -o out.html     # an explicit --format wins: JSON

  checker check 'contracts/**/*.pdf' --exclude 'drafts/**' --fail-on critical

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 could not do its job."""

_FORMATS_HELP = ("text | json | markdown | html | sarif | junit (repeatable). "
                 "Default: text, or what each --output's extension says. Review copies of the contracts "
                 "with the findings inside: review | docx-review | pdf-review | html-review, "
                 "with --output FOLDER.")


@app.command(epilog=CHECK_EXAMPLES)
def check(
    paths: List[str] = typer.Argument(..., metavar="PATH", show_default=False,
                                      help="Contract files, folders (searched recursively), globs or fsspec URLs."),
    formats: List[str] = _format_option(),
    outputs: List[str] = typer.Option([], "--output", "-o", metavar="FILE", show_default=False,
                                      help="Write a report here (repeatable): in the --format given for it (in order; "
                                           "--format text stays on the terminal), else in the format its "
                                           "extension says (.json .html .md .sarif .xml .txt)."),
    fail_on: Optional[str] = _fail_on_option(),
    lang: Optional[str] = _lang_option(),
    profile: Optional[str] = typer.Option(None, "--profile", metavar="PROFILE", show_default=False,
                                          help="auto | civil-code | licensed-lender. Default: auto (per document)."),
    exclude: List[str] = typer.Option([], "--exclude", metavar="GLOB", show_default=False,
                                      help="Never check paths matching this glob (repeatable; adds to exclude: "
                                           "in checker.yaml)."),
    rules: List[str] = _rules_option(),
    config: Optional[str] = _config_option("Config file. Default: ./checker.yaml when present."),
    baseline: Optional[str] = _baseline_option(),
    quiet: bool = typer.Option(False, "--quiet", "-q", metavar="", show_default=False,
                               help="Findings only: no clean documents, no progress bar, no summary line."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="N", show_default=False,
                                       help="Worker processes. Default: one per CPU core."),
    no_cache: bool = typer.Option(False, "--no-cache", metavar="", show_default=False,
                                  help="Do not read or write the result cache."),
    executor: Optional[str] = typer.Option(None, "--executor", metavar="NAME", show_default=False,
                                           help="inprocess | process | dask. Default: process."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", show_default=False,
                                            help="Dask scheduler (tcp://HOST:8786). Default: a local cluster."),
    timeout: Optional[float] = typer.Option(None, "--timeout", metavar="SECONDS", show_default=False,
                                            help="Time limit for one document. Default: 300."),
    store: Optional[str] = typer.Option(None, "--store", metavar="FILE", show_default=False,
                                        help="Stream every result into this SQLite results store."),
    resume: bool = typer.Option(False, "--resume", metavar="", show_default=False,
                                help="With --store: skip files already recorded with the same bytes and rules."),
) -> None:
    """Check contracts against the rules; exit 0 clean, 1 findings at or above --fail-on, 2 errors.

    Credentials for URLs (s3://bucket/prefix/) come from the environment (AWS_* variables,
    ~/.aws), never from the command line."""
    from .api import check as run_check
    from .findings.gate import exit_code
    from .settings import load_settings

    try:
        targets = _targets(formats, outputs)
        if resume and not store:
            raise UsageError("--resume needs --store FILE (the store says which files are done)")
        overrides = {"profile": profile, "fail_on": fail_on, "rule_dirs": tuple(rules) or None, "jobs": jobs,
                     "use_cache": False if no_cache else None, "quiet": quiet or None, "baseline": baseline,
                     "executor": executor, "scheduler": scheduler, "doc_timeout": timeout,
                     "exclude": tuple(exclude) or None, "lang": lang}
        settings = load_settings(config, {k: v for k, v in overrides.items() if v is not None})
        if store and not formats and not outputs:  # a store may hold millions: a summary, not every document
            code = _store_run(list(paths), settings, store, resume)
        else:
            run = run_check(list(paths), settings, progress=not settings.quiet, store=store, resume=resume)
            code = _write_reports(run, targets, settings, exit_code(run, settings.fail_on))
    except CheckerError as exc:
        _fail(exc)
    raise typer.Exit(code)


def _store_run(paths: list[str], settings: "Settings", store: str, resume: bool) -> int:
    """Check into the store, then print counts read back from it (memory flat on any batch)."""
    from .api import record_into_store, summarise_store
    from .reports.summary import store_lines

    run = record_into_store(paths, settings, store, resume=resume, progress=not settings.quiet)
    counts = summarise_store(store, settings)
    *lines, last = store_lines(store, counts, run, lang=settings.lang)
    for line in lines:
        typer.echo(line)
    typer.echo(last, err=bool(run["interrupted"]))
    return EXIT_ERROR if run["interrupted"] else counts["exit_code"]


@app.command()
def report(
    store: str = typer.Option(..., "--store", metavar="FILE", show_default=False,
                              help="A results store written by `checker check --store`."),
    formats: List[str] = _format_option(),
    outputs: List[str] = typer.Option([], "--output", "-o", metavar="FILE", show_default=False,
                                      help="Write a report here (repeatable); format as for `check`."),
    fail_on: Optional[str] = _fail_on_option(),
    lang: Optional[str] = _lang_option(),
    config: Optional[str] = _config_option(),
    rules: List[str] = _rules_option("An extra rule folder the run used (repeatable)."),
    baseline: Optional[str] = _baseline_option(),
) -> None:
    """Write reports from a results store without checking anything again; exit codes as `check`."""
    from .api import report_from_store
    from .findings.gate import exit_code
    from .settings import load_settings

    try:
        targets = _targets(formats, outputs)
        overrides = {"fail_on": fail_on, "rule_dirs": tuple(rules) or None, "baseline": baseline, "lang": lang}
        settings = load_settings(config, {k: v for k, v in overrides.items() if v is not None})
        run = report_from_store(store, settings)
        code = _write_reports(run, targets, settings, exit_code(run, settings.fail_on))
    except CheckerError as exc:
        _fail(exc)
    raise typer.Exit(code)


def _write_reports(run: "RunResult", targets: list[tuple[str, str | None]], settings: "Settings", code: int) -> int:
    """Each report to its file or to standard output, then the one summary line (unless --quiet).
    Returns the exit code: ``code``, or 2 when a review copy could not be written."""
    from .reports import render
    from .reports.summary import summary_line
    from .review import REVIEW_FORMATS

    written: list[str] = []
    to_stdout = [fmt for fmt, out in targets if out is None]
    for fmt, out in targets:
        if fmt in REVIEW_FORMATS:
            if not _write_review_copies(run, fmt, str(out), settings.lang):
                code = EXIT_ERROR
            written.append(str(out))
            continue
        color = out is None and fmt == "text" and use_color(sys.stdout)
        text = render(fmt, run, color=color, lang=settings.lang, quiet=settings.quiet and out is None,
                      totals=out is not None, fail_on=settings.fail_on)
        if out is None:
            typer.echo(text, nl=not text.endswith("\n"))
        else:
            try:
                Path(out).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise UsageError(f"{out}: cannot write report: {exc.strerror or exc}") from None
            written.append(out)
    if settings.quiet:
        return code
    line = summary_line(run, settings.fail_on, code, written, lang=settings.lang)
    # a machine-readable report on stdout must stay parseable: the summary then goes to stderr
    typer.echo(line, err=bool(to_stdout) and to_stdout != ["text"])
    return code


def _write_review_copies(run: "RunResult", fmt: str, out_dir: str, lang: str = "zh") -> bool:
    """The review copies ``fmt`` asks for under ``out_dir``; False when one could not be written
    (each such document named on stderr, the others still written)."""
    from .api import review_copies
    from .reports import i18n

    if Path(out_dir).exists() and not Path(out_dir).is_dir():
        raise UsageError(f"--format {fmt} --output {out_dir}: the output must be a folder")
    copies = review_copies(run, out_dir, fmt, lang)
    for copy in copies:
        if copy.error:
            typer.echo(f"checker: error: {copy.source}: no review copy: {copy.error}", err=True)
    written = sum(1 for c in copies if c.output)
    typer.echo(i18n.review_copies_written(written, out_dir, lang), err=True)
    return all(c.output for c in copies)


def use_color(stream: object) -> bool:
    """Colour on a terminal only; NO_COLOR (any value) turns it off, FORCE_COLOR (not 0) on."""
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force is not None and force not in ("", "0", "false"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


# extension -> format, for an --output without a --format of its own
EXTENSION_FORMATS = {".json": "json", ".html": "html", ".htm": "html", ".sarif": "sarif", ".md": "markdown",
                     ".markdown": "markdown", ".xml": "junit", ".txt": "text"}


def extension_format(path: str) -> str | None:
    """The report format an output file's extension names (report.sarif.json is SARIF), or None."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    if ".sarif" in suffixes:
        return "sarif"
    return EXTENSION_FORMATS.get(suffixes[-1]) if suffixes else None


def _targets(formats: list[str], outputs: list[str]) -> list[tuple[str, str | None]]:
    """Which report goes where. An explicit --format wins over an extension, as ruff's and
    semgrep's ``-o`` write whatever format was asked: an --output whose extension names one of
    the given --formats takes that one; every other --output takes the next --format left, in
    order (``-f json -o out.html`` writes JSON), except ``text``, the terminal report, which
    never goes into a file named for another format (``-o c.sarif -f text``: SARIF in the
    file, text on the terminal); an --output with no --format left is written in the format
    its extension names. Formats left over go to standard output (at most one); no option at
    all: text to standard output."""
    from .reports import FORMATS
    from .review import REVIEW_FORMATS
    from .settings import did_you_mean

    choices = [*FORMATS, *REVIEW_FORMATS]
    for fmt in formats:
        if fmt not in choices:
            raise UsageError(f"unknown format {fmt!r}{did_you_mean(fmt, choices)}: use one of {', '.join(choices)}")
    left = list(formats)
    named: dict[int, str] = {}
    for i, out in enumerate(outputs):
        fmt = extension_format(out)
        if fmt is not None and fmt in left:
            named[i] = fmt
            left.remove(fmt)
    pairs: list[tuple[str, str | None]] = []
    for i, out in enumerate(outputs):
        by_extension = extension_format(out)
        explicit = [f for f in left if not (f == "text" and by_extension is not None)]
        if i in named:
            pairs.append((named[i], out))
        elif explicit:
            left.remove(explicit[0])
            pairs.append((explicit[0], out))
        elif by_extension is not None:
            pairs.append((by_extension, out))
        else:
            known = " ".join(EXTENSION_FORMATS)
            raise UsageError(f"{out}: cannot tell the report format from the extension (use one of {known}) "
                             "or give a --format for it")
    pairs += [(fmt, None) for fmt in left]
    for fmt, out in pairs:
        if fmt in REVIEW_FORMATS and out is None:
            raise UsageError(f"--format {fmt} writes files: give it an --output folder")
    if not pairs:
        pairs = [("text", None)]
    if sum(1 for _, out in pairs if out is None) > 1:
        raise UsageError("only one --format can go to standard output: give the others an --output")
    return pairs


@app.command()
def init(
    force: bool = typer.Option(False, "--force", metavar="", show_default=False,
                               help="Overwrite checker.yaml and the workflow when they exist."),
    folder: str = typer.Option(".", "--path", metavar="DIR", show_default=False,
                               help="The folder to set up. Default: the current folder."),
) -> None:
    """Write a commented checker.yaml and a GitHub Actions workflow that runs the check in CI."""
    from .scaffold import write_scaffold

    try:
        written = write_scaffold(Path(folder), force=force)
    except CheckerError as exc:
        _fail(exc)
    for path in written:
        typer.echo(f"wrote {path}")
    typer.echo("next: edit checker.yaml (which folders hold contracts), then run `checker check .`")


@app.command()
def annotate(
    file: str = typer.Argument(..., metavar="FILE", help="A contract file (pdf, docx, txt, md, html)."),
    output: str = typer.Option(..., "--output", "-o", metavar="OUT", show_default=False,
                               help="The review copy to write (never the original)."),
    rules: List[str] = _rules_option(),
    profile: Optional[str] = typer.Option(None, "--profile", metavar="PROFILE", show_default=False,
                                          help="auto | civil-code | licensed-lender. Default: auto."),
    config: Optional[str] = _config_option(),
    baseline: Optional[str] = _baseline_option("Keep only findings not in this earlier JSON report, marked new."),
    lang: Optional[str] = typer.Option(None, "--lang", metavar="LANG", show_default=False,
                                       help="Language of the notes and the status line: zh | en. Default: zh."),
) -> None:
    """Check one contract and write a review copy with the findings inside: Word comments for
    DOCX, highlights with notes for PDF, an HTML page for text. Exit 0 written, 2 not."""
    from .api import annotate as annotate_file
    from .reports import i18n
    from .settings import load_settings

    try:
        overrides = {"profile": profile, "rule_dirs": tuple(rules) or None, "baseline": baseline, "lang": lang}
        settings = load_settings(config, {k: v for k, v in overrides.items() if v is not None})
        result, notes = annotate_file(file, output, settings)
    except CheckerError as exc:
        _fail(exc)
    waived = sum(1 for f in result.findings if f.waived)
    typer.echo(i18n.annotated(output, notes, waived, settings.lang))


@app.command()
def parse(
    file: str = typer.Argument(..., help="A contract file."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
    config: Optional[str] = _config_option("Config file (limits, timeout; default ./checker.yaml)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", metavar="SECONDS", show_default=False,
                                            help="Seconds the file may take (default 300; inf: no limit)."),
) -> None:
    """Show the clause tree, metadata and facts the checker read from one file."""
    from .api import parse_isolated
    from .clauses.render import render_tree
    from .parse_view import parse_json, parse_text
    from .settings import load_settings

    try:
        if fmt not in ("text", "json"):
            raise UsageError(f"unknown format {fmt!r}: use text or json")
        settings = load_settings(config, {"doc_timeout": timeout} if timeout is not None else {})
        contract, factset = parse_isolated(file, settings)
    except CheckerError as exc:
        _fail(exc)
    if fmt == "json":
        typer.echo(json.dumps(parse_json(contract, factset), ensure_ascii=False, indent=2))
    else:
        from .reports.safe import terminal_safe  # contract text and PDF metadata reach a terminal

        shown = parse_text(contract, factset, render_tree(contract))
        typer.echo("\n".join(terminal_safe(line) for line in shown.split("\n")))


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
            from .settings import did_you_mean
            hint = did_you_mean(rule_id, [r.id for r in pack.rules])
            raise UsageError(f"no rule {rule_id!r}{hint} (see `checker rules list`)")
    except CheckerError as exc:
        _fail(exc)
    typer.echo(describe(rule))


@rules_app.command("validate")
def rules_validate(folder: Optional[str] = typer.Argument(None, help="A rule folder (default: the built-in pack).")) -> None:
    """Load and validate rule files; exit 2 with file:line: rule: field: problem on the first error."""
    from .rulepack import load_pack
    from .ruletest import load_cases

    from .engine import check_compiles

    try:
        pack = load_pack([folder] if folder else [], check_builtin=True)
        check_compiles(pack)
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
    from .ruletest import run_folder

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
    passed = sum(1 for r in results if r.status == "pass")
    todo = sum(1 for r in results if r.status == "todo")
    typer.echo(f"{passed} passed, {len(failed)} failed" + (f", {todo} todo" if todo else ""))
    raise typer.Exit(1 if failed else 0)


def run() -> None:
    """The console entry (``checker``, ``python -m checker``): a failure is always one line on
    stderr and exit 2, never a traceback and never exit 1 (which a CI gate reads as findings)."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("checker: interrupted", err=True)
        sys.exit(EXIT_ERROR)
    except RecursionError:
        typer.echo("checker: error: input nested too deeply to process", err=True)
        sys.exit(EXIT_ERROR)
    except MemoryError:
        typer.echo("checker: error: out of memory", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, exit 2
        from .urls import redact_text
        from .reports.safe import terminal_safe

        text = terminal_safe(redact_text(" ".join(f"{type(exc).__name__}: {exc}".split())))[:500]
        typer.echo(f"checker: error: internal error: {text}", err=True)
        sys.exit(EXIT_ERROR)
