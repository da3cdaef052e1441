"""The mention resolver every attribution rule goes through: titles, non-speakers, pronouns, organisations."""

from __future__ import annotations

import pytest

from claims.extraction import KnownSpeaker, ProposedSpeaker, extract_quotes
from claims.extraction.resolver import split_titles, title_words


def said(article: str, speakers: tuple[KnownSpeaker, ...] = ()) -> list[tuple[str, str | None]]:
    return [
        (q.text, q.speaker.name if q.speaker else None) for q in extract_quotes(article, speakers=speakers)
    ]


# 1. Titles and ranks before a name ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Constable Amira Shah", "Amira Shah"),
        ("Police Constable Amira Shah", "Amira Shah"),
        ("Cllr Derek Hollins", "Derek Hollins"),
        ("Det Insp Rachel Okafor", "Rachel Okafor"),
        ("Dr Anna Kowalski", "Anna Kowalski"),
        ("Prof Yevhen Lytvyn", "Yevhen Lytvyn"),
        ("Sir Colin Mabey", "Colin Mabey"),
        ("Judge Peter Alcott", "Peter Alcott"),
        ("Mayor Linda Perez", "Linda Perez"),
        ("US Senator Margaret Vail", "Margaret Vail"),
        ("Sgt Tom Breyer", "Tom Breyer"),
        ("Rev Dr Michael Ashworth", "Michael Ashworth"),
        ("Chief Superintendent Karen Blythe", "Karen Blythe"),
        ("Deputy First Minister Alasdair Munro", "Alasdair Munro"),
        ("Det Chief Supt Gareth Mould", "Gareth Mould"),
        ("Baroness Ruth Aldane", "Ruth Aldane"),
    ],
)
def test_a_title_before_a_known_speakers_name_does_not_stop_the_match(written, name):
    known = KnownSpeaker(4, name)
    quote = extract_quotes(f"{written} said: “We will keep going.”", speakers=(known,))[0]
    assert (quote.speaker.id, quote.speaker.name) == (4, name)
    assert quote.speaker_mention == written  # the mention is kept as the reporter wrote it


def test_a_new_speaker_is_proposed_without_the_title_which_becomes_the_role():
    quote = extract_quotes("Det Insp Rachel Okafor said: “These were planned.”")[0]
    assert quote.speaker == ProposedSpeaker(None, "Rachel Okafor", "Det Insp")


def test_a_rank_inside_a_longer_run_starts_the_name_after_it():
    assert split_titles("Greater Manchester Police Chief Constable Jo Farrell") == (
        ["Greater", "Manchester", "Police", "Chief", "Constable"],
        ["Jo", "Farrell"],
    )


def test_an_organisations_name_keeps_its_title_like_words():
    assert split_titles("Police Scotland") == ([], ["Police", "Scotland"])
    assert split_titles("Prince Charles Hospital") == ([], ["Prince", "Charles", "Hospital"])


def test_abbreviated_titles_count_as_the_roles_they_stand_for():
    assert title_words(["Det", "Insp"]) == "detective inspector"
    article = (
        "Det Insp Rachel Okafor said the thefts were linked.\n\n"
        "Sgt Tom Breyer said patrols had been doubled.\n\n"
        "“We are asking for footage,” the detective inspector added."
    )
    assert said(article) == [("We are asking for footage", "Rachel Okafor")]


def test_a_known_speakers_name_at_the_end_of_a_longer_capitalised_run_is_found():
    dalgleish = KnownSpeaker(3, "Ian Dalgleish")
    article = "Kinross Harbour Master Ian Dalgleish posted on Facebook: “The harbour is closed.”"
    assert said(article, (dalgleish,)) == [("The harbour is closed.", "Ian Dalgleish")]


def test_a_party_and_state_in_brackets_after_a_name_is_not_the_end_of_the_attribution():
    quote = extract_quotes("Sen. Carla Ruiz (D-Nev.) told reporters: “Not in this form.”")[0]
    assert (quote.speaker.name, quote.speaker_mention) == ("Carla Ruiz", "Sen. Carla Ruiz (D-Nev.)")


