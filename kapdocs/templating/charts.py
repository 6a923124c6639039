"""The chart data a template may name: every series computed by the analysis, keyed by name.

A chart placed in a Word or PowerPoint template and named `chart:<key>` (its alt text, title or
shape name) gets its data from `view_charts(view)[key]`; text templates see the same data as
`charts`. Keys:

- `performance`: volume target and actual by period, all sites; `performance.<site id>` one site's;
- `profit`: profit target and actual by period (our side only);
- `pipeline`: open opportunities by stage (count; our side adds their value in `pipeline_value`);
- `initiatives`: value delivered by each executed initiative, largest first;
- `supply`: each supply metric's target and actual;
- `objective.<id>`: one SMART objective's baseline, current reading and target;
- `success_factors`: our score on each critical success factor (our side adds each competitor's).

Values are the analysis' own numbers (None where a period has no actual yet); categories are
the labels the built-in documents print.
"""

from __future__ import annotations

from typing import Any

from ..model import OPEN_STAGES
from ..text import plain
from ..view import View, vocabulary as words


def _chart(title: str, categories: list[str], series: dict[str, list[Any]], number_format: str = "General") -> dict:
    return {"title": title, "categories": categories,
            "series": [{"name": name, "values": values} for name, values in series.items()],
            "number_format": number_format}


def view_charts(view: View) -> dict[str, dict]:
    """Every chart the view offers, as plain data: {title, categories, series: [{name, values}], number_format}."""
    plan, figures, internal = view.plan, view.figures, view.internal
    unit = plan.account.volume_unit
    charts: dict[str, dict] = {}
    periods = figures.performance.periods
    charts["performance"] = _chart(f"Volume by period ({unit})", [p.period for p in periods], {
        "Target": [p.volume_target for p in periods], "Actual": [p.volume_actual for p in periods]}, "#,##0")
    for site in plan.sites:
        records = [r for r in plan.performance if r.site == site.id]
        keys = sorted({r.period for r in records}, key=lambda k: [p.period for p in periods].index(k)
                      if k in [p.period for p in periods] else 99)
        target = [sum(r.volume_target or 0 for r in records if r.period == k) for k in keys]
        actual = [_sum([r.volume_actual for r in records if r.period == k]) for k in keys]
        charts[f"performance.{site.id}"] = _chart(f"{site.name}: volume by period ({unit})", keys,
                                                  {"Target": target, "Actual": actual}, "#,##0")
    if internal:
        charts["profit"] = _chart("Profit by period", [p.period for p in periods], {
            "Target": [p.profit_target for p in periods], "Actual": [p.profit_actual for p in periods]},
            "#,##0")
    stages = [s for s in OPEN_STAGES if any(o.stage == s for o in plan.opportunities)]
    label = (lambda s: words.stage(s, view.audience))
    charts["pipeline"] = _chart("Open opportunities by stage", [label(s) for s in stages], {
        "Opportunities": [sum(1 for o in plan.opportunities if o.stage == s) for s in stages]}, "0")
    if internal:
        charts["pipeline_value"] = _chart("Open pipeline value by stage", [label(s) for s in stages], {
            "Value": [sum(o.value or 0 for o in plan.opportunities if o.stage == s) for s in stages]}, "#,##0")
    valued = sorted((i for i in plan.initiatives if i.value_delivered is not None),
                    key=lambda i: -(i.value_delivered or 0))
    charts["initiatives"] = _chart("Value delivered", [_initiative_label(plan, i) for i in valued], {
        "Value delivered": [i.value_delivered for i in valued]}, "#,##0")
    charts["supply"] = _chart("Supply against target", [m.metric for m in plan.supply], {
        "Target": [m.target for m in plan.supply], "Actual": [m.actual for m in plan.supply]}, "General")
    objectives = plan.objectives.smart if plan.objectives else []
    for o in objectives:
        charts[f"objective.{o.id}"] = _chart(plain(str(o.text)), ["Baseline", "Now", "Target"], {
            o.measure or "Measure": [o.baseline, o.current, o.target]}, "General")
    factors = plan.critical_success_factors
    series = {view.parties.us: [f.us for f in factors]}
    if internal:
        for name in figures.alignment.competitors:
            series[name] = [f.competitors.get(name) for f in factors]
    charts["success_factors"] = _chart("Critical success factors (0-10)", [f.factor for f in factors], series, "0.0")
    return charts


def _sum(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _initiative_label(plan, initiative) -> str:
    if initiative.label:
        return initiative.label
    action = next((a for a in plan.actions if a.id == initiative.action), None)
    return plain(str(action.description)) if action else initiative.action
