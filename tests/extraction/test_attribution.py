"""Who said each quotation: attribution before, after and inside quotes, and how speakers are resolved."""

from __future__ import annotations

from claims.extraction import CandidateQuote, KnownSpeaker, ProposedSpeaker, extract_quotes

PUTIN = KnownSpeaker(7, "Vladimir Putin", role="President of Russia", aliases=("Putin", "Vlad"))
KREMLIN = KnownSpeaker(9, "Kremlin", kind="organisation", aliases=("the Kremlin",))


def said(article: str, speakers: tuple[KnownSpeaker, ...] = ()) -> list[tuple[str, str | None]]:
    return [
        (q.text, q.speaker.name if q.speaker else None) for q in extract_quotes(article, speakers=speakers)
    ]


def only(article: str, speakers: tuple[KnownSpeaker, ...] = ()) -> CandidateQuote:
    quotes = extract_quotes(article, speakers=speakers)
    assert len(quotes) == 1, quotes
    return quotes[0]


# Where the attribution stands ---------------------------------------------------------------------


def test_attribution_before_the_quote_with_a_colon():
    quote = only("Putin said last month: “The Kyiv regime’s adventure has completely failed.”", (PUTIN,))
    assert quote.speaker == ProposedSpeaker(id=7, name="Vladimir Putin", role="President of Russia")
    assert (quote.speaker_mention, quote.cue, quote.kind) == ("Putin", "said last month", "direct")


def test_attribution_before_the_quote_with_a_comma():
    quote = only("Pryce said, “The mayor’s number includes pension liabilities.”")
    assert (quote.speaker.name, quote.kind) == ("Pryce", "direct")


def test_apposition_gives_a_new_speaker_a_role():
    quote = only("But Oleh Shyriaiev, a Ukrainian army commander, fired back: “We are working, fighting.”")
    assert quote.speaker == ProposedSpeaker(id=None, name="Oleh Shyriaiev", role="Ukrainian army commander")
    assert quote.speaker_mention == "Oleh Shyriaiev, a Ukrainian army commander"
    assert quote.cue == "fired back"


def test_attribution_after_the_quote():
    quote = only("“Eight months is a long time,” Deepak Raval said.")
    assert (quote.text, quote.speaker.name, quote.cue) == (
        "Eight months is a long time",
        "Deepak Raval",
        "said",
    )


def test_inverted_attribution_after_the_quote_with_an_apposition():
    quote = only("“This is the hardest decision,” said Miriam Osei-Bonsu, Tarrant’s chief executive.")
    assert quote.speaker == ProposedSpeaker(None, "Miriam Osei-Bonsu", "Tarrant’s chief executive")
    assert quote.cue == "said"


def test_each_quote_of_a_sentence_pair_takes_the_speaker_named_after_it():
    article = "“Is this the end?” asked Marek. “No,” replied Helga Brandstätter."
    assert said(article) == [("Is this the end?", "Marek"), ("No", "Helga Brandstätter")]


def test_according_to_after_the_quote():
    quote = only("“We will win,” according to the minister, Jan Novak.")
    assert quote.speaker == ProposedSpeaker(None, "Jan Novak", "minister")
    assert (quote.speaker_mention, quote.cue) == ("the minister, Jan Novak", "according to")


def test_a_relative_clause_speaks_for_the_name_before_it():
    article = "The plan drew criticism from Senator Mary Cole, who said it was “a fantasy”."
    quote = only(article)
    assert quote.speaker == ProposedSpeaker(None, "Mary Cole", "Senator")


def test_a_sentence_after_a_closed_quote_is_a_new_sentence():
    article = "Donald Trump told Fox News: “We had a great call.” Rubio added that talks were “moving fast”."
    assert said(article) == [("We had a great call.", "Donald Trump"), ("moving fast", "Rubio")]


def test_attribution_inside_a_quote_attributes_both_halves():
    article = (
        "Ilona Varga defended her record. “We have added 40 routes,” she said, "
        "“and for the first time in a decade, ridership is going up.”"
    )
    assert said(article) == [
        ("We have added 40 routes", "Ilona Varga"),
        ("and for the first time in a decade, ridership is going up.", "Ilona Varga"),
    ]
    assert [q.kind for q in extract_quotes(article)] == ["direct", "direct"]


def test_a_paragraph_that_is_only_a_quote_goes_on_with_the_last_speaker():
    article = (
        "“If they knew in January, residents deserved to know,” said Tom Achterberg.\n\n"
        "“Nobody on this side of the chamber saw that report.”"
    )
    assert said(article) == [
        ("If they knew in January, residents deserved to know", "Tom Achterberg"),
        ("Nobody on this side of the chamber saw that report.", "Tom Achterberg"),
    ]


