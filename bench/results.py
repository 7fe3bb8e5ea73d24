"""Benchmark results: per-run figures, their medians and spreads, RESULTS.md and the scaling chart.

A benchmark run yields :class:`Figure` values (a measured value, optionally with the baseline it
was compared with and the ratio taken in that same run) and :class:`ScalePoint` values (cost at
one scale, for the chart). :func:`aggregate` turns several runs into medians with (min, max).
"""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


class ResultsError(ValueError):
    """Figures that cannot be aggregated or written (mixed units, nothing to chart)."""


@dataclass(frozen=True)
class Spread:
    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if not values:
            raise ResultsError("no values to summarise")
        return cls(statistics.median(values), min(values), max(values), len(values))


@dataclass(frozen=True)
class Figure:
    """One figure from one run of one benchmark."""

    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    ratio: float | None = None  # value / baseline, or the ratio the benchmark printed
    goal: str = ""
    # When the benchmark repeated the measurement itself and reports the median: its spread,
    # used as the figure's spread when the benchmark ran once.
    spread: Spread | None = None
    baseline_spread: Spread | None = None


@dataclass(frozen=True)
class ScalePoint:
    """Cost per unit of work at one scale, from one run: one point of one chart line."""

    series: str
    scale: float
    cost: float


@dataclass(frozen=True)
class Summary:
    """A figure over every run: median and spread of the value, baseline and ratio."""

    benchmark: str
    name: str
    unit: str
    value: Spread
    baseline: Spread | None
    baseline_name: str
    ratio: Spread | None
    goal: str


@dataclass
class BenchOutcome:
    """Everything one benchmark produced over its runs, for the report."""

    name: str
    command: str
    status: str  # "ok", "data absent: ...", "failed: ...", "not present"
    seconds: float = 0.0
    runs: int = 0
    figures: list[list[Figure]] = field(default_factory=list)  # one list per run
    points: list[ScalePoint] = field(default_factory=list)
    output: str = ""  # the last run's stdout, kept for the report
    markdown: bool = False  # the output is a markdown section, included as it is


def aggregate(benchmark: str, runs: Sequence[Sequence[Figure]]) -> list[Summary]:
    """Median and (min, max) of each figure over the runs, in first-seen order."""
    grouped: dict[str, list[Figure]] = {}
    for figures in runs:
        for figure in figures:
            grouped.setdefault(figure.name, []).append(figure)
    summaries = []
    for name, items in grouped.items():
        units = {f.unit for f in items}
        if len(units) > 1:
            raise ResultsError(f"{benchmark}: figure {name!r} has mixed units {sorted(units)}")
        baselines = [f.baseline for f in items if f.baseline is not None]
        ratios = [f.ratio for f in items if f.ratio is not None]
        value = Spread.of([f.value for f in items])
        baseline = Spread.of(baselines) if baselines else None
        if len(items) == 1:  # one run: the repeats inside it, if it made any, give the spread
            value = items[0].spread or value
            baseline = items[0].baseline_spread or baseline
        summaries.append(
            Summary(
                benchmark=benchmark,
                name=name,
                unit=items[0].unit,
                value=value,
                baseline=baseline,
                baseline_name=items[0].baseline_name,
                ratio=Spread.of(ratios) if ratios else None,
                goal=items[0].goal,
            )
        )
    return summaries


def median_points(points: Sequence[ScalePoint]) -> dict[str, list[tuple[float, float]]]:
    """Per series, (scale, median cost) sorted by scale."""
    grouped: dict[tuple[str, float], list[float]] = {}
    for point in points:
        grouped.setdefault((point.series, point.scale), []).append(point.cost)
    series: dict[str, list[tuple[float, float]]] = {}
    for (name, scale), costs in sorted(grouped.items()):
        series.setdefault(name, []).append((scale, statistics.median(costs)))
    return series


