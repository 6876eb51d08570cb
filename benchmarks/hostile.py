"""Hostile-input probe, run by hand: each attack once under a wall-clock and memory limit.

    python benchmarks/hostile.py [--checker "python -m checker"] [--wall 60] [--mem-gib 3]

Builds the attack files with the generators in ../shared/security-cases (when present; see
their README) in a temporary folder and prints: case, exit code, seconds, peak memory (the
largest resident size of any process, from /usr/bin/time). "killed" means the wall limit.
"""
from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PDFPLUMBER = "CHECKER_PDF_READER=pdfplumber"  # the reader before pdfium (still selectable): refloop hangs it
GENERATORS = Path(__file__).resolve().parents[2] / "shared" / "security-cases"


def build(out: Path) -> list[tuple[str, list[str]]]:
    def gen(script: str, *args: str) -> None:
        subprocess.run([sys.executable, str(GENERATORS / script), *args], check=True, capture_output=True)

    gen("gen_pdf_refloop.py", str(out / "refloop.pdf"))
    gen("gen_pdf_textpage.py", str(out / "text2.pdf"), "2")
    gen("gen_pdf_hugepage.py", str(out / "huge.pdf"), "14400")
    gen("gen_docx_lying_bomb.py", str(out / "bomb.docx"))
    gen("gen_html_depth.py", str(out / "deep300.html"), "300")
    gen("gen_long_party.py", str(out / "long20k.txt"), "20000")
    gen("gen_rules.py", str(out / "rules"))
    gen("gen_config.py", str(out / "cfg"))
    _gib_stream_pdf(out / "gib.pdf")
    (out / "pool").mkdir()
    for name in ("a.pdf", "b.pdf"):
        (out / "pool" / name).write_bytes((out / "refloop.pdf").read_bytes())
    (out / "ol.html").write_text('<html><body><h1>借款合同</h1><ol type="A" start="2600000000"><li>借款金额为人民币10000元。'
                                 '</li></ol></body></html>', encoding="utf-8")
    (out / "baseline.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    (out / "good.txt").write_text("借款合同\n出借人：甲公司\n借款人：张三\n第一条 借款金额为人民币10000元。\n", encoding="utf-8")
    o = str(out)
    return [
        ("refloop.pdf check --timeout 5", ["check", f"{o}/refloop.pdf", "--timeout", "5", "--no-cache"]),
        ("refloop.pdf check --jobs 1 --timeout 5", ["check", f"{o}/refloop.pdf", "--jobs", "1", "--timeout", "5", "--no-cache"]),
        ("refloop.pdf parse", ["parse", f"{o}/refloop.pdf"]),
        ("refloop.pdf pdfplumber reader, --timeout 5", [PDFPLUMBER, "check", f"{o}/refloop.pdf", "--timeout", "5", "--no-cache"]),
        ("refloop.pdf pdfplumber reader, parse", [PDFPLUMBER, "parse", f"{o}/refloop.pdf", "--timeout", "5"]),
        ("2 x refloop.pdf --jobs 2 --timeout 5", ["check", f"{o}/pool", "--jobs", "2", "--timeout", "5", "--no-cache"]),
        ("1 MB PDF, 1 GiB stream", ["check", f"{o}/gib.pdf", "--no-cache"]),
        ("text2.pdf (2 MB text page)", ["check", f"{o}/text2.pdf", "--no-cache"]),
        ("huge.pdf (200-inch page, OCR)", ["check", f"{o}/huge.pdf", "--no-cache"]),
        ("bomb.docx (lying zip entry)", ["check", f"{o}/bomb.docx", "--no-cache"]),
        ("deep300.html (clause 300 divs deep)", ["check", f"{o}/deep300.html", "--no-cache", "--fail-on", "never"]),
        ("ol start=2600000000", ["check", f"{o}/ol.html", "--no-cache", "--fail-on", "never"]),
        ("long20k.txt (20k-char party line)", ["check", f"{o}/long20k.txt", "--no-cache", "--fail-on", "never"]),
        ("2,000 rules", ["check", f"{o}/good.txt", "--rules", f"{o}/rules/many-rules", "--no-cache", "--fail-on", "never"]),
        ("rule YAML alias bomb", ["rules", "validate", f"{o}/rules/yaml-lol-when"]),
        ("rule deep not (3,000)", ["rules", "validate", f"{o}/rules/deep-not"]),
        ("rule expr 100,000 terms", ["rules", "validate", f"{o}/rules/expr-09"]),
        ("checker.yaml alias bomb", ["check", f"{o}/good.txt", "--config", f"{o}/cfg/lol-disable.yaml"]),
        ("checker.yaml 300,000 aliased waivers", ["check", f"{o}/good.txt", "--config", f"{o}/cfg/many-waivers.yaml"]),
        ("checker.yaml deep nesting", ["check", f"{o}/good.txt", "--config", f"{o}/cfg/deep.yaml"]),
        ("checker.yaml timeout .inf", ["check", f"{o}/good.txt", "--config", f"{o}/cfg/timeout-inf.yaml", "--fail-on", "never"]),
        ("--timeout inf", ["check", f"{o}/good.txt", "--timeout", "inf", "--fail-on", "never", "--no-cache"]),
        ("--baseline deep JSON", ["check", f"{o}/good.txt", "--baseline", f"{o}/baseline.json", "--fail-on", "never"]),
        ("--scheduler with password", ["check", f"{o}/good.txt", "--executor", "dask", "--scheduler",
                                       "tcp://admin:secret@127.0.0.1:1", "--no-cache"]),
    ]


def _gib_stream_pdf(path: Path) -> None:
    """One page whose FlateDecode content stream inflates to 1 GiB (about 1 MB on disk)."""
    import zlib

    packer = zlib.compressobj(9)
    body = packer.compress(b"BT ET\n") + b"".join(packer.compress(b" " * (1 << 24)) for _ in range(64)) + packer.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"]
    buf, offsets = bytearray(b"%PDF-1.7\n"), []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(buf))
        buf += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(buf)
    buf += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    buf += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(buf))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--checker", default=f"{sys.executable} -m checker")
    ap.add_argument("--wall", type=float, default=60)
    ap.add_argument("--mem-gib", type=float, default=3)
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cases = build(Path(tmp))
        print(f"{'case':<42} {'exit':>6} {'seconds':>8} {'peak MiB':>9}  stderr (last line)")
        for name, argv in cases:
            if args.only and args.only not in name:
                continue
            limit = str(int(args.mem_gib * (1 << 30)))
            env = {**os.environ, "NO_COLOR": "1"}
            if argv and argv[0] == PDFPLUMBER:
                key, value = argv.pop(0).split("=")
                env[key] = value
            cmd = ["timeout", "-s", "KILL", str(args.wall), "/usr/bin/time", "-f", "%M", "prlimit", f"--as={limit}",
                   *shlex.split(args.checker), *argv]
            start = time.monotonic()
            proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace", cwd=tmp, env=env)
            took = time.monotonic() - start
            lines = proc.stderr.strip().splitlines()
            peak = lines[-1] if lines and lines[-1].isdigit() else "?"
            rest = [line for line in (lines[:-1] if peak != "?" else lines)
                    if line.strip() and not line.startswith("Command exited")]
            rest += [line for line in proc.stdout.splitlines() if " error " in line or "error:" in line][:1]
            code = "killed" if proc.returncode in (-9, 137) else str(proc.returncode)
            mib = f"{int(peak) / 1024:.0f}" if peak.isdigit() else "?"
            print(f"{name:<42} {code:>6} {took:>8.1f} {mib:>9}  {(rest[0] if rest else '')[:150]}", flush=True)


if __name__ == "__main__":
    main()
