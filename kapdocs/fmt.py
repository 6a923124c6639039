"""How numbers, money, shares and dates read in the documents (en-GB by default, en-US too)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

LOCALES = ("en-GB", "en-US")
"""Locales the documents can be written for."""

_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "JPY": "¥", "INR": "₹", "CHF": "CHF ", "AUD": "A$",
            "CAD": "C$", "NZD": "NZ$", "SEK": "SEK ", "NOK": "NOK ", "DKK": "DKK ", "PLN": "PLN "}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MINUS = "\u2212"


@dataclass(frozen=True, slots=True)
class Formatter:
    """Formats values for one currency, volume unit and locale."""

    currency: str = "GBP"
    volume_unit: str = ""
    locale: str = "en-GB"

    @property
    def symbol(self) -> str:
        """The currency symbol, or the ISO code and a space when there is no common symbol."""
        return _SYMBOLS.get(self.currency, f"{self.currency} ")

    def number(self, value: float | None, decimals: int = 0) -> str:
        """`12,345` (a true minus sign for negatives); an en dash when absent."""
        if value is None:
            return "–"
        text = f"{abs(value):,.{decimals}f}"
        return f"{_MINUS}{text}" if value < 0 and text.strip("0.,") else text

    def money(self, value: float | None, decimals: int = 0) -> str:
        """`£12,345`, `−£1,200`; an en dash when absent."""
        if value is None:
            return "–"
        text = f"{self.symbol}{abs(value):,.{decimals}f}"
        return f"{_MINUS}{text}" if value < 0 and round(abs(value), decimals) else text

    def volume(self, value: float | None) -> str:
        """`6,000 tonnes`."""
        if value is None:
            return "–"
        return f"{self.number(value)} {self.volume_unit}".rstrip()

    def percent(self, share: float | None, decimals: int = 0) -> str:
        """A fraction as a percentage: 0.35 -> `35%`."""
        if share is None:
            return "–"
        return f"{self.number(share * 100, decimals)}%"

    def date(self, value: dt.date | None) -> str:
        """`10 Dec 2026` (en-GB) or `Dec 10, 2026` (en-US); an en dash when absent."""
        if value is None:
            return "–"
        month = _MONTHS[value.month - 1]
        if self.locale == "en-US":
            return f"{month} {value.day}, {value.year}"
        return f"{value.day} {month} {value.year}"

    def long_date(self, value: dt.date | None) -> str:
        """`Thursday 10 December 2026` (en-GB) or `Thursday, December 10, 2026` (en-US)."""
        if value is None:
            return "–"
        day = value.strftime("%A")
        month = value.strftime("%B")
        if self.locale == "en-US":
            return f"{day}, {month} {value.day}, {value.year}"
        return f"{day} {value.day} {month} {value.year}"

    def time(self, value: dt.time) -> str:
        """`10:00` (en-GB) or `10:00 AM` (en-US)."""
        if self.locale == "en-US":
            hour = value.hour % 12 or 12
            return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"
        return f"{value.hour:02d}:{value.minute:02d}"


def for_plan(plan, locale: str = "en-GB") -> Formatter:
    """The formatter for a plan's currency and volume unit."""
    return Formatter(plan.account.currency, plan.account.volume_unit, locale)
