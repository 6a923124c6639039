"""Write the plan format reference (Markdown) from the model's field docstrings.

The README carries it between the markers `<!-- plan-reference:start -->` and
`<!-- plan-reference:end -->`, and the table of what customer documents leave out
(generated from the model's visibility declarations) between `<!-- editions:start -->`
and `<!-- editions:end -->`, and the fields a template can use (from the view's shape)
between `<!-- view-fields:start -->` and `<!-- view-fields:end -->`; `python
tools/plan_reference.py --write` refreshes all three, and tests fail when one is out of date.
"""

from __future__ import annotations

import sys
import types
import typing
from pathlib import Path

from pydantic import BaseModel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kapdocs.model import Plan  # noqa: E402
from kapdocs.model.docs import describe_models  # noqa: E402

describe_models()  # the reference prints every field's docstring
from kapdocs.model.base import Wording  # noqa: E402
from kapdocs.view.visibility import editions_table  # noqa: E402

START, END = "<!-- plan-reference:start -->", "<!-- plan-reference:end -->"
EDITIONS = ("<!-- editions:start -->", "<!-- editions:end -->")
VIEW_FIELDS = ("<!-- view-fields:start -->", "<!-- view-fields:end -->")


def _type(annotation) -> tuple[str, type[BaseModel] | None]:
    """A readable type name and the nested model, if any."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type(args[0])
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        name, model = _type(inner[0])
        return name, model
    if origin is list:
        name, model = _type(args[0])
        return f"list of {name}", model
    if origin is dict:
        name, model = _type(args[1])
        return f"map of name to {name}", model
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args), None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "mapping", annotation
    names = {str: "text", Wording: "text¹", int: "whole number", float: "number", bool: "true/false"}
    if annotation in names:
        return names[annotation], None
    return getattr(annotation, "__name__", str(annotation)).replace("date", "date (YYYY-MM-DD)"), None


def _metadata(field) -> list:
    """Constraints on the field, including those of an Annotated alias inside Optional or list."""
    found = list(field.metadata)
    pending = [field.annotation]
    while pending:
        annotation = pending.pop()
        if typing.get_origin(annotation) is typing.Annotated:
            for extra in typing.get_args(annotation)[1:]:  # a pydantic Field() carries its own metadata
                found.extend(getattr(extra, "metadata", None) or [extra])
        elif typing.get_origin(annotation) in (typing.Union, types.UnionType):
            pending.extend(typing.get_args(annotation))
    return found


def _bounds(field) -> str:
    out = []
    for m in _metadata(field):
        for attr, sign in (("ge", "≥"), ("le", "≤"), ("min_length", "length ≥")):
            value = getattr(m, attr, None)
            if value is not None:
                out.append(f"{sign} {value:g}" if isinstance(value, (int, float)) else f"{sign} {value}")
    return f" ({', '.join(out)})" if out else ""


def reference() -> str:
    lines = ["| key | type | meaning |", "|---|---|---|"]
    done: set = set()

    def walk(model: type[BaseModel], prefix: str) -> None:
        for name, field in model.model_fields.items():
            key = field.alias or name
            path = f"{prefix}{key}"
            type_name, nested = _type(field.annotation)
            required = " **required**" if field.is_required() else ""
            meaning = " ".join((field.description or "").split()).replace("|", "\\|")
            lines.append(f"| `{path}` | {type_name}{_bounds(field)}{required} | {meaning} |")
            if nested is not None and (nested, path) not in done:
                done.add((nested, path))
                walk(nested, f"{path}{'[].' if type_name.startswith('list') else '.'}")

    walk(Plan, "")
    lines.append("")
    lines.append("¹ Text, or `{text: ..., customer: ...}` to give customer documents other words, or "
                 "`{text: ..., internal: true}` to keep it out of them (see \"Who sees what\").")
    return "\n".join(lines) + "\n"


def _between(text: str, markers: tuple[str, str], body: str) -> str:
    head, rest = text.split(markers[0], 1)
    _, tail = rest.split(markers[1], 1)
    return f"{head}{markers[0]}\n{body}{markers[1]}{tail}"


def main() -> None:
    readme = ROOT / "README.md"
    if "--write" not in sys.argv:
        sys.stdout.write(reference())
        return
    text = readme.read_text(encoding="utf-8")
    new = _between(text, (START, END), reference())
    new = _between(new, EDITIONS, editions_table())
    from kapdocs.templating.shape import fields_reference

    new = _between(new, VIEW_FIELDS, fields_reference())
    if "--write" in sys.argv:
        readme.write_text(new, encoding="utf-8")
    else:
        sys.stdout.write(reference())


if __name__ == "__main__":
    main()
