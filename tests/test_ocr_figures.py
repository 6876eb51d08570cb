"""Every OCR'd number carries the engine's confidence, through normalisation and correction."""
from __future__ import annotations

import pytest

from checker.ingest.ocr.figures import carry_confidence, doubtful, figures
from checker.model import OcrFigure


def test_confidences_follow_the_characters_through_a_fold():
    source, conf = "年利率８．５％", [0.99, 0.99, 0.99, 0.91, 0.4, 0.92, 0.97]
    assert carry_confidence(source, conf, "年利率8.5%") == [0.99, 0.99, 0.99, 0.91, 0.4, 0.92, 0.97]


def test_a_character_the_correction_inserted_is_no_surer_than_its_neighbours():
    assert carry_confidence("二二五年", [0.9, 0.6, 0.95, 0.99], "二〇二五年")[1] == 0.6


def test_a_figure_takes_its_least_sure_character():
    (rate,) = figures("年利率89%", [0.99, 0.99, 0.99, 0.97, 0.41, 0.95])
    assert rate == OcrFigure("89%", 0.41, True)


def test_each_number_on_a_line_gets_its_own_confidence():
    found = figures("本金10000元，年利率8%", [0.99] * 3 + [0.98] * 5 + [0.99] * 5 + [0.5, 0.9])
    assert [(f.text, f.confidence) for f in found] == [("10000", 0.98), ("8%", 0.5)]


def test_chinese_numerals_are_figures_too():
    assert [f.text for f in figures("按月息九厘计", [0.9] * 6)] == ["九"]


def test_a_number_a_second_reading_saw_otherwise_is_not_agreed():
    found = figures("年利率8%，违约金500元", [0.99] * 13, alternates=("年利率89%，违约金500元",))
    assert [(f.text, f.agreed) for f in found] == [("8%", False), ("500", True)]


@pytest.mark.parametrize("figure,expected", [
    (OcrFigure("8%", 0.95, True), False),
    (OcrFigure("8%", 0.5, True), True),
    (OcrFigure("8%", 0.95, False), True),
])
def test_a_figure_is_doubtful_when_unsure_or_disputed(figure, expected):
    assert doubtful(figure, 0.8) is expected


def test_one_confidence_per_source_character_is_required():
    with pytest.raises(ValueError):
        carry_confidence("ab", [1.0], "ab")
