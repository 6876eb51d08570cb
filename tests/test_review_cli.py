"""Review copies from the command line: `check --format review`, `annotate`, `report --store`,
and from a run's results after any executor."""
from __future__ import annotations

import re
import shutil
import zipfile

import pytest

from checker import api
from checker.settings import Settings
from sample_files import CONTRACTS

pytestmark = pytest.mark.usefixtures("private_cache")

COPIES = {"app-loan-terms.txt.review.html", "bank-consumer-loan.review.pdf", "cash-loan.review.docx",
          "employer-loan.md.review.html", "jietiao.review.pdf", "platform-consumer-loan.review.pdf",
          "private-loan.review.pdf", "repayment-table.review.pdf", "two-column.review.pdf"}


def test_check_writes_a_review_copy_of_every_sample_into_the_folder(cli, tmp_path):
    result = cli("check", str(CONTRACTS), "--format", "review", "--output", "copies", "--fail-on", "never",
                 "--executor", "inprocess", "-q")
    assert result.exit_code == 0, result.output
    assert {p.name for p in (tmp_path / "copies").iterdir()} == COPIES
    assert "已在 copies 写入9份审阅副本" in result.output


def test_the_review_copies_line_follows_lang(cli, tmp_path):
    result = cli("check", str(CONTRACTS / "jietiao.pdf"), "--format", "review", "--output", "copies", "--fail-on",
                 "never", "--executor", "inprocess", "-q", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "1 review copy written to copies" in result.output


def _html_notes(path) -> tuple[str, str]:
    """A review page's language and its notes' text (tags dropped)."""
    page = path.read_text(encoding="utf-8")
    lang = re.search(r'<html lang="([^"]+)"', page).group(1)
    notes = " ".join(re.sub(r"<[^>]+>", " ", n) for n in re.findall(r'<div class="note[^"]*".*?</div>', page))
    return lang, notes


@pytest.mark.parametrize("how", ["--lang", "checker.yaml"])
def test_review_copies_follow_lang(cli, tmp_path, how):
    args = ["--lang", "en"] if how == "--lang" else []
    if how == "checker.yaml":
        (tmp_path / "checker.yaml").write_text("lang: en\n", encoding="utf-8")
    result = cli("check", str(CONTRACTS / "app-loan-terms.txt"), "--format", "review", "--output", "copies",
                 "--fail-on", "never", "--executor", "inprocess", "-q", *args)
    assert result.exit_code == 0, result.output
    lang, notes = _html_notes(tmp_path / "copies" / "app-loan-terms.txt.review.html")
    assert lang == "en" and "Rule " in notes and "Legal basis: " in notes and "规则 " not in notes


def test_review_copies_are_chinese_by_default(cli, tmp_path):
    result = cli("check", str(CONTRACTS / "app-loan-terms.txt"), "--format", "html-review", "--output", "copies",
                 "--fail-on", "never", "--executor", "inprocess", "-q")
    assert result.exit_code == 0, result.output
    lang, notes = _html_notes(tmp_path / "copies" / "app-loan-terms.txt.review.html")
    assert lang == "zh-CN" and "规则 " in notes and "法律依据：" in notes and "Rule " not in notes


def test_the_api_writes_review_copies_in_the_language_asked(tmp_path):
    run = api.check([str(CONTRACTS / "app-loan-terms.txt")], Settings(use_cache=False, executor="inprocess"))
    [copy] = api.review_copies(run, str(tmp_path / "copies"), "html-review", lang="en")
    assert _html_notes(tmp_path / "copies" / "app-loan-terms.txt.review.html")[0] == "en" and copy.notes


def _comment_text(path) -> str:
    with zipfile.ZipFile(path) as zf:
        return re.sub(r"<[^>]+>", " ", zf.read("word/comments.xml").decode("utf-8"))


def test_docx_review_writes_only_the_docx_copies_beside_another_report(cli, tmp_path):
    result = cli("check", str(CONTRACTS), "--format", "docx-review", "--output", "copies",
                 "--format", "json", "--output", "report.json", "--fail-on", "never", "--executor", "inprocess")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "copies").iterdir()] == ["cash-loan.review.docx"]
    assert (tmp_path / "report.json").is_file()


def test_a_review_format_needs_an_output_folder(cli):
    result = cli("check", str(CONTRACTS / "cash-loan.docx"), "--format", "review")
    assert result.exit_code == 2 and "--output folder" in result.output


def _finding_count(name: str) -> int:
    return len(api.check([str(CONTRACTS / name)], Settings(use_cache=False, executor="inprocess")).documents[0].findings)