def test_a_quote_with_no_speaker_anywhere_is_unattributed():
    quote = only("The sign in the window reads: “Still open.”")
    assert (quote.speaker, quote.kind) == (None, "direct")
    assert quote.confidence < 0.7


# Who a mention is ---------------------------------------------------------------------------------


def test_pronouns_follow_the_subject_and_gender():
    article = (
        "Mayor Ruth Okonjo met Councillor Tom Achterberg on Monday.\n\n"
        "“We acted the same day,” she said. “He knows that.”\n\n"
        "Mr Achterberg was unmoved. “We found out from a sign on a fence,” he said."
    )
    assert said(article) == [
        ("We acted the same day", "Ruth Okonjo"),
        ("He knows that.", "Ruth Okonjo"),
        ("We found out from a sign on a fence", "Tom Achterberg"),
    ]


def test_it_refers_to_an_organisation():
    article = "The regional energy ministry rejected it. In a statement, it said: “Every objection counts.”"
    assert said(article) == [("Every objection counts.", "regional energy ministry")]


def test_a_surname_resolves_to_the_full_name_given_earlier():
    article = (
        "VLADIMIR Putin has visited the Kursk region.\n\n"
        "Putin said last month: “The Kyiv regime’s adventure has completely failed.”"
    )
    assert said(article) == [("The Kyiv regime’s adventure has completely failed.", "Vladimir Putin")]


def test_a_title_and_surname_resolve_to_the_full_name():
    article = (
        "Deepak Raval, who runs a hardware shop, said trade had halved.\n\n"
        "“That trade has gone,” Mr Raval said."
    )
    assert said(article) == [("That trade has gone", "Deepak Raval")]


def test_a_surname_resolves_to_a_known_speaker():
    shyriaiev = KnownSpeaker(3, "Oleh Shyriaiev", role="Ukrainian army commander")
    quote = only("Shyriaiev said: “We are working, fighting.”", (shyriaiev,))
    assert (quote.speaker.id, quote.speaker.name) == (3, "Oleh Shyriaiev")


def test_an_alias_resolves_to_a_known_speaker():
    quote = only("Vlad told state media: “A ceasefire is possible.”", (PUTIN,))
    assert (quote.speaker.id, quote.speaker_mention, quote.cue) == (7, "Vlad", "told state media")


def test_the_president_resolves_to_the_latest_president_named():
    article = (
        "The president of Moravia, Daria Kovac, met Emil Rusnak, a banker, on Tuesday.\n\n"
        "“Do I want a deal? Of course I want a deal,” the president said."
    )
    assert said(article) == [("Do I want a deal? Of course I want a deal", "Daria Kovac")]


def test_the_president_resolves_through_the_speaker_table():
    zelensky = KnownSpeaker(4, "Volodymyr Zelensky", role="President of Ukraine")
    article = "Russian forces advanced overnight. “We will hold the line,” the Ukrainian president said."
    quote = only(article, (PUTIN, zelensky))
    assert (quote.speaker.id, quote.speaker_mention) == (4, "the Ukrainian president")


def test_an_organisation_speaks():
    quote = only(
        "Vlad met volunteers, the Kremlin said, adding: “The payments will continue.”", (PUTIN, KREMLIN)
    )
    assert (quote.speaker.id, quote.speaker.name) == (9, "Kremlin")
    fresh = only("The European Commission said it was “following developments closely”.")
    assert fresh.speaker == ProposedSpeaker(None, "European Commission", None)


def test_a_spokesperson_speaks_for_their_organisation():
    article = (
        "Talks with the Northvale Health Board broke down.\n\n"
        "A spokesman for the health board said talks could resume ‘as early as Friday’."
    )
    assert said(article) == [("as early as Friday", "Northvale Health Board")]


def test_the_company_is_the_organisation_named_before():
    article = (
        "Tarrant Resources will cut 600 jobs, blaming copper prices.\n\n"
        "The company said its terms would be “above the industry standard”."
    )
    assert said(article) == [("above the industry standard", "Tarrant Resources")]


# Partial and scare quotes -------------------------------------------------------------------------


def test_a_partial_quote_is_attributed_to_the_subject_of_its_sentence():
    article = "At the end of April, Putin declared that the area had been fully “liberated”."
    quote = only(article, (PUTIN,))
    assert (quote.text, quote.kind, quote.speaker.id, quote.cue) == ("liberated", "partial", 7, "declared")


