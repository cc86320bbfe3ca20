"""Per-sentence and per-article values worked out when first read, and remembered within a bound."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TypeVar, overload

T = TypeVar("T")
D = TypeVar("D")

# Values a memo keeps: a few questions' worth of candidate sentences and their neighbours. Dropping them
# all at once when full is cheap, and a value is the same however often it is worked out.
REMEMBERED = 16384


class LazySequence(Sequence[T]):
    """A sequence of length size whose item n is make(n), worked out when first read and remembered."""

    def __init__(self, size: int, make: Callable[[int], T], remembered: int = REMEMBERED) -> None:
        self._size = size
        self._make = make
        self._remembered = remembered
        self._made: dict[int, T] = {}

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, number: int) -> T: ...
    @overload
    def __getitem__(self, number: slice) -> Sequence[T]: ...
    def __getitem__(self, number: int | slice) -> T | Sequence[T]:
        if isinstance(number, slice):
            return [self[n] for n in range(self._size)[number]]
        found = self._made.get(number)
        if found is not None:
            return found
        if not -self._size <= number < self._size:
            raise IndexError("sentence number out of range")
        if number < 0:
            return self[number + self._size]
        if len(self._made) >= self._remembered:
            self._made.clear()
        made = self._made[number] = self._make(number)
        return made


class LazyMapping(Mapping[str, T]):
    """A mapping over known keys whose value for a key is make(key), worked out when first read and remembered."""

    def __init__(self, keys: Sequence[str], make: Callable[[str], T], remembered: int = REMEMBERED) -> None:
        self._keys = keys
        self._known = frozenset(keys)
        self._make = make
        self._remembered = remembered
        self._made: dict[str, T] = {}

    def __getitem__(self, key: str) -> T:
        found = self._made.get(key)
        if found is not None:
            return found
        if key not in self._known:
            raise KeyError(key)
        if len(self._made) >= self._remembered:
            self._made.clear()
        made = self._made[key] = self._make(key)
        return made

    @overload
    def get(self, key: str, /) -> T | None: ...
    @overload
    def get(self, key: str, /, default: T | D) -> T | D: ...
    def get(self, key: str, /, default: object = None) -> object:
        """The value for key, or default for a key the mapping does not know (Mapping.get, without its try and except:
        the answer path reads a few hundred headlines and settings a question)."""
        found = self._made.get(key)
        if found is not None:
            return found
        return self[key] if key in self._known else default

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
