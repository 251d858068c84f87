"""Python-Markdown's tables, with GitHub's reading of a table of only a header row: a head
and no body. Python-Markdown gives such a table a body of one empty row, which shows as a
blank line of cells under the header; GitHub, goldmark (Hugo) and kramdown write none."""
from __future__ import annotations

from xml.etree import ElementTree as etree

import markdown
from markdown.extensions.tables import TableExtension, TableProcessor


class HeaderOnlyTableProcessor(TableProcessor):
    """Python-Markdown's table processor, leaving out the empty body of a table whose block
    is its header and separator lines alone."""

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        """Build the table of ``blocks[0]`` in ``parent``, with no body if it has no rows."""
        header_only = len(blocks[0].split("\n")) < 3  # (as TableProcessor.run counts rows)
        super().run(parent, blocks)
        table = parent[-1]
        body = table.find("tbody")
        if header_only and body is not None:
            table.remove(body)


class HeaderOnlyTableExtension(TableExtension):
    """Python-Markdown's ``tables`` (with its options), its processor replaced by
    :class:`HeaderOnlyTableProcessor` under the same name and priority."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        super().extendMarkdown(md)
        md.parser.blockprocessors.register(HeaderOnlyTableProcessor(md.parser, self.getConfigs()),
                                           "table", 75)