def test_a_titled_person_of_an_organisation_is_a_person():
    article = (
        "Professor Ines Calloway of Westbridge University said firms risked a skills gap. "
        "“Every firm thinks it can free-ride,” she said."
    )
    assert said(article) == [("Every firm thinks it can free-ride", "Ines Calloway")]


@pytest.mark.parametrize(
    ("written", "letters"),
    [
        ("Rosalind Achebe KC", "KC"),
        ("Tom Hale MP", "MP"),
        ("Jane Roe QC", "QC"),
        ("Anne Kerr OBE", "OBE"),
        ("Ravi Patel MBE", "MBE"),
        ("Lena Ward CBE", "CBE"),
        ("Dr Owen Pike PhD", "PhD"),
        ("Carl Dean Jr", "Jr"),
        ("Carl Dean Sr", "Sr"),
        ("Moira Shaw MSP", "MSP"),
        ("Ilse Brandt MEP", "MEP"),
        ("Huw Jones AM", "AM"),
        ("Sian Rees MS", "MS"),
        ("Neil Frost JP", "JP"),
    ],
)
def test_letters_after_a_known_speakers_name_do_not_stop_the_match(written, letters):
    name = " ".join(w for w in written.split() if w not in (letters, "Dr"))
    quote = extract_quotes(f"{written} said: “We will keep going.”", speakers=(KnownSpeaker(6, name),))[0]
    assert (quote.speaker.id, quote.speaker.name) == (6, name)
    assert quote.speaker_mention == written  # the letters stay in the attribution as written


def test_letters_after_a_new_speakers_name_become_the_role_and_appositions_are_still_read():
    quote = extract_quotes("Tom Hale MP said: “The road must reopen.”")[0]
    assert quote.speaker == ProposedSpeaker(None, "Tom Hale", "MP")
    quote = extract_quotes("Alison Greer OBE, a hydrologist, said: “It rose fast.”")[0]
    assert quote.speaker == ProposedSpeaker(None, "Alison Greer", "hydrologist")


def test_letters_after_a_name_are_matched_by_the_role_noun_they_stand_for():
    article = (
        "Tom Hale MP said the road should reopen. Sgt Tom Breyer said patrols had been doubled.\n\n"
        "“It is a scandal,” the MP said."
    )
    assert said(article) == [("It is a scandal", "Tom Hale")]


# 2. Platforms, places, datelines, times and court openers are never speakers ------------------------


def test_a_platform_is_where_words_were_posted_not_who_posted_them():
    for platform in ("X", "Facebook", "Truth Social", "Instagram"):
        article = (
            f"Fiona Garrow wrote on {platform}: “Please do not travel.”\n\n“Stay safe,” {platform} said."
        )
        quotes = extract_quotes(article)
        assert quotes[0].speaker.name == "Fiona Garrow"
        assert all(q.speaker is None or q.speaker.name != platform for q in quotes)


def test_a_live_blog_timestamp_leaves_the_quote_direct_and_carried_on():
    article = (
        "14:05\n“We have had to close the line,” a spokesperson for Network Rail said.\n\n"
        "2.15pm: “Engineers are on site.”\n\n"
        "12.55pm\nThe harbour master said: “The harbour is closed.”"
    )
    quotes = extract_quotes(article)
    assert [(q.text, q.kind) for q in quotes] == [
        ("We have had to close the line", "direct"),
        ("Engineers are on site.", "direct"),
        ("The harbour is closed.", "direct"),
    ]
    assert [q.speaker.name for q in quotes[:2]] == ["Network Rail", "Network Rail"]


@pytest.mark.parametrize("dateline", ["ABERFAL —", "LONDON (Reuters) -", "KYIV, March 3 (AP) —"])
def test_a_dateline_is_not_a_speaker(dateline):
    article = f"{dateline} “We are ready,” the ministry said."
    quote = extract_quotes(article)[0]
    assert quote.speaker is not None and quote.speaker.name == "ministry"


def test_a_place_after_an_organisation_is_not_the_speaker():
    ministry = KnownSpeaker(5, "Ukrainian Foreign Ministry", kind="organisation")
    article = "The foreign ministry in Kyiv said: “Ukraine remains ready to talk.”"
    assert said(article, (ministry,)) == [("Ukraine remains ready to talk.", "Ukrainian Foreign Ministry")]


