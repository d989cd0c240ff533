"""The search-document table: one row per indexed object, of any app.

The database's own full-text index is built from this table by the database itself (migration
0002): on SQLite an FTS5 table that triggers keep in step, on PostgreSQL a generated tsvector column
with a GIN index. So any write to this table, even a bulk one, is searchable when it commits.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    # Small columns first: SQLite reads a row from its start, so filters on kind and object_id
    # never touch the long texts stored after them.
    kind = models.CharField(_("kind"), max_length=64, help_text=_('What the object is, as "app.model".'))
    object_id = models.BigIntegerField(_("object id"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # What the snippets are cut from, as written.
    title = models.TextField(_("title"), blank=True)
    body = models.TextField(_("body"), blank=True)
    # What the index is built from (core.text.word_forms), space-separated. "exact": each word as
    # written, folded. "forms": the exact forms again plus each word without its attached prefixes;
    # a query word must be among a document's forms, and the exact columns weigh more in the ranking.
    title_exact = models.TextField(editable=False, blank=True)
    title_forms = models.TextField(editable=False, blank=True)
    body_exact = models.TextField(editable=False, blank=True)
    body_forms = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            # Also the index that restricts a search to the ids an app lets the user see.
            models.UniqueConstraint(
                fields=["kind", "object_id"],
                name="core_searchdocument_one_per_object",
                violation_error_message=_("This item is already in the search index."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
