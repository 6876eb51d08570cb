"""The one line every run ends with: the verdict, the threshold, why the exit code is what it
is, and the report files written. Printed even when every report goes to a file, so that a CI
log always says what happened."""
from __future__ import annotations

from checker.model import SEVERITIES, RunResult, Severity
from checker.reports.common import error_count
from checker.reports.i18n import severity


def summary_line(run: RunResult, fail_on: str, code: int, written: list[str], *, lang: str = "zh") -> str:
    """For example 「结论：不通过（退出码 1）：2项发现达到或超过阈值「高」……」."""
    counts = run.count_by_severity()
    total = sum(counts.values())
    docs = len(run.documents)
    errors = error_count(run)
    level = fail_on.strip().lower()
    gated = 0 if level == "never" else sum(counts[s] for s in SEVERITIES if Severity(s).rank >= Severity(level).rank)
    by_sev = [(s, counts[s]) for s in SEVERITIES if counts[s]]
    if lang == "en":
        return _english(code, docs, errors, level, gated, total, by_sev, written)
    return _chinese(code, docs, errors, level, gated, total, by_sev, written)


def _english(code: int, docs: int, errors: int, level: str, gated: int, total: int,
             by_sev: list[tuple[str, int]], written: list[str]) -> str:
    verdict = {0: "PASS", 1: "FAIL"}.get(code, "ERROR")
    listed = ", ".join(f"{n} {s}" for s, n in by_sev)
    if code == 2:
        why = f"{errors} of {docs} documents could not be read"
    elif level == "never":
        why = f"--fail-on never: {total} findings reported, none gated"
    elif code == 1:
        why = f"{gated} finding{'s' if gated != 1 else ''} at or above --fail-on {level}"
    elif total:
        why = f"no finding at or above --fail-on {level} ({total} below it)"
    else:
        why = f"no findings (--fail-on {level})"
    parts = [f"{verdict} (exit {code}): {why}",
             f"{docs} document{'s' if docs != 1 else ''} checked" + (f", findings: {listed}" if listed else "")]
    if written:
        parts.append("wrote " + ", ".join(written))
    return "; ".join(parts)


def _chinese(code: int, docs: int, errors: int, level: str, gated: int, total: int,
             by_sev: list[tuple[str, int]], written: list[str]) -> str:
    verdict = {0: "通过", 1: "不通过"}.get(code, "未完成")
    listed = "，".join(f"{severity(s, 'zh')}{n}项" for s, n in by_sev)
    threshold = "「" + severity(level, "zh") + "」" if level != "never" else ""
    if code == 2:
        why = f"{docs}份文件中有{errors}份无法读取"
    elif level == "never":
        why = f"阈值为不拦截，{total}项发现仅作提示"
    elif code == 1:
        why = f"{gated}项发现达到或超过阈值{threshold}"
    elif total:
        why = f"没有发现达到阈值{threshold}（{total}项低于阈值）"
    else:
        why = f"未发现问题（阈值{threshold}）"
    parts = [f"结论：{verdict}（退出码 {code}）：{why}", f"共检查{docs}份文件" + (f"，发现：{listed}" if listed else "")]
    if written:
        parts.append("已写入 " + "、".join(written))
    return "；".join(parts) + "。"


def store_lines(store: str, counts: dict, run: dict, *, lang: str = "zh") -> list[str]:
    """What ``check --store`` prints instead of a report (a store may hold millions of
    documents): the store's counts, this run's, and how to get a report. ``counts`` as
    ``api.summarise_store`` gives them, ``run`` as ``api.record_into_store``."""
    listed = [(s, counts[s]) for s in SEVERITIES if counts.get(s)]
    report = f"checker report --store {store} --format html --output report.html"
    if lang == "en":
        lines = [f"{store}: {counts['documents']} documents ({counts['checked']} checked, {counts.get('skipped', 0)} "
                 f"skipped, {counts['errors']} errors); findings: {', '.join(f'{n} {s}' for s, n in listed) or 'none'}",
                 f"this run: {run['recorded']} checked and recorded, {run['skipped']} already done (skipped)"]
        return lines + (["interrupted: run again with --resume to finish"] if run["interrupted"] else
                        [f"reports: {report}"])
    found = "，".join(f"{severity(s, 'zh')}{n}项" for s, n in listed) or "无"
    lines = [f"{store}：共{counts['documents']}份文件（已检查{counts['checked']}份，已跳过{counts.get('skipped', 0)}份，"
             f"无法读取{counts['errors']}份）；发现：{found}",
             f"本次运行：检查并记录{run['recorded']}份，{run['skipped']}份此前已记录（跳过）"]
    return lines + (["已中断：加 --resume 再次运行即可完成"] if run["interrupted"] else [f"生成报告：{report}"])
