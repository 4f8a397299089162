"""The client's address, as evidence and for throttles: the peer the server sees, or, only when that peer is a
proxy the operator named in ``TRUSTED_PROXIES``, the address the proxies say they received the request from.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only as far as the chain of
trusted proxies goes: from the right, every address a trusted proxy appended is skipped, and the first one
that is not a trusted proxy is the client. A client talking to the server directly cannot move its address.
"""

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.conf import settings
from ipware import get_client_ip
from python_ipware.modern.parsers import split_proxy_chain

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
FORWARDED_HEADER = "HTTP_X_FORWARDED_FOR"


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def trusted_networks() -> tuple[Network, ...]:
    """The proxies of ``TRUSTED_PROXIES`` (addresses or CIDR ranges) as networks."""
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def _is_trusted(address: Any, networks: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(str(address))
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip.version == net.version and ip in net for net in networks)


def client_ip(request: Any) -> str | None:
    """The client's address: the peer's, unless the peer is a trusted proxy (then the forwarded one)."""
    meta = getattr(request, "META", None) or {}
    peer = meta.get("REMOTE_ADDR") or None
    networks = trusted_networks()
    if not networks or not _is_trusted(peer, networks):
        return peer
    chain = split_proxy_chain(meta.get(FORWARDED_HEADER, "")) or []
    if not chain:
        return peer
    # Hops our own proxies appended (a proxy behind a proxy) are skipped; the first other one is the client.
    proxies = 0
    while proxies < len(chain) - 1 and _is_trusted(chain[-1 - proxies], networks):
        proxies += 1
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies,
        request_header_order=[FORWARDED_HEADER],
        strict=False,
    )
    return address or peer
