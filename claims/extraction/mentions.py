"""The people and organisations an article refers to, found in the text outside its quotations.

A mention is a name ("Oleh Shyriaiev", "Mr Raval", "the Kremlin"), a pronoun ("he", "it") or a description
("the mayor", "a council spokesperson", "analysts at the Institute for Energy Security"), with the role
an apposition or a title gives it ("Oleh Shyriaiev, a Ukrainian army commander"). This module only reads
the words; it must never decide who a mention refers to (that is `speakers`) or who said a quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claims.extraction.lexicon import (
    BETWEEN_SUBJECT_AND_VERB,
    DAYS,
    DEMONYMS,
    DOCUMENT_NOUNS,
    FEMALE_NOUNS,
    MALE_NOUNS,
    MONTHS,
    NOT_NAMES,
    ORG_NAME_ENDINGS,
    ORG_NOUNS,
    POST_NOMINALS,
    ROLE_NOUNS,
    SPEECH_PHRASES,
    SPEECH_VERBS,
    TITLE_EXPANSIONS,
    TITLES,
    UPPERCASE,
    alternation,
)

_U = UPPERCASE
_TOKEN = rf"(?:[{_U}]\w*(?:[’'\-]\w+)*(?:[’'](?=\s))?|[{_U}]\.)"
_PARTICLES = r"de|da|del|della|der|den|van|von|le|la|du|dos|das|di|bin|ibn|al|el|ter|of|for|&"
# At most six capitalised words: a longer run is a headline or a list, and reading it must stay linear.
# "Abu Mohammed al-Julani", "Abdel Fattah el-Sisi": an Arabic article joined to the name by a hyphen.
_JOINED = rf"(?:al|el|ad|an|ar|as|ash|at|az|ul|ud|ur)-[{_U}]\w*(?:[’'\-]\w+)*"
NAME = rf"{_TOKEN}(?:[ \u00a0]+(?:(?:{_PARTICLES})[ \u00a0]+){{0,2}}(?:{_TOKEN}|{_JOINED})){{0,5}}"
_HEADS = alternation(ROLE_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS)
# "A Network Rail spokeswoman": a capitalised name before the noun of whoever speaks for it.
_SPOKES = "spokesman|spokeswoman|spokesperson|spokespeople|spokesmen|official|officials|source|sources"
_GROUPS = "officials|analysts|sources|police|prosecutors|authorities|experts|residents|spokespeople"
# "the Food and Allied Workers Union": an organisation's name may hold an "and" when its last word says so.
_ORG_ENDING = rf"(?:{'|'.join(sorted(w.capitalize() for w in ORG_NAME_ENDINGS))})"
# A name, or an organisation's name with an "and" in it: "the Food and Allied Workers Union".
# "the Department of Health and Social Care": an organisation named head first may join two fields.
_HEAD_FIRST = r"(?:Department|Ministry|Office|Secretary|Commission|Council|Institute|Society|Museum|Court)"
NAME_OR_ORGANISATION = (
    rf"(?:{_HEAD_FIRST}\s+(?:of|for)\s+(?:the\s+)?{_TOKEN}(?:\s+{_TOKEN}){{0,2}}\s+(?:and|&)\s+{_TOKEN}"
    rf"(?:\s+{_TOKEN}){{0,2}}(?![\w’'-])"
    rf"|{NAME}(?:\s+(?:and|&)\s+(?:{_TOKEN}\s+){{0,3}}{_ORG_ENDING}(?![\w’'-]))?)"
)
_EXTENSION = (
    rf"(?:\s+(?:of|for|at|from|in)\s+(?:the\s+)?(?:{NAME_OR_ORGANISATION}"
    rf"|(?:[a-z][\w-]*\s+){{0,2}}?(?:{alternation(ORG_NOUNS)})(?![\w’'-])))?"
)
# Words that join clauses, not modifiers of a noun: "a view shared by Senator ..." is no description.
_LINKS = r"(?:by|of|to|in|on|at|with|from|for|that|which|who|and|or|but|said|says|was|is)"
# Three scans rather than one alternation: each starts with a cheap test, so the text is read faster.
_DESCRIPTION = re.compile(
    rf"(?<![\w’'-])(?:(?:[Tt]he|[Aa]n?)\s+(?:[{_U}][\w&’'-]*\s+){{1,4}}(?:{_SPOKES})"
    rf"|(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|(?:[{_U}][\w-]*\s+){{0,3}}[{_U}][\w-]*[’']s)\s+"
    rf"(?:(?!{_LINKS}\b)[\w’'-]+\s+){{0,3}}?"
    rf"(?i:{_HEADS})"
    rf"(?:\s+(?i:{_HEADS})(?![\w’'-]))?"
    rf"|(?:[{_U}][\w-]*\s+)?(?i:{_GROUPS}))(?![\w’'-]){_EXTENSION}"
)
_NAME_FOLLOWS = re.compile(rf"\s+[{_U}]")
_PRONOUN = re.compile(r"(?<![\w’'-])(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\b")
_NAME = re.compile(rf"(?<![\w’'-]){NAME_OR_ORGANISATION}")
# "the 34-year-old", "the mother-of-three", "the pensioner": a person described, not named, resolved
# to the speaker an apposition gave that age, or to the latest person of the right gender.
# "His mother said", "the father added": a family word is resolved to the person the article gave that
# role ("Her son, Liam Costigan"); one worn before a name is read with the name instead.
_AGE = re.compile(
    r"(?<![\w’'-])(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir)\s+(?:(\d{1,3})-year-old|((?:grand)?(?:mother|father)-of-[a-z]+"
    r"|grandmother|grandfather|pensioner|teenager|widow|widower|schoolgirl|schoolboy)"
    rf"|({alternation(FEMALE_NOUNS | MALE_NOUNS)})(?!\s*,?\s+[{_U}]))"
    r"(?![\w-])"
)
_SCANS = ((0, _DESCRIPTION), (1, _PRONOUN), (2, _NAME), (3, _AGE))
_TOKENS = re.compile(r"\S+")
_ORGANISATION_WORDS = ORG_NOUNS | ORG_NAME_ENDINGS
_NEVER_FIRST = NOT_NAMES | DAYS | MONTHS
_NEVER_LAST = DAYS | MONTHS | {"of", "for", "&"}
_WORN_BEFORE = TITLES | DEMONYMS
# ", a Ukrainian army commander," / ", 71, whose operation was cancelled," / ", Tarrant’s chief executive."
_APPOSITION = re.compile(
    r",\s+(?P<text>(?:(?:a|an|the|his|her|its|their)\s|[a-z\d]|[^\W\d_][\w-]*[’']s\s)"
    r"[^,;:.!?\"“”„«»‘()]{0,110}?)(?=\s*[,;:.!?—–])"
)
# ", which manages the waterway," / ", owned by Carrow Group,": a clause set off after a description.
_CLAUSE_AFTER = re.compile(
    r",\s+(?:who|which|whose|where|[a-z]+(?:ed|ing))\s[^,;:.!?\"“”„«»‘()]{0,110}?,(?=\s)"
)
_DASH_APPOSITION = re.compile(r"\s+[—–-]\s+(?P<text>[^—–\"“”«»]{1,80}?)\s+[—–-](?=\s)")
# "Senator Mary Cole (D-Ohio)", "Rep. Jim Hart (R)": a party and state after a name.
_OPENS = frozenset({" (", "(", ", "})
_PARENTHESIS = re.compile(
    r"\s*\((?P<text>[^()\"“”«»]{1,40})\)|,\s+(?P<party>[DRI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?=\s*,)"
)
_NOT_ROLE = re.compile(r"(?:who|whose|which|where|when|on|in|at|last|this|speaking|\d)\b")
_ARTICLE = re.compile(r"(?i:a|an|the)\s+")
_SPACE = re.compile(r"[ \u00a0]+")
_ROLE_WORD_BEFORE = re.compile(r"([\w’'-]+)\s+$")


@dataclass(slots=True)
class Mention:
    """A reference to someone in the article.

    `start`/`end` cover the words that name them; `surface_start`/`surface_end` also cover a role said
    before the name and appositions after it, as a reporter would copy the attribution.
    """

    kind: str  # "name", "pronoun" or "description"
    start: int
    end: int
    surface_start: int
    surface_end: int
    words: str
    titles: tuple[str, ...] = ()
    role: str | None = None
    post_nominals: tuple[str, ...] = ()  # "KC" in "Rosalind Achebe KC": worn after the name, not part of it
    kin: bool = False  # introduced as someone's relative: "her son, Liam"
    possessive: bool = False
    head: str | None = None  # for descriptions: the role or organisation noun
    extension: str | None = None  # for descriptions: "the health board" in "a spokesman for the health board"
    age: int | None = None  # "Callum Reddy, 34," and "the 34-year-old"

    @property
    def worn(self) -> tuple[str, ...]:
        """Everything worn around the name that says what the person is: titles before, letters after."""
        return (*self.titles, *self.post_nominals) if self.post_nominals else self.titles

    @property
    def is_plural(self) -> bool:
        return self.kind == "description" and (self.head or "").endswith("s")


def find_mentions(text: str, start: int, end: int) -> list[Mention]:
    """Mentions in text[start:end] (a stretch of one paragraph outside quotations), in order."""
    found: list[Mention] = []
    skip_until = start
    for order, match in _chunks(text, start, end):
        if match.start() < skip_until:
            continue
        mention = _mention(text, order, match)
        if mention is None:
            continue
        skip_until = mention.end
        if mention.kind == "name" and not mention.possessive:
            _take_dotted_titles(text, start, mention)
            _take_role_before(text, start, mention, found)
            _take_appositions(text, end, mention)
            skip_until = mention.surface_end
        elif mention.kind == "description":
            # "A spokesperson for the trust, which manages the waterway, said": the clause is read with
            # the description, so the verb after it still finds its subject; it gives no role.
            clause = _CLAUSE_AFTER.match(text, mention.end, end)
            if clause is not None:
                mention.surface_end = skip_until = clause.end()
        found.append(mention)
    return found


def _chunks(text: str, start: int, end: int) -> list[tuple[int, re.Match[str]]]:
    """Descriptions, pronouns and names in order; where two begin together the description wins."""
    matches = [(m.start(), order, m) for order, scan in _SCANS for m in scan.finditer(text, start, end)]
    matches.sort(key=lambda found: (found[0], found[1]))
    return [(order, match) for _, order, match in matches]


def _mention(text: str, order: int, match: re.Match[str]) -> Mention | None:
    if order == 1:
        return Mention("pronoun", match.start(), match.end(), match.start(), match.end(), match.group(0))
    if order == 0:
        return _description(text, match)
    if order == 3:
        words = match.group(0)
        mention = Mention("description", match.start(), match.end(), match.start(), match.end(), words)
        if match.group(1):
            mention.head, mention.age = "year-old", int(match.group(1))
        else:
            mention.head = "person"
            mention.role = match.group(2) or match.group(3)
        return mention
    return _name(text, match.start(), match.end())


def _description(text: str, match: re.Match[str]) -> Mention | None:
    words = match.group(0)
    extension = re.search(r"\s+(?:of|for|at|from|in)\s+(?:the\s+)?", words)
    core = words[: extension.start()] if extension else words
    head = core.split()[-1].lower()
    # "The European Commission", "the Kremlin": a capitalised organisation noun makes it a proper name.
    proper_extension = extension is None or words[extension.end() :][:1].isupper()
    if extension is None and core.split()[-1][0].isupper() and _NAME_FOLLOWS.match(text, match.end()):
        return None  # "Police Constable Amira Shah": the organisation word is part of a title and name
    if core.split()[-1][0].isupper() and head in _ORGANISATION_WORDS and proper_extension:
        det = _ARTICLE.match(words)
        name_start = match.start() + (det.end() if det else 0)
        name = _name(text, name_start, match.end())
        if name is not None:
            name.surface_start = match.start()
            return name
    if core.split()[-1][0].isupper() and _NAME_FOLLOWS.match(text, match.end()):
        return None  # "the Senator Mary Cole": a title worn before a name, read with the name
    return Mention(
        "description",
        match.start(),
        match.end(),
        match.start(),
        match.end(),
        words,
        head=head,
        extension=words[extension.end() :] if extension else None,
    )


def _name(text: str, start: int, end: int) -> Mention | None:
    tokens = [m.span() for m in _TOKENS.finditer(text, start, end)]
    first = next(
        (i for i, token in enumerate(tokens) if _lower(text, token) not in _NEVER_FIRST), len(tokens)
    )
    tokens = tokens[first:]
    possessive = False
    for index, (s, e) in enumerate(tokens):
        if text[e - 2 : e] in ("’s", "'s"):
            tokens = tokens[: index + 1]
            tokens[-1] = (s, e - 2)
            possessive = True
            break
    while tokens and _lower(text, tokens[-1]) in _NEVER_LAST:
        tokens.pop()
    tokens = _cut_place_after_of(text, tokens)
    # "Miriam Oyelaran KC", "Callum Munro Jr.": letters after the name are read off it, as titles are.
    post_nominals: list[str] = []
    while len(tokens) > 1 and text[tokens[-1][0] : tokens[-1][1]].rstrip(".") in POST_NOMINALS:
        post_nominals.insert(0, text[tokens[-1][0] : tokens[-1][1]].rstrip("."))
        worn_end = tokens.pop()[1]
    titles: list[str] = []
    # "European Commission" and "Foreign Office" are names; "Foreign Minister Lavrov" wears a title.
    organisation = bool(tokens) and _lower(text, tokens[-1]) in _ORGANISATION_WORDS
    while len(titles) < len(tokens) - 1 and not organisation:
        token = tokens[len(titles)]
        if _lower(text, token).rstrip(".") not in _WORN_BEFORE:
            break
        titles.append(text[token[0] : token[1]])
    tokens = tokens[len(titles) :]
    if not tokens:
        return None
    s, e = tokens[0][0], tokens[-1][1]
    if text[e - 1] in "’'":
        e -= 1  # "the Eastbrook Tenants’" keeps its plural apostrophe out of the name
    words = _SPACE.sub(" ", text[s:e])
    if not words or not words[0].isupper():
        return None
    surface = tokens[0][0] if not titles else _title_start(text, s, titles)
    if post_nominals:
        e = worn_end  # the mention runs on over the letters, so appositions after them are still read
    return Mention(
        "name",
        s,
        e,
        surface,
        e,
        words,
        titles=tuple(titles),
        possessive=possessive,
        post_nominals=tuple(post_nominals),
    )


def _lower(text: str, token: tuple[int, int]) -> str:
    return text[token[0] : token[1]].lower()


def _title_start(text: str, name_start: int, titles: list[str]) -> int:
    return text.rfind(titles[0], 0, name_start)


def _cut_place_after_of(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "Zelensky of Ukraine" is a person and a place; "Bank of England" is one organisation."""
    words = [_lower(text, t) for t in tokens]
    if not any(w in ("of", "for") for w in words):
        return tokens
    cut = next(i for i, w in enumerate(words) if w in ("of", "for"))
    # "Professor Ines Calloway of Westbridge University": a titled person of an organisation.
    titled_person = words[0].rstrip(".") in _WORN_BEFORE and cut >= 2
    if any(w in ORG_NAME_ENDINGS for w in words) and not titled_person:
        return tokens
    return tokens[:cut]


