"""Fetching a CASE package from a CASE server, with a timeout, a size limit and public hosts only.

`fetch_url` is the one function that touches the network; tests replace it.
"""

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from typing import BinaryIO

from django.utils.translation import gettext as _

from .validate import CaseError

TIMEOUT_SECONDS = 20


def package_url(url: str) -> str:
    """A CASE server's document URL is turned into its package URL: the package has the items."""
    return url.replace("/CFDocuments/", "/CFPackages/", 1)


def _refuse_private_host(url: str) -> None:
    """The server fetches what a manager names: not its own loopback or the private network behind it."""
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        raise CaseError([_("The server %(host)s could not be found.") % {"host": host}]) from None
    for address in addresses:
        ip = ipaddress.ip_address(str(address).split("%")[0])
        if not ip.is_global:
            raise CaseError([_("The server %(host)s is not on the public internet.") % {"host": host}])


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        _refuse_private_host(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch_url(url: str, max_bytes: int) -> bytes:
    _refuse_private_host(url)
    opener = urllib.request.build_opener(_CheckedRedirects)
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked in fetch_package
        url, headers={"Accept": "application/json", "User-Agent": "Hevruta CASE importer"}
    )
    with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
        return read_limited(response, max_bytes)


def read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    """At most one byte past the limit is read: a huge answer is refused without being held whole."""
    content = stream.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise CaseError([_("The package at this address is larger than %(limit)s MB.") % {"limit": max_bytes / 10**6}])
    return content


def fetch_package(url: str, max_bytes: int) -> bytes:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise CaseError([_("Only http and https addresses can be fetched.")])
    try:
        return fetch_url(package_url(url), max_bytes)
    except urllib.error.HTTPError as error:
        raise CaseError([_("The CASE server answered %(status)s.") % {"status": error.code}]) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise CaseError([_("The CASE server could not be reached: %(reason)s.") % {"reason": reason}]) from None
