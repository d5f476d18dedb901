"""Column declarations shared by the monitoring models."""

from __future__ import annotations

from django.conf import settings
from django.db import models


def _recorder(related_name: str = "+") -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
    )
