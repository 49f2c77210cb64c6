"""Google Image Charts URLs through a real nginx + spawn-fcgi + plotgate worker.

Old `chart.apis.google.com/chart?cht=...` URLs should work by changing the host: copied from
HTML (`&amp;`), with raw `|`, `?&`, spaces as `+` or `%20`. Every answer is checked as a
browser's <img> would see it: a PNG of the `chs` size, or an error image of that size.
"""

from __future__ import annotations

import pytest

from .conftest import assert_error_image, assert_png, decode_png

# (query as it appears in old pages, the chs size)
TOLERANT = [
    ("cht=bvg&chs=300x150&chd=t:10,50,60,80,40|50,60,100,40,20&chco=4d89f9,c6d9fd&chbh=a&chxt=x,y", (300, 150)),
    ("cht=p3&amp;chs=250x100&amp;chd=t:60,40&amp;chl=Hello|World", (250, 100)),
    ("?&cht=lc&&chs=200x125&chd=t:+10,+20,+30|5,%2015,25&chdl=Ponies|Unicorns", (200, 125)),
    ("CHT=ls&Chs=200x60&chd=s:cEAELFJHHHKUju9uuXUc&utm_source=newsletter&_=1712", (200, 60)),
    ("cht=lc&chs=300x150&chd=t:1,2,3&chtt=Q3+sales%7CEurope&chxt=x&chxl=0:|Jan|Feb|Mar", (300, 150)),
    ("cht=gom&chs=150x150&chd=t:70&chl=Hello", (150, 150)),
    ("cht=r&chs=200x125&chd=t:81,65,50,67,59,81|77,67,10,79,65,77&chxt=x&chxl=0:|a|b|c|d|e", (200, 125)),
    ("cht=v&chs=300x150&chd=t:100,80,60,30,30,30,10&chdl=A|B|C", (300, 150)),
    ("cht=qr&chs=150x150&chl=Hello+world&chld=M|2&choe=UTF-8", (150, 150)),
]


@pytest.mark.parametrize("query,size", TOLERANT, ids=[q.lstrip("?&").split("&")[0].lower() for q, _ in TOLERANT])
def test_tolerant_urls_draw_pngs_of_the_chs_size(stack, query, size):
    for path in ("/chart", "/chart.png"):
        r = stack.get(f"{path}?{query}")
        assert r.status == 200, r
        assert_png(r, size)
        assert r.header("ETag"), r
        assert r.header("Cache-Control") == "public, max-age=86400", r


def test_qr_code_modules_are_crisp(stack):
    r = stack.get("/chart?cht=qr&chs=150x150&chl=Hello+world")
    image = assert_png(r, (150, 150)).convert("L")
    # Only black and white: no antialiased grey at module edges.
    assert set(image.getdata()) <= {0, 255}
    # The top-left finder pattern: a dark 7x7 ring starting after the 4-module quiet zone.
    # 150 px / 29 modules -> 5 px per module, 145 px centred (origin 2 or 3 px).
    dark = [x for x in range(40) if image.getpixel((x, 40)) == 0]
    assert dark and dark[0] in (22, 23), dark[:3]


def test_svg_and_pdf_via_chof(stack):
    svg = stack.get("/chart?cht=rs&chs=200x125&chd=t:1,2,3,4,1&chof=svg")
    assert svg.status == 200 and svg.header("Content-Type") == "image/svg+xml", svg
    pdf = stack.get("/chart?cht=v&chs=200x125&chd=t:100,80,0,30&chof=pdf")
    assert pdf.status == 200 and pdf.body.startswith(b"%PDF-"), pdf


