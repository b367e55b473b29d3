#!/usr/bin/env python3
"""Makes src/test/resources/sift/chelsea_opencv46.json, an independent reference for SiftReferenceTest.

Run from the repository root with Debian's OpenCV (apt-get install -y python3-opencv, OpenCV 4.6):

    /usr/bin/python3 src/test/python/make_sift_fixture.py

The photo src/test/resources/photos/chelsea.png (451x300, 8-bit RGB) is read with cv2.imread
(BGR), turned gray with cv2.cvtColor(..., COLOR_BGR2GRAY) and given to cv2.SIFT_create(...).detect
for each parameter set below. Every keypoint is written with its position, size, angle, response
and the packed octave exactly as OpenCV stores it; the Java side (OpenCV 4.9 from
org.openpnp:opencv) decodes the octave itself, so the fixture also pins that decoding.
"""
import json
import os

import cv2

PHOTO = "src/test/resources/photos/chelsea.png"
OUT = "src/test/resources/sift/chelsea_opencv46.json"

# name -> (nfeatures, nOctaveLayers, contrastThreshold, edgeThreshold, sigma)
PARAMS = {
    "opencv_defaults": (0, 3, 0.04, 10.0, 1.6),
    "top150_layers4": (150, 4, 0.03, 8.0, 1.4),
}


def main():
    bgr = cv2.imread(PHOTO, cv2.IMREAD_COLOR)
    gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    runs = {}
    for name, (nf, layers, contrast, edge, sigma) in PARAMS.items():
        sift = cv2.SIFT_create(nf, layers, contrast, edge, sigma)
        kps = sift.detect(gray, None)
        runs[name] = {
            "params": {"nfeatures": nf, "n_octave_layers": layers, "contrast_threshold": contrast,
                       "edge_threshold": edge, "sigma": sigma},
            "keypoints": [[k.pt[0], k.pt[1], k.size, k.angle, k.response, k.octave] for k in kps],
        }
    doc = {"opencv": cv2.__version__, "photo": PHOTO, "width": gray.shape[1], "height": gray.shape[0],
           "columns": ["x", "y", "size", "angle", "response", "packed_octave"], "runs": runs}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
    for name, r in runs.items():
        print(name, len(r["keypoints"]), "keypoints")


if __name__ == "__main__":
    main()
