"""yaml_comments: every comment of a YAML text, at its line and column, and nothing inside a scalar."""

from __future__ import annotations

import pytest
import yaml

from mmptm_site.data.yaml_comments import comments

CASES = [
    # (text, [(line, column, comment text)])
    ("a: 1  # one\n", [(1, 7, "# one")]),
    ("# top\na: 1\n", [(1, 1, "# top")]),
    ("a: 'x # no'  # yes\n", [(1, 14, "# yes")]),
    ('a: "x # no"\n', []),
    ("a: x#no\n", []),  # `#` after a non-space is part of a plain scalar
    ("a: {b: 1, # in a flow mapping\n  c: 2}\n", [(1, 11, "# in a flow mapping")]),
    ("a: [1, # in a flow list\n  2]\n", [(1, 8, "# in a flow list")]),
    ("a: 1\n...\n# after the end\n", [(3, 1, "# after the end")]),
    ("a: 1\t# after a tab\n", [(1, 6, "# after a tab")]),
    ("a: |  # on the header\n  text # content\n# after\n", [(1, 7, "# on the header"), (3, 1, "# after")]),
    ("a: >-\n  folded # content\n  # content too\nb: 1 # end   \n", [(4, 6, "# end")]),
    ("a:\n  - x  # item\n  # between\n  - y\n", [(2, 8, "# item"), (3, 3, "# between")]),
    ("a: |\n    x\n  # less indented: a comment\nb: 1\n", [(3, 3, "# less indented: a comment")]),
    ("a: ünïcödé # after\n", [(1, 12, "# after")]),  # columns count characters
    ("a: 1 # crlf\r\nb: 2 # two\r\n", [(1, 6, "# crlf"), (2, 6, "# two")]),
    ("a: plain\n  continued\n  # ends it\n", [(3, 3, "# ends it")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_comments_are_found_where_they_are(text, expected):
    found = comments(text)
    assert [(c.line, c.column, c.text) for c in found] == expected
    for comment in found:
        assert text[comment.start : comment.end] == comment.text


def test_a_comment_is_never_part_of_a_value():
    for text, expected in CASES:
        data = yaml.load(text, Loader=yaml.CSafeLoader)  # libyaml, as the validator reads
        for _, _, comment in expected:
            assert comment not in repr(data), text


def test_text_that_is_not_yaml_raises_yaml_error():
    with pytest.raises(yaml.YAMLError):
        comments("a: 'never closed\n")
