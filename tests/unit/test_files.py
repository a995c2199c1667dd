"""files: the compacting of a built page, which must drop indentation and nothing else."""

from __future__ import annotations

from html.parser import HTMLParser

from mmptm_site.site.files import compact_html


class Text(HTMLParser):
    """The text of a page with each run of whitespace as one space, as a browser shows it outside <pre>;
    the contents of <pre> and <textarea> as they are."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.kept = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.kept += tag in ("pre", "textarea")
        self.parts.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        self.kept -= tag in ("pre", "textarea")
        self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.parts.append(data if self.kept else " ".join(data.split()) + (" " if data[-1:].isspace() else ""))


def shown(html: str) -> list[str]:
    parser = Text()
    parser.feed(html)
    return parser.parts


PAGE = (
    "<html>\n  <body>\n    <nav>\n\t\t<a href=x>one</a>\n      <a href=y>two</a>\n    </nav>\n"
    "    <p>text that runs\n       over lines</p>\n"
    "    <pre><code>def f():\n    return 1\n\n        indented</code></pre>\n"
    "    <PRE class=x>\n  kept\n</PRE>\n"
    "    <textarea>\n   typed\n\tindent</textarea>\n  </body>\n</html>\n"
)


def test_indentation_goes_and_every_line_break_stays():
    compact = compact_html(PAGE)
    outside = compact.split("<pre>")[0]
    assert (
        outside
        == "<html>\n<body>\n<nav>\n<a href=x>one</a>\n<a href=y>two</a>\n</nav>\n<p>text that runs\nover lines</p>\n"
    )
    assert compact.count("\n") == PAGE.count("\n")  # whitespace between elements remains: the layout is unchanged
    assert len(compact) < len(PAGE)


def test_pre_and_textarea_keep_their_indentation():
    compact = compact_html(PAGE)
    assert "<pre><code>def f():\n    return 1\n\n        indented</code></pre>" in compact
    assert "<PRE class=x>\n  kept\n</PRE>" in compact  # any case of the tag, with attributes
    assert "<textarea>\n   typed\n\tindent</textarea>" in compact
    assert compact.endswith("</textarea>\n</body>\n</html>\n")  # indentation after them goes again


def test_a_page_reads_the_same_compacted():
    assert shown(compact_html(PAGE)) == shown(PAGE)
    assert compact_html(compact_html(PAGE)) == compact_html(PAGE)
    assert compact_html("<p>no indentation</p>") == "<p>no indentation</p>"
