"""The article's discourse: the speakers met so far, from the newsroom's table or introduced by the text.

Only `resolver` consults it; attribution rules ask the resolver. The index is read in article order. It
resolves names and aliases through `normalise_name`, a surname ("Shyriaiev", "Mr Raval") to the full
name the article or the table gave first, a title or description ("the president", "the company") to the
latest matching speaker, and a pronoun to the subject of the latest sentence that names someone of the
right kind. It must never look ahead in the article, and it must never invent an identifier: speakers
the table does not hold are proposed with id None.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from claims.extraction.lexicon import (
    DEMONYMS,
    DOCUMENT_NOUNS,
    FEMALE_NOUNS,
    FEMALE_TITLES,
    MALE_NOUNS,
    MALE_TITLES,
    ORG_NAME_ENDINGS,
    ORG_NOUNS,
    POST_NOMINALS,
    RANKS,
    ROLE_NOUNS,
    TITLE_EXPANSIONS,
    TITLES,
)
from claims.extraction.mentions import Mention
from claims.normalise import normalise_name as _normalise_name

# The same few names are looked up again and again in one article.
normalise_name = functools.lru_cache(maxsize=4096)(_normalise_name)

# People who speak for an organisation: "a council spokesperson" is the council speaking.
SPOKES_NOUNS = frozenset(
    "spokesman spokeswoman spokesperson spokespeople spokesmen official officials representative "
    "representatives source sources analysts aide aides".split()
)
_GENERIC_ORGS = frozenset("company firm group organisation organization operator developer".split())
_GENERIC_ROLE_HEADS = frozenset("chief head boss leader official".split())
_COURTESY_TITLES = frozenset("mr mrs ms miss mx dr sir dame".split())
_FIRST_NAME_TITLES = frozenset("sir dame".split())
# Who speaks for an organisation in person: "A spokeswoman for Tanfield Town said ... “…,” she said."
_SPOKES_GENDER = {"spokesman": "male", "spokeswoman": "female", "spokesperson": None, "representative": None}
_DEMONYM_STEMS = frozenset(d[:5] for d in DEMONYMS)
_LOOK_BACK = 60  # mentions; a pronoun reaches back a few paragraphs at most
_TOPIC_REACH = 6  # sightings in earlier sentences a pronoun looks past someone only talked about
_KEPT = _LOOK_BACK * 8
_WORD = re.compile(r"[^\W\d_][\w-]*")


@dataclass(frozen=True, slots=True)
class KnownSpeaker:
    """A speaker already in the newsroom's table, with the names the article may use for them."""

    id: int | None
    name: str
    kind: str = "person"
    role: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProposedSpeaker:
    """Who said a quote: a known speaker (with its id) or a new one proposed from the article (id None)."""

    id: int | None
    name: str
    role: str | None


