"""`make bench-search`: latency of monitoring full-text search on 250,000 records.

Builds a scratch SQLite database (migrations only, no reference data) in a temporary folder,
bulk-loads 250,000 search documents — questions, replies, contributions and recommendations in
English and French, with Zipf-distributed words, rounds, Parties, articles, strengths and
compliance — rebuilds the FTS5 index once, then runs a few hundred representative queries through
`lanzarote.monitoring.search.search` (words, phrases, `or`, exclusions, prefixes, accents, with
and without facets, and facet-only browsing) and prints p50/p95/p99 per kind of query and
overall. Target: p95 ≤ 100 ms. Nothing here is a timed test; the exit code says whether the
target holds.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_P95_MS = 100.0


def _words(text: str) -> list[str]:
    return text.split()


PARTIES = _words(
    "AD AL AM AT AZ BA BE BG CH CY CZ DE DK EE ES FI FR GB GE GR HR HU IE IS IT LI LT LU LV MC MD "
    "ME MK MT NL NO PL PT RO RS RU SE SI SK SM TN TR UA"
)
STRENGTHS = ["urge", "invite", "calls-on", "requests"]
COMPLIANCE = ["complied", "partially_complied", "not_complied", "not_assessed"]
KINDS = ["reply"] * 60 + ["contribution"] * 15 + ["recommendation"] * 10 + ["question"] * 15

EN_TERMS = _words(
    """child children sexual abuse exploitation protection victim victims offender offenders law
criminal code police prosecution court judge hearing interview trust family parent parents
teacher school coach sport club volunteer screening record register data online internet images
videos grooming solicitation consent age majority limitation period reporting helpline assistance
therapy programme prevention awareness training professional social worker health doctor nurse
care institution residential foster placement inspection ombudsperson national coordination body
strategy action plan budget evaluation statistics research cooperation international europol
interpol extradition jurisdiction sanction penalty aggravating attempt corporate liability
self-generated material production possession distribution access streaming performance
corruption prostitution trafficking refugee migrant unaccompanied border reception guardian
multidisciplinary barnahus room recording testimony cross-examination anonymity privacy media"""
)
FR_TERMS = _words(
    """enfant enfants abus sexuels exploitation protection victime victimes auteur auteurs loi
