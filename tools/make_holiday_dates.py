"""Write ``src/timeline/resources/lexicon/holiday_dates.tsv``: the Gregorian dates of the
holidays of lunar and lunisolar calendars, which no Gregorian rule gives.

For developers only: the package never runs this script nor imports its libraries; it
reads the committed TSV. Rerun it (and commit the result) only to change the years or
the conventions. The calendar libraries live in a throwaway virtual environment, never
in the package's::

    python3 -m venv /tmp/hvenv
    /tmp/hvenv/bin/pip install hijridate convertdate lunardate pyluach
    /tmp/hvenv/bin/python tools/make_holiday_dates.py

Libraries: hijridate (Umm al-Qura Islamic calendar), convertdate (Hebrew calendar;
pyluach computes every Hebrew date a second time and the two must agree), lunardate
(Chinese calendar).

Conventions (repeated in the TSV header):
- a row is one observance: its first day and its length in days; a Gregorian year may
  hold two observances of an Islamic holiday (the Islamic year is 11 days shorter);
- Islamic dates follow the Umm al-Qura calendar of Saudi Arabia; countries that start
  a month on sighting the moon may differ by a day;
- Jewish holidays begin at sundown the evening before the first day written here (the
  first seder of Passover is the evening before); Passover is counted 8 days, as it is
  kept outside Israel (7 in Israel), Rosh Hashanah 2 days;
- Diwali is left out: no library consulted computes its main day reliably (the days
  differ between traditions and the tables we found disagree).
"""

from __future__ import annotations

import importlib.metadata
from datetime import date
from pathlib import Path
from typing import Callable, Iterator

FIRST_YEAR, LAST_YEAR = 1990, 2045
OUTPUT = Path(__file__).resolve().parent.parent / "src" / "timeline" / "resources" / "lexicon" / "holiday_dates.tsv"
LIBRARIES = ("hijridate", "convertdate", "lunardate", "pyluach")

# Hebrew years as convertdate and pyluach number them: the year changes at Tishri (the
# autumn), so Nisan (month 1) of Gregorian year G is in Hebrew year G + 3760 and
# Tishri (month 7) and Kislev (month 9) of G in G + 3761.
NISAN, TISHRI, KISLEV = 1, 7, 9
HEBREW_OFFSET = 3760


def _hebrew(year: int, month: int, day: int) -> date:
    """A Hebrew date in the Gregorian calendar, computed by two libraries that must agree."""
    from convertdate import hebrew
    from pyluach.dates import HebrewDate

    first = date(*hebrew.to_gregorian(year, month, day))
    second = HebrewDate(year, month, day).to_pydate()
    if first != second:
        raise SystemExit(f"Hebrew {year}-{month}-{day}: convertdate {first}, pyluach {second}")
    return first


def _jewish() -> Iterator[tuple[str, date, int]]:
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        yield "passover", _hebrew(year + HEBREW_OFFSET, NISAN, 15), 8
        yield "rosh_hashanah", _hebrew(year + HEBREW_OFFSET + 1, TISHRI, 1), 2
        yield "yom_kippur", _hebrew(year + HEBREW_OFFSET + 1, TISHRI, 10), 1
        yield "hanukkah", _hebrew(year + HEBREW_OFFSET + 1, KISLEV, 25), 8


# Islamic months (hijridate numbers them 1-12)
RAMADAN, SHAWWAL, DHU_AL_HIJJAH = 9, 10, 12
# Eid al-Fitr is kept three days (1-3 Shawwal), Eid al-Adha four (10-13 Dhu al-Hijjah,
# with the days of Tashriq): the festivals news reports, not the single feast day.
EID_AL_FITR_DAYS, EID_AL_ADHA_DAYS = 3, 4


def _islamic() -> Iterator[tuple[str, date, int]]:
    from hijridate import Gregorian, Hijri

    first = Gregorian(FIRST_YEAR, 1, 1).to_hijri().year - 1
    last = Gregorian(LAST_YEAR, 12, 31).to_hijri().year + 1
    for year in range(first, last + 1):
        ramadan = Hijri(year, RAMADAN, 1).to_gregorian()
        eid = Hijri(year, SHAWWAL, 1).to_gregorian()
        # Ramadan runs to the day before Eid al-Fitr (29 or 30 days)
        yield "ramadan", ramadan, (eid - ramadan).days
        yield "eid_al_fitr", eid, EID_AL_FITR_DAYS
        yield "eid_al_adha", Hijri(year, DHU_AL_HIJJAH, 10).to_gregorian(), EID_AL_ADHA_DAYS


def _chinese() -> Iterator[tuple[str, date, int]]:
    from lunardate import LunarDate

    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        # the first day of the first month; the festival's holidays vary by country
        yield "lunar_new_year", LunarDate(year, 1, 1).to_solar_date(), 1


SOURCES: tuple[Callable[[], Iterator[tuple[str, date, int]]], ...] = (_islamic, _jewish, _chinese)

# Known dates the libraries must reproduce (a wrong month or year offset shows here).
CHECKS = {
    ("lunar_new_year", date(2024, 2, 10)),
    ("ramadan", date(2024, 3, 11)),
    ("eid_al_fitr", date(2024, 4, 10)),
    ("passover", date(2024, 4, 23)),
    ("hanukkah", date(2023, 12, 8)),
    ("yom_kippur", date(2023, 9, 25)),
    ("rosh_hashanah", date(2023, 9, 16)),
}


def rows() -> list[tuple[str, date, int]]:
    """Every observance whose first day falls in FIRST_YEAR..LAST_YEAR, by name and day."""
    found = [row for source in SOURCES for row in source() if FIRST_YEAR <= row[1].year <= LAST_YEAR]
    missing = CHECKS - {(name, first) for name, first, _ in found}
    if missing:
        raise SystemExit(f"known dates not reproduced: {sorted(missing)}")
    return sorted(found)


HEADER = """\
# Generated by tools/make_holiday_dates.py; do not edit by hand (rerun the script).
# Libraries: {libraries}.
# The Gregorian dates of holidays of lunar and lunisolar calendars, {first}-{last}
# (observances whose first day falls in those years). Columns: name (the key that
# holidays.tsv names as dates:NAME), Gregorian year of the first day, first day (ISO),
# length in days. A year may hold two observances of an Islamic holiday.
# Conventions: Islamic dates follow the Umm al-Qura calendar (Saudi Arabia); where a
# month starts on sighting the moon the observance may begin a day later. Eid al-Fitr is
# counted 3 days, Eid al-Adha 4. Jewish holidays begin at sundown the evening before the
# first day written here; Passover is counted 8 days (outside Israel; 7 in Israel),
# Rosh Hashanah 2. Lunar New Year is the first day of the Chinese lunar year.
"""


def main() -> None:
    libraries = ", ".join(f"{name} {importlib.metadata.version(name)}" for name in LIBRARIES)
    lines = [HEADER.format(libraries=libraries, first=FIRST_YEAR, last=LAST_YEAR)]
    lines += [f"{name}\t{first.year}\t{first.isoformat()}\t{days}\n" for name, first, days in rows()]
    OUTPUT.write_text("".join(lines), encoding="utf-8")
    print(f"{OUTPUT}: {len(lines) - 1} rows")


if __name__ == "__main__":
    main()
