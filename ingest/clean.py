"""Remove page furniture so only the article remains.

``clean_text`` works on plain text and Markdown (bylines, read-time lines, a title printed twice, "Share:",
"Back to Blog", link fragments glued to a sentence). ``html_to_text`` turns an HTML page into the Markdown its
author would have written: BeautifulSoup first deletes scripts, styles, navigation, cookie banners, forms, footers
and related-post asides, then the article's headings, lists, blockquotes, admonition boxes, tables, code and FAQ
entries become their Markdown, so a saved page goes through the same Markdown parser as a Markdown file. Any markup
that was *text* in the page (``&lt;img onerror=...&gt;``) is never re-parsed as live HTML.
"""
from __future__ import annotations

import re
import unicodedata

from coach.adverts import attribution, is_advert
from coach.text import split_sentences

# ---------------------------------------------------------------------------------------------------- plain text
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t"), " ")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}

_READ_TIME = re.compile(r"\b\d+\s*(?:-\s*\d+\s*)?(?:min(?:ute)?s?)\.?\s+read\b|\bread(?:ing)?\s+time\b", re.I)
_BYLINE = re.compile(
    r"^(?:(?:written\s+)?by\s+[\w .'’-]{2,60}|posted\s+(?:by|on)\b.*|published\s+(?:by|on)?\b.*|"
    r"updated\s+(?:on\s+)?\w+\s+\d{1,2},?\s+\d{4}.*|last\s+updated\b.*)$",
    re.I,
)
_FURNITURE_LINE = re.compile(
    r"^(?:[←→«»<>|\-–—•·*#\s]*)"
    r"(?:share(?:\s+(?:this|on)\b.*)?|share\s+this\s+(?:article|post|page)|back\s+to\s+(?:the\s+)?(?:blog|articles?|"
    r"posts?|top|home|all\s+\w+)|read\s+more|continue\s+reading|related\s+(?:posts?|articles?|reading)|"
    r"you\s+may\s+also\s+like|subscribe(?:\s+to\s+[\w ]+)?|sign\s+up\s+for\s+[\w ]+|follow\s+us\b.*|tags?|"
    r"categories|table\s+of\s+contents|advertisement|sponsored|print|copy\s+link|tweet|"
    r"(?:previous|next)\s+(?:post|article))"
    r"\s*[:.!]?\s*(?:[←→«»>|\-–—]\s*)?$",
    re.I,
)
# "·"/"|"-separated meta line: "· Valenx Press · 3 min read", "Jane Doe | May 3, 2024 | Careers"
_META_SEPARATOR = re.compile(r"(?:^|\s)[·|](?:\s|$)")

_TLD = r"(?:com|org|net|io|co|ai|dev|app|edu|gov|uk|de|me|ly|gl|to|us|info|biz)"
# A URL fragment glued to the end of a sentence: "skills.amazon.com/dp/B0GWWJQ2S3)." -> "skills."
# It needs a path or a dangling ")" so that ordinary domains in prose ("see example.com") survive.
_GLUED_LINK = re.compile(
    rf"(?<=[a-z0-9)\]])\.(?!www\.)(?:https?://)?(?:[a-z0-9-]+\.)+{_TLD}"
    rf"(?:(?:/[^\s)]*)\)?|\))[.,;:]?(?=\s|$)",
    re.I,
)
_GLUED_HTTP = re.compile(r"(?<=[a-z0-9])([.!?])https?://\S+", re.I)
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()\s]*\))+(?:\s+\"[^\"]*\")?\)")
_BARE_URL_PARENS = re.compile(r"\s*\((?:https?://|www\.)[^\s)]+\)")


# Raw HTML blocks inside Markdown/text that are never article content (their text must not survive). Only a
# closed element is removed with its content, and an element starts at the opening tag nearest its closing tag;
# an unclosed tag or comment opener is removed alone, because the prose after a stray "<script>" in a text file
# is the article's, not code.
_RAW_HTML_BLOCKS = re.compile(
    r"<(script|style|noscript|template|iframe)\b[^>]*>(?:(?!<\1\b).)*?</\1\s*>|<!--(?:(?!<!--).)*?-->", re.I | re.S
)
_STRAY_HTML_TAGS = re.compile(r"</?(?:script|style|noscript|template|iframe)\b[^>\n]*>|<!--", re.I)