def machine_description() -> str:
    """Short description of this machine, for the table's machine column."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def _number(value: float) -> str:
    if value == 0:
        return "0"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    return f"{value:#.3g}"  # three significant digits, trailing zeros kept: 0.806, 1.00


def format_spread(spread: Spread, unit: str = "") -> str:
    text = _number(spread.median) + ("x" if unit == "x" else f" {unit}" if unit else "")
    if spread.runs > 1:
        text += f" [{_number(spread.low)}–{_number(spread.high)}, n={spread.runs}]"
    return text


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(
    outcomes: Sequence[BenchOutcome],
    machine: str,
    when: datetime,
    command: str,
    notes: Sequence[str] = (),
) -> str:
    """RESULTS.md: the figures table, the status of every benchmark, and their raw outputs."""
    date = when.strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `{command}` on {date}.",
        f"Machine: {machine}.",
        "",
        (
            "Values are medians over runs, with [min–max, n=runs] when there were several. "
            "Every ratio is taken between the value and its baseline measured in the same run "
            "(median of the per-run ratios)."
        ),
        "",
    ]
    lines += [f"> {note}" for note in notes]
    if notes:
        lines.append("")
    lines += [
        "| figure | value | baseline | ratio | goal | machine | date |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for outcome in outcomes:
        if outcome.status != "ok":
            lines.append(
                f"| {_cell(outcome.name)}: **{_cell(outcome.status)}** | — | — | — | — "
                f"| {_cell(machine)} | {date} |"
            )
        for summary in aggregate(outcome.name, outcome.figures):
            baseline = "—"
            if summary.baseline is not None:
                baseline = format_spread(summary.baseline, summary.unit)
                if summary.baseline_name:
                    baseline = f"{summary.baseline_name}: {baseline}"
            ratio = format_spread(summary.ratio, "x") if summary.ratio is not None else "—"
            lines.append(
                f"| {_cell(outcome.name)}: {_cell(summary.name)} "
                f"| {_cell(format_spread(summary.value, summary.unit))} | {_cell(baseline)} "
                f"| {_cell(ratio)} | {_cell(summary.goal or '—')} | {_cell(machine)} | {date} |"
            )
    lines += [
        "",
        "## Benchmarks run",
        "",
        "| benchmark | status | runs | seconds | command |",
        "| --- | --- | --- | --- | --- |",
    ]
    for outcome in outcomes:
        lines.append(
            f"| {outcome.name} | {_cell(outcome.status)} | {outcome.runs} "
            f"| {outcome.seconds:.0f} | `{_cell(outcome.command)}` |"
        )
    for outcome in outcomes:
        if outcome.markdown and outcome.status == "ok":
            lines += ["", outcome.output.rstrip()]
    lines += ["", "## Raw output (last run of each)", ""]
    for outcome in outcomes:
        if outcome.output.strip() and not (outcome.markdown and outcome.status == "ok"):
            lines += [
                f"<details><summary>{outcome.name}</summary>",
                "",
                "```",
                outcome.output.rstrip(),
                "```",
                "",
                "</details>",
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"


def write_chart(
    series: dict[str, list[tuple[float, float]]], path: Path, goals: dict[str, float] | None = None
) -> Path:
    """A PNG: each series' cost relative to its smallest scale, against scale (log x)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    drawable = {name: pts for name, pts in series.items() if len(pts) >= 2}
    if not drawable:
        raise ResultsError("no series with two or more scales to chart")
    figure, axes = plt.subplots(figsize=(8, 5), dpi=110)
    for name, points in drawable.items():
        base = points[0][1]
        axes.plot([s for s, _ in points], [c / base for _, c in points], marker="o", label=name)
    axes.set_xscale("log")
    for label, level in (goals or {}).items():
        axes.axhline(level, linestyle="--", linewidth=1, color="grey")
        axes.annotate(
            label,
            (axes.get_xlim()[0], level),
            textcoords="offset points",
            xytext=(4, 3),
            fontsize=8,
            color="grey",
        )
    axes.axhline(1.0, linewidth=0.8, color="black")
    axes.set_xlabel("scale (pages, stored articles, records or hosts; log)")
    axes.set_ylabel("cost per unit / cost at smallest scale")
    axes.set_title("Wirehouse scaling: flat is good")
    axes.legend(fontsize=8)
    axes.grid(True, which="both", alpha=0.3)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png")
    plt.close(figure)
    return path
