"""The schema of a data file, as pydantic models.

One model per section entry. The JSON Schema that editors use to check
`data/*.yaml` while someone types is generated from `DataFile`
(`python -m loaders schema`), so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

ERAS = ("legacy", "current")
STAGES = {
    "lgsp": ("planned", "building", "trial", "operational"),
    "ngsp": ("planned", "connecting", "connected"),
    "ioc": ("planned", "building", "trial", "operational"),
    "ioc_local": ("planned", "building", "trial", "operational"),
    "architecture": ("1.0", "2.0", "3.0", "4.0"),
    "smart_city": ("planned", "approved", "piloting", "operational"),
    "cluster": tuple(str(n) for n in range(1, 9)),
}
FIELDS = tuple(STAGES)

_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def today() -> dt.date:
    return dt.date.today()


def _number_to_text(value):
    # An unquoted year (`date: 2020`) reaches us as an int.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def period_start(text: str) -> dt.date:
    """The first day of the period a partial date names ("2020-07" -> 1 July 2020)."""
    parts = [int(p) for p in text.split("-")]
    return dt.date(*(parts + [1] * (3 - len(parts))))


def period_end(text: str) -> dt.date:
    """The last day of that period ("2020" -> 31 Dec 2020): by then the fact held."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    year, month = parts
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def check_partial_date(text: str) -> str:
    """A real date (YYYY, YYYY-MM or YYYY-MM-DD) that is not in the future."""
    if not re.match(_DATE_PATTERN, text):
        raise ValueError("must be a date written YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in text.split("-")]
    year, month, day = parts + [1] * (3 - len(parts))
    try:
        start = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' is not a date that exists") from None
    if year < 1990:
        raise ValueError(f"'{text}' is before 1990, earlier than any e-government fact")
    if start > today():
        raise ValueError(f"'{text}' is in the future")
    return text


PartialDate = Annotated[
    str,
    BeforeValidator(_number_to_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": _DATE_PATTERN},
                {"type": "integer", "minimum": 1990, "maximum": 2100},
            ],
            "description": "YYYY, YYYY-MM or YYYY-MM-DD",
        }
    ),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Code = Annotated[str, StringConstraints(pattern=r"^\d{2}$")]
SourceId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=120)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# http(s), a dotted host name (ASCII; IDN hosts in punycode), an optional port,
# then no spaces, quotes, angle brackets or invisible format characters.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_URL = re.compile(
    rf"https?://{_LABEL}(?:\.{_LABEL})+\.?(?::(?P<port>\d{{1,5}}))?"
    r"""(?:[/?#][^\s<>"`\\^{|}\u200b-\u200f\u2028-\u202e\u2060\ufeff]*)?"""
)


class Source(_Strict):
    id: SourceId
    title: Text
    publisher: Text
    url: Annotated[str, StringConstraints(max_length=2000)]
    published: PartialDate
    scope: Literal["province", "national"] = "province"
    note: Text | None = None

    @field_validator("url")
    @classmethod
    def _http_only(cls, url: str) -> str:
        address = _URL.fullmatch(url)
        if not address or int(address["port"] or 80) > 65535:
            raise ValueError("must be an http:// or https:// address")
        return url

    @field_validator("published")
    @classmethod
    def _date(cls, value: str) -> str:
        return check_partial_date(value)


class _FactBase(_Strict):
    era: Literal["legacy", "current"]
    code: Annotated[str, StringConstraints(pattern=r"^(\d{2}|all)$")] = Field(
        description='two-digit official code in that era, quoted; or "all" for national evidence'
    )
    name: Text | None = None
    date: PartialDate
    date_basis: Literal["event", "article"] = "event"
    sources: list[SourceId] = Field(min_length=1)
    note: Text | None = None
    conflict: Text | None = None

    @field_validator("date")
    @classmethod
    def _date(cls, value: str) -> str:
        return check_partial_date(value)

    @model_validator(mode="after")
    def _name_unless_all(self):
        if self.code != "all" and not self.name:
            raise ValueError("name is required (it must match the unit table)")
        return self


Stage4 = Literal["planned", "building", "trial", "operational"]


class LgspFact(_FactBase):
    field: Literal["lgsp"]
    value: Stage4


class NgspFact(_FactBase):
    field: Literal["ngsp"]
    value: Literal["planned", "connecting", "connected"]


class IocFact(_FactBase):
    field: Literal["ioc"]
    value: Stage4
    builder: Text | None = None


class LocalIocFact(_FactBase):
    field: Literal["ioc_local"]
    value: Stage4
    place: Text
    builder: Text | None = None


class ArchitectureFact(_FactBase):
    field: Literal["architecture"]
    value: Annotated[Literal["1.0", "2.0", "3.0", "4.0"], BeforeValidator(str)]
    stage: Literal["issued", "drafting"] = "issued"
    decision: Text | None = None
    decision_date: PartialDate | None = None


class SmartCityFact(_FactBase):
    field: Literal["smart_city"]
    value: Literal["planned", "approved", "piloting", "operational"]
    pilot: Text
    place: Text | None = None
    partner: Text | None = None
    years: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{4})?$")] | None = None
    ascn: bool = False


class ClusterFact(_FactBase):
    field: Literal["cluster"]
    value: Annotated[
        Literal["1", "2", "3", "4", "5", "6", "7", "8"], BeforeValidator(_number_to_text)
    ]
    year: int = Field(ge=2000, le=2100)
    role: Literal["member", "head", "deputy"] = "member"


Fact = Annotated[
    Union[
        LgspFact, NgspFact, IocFact, LocalIocFact, ArchitectureFact, SmartCityFact, ClusterFact
    ],
    Field(discriminator="field"),
]


class LegacyUnit(_Strict):
    code: Code
    name: Text
    kind: Literal["province", "city"]
    successor: Code
    note: Text | None = None


class CurrentUnit(_Strict):
    code: Code
    name: Text
    kind: Literal["province", "city"]
    predecessors: list[Code] = Field(min_length=1)
    note: Text | None = None


class Units(_Strict):
    legacy: list[LegacyUnit] = []
    current: list[CurrentUnit] = []


class Formation(_Strict):
    code: Code
    name: Text
    predecessors: list[Code] = Field(min_length=1)
    date: PartialDate
    sources: list[SourceId] = Field(min_length=1)
    note: Text | None = None


class NationalFact(_Strict):
    id: SourceId
    kind: Literal["framework", "count", "platform"]
    date: PartialDate
    value: Annotated[str, BeforeValidator(_number_to_text)]
    of: Annotated[str, BeforeValidator(_number_to_text)] | None = None
    indicator: Literal[FIELDS] | None = None  # type: ignore[valid-type]
    label: Text
    sources: list[SourceId] = Field(min_length=1)
    note: Text | None = None
    conflict: Text | None = None

    @field_validator("date")
    @classmethod
    def _date(cls, value: str) -> str:
        return check_partial_date(value)


class Searched(_Strict):
    era: Literal["legacy", "current"]
    code: Code
    name: Text
    field: Literal[FIELDS]  # type: ignore[valid-type]
    note: Text


class DataFile(_Strict):
    """One YAML file under data/: every section optional, merged across files."""

    units: Units | None = None
    sources: list[Source] = []
    facts: list[Fact] = []
    formations: list[Formation] = []
    national: list[NationalFact] = []
    searched: list[Searched] = []


SECTIONS = {
    "sources": Source,
    "facts": Fact,
    "formations": Formation,
    "national": NationalFact,
    "searched": Searched,
}