@pytest.mark.parametrize("opener", ["Mitigating", "Prosecuting", "Defending"])
def test_a_court_report_opener_is_not_a_name(opener):
    article = f"{opener}, Louise Strand said: “My client accepts he bought the items.”\n\n“He is sorry.”"
    assert [name for _, name in said(article)] == ["Louise Strand", "Louise Strand"]


# 3. Pronouns, role nouns and ages across paragraphs -------------------------------------------------


def test_pronouns_follow_the_speaker_of_the_right_gender_across_paragraphs():
    article = (
        "Dr Anna Kowalski said the trial had worked.\n\n"
        "She said: “The results are clear.”\n\n"
        "David Rees, her co-author, disagreed.\n\n"
        "“They are not,” he said."
    )
    assert said(article) == [("The results are clear.", "Anna Kowalski"), ("They are not", "David Rees")]


def test_an_honorific_gives_a_pronoun_its_speaker():
    article = (
        "Sir Colin Mabey met Ms Oksana Hrytsenko in Geneva.\n\n"
        "“It was a good meeting,” he said. “We will meet again,” she said."
    )
    assert said(article) == [
        ("It was a good meeting", "Colin Mabey"),
        ("We will meet again", "Oksana Hrytsenko"),
    ]


def test_a_role_noun_finds_the_speaker_an_earlier_apposition_gave_that_role():
    article = (
        "Sophie Marsh, the health minister, visited the ward on Monday.\n\n"
        "Patients told reporters they were pleased.\n\n"
        "“We are listening,” the minister said."
    )
    assert said(article) == [("We are listening", "Sophie Marsh")]


def test_a_generic_role_head_is_matched_by_its_modifier():
    article = (
        "Finance director Mark Oyelaran said debt had risen. Chief executive Priya Natarajan agreed.\n\n"
        "“Our balance sheet is stable,” the finance chief said."
    )
    assert said(article) == [("Our balance sheet is stable", "Mark Oyelaran")]


def test_an_age_description_finds_the_speaker_given_that_age():
    article = (
        "Callum Reddy, 34, of Oakfield Road, denied handling stolen goods.\n\n"
        "Judge Peter Alcott remanded him in custody.\n\n"
        "“I didn’t know,” the 34-year-old shouted."
    )
    assert said(article) == [("I didn’t know", "Callum Reddy")]


def test_a_coordinated_verb_after_an_asked_clause_keeps_the_sentences_speaker():
    article = (
        "Asked whether the government could have done more, Tulloch said its scheme had been generous, "
        "but added: “I accept that for some firms it has not been enough.”"
    )
    assert said(article) == [("I accept that for some firms it has not been enough.", "Tulloch")]


def test_a_role_said_after_a_place_is_the_speaker_not_an_apposition_of_the_place():
    tulloch = KnownSpeaker(2, "Graham Tulloch", role="Business minister")
    article = (
        "Business Minister Graham Tulloch said a taskforce would be set up. Speaking during a visit to "
        "Dunmore, the minister said: “My first thought is with the families.”"
    )
    assert said(article, (tulloch,)) == [("My first thought is with the families.", "Graham Tulloch")]


# 4. Organisations and their spokespeople ------------------------------------------------------------


def test_a_quote_before_the_organisations_statement_goes_to_the_organisation_in_the_table():
    council = KnownSpeaker(1, "Harwick Borough Council", kind="organisation", aliases=("Harwick council",))
    hollins = KnownSpeaker(2, "Derek Hollins", role="Cabinet member for finance")
    article = (
        "Cllr Derek Hollins told the meeting there was no alternative.\n\n"
        "“We recognise this is a difficult year,” the council said in a statement."
    )
    quote = extract_quotes(article, speakers=(council, hollins))[0]
    assert (quote.speaker.id, quote.cue) == (1, "said in a statement")


def test_a_spokesperson_for_an_organisation_speaks_for_it():
    rail = KnownSpeaker(3, "Network Rail", kind="organisation")
    union = KnownSpeaker(4, "Food and Allied Workers Union", kind="organisation")
    article = (
        "“The line is closed,” a spokesperson for Network Rail said.\n\n"
        "“We have been given assurances before,” a spokesperson for the Food and Allied Workers Union said."
    )
    assert said(article, (rail, union)) == [
        ("The line is closed", "Network Rail"),
        ("We have been given assurances before", "Food and Allied Workers Union"),
    ]


