"""factory_boy factories for the newsroom's models. Rows are built through the models, like the admin."""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from claims.models import (
    Citation,
    Claim,
    ClaimAppearance,
    ClaimRelation,
    Quote,
    Rating,
    Speaker,
    SpeakerAlias,
    Topic,
)
from sources.models import Outlet, Source


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@newsroom.example")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def role(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Daily Courier {n}")
    slug = factory.Sequence(lambda n: f"daily-courier-{n}")
    domain = factory.Sequence(lambda n: f"courier{n}.example")
    kind = Outlet.Kind.NEWSPAPER


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://courier.example/news/{n}")
    canonical_url = factory.LazyAttribute(lambda source: source.url)
    title = factory.Sequence(lambda n: f"Report number {n}")
    outlet = factory.SubFactory(OutletFactory)
    published_on = datetime.date(2025, 5, 21)
    language = "en"


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker Number{n}")
    slug = factory.Sequence(lambda n: f"speaker-{n}")
    role = "Minister"


class SpeakerAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakerAlias

    speaker = factory.SubFactory(SpeakerFactory)
    alias = factory.Sequence(lambda n: f"Alias {n}")


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    speaker = factory.SubFactory(SpeakerFactory)
    text = factory.Sequence(lambda n: f"We have delivered on promise number {n}.")
    source = factory.SubFactory(SourceFactory)
    said_on = datetime.date(2025, 5, 19)
    said_on_precision = Quote.Precision.DAY


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    statement = factory.Sequence(lambda n: f"Unemployment fell for the {n}th month in a row.")
    slug = factory.Sequence(lambda n: f"claim-{n}")
    author = factory.SubFactory(UserFactory, role="Reporter")


class ClaimAppearanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimAppearance

    claim = factory.SubFactory(ClaimFactory)
    quote = factory.SubFactory(QuoteFactory)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    bearing = Citation.Bearing.REFUTES


class ClaimRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimRelation

    from_claim = factory.SubFactory(ClaimFactory)
    to_claim = factory.SubFactory(ClaimFactory)
    kind = ClaimRelation.Kind.REBUTS


def rating(slug: str) -> Rating:
    """A rating of the default scale shipped by the migrations ("true" … "false")."""
    return Rating.objects.get(scale__is_default=True, slug=slug)
