"""The one registry of rules: each rule is a function registered with its catalogue code.

A rule on the whole project's data takes a ``RuleContext`` (``@rule("PW401")``); a rule on a
section's prose takes the section's spec, file and body (``@prose_rule("PW103")``). Each
reports the findings of its one code, whose texts are in the catalogue. Adding a rule is the
function, its catalogue entry and its cases: the modules of ``pwkit.rules`` are all imported
before the rules run, so no list needs to name it.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, TypeVar

from pwkit.base.diagnostics import Diagnostic
from pwkit.base.findings import CATALOGUE, codes
from pwkit.model.common import LeftOutField
from pwkit.rules.context import RuleContext

if TYPE_CHECKING:
    from pwkit.load.markdown import Body
    from pwkit.pack.manifest import SectionSpec

Rule = Callable[[RuleContext], Iterable[Diagnostic]]
ProseRule = Callable[["SectionSpec", str, "Body"], Iterable[Diagnostic]]

_R = TypeVar("_R", bound=Rule)
_P = TypeVar("_P", bound=ProseRule)

_PROJECT: list[tuple[str, Rule]] = []
_PROSE: list[tuple[str, ProseRule]] = []


def rule(code: str) -> Callable[[_R], _R]:
    """Register a rule on the project's data that reports the findings of ``code``."""
    _in_catalogue(code)

    def register(function: _R) -> _R:
        _PROJECT.append((code, function))
        return function

    return register


def prose_rule(code: str) -> Callable[[_P], _P]:
    """Register a rule on a section's prose that reports the findings of ``code``."""
    _in_catalogue(code)

    def register(function: _P) -> _P:
        _PROSE.append((code, function))
        return function

    return register


def _in_catalogue(code: str) -> None:
    if code not in codes():
        raise ValueError(f"{code} has no entry in the rule catalogue ({CATALOGUE.name})")


@cache
def _import_families() -> None:
    """Import every module of ``pwkit.rules`` once, so that each registers its rules."""
    package = importlib.import_module(__package__ or "pwkit.rules")
    for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        importlib.import_module(module.name)


def project_rules() -> list[tuple[str, Rule]]:
    """Every rule on the project's data with its code, in code order."""
    _import_families()
    return sorted(_PROJECT, key=lambda registered: registered[0])


def prose_rules() -> list[tuple[str, ProseRule]]:
    """Every rule on a section's prose with its code, in code order."""
    _import_families()
    return sorted(_PROSE, key=lambda registered: registered[0])


def run_rules(context: RuleContext) -> list[Diagnostic]:
    """Run every rule on the project's data; one that needs a value left out stops there.

    What a rule found before it reached that value stays: each finding was made from valid
    data alone (``comuni_target`` beyond the Comuni is said even if a survey figure the same
    rule reads next was left out).
    """
    found: list[Diagnostic] = []
    for _, check in project_rules():
        try:
            for diagnostic in check(context):
                found.append(diagnostic)
        except LeftOutField:
            continue
    return found


def check_prose(spec: SectionSpec, rel: str, body: Body) -> list[Diagnostic]:
    """Run every rule on the prose of one section (``rel`` is its file)."""
    return [found for _, check in prose_rules() for found in check(spec, rel, body)]
