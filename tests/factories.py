"""factory_boy factories for the directory and accounts."""

import factory

from hevruta.accounts.models import User
from hevruta.directory import models


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
            self.save()


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Locality

    cbs_code = factory.Sequence(lambda n: 90000 + n)
    name_he = factory.Sequence(lambda n: f"יישוב {n}")
    name_en = factory.Sequence(lambda n: f"Locality {n}")
    district = models.District.SOUTH
    peripherality_cluster = 3


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organization

    name = factory.Sequence(lambda n: f"בית ספר {n}")
    kind = models.OrganizationKind.SCHOOL
    sector = models.Sector.STATE
    locality = factory.SubFactory(LocalityFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    given_name = "נועה"
    family_name = factory.Sequence(lambda n: f"כהן{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    profile_visibility = models.Visibility.NETWORK


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Network

    name = factory.Sequence(lambda n: f"רשת {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    kind = models.NetworkKind.PROFESSIONAL
    is_public = True


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Position

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "רכזת מתמטיקה"
    role = models.PositionRole.SUBJECT_COORDINATOR


def member(network: models.Network, person: models.Person, role: str = models.MembershipRole.MEMBER):
    return models.NetworkMembership.objects.create(network=network, person=person, role=role)
