"""How figures read on the page: $45,160, $17.59 an hour, 25% to 35% above."""

from decimal import ROUND_HALF_UP, Decimal


def money(amount: int | Decimal | None, *, open_ended: bool = False) -> str:
    if amount is None:
        return "not on file"
    rounded = int(Decimal(amount).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    text = f"${rounded:,}" if rounded >= 0 else f"−${-rounded:,}"
    return text + ("+" if open_ended else "")


def hourly(amount: Decimal | None) -> str:
    if amount is None:
        return "not on file"
    return f"${Decimal(amount).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"


def money_range(low, high, *, open_ended: bool = False) -> str:
    if high is None:
        return money(low, open_ended=True)
    return f"{money(low)} to {money(high, open_ended=open_ended)}"


NO_PREMIUM = "no measured effect on pay"


def premium_range(low, high) -> str:
    """A premium added to pay: none at all is said in words, never "$0 to $0"."""
    if not low and not high:
        return NO_PREMIUM
    return money_range(low, high)


def number(value: Decimal | int) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def percent(value: Decimal | int) -> str:
    return f"{number(value)}%"


def signed_percent(value: Decimal | int) -> str:
    value = Decimal(value)
    if value > 0:
        return f"+{number(value)}%"
    if value < 0:
        return f"−{number(-value)}%"
    return "0%"


def adjustment_range(low: Decimal, high: Decimal) -> str:
    """Say a percentage range against the national figure in words."""
    low, high = Decimal(low), Decimal(high)
    if low == 0 and high == 0:
        return "in line with"
    if low >= 0:
        spread = percent(low) if low == high else f"{percent(low)} to {percent(high)}"
        return f"{spread} above"
    if high <= 0:
        spread = percent(-high) if low == high else f"{percent(-high)} to {percent(-low)}"
        return f"{spread} below"
    return f"{percent(-low)} below to {percent(high)} above"


def years_label(years_from: int, years_to: int | None) -> str:
    """An experience band's span: "3–7 years", or "8+ years" for the open-ended last band."""
    if years_to is None:
        return f"{years_from}+ years"
    return f"{years_from}–{years_to - 1} years"


def years_phrase(years: int) -> str:
    """ "2 years", "1 year", "no years" """
    if years == 0:
        return "no years"
    return f"{years} year{'' if years == 1 else 's'}"
