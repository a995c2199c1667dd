"""fmt: every comment is kept or the file is refused at the comment; ruamel's failures are located problems;
the schema line is always the project's own. (Key order and values: tests/unit/test_contributing.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mmptm_site.cli import main
from mmptm_site.data import fmt as fmt_module
from mmptm_site.data.fmt import FormatError, format_text
from mmptm_site.data.load import parse
from mmptm_site.data.writer import schema_line

OWN = schema_line("models")
PATH = Path("data/models/beta.yaml")
HEAD = OWN + "id: beta\nname: Beta\ntitle: T\nyear: 2022\nneeds_review: true\nreview_note: check\n"

# the reproductions
FLOW_MAPPING_COMMENT = HEAD + "links: {arxiv: '2301.12597', # note\n  doi: 10.1000/xyz}\n"
AFTER_DOCUMENT_END = HEAD + "...\n# a note after the end\n"
TAB_BEFORE_COMMENT = HEAD.replace("year: 2022\n", "year: 2022\t# of the arXiv version\n")


def refusal(text: str, path: Path = PATH) -> tuple[int, int, str]:
    with pytest.raises(FormatError) as caught:
        format_text(text, path)
    [problem] = caught.value.problems
    return problem.line, problem.column, problem.message


def test_a_comment_inside_a_flow_mapping_is_refused_at_the_comment():
    line, column, message = refusal(FLOW_MAPPING_COMMENT)
    assert (line, column) == (8, 30) and "fmt would drop this comment" in message and "own" in message


def test_a_comment_after_the_document_end_is_refused_at_the_comment():
    line, column, message = refusal(AFTER_DOCUMENT_END)
    assert (line, column) == (9, 1) and "fmt would drop this comment" in message


def test_a_tab_before_a_comment_is_a_located_problem_not_a_traceback():
    assert parse(TAB_BEFORE_COMMENT, PATH).data["year"] == 2022  # the validator reads it
    line, column, message = refusal(TAB_BEFORE_COMMENT)
    assert (line, column) == (5, 11) and "replace the tab with spaces" in message


def test_any_other_ruamel_failure_is_a_located_problem(monkeypatch):
    def broken_dump(self, data, stream):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(fmt_module.YAML, "dump", broken_dump)
    line, column, message = refusal(HEAD)
    assert (line, column) == (1, 1) and "maximum recursion depth" in message


def test_the_command_goes_on_after_a_refused_file_and_changes_none_of_them(data_dir, capsys):
    models = data_dir / "models"
    broken = {
        "a1.yaml": FLOW_MAPPING_COMMENT.replace("id: beta", "id: a1"),
        "a2.yaml": TAB_BEFORE_COMMENT.replace("id: beta", "id: a2"),
        "a3.yaml": AFTER_DOCUMENT_END.replace("id: beta", "id: a3"),
    }
    for name, text in broken.items():
        (models / name).write_text(text, encoding="utf-8")
    for check in (["--check"], []):
        assert main(["fmt", *check]) == 1
        out = capsys.readouterr().out
        assert "data/models/a1.yaml:8:30: fmt would drop this comment" in out
        assert "data/models/a2.yaml:5:11: fmt cannot rewrite this file" in out
        assert "data/models/a3.yaml:9:1: fmt would drop this comment" in out
        assert "data/models/gamma.yaml" in out  # the files after the refused ones were still done
        assert "Traceback" not in out
        for name, text in broken.items():
            assert (models / name).read_text(encoding="utf-8") == text


# Comments wherever a contributor may put them: each is kept, or the file is refused at that comment.
PLACES = [
    "# above a key\n" + HEAD.removeprefix(OWN),
    HEAD.replace("title: T\n", "title: T  # after a value\n"),
    HEAD.replace("title: T\n", "title:  # after a key\n  T\n"),
    HEAD + "tags: [a, b]  # after a flow list\n",
    HEAD + "tags: [a, # inside a flow list\n  b]\n",
    HEAD + "links: {arxiv: '2301.12597'}  # after a flow mapping\n",
    HEAD + "links: {arxiv: '2301.12597', # inside a flow mapping\n  doi: 10.1000/xyz}\n",
    HEAD + "tags:\n  - a  # after an item\n  # between items\n  - b\n",
    HEAD + "summary: |  # on a block scalar's header\n  some text\n# after a block scalar\n",
    HEAD + "architecture:  # above a nested mapping\n  interaction: single-stream  # inside it\n",
    HEAD + "# at the end\n",
    HEAD + "...\n# after the end\n",
    HEAD.replace("year: 2022\n", "year: 2022\t# after a tab\n"),
    HEAD.replace("title: T\n", "title: T  #no space\n"),
    HEAD.replace("title: T\n", "title: T  # twice\n").replace("name: Beta\n", "name: Beta  # twice\n"),
]


@pytest.mark.parametrize("text", PLACES)
def test_every_comment_is_kept_or_the_file_is_refused_at_it(text):
    notes = [line[line.index("#") :] for line in text.splitlines()[1:] if "#" in line]
    try:
        formatted = format_text(text, PATH)
    except FormatError as error:
        [problem] = error.problems
        where = text.splitlines()[problem.line - 1]
        assert where[problem.column - 1 :].startswith("#") or "tab" in problem.message
        return
    for note in notes:
        assert formatted.count(note) == text.count(note), note
    assert format_text(formatted, PATH) == formatted


# --- the same, for records hypothesis makes up ------------------------------------------------------

NOTE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12).map(
    lambda s: s.replace("\x85", "").strip()
)
FIELDS = {
    "title": "T",
    "year": "2022",
    "needs_review": "true",
    "review_note": "check",
    "tags": ["a", "no", "'1e3'"],
    "links": {"arxiv": "'2301.12597'", "doi": "10.1000/xyz"},
    "summary": "|\n  some text\n  # not a comment\n",
}


@st.composite
def commented_records(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A record in a random key order and style, with numbered comments in random places."""
    notes: list[str] = []
    spaces = ["  ", " ", "\t"] if draw(st.integers(0, 3)) == 0 else ["  ", " "]  # most records have no tab

    def note() -> str:
        notes.append(f"#c{len(notes)} {draw(NOTE)}".rstrip())
        return notes[-1]

    def maybe(before: str) -> str:
        return before + draw(st.sampled_from(spaces)) + note() if draw(st.booleans()) else before

    lines = [OWN.rstrip("\n"), "id: beta", "name: Beta"]
    for key in draw(st.permutations(list(FIELDS))):
        if draw(st.booleans()):
            lines.append(note())
        value = FIELDS[key]
        if isinstance(value, str) and value.startswith("|"):
            header, body = value.split("\n", 1)
            lines.append(maybe(f"{key}: {header}"))
            lines.append(body.rstrip("\n"))
        elif isinstance(value, str):
            lines.append(maybe(f"{key}: {value}"))
        elif draw(st.booleans()):  # flow style, perhaps with a comment inside
            items = [f"{k}: {v}" for k, v in value.items()] if isinstance(value, dict) else list(value)
            inside = f", {note()}\n  " if draw(st.booleans()) else ", "
            opening, closing = "{}" if isinstance(value, dict) else "[]"
            lines.append(maybe(f"{key}: {opening}{items[0]}{inside}{', '.join(items[1:])}{closing}"))
        else:
            lines.append(maybe(f"{key}:"))
            items = (
                [f"  {k}: {v}" for k, v in value.items()] if isinstance(value, dict) else [f"  - {v}" for v in value]
            )
            lines += [maybe(item) for item in items]
    if draw(st.booleans()):
        lines += ["..." if draw(st.booleans()) else "", note()]
    return "\n".join(lines) + "\n", notes


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(commented_records())
def test_fmt_never_drops_a_comment_silently(case):
    text, notes = case
    try:
        formatted = format_text(text, PATH)
    except FormatError as error:  # refused: at a comment, or (a tab) where ruamel stopped
        [problem] = error.problems
        assert 1 <= problem.line <= len(text.splitlines())
        return
    for note in notes:
        assert note in formatted, note
    assert parse(formatted, PATH).data == parse(text, PATH).data
    assert format_text(formatted, PATH) == formatted


