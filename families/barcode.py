"""An EAN-13 barcode drawn as SVG from the standard's encoding tables (GS1 General
Specifications 5.2.2): a left guard, six digits in sets A/B chosen by the first digit,
a centre guard, six digits in set C, a right guard. Tested by decoding with zbar."""

from django.utils.html import escape

from families.gtin import ean13_is_valid

SET_A = ("0001101", "0011001", "0010011", "0111101", "0100011",
         "0110001", "0101111", "0111011", "0110111", "0001011")
SET_C = tuple("".join("1" if b == "0" else "0" for b in code) for code in SET_A)
SET_B = tuple(code[::-1] for code in SET_C)
PARITY = ("AAAAAA", "AABABB", "AABBAB", "AABBBA", "ABAABB",
          "ABBAAB", "ABBBAA", "ABABAB", "ABABBA", "ABBABA")
QUIET_LEFT, QUIET_RIGHT = 11, 7


def ean13_modules(code):
    """The 95 modules of `code` as a string of 1 (bar) and 0 (space)."""
    if not ean13_is_valid(code):
        raise ValueError(f"not a valid EAN-13: {code!r}")
    digits = [int(d) for d in code]
    left = "".join((SET_A if parity == "A" else SET_B)[d]
                   for parity, d in zip(PARITY[digits[0]], digits[1:7], strict=True))
    right = "".join(SET_C[d] for d in digits[7:])
    return "101" + left + "01010" + right + "101"


def _guard_positions():
    return set(range(3)) | set(range(45, 50)) | set(range(92, 95))


def ean13_svg(code, *, module_mm=0.33, height_mm=18.0):
    """An SVG drawing of the barcode with its quiet zones and the digits beneath."""
    modules = ean13_modules(code)
    guards = _guard_positions()
    width = QUIET_LEFT + len(modules) + QUIET_RIGHT
    bar_h, guard_h, text_y, total_h = 60, 65, 72, 74
    rects = []
    i = 0
    while i < len(modules):
        if modules[i] == "1":
            j = i
            while j < len(modules) and modules[j] == "1":
                j += 1
            h = guard_h if i in guards else bar_h
            rects.append(f'<rect x="{QUIET_LEFT + i}" y="0" width="{j - i}" height="{h}"/>')
            i = j
        else:
            i += 1
    text = (f'<text x="{QUIET_LEFT - 2}" y="{text_y}" text-anchor="end">{code[0]}</text>'
            f'<text x="{QUIET_LEFT + 24}" y="{text_y}" text-anchor="middle" '
            f'letter-spacing="1.2">{escape(code[1:7])}</text>'
            f'<text x="{QUIET_LEFT + 70}" y="{text_y}" text-anchor="middle" '
            f'letter-spacing="1.2">{escape(code[7:])}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="ean13" '
            f'width="{width * module_mm:.2f}mm" '
            f'height="{height_mm * total_h / bar_h:.2f}mm" viewBox="0 0 {width} {total_h}" '
            f'preserveAspectRatio="none" shape-rendering="crispEdges" role="img" '
            f'aria-label="EAN-13 {code}">'
            f'<rect x="0" y="0" width="{width}" height="{total_h}" fill="#fff"/>'
            f'<g fill="#000">{"".join(rects)}</g>'
            f'<g font-family="DejaVu Sans Mono, monospace" font-size="8" fill="#000">'
            f'{text}</g></svg>')
