"""Canonical form of a document's URL, so the same article reached through different links is one Source.

Rules (each one is a case in tests/test_canonical_url.py):
- only http and https; a host is required; user names and passwords in URLs are refused;
- scheme and host lower-cased; internationalised host names stored in their ASCII (punycode) form, IDNA
  2008 with UTS #46 mapping; a trailing dot on the host dropped; the default port (80, 443) dropped;
- the fragment (#...) dropped: it never selects a different document;
- tracking parameters (utm_*, fbclid, gclid and the others in TRACKING_PARAMETERS) removed; the remaining
  query parameters sorted by name (stable, so repeated names keep their order) and re-encoded;
- the path: dot segments resolved, percent-escapes normalised (unreserved characters decoded, the rest
  upper-case hex, non-ASCII characters UTF-8 encoded), an empty path becomes "/".
- Trailing slashes are kept as published: "/a" and "/a/" are different URLs, some servers serve
  different documents for them, and merging two documents is worse than keeping two rows.

Pure Python, no Django import: the models, services and extraction all use it.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import idna

TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "ttclid",
        "li_fat_id",
        "mc_cid",
        "mc_eid",
        "igshid",
        "igsh",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "ref_src",
        "ref_url",
        "cmpid",
        "ocid",
        "smid",
        "smtyp",
        "at_medium",
        "at_campaign",
        "oly_enc_id",
        "oly_anon_id",
        "vero_id",
        "mkt_tok",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "hsa_")
DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_LENGTH = 2048

# RFC 3986 unreserved characters never need escaping; "/" and the sub-delimiters stay as written in a path.
_PATH_SAFE = "/-._~!$&'()*+,;=:@"
_PERCENT_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
# One DNS label: 1 to 63 letters, digits, hyphens (and underscores, which some real hosts use).
_HOST_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_\-]{0,61}[A-Za-z0-9_])?")


class InvalidURL(ValueError):
    """A URL that cannot name a document we can cite; the message says why, for the reporter."""


def is_tracking_parameter(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMETERS or lowered.startswith(TRACKING_PREFIXES)


def canonicalise_url(url: str) -> str:
    """The canonical form of `url` (see the module docstring), or InvalidURL saying what is wrong."""
    url = url.strip()
    if not url:
        raise InvalidURL("Enter a URL.")
    if any(ord(ch) < 0x20 or ch == "\x7f" for ch in url):
        raise InvalidURL("The URL contains control characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidURL(f"This is not a valid URL ({exc}).") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise InvalidURL("Only http:// and https:// URLs can be cited.")
    if parts.username is not None or parts.password is not None:
        raise InvalidURL("URLs with a user name or password in them are not accepted.")
    host = _canonical_host(parts.hostname or "")
    netloc = host if port is None or port == DEFAULT_PORTS[scheme] else f"{host}:{port}"
    path = _canonical_path(parts.path)
    query = _canonical_query(parts.query)
    canonical = urlunsplit((scheme, netloc, path, query, ""))
    if len(canonical) > MAX_LENGTH:
        raise InvalidURL(f"The URL is longer than {MAX_LENGTH} characters.")
    return canonical


def _canonical_host(host: str) -> str:
    host = host.rstrip(".")
    if not host:
        raise InvalidURL("The URL has no host name.")
    if ":" in host:  # an IPv6 literal; urlsplit has already removed the brackets
        return f"[{host.lower()}]"
    if host.isascii() and not host.lower().startswith("xn--") and ".xn--" not in host.lower():
        labels = host.split(".")
        if len(host) > 253 or not all(_HOST_LABEL.fullmatch(label) for label in labels):
            raise InvalidURL(f"{host!r} is not a valid host name.")
        return host.lower()
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise InvalidURL(f"{host!r} is not a valid internationalised host name ({exc}).") from None


def _normalise_escapes(segment: str, safe: str) -> str:
    # Decode everything, then encode what must be encoded: unreserved characters end up literal and every
    # remaining escape upper-case. Encoded slashes and sub-delimiters keep their escape, since decoding
    # them could change how the server splits the path or the query.
    pieces = []
    last = 0
    for match in _PERCENT_ESCAPE.finditer(segment):
        pieces.append(quote(segment[last : match.start()], safe=safe))
        char = chr(int(match.group()[1:], 16))
        if (char.isalnum() and char.isascii()) or char in "-._~":
            pieces.append(char)
        else:
            pieces.append(match.group().upper())
        last = match.end()
    pieces.append(quote(segment[last:], safe=safe))
    return "".join(pieces)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, on a path that starts with "/"."""
    output: list[str] = []
    segments = path.split("/")[1:]
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
        elif segment == "..":
            if output:
                output.pop()
            if last:
                output.append("")
        else:
            output.append(segment)
    return "/" + "/".join(output)


def _canonical_path(path: str) -> str:
    if not path:
        return "/"
    if not path.startswith("/"):
        path = "/" + path
    return _normalise_escapes(_remove_dot_segments(path), safe=_PATH_SAFE)


def _canonical_query(query: str) -> str:
    if not query:
        return ""
    pairs = [
        (name, value)
        for name, value in parse_qsl(query, keep_blank_values=True)
        if not is_tracking_parameter(name)
    ]
    pairs.sort(key=lambda pair: pair[0])
    return urlencode(pairs, quote_via=quote, safe="-._~!$'()*,;:@/")
