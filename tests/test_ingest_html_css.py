"""An HTML file's own <style> rules mark bold and underline: a class rule bolds, a universal
rule can switch the browser's bold off, an inline style beats both."""
from __future__ import annotations

from checker.ingest import read_document

PAGE = """<html><head><style>
* {{ font-weight: normal; }}
.h2 {{ font-weight: bold; }}
span.key {{ font-weight: 700; text-decoration: underline; }}
/* p.note {{ font-weight: bold }} is a comment */
@media print {{ p {{ font-weight: bold; }} }}
</style></head><body>
{body}
</body></html>"""


def lines_of(tmp_path, body: str):
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(body=body), encoding="utf-8")
    return {line.text: line for line in read_document(path).lines}


def test_a_class_rule_bolds_and_underlines(tmp_path):
    lines = lines_of(tmp_path, '<p class="h2">第七条 违约责任</p><p><span class="key">逾期罚息按日0.05%计收。</span></p>')
    assert lines["第七条 违约责任"].bold == 1.0
    key = lines["逾期罚息按日0.05%计收。"]
    assert key.bold == 1.0 and key.underline == 1.0


def test_a_universal_rule_unbolds_b_tags(tmp_path):
    lines = lines_of(tmp_path, "<p><b>甲方有权单方调整利率。</b></p>")
    assert lines["甲方有权单方调整利率。"].bold == 0.0


def test_an_inline_style_beats_the_stylesheet(tmp_path):
    lines = lines_of(tmp_path, '<p style="font-weight:bold">本条款以粗体标示。</p><p class="note">注释不生效。</p>')
    assert lines["本条款以粗体标示。"].bold == 1.0
    assert lines["注释不生效。"].bold == 0.0


def test_a_word_export_keeps_bold_when_a_bidi_weight_is_normal(tmp_path):
    path = tmp_path / "word.html"
    path.write_text("<html><body><p><b><span style='mso-bidi-font-weight:normal'>罚息条款</span></b></p></body></html>",
                    encoding="utf-8")
    assert read_document(path).lines[0].bold == 1.0