def test_validate_lists_the_problems(stack):
    clean = stack.get("/chart?cht=lc&chs=300x150&chd=t:1,2&chof=validate")
    assert clean.status == 200, clean
    assert clean.header("Content-Type") == "text/plain; charset=utf-8"
    assert clean.header("Cache-Control") == "no-store"
    assert clean.body == b"no problems found\n"

    messy = stack.get("/chart?cht=lc&amp;chs=300x150&chd=t:1&foo=1&chs=200x100&chco=red&chof=validate")
    assert messy.status == 200, messy
    lines = messy.body.decode().splitlines()
    assert lines == [
        'The parameter "foo" is not part of the Google chart API; ignored.',
        "The parameter chs is given more than once; the last one is used.",
        'chco: "red" is not a colour; use hex RRGGBB or RRGGBBAA, e.g. FF9900.',
    ]

    as_json = stack.get("/chart?cht=map&chs=300x150&chof=validate", headers={"Accept": "application/json"})
    assert as_json.status == 200 and as_json.header("Content-Type") == "application/json", as_json
    assert as_json.json() == {"problems": [
        "cht=map: maps are not supported by plotgate; see docs/GOOGLE.md for the chart types it draws."]}


# (query, status, X-Plotgate-Error, error image size)
BAD = [
    ("cht=lc&chs=300x150&chd=t:1,x", 400, "invalid_value", (300, 150)),
    ("cht=tx&chs=200x125&chl=x^2", 400, "unsupported_chart_type", (200, 125)),
    ("cht=bogus&chs=200x125&chd=t:1", 400, "invalid_value", (200, 125)),
    ("cht=lc&chs=300x150", 400, "missing_parameter", (300, 150)),
    ("cht=qr&chs=150x150&chld=Z", 400, "missing_parameter", (150, 150)),
    ("cht=qr&chs=150x150&chl=x&chld=Z", 400, "invalid_value", (150, 150)),
    ("cht=lc&chs=2000x100&chd=t:1", 400, "out_of_range", (300, 150)),
    ("cht=lc&chs=1000x1000&chd=t:1", 413, "image_too_large", (300, 150)),
]


@pytest.mark.parametrize("query,status,code,size", BAD, ids=[b[2] + "-" + b[0][4:10] for b in BAD])
def test_bad_urls_get_error_images_of_the_chs_size(stack, query, status, code, size):
    r = stack.get(f"/chart?{query}")
    assert_error_image(r, status, code)
    assert decode_png(r.body).size == size
    j = stack.get(f"/chart?{query}", headers={"Accept": "application/json"})
    assert j.status == status and j.json()["error"]["code"] == code, j


def test_error_image_in_the_format_chof_asks_for(stack):
    r = stack.get("/chart?cht=lc&chs=200x125&chd=t:x&chof=svg")
    assert_error_image(r, 400, "invalid_value", mime="image/svg+xml")


def test_revalidation_and_spellings(stack):
    url = "/chart?cht=bvg&chs=300x150&chd=t:10,50|20,30&chdl=a|b"
    first = stack.get(url)
    assert first.status == 200, first
    etag = first.header("ETag")
    same = stack.get(url, headers={"If-None-Match": etag})
    assert same.status == 304 and same.body == b"" and same.header("ETag") == etag, same
    # Other spellings of the same chart revalidate with the first one's tag.
    for other in ("/chart.png?cht=bvg&amp;chs=300x150&amp;chd=t:10,50|20,30&amp;chdl=a|b",
                  "/chart?chdl=a%7Cb&chd=t:+10,+50+|+20,+30&CHS=300x150&cht=bvg&_=99"):
        r = stack.get(other, headers={"If-None-Match": etag})
        assert r.status == 304, (other, r)
        assert r.header("ETag")[:17] == etag[:17]
    changed = stack.get("/chart?cht=bvg&chs=300x150&chd=t:10,51|20,30&chdl=a|b", headers={"If-None-Match": etag})
    assert changed.status == 200, changed
    # Validation reports are never cached or revalidated.
    v = stack.get(url + "&chof=validate", headers={"If-None-Match": etag})
    assert v.status == 200 and v.header("ETag") is None, v
