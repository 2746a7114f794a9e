"""Type stubs of the quotelens package."""

import os
from typing import Any, Iterable, List, Optional, Union

__version__: str
QUOTE_COLUMNS: List[str]

class QuotelensError(Exception):
    """An article that cannot be read or analysed; the message is the CLI's one line."""

def analyze(text: str, source: str = "text") -> dict[str, Any]: ...
def analyze_file(path: Union[str, os.PathLike[str]], review: bool = True) -> dict[str, Any]: ...
def analyze_many(
    items: Iterable[Union[str, os.PathLike[str]]],
    jobs: Optional[int] = None,
    review: bool = False,
) -> List[dict[str, Any]]: ...
def quote_rows(result: dict[str, Any]) -> List[tuple[Any, ...]]: ...
def quotes_frame(results: Iterable[dict[str, Any]]) -> Any: ...