def test_a_partial_quote_after_a_passive_cue_goes_to_the_agent():
    article = "Trump had a call with him on Monday, described by Putin as “frank and very useful”."
    quote = only(article, (PUTIN,))
    assert (quote.speaker.id, quote.cue) == (7, "described by")


def test_a_second_verb_shares_its_subject():
    article = "His officials made unrealistic demands – and even threatened Ukraine with an “eternal war”."
    delegation = KnownSpeaker(
        11, "Russian negotiating delegation", "organisation", aliases=("His officials",)
    )
    quote = only(article, (delegation,))
    assert (quote.speaker.id, quote.cue) == (11, "threatened")


def test_what_someone_called_goes_to_that_someone():
    article = (
        "The union warned of strikes unless the board makes what Mr Bellweather called ‘a serious offer’."
    )
    quote = only(article)
    assert (quote.speaker.name, quote.cue) == ("Bellweather", "called")


def test_a_scare_quote_with_no_speaker_is_flagged_unattributed():
    quote = only("The so-called “ridge compromise” was dropped in January.")
    assert (quote.text, quote.kind, quote.speaker, quote.speaker_mention) == (
        "ridge compromise",
        "partial",
        None,
        None,
    )
    assert quote.confidence <= 0.5


def test_a_quoted_title_or_slogan_is_partial_even_at_the_start_of_a_sentence():
    assert [(q.text, q.kind) for q in extract_quotes("“Finch out” banners appeared at the ground.")] == [
        ("Finch out", "partial")
    ]


# What is not a quote ------------------------------------------------------------------------------


def test_headlines_are_not_read_for_quotes():
    article = (
        "‘WE ARE EXHAUSTED’: NURSES WALK OUT AS TALKS COLLAPSE\n\n"
        "Putin Says Kursk Is ‘Liberated’ As Ukraine Fights On?\n\n"
        "Nurses began a strike this morning."
    )
    assert extract_quotes(article) == []


def test_a_lone_sentence_without_a_full_stop_is_still_read():
    assert said("Vlad told state media “a ceasefire is possible”", (PUTIN,)) == [
        ("a ceasefire is possible", "Vladimir Putin")
    ]


def test_photo_captions_are_not_read_for_quotes():
    article = (
        "ReutersMayor Ilona Varga: “We have added 40 routes”[/caption]\n\n"
        "Mayor Ruth Okonjo speaks. “We acted on it,” she said. Photograph: Lena Marsh/Harbour Post\n\n"
        "Nurses on the picket. ‘Our members are not greedy,’ says Bellweather (Picture: Kim Osei/Echo)\n\n"
        "Photo: Keystone / The station, where operators say « we cannot take the risk »\n\n"
        "The council met on Monday."
    )
    assert extract_quotes(article) == []


def test_quotes_come_back_in_article_order_with_confidences_between_0_and_1():
    article = (
        "Putin said: “One.”\n\n“Two,” he added.\n\nThe so-called “three” was dropped.\n\n"
        "Vlad told state media: “Four.”"
    )
    quotes = extract_quotes(article, speakers=(PUTIN,))
    assert [q.text for q in quotes] == ["One.", "Two", "three", "Four."]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    assert all(0.0 <= q.confidence <= 1.0 for q in quotes)


# Questions and attributions the text names but cannot resolve ---------------------------------------


def test_a_question_closed_by_its_mark_is_still_attributed_to_the_asker_named_after_it():
    article = "Helen Tarrow said she would fight.\n\n“Will you commit to it?” Joanna Strand asked her. “Yes.”"
    assert said(article)[0] == ("Will you commit to it?", "Joanna Strand")


def test_an_exclamation_closed_by_its_mark_is_attributed_to_the_name_after_it():
    assert said("“Get out of my shop!” Callum Munro shouted.") == [("Get out of my shop!", "Callum Munro")]


def test_a_family_word_no_one_was_introduced_as_does_not_take_the_last_speaker():
    article = "Connor Whelan said Liam had been happy.\n\n“He was lovely,” his mother said."
    quote = extract_quotes(article)[0]
    assert (quote.speaker, quote.speaker_mention) == (None, "his mother")


def test_a_participle_after_an_addressee_belongs_to_the_clauses_subject():
    article = (
        "Judge Peter Marsh heard the case.\n\n"
        "Rachel Tolley wrote a letter to the judge describing her father as “a broken man”."
    )
    assert said(article) == [("a broken man", "Rachel Tolley")]