_OTHER_FURNITURE = re.compile(
    r"^(?:(?:tags?|categories|filed\s+under|topics)\s*:\s*[^.!?]{0,120}|"
    r"share(?:\s+(?:this|on)\b[^.!?:]{0,40})?\s*:\s*[^.!?]{0,60}|(?:photo|image)\s+(?:by|credit|source)\b.{0,100}|"
    r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4}).{0,150}|all\s+rights\s+reserved\.?|"
    r"leave\s+a\s+(?:comment|reply)|(?:we|this\s+(?:site|website|page))\s+uses?\s+cookies\b.{0,200}|"
    r"\d*\s*comments?|was\s+this\s+(?:article\s+)?helpful\??|"
    r"(?:[-*+]|\d+\.)?\s*\[[^\]]+\]\(#[^)]*\))$",  # a table-of-contents entry: only an in-page anchor link
    re.I,
)


# A notice about the page rather than its subject (an open article's boxed disclaimer or sign-off, repeated across
# the site's pages): a call to correct or contribute to the page, a warning not to trust it as written, or where
# its list came from. An article's own advice never asks the reader to fix the page.
_PAGE_CALL = re.compile(
    r"\bplease\s+(?:create|open|submit|send|raise|make)\s+an?\s+(?:new\s+)?(?:PR|pull\s+request|issue)\b|"
    r"\b(?:create|open|submit|send|raise|make)\s+an?\s+(?:new\s+)?(?:PR|pull\s+request|issue)\s+(?:with\s+(?:a|the|"
    r"your)\s+(?:fix|correction)|(?:on|to|in)\s+(?:this|our|the)\s+(?:repo|repository|page|project))\b|"
    r"\bGitHub\s+discussion\b|\b(?:reach\s+out|write)\s+to\s+(?:me|us)\s+at\s+\S+@|"
    r"\b(?:edit|improve)\s+this\s+(?:page|article)\b|\bsuggest\s+an\s+edit\b|\bcontributions?\s+(?:are\s+)?welcome\b",
    re.I)
_PAGE_DISCLAIMER = re.compile(
    r"\b(?:answers|content|information|solutions)\s+(?:here|below|on\s+this\s+(?:page|site)|in\s+this\s+"
    r"(?:article|list|page|guide|repo(?:sitory)?))\s+(?:are|is|were|was)\s+(?:given|written|provided|contributed|"
    r"collected|crowd-?sourced)\s+by\b|"
    r"\b(?:double[- ]check|verify)\b[^.!?]{0,40}\b(?:answers|information|content|solutions)\b[^.!?]{0,30}"
    r"\bbefore\s+(?:using|relying)|\bat\s+your\s+own\s+risk\b|"
    r"^(?:the\s+|this\s+)(?:list|article|page|guide|collection)(?:\s+of\s+[\w ]{1,30}?)?\s+(?:is|was)\s+"
    r"(?:based\s+on|adapted\s+from|taken\s+from)\s+this\s+(?:post|article|page|list|thread|repo)\b|^legend\s*:", re.I)
_NOTICE_WORDS = 60  # a paragraph this short that asks the reader to fix or contribute to the page is a notice
_LINE_MARKUP = re.compile(r"<[^>\n]*>|^\s*(?:[-*+•]|\d+[.)])\s+")


def page_notice(line: str) -> bool:
    """True for a line that is about the page, not its subject: "The answers here are given by the community. Be
    careful and double check the answers before using them.", "If you see an error, please create a PR with a fix",
    "The list is based on this post" (every sentence such a notice, or a short line asking for a contribution)."""
    text = _LINE_MARKUP.sub(" ", strip_links(line)).strip()
    if not text:
        return False
    if _PAGE_CALL.search(text) and len(text.split()) <= _NOTICE_WORDS:
        return True
    sentences = split_sentences(text)
    return bool(sentences) and all(_PAGE_DISCLAIMER.search(s) or _PAGE_CALL.search(s) for s in sentences)


def _normalize_chars(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE).translate(_SPACES)
    for lig, rep in _LIGATURES.items():
        text = text.replace(lig, rep)
    return text


def _key(line: str) -> str:
    """Comparison key for spotting a repeated title: no markdown heading marks, emphasis or case."""
    return re.sub(r"\s+", " ", re.sub(r"^#+\s*|[*_]", "", line)).strip().lower()


