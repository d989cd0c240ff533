from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "hevruta.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from hevruta.core import home, pagecache
        from hevruta.core.jobs import services as jobs
        from hevruta.core.search import everywhere

        from . import calendar, services
        from .queries import my_events
        from .search import find_everywhere, register_for_reindexing

        register_for_reindexing()
        everywhere.register(everywhere.Section("events", _("Events"), find_everywhere, "events:search", order=20))

        home.register(
            home.Card(
                name="my-events",
                title=_("My events"),
                template="events/_home_card.html",
                context=lambda request: {"rows": my_events(request.user)} if request.user.is_authenticated else None,
                order=30,
            )
        )
        pagecache.watch(calendar.FEED_SCOPE, calendar.FEED_DATA_APPS)
        # Seats offered from a waitlist and not confirmed in time pass to the next in line.
        jobs.register_housekeeping(services.expire_offers)
