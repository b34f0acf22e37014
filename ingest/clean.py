"""Remove page furniture so only the article remains.

``clean_text`` works on plain text and Markdown (bylines, read-time lines, a title printed twice, "Share:",
"Back to Blog", link fragments glued to a sentence). ``html_to_text`` turns an HTML page into the Markdown its
author would have written: BeautifulSoup first deletes scripts, styles, navigation, cookie banners, forms, footers
and sidebars of links, then markdownify writes the article's headings, lists, blockquotes, admonition boxes,
tables, code and FAQ entries as their Markdown, so a saved page goes through the same Markdown parser as a Markdown
file. Any markup that was *text* in the page (``&lt;img onerror=...&gt;``) is escaped, never re-parsed as live HTML.
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
    r"categories|(?:table\s+of\s+)?contents|advertisement|sponsored|print|copy\s+link|tweet|"
    r"(?:previous|next)(?:\s+(?:post|article|page))?|on\s+this\s+page|skip\s+to\s+(?:the\s+)?(?:main\s+)?content)"
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
    "nav", "footer", "form", "button", "input", "select", "textarea", "dialog", "menu", "link", "meta",
    "head", "title",
)  # fmt: skip
_FURNITURE_ATTR = re.compile(
    r"(?:^|[\s_-])(?:cookie|consent|gdpr|banner|newsletter|subscribe|signup|related|share|sharing|social|"
    r"breadcrumbs?|sidebar|comments?|advert|ads?|promo|popup|modal|menu|navbar|nav|toc|author-bio|byline|"
    r"read-?time|meta-?info|post-meta|tags|footer|site-header|skip-link)(?:$|[\s_-])",
    re.I,
)
_ADVERT_WORDS = 80  # longer blocks are content that happens to hold a link


def _aside_in_text(tag) -> bool:
    """Whether an ``<aside>`` is a box in the article's text (Starlight and other sites render a note or tip as one)
    rather than a sidebar: it names a kind of box, or it sits inside the article and is mostly prose, not links."""
    if any(_BOX_CLASS.match(c) for c in tag.get("class") or []):
        return True
    if tag.find_parent(["article", "main"]) is None:
        return False
    words = len(tag.get_text(" ", strip=True).split())
    linked = sum(len(a.get_text(" ", strip=True).split()) for a in tag.find_all("a"))
    return words > 0 and linked * 2 < words


def _prune(soup) -> None:
    from bs4 import Comment

    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all("aside"):
        if not tag.__dict__.get("_decomposed") and not _aside_in_text(tag):
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


def title_parts(raw: str | None) -> list[str]:
    """The parts of a document or page title a site joins with separators ("Resume guide | Example Handbook"),
    without file names ("notes.docx", "Microsoft Word - cv.doc", "Untitled")."""
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(" ".join((raw or "").split())) if p.strip()]
    return [p for p in parts if not _FILE_NAME.search(p)]


def document_title(raw: str | None, heading: str | None = None) -> str | None:
    """The article's part of a document or page title: the part the document's first ``heading`` repeats
    ("Negotiation | Example Handbook" over a page headed "Negotiation"), else the first part, as sites put their own
    name after it ("Resume guide | Example Handbook" → "Resume guide"), unless that first part is a one- or
    two-word section name ("Blog | How to negotiate" → the longer part); a file name is no title."""
    parts = title_parts(raw)
    if not parts:
        return None
    said = " ".join((heading or "").split()).lower()
    return next((p for p in parts if p.lower() == said), None) or (
        parts[0] if len(parts[0].split()) > 2 else max(parts, key=len))


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
# The boxes sites render admonitions as (Docusaurus "theme-admonition-tip", MkDocs "admonition note", GitHub
# "markdown-alert", Bootstrap "alert"): a class names the kind of box, and a title child names it again ("Note")
BOX_KINDS = r"(?:admonition|callout|alert|notice|note|tip|info|warning|caution|important|danger|hint)"  # boxes' names
_BOX_CLASS = re.compile(rf"^(?:.*[-_])?{BOX_KINDS}(?:[-_].*)?$", re.I)
_BOX_TITLE = re.compile(r"title|heading", re.I)


def _is_box(tag) -> bool:
    # an <aside> that survives pruning is a box in the text (`_aside_in_text`)
    return tag.name == "aside" or tag.name in ("div", "section") and any(
        _BOX_CLASS.match(c) for c in tag.get("class") or [])


def _flatten_deep(root) -> None:
    """Elements nested deeper than ``_DEPTH`` become their text: the converter recurses once per level, and a page
    nested thousands of levels deep must still read."""
    from bs4 import Tag

    depth = {id(root): 0}
    deep = []
    for tag in root.descendants:  # a generator: no recursion
        if isinstance(tag, Tag):
            depth[id(tag)] = depth[id(tag.parent)] + 1
            if depth[id(tag)] == _DEPTH:
                deep.append(tag)
    for tag in deep:
        tag.replace_with(" ".join(tag.get_text(" ").split()))


def _converter():
    """markdownify's converter with the article's spelling (``#`` headings, ``-`` bullets, page text escaped so it
    stays text, links as their text, tables with a header row), plus what a page needs beyond the library:
    admonition boxes as ``:::note`` without their title, a ``<details>``/``<dl>`` FAQ question as a bold line over
    its answer, a one-row table without header cells read as text, a code fence longer than any backtick run in it."""
    from markdownify import MarkdownConverter

    class PageConverter(MarkdownConverter):
        def __init__(self):
            super().__init__(heading_style="atx", bullets="-", escape_misc=True, strip=["a", "img"],
                             table_infer_header=True, wrap=True, wrap_width=None,
                             code_language_callback=lambda pre: next(
                                 (c[9:] for c in (pre.find("code") or pre).get("class") or []
                                  if c.startswith("language-")), ""))
            self._layout: dict[int, bool] = {}

        def process_tag(self, node, parent_tags=None):
            if node.parent is not None and _is_box(node.parent) and _BOX_TITLE.search(
                    " ".join(node.get("class") or [])):
                return ""  # the box's title ("Note", "Pro tip") names the box, it is no part of the article
            return super().process_tag(node, parent_tags)

        def convert_div(self, el, text, parent_tags):
            if _is_box(el) and "_inline" not in parent_tags and text.strip():
                return f"\n\n:::note\n\n{text.strip()}\n\n:::\n\n"
            return super().convert_div(el, text, parent_tags)

        convert_section = convert_dd = convert_aside = convert_div

        def convert_summary(self, el, text, parent_tags):
            text = " ".join(text.replace("**", "").split())
            return f"\n\n**{text}**\n\n" if text else ""

        convert_dt = convert_summary

        def convert_br(self, el, text, parent_tags):
            # a line break inside a table cell is the Markdown table's own "<br/>" (the library writes a space)
            return "<br/>" if {"td", "th"} & parent_tags else super().convert_br(el, text, parent_tags)

        def convert_hN(self, n, el, text, parent_tags):
            return super().convert_hN(n, el, text, parent_tags) if text.strip() else ""

        def convert_pre(self, el, text, parent_tags):
            code = text.strip("\n")
            if not code.strip():
                return ""
            fence = "`" * max(3, 1 + max(map(len, re.findall(r"`+", code)), default=0))
            return f"\n\n{fence}{self.options['code_language_callback'](el)}\n{code}\n{fence}\n\n"

        def _is_layout(self, table) -> bool:
            if id(table) not in self._layout:
                rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
                self._layout[id(table)] = len(rows) == 1 and not table.find("th")
            return self._layout[id(table)]

        def convert_td(self, el, text, parent_tags):
            if self._is_layout(el.find_parent("table")):
                return f" {text.strip()} "
            return super().convert_td(el, text, parent_tags)

        def convert_tr(self, el, text, parent_tags):
            return text if self._is_layout(el.find_parent("table")) else super().convert_tr(el, text, parent_tags)

    return PageConverter()


def html_to_text(html: str) -> str:
    """An HTML page -> the article as Markdown (see :func:`_converter`), furniture removed and the page's
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
    _flatten_deep(root)
    converter = _converter()
    text = converter.convert_soup(root).strip()
    if title and not re.match(r"#\s", text):
        if _key(text.split("\n", 1)[0]) == title.lower():
            text = text.split("\n", 1)[1] if "\n" in text else ""
        text = f"# {converter.escape(title, set())}\n\n{text}"
    return clean_markdown(text)
