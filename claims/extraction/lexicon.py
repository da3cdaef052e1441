"""The small word lists the quote extractor reads English news with.

Speech verbs, the words that may stand between a speaker and a verb, the nouns that name a role or an
organisation, titles worn before a name, and the capitalised words that begin sentences without being
names. Plain data: no logic beyond building regular-expression alternations. It must never grow into a
gazetteer of real people; names come from the article and from the newsroom's speaker table.
"""

from __future__ import annotations

import re


def alternation(words: frozenset[str] | set[str]) -> str:
    """A regex matching any of `words`, longest first ("fired back" over "fired"), built as a trie.

    A flat alternation of two hundred verbs is tried word by word at every position; the trie shares
    prefixes ("sa" for "said", "says", "saying"), which makes the scans several times faster.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(root)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(node[char])
        for char in sorted(node)
        if char
    ]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    return "(?:" + "|".join(branches) + (")?" if "" in node else ")")


# Speech verbs, in the forms news copy uses. A cue may add a short complement ("told state media").
SPEECH_VERBS = frozenset(
    """
    said says say saying told tells tell telling added adds adding asked asks asking replied replies
    replying responded responds answered answers insisted insists insisting declared declares declaring
    stated states announced announces explained explains explaining warned warns warning claimed claims
    claiming argued argues arguing noted notes noting observed remarked continued continues concluded
    wrote writes writing posted posts posting tweeted tweets commented comments admitted admits
    conceded concedes acknowledged acknowledges confirmed confirms denied denies boasted boasts bragged
    vowed vows vowing pledged pledges promised promises predicted predicts suggested suggests urged
    urges urging demanded demands recalled recalls recalling complained complains lamented joked jokes
    quipped shouted yelled snapped whispered stressed stresses stressing emphasised emphasized
    maintained maintains contended reiterated repeated countered retorted threatened threatens accused
    accuses accusing alleged alleges assured reassured proclaimed testified texted
    objected protested cautioned hinted revealed reveals disclosed described describes describing called
    calls calling branded brands dubbed labelled labeled termed hailed praised condemned slammed blasted
    criticised criticized mocked derided dismissed rejected rejects mused sighed scoffed pleaded
    begged apologised apologized interjected exclaimed thundered raged fumed grumbled
    """.split()
)

# Verbs with a particle, kept whole so the cue reads as the reporter wrote it.
SPEECH_PHRASES = frozenset(
    {
        "fired back",
        "fires back",
        "hit back",
        "hits back",
        "shot back",
        "pointed out",
        "points out",
        "went on",
        "goes on",
        "summed up",
        "put it",
        "puts it",
        "spoke of",
        "quoted as saying",
    }
)

# Verbs that, like "called" or "described", put a phrase into someone's mouth only when it is quoted.
NAMING_VERBS = frozenset(
    """
    called calls calling described describes describing branded brands dubbed labelled labeled termed
    hailed condemned slammed blasted criticised criticized mocked derided dismissed
    """.split()
)

# Words that may stand between a subject and its verb: "Putin also said", "Vlad last week told".
BETWEEN_SUBJECT_AND_VERB = frozenset(
    """
    also later then has had have previously earlier again even just reportedly once repeatedly quickly
    simply immediately subsequently finally recently today yesterday tonight has since only now still
    initially separately privately publicly openly angrily bluntly calmly flatly firmly curtly
    """.split()
)

DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)

PRONOUNS = frozenset({"he", "she", "they", "it"})

# Nouns for the people a report quotes without naming first: "the minister", "a council spokesperson".
ROLE_NOUNS = frozenset(
    """
    president vice-president minister spokesman spokeswoman spokesperson spokespeople spokesmen
    commander general colonel official officials adviser advisor aide diplomat analyst analysts expert
    experts mayor governor senator lawyer judge prosecutor chief chairman chairwoman chair director
    secretary ambassador envoy negotiator representative representatives leader head deputy officer
    doctor professor researcher scientist economist historian author activist campaigner chancellor
    premier coach captain manager owner founder treasurer councillor geologist engineer inspector
    executive boss king queen prince pope sheriff detective superintendent administrator organiser
    organizer secretary-general commissioner regulator source sources moderator presenter interviewer
    mp msp mep
    """.split()
)

# Nouns for organisations that speak: "the ministry said", "the club said in a statement".
ORG_NOUNS = frozenset(
    """
    kremlin government ministry company firm army military police agency council commission department
    office embassy court party campaign union club group board committee hospital university
    broadcaster regulator watchdog bank fund charity foundation organisation organization
    administration pentagon cabinet parliament senate congress delegation mission team regime
    authorities authority trust institute association chamber operator developer network airline
    insurer retailer school college consortium alliance coalition opposition prosecutors
    """.split()
)

# Nouns for documents that speak for whoever issued them: "the statement described the glacier as ...".
DOCUMENT_NOUNS = frozenset("statement letter report post tweet memo release filing note notice".split())

# The last word of an organisation's proper name: "Northvale Health Board", "Tarrant Resources".
ORG_NAME_ENDINGS = frozenset(
    """
    inc ltd plc llc corp corporation company co group holdings resources energy energie partners bank
    capital airlines airways motors media systems technologies industries mining oil gas power foods
    association union council board committee party ministry department office agency commission
    authority service services trust foundation institute university college school hospital court
    parliament assembly army navy police kremlin pentagon house street chamber network transit watch
    federation league club fund government administration bureau times post news herald
    """.split()
)

# Titles worn before a name; they are not part of the name: "President Trump", "Dr Ramanathan".
TITLES = frozenset(
    """
    president prime minister foreign defence defense interior finance health energy justice home
    secretary general gen colonel col lieutenant lt major maj captain capt sergeant sgt admiral
    commander chancellor senator sen representative rep governor gov mayor judge justice dr mr mrs ms
    miss mx sir dame lord lady king queen prince princess pope father rev reverend bishop archbishop
    cardinal chief deputy vice ambassador professor prof coach detective inspector commissioner
    sheriff councillor councilor premier speaker patriarch ayatollah sheikh emir crown president-elect
    state economy education transport environment trade culture labour agriculture
    """.split()
)

# Letters and honours written after a name, spelled as newsrooms print them: "Rosalind Achebe KC", "Tom
# Hale MP", "Sam Roe Jr". Like titles before a name they are role evidence, never part of the name.
POST_NOMINALS = frozenset(
    """
    KC QC MP MSP MEP MS AM MLA TD JP DL OBE MBE CBE KBE DBE GBE FRS QPM PhD Jr Sr
    """.split()
)

# Family words that tell a person's gender: "His mother, Siobhan Costigan", "the widower".
FEMALE_NOUNS = frozenset(
    """
    mother grandmother stepmother mum daughter granddaughter stepdaughter wife widow sister aunt niece
    girlfriend fiancee schoolgirl
    """.split()
)
MALE_NOUNS = frozenset(
    """
    father grandfather stepfather dad son grandson stepson husband widower brother uncle nephew
    boyfriend fiance schoolboy
    """.split()
)

# Titles that tell a pronoun's gender; everything else leaves it open.
MALE_TITLES = frozenset("mr sir lord king prince father spokesman chairman".split())
FEMALE_TITLES = frozenset("mrs ms miss dame lady queen princess spokeswoman chairwoman".split())

# Capitalised words that open sentences or stand in them without being anyone's name.
NOT_NAMES = frozenset(
    """
    the a an and but or so yet for nor if when while after before since until as at in on of to by with
    from into over under about above below between through during without within against among
    however meanwhile moreover furthermore nevertheless nonetheless instead still also then thus
    this that these those there here it its he she they we i you his her their our my your who what
    which where why how whose whom one two three four five six seven eight nine ten many some all most
    both each every no not yes asked speaking according despite although though because unless
    earlier later last next first second third new former acting interim local several few more less
    """.split()
)

# Adjectives of nationality that may precede a role or a name: "Ukrainian army commander Oleh ...".
DEMONYMS = frozenset(
    """
    russian ukrainian american british french german chinese japanese korean italian spanish polish
    czech slovak swiss austrian dutch belgian irish scottish welsh english canadian australian indian
    pakistani iranian iraqi israeli palestinian turkish greek swedish norwegian danish finnish
    hungarian romanian bulgarian serbian croatian european african asian brazilian mexican nigerian
    egyptian saudi syrian lebanese afghan belarusian georgian moldovan lithuanian latvian estonian
    """.split()
)

# Elided words written with a leading apostrophe: "'90s", "'em", "'til".
ELISIONS = frozenset("em til tis twas cause cos bout n".split())

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr st sen rep gov gen col lt capt sgt maj adm prof rev jr sr inc ltd co corp no vs etc
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e approx dept est fig mt ft
    """.split()
)