def _take_dotted_titles(text: str, start: int, mention: Mention) -> None:
    """ "Sen. Carla Ruiz", "Det. Insp. Okafor": titles abbreviated with a full stop stand before the name."""
    before = text[max(start, mention.surface_start - 2) : mention.surface_start]
    if not before.startswith("."):
        return  # the cheap test first: most names have no full stop just before them
    match = _DOTTED_TITLES.search(text, max(start, mention.surface_start - 40), mention.surface_start)
    if match is None:
        return
    mention.titles = (*re.findall(r"[\w]+\.", match.group(0)), *mention.titles)
    mention.surface_start = match.start()


_SHORT_TITLES = "|".join(sorted(t for t in TITLES | TITLE_EXPANSIONS.keys() if len(t) <= 5))
_DOTTED_TITLES = re.compile(rf"(?<![\w’'-])(?:(?i:{_SHORT_TITLES})\.\s+)+$")


def _take_role_before(text: str, start: int, mention: Mention, found: list[Mention]) -> None:
    """ "Its chair, Siobhan Kearney" and "Club chairman Martin Oduya": the role said before the name."""
    if found and found[-1].kind == "description" and not found[-1].possessive:
        between = text[found[-1].end : mention.surface_start]
        if between.strip() == "," and _comma_closes(text, mention):
            description = found.pop()
            mention.role = mention.role or _role_text(description.words)
            mention.surface_start = description.surface_start
            return
    role: tuple[str, int] | tuple[str, int, bool] | None = _lowercase_role_before(
        text, start, mention.surface_start
    ) or _family_before(text, start, mention.surface_start)
    if role is not None:
        mention.role = mention.role or role[0]
        mention.surface_start = role[1]
        mention.kin = len(role) > 2 and bool(role[2])
        while found and found[-1].end > mention.surface_start:
            # "Energy" in "Energy minister Jakub Marek" is part of the role, and "the Conservative
            # leader" in "the Conservative leader Kemi Badenoch" is the role with its article.
            mention.surface_start = min(mention.surface_start, found.pop().surface_start)


