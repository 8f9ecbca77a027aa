"""Rendering a written resume as plain text, PDF (PyMuPDF) or DOCX (python-docx), in several layouts.

PDF layouts: one column; dates right-aligned on the role's baseline; a left sidebar (contact, skills,
education) beside the main column; "drawn out of order", where the body is drawn first and headings,
roles and dates last, so the page looks normal but the content stream is not in reading order (as
many exporters write it); and a two-page resume. DOCX layouts: paragraph styles with headings, and a
table-based layout. Output is byte-for-byte reproducible: fixed metadata, no fresh document ids and
fixed ZIP timestamps.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

import docx
import pymupdf
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Pt

from eval.dataset.document import Document, Section
from eval.dataset.lines import Line, document_lines, section_lines

TEXT_LAYOUTS = ("txt_plain", "txt_markdown")
PDF_LAYOUTS = ("pdf_single", "pdf_right_dates", "pdf_sidebar", "pdf_out_of_order", "pdf_two_page")
DOCX_LAYOUTS = ("docx_headings", "docx_table")
LAYOUTS = {"txt": TEXT_LAYOUTS, "pdf": PDF_LAYOUTS, "docx": DOCX_LAYOUTS}

_FIXED_DATE = "D:20261201000000+00'00'"
_ZIP_TIME = (2026, 12, 1, 0, 0, 0)
_TEXT_WIDTH = 92


def render(document: Document, layout: str, *, font: str = "helv") -> bytes:
    """The file bytes of a document in a layout."""
    if layout in TEXT_LAYOUTS:
        return render_text(document, layout).encode("utf-8")
    if layout in PDF_LAYOUTS:
        return render_pdf(document, layout, font=font)
    if layout in DOCX_LAYOUTS:
        return render_docx(document, layout)
    raise ValueError(f"unknown layout {layout!r}")


# Plain text ------------------------------------------------------------------------------------


def render_text(document: Document, layout: str) -> str:
    """A plain-text resume: capitalised headings, or Markdown."""
    markdown = layout == "txt_markdown"
    out: list[str] = []
    for line in document_lines(document):
        out += _text_line(line, document, markdown=markdown)
    return "\n".join(out).rstrip() + "\n"


def _text_line(line: Line, document: Document, *, markdown: bool) -> list[str]:
    bullet = "-" if markdown else document.bullet
    if line.kind == "name":
        return [f"# {line.text}" if markdown else line.text]
    if line.kind == "heading":
        return ["", f"## {line.text}" if markdown else line.text]
    if line.kind == "role":
        text = f"### {line.text}" if markdown else line.text
        if line.right:
            pad = max(2, _TEXT_WIDTH - len(text) - len(line.right))
            return ["", text + " " * pad + line.right]
        return ["", text]
    if line.kind == "dates":
        return [f"*{line.text}*" if markdown else line.text]
    if line.kind == "bullet":
        return [f"{bullet} {line.text}"]
    if line.kind == "table":
        return ["".join(cell.ljust(max(30, len(cell) + 3)) for cell in line.cells).rstrip()]
    if line.kind == "group":
        return [f"**{line.label}:** {line.text}" if markdown else f"{line.label}: {line.text}"]
    return [line.text]


# PDF -------------------------------------------------------------------------------------------

_BOLD = {"helv": "hebo", "tiro": "tibo", "cour": "cobo"}
_PAGE = (612.0, 792.0)


@dataclass(frozen=True)
class _Placed:
    page: int
    x: float
    y: float
    text: str
    font: str
    size: float
    kind: str


class _Flow:
    """Text flowing down a column, wrapping at its width and moving on to the next page."""

    def __init__(
        self,
        x0: float,
        x1: float,
        *,
        font: str,
        size: float,
        top: float = 56,
        bottom: float = 740,
        leading: float = 1.35,
    ) -> None:
        self.x0, self.x1, self.top, self.bottom = x0, x1, top, bottom
        self.font, self.size, self.leading = font, size, leading
        self.page, self.y = 0, top
        self.placed: list[_Placed] = []

    def space(self, points: float) -> None:
        self.y += points

    def break_page(self) -> None:
        self.page += 1
        self.y = self.top

    def write(
        self,
        text: str,
        kind: str,
        *,
        size: float | None = None,
        bold: bool = False,
        indent: float = 0,
        hanging: str = "",
    ) -> None:
        size = size or self.size
        font = _BOLD[self.font] if bold else self.font
        width = self.x1 - self.x0 - indent
        first = True
        for row in _wrap(text, font, size, width - (_length(hanging, self.font, size) if hanging else 0)):
            if self.y + size > self.bottom:
                self.break_page()
            self.y += size * self.leading
            x = self.x0 + indent
            if hanging and first:
                self.placed.append(_Placed(self.page, x, self.y, hanging, self.font, size, "glyph"))
            if hanging:
                x += _length(hanging, self.font, size)
            self.placed.append(_Placed(self.page, x, self.y, row, font, size, kind))
            first = False

    def right(self, text: str, kind: str, *, size: float | None = None) -> None:
        """Text right-aligned on the baseline of the last line written."""
        size = size or self.size
        width = _length(text, self.font, size)
        self.placed.append(_Placed(self.page, self.x1 - width, self.y, text, self.font, size, kind))


@cache
def _font(name: str) -> pymupdf.Font:
    return pymupdf.Font(name)  # type: ignore[no-untyped-call]


@cache
def _advance(font: str, char: str) -> float:
    return float(_font(font).glyph_advance(ord(char)))  # type: ignore[no-untyped-call]


def _length(text: str, font: str, size: float) -> float:
    """The width of `text` in points (measured once per character: PyMuPDF's own call is slow)."""
    return size * sum(_advance(font, char) for char in text)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    rows: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and _length(candidate, font, size) > width:
            rows.append(current)
            current = word
        else:
            current = candidate
    rows.append(current)
    return rows


def _flow_lines(flow: _Flow, lines: list[Line], document: Document) -> None:
    for line in lines:
        if line.kind == "name":
            flow.write(line.text, "name", size=flow.size + 7, bold=True)
        elif line.kind == "contact":
            flow.write(line.text, "contact")
        elif line.kind == "heading":
            flow.space(flow.size * 0.9)
            flow.write(line.text, "heading", size=flow.size + 2, bold=True)
        elif line.kind == "role":
            flow.space(flow.size * 0.4)
            flow.write(line.text, "role", bold=True)
            if line.right:
                flow.right(line.right, "dates")
        elif line.kind == "dates":
            flow.write(line.text, "dates")
        elif line.kind == "bullet":
            flow.write(line.text, "body", indent=8, hanging=f"{document.bullet} ")
        elif line.kind == "table":
            width = (flow.x1 - flow.x0) / 3
            if any(_length(cell, flow.font, flow.size) > width - 8 for cell in line.cells):
                flow.write("   ".join(line.cells), "body")
                continue
            flow.write(line.cells[0], "body")
            for index, cell in enumerate(line.cells[1:], start=1):
                flow.placed.append(
                    _Placed(flow.page, flow.x0 + index * width, flow.y, cell, flow.font, flow.size, "body")
                )
        elif line.kind == "group":
            flow.write(f"{line.label}: {line.text}", "body")
        else:
            flow.write(line.text, "body")


def _layout_pdf(document: Document, layout: str, font: str) -> list[_Placed]:
    size = 10.0
    if layout == "pdf_sidebar":
        side = _Flow(36, 196, font=font, size=9)
        main = _Flow(220, 576, font=font, size=size)
        sidebar_kinds = {"skills", "education", "credentials"}
        _flow_lines(
            side, [Line("name", document.name)] + [Line("contact", c) for c in _split_contact(document)], document
        )
        for section in document.sections:
            target = side if section.kind in sidebar_kinds else main
            _flow_lines(target, section_lines(document, section), document)
        return side.placed + main.placed
    if layout == "pdf_two_page":
        flow = _Flow(64, 548, font=font, size=11, leading=1.6, top=72, bottom=720)
        lines = document_lines(document)
        _flow_lines(flow, lines[: _two_page_cut(lines)], document)
        if flow.page == 0:
            flow.break_page()
        _flow_lines(flow, lines[_two_page_cut(lines) :], document)
        return flow.placed
    flow = _Flow(50, 562, font=font, size=size)
    _flow_lines(flow, document_lines(document, dates_right=layout == "pdf_right_dates"), document)
    return flow.placed


def _split_contact(document: Document) -> list[str]:
    """Contact details one per line (a sidebar is narrow)."""
    parts: list[str] = []
    for line in document.contact:
        for separator in (" · ", " | "):
            if separator in line:
                parts += line.split(separator)
                break
        else:
            parts.append(line)
    return parts


def _two_page_cut(lines: list[Line]) -> int:
    """Where the second page starts: after the first role's bullets, or halfway."""
    roles = [index for index, line in enumerate(lines) if line.kind == "role"]
    if len(roles) >= 2:
        cut = roles[1]
        return cut - 1 if lines[cut - 1].kind == "dates" else cut
    return len(lines) // 2


def render_pdf(document: Document, layout: str, *, font: str = "helv") -> bytes:
    """A PDF of the document; the out-of-order layout draws body text before headings and dates."""
    placed = _layout_pdf(document, layout, font)
    if layout == "pdf_out_of_order":
        late = {"heading", "role", "dates", "name"}
        placed = [p for p in placed if p.kind not in late] + [p for p in placed if p.kind in late]
    pdf = pymupdf.open()  # type: ignore[no-untyped-call]
    pages = max(p.page for p in placed) + 1
    for _ in range(pages):
        pdf.new_page(width=_PAGE[0], height=_PAGE[1])
    for number in range(pages):
        # One writer per page: the content stream keeps the order items are appended in. Embedded
        # Unicode fonts (as real exporters write) keep dashes and bullets intact.
        page = pdf[number]
        writer = pymupdf.TextWriter(page.rect)  # type: ignore[no-untyped-call]
        for item in placed:
            if item.page == number:
                writer.append((item.x, item.y), item.text, font=_font(item.font), fontsize=item.size)  # type: ignore[no-untyped-call]
        writer.write_text(page)  # type: ignore[no-untyped-call]
    pdf.subset_fonts()
    pdf.set_metadata(
        {
            "title": "Resume",
            "author": "",
            "subject": "",
            "keywords": "",
            "creator": "Talent Connect eval set",
            "producer": "PyMuPDF",
            "creationDate": _FIXED_DATE,
            "modDate": _FIXED_DATE,
            "trapped": "",
        }
    )
    data: bytes = pdf.tobytes(garbage=3, deflate=True, no_new_id=True)  # type: ignore[no-untyped-call]
    pdf.close()  # type: ignore[no-untyped-call]
    return data


# DOCX ------------------------------------------------------------------------------------------


def render_docx(document: Document, layout: str) -> bytes:
    """A DOCX of the document: styled paragraphs, or a table-based layout."""
    out = docx.Document()
    properties = out.core_properties
    properties.author = ""
    properties.last_modified_by = ""
    properties.title = "Resume"
    properties.revision = 1
    fixed = datetime(2026, 12, 1, tzinfo=UTC)
    properties.created = fixed
    properties.modified = fixed
    properties.last_printed = fixed
    if layout == "docx_table":
        _docx_table(out, document)
    else:
        _docx_headings(out, document)
    buffer = io.BytesIO()
    out.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _docx_headings(out: docx.document.Document, document: Document) -> None:
    out.add_heading(document.name, level=0)
    for line in document.contact:
        out.add_paragraph(line)
    for section in document.sections:
        _docx_section(out, document, section)


def _docx_section(container: docx.document.Document, document: Document, section: Section) -> None:
    for line in section_lines(document, section):
        if line.kind == "heading":
            container.add_heading(line.text, level=1)
        elif line.kind == "role":
            paragraph = container.add_paragraph()
            paragraph.add_run(line.text).bold = True
            if line.right:
                paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(468), WD_TAB_ALIGNMENT.RIGHT)
                paragraph.add_run("\t" + line.right)
        elif line.kind == "dates":
            paragraph = container.add_paragraph()
            paragraph.add_run(line.text).italic = True
        elif line.kind == "bullet":
            container.add_paragraph(line.text, style="List Bullet")
        elif line.kind == "table":
            table = container.add_table(rows=1, cols=3)
            for cell, text in zip(table.rows[0].cells, line.cells, strict=False):
                cell.text = text
        elif line.kind == "group":
            paragraph = container.add_paragraph()
            paragraph.add_run(f"{line.label}: ").bold = True
            paragraph.add_run(line.text)
        else:
            container.add_paragraph(line.text)


