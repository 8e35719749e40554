"""The sandbox template packs are rendered in: Jinja2's, plus a budget of work, size and digits.

A pack given with ``--modello`` is untrusted input. Jinja2's ``SandboxedEnvironment`` stops it
from reaching Python's internals, but not from asking for a 300 MB string, a loop of 10¹⁰ turns
or a number of a million digits. Here every loop turn, attribute lookup and call (macros,
methods, filters) spends a step of a budget, plus one per 64 characters or items it handles;
the operators that can make huge values (``*``, ``**``, ``+``, ``%``, ``~``) and the filters
and methods that pad, repeat or multiply text (``center``, ``indent``, ``batch``, ``replace``,
``join``, ``format``…) are checked *before* they run; every value made and the text written
are measured as the skeletons render. Going past a limit raises
:class:`LimitExceeded`, which says in Italian what the pack asked for.

The limits, and why:

- ``MAX_FILE_CHARS`` (2,000,000 characters, about 2 MB, some 1,000 pages): a skeleton is the
  outline of one section; the bundled ones render to a few KB. ``pwkit check`` reads section
  files up to 5 MB and YAML data up to 1 MB, so a bigger file would be unusable anyway. The same
  bound applies to any string or list a skeleton builds.
- ``MAX_TOTAL_CHARS`` (20,000,000, about 20 MB): all the files of a new project together (each is
  kept twice: in the project and as the base of ``upgrade``).
- ``MAX_STEPS`` (1,000,000): loop turns, lookups and calls (a macro call counts
  ``MACRO_STEPS``, as it costs Jinja2 as much as that many loop turns); the bundled pack spends
  about 8,000. Measured on a 2-core PC: nested loops reach the limit in 0.5 s, the slowest kind
  of step (assignments to a ``namespace``) in about 6 s.
- ``MAX_SECONDS`` (10): a last guard on wall-clock time, for work the steps weigh too little;
  the bundled pack renders in about 0.1 s.
- ``MAX_INT_DIGITS`` (1,000): no outline needs a bigger number; Python itself refuses to print
  numbers of more than 4,300 digits.
"""

from __future__ import annotations

import functools
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment

MAX_FILE_CHARS = 2_000_000
MAX_TOTAL_CHARS = 20_000_000
MAX_STEPS = 1_000_000
MAX_SECONDS = 10.0
MAX_INT_DIGITS = 1_000
#: One step of the budget per this many characters or items a call handles.
CHARS_PER_STEP = 64
#: Steps of one macro call (measured: about 30 times the cost of a loop turn).
MACRO_STEPS = 32

#: Filters and ``str`` methods whose numeric arguments are a width or a count of repetitions.
_WIDTHS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs", "indent", "batch", "slice"})
_SIZED = (str, bytes, list, tuple, dict, set, frozenset)
_PRINTF_WIDTH = re.compile(r"%[-#0 +]*(\d+|\*)?(?:\.(\d+|\*))?")
_BRACE_FIELD = re.compile(r"\{[^{}]*:([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}")


def _amount(value: int, noun: str) -> str:
    """«2.000.000 di caratteri», «1.000 cifre»: Italian grouping, «di» after whole millions."""
    of = " di" if value >= 1_000_000 and value % 1_000_000 == 0 else ""
    return f"{value:,}".replace(",", ".") + f"{of} {noun}"