def _is_furniture(line: str) -> bool:
    s = re.sub(r"^#{1,6}\s+", "", line.strip())  # a banner set large in a printed page comes back as a heading
    if not s:
        return False
    if _FURNITURE_LINE.match(s) or _OTHER_FURNITURE.match(s) or attribution(s) or page_notice(s):
        return True
    short = len(s) <= 120
    if short and _READ_TIME.search(s):
        return True
    if short and _BYLINE.match(s):
        return True
    if s.startswith("|") and s.endswith("|") or s.startswith(">"):
        return False  # a Markdown table row; a quoted line is a sample the author set apart ("Acme | Lead | 2018")
    if short and len(_META_SEPARATOR.findall(s)) >= 2 and not s.endswith((".", "?", "!")):
        # a "· Publisher · date" meta line; a list item has at most one leading bullet
        if all(len(part.split()) <= 6 for part in re.split(r"[·|]", s)):
            return True
    return False


def _unglue(m: re.Match[str]) -> str:
    before = m.string[: m.start()].rsplit(None, 1)[-1] if m.string[: m.start()].strip() else ""
    if "www" in before.lower() or "/" in before or ":" in before:
        return m.group(0)  # the start of an ordinary URL ("www.example.com/x"), not a fragment glued to prose
    return "."


def strip_links(text: str) -> str:
    """Markdown links -> their text, images and glued/bare URL fragments removed."""
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _GLUED_HTTP.sub(r"\1", text)
    text = _GLUED_LINK.sub(_unglue, text)
    text = _BARE_URL_PARENS.sub("", text)
    return text


def clean_text(text: str) -> str:
    """Cleaned plain text / Markdown: one block per paragraph, furniture removed, fenced code left untouched."""
    text = _normalize_chars(text)
    text = _STRAY_HTML_TAGS.sub("", _RAW_HTML_BLOCKS.sub("", text))
    out: list[str] = []
    in_fence = False
    last_key = None  # key of the previous non-empty line, to drop a title printed twice in a row
    for raw in text.split("\n"):
        if raw.lstrip().startswith("```"):
            in_fence = not in_fence
            out.append(raw.rstrip())
            continue
        if in_fence:
            out.append(raw.rstrip())
            continue
        line = re.sub(r"[ ]{2,}", " ", raw).strip()
        if not line:
            out.append("")
            continue
        if _is_furniture(line):
            continue
        line = strip_links(line).strip()
        if not line:
            continue
        key = _key(line)
        if key and key == last_key and len(key) > 3:
            continue
        last_key = key
        out.append(line)
    cleaned = "\n".join(out)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned)
    return cleaned.strip() + "\n" if cleaned.strip() else ""


_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def clean_markdown(text: str) -> str:
    """Cleaned Markdown for the Markdown parser: invisible characters and furniture lines removed, but every other
    line kept as written (indentation, links, front matter, code) so that lists nest, code stays code, and advert
    links can still be recognised by their tracking parameters."""
    text = _normalize_chars(text)
    m = _FRONT_MATTER.match(text)
    front, text = (m.group(0), text[m.end():]) if m else ("", text)
    text = _STRAY_HTML_TAGS.sub("", _RAW_HTML_BLOCKS.sub("", text))
    out: list[str] = []
    fence: str | None = None
    last_key = None
    for raw in text.split("\n"):
        stripped = raw.strip()
        if fence is not None or stripped.startswith(("```", "~~~")):
            if fence is None:
                fence = stripped[:3]
            elif stripped.startswith(fence):
                fence = None
            out.append(raw.rstrip())
            continue
        if not stripped:
            out.append("")
            continue
        if _is_furniture(stripped):
            continue
        key = _key(stripped)
        if key and key == last_key and len(key) > 3:
            continue  # a title printed twice in a row
        last_key = key
        out.append(raw.rstrip())
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return front + body + "\n" if body.strip() else ""


