"""URL canonicalisation: the same document reached through different links must be one Source."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.provisional import urls

from sources.canonical import InvalidURL, canonicalise_url


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        # tracking parameters go, the rest stay (sorted by name)
        ("https://example.com/story?utm_source=tw&utm_medium=social&id=7", "https://example.com/story?id=7"),
        ("https://example.com/a?fbclid=IwAR0x&gclid=abc&MSCLKID=1", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1&a=0", "https://example.com/a?a=1&a=0&b=2"),
        ("https://example.com/a?mc_cid=1&mc_eid=2&igshid=3&_ga=4&ref_src=twsrc", "https://example.com/a"),
        ("https://example.com/watch?v=abc&t=42", "https://example.com/watch?t=42&v=abc"),
        # case: scheme and host only; the path is case-sensitive
        ("HTTPS://WWW.Example.COM/News/Story", "https://www.example.com/News/Story"),
        # fragments
        ("https://example.com/live#update-12", "https://example.com/live"),
        ("https://example.com/live?x=1#", "https://example.com/live?x=1"),
        # ports
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("http://example.com:443/a", "http://example.com:443/a"),
        # internationalised domain names, in either spelling
        ("https://bücher.de/katalog", "https://xn--bcher-kva.de/katalog"),
        ("https://XN--BCHER-KVA.de/katalog", "https://xn--bcher-kva.de/katalog"),
        (
            "https://пример.рф/новости",
            "https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8",
        ),
        # paths: empty, dot segments, escapes, trailing slash kept as published
        ("https://example.com", "https://example.com/"),
        ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        ("https://example.com/%7Euser/%2fsecret", "https://example.com/~user/%2Fsecret"),
        ("https://example.com/caf%c3%a9", "https://example.com/caf%C3%A9"),
        ("https://example.com/café", "https://example.com/caf%C3%A9"),
        ("https://example.com/100%", "https://example.com/100%25"),
        ("https://example.com/news/", "https://example.com/news/"),
        ("https://example.com/news", "https://example.com/news"),
        # whitespace around a pasted link, trailing dot on the host
        ("  https://example.com./a \n", "https://example.com/a"),
        ("https://example.com/a?q=two words", "https://example.com/a?q=two%20words"),
        ("http://[2001:DB8::1]:80/x", "http://[2001:db8::1]/x"),
    ],
)
def test_canonical_form(url: str, canonical: str) -> None:
    assert canonicalise_url(url) == canonical


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "Enter a URL."),
        ("ftp://example.com/file", "Only http:// and https://"),
        ("javascript:alert(1)", "Only http:// and https://"),
        ("https://", "no host name"),
        ("https://user:pass@example.com/", "user name or password"),
        ("https://example.com:99999/", "not a valid URL"),
        ("https://exa mple.com/", "not a valid host name"),
        ("https://example.com/\x00", "control characters"),
        ("https://" + "a" * 70 + ".com/", "not a valid host name"),
        ("https://ü" + "a" * 70 + ".com/", "not a valid internationalised host name"),
        ("https://example.com/" + "a" * 2100, "longer than 2048"),
    ],
)
def test_refused_with_a_reason(url: str, reason: str) -> None:
    with pytest.raises(InvalidURL, match=reason):
        canonicalise_url(url)


@given(urls())
def test_canonical_form_is_stable(url: str) -> None:
    """Canonicalising twice changes nothing, and the result is always a plain http(s) URL."""
    try:
        once = canonicalise_url(url)
    except InvalidURL:
        return
    assert canonicalise_url(once) == once
    assert once.startswith(("http://", "https://"))
    assert "#" not in once
    assert once.isascii()


@given(st.text(max_size=300))
def test_any_text_is_canonicalised_or_refused_with_a_reason(text: str) -> None:
    try:
        canonical = canonicalise_url(text)
    except InvalidURL as exc:
        reason = str(exc)
        assert reason.endswith(".")
        assert len(reason) > 10
        return
    assert canonicalise_url(canonical) == canonical
