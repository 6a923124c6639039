"""The one Jinja2 environment every template format renders with.

- `ImmutableSandboxedEnvironment`: a template cannot reach Python internals (`__class__`,
  `__globals__`, `mro`, `format` tricks...) nor change the data it is given.
- `StrictUndefined`, with a message that names the unknown name, the object it was looked
  up on and the nearest known names ("did you mean 'name'?"); for the customer, internal-only
  fields are absent from the view, so a customer template that asks for one fails here.
- No loader: a template never includes or imports another file, so it can reach nothing outside
  its own file. Plan text reaches a template only as values: `{{ 7*7 }}` in a plan field prints
  literally, because values are never compiled.
- Filters: `money`, `number`, `percent`, `date`, `time`, `markdown`, formatted by the view's
  `Formatter` (the plan's currency and the locale), as in the built-in documents.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import missing

from ..fmt import Formatter
from ..text import parse_markdown, plain
from .errors import did_you_mean


class KapdocsUndefined(StrictUndefined):
    """An unknown name: fails at once, saying which name, on what, and the nearest known ones."""

    __slots__ = ()
    top_level: tuple[str, ...] = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any):
        name, obj = self._undefined_name, self._undefined_obj
        if self._undefined_hint:
            hint = self._undefined_hint
            raise UndefinedError(f"not allowed in a template: {hint}" if "unsafe" in hint else hint)
        if obj is missing:
            raise UndefinedError(f"unknown name '{name}'{did_you_mean(str(name), self.top_level)}")
        if isinstance(obj, Mapping):
            known = [str(k) for k in obj]
            return_hint = did_you_mean(str(name), known)
            raise UndefinedError(f"no field '{name}' here{return_hint or '; it has ' + _some(known)}")
        raise UndefinedError(f"'{name}' is not a field of a {type(obj).__name__} value")

    __str__ = __iter__ = __len__ = __bool__ = __eq__ = __ne__ = __hash__ = __int__ = __float__ = \
        _fail_with_undefined_error  # type: ignore[assignment]
    __getattr__ = _fail_with_undefined_error  # type: ignore[assignment]


def _some(known: list[str]) -> str:
    shown = ", ".join(f"'{k}'" for k in sorted(known)[:8])
    return (shown + ", ...") if len(known) > 8 else (shown or "no fields")


class TemplateEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, where `x.name` on a mapping reads its key first (`plan.items` is the plan's field, not
    the dict method)."""

    def getattr(self, obj: Any, attribute: str) -> Any:  # noqa: A003 - Jinja's name
        if isinstance(obj, Mapping) and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Mapping) and isinstance(argument, str) and argument in obj:
            return obj[argument]
        return super().getitem(obj, argument)


def _as_date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise ValueError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def _as_time(value: Any) -> dt.time | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"'{value}' is not a time (HH:MM)") from None


def _number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ValueError(f"'{value}' is not a number") from None
    return value


_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def markdown_html(text: str | None) -> str:
    """The plan's Markdown as escaped HTML: paragraphs, bullet lists, bold, italic; links as text and address
    (plan text never becomes a live link)."""
    out: list[str] = []
    in_list = False
    for block in parse_markdown(text):
        inner = "".join(
            (f"<strong>{html.escape(s.text)}</strong>" if s.bold else f"<em>{html.escape(s.text)}</em>" if s.italic
             else html.escape(s.text)) for s in block.spans)
        inner = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", inner)
        if block.bullet and not in_list:
            out.append("<ul>")
            in_list = True
        elif not block.bullet and in_list:
            out.append("</ul>")
            in_list = False
        out.append(f"<li>{inner}</li>" if block.bullet else f"<p>{inner}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def filters(fmt: Formatter) -> dict[str, Callable[..., Any]]:
    """The formatting filters, as the built-in documents format: money, number, percent, date, time."""

    def money(value: Any, decimals: int = 0) -> str:
        return fmt.money(_number(value), decimals)

    def number(value: Any, decimals: int = 0) -> str:
        return fmt.number(_number(value), decimals)

    def percent(value: Any, decimals: int = 0) -> str:
        """A fraction as a percentage: 0.46 -> 46%."""
        return fmt.percent(_number(value), decimals)

    def date(value: Any, style: str = "short") -> str:
        day = _as_date(value)
        if style not in ("short", "long"):
            raise ValueError(f"date style '{style}': use 'short' (10 Dec 2026) or 'long' (Thursday 10 December 2026)")
        return fmt.long_date(day) if style == "long" else fmt.date(day)

    def time(value: Any) -> str:
        moment = _as_time(value)
        return fmt.time(moment) if moment is not None else "–"

    return {"money": money, "number": number, "percent": percent, "date": date, "time": time}


def make_environment(fmt: Formatter, top_level: Mapping[str, Any], *, autoescape: bool = False,
                     markdown: Callable[[Any], Any] | None = None) -> TemplateEnvironment:
    """The sandboxed environment for one render: filters on `fmt`, unknown names checked against
    `top_level` (the context's names), `markdown` the format's own rendering of plan Markdown (default:
    escaped HTML when autoescaping, else the text without its markers)."""
    undefined = type("Undefined", (KapdocsUndefined,), {"__slots__": (), "top_level": tuple(top_level)})
    env = TemplateEnvironment(undefined=undefined, autoescape=autoescape, keep_trailing_newline=True,
                              extensions=["jinja2.ext.loopcontrols"],
                              finalize=lambda value: "" if value is None else value)  # an unset field: nothing
    env.filters.update(filters(fmt))
    if markdown is None:
        if autoescape:
            from markupsafe import Markup

            def markdown(value: Any) -> Any:
                return Markup(markdown_html(None if value is None else str(value)))
        else:
            def markdown(value: Any) -> Any:
                return plain(None if value is None else str(value))
    env.filters["markdown"] = markdown
    return env


def used_names(env: TemplateEnvironment, source: str) -> set[str]:
    """Top-level names a template reads (for `template check`)."""
    from jinja2 import meta

    return set(meta.find_undeclared_variables(env.parse(source)))


__all__ = ["KapdocsUndefined", "TemplateEnvironment", "filters", "make_environment", "markdown_html", "nodes",
           "used_names"]
