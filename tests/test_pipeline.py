"""One document through the pipeline: which options decide its result, and where they come from."""
from __future__ import annotations

from dataclasses import fields, replace

from checker.pipeline import ResultOptions, pack_for, result_options
from checker.settings import Settings

PACK = pack_for(Settings())


def _with_params(**params):
    return replace(PACK, params={**PACK.params, **params})


def test_the_rule_packs_day_count_and_collection_hours_apply_when_the_user_sets_none():
    pack = _with_params(day_count=365, collection_start_hour=9, collection_end_hour=21)
    options = result_options(Settings(), pack)
    assert (options.day_count, options.collection_hours) == (365, (9.0, 21.0))


def test_the_users_day_count_and_collection_hours_win_over_the_packs():
    pack = _with_params(day_count=365, collection_start_hour=9, collection_end_hour=21)
    options = result_options(Settings(day_count=360, collection_hours=(7, 23)), pack)
    assert (options.day_count, options.collection_hours) == (360, (7, 23))


def test_every_result_option_is_part_of_the_key():
    base = result_options(Settings(), PACK)
    changed = {"pack_digest": "other", "profile": "licensed-lender", "day_count": 365,
               "collection_hours": (9.0, 21.0), "version": "9.9.9", "code": "0" * 64}
    assert set(changed) == {f.name for f in fields(ResultOptions)}
    for name, value in changed.items():
        assert replace(base, **{name: value}).key != base.key, name


def test_the_checkers_own_code_is_part_of_the_key_though_the_version_string_is_not_bumped():
    from checker.digest import code_digest

    options = result_options(Settings(), PACK)
    assert options.code == code_digest() and len(options.code) == 64
    assert code_digest() in options.key


def test_options_that_only_shape_the_run_or_the_report_leave_the_key_alone():
    base = result_options(Settings(), PACK).key
    for other in (Settings(jobs=3), Settings(lang="en"), Settings(fail_on="low"), Settings(use_cache=False),
                  Settings(doc_timeout=5.0), Settings(executor="inprocess")):
        assert result_options(other, PACK).key == base


def _scan(tmp_path):
    """A one-page PDF that is only an image: a page OCR must read."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(image).rectangle((200, 200, 1000, 260), fill=0)
    target = tmp_path / "scan.pdf"
    image.save(target, format="PDF", resolution=150)
    return target


def test_the_ocr_options_and_the_digest_travel_with_the_document_to_the_reader(tmp_path, monkeypatch):
    from checker.ingest import ocr
    from checker.pipeline import check_file

    seen = []

    def spy(path, indexes, render, threads=None, options=None):
        seen.append(options)
        raise ocr.OcrUnavailable("spy")

    monkeypatch.setattr(ocr, "ocr_pages", spy)
    monkeypatch.setattr(ocr, "require_engine", lambda: None)
    result = check_file(str(_scan(tmp_path)), Settings(ocr_threads=3, use_cache=False), digest="d" * 64)
    assert result.status == "error"
    assert [(o.ocr_threads, o.ocr_cache, o.digest) for o in seen] == [(3, False, "d" * 64)]