def test_an_unknown_organisations_spokesperson_proposes_the_organisation():
    quote = extract_quotes("“Customers must not pay,” a spokesman for Ofwat said.")[0]
    assert quote.speaker == ProposedSpeaker(None, "Ofwat", None)


def test_a_speaker_named_inside_a_relative_clause_says_what_follows():
    article = (
        "The closure was condemned by the Allied Food Workers union, whose regional organiser, "
        "Kerry Ann Doyle, said members had been given “no warning whatsoever”."
    )
    assert said(article) == [("no warning whatsoever", "Kerry Ann Doyle")]


def test_a_role_with_its_article_before_a_name_is_part_of_the_attribution_after_a_quote():
    article = (
        "10:15 GMT\nThe prime minister, Keir Starmer, said: “We will act.”\n\n"
        "10:02 GMT\n“This is a disgrace,” the Conservative leader Kemi Badenoch posted on X."
    )
    quotes = extract_quotes(article)
    assert [(q.speaker.name, q.speaker_mention) for q in quotes] == [
        ("Keir Starmer", "The prime minister, Keir Starmer"),
        ("Kemi Badenoch", "the Conservative leader Kemi Badenoch"),
    ]


def test_an_organisation_named_head_first_is_it():
    article = (
        "The Ministry of Defence said: “We do not comment on operations.”\n\n"
        "It added: “Our thoughts are with the families.”"
    )
    assert [name for _, name in said(article)] == ["Ministry of Defence", "Ministry of Defence"]


def test_a_party_and_state_between_commas_is_not_a_name():
    quote = extract_quotes("Rep. Jim Hart, R-Texas, said: “This is wrong.”")[0]
    assert (quote.speaker.name, quote.speaker_mention) == ("Jim Hart", "Rep. Jim Hart, R-Texas")


def test_the_kind_of_organisation_finds_the_one_just_named():
    unite = KnownSpeaker(1, "Unite", kind="organisation")
    council = KnownSpeaker(2, "Harwick Borough Council", kind="organisation")
    article = (
        "Harwick Borough Council said talks had failed. Unite said the offer was unacceptable.\n\n"
        "“Members will not accept a pay cut,” the union said."
    )
    assert said(article, (unite, council)) == [("Members will not accept a pay cut", "Unite")]


def test_a_countrys_ministry_written_possessively_is_a_description_of_the_ministry():
    ministry = KnownSpeaker(1, "Russian Ministry of Defence", kind="organisation")
    article = (
        "In a statement posted on Telegram, Russia's defence ministry said: “Our forces repelled the attack.”"
    )
    assert said(article, (ministry,)) == [("Our forces repelled the attack.", "Russian Ministry of Defence")]


def test_a_justice_is_the_judge():
    article = (
        "Mr Justice Fordham said: “The application fails.”\n\nThe judge added: “Costs follow the event.”"
    )
    assert [name for _, name in said(article)] == ["Fordham", "Fordham"]


@pytest.mark.parametrize(
    "attribution",
    [
        "A Network Rail spokeswoman said",
        "Network Rail's spokesperson said",
        "A spokesman for Network Rail said",
    ],
)
def test_however_the_spokesperson_is_written_the_organisation_speaks(attribution):
    rail = KnownSpeaker(1, "Network Rail", kind="organisation")
    assert said(f"{attribution}: “Buses will replace trains.”", (rail,)) == [
        ("Buses will replace trains.", "Network Rail")
    ]


def test_an_arabic_article_joined_by_a_hyphen_is_part_of_the_name():
    article = "Abu Mohammed al-Julani told CNN: “We will rebuild.” Al-Julani added: “Syria is tired of war.”"
    assert [name for _, name in said(article)] == ["Abu Mohammed al-Julani", "Abu Mohammed al-Julani"]


def test_a_person_described_by_family_or_circumstance_is_the_latest_person_who_fits():
    article = (
        "Jenny Walsh, 41, a mother of three from Salford, said: “It’s been a nightmare.”\n\n"
        "Mr Peter Crane, her landlord, said he had not been told.\n\n"
        "The mother-of-three added: “Nobody listens.”"
    )
    assert [name for _, name in said(article)] == ["Jenny Walsh", "Jenny Walsh"]