# Capital letters of the Latin, Greek and Cyrillic scripts, for regex classes (re has no \p{Lu}).
UPPERCASE = "".join(
    ch for ch in map(chr, [*range(0x41, 0x250), *range(0x370, 0x530)]) if ch.isupper() and ch.isalpha()
)

# The last word of a place's name: "Quay Street", "Kessel Creek". Places do not speak.
PLACE_ENDINGS = frozenset(
    """
    street road avenue lane square bridge creek river valley mountain mountains hill hills park region
    oblast province county city town village island islands sea ocean lake bay port airport station hall
    district state republic kingdom coast border front line peninsula desert forest gate quay heights
    """.split()
)

# Ranks and offices written before a name, with the abbreviations newsrooms use for them. They are role
# evidence, never part of the name: "Det Insp Rachel Okafor" is Rachel Okafor, a detective inspector.
TITLE_EXPANSIONS = {
    "det": "detective",
    "insp": "inspector",
    "supt": "superintendent",
    "ch": "chief",
    "cllr": "councillor",
    "coun": "councillor",
    "sgt": "sergeant",
    "pc": "police constable",
    "dc": "detective constable",
    "ds": "detective sergeant",
    "di": "detective inspector",
    "dci": "detective chief inspector",
    "dsi": "detective superintendent",
    "prof": "professor",
    "rev": "reverend",
    "revd": "reverend",
    "gen": "general",
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "lt": "lieutenant",
    "col": "colonel",
    "capt": "captain",
    "maj": "major",
    "adm": "admiral",
    "cmdr": "commander",
    "amb": "ambassador",
    "pres": "president",
    "justice": "justice judge",
    "recorder": "recorder judge",
    "kc": "king's counsel barrister",
    "qc": "queen's counsel barrister",
    "mp": "member of parliament",
    "mep": "member of the european parliament",
    "msp": "member of the scottish parliament",
}
RANKS = frozenset(
    """
    constable sergeant inspector superintendent commissioner officer detective councillor alderman
    baroness baron lady lord duchess viscount cardinal imam rabbi pastor vicar
    brigadier corporal private marshal commodore magistrate recorder coroner justice barrister
    attorney solicitor advocate chairman chairwoman chair leader whip spokesman spokeswoman headteacher
    provost rector chancellor vice-chancellor principal master
    """.split()
) | frozenset(TITLE_EXPANSIONS)

# Words that qualify a title without being one ("US Senator", "Deputy First Minister", "Shadow Home
# Secretary", "Acting Chief Constable"); stripped only when a title follows them.
TITLE_QUALIFIERS = frozenset(
    """
    us uk eu un first second shadow acting interim former junior senior assistant associate police
    deputy vice chief high county district state federal regional city borough town parish
    crown supreme circuit appeal appeals court harbour port
    """.split()
)

# Where words are posted, not who posts them: "wrote on X", "posted on Facebook".
PLATFORMS = frozenset(
    """
    x twitter facebook instagram tiktok telegram youtube linkedin threads bluesky whatsapp reddit truthsocial
    substack weibo wechat mastodon snapchat truth vk
    """.split()
)

# How a barrister's part is announced in a court report: "Mitigating, Louise Strand said ...".
COURT_OPENERS = frozenset(
    "prosecuting defending mitigating sentencing representing appearing opening closing summing".split()
)

# Prepositions after which a capitalised name is a place, not a speaker: "the ministry in Kyiv said".
PLACE_PREPOSITIONS = frozenset("in near outside inside across around throughout".split())