def _comma_closes(text: str, mention: Mention) -> bool:
    after = text[mention.end : mention.end + 3]
    return after[:1] in (",", " ", ".", ";") or not after


def _family_before(text: str, start: int, name_start: int) -> tuple[str, int, bool] | None:
    """ "His mother, Siobhan Costigan", "Liam's father, Martin Costigan": a family word is the role.

    The flag says whose: the relative of someone the text has been following ("her son, Liam") is
    introduced as what that person talks about, not as a speaker; "Liam's father" is a new voice.
    """
    words = text[max(start, name_start - 16) : name_start].rstrip(" ,").rsplit(None, 1)
    if not words or words[-1] not in _FAMILY_WORDS:
        return None  # the cheap test first: most names have no family word before them
    match = _FAMILY_BEFORE.search(text, max(start, name_start - 50), name_start)
    if match is None:
        return None
    return match.group("role"), match.start(), match.group("whose") is not None


_FAMILY_WORDS = FEMALE_NOUNS | MALE_NOUNS
_FAMILY = alternation(_FAMILY_WORDS)
_FAMILY_BEFORE = re.compile(
    rf"(?<![\w’'-])(?:(?:(?P<whose>[Hh]is|[Hh]er|[Tt]heir)|[Tt]he|[{_U}][\w-]*[’']s)\s+)?"
    rf"(?P<role>(?:(?:late|eldest|elder|older|younger|youngest|only|twin)\s+)?(?:{_FAMILY}))\s*,?\s+$"
)


