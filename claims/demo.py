"""The demo newsroom: the Kursk example, loaded by `manage.py loaddemo`, safe to run any number of times.

The facts come from one article of 21 May 2025 (Putin declares the Kursk region "liberated"; a Ukrainian
commander answers that it is not, "by 100%") and its annotation: who said what, when, where, in which
paragraph. The article's prose is not ours and is not carried here, only the quotations and facts the
demo needs. Paragraph numbers count every non-empty line of the article as captured, captions included.

The two competing claims are then taken through the real review workflow, so a newcomer sees a working
public site at once: the demo reporter writes the summary and analysis, cites the article and submits;
the demo editor rates, approves and publishes. The verdicts rest only on what the article reports (Kyiv
said fighting continued; Ukraine had not declared itself pushed out and had launched a fresh offensive in
Kursk two weeks before 21 May 2025; Russia had retaken most of the region).

Loading looks every row up by its natural key first (a speaker's Wikidata ID or name, a quote's words, a
claim's statement), so a second run changes nothing and a run after a partial demo completes it; a claim
already past its draft is never touched again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.db.models import Q

from claims import services, workflow
from claims.models import Citation, Claim, ClaimAppearance, ClaimRelation, Quote, Rating, Speaker, Topic
from claims.normalise import normalise_name
from sources.models import Source
from sources.services import source_record


@dataclass(frozen=True)
class DemoSpeaker:
    name: str
    kind: str
    role: str
    wikidata_qid: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoQuote:
    speaker: str
    text: str
    kind: str
    said_on: datetime.date | None
    precision: str
    location: str
    venue: str = ""


@dataclass(frozen=True)
class DemoVerdict:
    rating: str  # slug on the default scale
    summary: str
    analysis: str
    bearing: str  # how the article bears on the claim
    note: str


@dataclass(frozen=True)
class DemoClaim:
    statement: str
    claimant: str
    appearances: tuple[str, ...]
    verdict: DemoVerdict


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    group: str
    first_name: str
    last_name: str
    is_staff: bool


ACCOUNTS = (
    DemoAccount("reporter", "reporter-demo", "Reporter", "Rita", "Reporter", is_staff=False),
    DemoAccount("editor", "editor-demo", "Editor", "Eddie", "Editor", is_staff=True),
)

SPEAKERS = (
    DemoSpeaker(
        "Vladimir Putin", "person", "President of Russia", "Q7747", ("Putin", "Vlad", "VLADIMIR Putin")
    ),
    DemoSpeaker("Volodymyr Zelensky", "person", "President of Ukraine", "Q3874799", ("Zelensky",)),
    DemoSpeaker("Oleh Shyriaiev", "person", "Ukrainian army commander", "", ("Shyriaiev",)),
    DemoSpeaker(
        "Donald Trump", "person", "President of the United States", "Q22686", ("Trump", "President Trump")
    ),
    DemoSpeaker("Kremlin", "organisation", "Office of the President of Russia", "", ("the Kremlin",)),
    DemoSpeaker(
        "Russian negotiating delegation",
        "organisation",
        "Putin's representatives at the talks in Turkey",
        "",
        ("His representatives",),
    ),
)

# The article's own headline is not in our copy; this title describes it, for the desk.
ARTICLE_TITLE = "Putin visits the Kursk region for the first time since Russia retook it"
ARTICLE_PUBLISHED_ON = datetime.date(2025, 5, 21)

APRIL_2025 = datetime.date(2025, 4, 1)
MAY_2025 = datetime.date(2025, 5, 1)

QUOTES = (
    DemoQuote("Vladimir Putin", "liberated", "partial", APRIL_2025, "month", "¶21"),
    DemoQuote(
        "Vladimir Putin",
        "The Kyiv regime’s adventure has completely failed.",
        "direct",
        APRIL_2025,
        "month",
        "¶23",
    ),
    DemoQuote(
        "Oleh Shyriaiev",
        "Russia has not yet liberated the Kursk region by 100%. We are working, fighting. These are not "
        "territorial successes… But successes in destroying enemy armoured vehicles and personnel.",
        "direct",
        # A reply to Putin's declaration at the end of April; the article gives no closer date.
        datetime.date(2025, 1, 1),
        "year",
        "¶24–25",
    ),
    DemoQuote(
        "Russian negotiating delegation",
        "eternal war",
        "partial",
        MAY_2025,
        "month",
        "¶31",
        "peace talks in Turkey",
    ),
    DemoQuote(
        "Vladimir Putin",
        "frank and very useful",
        "partial",
        MAY_2025,
        "month",
        "¶32",
        "about his phone call with Donald Trump",
    ),
    DemoQuote(
        "Vladimir Putin",
        "A ceasefire in Ukraine for a certain period of time is possible if appropriate agreements are "
        "reached.",
        "direct",
        MAY_2025,
        "month",
        "¶34",
        "state media",
    ),
    DemoQuote(
        "Donald Trump",
        "I believe it went very well. Russia and Ukraine will immediately start negotiations toward a "
        "ceasefire. The Vatican, as represented by the Pope, has stated it would be very interested in "
        "hosting negotiations.",
        "direct",
        MAY_2025,
        "month",
        "¶38–39",
        "Truth Social post",
    ),
)

TOPIC_SLUG, TOPIC_NAME = "war-in-ukraine", "War in Ukraine"

ARTICLE_NOTE = (
    "Reports, on 21 May 2025, that Kyiv insisted fighting in the Kursk region continued after Putin's "
    "declaration, that Ukraine had not declared itself pushed out, and that it had launched a fresh "
    "offensive in Kursk two weeks earlier; also that Russia had retaken most of the region."
)

PUTIN_CLAIM = DemoClaim(
    "Russia has fully liberated the Kursk region from Ukrainian forces.",
    "Vladimir Putin",
    ("liberated", "The Kyiv regime’s adventure has completely failed."),
    DemoVerdict(
        rating="mostly-false",
        summary=(
            "At the end of April 2025 Vladimir Putin declared the Kursk region fully “liberated”. Russia had "
            "retaken most of the territory Ukraine seized in August 2024, but Kyiv said fighting there "
            "continued, and three weeks later Ukraine had not declared itself pushed out and had launched a "
            "fresh offensive in the region."
        ),
        analysis=(
            "## What was said\n\n"
            "At the end of April 2025, nine months after Ukrainian forces crossed into the Kursk region, "
            "Vladimir Putin declared the area fully “liberated”, adding that “the Kyiv regime’s adventure "
            "has completely failed”.\n\n"
            "## What the record shows\n\n"
            "- Russia had retaken most of the territory after months of fighting; that part of the claim "
            "holds.\n"
            "- Kyiv answered that fighting in the region continued, and a Ukrainian commander, Oleh "
            "Shyriaiev, said Russia had not liberated it “by 100%”.\n"
            "- The report of 21 May 2025 says Ukraine had not declared itself pushed out of the area and had "
            "launched a fresh offensive in Kursk two weeks earlier.\n\n"
            "Fighting on Russian soil after the declaration is at odds with a *fully* liberated region. We "
            "rate the claim **Mostly false**: it contains an element of truth, the recapture of most of the "
            "region, but leaves out the fighting that went on."
        ),
        bearing=Citation.Bearing.REFUTES,
        note=ARTICLE_NOTE,
    ),
)
SHYRIAIEV_CLAIM = DemoClaim(
    "Russia has not fully liberated the Kursk region; fighting there continues.",
    "Oleh Shyriaiev",
    (QUOTES[2].text,),
    DemoVerdict(
        rating="mostly-true",
        summary=(
            "Oleh Shyriaiev, a Ukrainian army commander, said Russia had not liberated the Kursk region “by "
            "100%”. The report of 21 May 2025 supports him: Ukraine had not declared itself pushed out and "
            "had launched a fresh offensive there two weeks earlier. The claim leaves out that Russia had "
            "retaken most of the region."
        ),
        analysis=(
            "## What was said\n\n"
            "Answering Vladimir Putin's declaration that the Kursk region was “liberated”, Oleh Shyriaiev "
            "said: “Russia has not yet liberated the Kursk region by 100%. We are working, fighting.”\n\n"
            "## What the record shows\n\n"
            "- Kyiv insisted that fighting in the area continued after Putin's declaration.\n"
            "- On 21 May 2025 Ukraine had still not declared itself pushed out, and had launched a fresh "
            "offensive in Kursk two weeks earlier.\n"
            "- Russia had nonetheless retaken most of the territory Ukraine seized in August 2024, and "
            "Shyriaiev himself spoke of successes against equipment and troops rather than territory.\n\n"
            "We rate the claim **Mostly true**: accurate on the evidence available, but it needs the context "
            "that most of the region was back under Russian control."
        ),
        bearing=Citation.Bearing.SUPPORTS,
        note=ARTICLE_NOTE,
    ),
)


@transaction.atomic
def load_demo(*, with_accounts: bool = True) -> dict[str, User]:
    """Build (or complete) the demo newsroom; returns the demo accounts by username."""
    accounts = _accounts(with_passwords=with_accounts)
    reporter = accounts["reporter"]
    speakers = {spec.name: _speaker(spec) for spec in SPEAKERS}
    article, _ = source_record(
        title=ARTICLE_TITLE, published_on=ARTICLE_PUBLISHED_ON, language="en", kind=Source.Kind.ARTICLE
    )
    quotes = {spec.text: _quote(spec, speakers, article, reporter) for spec in QUOTES}
    topic, _ = Topic.objects.get_or_create(slug=TOPIC_SLUG, defaults={"name": TOPIC_NAME})
    putin_claim = _claim(PUTIN_CLAIM, quotes, topic, reporter)
    answer = _claim(SHYRIAIEV_CLAIM, quotes, topic, reporter)
    pair = Q(from_claim=answer, to_claim=putin_claim) | Q(from_claim=putin_claim, to_claim=answer)
    if not ClaimRelation.objects.filter(pair).exists():
        services.relation_add(
            from_claim=answer, to_claim=putin_claim, kind=ClaimRelation.Kind.REBUTS, actor=reporter
        )
    editor = accounts["editor"]
    for spec, claim in ((PUTIN_CLAIM, putin_claim), (SHYRIAIEV_CLAIM, answer)):
        _publish(spec.verdict, claim, article, reporter=reporter, editor=editor)
    return accounts


def _accounts(*, with_passwords: bool) -> dict[str, User]:
    """The demo reporter and editor. Without passwords they still author the demo, but cannot log in."""
    user_model = get_user_model()
    accounts: dict[str, User] = {}
    for spec in ACCOUNTS:
        user, created = user_model.objects.get_or_create(
            username=spec.username, defaults={"first_name": spec.first_name, "last_name": spec.last_name}
        )
        if with_passwords:
            # Reset on every run, so the logins printed by the quick start always work.
            user.set_password(spec.password)
            user.is_staff = spec.is_staff
            user.is_active = True
        elif created:
            user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=spec.group))
        accounts[spec.username] = user
    return accounts


def _speaker(spec: DemoSpeaker) -> Speaker:
    existing = (
        Speaker.objects.filter(wikidata_qid=spec.wikidata_qid).first()
        if spec.wikidata_qid
        else Speaker.objects.filter(normalised_name=normalise_name(spec.name)).first()
    )
    speaker = existing or services.speaker_create(
        name=spec.name, kind=spec.kind, role=spec.role, wikidata_qid=spec.wikidata_qid
    )
    for alias in spec.aliases:
        services.speaker_alias_add(speaker=speaker, alias=alias)
    return speaker


def _quote(spec: DemoQuote, speakers: dict[str, Speaker], article: Source, reporter: User) -> Quote:
    speaker = speakers[spec.speaker]
    existing = Quote(speaker=speaker, text=spec.text).find_duplicate()
    if existing is not None:
        return existing
    return services.quote_log(
        speaker=speaker,
        text=spec.text,
        kind=spec.kind,
        source=article,
        said_on=spec.said_on,
        said_on_precision=spec.precision,
        venue=spec.venue,
        location=spec.location,
        logged_by=reporter,
    )


def _claim(spec: DemoClaim, quotes: dict[str, Quote], topic: Topic, reporter: User) -> Claim:
    claim = Claim.objects.filter(statement=spec.statement).first() or services.claim_create(
        statement=spec.statement, author=reporter, topics=[topic]
    )
    for text in spec.appearances:
        if not ClaimAppearance.objects.filter(claim=claim, quote=quotes[text]).exists():
            services.appearance_add(
                claim=claim, quote=quotes[text], actor=reporter, stance=ClaimAppearance.Stance.ASSERTS
            )
    return claim


def _publish(verdict: DemoVerdict, claim: Claim, article: Source, *, reporter: User, editor: User) -> None:
    """Take a demo draft through review as a newsroom would: the reporter writes and cites, then submits;
    the editor rates, approves and publishes. A claim past its draft is left as it is."""
    if claim.state != Claim.State.DRAFT or claim.published_at is not None:
        return
    claim = services.claim_update(
        claim=claim, actor=reporter, changes={"summary": verdict.summary, "analysis": verdict.analysis}
    )
    if not Citation.objects.filter(claim=claim, source=article).exists():
        services.citation_add(
            claim=claim, source=article, actor=reporter, bearing=verdict.bearing, note=verdict.note
        )
    claim = workflow.apply(claim=claim, action="submit", actor=reporter)
    rating = Rating.objects.get(scale__is_default=True, slug=verdict.rating)
    claim = services.claim_update(claim=claim, actor=editor, changes={"rating": rating})
    claim = workflow.apply(claim=claim, action="approve", actor=editor, comment="Checked against the report.")
    workflow.apply(claim=claim, action="publish", actor=editor)