# ---------------------------------------------------------------------------------------------------------- HTML
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "video", "audio",
    "nav", "footer", "aside", "form", "button", "input", "select", "textarea", "dialog", "menu", "link", "meta",
    "head", "title",
)  # fmt: skip
_FURNITURE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:cookie|consent|gdpr|banner|newsletter|subscribe|signup|related|share|sharing|social|"
    r"breadcrumbs?|sidebar|comments?|advert|ads?|promo|popup|modal|menu|navbar|nav|toc|author-bio|byline|"
    r"read-?time|meta-?info|post-meta|tags|footer|site-header|skip-link)(?:$|[\s_-])",
    re.I,
)
_ADVERT_WORDS = 80  # longer blocks are content that happens to hold a link


def _prune(soup) -> None:
    from bs4 import Comment

    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        # bs4's ``decomposed`` falls back to a subtree search on live tags (quadratic on deep pages): read the flag
        # that ``decompose`` sets directly
        if tag.__dict__.get("_decomposed") or tag.parent is None:
            continue
        if tag.name in ("html", "body", "main", "article"):
            continue
        attrs = " ".join([tag.get("id") or "", *(tag.get("class") or []), tag.get("role") or ""])
        if tag.get("aria-hidden") == "true" or tag.get("hidden") is not None:
            tag.decompose()
            continue
        if attrs.strip() and _FURNITURE_ATTR.search(attrs) and not tag.find(["h1", "h2"]):
            # a content wrapper with a furniture-like class ("share-enabled") is long; banners and asides are not
            if len(tag.get_text(" ", strip=True).split()) < 300:
                tag.decompose()
            continue
        if tag.name == "header" and not tag.find(["h1", "h2"]):
            tag.decompose()
    for tag in soup.find_all(role=re.compile(r"^(navigation|banner|contentinfo|complementary|dialog)$")):
        tag.decompose()
    # a referral block (a tracking link plus a call to action, or a short paragraph that only points elsewhere),
    # judged as in Markdown; a short box around it (a tip box holding the advert) goes with it, as an admonition does
    for tag in soup.find_all(["p", "li", "blockquote", "div", "section"]):
        if tag.__dict__.get("_decomposed") or tag.find(re.compile(r"^h[1-6]$")):
            continue
        hrefs = [a.get("href") or "" for a in tag.find_all("a")]
        text = " ".join(tag.get_text(" ", strip=True).split())
        if hrefs and len(text.split()) <= _ADVERT_WORDS and is_advert(text, hrefs):
            tag.decompose()
    # a table of contents: a list of nothing but links within the page (the Markdown path drops such lines too)
    for tag in soup.find_all(["ul", "ol"]):
        links = [] if tag.__dict__.get("_decomposed") else tag.find_all("a")
        if links and all(str(a.get("href") or "").startswith("#") for a in links) and "".join(
                tag.get_text().split()) == "".join("".join(a.get_text().split()) for a in links):
            tag.decompose()


_FILE_NAME = re.compile(r"\.(?:md|mdx|markdown|txt|html?|pdf|docx?|odt|rtf|pages|tex)\b|^microsoft word\b|^untitled\b",
                        re.I)
_TITLE_SEPARATOR = re.compile(r"\s+[|–—·-]\s+")


def document_title(raw: str | None) -> str | None:
    """The article's part of a document or page title: sites put their own name after it ("Resume guide | Example
    Handbook" → "Resume guide"), unless that first part is a one- or two-word section name ("Blog | How to
    negotiate" → the longer part); a file name ("notes.docx", "Microsoft Word - cv.doc", "Untitled") is no title."""
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(" ".join((raw or "").split())) if p.strip()]
    parts = [p for p in parts if not _FILE_NAME.search(p)]
    if not parts:
        return None
    return parts[0] if len(parts[0].split()) > 2 else max(parts, key=len)


def _page_title(soup) -> str | None:
    # an <h1> inside the article beats a site logo marked up as <h1> in the page header
    h1 = next((a.find("h1") for a in soup.find_all(["article", "main"]) if a.find("h1")), None) or soup.find("h1")
    if h1 and h1.get_text(strip=True):
        return " ".join(h1.get_text(" ", strip=True).split())
    og = soup.find("meta", attrs={"property": "og:title"})
    if og and og.get("content"):
        return og["content"].strip()
    if soup.title and soup.title.string:
        return document_title(soup.title.string)
    return None


_DEPTH = 50  # deeper nesting is read as plain text: no page needs a list inside 50 boxes
_BLOCKISH = {"p", "div", "section", "article", "main", "header", "blockquote", "pre", "table", "ul", "ol", "li", "dl",
             "dt", "dd", "details", "summary", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
             "thead", "tbody", "tfoot", "tr", "td", "th", "caption"}  # fmt: skip
