"""Reading an HTML article (a saved page or a fetched URL) -> ``Article``.

The main container is ``<article>``, else ``<main>``, else ``<body>``, without
navigation, header, footer, asides, forms and scripts. Each heading, paragraph,
list item, quote and definition becomes a ``Block``; the article text that
spans point into is those blocks joined by blank lines (what a reader sees).
Links inside a block are kept; in-page links to a note (``<a href="#cite-3">``)
and ``<sup>3</sup>`` become citation markers. The reference list is the list
under a "References"/"Sources"/"参考资料" heading, a container whose id or class
says references/footnotes, or the items that in-page markers point at.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from .records import REF_HEADING, Article, Block, Link, Marker, Reference, detect_language, reference_from_text

__all__ = ["parse_html"]

BLOCKS = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "dd", "dt", "pre", "table", "figcaption")
REF_CONTAINER = re.compile(r"(references|reflist|footnotes|endnotes|citations|bibliography|sources)", re.I)


def attr(tag: Tag, name: str) -> str:
    """An attribute's value as text ("" when absent; a multi-valued one joined by spaces)."""
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def parse_html(html: str, source: str) -> Article:
    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception:  # noqa: BLE001 - lxml missing or choking: the stdlib parser
        soup = BeautifulSoup(html, "html.parser")
    lang = attr(soup.html, "lang") or None if soup.html else None
    page_title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup(["script", "style", "noscript", "template", "nav", "header", "footer", "form", "aside",
                     "iframe", "svg", "button"]):
        tag.decompose()
    articles = soup.find_all("article")
    root = articles[0] if len(articles) == 1 else (soup.find("main") or soup.body or soup)

    targets = {attr(a, "href")[1:] for a in root.find_all("a", href=True)
               if attr(a, "href").startswith("#") and len(attr(a, "href")) > 1}

    def in_ref_container(node: Tag) -> bool:
        for parent in [node, *node.parents]:
            if not isinstance(parent, Tag):
                continue
            ident = " ".join([attr(parent, "id"), attr(parent, "class")]).strip()
            if ident and REF_CONTAINER.search(ident):
                return True
            if parent is root:
                break
        return False

    chunks: list[str] = []
    length = 0
    blocks: list[Block] = []
    refs: list[Reference] = []
    ref_level: int | None = None
    ref_count = 0

    def add_text(kind: str, text: str, links: list[Link], markers: list[Marker], level: int = 0) -> Block | None:
        nonlocal length
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        if not body:
            return None
        if chunks:
            chunks.append("\n\n")
            length += 2
        start = length
        chunks.append(body)
        length += len(body)
        links_t = tuple(Link(max(0, l.start - lead), min(len(body), l.end - lead), l.url) for l in links
                        if l.end - lead > 0 and l.start - lead < len(body))
        markers_t = tuple(Marker(min(max(0, m.at - lead), len(body)), m.key) for m in markers)
        block = Block(kind, body, tuple(range(start, start + len(body))), links_t, markers_t, level=level)
        blocks.append(block)
        return block

    def inline(node: Tag) -> tuple[str, list[Link], list[Marker]]:
        out: list[str] = []
        links: list[Link] = []
        markers: list[Marker] = []

        def size() -> int:
            return sum(len(s) for s in out)

        def put(text: str) -> None:
            text = re.sub(r"\s+", " ", text)
            if not text:
                return
            joined = "".join(out[-1:])
            if text.startswith(" ") and (not out or joined.endswith(" ")):
                text = text[1:]
            out.append(text)

        def walk(el) -> None:
            for child in el.children:
                if isinstance(child, NavigableString):
                    if type(child).__name__ in ("Comment", "CData", "ProcessingInstruction", "Doctype"):
                        continue
                    put(str(child))
                    continue
                if not isinstance(child, Tag):
                    continue
                if child.name in BLOCKS or child.name in ("ul", "ol", "dl"):
                    continue  # its own block
                if child.name == "br":
                    put(" ")
                    continue
                href = attr(child, "href") if child.name == "a" else None
                label = child.get_text(" ", strip=True)
                if child.name == "sup" or (href and href.startswith("#")):
                    anchors = [attr(a, "href")[1:] for a in ([child] if href else child.find_all("a", href=True))
                               if attr(a, "href").startswith("#")]
                    numbers = re.findall(r"\d{1,3}", label) if re.fullmatch(r"[\[\]\d,\s–-]+", label or "-") else []
                    if anchors or numbers:
                        for anchor in anchors:
                            markers.append(Marker(size(), f"id:{anchor}"))
                        for number in numbers:
                            markers.append(Marker(size(), number))
                        continue
                if href and not href.startswith(("#", "javascript:", "mailto:")):
                    at = size()
                    walk(child)
                    links.append(Link(at, size(), href))
                    continue
                walk(child)

        walk(node)
        text = "".join(out)
        return text, links, markers

    for node in root.find_all(BLOCKS):
        if any(p.name == "table" for p in node.parents) or (node.name == "pre" and node.find_parent("pre")):
            continue
        if node.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = int(node.name[1])
            text, links, markers = inline(node)
            if ref_level is not None and level <= ref_level:
                ref_level = None
            if REF_HEADING.match(text.strip()):
                ref_level, ref_count = level, 0
            add_text("heading", text, links, markers, level)
            continue
        if node.name in ("table", "pre"):
            add_text("table" if node.name == "table" else "code", node.get_text(" ", strip=True), [], [])
            continue
        text, links, markers = inline(node)
        is_ref = ref_level is not None or node.get("id") in targets or in_ref_container(node)
        if node.name == "li" and not is_ref:
            is_ref = any(p.get("id") in targets for p in node.parents if isinstance(p, Tag) and p.get("id"))
        if is_ref:
            block = add_text("references", text, links, markers)
            if block is None:
                continue
            ref_count += 1
            keys = tuple(f"id:{i}" for i in [node.get("id"), *[a.get("id") for a in node.find_all(id=True)]] if i)
            number = ref_count
            parent = node.parent
            if node.name == "li" and parent is not None and parent.name == "ol" and attr(parent, "start").isdigit():
                number = int(attr(parent, "start")) + ref_count - 1
            lead = re.match(r"^\s*\[?(\d{1,3})[\].)]\s", block.text)
            if lead:
                number = int(lead.group(1))
            keys = keys + (str(number),)
            start, end = block.extent
            ref = reference_from_text(block.text, block.links, number, keys, start, end)
            if ref is not None:
                refs.append(ref)
            continue
        kind = {"li": "item", "blockquote": "quote"}.get(node.name, "paragraph")
        add_text(kind, text, links, markers, level=len([p for p in node.parents if p.name in ("ul", "ol")]))

    text = "".join(chunks)
    first_h1 = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), None)
    body = " ".join(b.text for b in blocks if b.kind not in ("references", "code", "table"))
    return Article(source=source, kind="html", text=text, blocks=tuple(blocks), references=tuple(refs),
                   title=first_h1 or page_title, language=detect_language(body, lang))
