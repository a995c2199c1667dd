"""Where the comments of a YAML text are, found with the validator's own scanner (libyaml).

YAML's scanner skips comments rather than returning them, so a comment is found as what lies between
tokens: between two tokens there is only white space, line breaks and comments, so every `#` there
starts a comment that runs to the end of its line. The one comment inside a token is on a block
scalar's header line (`summary: |  # note`), which the scanner consumes with the header; it is read
from that line. `fmt` uses this to prove that a rewrite kept every comment of the original.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

try:  # libyaml's scanner: the one `load` parses with, so both agree on what is a comment
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - exercised only where libyaml is missing
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# YAML 1.1's line breaks, as libyaml counts lines (str.splitlines knows more, e.g. form feed)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][0-9+-]*[ \t]+(#[^\r\n\x85\u2028\u2029]*)")


@dataclass(frozen=True)
class Comment:
    line: int  # 1-based
    column: int  # 1-based
    text: str  # from `#` to the end of the line, without trailing white space
    start: int  # offset of the `#` in the text
    end: int  # offset just after the comment's last character


def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in _LINE_BREAK.finditer(text)]


def _line_end(text: str, offset: int) -> int:
    match = _LINE_BREAK.search(text, offset)
    return match.start() if match else len(text)


def _token_spans(text: str, starts: list[int]) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of every token, in order; yaml.YAMLError if the text is not YAML."""
    loader = _Loader(text)
    try:
        while (token := loader.get_token()) is not None:
            begin, finish = token.start_mark, token.end_mark
            yield starts[begin.line] + begin.column, starts[finish.line] + finish.column
    finally:
        loader.dispose()


def _comment_at(text: str, starts: list[int], offset: int) -> Comment:
    end = _line_end(text, offset)
    body = text[offset:end].rstrip(" \t")
    line = bisect.bisect_right(starts, offset) - 1
    return Comment(line + 1, offset - starts[line] + 1, body, offset, offset + len(body))


def comments(text: str) -> list[Comment]:
    """Every comment of `text` in the order it appears; yaml.YAMLError if `text` is not YAML."""
    starts = _line_starts(text)
    found: list[Comment] = []
    position = 0  # where the gap after the last token begins
    for begin, finish in [*_token_spans(text, starts), (len(text), len(text))]:
        while (hash_at := text.find("#", position, begin)) != -1:
            comment = _comment_at(text, starts, hash_at)
            found.append(comment)
            position = _line_end(text, hash_at)
        if begin < finish and text[begin] in "|>":  # a block scalar: its header line may end in a comment
            header = _BLOCK_HEADER_COMMENT.match(text, begin, _line_end(text, begin))
            if header:
                found.append(_comment_at(text, starts, header.start(1)))
        position = max(position, finish)
    return found
