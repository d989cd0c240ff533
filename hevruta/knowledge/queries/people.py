"""Finding people by email among a network's members: co-authors and curators are named this way."""

from hevruta.directory.models import Network, Person


def member_by_email(network: Network, email: str) -> Person | None:
    """A member of the network with this email, to appoint as curator or credit as a co-author."""
    email = (email or "").strip().replace("\x00", "")
    if not email:
        return None
    return Person.objects.filter(email__iexact=email, memberships__network=network).first()


def resolve_co_authors(network: Network, emails: list[str]) -> tuple[list[Person], list[str]]:
    """Co-authors are credited by their email among the network's members; unknown ones are reported."""
    found, unknown = [], []
    for email in emails:
        person = member_by_email(network, email)
        if person is None:
            unknown.append(email)
        else:
            found.append(person)
    return found, unknown