def _lowercase_role_before(text: str, start: int, name_start: int) -> tuple[str, int] | None:
    window = text[max(start, name_start - 60) : name_start]
    offset = name_start - len(window)
    words = list(re.finditer(r"[\w’'-]+", window))
    if not words or window[words[-1].end() :].strip():
        return None
    head = words[-1].group(0)
    if not head.islower() or head not in _ROLE_HEADS:
        return None
    first = len(words) - 1
    # Take up to two modifiers ("former transport commissioner"), stopping at function words.
    while first > 0 and len(words) - first < 3:
        previous = words[first - 1]
        gap = window[previous.end() : words[first].start()]
        word = previous.group(0).lower()
        if gap.strip() or word in _NOT_MODIFIERS or word.endswith(("’s", "'s")):
            break
        first -= 1
    role_start = offset + words[first].start()
    return window[words[first].start() : words[-1].end()], role_start


_NOT_MODIFIERS = NOT_NAMES - frozenset("local former new acting interim first second third last next".split())
_ROLE_HEADS = (
    ROLE_NOUNS
    | ORG_NOUNS
    | frozenset(
        """
    hotelier operator striker singer actor writer businessman businesswoman entrepreneur farmer resident
    teacher nurse student worker veteran mp lawmaker candidate challenger incumbent pilot driver
    """.split()
    )
)