def _docx_table(out: docx.document.Document, document: Document) -> None:
    """Header table (name and contact | summary), then one row per role (dates | role and bullets)."""
    top = out.add_table(rows=1, cols=2)
    left, right = top.rows[0].cells
    left.paragraphs[0].add_run(document.name).bold = True
    for line in document.contact:
        left.add_paragraph(line)
    summary = next((s for s in document.sections if s.kind == "summary"), None)
    if summary is not None:
        right.paragraphs[0].add_run(document.heading(summary)).bold = True
        for paragraph in summary.paragraphs:
            right.add_paragraph(paragraph)
    for section in document.sections:
        if section.kind == "summary":
            continue
        if section.kind != "experience":
            _docx_section(out, document, section)
            continue
        out.add_heading(document.heading(section), level=1)
        table = out.add_table(rows=0, cols=2)
        for role in section.roles:
            dates_cell, body = table.add_row().cells
            dates_cell.text = role.dates
            body.paragraphs[0].add_run(role.head).bold = True
            if role.prose:
                body.add_paragraph(" ".join(role.lines))
            else:
                for text in role.lines:
                    body.add_paragraph(f"{document.bullet} {text}")


def _fixed_zip(data: bytes) -> bytes:
    """The same ZIP with every entry's timestamp fixed, so two builds give identical bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = _fixed_entry(info)
            target.writestr(entry, source.read(info.filename))
    return buffer.getvalue()


def _fixed_entry(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = info.external_attr
    return entry
