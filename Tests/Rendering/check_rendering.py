"""Renders a recommendation sheet with headless Chromium and checks it as a reader would see it.

Usage: check_rendering.py SHEET.html SHEET.pdf CHROMIUM HEADING [HEADING ...]

- the PDF (printed by `smartspec recommend --format pdf`) has A4 pages and every section heading;
- a PNG screenshot of the page shows the charts (enough saturated colour pixels: the charts are
  the only coloured parts of a sheet);
- laid out at the printable width of A4 (210 mm less 2 x 12 mm margins = 703 px), nothing is wider
  than the page (document scroll width <= client width), measured in Chromium by a harness page.
Prints "OK" when all hold.
"""
import os
import re
import struct
import subprocess
import sys
import tempfile
import zlib


def png_pixels(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB/RGBA PNG, decoded with zlib only."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, chunks, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), f"unsupported PNG colour type {colour}"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            chunks += body
        pos += 12 + length
    raw = zlib.decompress(chunks)
    stride = width * channels
    rows, previous, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = previous[x], previous[x - channels] if x >= channels else 0
            if kind == 1: line[x] = (line[x] + a) & 255
            elif kind == 2: line[x] = (line[x] + b) & 255
            elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows


def main():
    html, pdf, chromium, headings = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    problems = []
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    if not size or abs(float(size.group(1)) - 595.3) > 2 or abs(float(size.group(2)) - 841.9) > 2:
        problems.append(f"the PDF pages are not A4: {size.group(0) if size else info}")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    for heading in headings:
        if heading not in flat:
            problems.append(f"the PDF lacks the heading {heading!r}")
    with tempfile.TemporaryDirectory() as folder:
        common = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={folder}/profile"]
        png = os.path.join(folder, "page.png")
        subprocess.run(common + ["--window-size=794,6000", f"--screenshot={png}", "file://" + os.path.abspath(html)],
                       capture_output=True, check=True)
        width, height, channels, rows = png_pixels(png)
        coloured = sum(1 for row in rows for x in range(0, width * channels, channels)
                       if max(row[x:x + 3]) - min(row[x:x + 3]) > 80)
        if coloured < 2000:
            problems.append(f"the screenshot shows almost no chart colour ({coloured} pixels): are the charts drawn?")
        harness = os.path.join(os.path.dirname(os.path.abspath(html)), "overflow-harness.html")
        with open(harness, "w") as f:
            f.write('<html><body><iframe id="f" style="width:703px;height:900px;border:0" src="%s"></iframe><script>'
                    'document.getElementById("f").onload=function(){var d=this.contentDocument.documentElement;'
                    'document.body.setAttribute("data-widths", d.scrollWidth + "/" + d.clientWidth);};</script></body></html>'
                    % os.path.basename(html))
        dom = subprocess.run(common + ["--allow-file-access-from-files", "--virtual-time-budget=10000", "--dump-dom", "file://" + harness],
                             capture_output=True, text=True, check=True).stdout
        os.remove(harness)
        widths = re.search(r'data-widths="(\d+)/(\d+)"', dom)
        if not widths:
            problems.append("the layout could not be measured")
        elif int(widths.group(1)) > int(widths.group(2)):
            problems.append(f"the page is wider than A4's printable width: {widths.group(1)} px > {widths.group(2)} px")
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print(f"OK: A4 PDF with {len(headings)} headings, {coloured} chart pixels, width {widths.group(1)}/{widths.group(2)} px")


if __name__ == "__main__":
    main()
