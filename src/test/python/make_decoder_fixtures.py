"""Makes the decoder fixtures in src/test/resources/io/mae4j/data/ (run with /usr/bin/python3, PIL 9.4).

- cmyk_red_blue.jpg: a 40x30 CMYK JPEG (Adobe inverted CMYK as PIL writes it), left half pure red,
  right half pure blue in RGB before conversion. PIL reads it back as (255, 0, 0) / (0, 0, 255).
- chelsea_small.jpg: photos/chelsea.png resized to 90x60 (bicubic) and saved as baseline RGB JPEG
  q=90; prints PIL's decoded RGB at a few pixels, which ImageDecoderTest pins (within +-2 for IDCT
  differences between libjpeg builds).
"""
from pathlib import Path
from PIL import Image

res = Path(__file__).resolve().parents[1] / "resources"
out = res / "io" / "mae4j" / "data"
out.mkdir(parents=True, exist_ok=True)

im = Image.new("RGB", (40, 30), (255, 0, 0))
im.paste((0, 0, 255), (20, 0, 40, 30))
im.convert("CMYK").save(out / "cmyk_red_blue.jpg", quality=95)
back = Image.open(out / "cmyk_red_blue.jpg")
print("cmyk mode", back.mode, back.convert("RGB").getpixel((5, 5)), back.convert("RGB").getpixel((35, 5)))

cat = Image.open(res / "photos" / "chelsea.png").convert("RGB").resize((90, 60), Image.BICUBIC)
cat.save(out / "chelsea_small.jpg", quality=90)
dec = Image.open(out / "chelsea_small.jpg").convert("RGB")
for xy in [(0, 0), (45, 30), (89, 59), (20, 40), (70, 10)]:
    print(xy, dec.getpixel(xy))