def _take_appositions(text: str, end: int, mention: Mention) -> None:
    position = mention.end
    for _ in range(3):
        parenthesis = (
            _PARENTHESIS.match(text, position, end) if text[position : position + 2] in _OPENS else None
        )
        if parenthesis is not None:
            position = mention.surface_end = parenthesis.end()
            continue
        match = _APPOSITION.match(text, position, end) or _DASH_APPOSITION.match(text, position, end)
        if match is None:
            break
        apposition = match.group("text").strip()
        if _looks_like_clause(apposition):
            break
        if apposition.isdigit() and len(apposition) <= 3:
            mention.age = int(apposition)
        elif mention.role is None and not _NOT_ROLE.match(apposition):
            mention.role = _role_text(apposition)
        position = match.end()
        mention.surface_end = position
        if match.re is _DASH_APPOSITION:
            break


def _looks_like_clause(apposition: str) -> bool:
    # ", fired back", ", he added" or ", had said" follow a name too, but they are not appositions.
    words = apposition.lower().split()
    first = words[0]
    if first in _RELATIVES:
        # ", which was warned by the Met Office," describes the name; ", who said ..." is its own clause.
        rest = [w for w in words[1:] if w not in BETWEEN_SUBJECT_AND_VERB]
        return bool(rest) and rest[0] in SPEECH_VERBS
    # "Dunmore, the minister said:" is a new clause whose subject is the description.
    if any(word in SPEECH_VERBS for word in words[1:]):
        return True
    return (
        first in _CLAUSE_OPENERS
        or first in SPEECH_VERBS
        or first in BETWEEN_SUBJECT_AND_VERB
        or first in _PHRASE_VERBS
    )


_RELATIVES = frozenset("who which whose".split())
_PHRASE_VERBS = frozenset(phrase.split()[0] for phrase in SPEECH_PHRASES)
_CLAUSE_OPENERS = frozenset(
    "he she they it we i and but or is was were are will would did does do can could should may might".split()
)


def _role_text(words: str) -> str:
    return _ARTICLE.sub("", words, count=1).strip() if _ARTICLE.match(words) else words.strip()