@dataclass(eq=False, slots=True)
class Entity:
    """One speaker as the article knows them while it is read."""

    name: str
    kind: str  # "person", "organisation" or "unknown"
    role: str | None
    known_id: int | None = None
    known: bool = False
    gender: str | None = None
    role_words: set[str] = field(default_factory=set)
    name_words: set[str] = field(default_factory=set)
    age: int | None = None
    # Met first only as what someone talked about ("her son, Liam", "said Pryce of Costigan") and not yet
    # heard speaking: a pronoun looks past them to whoever is talking.
    only_talked_about: bool = False
    last_seen: int = 0  # the number of the latest sighting of them, and of the latest not as a topic
    last_talking: int = 0
    seen: bool = False

    def proposal(self) -> ProposedSpeaker:
        return ProposedSpeaker(id=self.known_id, name=self.name, role=self.role)

    def add_role(self, role: str | None, titles: Sequence[str] = ()) -> None:
        if not role and not titles:
            return
        worn = [t for t in titles if t.lower().rstrip(".") not in _COURTESY_TITLES]
        if not self.known and self.role is None and (role or worn):
            self.role = role or " ".join(worn)  # "Senator Mary Cole" is a senator; "Mr Raval" is no role
        # "Det Insp" is matched later by "the detective inspector".
        expanded = [TITLE_EXPANSIONS.get(t.lower().rstrip("."), t) for t in titles]
        # Letters after a name count as written too: "Tom Hale MP" is "the MP".
        worn_after = [t for t in titles if t in POST_NOMINALS]
        self.role_words |= _stems(" ".join([role or "", *expanded, *worn_after]))
        for title in titles:
            if title not in POST_NOMINALS:  # "Tom Hale MS" is a Member of the Senedd, not a "Ms"
                self._gender_from(title.lower().rstrip("."))
        if role:
            # "Spokeswoman", "Mother of Liam Costigan", "his widow": a gendered word in the role's head,
            # but never a courtesy title there ("Conservative MS").
            for word in [role.split()[-1].lower(), *_role_head(role.lower())]:
                if word not in _COURTESY_TITLES:
                    self._gender_from(word)

    def _gender_from(self, word: str) -> None:
        if self.gender is None:
            self.gender = gender_of(word)


def gender_of(word: str) -> str | None:
    """The gender a title or a family word tells ("Mrs", "son"), or None."""
    if word in MALE_TITLES or word in MALE_NOUNS:
        return "male"
    if word in FEMALE_TITLES or word in FEMALE_NOUNS:
        return "female"
    return None


def _role_head(role: str) -> list[str]:
    """The words of a role before its "of": "mother of liam costigan" → ["mother"]."""
    words = role.split()
    cut = next((i for i, w in enumerate(words) if w in _ROLE_TAIL_STARTS), len(words))
    return words[:cut]


@dataclass(slots=True, eq=False)  # not frozen: one is made per mention, and a frozen one is slower to make
class Sighting:
    """An entity mentioned at a position, in the sentence starting at `sentence`.

    `speaking`: the mention is the subject of a speech verb ("Whelan told the inquest", "said Pryce").
    `topic`: the mention is only talked about ("Liam's father", "said Pryce of Costigan", "Asked whether
    Liam had seemed unsteady, ..."): a pronoun looks past it to the person doing the talking.
    """

    position: int
    sentence: int
    entity: Entity
    head: str | None
    speaking: bool = False
    topic: bool = False
    spoken_to: str | None = None  # "asked" in "Strand asked Tarrow" (an answer comes from her), or "told"
    aside: bool = False  # a topic only as a phrase's object ("The award went to Dr Kowalski")
    paragraph: int = 0  # where the sighting's paragraph starts


def _stems(words: str) -> set[str]:
    # Five letters are enough to match "Ukrainian" with "Ukraine" and "ministry" with "minister".
    return {w.lower()[:5] for w in _WORD.findall(words) if w.lower() not in ("of", "the", "for", "and")}


