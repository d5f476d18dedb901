"""Texts adopted by the Committee, by kind and by the article they concern."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import Coalesce

from lanzarote.committee.models import (
    AdoptedText,
    Meeting,
)
from lanzarote.core.records.reading import one
from lanzarote.registry.lookups import CONVENTION
from lanzarote.registry.models import Article

# -- adopted texts ---------------------------------------------------------------------------


def newest_first(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Newest first by the latest possible date (or the earliest when open-ended); undated
    last, on every database."""
    return queryset.annotate(anchor=Coalesce("date_latest", "date_earliest")).order_by(
        F("anchor").desc(nulls_last=True), "title_en"
    )


def _texts() -> QuerySet[AdoptedText]:
    return AdoptedText.objects.select_related("meeting").prefetch_related(
        Prefetch("articles", queryset=Article.objects.order_by("number"))
    )


def text_list(*, kind: str = "", article: int | None = None) -> list[AdoptedText]:
    texts = _texts()
    if kind:
        texts = texts.filter(kind=kind)
    if article:
        texts = texts.filter(articles__number=article, articles__treaty__slug=CONVENTION)
    return list(newest_first(texts).distinct())


def texts_by_slug(slugs: Iterable[str]) -> dict[str, AdoptedText]:
    """The adopted texts of `slugs` by slug, in one query (their own columns only)."""
    return {text.slug: text for text in AdoptedText.objects.filter(slug__in=sorted(set(slugs)))}


def text_get(slug: str) -> AdoptedText:
    texts = (
        _texts()
        .select_related("decision")
        .prefetch_related(Prefetch("considered_at", queryset=Meeting.objects.order_by("number")))
    )
    return one(texts, missing=f"No adopted text {slug!r}.", slug=slug)


def convention_articles() -> list[Article]:
    return list(Article.objects.filter(treaty__slug=CONVENTION).order_by("number"))


@dataclass(frozen=True)
class ArticleTexts:
    article: Article
    texts: list[AdoptedText]


def texts_by_article() -> list[ArticleTexts]:
    """The articles that adopted texts concern, each with those texts (oldest first)."""
    grouped: dict[int, ArticleTexts] = {}
    texts = AdoptedText.objects.prefetch_related(
        Prefetch("articles", queryset=Article.objects.order_by("number"))
    ).order_by("date_earliest", "title_en")
    for text in texts:
        for article in text.articles.all():
            grouped.setdefault(article.pk, ArticleTexts(article, [])).texts.append(text)
    return sorted(grouped.values(), key=lambda g: g.article.number)
