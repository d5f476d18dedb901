"""The French catalogue is complete, keeps every placeholder, matches the strings in the code, and
the French pages really come out in French.

The .po file is read by a small parser below (no dependency): entries are blocks separated by a
blank line, with `#,` flags, `msgctxt`, `msgid`, `msgid_plural` and `msgstr` / `msgstr[n]`, each
possibly continued on the following quoted lines.
"""

from __future__ import annotations

import ast
import html
import re
import shutil
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.http import HttpResponse

import lanzarote

PACKAGE_DIR = Path(lanzarote.__file__).resolve().parent
PO_FILE = PACKAGE_DIR / "locale" / "fr" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")

# What `make messages` hands to makemessages: the default extensions (html, txt, py) of the
# package, minus the virtualenv. Everything else (static files, data) has nothing to extract.
EXTRACTED_SUFFIXES = frozenset({".py", ".html", ".txt"})
SKIPPED_DIRS = frozenset({".venv", "__pycache__", "static", "locale"})

# Python str.format fields ({date}) and %-style named fields (%(name)s, %(months)d).
BRACE = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")
PERCENT = re.compile(r"%\(([A-Za-z_][A-Za-z0-9_]*)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
TAG = re.compile(r"</?[A-Za-z][^>]*>")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    def __str__(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt else ""
        return f"line {self.line}: {context}{self.msgid!r}"


def _unquote(text: str) -> str:
    # A .po string literal uses C escapes, which a Python string literal reads the same way.
    value = ast.literal_eval(text.strip())
    assert isinstance(value, str)
    return value


def parse_po(text: str) -> list[Entry]:
    """The entries of a .po file, the header included (its msgid is empty); obsolete `#~`
    entries are skipped."""
    entries: list[Entry] = []
    offset = 0
    for block in re.split(r"\n[ \t]*\n", text):
        start = text.index(block, offset)
        offset = start + len(block)
        lines = [line for line in block.splitlines() if line.strip()]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        entry = Entry(line=text.count("\n", 0, start) + 1)
        current: tuple[str, int] | None = None
        for line in lines:
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            elif line.startswith("#"):
                continue
            elif line.startswith("msgctxt "):
                entry.msgctxt, current = _unquote(line[8:]), ("msgctxt", 0)
            elif line.startswith("msgid_plural "):
                entry.msgid_plural, current = _unquote(line[13:]), ("msgid_plural", 0)
            elif line.startswith("msgid "):
                entry.msgid, current = _unquote(line[6:]), ("msgid", 0)
            elif line.startswith("msgstr["):
                index = int(line[7 : line.index("]")])
                entry.msgstr[index] = _unquote(line[line.index("]") + 1 :])
                current = ("msgstr", index)
            elif line.startswith("msgstr "):
                entry.msgstr[0], current = _unquote(line[7:]), ("msgstr", 0)
            elif line.startswith('"') and current is not None:
                name, index = current
                if name == "msgstr":
                    entry.msgstr[index] += _unquote(line)
                else:
                    setattr(entry, name, (getattr(entry, name) or "") + _unquote(line))
        entries.append(entry)
    return entries


def _catalogue() -> tuple[Entry, list[Entry]]:
    entries = parse_po(PO_FILE.read_text(encoding="utf-8"))
    header = entries[0]
    assert header.msgid == "", "the catalogue must start with its header"
    return header, entries[1:]


def _plural_count(header: Entry) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", header.msgstr[0])
    assert match, "the header must declare Plural-Forms"
    return int(match.group(1))


def _placeholders(text: str) -> set[str]:
    return {f"{{{name}}}" for name in BRACE.findall(text)} | {
        f"%({name})" for name in PERCENT.findall(text)
    }


# -- (a) complete ---------------------------------------------------------------------------


def test_the_header_is_french_and_final():
    header, _entries = _catalogue()
    assert "Language: fr\n" in header.msgstr[0]
    assert "fuzzy" not in header.flags, "remove the fuzzy flag of the header"
    assert _plural_count(header) >= 2


def test_every_entry_is_translated_and_none_is_fuzzy():
    header, entries = _catalogue()
    forms = _plural_count(header)
    problems = []
    for entry in entries:
        if "fuzzy" in entry.flags:
            problems.append(f"{entry} is fuzzy")
        expected = range(forms) if entry.msgid_plural is not None else range(1)
        missing = [i for i in expected if not entry.msgstr.get(i, "").strip()]
        if missing:
            which = f" (forms {missing})" if entry.msgid_plural is not None else ""
            problems.append(f"{entry} has no translation{which}")
    assert not problems, "Translate these entries in the French catalogue:\n" + "\n".join(problems)


# -- (b) placeholders and markup kept -------------------------------------------------------


def test_translations_keep_every_placeholder_and_tag():
    _header, entries = _catalogue()
    problems = []
    for entry in entries:
        source = entry.msgid_plural if entry.msgid_plural is not None else entry.msgid
        wanted = _placeholders(source)
        wanted_tags = sorted(TAG.findall(source))
        for index, translation in sorted(entry.msgstr.items()):
            if not translation:
                continue  # reported as untranslated; gettext falls back to the English
            got = _placeholders(translation)
            if got != wanted:
                problems.append(
                    f"{entry} form {index}: placeholders {sorted(got)} instead of {sorted(wanted)}"
                )
            tags = sorted(TAG.findall(translation))
            if tags != wanted_tags:
                problems.append(f"{entry} form {index}: tags {tags} instead of {wanted_tags}")
    assert not problems, "\n".join(problems)


def test_the_parser_reads_placeholders_plurals_and_contexts():
    sample = (
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        '#, fuzzy, python-brace-format\nmsgctxt "status"\nmsgid ""\n"On {date}, "\n'
        '"%(name)s"\nmsgstr "Le {date}, %(name)s"\n\n'
        'msgid "%(counter)s source"\nmsgid_plural "%(counter)s sources"\n'
        'msgstr[0] "%(counter)s source"\nmsgstr[1] ""\n'
    )
    header, first, second = parse_po(sample)
    assert _plural_count(header) == 2
    assert first.flags == {"fuzzy", "python-brace-format"}
    assert first.msgctxt == "status"
    assert first.msgid == "On {date}, %(name)s"
    assert _placeholders(first.msgid) == _placeholders(first.msgstr[0]) == {"{date}", "%(name)"}
    assert second.msgid_plural == "%(counter)s sources"
    assert second.msgstr == {0: "%(counter)s source", 1: ""}
    assert _placeholders("{{literal}} {x} 100%") == {"{x}"}
    assert _placeholders("got %(value)r, %(n)d, %(ratio).2f") == {"%(value)", "%(n)", "%(ratio)"}


# -- (c) in step with the code --------------------------------------------------------------


def _copy_sources(destination: Path) -> None:
    """The files makemessages reads, at the same relative paths. Catalogues are left behind,
    but an app's own (empty) `locale` dir is kept: makemessages sends that app's strings there,
    not to the package catalogue, exactly as in the real tree."""
    for path in PACKAGE_DIR.rglob("locale"):
        relative = path.relative_to(PACKAGE_DIR)
        if path.is_dir() and len(relative.parts) > 1 and ".venv" not in relative.parts:
            (destination / relative).mkdir(parents=True, exist_ok=True)
    for path in PACKAGE_DIR.rglob("*"):
        relative = path.relative_to(PACKAGE_DIR)
        if (
            path.is_file()
            and path.suffix in EXTRACTED_SUFFIXES
            and not SKIPPED_DIRS.intersection(relative.parts[:-1])
        ):
            target = destination / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_the_catalogue_has_exactly_the_strings_of_the_code(tmp_path, monkeypatch, settings):
    """Extract the strings afresh, as `make messages` does, from a copy of the package (so the
    real catalogue is never touched), and compare them with the committed catalogue."""
    source = tmp_path / "lanzarote"
    _copy_sources(source)
    locale_dir = source / "locale"
    locale_dir.mkdir()
    settings.LOCALE_PATHS = [locale_dir]
    monkeypatch.chdir(source)
    call_command(
        "makemessages",
        locale=["fr"],
        ignore_patterns=[".venv"],
        no_obsolete=True,
        verbosity=0,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    fresh = parse_po((locale_dir / "fr" / "LC_MESSAGES" / "django.po").read_text("utf-8"))
    extracted = {entry.key for entry in fresh[1:]}
    _header, entries = _catalogue()
    committed = {entry.key for entry in entries}

    def show(keys: set[tuple[str | None, str, str | None]]) -> str:
        return "\n".join(
            f"  {f'[{ctx}] ' if ctx else ''}{msgid!r}"
            for ctx, msgid, _plural in sorted(keys, key=str)
        )

    new = extracted - committed
    gone = committed - extracted
    assert not new, (
        "Strings in the code are missing from the French catalogue; run `make messages` and "
        f"translate them:\n{show(new)}"
    )
    assert not gone, (
        "The French catalogue has strings the code no longer uses; run `make messages`:\n"
        f"{show(gone)}"
    )


# -- (d) the pages come out in French -------------------------------------------------------


def _page_text(response: HttpResponse) -> str:
    body = response.content.decode("utf-8")
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(body)).replace("\u00a0", " ")


@pytest.fixture
def french_catalogue_compiled() -> None:
    if not MO_FILE.exists() or MO_FILE.stat().st_mtime < PO_FILE.stat().st_mtime:
        pytest.fail(
            f"{MO_FILE.relative_to(PACKAGE_DIR)} is missing or older than the .po file; run "
            "`make messages` (or compilemessages) first."
        )


ENGLISH_LABELS = [
    ">Home<",
    ">Chart<",
    ">States<",
    "Who can join?",
    ">The Convention<",
    "Skip to main content",
    "Where the data come from",
    "Open data",
    "Lanzarote Convention registry",
]


def test_the_french_home_page_is_in_french(client, loaded_db, french_catalogue_compiled):
    response = client.get("/fr/")
    assert response.status_code == 200
    page = _page_text(response)
    for french in [
        "Accueil",
        "Tableau",
        "Qui peut devenir Partie ?",
        "La Convention de Lanzarote",
        "Convention du Conseil de l’Europe sur la protection des enfants contre l’exploitation "
        "et les abus sexuels",
        "Chiffres clés",
        "Comité de Lanzarote",
        "Origine des données",
        "1er juillet 2010",
    ]:
        assert french in page, f"{french!r} missing from /fr/"
    raw = re.sub(r"\s+", " ", response.content.decode("utf-8"))
    for english in [*ENGLISH_LABELS, "Key figures", "See the full chart"]:
        assert english not in raw, f"English {english!r} left on /fr/"


def test_the_french_chart_explains_itself_in_french(client, loaded_db, french_catalogue_compiled):
    response = client.get("/fr/treaties/cets-201/chart/?as_of=2023-05-31")
    assert response.status_code == 200
    page = _page_text(response)
    for french in [
        "Tableau des signatures et ratifications",
        "Au 31 mai 2023",
        "Entrée en vigueur du traité :",
        "Comment cette date découle des clauses finales",
        # The explanation from treaty_law, translated at render time with its dates filled in.
        "La Convention entre en vigueur le 1er juillet 2010 (Art. 45(3))",
        "le premier jour du mois qui suit l’expiration d’une période de trois mois",
        "Comment lire le tableau",
        "Télécharger en CSV",
        "En attente d’entrée en vigueur",
        "À propos de cette date",
        "(journal officiel ou document parlementaire)",
    ]:
        assert french in page, f"{french!r} missing from the French chart"
    raw = re.sub(r"\s+", " ", response.content.decode("utf-8"))
    # Sources are recorded with English titles, marked as such; the page around them is French.
    raw = re.sub(r'<(a|span) [^>]*lang="en"[^>]*>.*?</\1>', " ", raw)
    for english in [
        *ENGLISH_LABELS,
        "How to read the chart",
        "Download CSV",
        "Entry into force of the treaty",
        "enters into force",
        "unconfirmed",
        "Consented, not yet in force",
    ]:
        assert english not in raw, f"English {english!r} left on the French chart"