class SpeakerIndex:
    """Speakers known and met so far in one article, and where each was last mentioned."""

    def __init__(self, known: Sequence[KnownSpeaker]) -> None:
        self._by_key: dict[str, Entity] = {}
        self._by_surname: dict[str, list[Entity]] = {}
        self._by_first_name: dict[str, list[Entity]] = {}
        self._first_full_name: dict[str, str] = {}
        self.sightings: list[Sighting] = []
        self.entities: list[Entity] = []
        # Entities seen so far, the most recently seen last: a look-up walks a few dozen entities
        # instead of a few hundred sightings.
        self._recent: list[Entity] = []
        self._seen = 0
        for speaker in known:
            self._add_known(speaker)

    def _add_known(self, speaker: KnownSpeaker) -> None:
        kind = "organisation" if speaker.kind.startswith("org") else "person"
        entity = Entity(speaker.name, kind, speaker.role, known_id=speaker.id, known=True)
        entity.add_role(speaker.role)
        self._remember(entity, speaker.name)
        for alias in speaker.aliases:
            self._remember(entity, alias)
        self.entities.append(entity)

    def _remember(self, entity: Entity, name: str) -> None:
        key = normalise_name(name)
        if not key:
            return
        self._by_key.setdefault(key, entity)
        self._by_key.setdefault(_without_article(key), entity)
        entity.name_words |= _stems(name)
        parts = key.split()
        if entity.kind != "organisation" and len(parts) > 1:
            for table, part in ((self._by_surname, parts[-1]), (self._by_first_name, parts[0])):
                table.setdefault(part, [])
                if entity not in table[part]:
                    table[part].append(entity)

    # Reading ----------------------------------------------------------------------------------------

    def see(
        self,
        entity: Entity,
        position: int,
        sentence: int,
        head: str | None = None,
        *,
        speaking: bool = False,
        topic: bool = False,
        introduced_as_topic: bool = False,
        spoken_to: str | None = None,
        aside: bool = False,
        paragraph: int = 0,
    ) -> None:
        """Record a mention; positions arrive in article order.

        `introduced_as_topic`: the mention only talks about them ("her son, Liam"); if it is the first,
        they stay someone talked about until they are heard speaking.
        """
        if not entity.seen:
            entity.seen = True
            entity.only_talked_about = introduced_as_topic
        if speaking:
            entity.only_talked_about = False
        topic = topic or (entity.only_talked_about and not speaking)
        self.sightings.append(
            Sighting(position, sentence, entity, head, speaking, topic, spoken_to, aside and topic, paragraph)
        )
        self._seen += 1
        entity.last_seen = self._seen
        if not topic:
            entity.last_talking = self._seen
        recent = self._recent
        if not recent or recent[-1] is not entity:
            if entity in recent:
                recent.remove(entity)
            recent.append(entity)
        if len(self.sightings) > 4 * _KEPT:
            del self.sightings[:-_KEPT]  # look-ups never reach this far back; long texts stay linear

    def note_full_name(self, mention: Mention) -> None:
        """Remember the first full form of each surname, so a later "Putin" finds "VLADIMIR Putin"."""
        parts = mention.words.split()
        if len(parts) > 1 and not mention.possessive:
            self._first_full_name.setdefault(normalise_name(parts[-1]), mention.words)

    def resolve(self, mention: Mention, position: int, *, register: bool) -> Entity | None:
        if mention.kind == "pronoun":
            return self._pronoun(mention.words.lower(), position, answering="say")
        if mention.kind == "description":
            return self._description(mention, position, register=register)
        return self._name(mention, position, register=register)

    # Names ------------------------------------------------------------------------------------------

    def _name(self, mention: Mention, position: int, *, register: bool) -> Entity | None:
        entity = self._by_key.get(normalise_name(" ".join([*mention.titles, mention.words])))
        entity = entity or self._by_key.get(normalise_name(mention.words))
        parts = mention.words.split()
        if entity is None and len(parts) == 1:
            gender = next((g for g in map(gender_of, _lowered(mention.titles)) if g), None)
            entity = self._surname(normalise_name(parts[0]), position, gender)
            if entity is None and all(t in _FIRST_NAME_TITLES for t in _lowered(mention.titles)):
                # "Siobhan said", "Dame Helen said": a first name (with the title a knight or a dame keeps
                # before it) is the person of that first name the article met last.
                entity = self._first_name(normalise_name(parts[0]), position)
            if entity is None and normalise_name(parts[0]) in self._first_full_name:
                full = self._first_full_name[normalise_name(parts[0])]
                entity = self._by_key.get(normalise_name(full)) or self._register(full, mention)
        if entity is None and register and not mention.possessive:
            entity = self._register(mention.words, mention)
        if entity is not None:
            entity.add_role(mention.role, mention.worn)
        return entity

    def _surname(self, surname: str, position: int, gender: str | None = None) -> Entity | None:
        """ "Mr Raval", "Costigan": the full name with that surname; "Mrs Costigan" is not her son."""
        candidates = self._by_surname.get(surname)
        if candidates and gender is not None:
            candidates = [e for e in candidates if e.gender in (None, gender)]
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        recent = self._latest(lambda e: e in candidates, position)
        return recent or candidates[0]

    def _first_name(self, first: str, position: int) -> Entity | None:
        candidates = self._by_first_name.get(first)
        if not candidates:
            return None
        recent = self._latest(lambda e: e in candidates, position)
        return recent or (candidates[0] if len(candidates) == 1 else None)

    def _register(self, words: str, mention: Mention) -> Entity:
        """A speaker the table does not hold, proposed from the article's own words."""
        entity = Entity(_tidy_name(words), _kind_of(words, mention), None)
        entity.add_role(mention.role, mention.worn)
        self._remember(entity, words)
        self._remember(entity, entity.name)
        self.entities.append(entity)
        return entity

    def _register_organisation(self, words: str) -> Entity:
        entity = self._register(words, Mention("name", 0, 0, 0, 0, words))
        entity.kind = "organisation"
        return entity

    def known_by_name(self, words: str) -> Entity | None:
        """The table's speaker with this name or alias, if any."""
        entity = self._by_key.get(normalise_name(words))
        return entity if entity is not None and entity.known else None

    def latest(self, fits: Callable[[Entity], bool], position: int) -> Entity | None:
        """The speaker mentioned most recently before `position` that `fits`."""
        return self._latest(fits, position)

    # Pronouns ---------------------------------------------------------------------------------------

    def pronoun(self, mention: Mention, position: int, *, answering: str) -> Entity | None:
        """Who "he", "she", "it" or "they" is.

        `answering` says how its verb follows what came before: "reply" ("he replied": whoever was just
        spoken to), "say" (whoever was just asked a question answers) or "carry on" ("he added").
        """
        return self._pronoun(mention.words.lower(), position, answering=answering)

    def _pronoun(self, pronoun: str, position: int, *, answering: str) -> Entity | None:
        wanted = {"he": "male", "she": "female"}.get(pronoun)
        if pronoun in ("he", "she"):
            fits = lambda e: e.kind != "organisation" and e.gender in (None, wanted)  # noqa: E731
        elif pronoun == "it":
            fits = lambda e: e.kind != "person"  # noqa: E731
        else:
            fits = lambda e: True  # noqa: E731
        end = bisect.bisect_left(_PositionView(self.sightings), position)
        chosen: Sighting | None = None
        talked_about: Sighting | None = None
        looked_past = 0
        for sighting in reversed(self.sightings[max(0, end - _LOOK_BACK) : end]):
            if chosen is not None and sighting.sentence != chosen.sentence:
                break
            if (
                talked_about is not None
                and talked_about.aside
                and sighting.paragraph != talked_about.paragraph
            ):
                break  # "The award went to Dr Kowalski. “…,” she said.": no one talks in her paragraph
            if talked_about is not None and sighting.sentence != talked_about.sentence:
                # Past a sentence that only talks about someone, look a little further back for who talks.
                looked_past += 1
                if looked_past > _TOPIC_REACH:
                    break
            if not fits(sighting.entity) and not _speaks_for_it(sighting, wanted):
                continue
            if sighting.topic:
                # "Asked whether Liam was unsteady, he said": Liam is talked about, not the one talking.
                talked_about = talked_about or sighting
                continue
            if sighting.spoken_to and (
                answering == "reply" or (answering == "say" and sighting.spoken_to == "asked")
            ):
                return self._agreed(sighting.entity, wanted)  # the answer comes from whoever was asked
            # Keep walking back: in the sentence, the first who speaks wins, else the first who fits.
            if chosen is None or sighting.speaking or not chosen.speaking:
                chosen = sighting
        chosen = chosen or talked_about
        if chosen is None:
            return None
        return self._agreed(chosen.entity, wanted)

    def _agreed(self, entity: Entity, wanted: str | None) -> Entity:
        """A person a "he" or a "she" was resolved to has that gender from now on."""
        if wanted and entity.gender is None and entity.kind != "organisation":
            entity.gender = wanted
        return entity

    # Descriptions -----------------------------------------------------------------------------------

    def _description(self, mention: Mention, position: int, *, register: bool) -> Entity | None:
        entity = self._by_key.get(normalise_name(mention.words))
        if entity is not None:
            return entity
        head = mention.head or ""
        if head in DOCUMENT_NOUNS:
            # "A statement from Northgate Foods" speaks for Northgate Foods; "the statement" for whoever
            # spoke before it, which the caller knows.
            return self._issued_by(mention, position, register=register) if mention.extension else None
        if head in SPOKES_NOUNS or (mention.is_plural and mention.extension):
            return self._spokes(mention, position, register=register)
        if head in ROLE_NOUNS:
            # "the regulator" may be a person or an organisation: a person first, then an organisation.
            either = head in ORG_NOUNS
            entity = self._by_role(mention, position, register=register and not either)
            if entity is not None or not either:
                return entity
        if head in ORG_NOUNS:
            return self._organisation(mention, position, register=register)
        return None

    def _issued_by(self, mention: Mention, position: int, *, register: bool) -> Entity | None:
        """Who issued "a statement from Northgate Foods" or "a letter from Dr Anna Kowalski"."""
        named = _without_article(mention.extension or "").strip()
        entity = self._by_key.get(normalise_name(named))
        if entity is None and named[:1].isupper():
            parts = named.split()
            entity = self._surname(normalise_name(parts[-1]), position) if len(parts) > 1 else None
            if entity is None and parts and parts[-1].lower() in ORG_NAME_ENDINGS | ORG_NOUNS:
                entity = self._spokes(mention, position, register=register)
        return entity

    def _spokes(self, mention: Mention, position: int, *, register: bool) -> Entity | None:
        """ "A spokesman for the health board", "a council spokesperson", "the spokesperson"."""
        named = mention.extension or " ".join(_modifiers(mention))
        if named:
            words = _stems(named)
            if _without_article(named)[:1].isupper():
                # "a spokesperson for the Redmarsh and District Health Board" is not "the health board"
                # named before it: a proper name must be all there, not just share a word.
                fits = lambda e: e.kind != "person" and words <= e.name_words  # noqa: E731
            else:
                fits = lambda e: e.kind != "person" and bool(words & e.name_words)  # noqa: E731
            entity = self._by_key.get(normalise_name(_without_article(named)))
            entity = entity or self._latest(fits, position) or self._known(fits)
            if entity is None and register:
                entity = self._register_organisation(_without_article(named).strip())
            return entity
        entity = self._latest_sighting(lambda s: s.head in SPOKES_NOUNS, position)
        if entity is None and register:
            # "His representatives": attributed, but to no one the article names; propose it as written.
            entity = self._register(mention.words, mention)
        return entity

    def _by_role(self, mention: Mention, position: int, *, register: bool) -> Entity | None:
        """ "the president", "the Ukrainian president", "the minister"."""
        head = _stems(mention.head or "")
        words = _stems(" ".join(_modifiers(mention)))
        if words and mention.head in _GENERIC_ROLE_HEADS:
            # "the finance chief" is the cabinet member for finance: a generic head says little.
            head = set()
        fits = lambda e: e.kind != "organisation" and head | words <= e.role_words  # noqa: E731
        entity = self._latest(fits, position, talking=True) or self._known(fits)
        # "the Ukrainian president" may be a president whose role says "of Ukraine" or nothing at all.
        plain = (words - _DEMONYM_STEMS) | head
        loose = lambda e: e.kind != "organisation" and plain <= e.role_words  # noqa: E731
        entity = entity or self._latest(loose, position) or self._known(loose)
        if entity is None and register and mention.extension:
            entity = self._register(_without_article(mention.words), mention)
        return entity

    def _organisation(self, mention: Mention, position: int, *, register: bool) -> Entity | None:
        """ "the company", "the ministry", "the health board"."""
        head = mention.head or ""
        words = _stems(" ".join([*_modifiers(mention), head]))
        named = lambda e: e.kind != "person" and words <= (e.name_words | e.role_words)  # noqa: E731
        entity = self._latest(named, position, talking=True) or self._known(named)
        if entity is None and head in _GENERIC_ORGS:
            entity = self._latest(lambda e: e.kind == "organisation", position, talking=True)
        if entity is None and head not in _INSTITUTIONS:
            # "Unite said ... the union said": the organisation just named, unless its own name says
            # it is another kind ("Harwick Borough Council" is no union).
            entity = self._latest(lambda e: _may_be_called(e, head), position, reach=_LOOK_BACK // 2)
        if entity is None and register:
            entity = self._register_organisation(_without_article(mention.words))
        return entity

    # Look-ups ---------------------------------------------------------------------------------------

    def _latest(
        self,
        fits: Callable[[Entity], bool],
        position: int,
        *,
        reach: int = _LOOK_BACK * 4,
        talking: bool = False,
    ) -> Entity | None:
        """The entity last mentioned that fits; with `talking`, one talked about only if no other fits.

        "Northgate Foods, owned by Carrow Group, said ... the company said": Carrow Group is named later,
        but only as the object of "owned by"; the company that speaks is the subject.
        """
        if self.sightings and self.sightings[-1].position < position:
            return self._latest_recent(fits, reach, talking)
        end = bisect.bisect_left(_PositionView(self.sightings), position)
        judged: dict[int, bool] = {}  # an entity seen many times is judged once
        talked_about: Entity | None = None
        for sighting in reversed(self.sightings[max(0, end - reach) : end]):
            key = id(sighting.entity)
            verdict = judged.get(key)
            if verdict is None:
                verdict = judged[key] = fits(sighting.entity)
            if not verdict:
                continue
            if talking and sighting.topic:
                talked_about = talked_about or sighting.entity
                continue  # an earlier sighting of it as a subject still counts
            return sighting.entity
        return talked_about

    def _latest_recent(self, fits: Callable[[Entity], bool], reach: int, talking: bool) -> Entity | None:
        """`_latest` at the reading position (the usual case), walking entities rather than sightings."""
        oldest = self._seen - reach  # sightings numbered above this are within reach
        talked_about: Entity | None = None
        best: Entity | None = None
        for entity in reversed(self._recent):
            if entity.last_seen <= oldest or (best is not None and best.last_talking >= entity.last_seen):
                break  # out of reach, or no one seen before this can have talked more recently than best
            if not fits(entity):
                continue
            if not talking:
                return entity
            talked_about = talked_about or entity
            if entity.last_talking > oldest and (best is None or entity.last_talking > best.last_talking):
                best = entity
        return best or talked_about

    def _latest_sighting(self, fits: Callable[[Sighting], bool], position: int) -> Entity | None:
        end = bisect.bisect_left(_PositionView(self.sightings), position)
        for sighting in reversed(self.sightings[max(0, end - _LOOK_BACK * 4) : end]):
            if fits(sighting):
                return sighting.entity
        return None

    def _known(self, fits: Callable[[Entity], bool]) -> Entity | None:
        found: Entity | None = None
        for entity in self.entities:
            if entity.known and fits(entity):
                if found is not None:
                    return None  # two fit: the table cannot say which
                found = entity
        return found


class _PositionView(Sequence[int]):
    """Sighting positions for bisect without copying the list on every look-up."""

    def __init__(self, sightings: list[Sighting]) -> None:
        self._sightings = sightings

    def __len__(self) -> int:
        return len(self._sightings)

    def __getitem__(self, index: int) -> int:  # type: ignore[override]
        return self._sightings[index].position


def _modifiers(mention: Mention) -> list[str]:
    core = mention.words.split()
    if mention.extension:
        core = mention.words[: mention.words.lower().rfind(mention.extension.lower())].split()
        core = [w for w in core if w.lower() not in ("of", "for", "at", "from", "the")]
    words = (
        core[1:-1]
        if core and core[0].lower() in ("the", "a", "an", "his", "her", "its", "their")
        else core[:-1]
    )
    return [w.rstrip("’'s") if w.endswith(("’s", "'s")) else w for w in words]


def _speaks_for_it(sighting: Sighting, wanted: str | None) -> bool:
    """ "She" after "a spokeswoman for Tanfield Town": the person speaking for the organisation."""
    if wanted is None or sighting.head not in _SPOKES_GENDER:
        return False
    return _SPOKES_GENDER[sighting.head] in (None, wanted)


def _lowered(titles: Sequence[str]) -> list[str]:
    return [t.lower().rstrip(".") for t in titles]


def _without_article(words: str) -> str:
    return re.sub(r"^(?i:the|a|an)\s+", "", words)


def _tidy_name(words: str) -> str:
    # "VLADIMIR Putin" is a tabloid's drop capital, not the name.
    parts = words.split()
    if len(parts) > 1:
        parts = [p.capitalize() if p.isupper() and len(p) > 3 else p for p in parts]
    return " ".join(parts)


def _kind_of(words: str, mention: Mention) -> str:
    parts = words.split()
    last = parts[-1].lower() if parts else ""
    # "Ministry of Defence", "University of Leeds", "Department for Education": the head comes first.
    lowered = [p.lower() for p in parts]
    cut = next((i for i, w in enumerate(lowered) if w in ("of", "for")), len(parts))
    head = lowered[cut - 1] if cut else last
    if (
        last in ORG_NAME_ENDINGS
        or last in ORG_NOUNS
        or head in ORG_NAME_ENDINGS
        or head in ORG_NOUNS
        or (len(parts) == 1 and words.isupper() and len(words) > 1)
    ):
        return "organisation"
    if mention.worn and any(t.lower().rstrip(".") in _PERSON_TITLES for t in mention.worn):
        return "person"
    if "&" in parts or _organisation_role(mention.role):
        return "organisation"
    return "person" if len(parts) > 1 or mention.role else "unknown"


def _organisation_role(role: str | None) -> bool:
    """ "Bus operator" and "the firm hired to assess the bearings" are organisations; "Club chairman" no."""
    words = (role or "").lower().split()
    # The head of "president of the Kessel Creek Business Chamber" comes before its "of".
    cut = next((i for i, w in enumerate(words) if w in _ROLE_TAIL_STARTS), len(words))
    words = words[:cut]
    if not words or words[-1] in ROLE_NOUNS:
        return False
    return any(w in ORG_NOUNS for w in words[:2]) or words[-1] in ORG_NOUNS


def _may_be_called(entity: Entity, head: str) -> bool:
    if entity.kind != "organisation":
        return False
    kinds = entity.name_words & _ORG_NOUN_STEMS
    return not kinds or head[:5] in kinds


# The state's own bodies are named as themselves, not as the organisation last mentioned.
_INSTITUTIONS = frozenset(
    """
    kremlin government ministry army military police court parliament senate congress pentagon cabinet
    administration regime authorities opposition embassy department office prosecutors
    """.split()
)
_ORG_NOUN_STEMS = frozenset(w[:5] for w in ORG_NOUNS | ORG_NAME_ENDINGS)
_PERSON_TITLES = TITLES | RANKS | frozenset(t.lower() for t in POST_NOMINALS)
_ROLE_TAIL_STARTS = frozenset("of for at in from to with who which that whose".split())
