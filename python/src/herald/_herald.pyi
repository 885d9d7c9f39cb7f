"""Type stubs of herald's Rust extension (crates/herald-py). Use it through ``herald``."""

from os import PathLike
from typing import Any

__version__: str
DEFAULT_CHUNK: int

class CodingError(RuntimeError):
    """An article the pipeline could not code (a bug, or over its CPU budget)."""

class Pipeline:
    """herald's pipeline, loaded once (see ``herald.Pipeline``)."""

    def __init__(
        self,
        dictionaries: str | PathLike[str] | None = None,
        jobs: int | None = None,
        *,
        model: str | PathLike[str] | None = None,
        parse: bool = True,
        knowledge: bool = True,
        require_dyad: bool = False,
        keep_negated: bool = False,
        keep_hypothetical: bool = False,
        intent_codes: bool = True,
        actors_from: str = "words",
        comma_min: int = 2,
        comma_max: int = 8,
        comma_bmin: int = 0,
        comma_bmax: int = 0,
        comma_emin: int = 2,
        comma_emax: int = 8,
        new_actor_length: int = 0,
        max_sentences: int = 5000,
        max_sentence_bytes: int = 16384,
        max_coded_bytes: int = 1048576,
        max_cpu_per_article: float = 60.0,
    ) -> None: ...
    def code_json(
        self,
        text: str,
        date: Any = None,
        id: str | int | None = None,
        title: str | None = None,
        url: str | None = None,
        source: str | None = None,
    ) -> str:
        """One article's JSON line, exactly as ``herald code`` writes it."""
    def _code_records(
        self, records: list[Any], first: int = 0, jobs: int | None = None
    ) -> list[tuple[str, str | None, str]]: ...
    @property
    def jobs(self) -> int | None:
        """Worker threads of batches when a call names none (None: every core)."""
    @property
    def parses(self) -> bool:
        """Whether a syntax model is loaded."""
    @property
    def dictionary_problems(self) -> int:
        """Dictionary entries skipped or repaired while loading."""

def char_offsets(text: str, offsets: list[int]) -> list[int]:
    """Python string indices of UTF-8 byte offsets into ``text``."""

def paragraphs(text: str) -> list[tuple[int, int]]:
    """herald's paragraphs of ``text`` as ``(start, end)`` byte spans."""

def normalize_date(value: Any) -> str | None:
    """A publication date read as ``herald code`` reads one: ``YYYY-MM-DD`` or None."""

def data_dir() -> str:
    """herald's data folder (dictionaries, models) as the extension sees it."""

def _set_data_dir(path: str | PathLike[str]) -> bool: ...
