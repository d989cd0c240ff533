"""Who may do what in mentoring, declared once for pages and the API alike.

- A mentoring program's coordinators and its network's managers run it: applications, matching, publishing.
- A relationship is seen by its two people and by the program's staff; only the two log meetings, set goals
  and keep notes. The staff see activity (meetings, hours, topics, goals), never private notes, and a
  meeting's summary only when the pair shared it (queries.meetings_of).
"""

import rules

from hevruta.directory.queries import viewer_for
from hevruta.programs.queries import program_access

from .models import Assessment, MentoringProgram, Relationship, RelationshipState


@rules.predicate
def runs_mentoring(user: object, program: MentoringProgram) -> bool:
    return program_access(user, program.program).manages


@rules.predicate
def in_relationship(user: object, relationship: Relationship) -> bool:
    return relationship.includes(viewer_for(user).person_id)


@rules.predicate
def is_mentor(user: object, relationship: Relationship) -> bool:
    person_id = viewer_for(user).person_id
    return person_id is not None and person_id == relationship.mentor_id


@rules.predicate
def oversees(user: object, relationship: Relationship) -> bool:
    return program_access(user, relationship.program).is_staff


@rules.predicate
def is_active(user: object, relationship: Relationship) -> bool:
    return relationship.state == RelationshipState.ACTIVE


@rules.predicate
def responds(user: object, assessment: Assessment) -> bool:
    person_id = viewer_for(user).person_id
    return (
        person_id is not None
        and person_id == assessment.relationship.mentee_id
        and assessment.is_locked
        and assessment.responded_at is None
    )


rules.add_perm("mentoring.run_program", runs_mentoring)
rules.add_perm("mentoring.view_relationship", in_relationship | oversees)
rules.add_perm("mentoring.log_meeting", in_relationship & is_active)
rules.add_perm("mentoring.assess", is_mentor)
rules.add_perm("mentoring.end_relationship", (in_relationship | oversees) & is_active)
rules.add_perm("mentoring.respond_to_assessment", responds)
