"""load: YAML with positions, and the files it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from mmptm_site.data.load import MAX_DEPTH, Mark, load_file, parse, symlinked_folder
from mmptm_site.data.problems import DataError


def problem_text(text: str) -> str:
    with pytest.raises(DataError) as caught:
        parse(text, Path("f.yaml"))
    [problem] = caught.value.problems
    return problem.text()


def test_values_and_positions():
    loaded = parse("# comment\nid: clip\nlinks:\n  code:\n    - url: x\n      official: no\n", Path("f.yaml"))
    assert loaded.data == {"id": "clip", "links": {"code": [{"url": "x", "official": False}]}}
    assert loaded.positions.values[("id",)] == Mark(2, 5)
    assert loaded.positions.keys[("links",)] == Mark(3, 1)
    assert loaded.positions.values[("links", "code", 0, "official")] == Mark(6, 17)
    assert loaded.positions.plain[("links", "code", 0, "official")] == "no"


def test_yaml_1_1_reading_is_kept_with_its_source_text():
    loaded = parse("arxiv: 2103.00020\nquoted: '2103.00020'\nday: 2021-01-05\n", Path("f.yaml"))
    assert loaded.data["arxiv"] == 2103.0002
    assert loaded.positions.plain[("arxiv",)] == "2103.00020"
    assert loaded.data["quoted"] == "2103.00020"
    assert ("quoted",) not in loaded.positions.plain
    assert str(loaded.data["day"]) == "2021-01-05"


def test_nearest_position_for_a_missing_loc():
    loaded = parse("a:\n  b: 1\n", Path("f.yaml"))
    assert loaded.positions.of_value(("a", "b", "c")) == Mark(2, 6)
    assert loaded.positions.of_key(("a", "zzz")) == Mark(2, 3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1: duplicate key `a` (first at line 1); keep only one"),
        ("a: &x 1\n", "f.yaml:1:4: YAML anchors and aliases (`&name`, `*name`) are not allowed; write the value out"),
        (
            "a: 1\nb: *x\n",
            "f.yaml:2:4: YAML anchors and aliases (`&name`, `*name`) are not allowed; write the value out",
        ),
        ("a: [1,\n", "f.yaml:2:1: YAML syntax error: while parsing a flow node did not find expected node content"),
        ("", "f.yaml:1:1: file is empty"),
        ("# only a comment\n", "f.yaml:1:1: file is empty"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: a data file holds one YAML document; remove the `---`"),
        (
            "a: !!python/name:os.system x\n",
            "f.yaml:1:4: the tag 'tag:yaml.org,2002:python/name:os.system' is not allowed; remove it",
        ),
        ("? [a]\n: 1\n", "f.yaml:1:3: a key must be a plain word, not a mapping or list"),
        ("day: 2021-13-45\n", "f.yaml:1:6: cannot read '2021-13-45': month must be in 1..12; quote it"),
        ("a: 1\nb: \x07\n", "f.yaml:2:4: the character U+0007 is not allowed in YAML; remove it"),
    ],
)
def test_refused_documents(text, expected):
    assert problem_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # PyYAML's constructors failed on these with KeyError and AttributeError: a traceback, not a problem
        (
            "a: !!bool maybe\n",
            "f.yaml:1:4: cannot read 'maybe' with the tag 'tag:yaml.org,2002:bool': it is not true or false; quote it",
        ),
        (
            "a: !!timestamp soon\n",
            "f.yaml:1:4: cannot read 'soon' with the tag 'tag:yaml.org,2002:timestamp': it is not a date; quote it",
        ),
        # PyYAML's constructors of collections return a generator for a scalar: a value no record can hold
        (
            "a: !!map x\n",
            "f.yaml:1:4: the tag 'tag:yaml.org,2002:map' is for a mapping or a list, not a single value; remove it",
        ),
        (
            "a: !!seq x\n",
            "f.yaml:1:4: the tag 'tag:yaml.org,2002:seq' is for a mapping or a list, not a single value; remove it",
        ),
    ],
)
def test_explicit_tags_that_do_not_fit_the_text_are_located_problems(text, expected):
    assert problem_text(text) == expected


def test_explicit_tags_that_fit_the_text_are_read_as_pyyaml_reads_them():
    loaded = parse("a: !!bool tRuE\nb: !!timestamp 2021-01-05\nc: !!int '7'\n", Path("f.yaml"))
    assert loaded.data == {"a": True, "b": __import__("datetime").date(2021, 1, 5), "c": 7}


def test_billion_laughs_is_refused_before_expansion():
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    bomb += "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8))
    assert "anchors and aliases" in problem_text(bomb)


def test_deep_nesting_is_refused():
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    assert f"nested more than {MAX_DEPTH} levels deep" in problem_text(text)


def write(tmp_path: Path, content: bytes, name: str = "r.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def file_problem(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_file(path)
    [problem] = caught.value.problems
    return problem.message


def test_not_utf8_is_located(tmp_path):
    path = write(tmp_path, b"id: x\nname: caf\xe9\n")
    with pytest.raises(DataError) as caught:
        load_file(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (2, 10)
    assert problem.message == "file is not UTF-8 (byte 0xe9); save it with UTF-8 encoding"


def test_too_large(tmp_path):
    path = write(tmp_path, b"a: " + b"x" * (1024 * 1024) + b"\n")
    assert file_problem(path) == "file is 1,048,580 bytes; a data file may be at most 1 MiB"


def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "sparse.yaml"
    with path.open("wb") as stream:
        stream.truncate(3 * 1024**3)  # 3 GiB on paper, nothing on disk
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the whole file was read"))
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: pytest.fail("the file was opened"))
    assert file_problem(path) == "file is 3,221,225,472 bytes; a data file may be at most 1 MiB"


def test_byte_order_mark_and_crlf_are_accepted(tmp_path):
    path = write(tmp_path, "\ufeffid: x\r\nname: y\r\n".encode())
    assert load_file(path).data == {"id": "x", "name": "y"}


def test_symlink_and_directory_are_refused(tmp_path):
    target = write(tmp_path, b"a: 1\n", "target.yaml")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert file_problem(link) == "data files may not be symbolic links; replace it with the file itself"
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert file_problem(folder) == "expected a file here"


@pytest.mark.parametrize(
    "text",
    [
        "id: x\nname: 'a **bold** & *starred* title'\n",  # looks like an alias to the quick check
        "id: x\nlist: [a, b]\nmap: {a: 1}\n",
        "id: x\nday: 2021-01-05\narxiv: 2103.00020\nflag: no\nempty:\n",
    ],
)
def test_values_equal_pyyaml_safe_load(text):
    import yaml

    assert parse(text, Path("f.yaml")).data == yaml.safe_load(text)


def test_merge_keys_are_refused():
    assert problem_text("a: 1\n<<: {b: 2}\n") == (
        "f.yaml:2:1: `<<` has a special meaning in YAML that records do not use; quote it"
    )


def test_very_deep_flow_nesting_is_refused_quickly():
    text = "a: " + "[" * 500_000 + "]" * 500_000 + "\n"
    assert "nest" in problem_text(text)


def test_symlinked_folder_below_the_root(tmp_path):
    root = tmp_path / "data"
    (root / "models").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "deeper").mkdir(parents=True)
    (root / "vocab").symlink_to(elsewhere)
    (root / "models" / "linked").symlink_to(elsewhere / "deeper")
    root_link = tmp_path / "data-link"
    root_link.symlink_to(root)
    assert symlinked_folder(root / "models" / "x.yaml", root) is None
    assert symlinked_folder(root / "surveys.yaml", root) is None
    assert symlinked_folder(root / "vocab" / "tasks.yaml", root) == root / "vocab"
    assert symlinked_folder(root / "models" / "linked" / "x.yaml", root) == root / "models" / "linked"
    assert symlinked_folder(root_link / "models" / "x.yaml", root_link) is None  # the root is the caller's choice
