"""Which marks open and close quotations: every quoting convention the extractor reads."""

from __future__ import annotations

from claims.extraction import CandidateQuote, extract_quotes


def texts(article: str) -> list[str]:
    return [q.text for q in extract_quotes(article)]


def only(article: str) -> CandidateQuote:
    quotes = extract_quotes(article)
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_curly_double_quotes_give_the_words_inside_and_their_offsets():
    article = "The minister said: “We will build the bridge.”"
    quote = only(article)
    assert quote.text == "We will build the bridge."
    assert article[quote.start : quote.end] == quote.text
    assert quote.parts == ((quote.start, quote.end),)


def test_straight_double_quotes():
    assert texts('The minister said: "We will build the bridge."') == ["We will build the bridge."]


def test_curly_single_quotes_leave_apostrophes_alone():
    article = (
        "Marion Teague, who has nursed since the ’90s, said: ‘I’ve given this place years. "
        "The nurses’ room hasn’t had heating since November.’"
    )
    assert texts(article) == [
        "I’ve given this place years. The nurses’ room hasn’t had heating since November."
    ]


def test_straight_single_quotes_leave_apostrophes_alone():
    article = "Finch wrote: 'It's been the privilege of my career, and the fans' support meant everything.'"
    assert texts(article) == ["It's been the privilege of my career, and the fans' support meant everything."]


def test_a_scare_quote_ending_in_s_closes_before_a_function_word():
    article = "Supporters called the players ‘mercenaries’ and left early."
    assert texts(article) == ["mercenaries"]


def test_french_guillemets_with_inner_spaces():
    article = "« Nous ne prendrons pas le risque », said Laurent Chappuis, the director."
    assert texts(article) == ["Nous ne prendrons pas le risque"]


def test_german_low_high_quotes_and_reversed_guillemets():
    assert texts("Marek said: „We will deliver both.“") == ["We will deliver both."]
    assert texts("Marek said: »We will deliver both.«") == ["We will deliver both."]


def test_nested_quotes_stay_inside_their_outer_quote():
    article = "Bellweather said: “When she says ‘responsibly’, she means agency staff.”"
    assert texts(article) == ["When she says ‘responsibly’, she means agency staff."]
    german = "Brandstätter said: „Nobody said ‚we are still deciding‘ to us.“"
    assert texts(german) == ["Nobody said ‚we are still deciding‘ to us."]


def test_a_quote_running_on_into_the_next_paragraph_is_one_quote_in_parts():
    article = (
        "Trump posted to Truth Social: “I believe it went very well.\n\n"
        "“The Vatican has stated it would be very interested.”\n\n"
        "Zelensky and Trump spoke beforehand."
    )
    quote = only(article)
    assert quote.text == "I believe it went very well. The Vatican has stated it would be very interested."
    assert [article[s:e] for s, e in quote.parts] == [
        "I believe it went very well.",
        "The Vatican has stated it would be very interested.",
    ]
    assert (quote.start, quote.end) == (quote.parts[0][0], quote.parts[-1][1])
    assert quote.kind == "direct"


def test_a_quote_runs_on_over_three_paragraphs():
    article = "Holm said: “We will borrow.\n\n“My opponent calls this a fantasy.\n\n“I call it arithmetic.”"
    quote = only(article)
    assert quote.text == "We will borrow. My opponent calls this a fantasy. I call it arithmetic."
    assert len(quote.parts) == 3


def test_an_unclosed_quote_not_taken_up_by_the_next_paragraph_is_dropped():
    article = "Putin said: “The adventure has failed.\n\nThe next paragraph is the reporter’s."
    assert extract_quotes(article) == []


def test_the_comma_handing_over_to_the_attribution_is_not_part_of_the_quote():
    assert texts("“We are not asking for charity,” she said.") == ["We are not asking for charity"]


def test_a_partial_quote_loses_the_full_stop_american_style_puts_inside():
    quote = only("Putin declared the region fully “liberated.”")
    assert (quote.text, quote.kind) == ("liberated", "partial")


def test_one_line_per_paragraph_when_the_article_has_no_blank_lines():
    article = "Trump posted: “It went well.\n“Talks start now.”\nShares rose."
    assert texts(article) == ["It went well. Talks start now."]


def test_empty_quotes_and_empty_text_give_nothing():
    assert extract_quotes("") == []
    assert extract_quotes("   \n\n  ") == []
    assert extract_quotes("He said “” and left.") == []