code pénal police poursuites tribunal juge audition entretien confiance famille parent parents
enseignant école entraîneur club bénévole contrôle casier registre données internet images vidéos
sollicitation consentement âge majorité prescription signalement assistance thérapie programme
prévention sensibilisation formation professionnel travailleur social santé médecin infirmière
placement inspection défenseur coordination stratégie plan budget évaluation statistiques
recherche coopération compétence sanction peine circonstance aggravante tentative responsabilité
personne morale autoproduites diffusion accès spectacle corruption traite réfugié migrant
non accompagné frontière accueil tuteur pluridisciplinaire salle enregistrement témoignage vie
privée médias"""
)
FILLER_EN = _words("the of and to in a is that for on are with as by be this which or from at")
FILLER_FR = _words("le la les de des et à en un une est que pour dans sur par au aux qui ou du")


def _zipf_sampler(words: list[str], rng: random.Random, s: float = 1.05):  # type: ignore[no-untyped-def]
    weights = [1.0 / (rank**s) for rank in range(1, len(words) + 1)]
    shuffled = words[:]
    rng.shuffle(shuffled)
    return lambda k: rng.choices(shuffled, weights, k=k)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=250_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--seed", type=int, default=201)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="lanzarote-bench-search-"))
    os.environ["LANZAROTE_VAR_DIR"] = str(scratch)
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lanzarote.settings.local")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        migrated = time.perf_counter()
        rng = random.Random(args.seed)
        load(args.records, rng)
        loaded = time.perf_counter()
        print(
            f"scratch database {scratch / 'bench.sqlite3'} ({connection.vendor}, "
            f"SQLite {connection.Database.sqlite_version}): migrated in {migrated - started:.1f} s, "
            f"{args.records:,} records loaded and indexed in {loaded - migrated:.1f} s"
        )
        return measure(args.queries, rng)
    finally:
        connection.close()
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)


def load(count: int, rng: random.Random) -> None:
    from django.db import connection, transaction

    from lanzarote.monitoring.models import Round
    from lanzarote.monitoring.search import tags_for_document

    rounds = [
        Round.objects.create(
            slug=f"bench-{number}",
            kind="thematic",
            number=number,
            position=number,
            title_en=f"Round {number}",
            title_fr=f"Cycle {number}",
            theme_en="Benchmark",
            theme_fr="Banc d'essai",
            date_earliest=f"{2010 + number}-06-01",
            date_latest=f"{2010 + number}-06-01",
            date_precision="day",
        ).pk
        for number in range(1, 9)
    ]
    en_words = _zipf_sampler(EN_TERMS, rng)
    fr_words = _zipf_sampler(FR_TERMS, rng)

    def sentence(language: str, length: int) -> str:
        terms = en_words(length) if language == "en" else fr_words(length)
        filler = FILLER_EN if language == "en" else FILLER_FR
        words = []
        for term in terms:
            words.append(term)
            if rng.random() < 0.6:
                words.append(rng.choice(filler))
        return " ".join(words).capitalize() + "."

    def row(index: int) -> tuple[object, ...]:
        kind = rng.choice(KINDS)
        language = "fr" if rng.random() < 0.3 else "en"
        round_id = rng.choice(rounds)
        articles = sorted(rng.sample(range(4, 39), k=rng.randint(1, 3)))
        states: list[str] = []
        strength = ""
        compliance = ""
        if kind == "reply":
            states = [rng.choice(PARTIES)]
        elif kind == "contribution":
            states = rng.sample(PARTIES, k=rng.randint(0, 3))
        elif kind == "recommendation":
            states = rng.sample(PARTIES, k=rng.choice([2, 5, 12, 48]))
            strength = rng.choice(STRENGTHS)
            compliance = (
                "|" + "|".join(f"{c}:{rng.choice(COMPLIANCE)}" for c in sorted(states)) + "|"
            )
        body = " ".join(sentence(language, rng.randint(8, 30)) for _ in range(rng.randint(2, 6)))
        is_public, is_demo = rng.random() < 0.85, rng.random() < 0.02
        return (
            kind,
            index,
            round_id,
            "|" + "|".join(sorted(states)) + "|" if states else "",
            "|" + "|".join(map(str, articles)) + "|",
            strength,
            compliance,
            language,
            f"{kind.capitalize()} {index}",
            body,
            is_public,
            is_demo,
            tags_for_document(
                kind=kind,
                round_id=round_id,
                states=states,
                articles=articles,
                strength=strength,
                compliance=dict(e.split(":") for e in compliance.strip("|").split("|") if e),
                is_public=is_public,
                is_demo=is_demo,
            ),
        )

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=OFF")
        cursor.execute("PRAGMA synchronous=OFF")
    # Load without the per-row FTS triggers, then build the index once (as a bulk load should).
    from importlib import import_module

    search_migration = import_module("lanzarote.monitoring.migrations.0003_search")
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in search_migration.SQLITE_REVERSE[:3]:
            cursor.execute(statement)
        batch: list[tuple[object, ...]] = []
        for index in range(1, count + 1):
            batch.append(row(index))
            if len(batch) == 10_000:
                _insert(cursor, batch)
                batch = []
        if batch:
            _insert(cursor, batch)
        cursor.execute(
            "INSERT INTO monitoring_search_fts(monitoring_search_fts) VALUES ('rebuild')"
        )
        for statement in search_migration.SQLITE[1:]:
            cursor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO monitoring_search_fts(monitoring_search_fts) VALUES ('optimize')"
        )
        cursor.execute("ANALYZE")


def _insert(cursor, batch: list[tuple[object, ...]]) -> None:  # type: ignore[no-untyped-def]
    cursor.executemany(
        "INSERT INTO monitoring_searchdocument (kind, object_id, round_id, states, articles, strength, "
        "compliance, language, title, body, is_public, is_demo, tags) VALUES (%s, %s, %s, %s, %s, "
        "%s, %s, %s, %s, %s, %s, %s, %s)",
        batch,
    )


def queries(rng: random.Random, count: int) -> list[tuple[str, str, dict[str, object]]]:
    """(category, query, facets) — a representative mix of what people type."""
    from lanzarote.monitoring.models import Round

    rounds = list(Round.objects.values_list("pk", flat=True))
    common_en, rare_en = EN_TERMS[:30], EN_TERMS[30:]
    common_fr, rare_fr = FR_TERMS[:30], FR_TERMS[30:]
    made: list[tuple[str, str, dict[str, object]]] = []
    while len(made) < count:
        pick = rng.random()
        if pick < 0.18:
            made.append(("one word", rng.choice(EN_TERMS + FR_TERMS), {}))
        elif pick < 0.32:
            made.append(("two words", f"{rng.choice(common_en)} {rng.choice(rare_en)}", {}))
        elif pick < 0.40:
            made.append(("phrase", f'"{rng.choice(EN_TERMS)} {rng.choice(FILLER_EN)}"', {}))
        elif pick < 0.47:
            made.append(("or", f"{rng.choice(rare_en)} or {rng.choice(rare_fr)}", {}))
        elif pick < 0.52:
            made.append(("exclusion", f"{rng.choice(common_en)} -{rng.choice(common_en)}", {}))
        elif pick < 0.57:
            made.append(("prefix", rng.choice(EN_TERMS)[:4] + "*", {}))
        elif pick < 0.63:
            word = rng.choice([w for w in FR_TERMS if any(c in w for c in "éèêâîôûç")])
            unaccented = word.translate(str.maketrans("éèêâîôûç", "eeeaiouc"))
            made.append(("accents", unaccented, {}))
        elif pick < 0.88:
            candidates: list[tuple[str, object]] = [
                ("round", rng.choice(rounds)),
                ("state", rng.choice(PARTIES)),
                ("kind", rng.choice(["reply", "contribution", "recommendation", "question"])),
                ("article", rng.randint(4, 38)),
            ]
            facets: dict[str, object] = {n: v for n, v in candidates if rng.random() < 0.45}
            if rng.random() < 0.3:
                facets.update(kind="recommendation", strength=rng.choice(STRENGTHS))
                if rng.random() < 0.5:
                    facets["compliance"] = rng.choice(COMPLIANCE)
            made.append(("words + facets", f"{rng.choice(common_en + common_fr)}", facets))
        else:
            made.append(
                (
                    "facets only",
                    "",
                    {
                        "round": rng.choice(rounds),
                        "state": rng.choice(PARTIES),
                        "kind": rng.choice(["reply", "recommendation"]),
                    },
                )
            )
    return made


def measure(count: int, rng: random.Random) -> int:
    from lanzarote.monitoring.search import SearchFacets, search

    plan = queries(rng, count)
    for _category, text, facets in plan[:20]:  # warm the page cache
        search(text, facets=SearchFacets(**facets))  # type: ignore[arg-type]
    timings: dict[str, list[float]] = defaultdict(list)
    totals: list[int] = []
    for category, text, facets in plan:
        start = time.perf_counter()
        result = search(text, facets=SearchFacets(**facets), limit=20)  # type: ignore[arg-type]
        elapsed = (time.perf_counter() - start) * 1000
        timings[category].append(elapsed)
        timings["all"].append(elapsed)
        totals.append(result.total)
    print(f"{len(plan)} queries (each: the page of 20 hits by rank + the counts of every facet)")
    print(f"{'kind of query':<16} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for category in sorted(timings, key=lambda c: (c == "all", c)):
        values = sorted(timings[category])
        print(
            f"{category:<16} {len(values):>4} {statistics.median(values):>8.1f} "
            f"{_pct(values, 95):>8.1f} {_pct(values, 99):>8.1f} {values[-1]:>8.1f}"
        )
    print(f"matches per query: median {statistics.median(totals):,.0f}, max {max(totals):,}")
    p95 = _pct(sorted(timings["all"]), 95)
    verdict = "meets" if p95 <= TARGET_P95_MS else "MISSES"
    print(f"p95 {p95:.1f} ms {verdict} the target of {TARGET_P95_MS:.0f} ms")
    return 0 if p95 <= TARGET_P95_MS else 1


def _pct(values: list[float], percent: int) -> float:
    index = max(0, min(len(values) - 1, round(percent / 100 * len(values)) - 1))
    return values[index]


if __name__ == "__main__":
    raise SystemExit(main())
