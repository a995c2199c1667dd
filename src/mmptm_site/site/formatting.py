"""Numbers written for people: parameter counts as '428 M', results as printed."""

from __future__ import annotations

import math


def human_count(value: int | None) -> str:
    """428000000 → '428 M', 1200000000 → '1.2 B', 300000 → '300 K'."""
    if value is None:
        return "—"
    for size, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")):
        if value >= size:
            scaled = value / size
            digits = 0 if scaled >= 100 else (1 if scaled >= 10 else 2)
            text = f"{scaled:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{scaled:.0f}"
            return f"{text} {suffix}"
    return str(value)


def human_number(value: float) -> str:
    """Results as printed: 76.5 stays 76.5, 133.0 becomes 133, never 1e+02."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return f"{value:g}" if abs(value) >= 1e-4 else repr(value)


def human_count_range(sizes: tuple[int, int] | None) -> str:
    """A model's sizes across its variants: (7e9, 34e9) → '7–34 B', (3.5e8, 1.1e9) → '350 M – 1.1 B'."""
    if sizes is None:
        return "—"
    low, high = (human_count(size) for size in sizes)
    if low == high:
        return low
    (low_number, low_unit), (high_number, high_unit) = low.split(" "), high.split(" ")
    return f"{low_number}–{high_number} {high_unit}" if low_unit == high_unit else f"{low} – {high}"


def lower_first(title: str) -> str:
    """A title inside a sentence: 'Pre-training datasets' → 'pre-training datasets'; 'VQA tasks' stays."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title
