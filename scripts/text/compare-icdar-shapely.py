#!/usr/bin/env python3
"""
Cross-check edgelab's ICDAR 2015 text metric against an independent computation: the rules of the
competition's script.py (Challenge 4, Task 1: points cast with int(), don't-care detections by area
precision > 0.5, greedy matching in file order at IoU > 0.5, sums over images) written out here over
shapely's polygon areas (the script's forks use shapely where the original used Polygon3). Random
images of rotated quadrilaterals, some `###`, detections jittered from the truth plus strays; it
prints the per-image disagreements and the set's precision, recall and hmean from both. Needs
`npx tsc` first and shapely (Debian: python3-shapely). Never used by edgelab itself.

  python3 scripts/text/compare-icdar-shapely.py [--images 300] [--seed 1]
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys

from shapely.geometry import Polygon

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

EDGELAB = r"""
import { readFileSync } from 'node:fs';
const { matchTextImage, textScores } = await import(new URL('dist/core/evaluate/text/icdar-eval.js', 'file://' + process.env.EDGELAB_ROOT + '/').href);
const cases = JSON.parse(readFileSync(process.argv[1], 'utf8'));
const matches = cases.map((c, i) => matchTextImage(i, c.truth.map((t) => ({ points: t.points, text: t.text, dontCare: t.text === '###' })), c.detections.map((points) => ({ points }))));
console.log(JSON.stringify({ images: matches.map((m) => [m.matched, m.truthCared, m.detectionsCared]), scores: textScores(matches) }));
"""


def quad(rng, cx, cy, w, h, angle):
    c, s = math.cos(angle), math.sin(angle)
    return [[cx + dx * c - dy * s, cy + dx * s + dy * c] for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2))]


def make_case(rng):
    truth, detections = [], []
    for _ in range(rng.randint(0, 8)):
        cx, cy, w, h, a = rng.uniform(20, 480), rng.uniform(20, 280), rng.uniform(10, 120), rng.uniform(6, 40), rng.uniform(-0.6, 0.6)
        if rng.random() < 0.1:
            # Thin text a few pixels high: truncation to integers folds corners together.
            h = rng.uniform(0.5, 4)
        truth.append({"points": [[round(x), round(y)] for x, y in quad(rng, cx, cy, w, h, a)], "text": "###" if rng.random() < 0.2 else "word"})
        if rng.random() < 0.85:
            j = rng.uniform(0.0, 0.5)
            detections.append(quad(rng, cx + rng.uniform(-1, 1) * j * w / 2, cy + rng.uniform(-1, 1) * j * h / 2, w * rng.uniform(1 - j, 1 + j), h * rng.uniform(1 - j, 1 + j), a + rng.uniform(-j, j)))
    for _ in range(rng.randint(0, 3)):
        detections.append(quad(rng, rng.uniform(20, 480), rng.uniform(20, 280), rng.uniform(10, 80), rng.uniform(6, 30), rng.uniform(-1, 1)))
    rng.shuffle(detections)
    return {"truth": truth, "detections": detections}


def polygon(points):
    return Polygon([(int(x), int(y)) for x, y in points])


def reference(case):
    """One image by the script's rules; returns (matched, cared truth, cared detections)."""
    gts = [polygon(t["points"]) for t in case["truth"]]
    dets = [polygon(d) for d in case["detections"]]
    gt_dc = [i for i, t in enumerate(case["truth"]) if t["text"] == "###"]
    det_dc = []
    for j, d in enumerate(dets):
        for g in gt_dc:
            inter = gts[g].intersection(d).area
            if (0 if d.area == 0 else inter / d.area) > 0.5:
                det_dc.append(j)
                break
    gt_done, det_done, matched = set(), set(), 0
    for gi, g in enumerate(gts):
        for di, d in enumerate(dets):
            if gi in gt_done or di in det_done or gi in gt_dc or di in det_dc:
                continue
            inter = g.intersection(d).area
            union = g.area + d.area - inter
            if (0 if union == 0 else inter / union) > 0.5:
                gt_done.add(gi)
                det_done.add(di)
                matched += 1
    return [matched, len(gts) - len(gt_dc), len(dets) - len(det_dc)]


def scores(images):
    m, g, d = (sum(x[k] for x in images) for k in range(3))
    r = 0 if g == 0 else m / g
    p = 0 if d == 0 else m / d
    return {"precision": p, "recall": r, "hmean": 0 if p + r == 0 else 2 * p * r / (p + r)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    cases = [make_case(rng) for _ in range(args.images)]
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"icdar-cases-{os.getpid()}.json")
    with open(path, "w") as f:
        json.dump(cases, f)
    out = subprocess.run(["node", "--input-type=module", "-e", EDGELAB, path], capture_output=True, text=True, env={**os.environ, "EDGELAB_ROOT": ROOT})
    os.remove(path)
    if out.returncode != 0:
        sys.exit(out.stderr)
    ours = json.loads(out.stdout)
    theirs = [reference(c) for c in cases]
    differ = [(i, a, b) for i, (a, b) in enumerate(zip(ours["images"], theirs)) if a != b]
    for i, a, b in differ:
        print(f"image {i}: edgelab [matched, truth, detections] {a}, reference {b}")
    ref = scores(theirs)
    print(f"{len(cases)} images, {sum(t[1] for t in theirs)} cared truth, {sum(t[2] for t in theirs)} cared detections, {len(differ)} images differ")
    for k in ("precision", "recall", "hmean"):
        print(f"{k:9s} edgelab {ours['scores'][k]:.15f}  reference {ref[k]:.15f}  |diff| {abs(ours['scores'][k] - ref[k]):.2e}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
