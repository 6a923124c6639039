"""How numbers, money, shares and dates read in the documents (en-GB by default, en-US too)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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

    def signed(self, value: float | None, *, money: bool = False) -> str:
        """A gap: `+1,200` ahead, `−300` behind (money with the currency symbol); an en dash when absent."""
        if value is None:
            return "–"
        shown = self.money(value) if money else self.number(value)
        return "+" + shown if value > 0 and shown.strip("£$€¥₹0.,") else shown

    def as_typed(self, value: float | None) -> str:
        """A baseline, target or weight as the plan has it: 6200 reads `6,200`, 94.1 stays `94.1`."""
        if value is None:
            return "–"
        if float(value).is_integer():
            return self.number(value)
        return self.number(value, 2).rstrip("0").rstrip(".")

    def score(self, value: float | None) -> str:
        """A 0-10 score to one decimal, halves rounded up: 6.95 reads `7.0` wherever it is shown."""
        if value is None:
            return "–"
        # round away float noise first (6.949999999999999 from a weighted sum is 6.95), then halves up
        rounded = Decimal(f"{value:.6f}").quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return self.number(float(rounded), 1)

    def times(self, value: float | None, decimals: int = 2) -> str:
        """A ratio: `1.48×`; an en dash when absent."""
        return "–" if value is None else f"{self.number(value, decimals)}×"

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

    def points(self, value: float | None, decimals: int | None = None) -> str:
        """A value already in percent: 97 -> `97%`, 97.5 -> `97.5%` (decimals as needed, at most one)."""
        if value is None:
            return "–"
        if decimals is None:
            decimals = 0 if abs(value - round(value)) < 1e-9 else 1
        return f"{self.number(value, decimals)}%"

    def share(self, value: float | None) -> str:
        """A fraction as a percentage with the decimals it needs: 0.975 -> `97.5%`, 0.35 -> `35%`."""
        return "–" if value is None else self.points(value * 100)

    def weight(self, value: float | None) -> str:
        """A weight as written (shares of 1 or of 100): 0.3 -> `0.30`, 30 -> `30`."""
        if value is None:
            return "–"
        return self.number(value, 2) if value <= 1 else self.number(value, 0 if float(value).is_integer() else 1)

    def metric(self, value: float | None, unit: str | None, *, fraction: bool = True) -> str:
        """A measured value with its unit. For unit `%`, `fraction` says whether the value is a
        fraction (0.97 -> `97%`) or already in percent (97 -> `97%`); see `percent_is_fraction`."""
        if value is None:
            return "–"
        if unit == "%":
            return self.share(value) if fraction else self.points(value)
        decimals = 0 if float(value).is_integer() else (1 if float(value * 10).is_integer() else 2)
        return f"{self.number(value, decimals)} {unit or ''}".rstrip()

    def label(self, value: str | None, labels: dict[str, str]) -> str:
        """An enumerated value's label from one of `kapdocs.view.vocabulary`'s tables; an en dash when absent."""
        if value is None:
            return "–"
        return labels.get(value) or value.replace("_", " ").capitalize()

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


def percent_is_fraction(*values: float | None) -> bool:
    """Whether the values of one measure in `%` are fractions (all within ±1.5) rather than percents.

    The plan format documents `%` values as fractions (0.97); a measure typed in percent (97) is
    read as such, the same way in every document.
    """
    return all(v is None or abs(v) <= 1.5 for v in values)