# --- the schema line ---------------------------------------------------------------------------------

FOREIGN = [
    "# yaml-language-server: $schema=https://evil.example/model.json\n",
    "# yaml-language-server: $schema=/etc/model.schema.json\n",
    "# yaml-language-server: $schema=../schema/model.schema.json\n",
    "#   yaml-language-server  : $schema=../../schema/model.schema.json\n",
    "# $schema: https://evil.example/model.json\n",
    schema_line("datasets"),  # another kind's schema
]


@pytest.mark.parametrize("line", FOREIGN)
def test_fmt_replaces_a_foreign_schema_line_with_the_projects_own(line):
    formatted = format_text(line + HEAD.removeprefix(OWN), PATH)
    assert formatted == HEAD


def test_fmt_removes_a_comment_naming_a_schema_anywhere_else():
    text = HEAD.replace("title: T\n", "title: T  # yaml-language-server: $schema=https://evil.example/x\n")
    text += "# yaml-language-server: $schema=https://evil.example/y\n"
    assert format_text(text, PATH) == HEAD


def test_fmt_check_reports_every_foreign_schema_line_and_fmt_replaces_them(data_dir, capsys):
    path = data_dir / "models" / "beta.yaml"
    text = FOREIGN[0] + HEAD.removeprefix(OWN).replace("title: T\n", "title: T  # $schema: https://x.example\n")
    path.write_text(text, encoding="utf-8")
    assert main(["fmt", "--check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "data/models/beta.yaml:1:1: only the project's own schema may be named here" in out
    assert "data/models/beta.yaml:4:11: only the project's own schema" in out
    assert path.read_text(encoding="utf-8") == text
    assert main(["fmt", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == HEAD
    assert main(["fmt", "--check", str(path)]) == 0
