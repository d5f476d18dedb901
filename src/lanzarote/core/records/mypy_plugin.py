"""Type-checking support for columns a model gets from a declaration rather than from a field
assignment in its class body (`Bilingual` yields `<name>_en` and `<name>_fr`).

It is django-stubs' plugin plus one step: after django-stubs has read a model class, every
concrete column the running model has but the class body does not declare is added with the type
django-stubs gives that field class. Enabled in `pyproject.toml` (`[tool.mypy] plugins`) in place
of `mypy_django_plugin.main`; it is never imported at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mypy.plugin import ClassDefContext
from mypy.types import Instance
from mypy_django_plugin.lib import helpers
from mypy_django_plugin.main import NewSemanalDjangoPlugin
from mypy_django_plugin.transformers.fields import get_field_descriptor_types
from mypy_django_plugin.transformers.models import ModelClassInitializer


class AddDeclaredColumns(ModelClassInitializer):
    def run_with_model_cls(self, model_cls: Any) -> None:
        info = self.model_classdef.info
        for field in model_cls._meta.concrete_fields:
            if field.is_relation or info.has_readable_member(field.attname):
                continue
            field_info = self.lookup_class_typeinfo_or_incomplete_defn_error(field.__class__)
            set_type, get_type = get_field_descriptor_types(
                field_info, is_set_nullable=field.null, is_get_nullable=field.null
            )
            self.add_new_var_to_model_class(
                field.attname, Instance(field_info, [set_type, get_type])
            )


class LanzaroteDjangoPlugin(NewSemanalDjangoPlugin):
    def get_base_class_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        hook = super().get_base_class_hook(fullname)
        info = self._get_typeinfo_or_none(fullname)
        if hook is None or info is None or not helpers.is_model_type(info):
            return hook
        django_hook = hook

        def process(ctx: ClassDefContext) -> None:
            django_hook(ctx)
            try:
                AddDeclaredColumns(ctx, self.django_context).run()
            except helpers.IncompleteDefnException:
                if not ctx.api.final_iteration:
                    ctx.api.defer()

        return process


def plugin(version: str) -> type[NewSemanalDjangoPlugin]:
    return LanzaroteDjangoPlugin