# 5. The discourse: who talks, and who is only talked about ------------------------------------------


LIAM = KnownSpeaker(1, "Liam Costigan", aliases=("Liam",))


def test_a_mother_talking_about_her_son_keeps_the_pronoun():
    mother = KnownSpeaker(2, "Siobhan Costigan")
    article = (
        "Siobhan Costigan said the family had searched all night. Her son, Liam Costigan, had not come "
        "home.\n\n“We were ringing hospitals,” she said."
    )
    assert said(article, (LIAM, mother)) == [("We were ringing hospitals", "Siobhan Costigan")]


def test_a_family_word_before_a_name_gives_the_role_and_the_gender():
    quote = extract_quotes("His mother, Siobhan Costigan, said: “He was happy.”")[0]
    assert quote.speaker == ProposedSpeaker(None, "Siobhan Costigan", "mother")
    assert quote.speaker_mention == "His mother, Siobhan Costigan"


def test_a_title_picks_the_family_member_of_that_gender():
    siobhan = KnownSpeaker(2, "Siobhan Costigan")
    martin = KnownSpeaker(3, "Martin Costigan")
    article = (
        "Siobhan Costigan and her husband, Martin Costigan, sat at the back of the court.\n\n"
        "Dr Harriet Venn said she had examined the body.\n\n"
        "Mr Costigan thanked the police. Mrs Costigan held a photograph of their son.\n\n"
        "“We will never stop missing him,” she said."
    )
    assert said(article, (siobhan, martin)) == [("We will never stop missing him", "Siobhan Costigan")]


def test_a_coach_talking_about_a_player_is_not_the_player():
    article = (
        "Dean Pryce said the squad was in shock. Saturday’s match was postponed as a mark of respect "
        "for Liam Costigan.\n\n"
        "“He was the loudest voice in the dressing room,” he said."
    )
    assert said(article, (LIAM,)) == [("He was the loudest voice in the dressing room", "Dean Pryce")]


def test_a_friend_talking_about_a_man_who_died_is_the_one_talking():
    article = (
        "Connor Whelan, 20, told the inquest that the night had been a happy one.\n\n"
        "Asked by the coroner whether Liam had seemed unsteady, he said: “No. He was fine.”"
    )
    assert said(article, (LIAM,)) == [("No. He was fine.", "Connor Whelan")]


def test_the_possessor_before_a_family_word_is_not_the_speaker():
    martin = KnownSpeaker(2, "Martin Costigan")
    article = (
        "The court heard from the family.\n\n"
        "Liam’s father, Martin Costigan, read a statement.\n\n"
        "“Liam was the centre of our world,” he said."
    )
    assert said(article, (LIAM, martin)) == [("Liam was the centre of our world", "Martin Costigan")]


def test_of_someone_after_a_speech_verb_is_the_topic_not_the_speaker():
    article = (
        "Dean Pryce coached Liam Costigan for three seasons.\n\n"
        "Of Costigan, Pryce said: “He was a natural.” Then he paused. “The first in and the last out,” "
        "he added."
    )
    assert said(article) == [
        ("He was a natural.", "Dean Pryce"),
        ("The first in and the last out", "Dean Pryce"),
    ]


def test_a_first_name_is_the_person_of_that_first_name():
    article = (
        "Siobhan Costigan and Martin Costigan spoke outside the court.\n\n"
        "Siobhan said: “He was our only son.”"
    )
    assert said(article) == [("He was our only son.", "Siobhan Costigan")]


# 6. Questions belong to whoever asked them ----------------------------------------------------------


def test_a_question_asked_by_the_moderator_is_the_moderators():
    article = (
        "The debate was chaired by Joanna Strand, the moderator. Giles Pemberton said he had kept every "
        "library open.\n\n"
        "“Then why did the unit close on your watch?” asked the moderator."
    )
    assert said(article) == [("Then why did the unit close on your watch?", "Joanna Strand")]