def test_annotate_writes_one_copy_and_says_how_many_notes(cli, tmp_path):
    result = cli("annotate", str(CONTRACTS / "platform-consumer-loan.pdf"), "-o", "review.pdf")
    assert result.exit_code == 0, result.output
    count = _finding_count("platform-consumer-loan.pdf")
    assert count and result.output.strip() == f"已写入审阅副本 review.pdf，标注{count}项发现"
    assert (tmp_path / "review.pdf").read_bytes().startswith(b"%PDF")


def test_the_annotate_line_follows_lang(cli, tmp_path):
    result = cli("annotate", str(CONTRACTS / "cash-loan.docx"), "-o", "review.docx", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"review.docx: {_finding_count('cash-loan.docx')} findings annotated"


def test_the_annotated_notes_follow_lang(cli, tmp_path):
    assert cli("annotate", str(CONTRACTS / "cash-loan.docx"), "-o", "en.docx", "--lang", "en").exit_code == 0
    assert cli("annotate", str(CONTRACTS / "cash-loan.docx"), "-o", "zh.docx").exit_code == 0
    english, chinese = _comment_text(tmp_path / "en.docx"), _comment_text(tmp_path / "zh.docx")
    assert "Rule " in english and "Suggested change: " in english and "建议表述" not in english
    assert "规则 " in chinese and "建议表述：" in chinese and "Suggested change" not in chinese


def test_the_annotate_line_follows_the_config_files_lang(cli, tmp_path):
    (tmp_path / "checker.yaml").write_text("lang: en\n", encoding="utf-8")
    result = cli("annotate", str(CONTRACTS / "cash-loan.docx"), "-o", "review.docx")
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("findings annotated")
    assert "Legal basis: " in _comment_text(tmp_path / "review.docx")


def test_an_unknown_annotate_lang_is_a_usage_error(cli, tmp_path):
    result = cli("annotate", str(CONTRACTS / "cash-loan.docx"), "-o", "review.docx", "--lang", "fr")
    assert result.exit_code == 2 and "--lang" in result.output and not (tmp_path / "review.docx").exists()


def test_annotate_refuses_to_overwrite_the_original(cli, tmp_path):
    shutil.copy(CONTRACTS / "cash-loan.docx", tmp_path / "c.docx")
    before = (tmp_path / "c.docx").read_bytes()
    result = cli("annotate", "c.docx", "-o", "c.docx")
    assert result.exit_code == 2 and "overwrite the original" in result.output
    assert (tmp_path / "c.docx").read_bytes() == before


def test_annotate_of_an_unreadable_file_is_one_line_and_exit_2(cli, tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    result = cli("annotate", "bad.pdf", "-o", "out.pdf")
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "bad.pdf" in result.output


def test_report_from_a_store_writes_the_same_copies(cli, tmp_path):
    folder = tmp_path / "contracts"
    shutil.copytree(CONTRACTS, folder)
    assert cli("check", "contracts", "--store", "r.db", "--executor", "inprocess", "-q").exit_code in (0, 1)
    result = cli("report", "--store", "r.db", "--format", "review", "--output", "copies", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    assert {p.name for p in (tmp_path / "copies").iterdir()} == COPIES


def test_the_store_keeps_each_findings_page_and_text_span(tmp_path):
    store = str(tmp_path / "r.db")
    settings = Settings(use_cache=False, executor="inprocess")
    plain = api.check([str(CONTRACTS)], settings)
    stored = api.check([str(CONTRACTS)], settings, store=store)
    spans = {(d.path, f.rule_id): (f.page, f.text_span) for d in plain.documents for f in d.findings}
    assert spans == {(d.path, f.rule_id): (f.page, f.text_span) for d in stored.documents for f in d.findings}
    assert all(span is not None for (_, _), (page, span) in spans.items() if page is not None)


def test_a_copy_that_cannot_be_made_is_reported_and_the_others_are_written(tmp_path):
    folder = tmp_path / "contracts"
    shutil.copytree(CONTRACTS, folder)
    run = api.check([str(folder)], Settings(use_cache=False, executor="inprocess"))
    (folder / "jietiao.pdf").write_bytes(b"gone")  # changed after the check
    copies = api.review_copies(run, str(tmp_path / "copies"))
    failed = [c for c in copies if c.error]
    assert [c.source for c in failed] == [str(folder / "jietiao.pdf")]
    assert sum(1 for c in copies if c.output) == len(COPIES) - 1


@pytest.mark.parametrize("lang, line", [("en", "r.pdf: 1 finding annotated (1 waived)"),
                                        ("zh", "已写入审阅副本 r.pdf，标注1项发现（其中1项已豁免）")])
def test_the_annotate_line_counts_the_waived_notes_in_either_language(lang, line):
    from checker.reports import i18n

    assert i18n.annotated("r.pdf", 1, 1, lang) == line
