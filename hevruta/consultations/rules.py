"""Permission predicates of consultations, used by pages and the API alike."""

import rules

from hevruta.directory.queries import viewer_for

from .models import Consultation
from .queries import may_read


@rules.predicate
def can_view_consultation(user: object, consultation: Consultation) -> bool:
    return may_read(user, consultation)


@rules.predicate
def is_asker(user: object, consultation: Consultation) -> bool:
    return viewer_for(user).person_id == consultation.asker_id


rules.add_perm("consultations.view_consultation", can_view_consultation)
rules.add_perm("consultations.change_consultation", is_asker)