def test_a_question_with_the_asker_named_after_it_is_the_askers():
    article = (
        "Helen Tarrow said she would fight for the unit.\n\n"
        "“Will you commit to keeping it open?” Strand asked Tarrow."
    )
    assert said(article) == [("Will you commit to keeping it open?", "Strand")]


def test_a_question_asked_by_a_named_moderator_after_the_role():
    article = "“Will you resign?” asked the moderator, Jane Doe. Giles Pemberton said he would not."
    assert said(article) == [("Will you resign?", "Jane Doe")]


def test_the_answer_after_an_asked_clause_is_the_answerers():
    article = (
        "Giles Pemberton defended his record.\n\n"
        "Asked by Joanna Strand whether Helen Tarrow was right, he said: “She is not.”"
    )
    assert said(article) == [("She is not.", "Giles Pemberton")]


# 7. One organisation named after another ------------------------------------------------------------


def test_an_organisation_named_as_the_owner_does_not_speak_for_the_company():
    article = (
        "Northgate Foods said the recall was a precaution. The firm was bought by Carrow Group in 2019.\n\n"
        "“We are deeply sorry,” the company said."
    )
    assert said(article) == [("We are deeply sorry", "Northgate Foods")]


def test_a_spokesperson_for_a_department_speaks_for_the_department_not_the_one_it_names():
    department = KnownSpeaker(1, "Department of Health and Social Care", kind="organisation")
    agency = KnownSpeaker(2, "Food Standards Agency", kind="organisation")
    article = (
        "A spokesperson for the Department of Health and Social Care said ministers were working with the "
        "Food Standards Agency. “Ministers have been briefed,” the spokesperson said."
    )
    assert said(article, (department, agency)) == [
        ("Ministers have been briefed", "Department of Health and Social Care")
    ]


def test_a_relative_clause_between_a_spokesperson_and_the_verb_keeps_the_organisation():
    trust = KnownSpeaker(1, "Canal and River Trust", kind="organisation")
    article = (
        "A spokesperson for the Canal and River Trust, which manages the waterway, said: "
        "“Our thoughts are with the family.”"
    )
    assert said(article, (trust,)) == [("Our thoughts are with the family.", "Canal and River Trust")]


def test_a_spokesperson_for_a_full_proper_name_is_not_an_organisation_sharing_one_word():
    article = (
        "The health board has said it could not recruit midwives.\n\n"
        "A spokesperson for the Redmarsh and District Health Board said: “Patient safety comes first.”"
    )
    assert said(article) == [("Patient safety comes first.", "Redmarsh and District Health Board")]


def test_his_mother_is_the_person_the_article_introduced_as_his_mother():
    article = (
        "His mother, Siobhan Costigan, sat with Liam Costigan’s friend Connor Whelan.\n\n"
        "Connor Whelan said Liam had been happy. “We were ringing hospitals all night,” his mother said."
    )
    assert said(article) == [("We were ringing hospitals all night", "Siobhan Costigan")]


def test_a_knight_or_a_dame_with_a_first_name_is_the_person_of_that_first_name():
    rourke = KnownSpeaker(4, "Helen Rourke", aliases=("Rourke",))
    article = (
        "The chief executive, Dame Helen Rourke, spoke after the verdict.\n\n"
        "“Every decision was about a child,” Dame Helen said."
    )
    assert said(article, (rourke,)) == [("Every decision was about a child", "Helen Rourke")]


def test_a_pronoun_after_a_spokeswoman_is_the_organisation_she_speaks_for():
    article = (
        "Gemma Whitlock said her side had deserved the win.\n\n"
        "A spokeswoman for Tanfield Town said tickets had sold out. "
        "“The demand has been incredible,” she said."
    )
    assert said(article) == [("The demand has been incredible", "Tanfield Town")]


def test_a_son_introduced_by_his_father_stays_what_the_father_talks_about():
    article = (
        "Martin Costigan spoke outside the court. His son, Liam Costigan, had been missing since Friday. "
        "Liam Costigan left the party at midnight.\n\n"
        "“He was our world,” he said."
    )
    assert said(article) == [("He was our world", "Martin Costigan")]


def test_a_relative_named_after_someone_elses_name_is_a_new_voice():
    article = (
        "Dr Harriet Venn gave evidence.\n\n"
        "Liam’s father, Martin Costigan, read a statement.\n\n"
        "“Liam was the centre of our world,” he said."
    )
    assert said(article) == [("Liam was the centre of our world", "Martin Costigan")]


