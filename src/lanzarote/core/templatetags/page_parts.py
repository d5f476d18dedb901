"""Tags for the parts every page repeats, loaded as template builtins (settings TEMPLATES
OPTIONS "builtins") so that no template has to `{% load %}` them.

The trail above a page's title, in one line:

    {% url 'monitoring:round' round.slug as round_url %}
    {% breadcrumbs "monitoring:index" _("Monitoring") round_url round.title here=_("Dashboard") %}

Each link is a pair: where it goes (a path, or the name of a URL that takes no argument) and
its text. `here` is the page itself (left out on a page that only shows the trail), `label`
names the trail for assistive technology ("Breadcrumb" unless given).

A data table that scrolls sideways on a narrow screen, named for assistive technology by its
caption (or by the element whose id is given), with more classes after "data-table" if asked;
with `rows=` and `empty=`, a table without rows is a notice instead:

    {% data_table "rounds-caption" "board" scroll="chart-table" rows=rounds empty=_("No round.") %}
        <caption id="rounds-caption">…</caption>
        {% table_head _("Round") _("Replies") %}
        {% for round in rounds %}<tr>…</tr>{% endfor %}
    {% enddata_table %}

The links to what a page shows as CSV and JSON (each a path or the name of a URL without
arguments, with the page's query string when given), or to the page itself as CSV, XLSX and JSON
where the page answers `format=`:

    {% download_links "committee:texts_csv" "committee:texts_json" query=download_query %}
    {% download_formats download_query %}

One fact of a record in its <dl>, "not recorded" in place of the description when `known`,
if given, is empty:

    {% fact _("Replies due") known=round.replies_due %}{% known_date round.replies_due_known %}{% endfact %}

A server-drawn bar chart's SVG, `chart.width` by `chart.height`, named for assistive technology by
its title and description (ids "<chart_id>-title" and "-desc"); the bars are the tag's body
(inside `{% localize off %}`, so that coordinates keep their decimal point):

    {% bar_chart chart chart_id chart.title chart.description %}<g>…</g>{% endbar_chart %}

`table_head` writes a table's head row, a column heading for each argument. Inside a
`data_table`, what follows the head row (`table_head` or a list's `sort_head`) is the table's
body: the tag writes the <tbody> around it.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token, token_kwargs
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

register = template.Library()


def _href(target: Any) -> str:
    text = str(target)
    return text if text.startswith(("/", "?", "#")) else reverse(text)


@register.inclusion_tag("includes/_breadcrumbs.html")
def breadcrumbs(*links: Any, here: Any = "", label: Any = "") -> dict[str, Any]:
    if len(links) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes a target and a text for each link")
    pairs = [(_href(target), text) for target, text in zip(links[::2], links[1::2], strict=True)]
    return {"links": pairs, "here": here, "label": label}


@register.inclusion_tag("includes/_download_links.html")
def download_links(csv: Any, json: Any, query: Any = None) -> dict[str, Any]:
    tail = "" if query is None else f"?{query}"
    return {
        "links": [
            (_href(csv) + tail, gettext("Download CSV")),
            (_href(json) + tail, gettext("Download JSON")),
        ]
    }


@register.inclusion_tag("includes/_download_links.html")
def download_formats(query: Any) -> dict[str, Any]:
    start = f"?{query}&" if query else "?"
    formats = [
        ("csv", gettext("Download CSV")),
        ("xlsx", gettext("Download XLSX")),
        ("json", gettext("Download JSON")),
    ]
    return {"links": [(f"{start}format={name}", text) for name, text in formats]}


# The tags that write a table's head row: `table_head`, and a list's sortable `sort_head`
# (web's lanzarote_web, loaded where it is used).
HEAD_ROWS = ("table_head", "sort_head")


class DataTableNode(template.Node):
    def __init__(
        self,
        nodelist: NodeList,
        labelledby: FilterExpression,
        classes: FilterExpression | None,
        body: NodeList | None,
        options: dict[str, FilterExpression],
    ) -> None:
        self.nodelist = nodelist
        self.labelledby = labelledby
        self.classes = classes
        self.body = body
        self.options = options  # scroll=, rows= and empty=, as given

    def render(self, context: template.Context) -> str:
        given = {name: value.resolve(context) for name, value in self.options.items()}
        if "empty" in given and not given["rows"]:
            return format_html('<p class="notice">{}</p>', given["empty"])
        scroll = given.get("scroll", "")
        classes = self.classes.resolve(context) if self.classes else ""
        contents = self.nodelist.render(context)
        if self.body is not None:
            contents = format_html("{}<tbody>{}</tbody>", contents, self.body.render(context))
        return format_html(
            '<div class="{}" tabindex="0" role="region" aria-labelledby="{}">'
            '<table class="{}">{}</table></div>',
            f"table-scroll {scroll}" if scroll else "table-scroll",
            self.labelledby.resolve(context),
            f"data-table {classes}" if classes else "data-table",
            contents,
        )


@register.tag
def data_table(parser: Parser, token: Token) -> DataTableNode:
    bits = token.split_contents()[1:]
    named = [bit for bit in bits if "=" in bit]
    bits = bits[: len(bits) - len(named)]
    given = len(named)
    options = token_kwargs(named, parser)  # consumes `named`
    if (
        len(bits) not in (1, 2)
        or len(options) != given
        or set(options) - {"scroll", "rows", "empty"}
        or ("rows" in options) != ("empty" in options)
    ):
        raise template.TemplateSyntaxError(
            "data_table takes the id that names the table, if any more classes of the table, "
            "scroll= for more classes of the scrolling box, and rows= with empty= for the notice "
            "that stands instead of a table without rows"
        )
    nodelist = parser.parse((*HEAD_ROWS, "enddata_table"))
    body = None
    head = parser.next_token()
    if head.contents != "enddata_table":
        # The head row closes the caption and head; the rows after it are the table's body.
        name = head.split_contents()[0]
        if name not in parser.tags:
            parser.invalid_block_tag(head, name, ["enddata_table"])
        nodelist.append(parser.tags[name](parser, head))
        body = parser.parse(("enddata_table",))
        parser.delete_first_token()
    classes = parser.compile_filter(bits[1]) if len(bits) == 2 else None
    return DataTableNode(nodelist, parser.compile_filter(bits[0]), classes, body, options)


class FactNode(template.Node):
    def __init__(self, nodelist: NodeList, term: FilterExpression, known: FilterExpression | None):
        self.nodelist = nodelist
        self.term = term
        self.known = known

    def render(self, context: template.Context) -> str:
        if self.known is None or self.known.resolve(context):
            description = self.nodelist.render(context)
        else:
            description = format_html('<span class="muted">{}</span>', gettext("not recorded"))
        return format_html(
            "<div><dt>{}</dt><dd>{}</dd></div>", self.term.resolve(context), description
        )


@register.tag
def fact(parser: Parser, token: Token) -> FactNode:
    bits = token.split_contents()[1:]
    known = token_kwargs(bits[1:], parser)
    if not bits or len(bits) > 2 or set(known) - {"known"} or len(known) != len(bits) - 1:
        raise template.TemplateSyntaxError("fact takes the term, and known= if it may be missing")
    nodelist = parser.parse(("endfact",))
    parser.delete_first_token()
    return FactNode(nodelist, parser.compile_filter(bits[0]), known.get("known"))


class BarChartNode(template.Node):
    def __init__(self, nodelist: NodeList, chart: FilterExpression, *names: FilterExpression):
        self.nodelist = nodelist
        self.chart = chart
        self.chart_id, self.title, self.description = names

    def render(self, context: template.Context) -> str:
        chart = self.chart.resolve(context)
        key = self.chart_id.resolve(context)
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" viewBox="0 0 {} {}" '
            'width="{}" height="{}" role="img" aria-labelledby="{}-title {}-desc">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
            chart.width,
            chart.height,
            chart.width,
            chart.height,
            key,
            key,
            key,
            self.title.resolve(context),
            key,
            self.description.resolve(context),
            self.nodelist.render(context),
        )


@register.tag
def bar_chart(parser: Parser, token: Token) -> BarChartNode:
    bits = token.split_contents()[1:]
    if len(bits) != 4:
        raise template.TemplateSyntaxError(
            "bar_chart takes the chart, its id, title and description"
        )
    nodelist = parser.parse(("endbar_chart",))
    parser.delete_first_token()
    return BarChartNode(nodelist, *(parser.compile_filter(bit) for bit in bits))


@register.simple_tag
def table_head(*headings: Any) -> SafeString:
    return format_html(
        "<thead><tr>{}</tr></thead>",
        format_html_join("", '<th scope="col">{}</th>', ((heading,) for heading in headings)),
    )
