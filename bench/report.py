"""The benchmark's outputs: the JSON contract, a readable table, the targets.

The JSON holds exactly the contract's keys (ratios and shares, and the
bad-input validation times in seconds under "bad_inputs"), so other tools can
rely on its shape; the table adds the raw medians in ms and a
per-page profile, which is what a developer needs to act on a missed target.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

# Targets: figure <= limit. A missed one prints MISSED with value / limit.
PAGE_RERUN_MAX = 2.0
OWN_SHARE_MAX = 0.25
SCALE_MAX = {"10x": {}, "100x": {"load_ratio": 100.0, "rerun_ratio": 3.0}}
BROWSER_MAX = 1.5
BAD_INPUT_SECONDS_MAX = 2.0  # one `python -m loaders validate FILE` run (the requirement)


def contract(result: dict) -> dict:
    """Exactly the keys of the output contract, from the full result."""
    browser = result.get("browser")
    return {
        "pages": {
            name: {"rerun_ratio": round(page["rerun_ratio"], 4), "own_share": round(page["own_share"], 4)}
            for name, page in result["pages"].items()
        },
        "scale": {
            size: {"load_ratio": round(figures["load_ratio"], 4), "rerun_ratio": round(figures["rerun_ratio"], 4)}
            for size, figures in result["scale"]["sizes"].items()
            if size != "1x"
        },
        "browser_ratio": round(browser["ratio"], 4) if browser else None,
        **_bad_inputs_contract(result),
    }


def _bad_inputs_contract(result: dict) -> dict:
    """{"bad_inputs": {...}} when they were measured (added to the contract; older keys unchanged)."""
    bad = result.get("bad_inputs")
    if not bad:
        return {}
    return {
        "bad_inputs": {
            "files": bad["files"],
            "median_s": round(bad["median_s"], 3),
            "slowest_s": round(bad["slowest_s"], 3),
            "slowest_file": bad["slowest_file"],
        }
    }


def write_json(result: dict, path: Path | str) -> None:
    Path(path).write_text(json.dumps(contract(result), indent=2) + "\n", encoding="utf-8")


def verdict(value: float, limit: float | None) -> str:
    if limit is None:
        return ""
    return "ok" if value <= limit else f"MISSED ({value / limit:.1f}x the target)"


def _pages_table(result: dict) -> list[str]:
    lines = [
        f"Page reruns (AppTest, warm): reference page {result['reference_ms']:.0f} ms "
        f"(median of {result['reference_runs']})",
        f"  {'page':<10}{'median ms':>10}{'runs':>6}{'ratio':>8}  {'target<=2x':<28}{'own share':>10}  target<=25%",
    ]
    for name, page in result["pages"].items():
        lines.append(
            f"  {name:<10}{page['median_ms']:>10.0f}{page['runs']:>6}{page['rerun_ratio']:>8.2f}  "
            f"{verdict(page['rerun_ratio'], PAGE_RERUN_MAX):<28}{page['own_share']:>10.0%}  "
            f"{verdict(page['own_share'], OWN_SHARE_MAX)}"
            + (f"\n    page error: {page['error']}" if page["error"] else "")
        )
    return lines


def _scale_table(scale: dict) -> list[str]:
    lines = [
        f"Scale (synthetic data; rerun = {scale['page']} page):",
        f"  {'size':<6}{'facts':>8}{'load ms':>10}{'ratio':>8}  {'target':<28}{'rerun ms':>9}{'ratio':>7}  target",
    ]
    for size, s in scale["sizes"].items():
        limits = SCALE_MAX.get(size, {})
        lines.append(
            f"  {size:<6}{s['facts']:>8}{s['load_ms']:>10.0f}{s['load_ratio']:>8.2f}  "
            f"{verdict(s['load_ratio'], limits.get('load_ratio')):<28}{s['rerun_ms']:>9.0f}{s['rerun_ratio']:>7.2f}  "
            f"{verdict(s['rerun_ratio'], limits.get('rerun_ratio'))}"
        )
    return lines


def _browser_lines(result: dict) -> list[str]:
    browser = result.get("browser")
    if not browser:
        return [f"Browser: not measured: {result.get('browser_note', '')}"]
    return [
        f"Browser (headless Chromium, navigation to drawn charts, median of {browser['visits']} fresh contexts):",
        f"  overview {browser['overview_ms']:.0f} ms, reference {browser['reference_ms']:.0f} ms, "
        f"ratio {browser['ratio']:.2f}  {verdict(browser['ratio'], BROWSER_MAX)} (target<=1.5x)",
    ]


def _bad_inputs_lines(result: dict) -> list[str]:
    bad = result.get("bad_inputs")
    if not bad:
        return ["Bad inputs: not measured"]
    sample = (
        f"one corpus file in {bad['every']}, the hostile ones and the built cases"
        if bad["every"] > 1 else "all of tests/bad_inputs and the built cases"
    )
    runs = sorted(bad["runs"], key=lambda r: r["seconds"], reverse=True)
    lines = [
        "Bad inputs (`python -m loaders validate FILE`, one process per file, 1 GB memory cap):",
        f"  {bad['files']} of {bad['available']} files ({sample})",
        f"  median {bad['median_s']:.2f} s, slowest {bad['slowest_s']:.2f} s ({bad['slowest_file']})  "
        f"{verdict(bad['slowest_s'], BAD_INPUT_SECONDS_MAX)} (target<=2 s per file; "
        f"{bad['over_target']} over)",
        "  slowest five: " + ", ".join(f"{r['file'].removeprefix('tests/bad_inputs/')} {r['seconds']:.2f} s" for r in runs[:5]),
    ]
    unclean = [r for r in bad["runs"] if not r["clean"]]
    if unclean:
        lines.append("  NOT REJECTED CLEANLY: " + ", ".join(f"{r['file']} ({r['note']})" for r in unclean))
    return lines


def _profiles(result: dict) -> list[str]:
    lines = ["Where each page's rerun goes (share of sampled rerun time):"]
    for name, page in result["pages"].items():
        lines.append(f"  {name}:")
        for view, title in (("top", "called from the page"), ("leaf", "inside our code"), ("line", "page line")):
            items = ", ".join(f"{where} {share:.0%}" for where, share in page["profile"][view])
            lines.append(f"    {title}: {items}")
    return lines


def render(result: dict) -> str:
    parts = [
        _pages_table(result), _scale_table(result["scale"]), _browser_lines(result),
        _bad_inputs_lines(result), _profiles(result),
    ]
    stages = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in result["stages"].items())
    footer = [
        f"Took {result['seconds']:.0f} s ({stages}); load average {result['load_before']:.1f} before, "
        f"{result['load_after']:.1f} after."
    ]
    if max(result["load_before"], result["load_after"]) > (os.cpu_count() or 1):
        footer.append(
            "WARNING: the machine was busy (load average above its core count). The page and browser\n"
            "ratios are interleaved and hold up; the load and 100x ratios are not: rerun when idle."
        )
    return "\n\n".join("\n".join(p) for p in [*parts, footer])
