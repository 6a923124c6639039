"""Jinja2's errors turned into located template errors: which line, which words, and why."""

from __future__ import annotations

from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError

TEMPLATE_FILENAME = "<template>"
"""The file name Jinja2 gives a template compiled from a string; its frames carry the template's lines."""


def template_line(exc: BaseException) -> int | None:
    """The template line `exc` was raised at: a syntax error's own line, else the last traceback frame of
    the template (Jinja2 maps its compiled code back to template lines)."""
    if isinstance(exc, TemplateSyntaxError):
        return exc.lineno
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == TEMPLATE_FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def reason(exc: BaseException) -> str:
    """What went wrong, in the template author's words."""
    if isinstance(exc, SecurityError):
        return f"not allowed in a template: {exc}"
    if isinstance(exc, TemplateSyntaxError):
        return f"syntax error: {exc.message}"
    if isinstance(exc, UndefinedError):
        return str(exc)
    if isinstance(exc, (ValueError, TypeError, ArithmeticError, LookupError)):
        return f"{type(exc).__name__.replace('Error', ' error').strip()}: {exc}"
    return str(exc) or type(exc).__name__


RENDER_ERRORS = (TemplateSyntaxError, UndefinedError, SecurityError, ValueError, TypeError, ArithmeticError,
                 LookupError, RecursionError)
"""What rendering a template may raise because of the template (or the data it meets)."""