class LimitExceeded(Exception):
    """A template pack asked for more than the sandbox allows; ``what`` says what, in Italian."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def too_big() -> LimitExceeded:
    """The error for a value or a width over the limits."""
    return LimitExceeded(
        "costruisce un testo o una lista troppo grande (più di "
        f"{_amount(MAX_FILE_CHARS, 'caratteri o elementi')}) o un numero di più di "
        f"{_amount(MAX_INT_DIGITS, 'cifre')}"
    )


class Budget:
    """What the skeletons of one ``init`` or ``upgrade`` have spent so far."""

    def __init__(self) -> None:
        self.steps = 0
        self.written = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def spend(self, steps: int = 1) -> None:
        """Count ``steps`` of work; past the budget of steps or of time, stop the rendering."""
        self.steps += steps
        if self.steps > MAX_STEPS:
            raise LimitExceeded(
                f"richiede troppo lavoro (più di {_amount(MAX_STEPS, 'operazioni')} tra giri di "
                "ciclo e chiamate): forse cicli annidati troppo grandi o una macro che richiama "
                "se stessa"
            )
        if time.monotonic() >= self.deadline:
            raise LimitExceeded(f"impiega troppo tempo (più di {MAX_SECONDS:g} secondi)")

    def write(self, chars: int) -> None:
        """Count text written to the new project; past the total, stop the rendering."""
        self.written += chars
        if self.written > MAX_TOTAL_CHARS:
            raise LimitExceeded(
                "produce troppo testo: i file del nuovo progetto supererebbero in tutto "
                f"{_amount(MAX_TOTAL_CHARS, 'caratteri')}"
            )


def size_of(value: Any) -> int:
    """Characters or items of a string or a collection; 0 for anything else."""
    return len(value) if isinstance(value, _SIZED) else 0


def checked(value: Any) -> Any:
    """``value``, unless it is a string, a collection or a number bigger than the limits."""
    if isinstance(value, int) and value.bit_length() > _max_int_bits():
        raise too_big()
    if size_of(value) > MAX_FILE_CHARS:
        raise too_big()
    return value


def _max_int_bits() -> int:
    return math.ceil(MAX_INT_DIGITS * math.log2(10))


def _cost(*values: Any) -> int:
    return 1 + sum(size_of(v) for v in values) // CHARS_PER_STEP


def _refuse_oversized(name: str, subject: Any, arguments: list[Any]) -> None:
    """Before a filter or a ``str`` method runs, refuse what would pad, repeat or multiply text.

    ``subject`` is the value filtered or the string whose method is called.
    """
    if name in _WIDTHS:
        _refuse_widths(arguments)
    elif name in ("format", "format_map") and isinstance(subject, str):
        _refuse_format(subject, arguments)
    elif name == "replace" and isinstance(subject, str) and len(arguments) >= 2:
        _refuse_over(_replaced_size(subject, arguments[0], arguments[1]))
    elif name == "join":
        if isinstance(subject, str):  # "sep".join(items)
            _refuse_over(_joined_size(subject, arguments[0] if arguments else ()))
        else:  # items|join(sep)
            _refuse_over(_joined_size(arguments[0] if arguments else "", subject))


def _refuse_over(size: int) -> None:
    if size > MAX_FILE_CHARS:
        raise too_big()


def _replaced_size(text: str, old: Any, new: Any) -> int:
    if not (isinstance(old, str) and isinstance(new, str)) or len(new) <= len(old):
        return 0
    return len(text) + text.count(old) * (len(new) - len(old))


def _joined_size(separator: Any, items: Any) -> int:
    if not (isinstance(separator, str) and isinstance(items, list | tuple)):
        return 0
    return len(separator) * len(items) + sum(size_of(item) for item in items)


def _refuse_widths(values: Iterable[Any]) -> None:
    """Refuse an integer argument that would pad or repeat beyond the size limit."""
    for value in values:
        if isinstance(value, int) and abs(value) > MAX_FILE_CHARS:
            raise too_big()


def _refuse_format(template: str, arguments: Iterable[Any]) -> None:
    """Refuse a ``%`` or ``{}`` format that would write more than the size limit.

    Widths and precisions written in the format, or given as arguments (``%*d``, ``{:{}}``),
    are checked, and so is each field filled with the biggest argument.
    """
    values = [v for a in arguments for v in ([*a.values()] if isinstance(a, dict) else [a])]
    numbers: list[str] = []
    starred = False
    for width, precision in _PRINTF_WIDTH.findall(template):
        numbers += [n for n in (width, precision) if n.isdigit()]
        starred = starred or "*" in (width, precision)
    for spec in _BRACE_FIELD.findall(template):
        numbers += re.findall(r"\d+", re.sub(r"\{[^{}]*\}", "", spec))
        starred = starred or "{" in spec
    if any(int(n) > MAX_FILE_CHARS for n in numbers):
        raise too_big()
    if starred:  # the width comes from the arguments
        _refuse_widths(values)
    fields = template.count("%") + template.count("{")
    if len(template) + fields * max(map(size_of, values), default=0) > MAX_FILE_CHARS:
        raise too_big()


#: The filter every ``{% for %}`` iterable goes through (Jinja2 allows no new node types).
COUNTED = "__pwkit_conta__"


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja2's compiler, with loops counted and ``~`` measured before it joins."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in list(node.find_all(nodes.For)):
            loop.iter = nodes.Filter(loop.iter, COUNTED, [], [], None, None, lineno=loop.lineno)
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.joined((")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("))")


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja2's sandbox with a :class:`Budget` (one per environment, so per rendering)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _BoundedCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.budget = Budget()
        self.globals.pop("lipsum", None)  # makes up to any number of paragraphs in one call
        self.filters = {name: self._bounded(name, f) for name, f in self.filters.items()}
        self.filters[COUNTED] = pass_context(lambda _, iterable: self.counted(iterable))

    def render_text(self, name: str, values: dict[str, Any]) -> str:
        """Render the template ``name``, stopping as soon as its text is over the limits."""
        chunks: list[str] = []
        size = 0
        for chunk in self.get_template(name).generate(values):
            size += len(chunk)
            if size > MAX_FILE_CHARS:
                raise LimitExceeded(
                    f"produce un file troppo grande (più di {_amount(MAX_FILE_CHARS, 'caratteri')})"
                )
            self.budget.write(len(chunk))
            chunks.append(chunk)
        return "".join(chunks)

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The items of a loop, one step each."""
        for item in iterable:
            self.budget.spend()
            yield item

    def joined(self, parts: tuple[Any, ...]) -> str:
        """``a ~ b ~ c``, measured before the pieces are joined."""
        texts = [str(part) for part in parts]
        if sum(len(text) for text in texts) > MAX_FILE_CHARS:
            raise too_big()
        self.budget.spend(_cost(*texts))
        return "".join(texts)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``a.b``: one step (attribute lookups are most of a skeleton's work)."""
        self.budget.spend()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """``a[b]``: one step."""
        self.budget.spend()
        return super().getitem(obj, argument)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """``*``, ``**``, ``+`` and ``%``, refused when the result would be over the limits."""
        if operator == "*":
            _refuse_product(left, right)
        elif operator == "**":
            _refuse_power(left, right)
        elif operator == "+":
            if size_of(left) + size_of(right) > MAX_FILE_CHARS:
                raise too_big()
        elif operator == "%" and isinstance(left, str):
            _refuse_format(left, right if isinstance(right, tuple) else (right,))
        result = checked(super().call_binop(context, operator, left, right))
        self.budget.spend(_cost(result))
        return result

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        """Every call from a template (macros, methods, ``loop(…)``) spends from the budget."""
        receiver = getattr(obj, "__self__", None)
        steps = MACRO_STEPS if isinstance(obj, Macro) else 1
        self.budget.spend(steps - 1 + _cost(receiver, *args, *kwargs.values()))
        if isinstance(receiver, str):
            _refuse_oversized(getattr(obj, "__name__", ""), receiver, [*args, *kwargs.values()])
        if isinstance(obj, LoopContext) and args:  # a recursive loop's next level
            args = (self.counted(args[0]), *args[1:])
        result = checked(super().call(context, obj, *args, **kwargs))
        checked(receiver)  # a list grown by append or extend
        self.budget.spend(_cost(result))
        return result

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``"…".format(…)``: checked before it runs, like the other ``str`` methods.

        Jinja2 hands out its own wrapper for ``format``, so :meth:`call` cannot see the string.
        """
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        template: str = value.__self__

        @functools.wraps(wrapper)
        def bounded(*args: Any, **kwargs: Any) -> str:
            _refuse_format(template, [*args, *kwargs.values()])
            return wrapper(*args, **kwargs)

        return bounded

    def _bounded(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """A filter that spends from the budget and refuses to pad or repeat beyond the limits."""
        passed = 1 if hasattr(function, "jinja_pass_arg") else 0  # context or environment

        @functools.wraps(function)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            self.budget.spend(_cost(*args, *kwargs.values()))
            if len(args) > passed:
                subject, rest = args[passed], [*args[passed + 1 :], *kwargs.values()]
                _refuse_oversized(name, subject, rest)
            result = checked(function(*args, **kwargs))
            self.budget.spend(_cost(result))
            return result

        return bounded


def _refuse_product(left: Any, right: Any) -> None:
    """``"x" * n``, ``[0] * n`` and ``a * b`` between integers, checked before they run."""
    for sequence, times in ((left, right), (right, left)):
        if isinstance(sequence, str | bytes | list | tuple) and isinstance(times, int):
            _refuse_over(len(sequence) * times)
    if isinstance(left, int) and isinstance(right, int):
        _refuse_bits(left.bit_length() + right.bit_length())


def _refuse_power(base: Any, exponent: Any) -> None:
    """``a ** b`` between integers whose result would have too many digits."""
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        _refuse_bits(exponent * math.log2(abs(base)))


def _refuse_bits(bits: float) -> None:
    if bits > _max_int_bits():
        raise too_big()
