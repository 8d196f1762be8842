"""Certificate serials: unguessable yet easy to type, e.g. YUVA-7K3M-Q9PX.

Eight characters from a 30-letter alphabet without look-alikes (no 0/O, 1/I/L, U)
give 30**8 ≈ 6.6 × 10¹¹ serials, drawn with `secrets`; with the verification page
rate-limited, guessing a valid one is hopeless."""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "YUVA"
SERIAL_RE = re.compile(rf"^{PREFIX}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")


def serial_new():
    body = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{PREFIX}-{body[:4]}-{body[4:]}"


def serial_normalise(text):
    """What a person typed → the canonical serial, or None if it cannot be one.
    Accepts lower case, spaces and missing dashes: 'yuva 7k3m q9px' → 'YUVA-7K3M-Q9PX'."""
    compact = re.sub(r"[\s\-_]", "", (text or "").upper())
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX):]
    if len(compact) != 8 or any(ch not in ALPHABET for ch in compact):
        return None
    return f"{PREFIX}-{compact[:4]}-{compact[4:]}"