# The boxes sites render admonitions as (Docusaurus "theme-admonition-tip", MkDocs "admonition note", GitHub
# "markdown-alert", Bootstrap "alert"): a class names the kind of box, and a title child names it again ("Note")
_BOX_CLASS = re.compile(r"^(?:.*[-_])?(?:admonition|callout|alert|notice|note|tip|info|warning|caution|important|"
                        r"danger|hint)(?:[-_].*)?$", re.I)
_BOX_TITLE = re.compile(r"title|heading", re.I)
# a line the Markdown parser would read as a block marker (heading, list item, quote, rule) is text in the page
_LINE_MARKER = re.compile(r"^(\s*)(?:([#>+\-*=])|(\d{1,9})([.)]))(?=\s|$)", re.M)


def _escape(text: str) -> str:
    """Page text made literal for the Markdown parser: emphasis, code, link and tag markers and entities escaped, so
    markup that was text in the page ("&lt;role&gt;", "&lt;img onerror=…&gt;") stays that text."""
    return re.sub(r"([\\*`&_\[\]|<])", r"\\\1", text)


def _inline(node) -> str:
    """Markdown of an inline run: text escaped, bold kept as ``**…**`` (BAD/GOOD markers are often bold), ``<br>`` a
    line break, links their text, images nothing. A line that would read as a block marker is escaped."""
    from bs4 import NavigableString, Tag

    parts: list[str] = []
    stack = [iter(node.children)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif isinstance(child, NavigableString):
            parts.append(_escape(re.sub(r"\s", " ", str(child))))  # a line break in the page source is a space
        elif isinstance(child, Tag) and child.name == "br":
            parts.append("\n")
        elif isinstance(child, Tag) and child.name in ("strong", "b"):
            raw = child.get_text()
            inner = " ".join(_escape(raw).split())
            # spaces inside the bold run move outside it, where the Markdown parser needs them
            parts.append(f"{raw[:1] if raw[:1].isspace() else ''}**{inner}**{' ' if raw[-1:].isspace() else ''}"
                         if inner else raw)
        elif isinstance(child, Tag):
            stack.append(iter(child.children))
    lines = (" ".join(ln.split()) for ln in "".join(parts).split("\n"))
    text = "\n".join(ln for ln in lines if ln)
    return _LINE_MARKER.sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2) else f"{m.group(3)}\\{m.group(4)}"),
                            text)


class _Run:
    """A stand-in parent so :func:`_inline` can read a run of sibling nodes as one paragraph."""

    def __init__(self, nodes: list):
        self.children = nodes


def _is_box(tag) -> bool:
    return tag.name in ("div", "section", "aside") and any(_BOX_CLASS.match(c) for c in tag.get("class") or [])


def _unwrap(tag):
    """The innermost of a chain of wrappers that each hold one element (``<div><div><h1>``): walked, not recursed,
    so a page nested thousands of levels deep still reads."""
    from bs4 import Tag

    while tag.name in ("div", "section", "main", "article", "header", "figure", "span") and not _is_box(tag):
        kids = [c for c in tag.children if isinstance(c, Tag) or str(c).strip()]
        if len(kids) != 1 or not isinstance(kids[0], Tag):
            break
        tag = kids[0]
    return tag


