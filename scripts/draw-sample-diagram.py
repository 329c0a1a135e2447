#!/usr/bin/env python3
# Draws kiji's reading pipeline as a small PNG: the diagram of the sample article
# articles/20261202/terminal-pictures. Needs Pillow (`pip install pillow`) and the DejaVu fonts.
# Usage: scripts/draw-sample-diagram.py [OUT.png]
import sys

from PIL import Image, ImageDraw, ImageFont

W, H = 782, 230
img = Image.new("RGB", (W, H), (250, 248, 242))
d = ImageDraw.Draw(img)
bold = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 19)
small = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 14)
boxes = [
    ("Markdown", ["files on disk", "front matter"], (66, 135, 190)),
    ("Index", ["cache first,", "then the walk"], (74, 160, 110)),
    ("Layout", ["width, kinsoku,", "pictures"], (214, 140, 50)),
    ("Panes", ["list, article,", "mascot"], (170, 80, 150)),
]
bw, bh, gap, top = 150, 120, 46, 36
x = 22
centres = []
for title, lines, colour in boxes:
    d.rounded_rectangle([x, top, x + bw, top + bh], radius=14, fill=colour)
    tw = d.textlength(title, font=bold)
    d.text((x + (bw - tw) / 2, top + 16), title, font=bold, fill="white")
    for i, line in enumerate(lines):
        lw = d.textlength(line, font=small)
        d.text((x + (bw - lw) / 2, top + 54 + i * 20), line, font=small, fill="white")
    centres.append(x)
    x += bw + gap
for cx in centres[:-1]:
    y = top + bh / 2
    x0, x1 = cx + bw + 6, cx + bw + gap - 6
    d.line([x0, y, x1 - 8, y], fill=(60, 60, 60), width=4)
    d.polygon([(x1, y), (x1 - 12, y - 8), (x1 - 12, y + 8)], fill=(60, 60, 60))
caption = "kiji: files -> index -> laid-out text -> terminal"
cw = d.textlength(caption, font=small)
d.text(((W - cw) / 2, top + bh + 34), caption, font=small, fill=(80, 80, 80))
img = img.quantize(colors=32)
img.save(sys.argv[1] if len(sys.argv) > 1 else "articles/20261202/terminal-pictures/pipeline.png", optimize=True)
