"""Model mixins shared by every app."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .fields import NameField


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class TrilingualNameModel(models.Model):
    """A name kept in Hebrew, Arabic and English; `name` shows the one of the active language.

    Used for the platform's own vocabularies (subjects, grade bands, topics, localities), whose
    names the platform itself provides in all three languages.
    """

    name_he = NameField(_("name in Hebrew"), max_length=200)
    name_ar = NameField(_("name in Arabic"), max_length=200, blank=True)
    name_en = NameField(_("name in English"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (translation.get_language() or "he")[:2]
        # The same order as core/names.py: the official Hebrew name before the English one.
        return getattr(self, f"name_{language}", "") or self.name_he or self.name_en


class ContentLanguage(models.TextChoices):
    """The language a person wrote a text in; shown with dir="auto" when unknown."""

    HEBREW = "he", _("Hebrew")
    ARABIC = "ar", _("Arabic")
    ENGLISH = "en", _("English")


# The search index's table lives with the search adapter; importing it here registers it with core.
# Background jobs people follow (core/jobs): the model lives beside its services.
from hevruta.core.jobs.models import Job  # noqa: E402, F401
from hevruta.core.search.models import SearchDocument  # noqa: E402, F401


class DataVersion(models.Model):
    """A number that moves on whenever a kind of data changes, so that pages kept in the cache for
    it are no longer found (core/pagecache.py). In the database, not the cache: every web process
    reads the same one, whatever cache each of them has."""

    scope = models.CharField(max_length=50, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.scope} {self.version}"
