"""The one place a mention in an article becomes a speaker.

Every attribution rule in `extractor` (a cue before a quote, after it, "according to", a pronoun carrying a
quote on, "the statement said") asks this module who its mention is: a name as written, with any title or
rank before it ("Det Insp Rachel Okafor"), a surname, an alias, a pronoun, a role noun ("the judge"), an
age ("the 34-year-old"), an organisation or "a spokesperson for X". The resolver reads titles off the
name and keeps them as role evidence, turns away what is never a speaker (platforms, places, datelines,
court-report openers), looks in the newsroom's table first and the article's discourse (`SpeakerIndex`)
second, and says how sure it is. It must never look ahead in the article, never invent an identifier and
never decide which quote a mention belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from claims.extraction.attribution import SENTENCE_OPENERS, SPEECH, SPEECH_FOLLOWS
from claims.extraction.lexicon import (
    COURT_OPENERS,
    DOCUMENT_NOUNS,
    FEMALE_NOUNS,
    MALE_NOUNS,
    ORG_NAME_ENDINGS,
    ORG_NOUNS,
    PLACE_ENDINGS,
    PLACE_PREPOSITIONS,
    PLATFORMS,
    RANKS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLE_EXPANSIONS,
    TITLE_QUALIFIERS,
    TITLES,
)
from claims.extraction.mentions import Mention
from claims.extraction.speakers import Entity, KnownSpeaker, SpeakerIndex

_CUE_FOLLOWS = re.compile(rf"[\s,]*(?:\w+\s+){{0,2}}?(?:{SPEECH})\b")
_CUE_PRECEDES = re.compile(rf"(?<!\w)(?:{SPEECH}|according\s+to|by)\s+$")
# "said Pryce of Costigan", "spoke warmly about her son", "paid tribute to Liam": who is talked about.
# ("wrote to Smith" is not: whoever is written to may answer.)
_TALKED_ABOUT_BEFORE = re.compile(
    rf"(?<!\w)(?:(?:{SPEECH}|spoke|speaking|talking)(?:\s+(?:[\w’'-]+ly|[A-Z][\w’'-]*)){{0,2}}"
    r"\s+(?:of|about)|tributes?\s+to|Of)\s+$"
)
# "Marsh praised Ruddock", "Strand asked Tarrow": someone straight after a speech verb that has its subject
# before it is spoken to (asked, told) or spoken about (praised, criticised), not the one speaking.
_ADDRESSING = frozenset(
    "asked told urged pressed challenged questioned warned reminded assured begged".split()
)
_QUESTIONING = frozenset("asked pressed challenged questioned".split())
# "“Absolutely not,” he replied": a reply comes from whoever was asked; "he added" carries on.
_REPLY_FOLLOWS = re.compile(
    r"\s+(?:replied|answered|responded|retorted|countered|(?:shot|hit|fired)\s+back)\b"
)
_CARRIES_ON = re.compile(r"\s+(?:added|adds|continued|continues|went\s+on|goes\s+on)\b")
# "a photograph of Liam", "owned by Carrow Group": someone in a phrase, not a subject.
_PREPOSITIONS = frozenset(
    """
    of for with to at from about on beside against into toward towards over behind like than between among
    by alongside without onto upon including
    """.split()
)
# "“…,” said Pryce": a verb put before its subject follows the quote or a comma it hands over from.
_INVERTING_MARKS = frozenset(',”"’:—–\n')
_TALKED_ABOUT_ENDS = frozenset("of about to".split())
# "Asked whether Liam had seemed unsteady, he said": whoever the asking clause names is not answering.
_ASKING = ("Asked", "When asked", "Once asked", "After being asked", "Later asked")
_ASKED_CLAUSE = re.compile(r"(?:When\s+|Once\s+|After\s+being\s+|Later\s+)?[Aa]sked\b[^,;:.!?“”\"]*")
_LOWER_WORD = re.compile(r"\s+[a-z]")
_PLACE_BEFORE = re.compile(rf"(?<![\w’'-])(?i:{'|'.join(sorted(PLACE_PREPOSITIONS))})\s+(?:the\s+)?$")
_OPENER_COMMA = re.compile(r"\s*,")
# Department words ("Health", "Home") make a title only at the front: "the Home Office Minister" aside,
# a rank in the middle of a capitalised run ("Thames Valley Police Chief Constable Jo Farrell") starts
# the name after it.
# "Director Kash Patel", "Head Coach Ange Marsh": a capitalised role noun is worn as a title too.
_WORN_ROLES = frozenset(r for r in ROLE_NOUNS if not r.endswith("s") and r not in ("source", "expert"))
_LEADING_TITLES = TITLES | RANKS | _WORN_ROLES
_INNER_TITLES = (
    RANKS
    | _WORN_ROLES
    | (
        TITLES
        - frozenset(
            """
    foreign defence defense interior finance health energy justice home state economy education transport
    environment trade culture labour agriculture general major mr mrs ms miss mx speaker
    """.split()
        )
    )
)
_ORGANISATION_WORDS = ORG_NOUNS | ORG_NAME_ENDINGS
# Family words that also describe someone by circumstance: "the widow" is the latest woman who fits.
_DESCRIBED_BY_CIRCUMSTANCE = frozenset("grandmother grandfather widow widower schoolgirl schoolboy".split())

# How sure the resolver is of each way of knowing who a mention is.
_CONFIDENCE = {
    "table": 1.0,
    "name": 0.95,
    "new": 0.9,
    "organisation": 0.85,
    "role": 0.8,
    "pronoun": 0.8,
    "age": 0.8,
    "document": 0.8,
}


@dataclass(frozen=True, slots=True)
class Resolution:
    """Who a mention refers to (`entity` None when no one), how that was decided, and how sure it is."""

    entity: Entity | None
    how: str
    confidence: float


_NO_ONE = Resolution(None, "unresolved", 0.0)


class MentionResolver:
    """Resolves the mentions of one article, in article order, against its discourse and the table."""

    def __init__(self, text: str, known: Sequence[KnownSpeaker]) -> None:
        self.text = text
        self.index = SpeakerIndex(known)
        self._resolved: dict[int, Resolution] = {}

    def rejects(self, mention: Mention, opens_at: int) -> str | None:
        """Why a mention can never be a speaker ("platform", "place", "dateline", "court opener"), or None.

        `opens_at` is where its paragraph's own words begin, after a timestamp or a dateline.
        """
        if mention.kind != "name":
            return None
        text = self.text
        lowered = mention.words.lower()
        if lowered in PLATFORMS or lowered.replace(" ", "") in PLATFORMS:
            return "platform"
        if mention.start < opens_at:
            return "dateline"
        if lowered in COURT_OPENERS and _OPENER_COMMA.match(text, mention.end):
            return "court opener"
        surface = mention.surface_start
        if not mention.titles and _PLACE_BEFORE.search(text, max(0, surface - 16), surface):
            return "place"
        return None

    def read(self, mention: Mention, sentence_start: int, paragraph_start: int | None = None) -> Resolution:
        """Resolve a mention as the reading reaches it, and add it to the discourse."""
        if mention.kind == "name":
            _read_titles(mention)
            self.index.note_full_name(mention)
        resolution = self._resolve(mention, self._evidence(mention, sentence_start))
        if resolution.entity is not None:
            self._resolved[mention.start] = resolution
            word = self._word_before(mention.surface_start)
            talked_about = self._talked_about(mention, sentence_start, word)
            speaking = not talked_about and self._speaks(mention, word)
            spoken_to: str | None = None
            if not speaking and mention.kind == "name":
                verb = self._verb_before(mention, word)
                if verb in _ADDRESSING:
                    spoken_to = "asked" if verb in _QUESTIONING else "told"
                talked_about = talked_about or (verb is not None and spoken_to is None)
            talked_about = talked_about or (mention.kin and not speaking)
            aside = not talked_about and not speaking and spoken_to is None and self._object(mention, word)
            self.index.see(
                resolution.entity,
                mention.start,
                sentence_start,
                mention.head,
                speaking=speaking,
                topic=talked_about or aside,
                aside=aside,
                introduced_as_topic=talked_about and not mention.possessive,
                spoken_to=spoken_to,
                paragraph=sentence_start if paragraph_start is None else paragraph_start,
            )
        return resolution

    def speaker(self, mention: Mention, *, speaking_before: Entity | None = None) -> Resolution:
        """Who a mention a cue hangs on is; "the statement" speaks for whoever spoke just before."""
        resolution = self._resolved.get(mention.start)
        if resolution is not None:
            return resolution
        if mention.kind == "description" and mention.head in DOCUMENT_NOUNS and speaking_before is not None:
            return Resolution(speaking_before, "document", _CONFIDENCE["document"])
        return _NO_ONE

    def forget(self, mention: Mention) -> None:
        """A paragraph no quote can reach any more: its mentions need not be kept."""
        self._resolved.pop(mention.start, None)

    # The discourse: who talks and who is talked about ----------------------------------------------

    def _word_before(self, start: int) -> str:
        """The word just before `start`, lower-cased ("" after punctuation): the cheap test that spares
        the rules below a regular expression for most mentions."""
        text = self.text
        end = start - 1
        if end <= 0 or text[end] != " ":
            return ""
        low = max(0, end - 16)
        space = text.rfind(" ", low, end)
        return text[space + 1 if space >= 0 else low : end].lower()

    def _speaks(self, mention: Mention, word: str) -> bool:
        """Whether the mention is the subject of a speech verb: "Whelan told", "he said", "said Pryce"."""
        text = self.text
        if SPEECH_FOLLOWS.match(text, mention.surface_end, mention.surface_end + 60):
            return True
        return self._inverted(mention.surface_start, word)

    def _inverted(self, start: int, word: str) -> bool:
        """Whether `word`, the speech verb just before `start`, comes before its subject: "“…,” said Pryce".

        After a comma an asking verb is not inverted: in "Jane Doe, who chaired the debate, asked Giles
        Pemberton" the comma closes a clause and Pemberton is the one asked.
        """
        if word not in SPEECH_VERBS:
            return False
        text = self.text
        before = start - 2 - len(word)
        while before >= 0 and text[before] == " ":
            before -= 1
        mark = text[before] if before >= 0 else "\n"
        return mark in _INVERTING_MARKS and not (mark == "," and word in _ADDRESSING)

    def _verb_before(self, mention: Mention, word: str) -> str | None:
        """The speech verb straight before a name that is its object ("Marsh praised Ruddock"), or None."""
        if word not in SPEECH_VERBS or self._inverted(mention.surface_start, word):
            return None  # "“…,” said Pryce": the name after an inverted verb is its subject
        return word

    def _object(self, mention: Mention, word: str) -> bool:
        """Whether the mention follows a preposition: "a photograph of Liam", "owned by Carrow Group"."""
        start = mention.surface_start
        if word == "the":
            start -= len(word) + 1
            word = self._word_before(start)
        if word not in _PREPOSITIONS:
            return False
        return word != "to" or self._word_before(start - len(word) - 1) != "according"

    def _talked_about(self, mention: Mention, sentence_start: int, word: str) -> bool:
        """Whether the mention is only the topic of the sentence, never the one speaking in it.

        A possessor ("Liam's father"), the object of "said ... of" or "spoke about", and anyone named in
        an opening "Asked whether ..." clause (the asker or what was asked about; the answer comes from
        the main clause's subject).
        """
        if mention.possessive:
            return True
        text = self.text
        start = mention.surface_start
        if word in _TALKED_ABOUT_ENDS and _TALKED_ABOUT_BEFORE.search(
            text, max(sentence_start, start - 40), start
        ):
            return True
        if "sked" not in text[sentence_start : sentence_start + 40]:
            return False  # the cheap test first: few sentences open with "Asked"
        opener = SENTENCE_OPENERS.match(text, sentence_start)
        opens = opener.end() if opener else sentence_start
        return text.startswith(_ASKING, opens) and _ASKED_CLAUSE.fullmatch(text, opens, start) is not None

    # Resolving --------------------------------------------------------------------------------------

    def _resolve(self, mention: Mention, register: bool) -> Resolution:
        if mention.kind == "pronoun":
            answering = (
                "reply"
                if _REPLY_FOLLOWS.match(self.text, mention.end)
                else "carry on"
                if _CARRIES_ON.match(self.text, mention.end)
                else "say"
            )
            return self._found(self.index.pronoun(mention, mention.start, answering=answering), "pronoun")
        if mention.kind == "description":
            if mention.head == "year-old":
                return self._found(self._by_age(mention), "age")
            if mention.head == "person":
                return self._found(self._by_person(mention), "role")
            entity = self.index.resolve(mention, mention.start, register=register)
            how = "organisation" if entity is not None and entity.kind == "organisation" else "role"
            return self._found(entity, how)
        known = self._in_table(mention)
        if known is not None:
            known.add_role(mention.role, mention.worn)
            if mention.age is not None:
                known.age = mention.age
            return self._found(known, "table")
        before = len(self.index.entities)
        entity = self.index.resolve(mention, mention.start, register=register)
        if entity is not None and mention.age is not None:
            entity.age = mention.age
        return self._found(entity, "new" if len(self.index.entities) > before else "name")

    def _found(self, entity: Entity | None, how: str) -> Resolution:
        return Resolution(entity, how, _CONFIDENCE[how]) if entity is not None else _NO_ONE

    def _in_table(self, mention: Mention) -> Entity | None:
        """The table's speaker a name (or the end of a longer capitalised run) is written as."""
        tokens = mention.words.split()
        candidates = (
            (" ".join([*mention.titles, *tokens]), mention.words) if mention.titles else (mention.words,)
        )
        for candidate in candidates:
            entity = self.index.known_by_name(candidate)
            if entity is not None:
                return entity
        # "Kinross harbour master Ian Dalgleish" read as one run: the table's name is its tail.
        for first in range(1, len(tokens) - 1):
            entity = self.index.known_by_name(" ".join(tokens[first:]))
            if entity is not None and entity.kind != "organisation":
                return entity
        return None

    def _by_age(self, mention: Mention) -> Entity | None:
        """ "The 34-year-old" is the latest person the article gave that age, or else the latest person."""
        aged = self.index.latest(lambda e: e.age == mention.age, mention.start)
        return aged or self.index.latest(lambda e: e.kind == "person" and e.age is None, mention.start)

    def _by_person(self, mention: Mention) -> Entity | None:
        """ "His mother": the person given that role; "the pensioner": the latest person who fits.

        A family word finds the person the article (or the table) gave that role ("Her son, Liam
        Costigan"), never merely the nearest person of that gender: "his father" is not whoever spoke last.
        """
        role = mention.role or ""
        word = role.split("-")[0]
        if role in FEMALE_NOUNS or role in MALE_NOUNS:
            stem = role[:5]
            given = self.index.latest(lambda e: e.kind == "person" and stem in e.role_words, mention.start)
            if given is not None or role not in _DESCRIBED_BY_CIRCUMSTANCE:
                return given
        gender = "female" if word in FEMALE_NOUNS else "male" if word in MALE_NOUNS else None
        fits = lambda e: e.kind == "person" and (gender is None or e.gender in (None, gender))  # noqa: E731
        return self.index.latest(fits, mention.start)

    def _evidence(self, mention: Mention, sentence_start: int) -> bool:
        """Whether the text shows this is someone who may speak, so it may join the article's speakers.

        A role, a title, letters after the name or an age ("Peter Dunn, 71,") say it is a person.
        """
        if mention.kind != "name":
            return True
        if mention.possessive:
            return False
        words = mention.words.lower().split()
        if mention.role or mention.worn or mention.age is not None or words[-1] in ORG_NAME_ENDINGS:
            return True
        text = self.text
        if _CUE_FOLLOWS.match(text, mention.surface_end, mention.surface_end + 40):
            return True
        if _CUE_PRECEDES.search(text, max(0, mention.surface_start - 16), mention.surface_start):
            return True
        # "Ilona Varga defended her record": a full name that opens a sentence and does something.
        opens = SENTENCE_OPENERS.fullmatch(text, sentence_start, mention.surface_start) is not None
        acts = _LOWER_WORD.match(text, mention.surface_end) is not None
        return opens and acts and len(words) > 1 and words[-1] not in PLACE_ENDINGS


def split_titles(words: str) -> tuple[list[str], list[str]]:
    """A capitalised run split into the titles worn before the name and the name itself.

    "Det Insp Rachel Okafor" → (["Det", "Insp"], ["Rachel", "Okafor"]); "US Senator Margaret Vail" →
    (["US", "Senator"], ...); "Thames Valley Police Chief Constable Jo Farrell" → the name after the rank.
    An organisation's name ("Police Scotland", "Crown Prosecution Service") is left whole.
    """
    tokens = words.split()
    if len(tokens) < 2 or tokens[-1].lower() in _ORGANISATION_WORDS:
        return [], tokens
    cut = 0
    for index, token in enumerate(tokens[:-1]):
        word = token.lower().rstrip(".")
        if word in _LEADING_TITLES:
            cut = index + 1
        elif not (word in TITLE_QUALIFIERS or (token.isupper() and len(word) <= 3)):
            break
    for index in range(len(tokens) - 2, cut - 1, -1):
        if tokens[index].lower().rstrip(".") in _INNER_TITLES:
            cut = index + 1
            break
    return tokens[:cut], tokens[cut:]


def title_words(titles: Sequence[str]) -> str:
    """Titles as the role words they stand for: "Det Insp" → "detective inspector"."""
    return " ".join(TITLE_EXPANSIONS.get(t.lower().rstrip("."), t.lower()) for t in titles)


def _read_titles(mention: Mention) -> None:
    titles, name = split_titles(mention.words)
    if titles:
        mention.titles = (*mention.titles, *titles)
        mention.words = " ".join(name)
