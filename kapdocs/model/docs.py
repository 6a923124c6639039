"""The fields' descriptions (their attribute docstrings), read only when a schema or reference needs them.

pydantic can read every field's docstring as its description while it builds each model class
(`use_attribute_docstrings`), but that parses the source of every class at import, about 30 ms of
every command, while only `kapdocs schema`, `context --schema`, `init` and the README reference
print descriptions. `describe_models()` reads them on demand and rebuilds the models, so that the
JSON Schema is the same as if they had been read at import.
"""

from __future__ import annotations

_DESCRIBED = False


def _all_models() -> list[type]:
    from .base import Model

    found: list[type] = []
    stack = list(Model.__subclasses__())
    while stack:
        cls = stack.pop(0)
        if cls not in found:
            found.append(cls)
            stack.extend(cls.__subclasses__())
    return found


def describe_models() -> None:
    """Give every plan model's fields their docstrings as descriptions (once per process)."""
    global _DESCRIBED
    if _DESCRIBED:
        return
    from pydantic._internal._docs_extraction import extract_docstrings_from_cls

    from .plan import Plan

    models = _all_models()
    for cls in models:
        docs = extract_docstrings_from_cls(cls, use_inspect=True)
        for name, info in cls.model_fields.items():
            if info.description is None and name in docs:
                info.description = docs[name]
    # a model's schema embeds those of the models it holds: rebuild until the plan's schema is stable
    previous = None
    for _ in range(10):
        for cls in models:
            cls.model_rebuild(force=True)
        Plan.model_rebuild(force=True)
        current = Plan.model_json_schema(by_alias=True)
        if current == previous:
            break
        previous = current
    _DESCRIBED = True