def test_the_one_a_speaker_praised_is_talked_about_not_talking():
    article = (
        "Ange Marsh praised Ben Ruddock after the win. Ruddock, 22, scored twice.\n\n"
        "“He was outstanding,” she said."
    )
    assert said(article) == [("He was outstanding", "Ange Marsh")]


def test_a_reply_comes_from_whoever_was_asked():
    article = (
        "Jane Doe, who chaired the debate, asked Giles Pemberton: “Will you resign?”\n\n"
        "“Absolutely not,” he replied."
    )
    assert said(article) == [("Will you resign?", "Jane Doe"), ("Absolutely not", "Giles Pemberton")]


def test_someone_named_only_in_a_phrase_still_speaks_when_no_one_else_in_the_paragraph_does():
    article = (
        "Mayor Linda Perez said the prize was deserved.\n\n"
        "The award went to Dr Anna Kowalski. “I am thrilled,” she said."
    )
    assert said(article) == [("I am thrilled", "Anna Kowalski")]


def test_the_answer_to_a_question_comes_from_whoever_was_asked_unless_the_asker_carries_on():
    strand = KnownSpeaker(1, "Joanna Strand", aliases=("Strand",))
    tarrow = KnownSpeaker(2, "Helen Tarrow", aliases=("Tarrow",))
    article = "Strand asked Tarrow whether she would resign. “No,” she said."
    assert said(article, (strand, tarrow)) == [("No", "Helen Tarrow")]
    article = "Strand asked Tarrow: “Will you resign?” “Everyone wants to know,” she added."
    assert said(article, (strand, tarrow)) == [
        ("Will you resign?", "Joanna Strand"),
        ("Everyone wants to know", "Joanna Strand"),
    ]


def test_an_age_after_a_name_says_it_is_a_person_who_may_speak():
    article = (
        "Jane Smith praised the volunteers.\n\n"
        "Among them was Peter Dunn, 71. “I just wanted to help,” he said."
    )
    assert said(article) == [("I just wanted to help", "Peter Dunn")]


def test_an_organisation_named_head_first_keeps_both_fields_joined_by_and():
    department = KnownSpeaker(1, "Department of Health and Social Care", kind="organisation")
    article = "A spokesperson for the Department of Health and Social Care said: “We are monitoring.”"
    assert said(article, (department,)) == [("We are monitoring.", "Department of Health and Social Care")]


def test_a_statement_from_an_organisation_owned_by_another_is_the_first_organisations():
    northgate = KnownSpeaker(1, "Northgate Foods", kind="organisation")
    carrow = KnownSpeaker(2, "Carrow Group", kind="organisation")
    article = "A statement from Northgate Foods, owned by Carrow Group, said: “We are sorry.”"
    assert said(article, (northgate, carrow)) == [("We are sorry.", "Northgate Foods")]


def test_a_relative_clause_naming_another_organisation_is_read_with_the_name_before_it():
    article = (
        "The Met Office said winds would strengthen. Network Rail, which was warned by the Met Office on "
        "Friday, said: “Lines are closed.”"
    )
    assert said(article) == [("Lines are closed.", "Network Rail")]


def test_the_regulator_may_be_an_organisation():
    article = (
        "Ofwat, the water regulator, fined Thames Water £3m. “This is a serious failure,” the regulator said."
    )
    assert said(article) == [("This is a serious failure", "Ofwat")]


def test_ms_after_a_name_is_a_member_of_the_senedd_not_a_woman():
    hale = KnownSpeaker(1, "Tom Hale", role="Conservative MS", aliases=("Hale",))
    article = (
        "Gareth Lloyd-Evans said the cuts were needed.\n\n"
        "Tom Hale MS said the timing was odd. “You have no evidence,” he told Mr Lloyd-Evans."
    )
    assert said(article, (hale,)) == [("You have no evidence", "Tom Hale")]


def test_someone_written_to_may_answer():
    article = (
        "Jones wrote to Smith demanding answers. Smith has not responded.\n\n"
        "“I will reply in due course,” he said."
    )
    assert said(article) == [("I will reply in due course", "Smith")]