def _markdown_blocks(node, depth: int = 0) -> list[str]:
    """The Markdown blocks of an HTML subtree, the way an author would have written them: ``#`` headings at their
    level, nested ``-``/``1.`` lists, ``>`` blockquotes, ``:::`` admonitions (their title dropped), tables with their
    header row, fenced code, and a FAQ's ``<details>``/``<dl>`` question as a bold line over its answer."""
    from bs4 import NavigableString, Tag

    out: list[str] = []
    run: list = []

    def flush() -> None:
        if run:
            text = _inline(_Run(run))
            if text:
                out.append(text)
            run.clear()

    for child in list(node.children):
        if isinstance(child, NavigableString) or (isinstance(child, Tag) and child.name not in _BLOCKISH
                                                  and not _is_box(child)):
            run.append(child)
            continue
        flush()
        child = _unwrap(child)
        name = child.name
        if depth >= _DEPTH:
            text = " ".join(_escape(child.get_text(" ")).split())
            if text:
                out.append(text)
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = " ".join(_inline(child).split())
            if text:
                out.append(f"{'#' * int(name[1])} {text}")
        elif name in ("ul", "ol"):
            out.extend(_list(child, depth))
        elif name == "blockquote":
            inner = "\n\n".join(_markdown_blocks(child, depth + 1))
            if inner:
                out.append("\n".join(f"> {ln}" if ln else ">" for ln in inner.split("\n")))
        elif _is_box(child):
            inner = [c for c in child.children if not (isinstance(c, Tag) and _BOX_TITLE.search(" ".join(
                c.get("class") or [])))]
            body = _markdown_blocks(_Run(inner), depth + 1)
            if body:
                out.append(":::note\n\n" + "\n\n".join(body) + "\n\n:::")
        elif name == "pre":
            out.extend(_fence(child))
        elif name == "table":
            out.extend(_table(child, depth))
        elif name in ("summary", "dt"):
            text = " ".join(_inline(child).replace("**", "").split())
            if text:
                out.append(f"**{text}**")
        elif name != "hr":
            out.extend(_markdown_blocks(child, depth + 1))
    flush()
    return out


def _list(node, depth: int) -> list[str]:
    """A ``-``/``1.`` list; an item's later blocks (a nested list, a quote) are indented under its marker."""
    from bs4 import Tag

    items: list[str] = []
    number = int(node.get("start") or 1) if str(node.get("start") or "1").isdigit() else 1
    for li in node.find_all("li", recursive=False):
        blocks = _markdown_blocks(li, depth + 1)
        if not blocks:
            continue
        marker = f"{number}. " if node.name == "ol" else "- "
        number += 1
        pad = " " * len(marker)
        lines = "\n\n".join(blocks).split("\n")
        items.append("\n".join([marker + lines[0], *(pad + ln if ln else "" for ln in lines[1:])]))
    # a nested list with no <li> of its own (a bare <ul> inside a <ul>) still holds items
    items += [b for c in node.children if isinstance(c, Tag) and c.name in ("ul", "ol") for b in _list(c, depth + 1)]
    return ["\n".join(items)] if items else []


def _fence(pre) -> list[str]:
    code = pre.get_text().strip("\n")
    if not code.strip():
        return []
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", code)), default=0))
    lang = next((c[9:] for c in (pre.find("code") or pre).get("class") or [] if c.startswith("language-")), "")
    return [f"{fence}{lang}\n{code}\n{fence}"]


def _table(table, depth: int) -> list[str]:
    """A Markdown table (header row first); a table without header cells and one row is layout, read as text."""
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    grid: list[list[str]] = []
    for tr in rows:
        cells: list[str] = []
        for td in tr.find_all(["td", "th"], recursive=False):
            text = "<br/>".join(ln.strip() for b in _markdown_blocks(td, depth + 1) for ln in b.split("\n"))
            span = int(td.get("colspan") or 1) if str(td.get("colspan") or "1").isdigit() else 1
            cells += [text] * max(1, min(span, 50))
        grid.append(cells)
    grid = [r for r in grid if any(r)]
    if not grid:
        return []
    if len(grid) == 1 and not table.find("th"):
        return [" ".join(c for c in grid[0] if c)]
    width = max(len(r) for r in grid)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in grid]
    return ["\n".join([lines[0], "|" + " --- |" * width, *lines[1:]])]


def html_to_text(html: str) -> str:
    """An HTML page -> the article as Markdown (see :func:`_markdown_blocks`), furniture removed and the page's
    title as its ``#`` heading, ready for the Markdown parser: a saved page reads the way its Markdown source does."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    title = _page_title(soup)
    _prune(soup)
    # the longest <article>/<main> is the post; teaser cards of other posts are short <article>s too
    articles = soup.find_all("article")
    if articles:
        root = max(articles, key=lambda t: len(t.get_text(" ", strip=True)))
    else:
        root = soup.find("main") or soup.body or soup
    text = "\n\n".join(_markdown_blocks(root))
    if title and not re.match(r"#\s", text):
        if _key(text.split("\n", 1)[0]) == title.lower():
            text = text.split("\n", 1)[1] if "\n" in text else ""
        text = f"# {_escape(title)}\n\n{text}"
    return clean_markdown(text)
