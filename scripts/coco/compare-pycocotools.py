#!/usr/bin/env python3
"""
Cross-check edgelab's COCOeval port against pycocotools itself: the unchanged coco.py and
cocoeval.py of a cocoapi checkout, over its maskApi.c (bound with ctypes when Cython is missing, see
pycocotools_ctypes.py). For the cocoapi fake results and for random cases (polygons, multi-part
objects, crowd regions as uncompressed RLE, compressed-RLE results, tied scores, more than 100
detections per image, images of several sizes) it prints the 12 stats of both and the largest
difference over the stats and the whole precision and recall arrays. Needs `npx tsc` first.

  python3 scripts/coco/compare-pycocotools.py --cocoapi DIR [--random 20] [--seed 1] [--pair GT RESULTS bbox|segm]...

--pair adds files of your own, e.g. those `npm run bench:coco -- --write DIR` makes.

DIR is a cocoapi checkout, or a bare git directory of one (read at HEAD).
"""
import argparse
import contextlib
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "test", "fixtures", "coco")
SOURCES = ["common/maskApi.c", "common/maskApi.h", "PythonAPI/pycocotools/coco.py", "PythonAPI/pycocotools/cocoeval.py"]


def stage_cocoapi(cocoapi, build):
    """Copy the cocoapi sources needed into build/, from a checkout or a bare git directory."""
    for rel in SOURCES:
        dst = os.path.join(build, os.path.basename(rel))
        if os.path.exists(os.path.join(cocoapi, rel)):
            with open(os.path.join(cocoapi, rel), "rb") as f:
                data = f.read()
        else:
            data = subprocess.run(["git", "--git-dir", cocoapi, "show", "HEAD:" + rel], check=True, capture_output=True).stdout
        with open(dst, "wb") as f:
            f.write(data)
    pkg = os.path.join(build, "pycocotools")
    os.makedirs(pkg, exist_ok=True)
    for name in ["coco.py", "cocoeval.py"]:
        os.replace(os.path.join(build, name), os.path.join(pkg, name))
    with open(os.path.join(pkg, "__init__.py"), "w") as f:
        f.write("")
    with open(os.path.join(pkg, "mask.py"), "w") as f:
        f.write("from pycocotools_ctypes import iou, merge, frPyObjects, area, toBbox\n")
    # coco.py imports matplotlib for showAnns only; without it, empty stand-ins let it load.
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        stub = os.path.join(build, "matplotlib")
        os.makedirs(stub, exist_ok=True)
        for name, body in [("__init__", ""), ("pyplot", ""), ("collections", "PatchCollection = None\n"), ("patches", "Polygon = None\n")]:
            with open(os.path.join(stub, name + ".py"), "w") as f:
                f.write(body)


def pycocotools_eval(gt_file, res_file, iou_type):
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval

    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO(gt_file)
        dt = gt.loadRes(res_file)
        t0 = time.process_time()
        e = COCOeval(gt, dt, iou_type)
        e.evaluate()
        e.accumulate()
        e.summarize()
        seconds = time.process_time() - t0
    return {"stats": list(e.stats), "precision": e.eval["precision"].ravel(), "recall": e.eval["recall"].ravel(), "seconds": seconds}


EDGELAB = """
import { readFileSync } from 'node:fs';
const [gtFile, resFile, iouType] = process.argv.slice(1);
const lib = (m) => import(new URL(`dist/core/evaluate/coco/${m}.js`, 'file://' + process.env.EDGELAB_ROOT + '/').href);
const { readGroundTruth } = await lib('dataset');
const { readResults } = await lib('results');
const { evaluateCoco } = await lib('coco-eval');
const gt = readGroundTruth(JSON.parse(readFileSync(gtFile, 'utf8')), gtFile);
const results = readResults(JSON.parse(readFileSync(resFile, 'utf8')), gt, resFile);
const c0 = process.cpuUsage();
const e = evaluateCoco(gt, results, iouType);
const c = process.cpuUsage(c0);
const seconds = (c.user + c.system) / 1e6;
process.stdout.write(JSON.stringify({ stats: Object.values(e.stats), precision: Array.from(e.precision), recall: Array.from(e.recall), seconds: [seconds] }));
"""


def edgelab_eval(gt_file, res_file, iou_type):
    out = subprocess.run(["node", "--input-type=module", "-e", EDGELAB, gt_file, res_file, iou_type],
                         check=True, capture_output=True, text=True, env={**os.environ, "EDGELAB_ROOT": ROOT}).stdout
    r = json.loads(out)
    return {k: np.array(v, dtype=np.double) for k, v in r.items()}


def compare(name, gt_file, res_file, iou_type, verbose):
    p = pycocotools_eval(gt_file, res_file, iou_type)
    e = edgelab_eval(gt_file, res_file, iou_type)
    diffs = {k: float(np.max(np.abs(np.array(p[k]) - e[k]))) if len(e[k]) else 0.0 for k in ["stats", "precision", "recall"]}
    if verbose:
        print(f"{name} ({iou_type}); CPU seconds scoring (files already read): pycocotools {p['seconds']:.2f}, edgelab {float(e['seconds'][0]):.2f}")
        print(f"  {'':4} {'pycocotools':>22} {'edgelab':>22}")
        for i, (a, b) in enumerate(zip(p["stats"], e["stats"])):
            print(f"  {i:>4} {float(a)!r:>22} {float(b)!r:>22}")
    print(f"{name} {iou_type}: AP {float(p['stats'][0]):.4f} AP50 {float(p['stats'][1]):.4f} APs {float(p['stats'][3]):.4f}; max |diff| stats {diffs['stats']:.3g}, precision {diffs['precision']:.3g}, recall {diffs['recall']:.3g}")
    return max(diffs.values())


def random_polygon(rng, cx, cy, r, k):
    angles = sorted(rng.uniform(0, 2 * np.pi) for _ in range(k))
    return [round(v, 2) for a in angles for v in (cx + r * rng.uniform(0.3, 1) * np.cos(a), cy + r * rng.uniform(0.3, 1) * np.sin(a))]


def random_case(rng, mask, folder, n):
    """A synthetic ground truth and results pair, written to folder; returns the two paths."""
    images, anns, cats = [], [], [{"id": c, "name": f"c{c}"} for c in (1, 2, 3, 7)]
    results = []
    for img_id in range(1, rng.randint(2, 6) + 1):
        h, w = rng.choice([(48, 64), (60, 60), (100, 80)])
        images.append({"id": img_id * 10, "height": h, "width": w})
        for _ in range(rng.randint(0, 8)):
            cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(2, 30)
            parts = [random_polygon(rng, cx, cy, r, rng.randint(3, 8)) for _ in range(rng.choice([1, 1, 2]))]
            crowd = rng.random() < 0.15
            segm = parts
            if crowd:
                segm = mask.frUncompressedRLE([{"size": [h, w], "counts": [0, h * w]}], h, w)[0]
                m = np.zeros((h, w), dtype=np.uint8)
                x0, y0 = int(rng.uniform(0, w - 5)), int(rng.uniform(0, h - 5))
                m[y0:y0 + rng.randint(3, 30), x0:x0 + rng.randint(3, 30)] = 1
                flat = m.ravel(order="F")
                counts, prev, run = [], 0, 0
                for v in flat:
                    if v != prev:
                        counts.append(run)
                        run, prev = 0, v
                    run += 1
                counts.append(run)
                segm = {"size": [h, w], "counts": counts}
            rle = mask.merge(mask.frPyObjects(parts, h, w)) if not crowd else mask.frUncompressedRLE([segm], h, w)[0]
            bb = [float(v) for v in mask.toBbox(rle)]
            area = float(mask.area(rle)) if rng.random() < 0.7 else round(rng.uniform(10, 12000), 1)
            anns.append({"id": len(anns) + 1, "image_id": img_id * 10, "category_id": rng.choice(cats)["id"], "segmentation": segm,
                         "area": area, "bbox": bb, "iscrowd": int(crowd)})
            for _ in range(rng.randint(0, 4)):
                jitter = [[v + rng.uniform(-3, 3) for v in p] for p in parts]
                results.append((img_id * 10, h, w, anns[-1]["category_id"] if rng.random() < 0.8 else rng.choice(cats)["id"], jitter))
        for _ in range(rng.choice([0, 3, 120])):
            cx, cy = rng.uniform(0, w), rng.uniform(0, h)
            results.append((img_id * 10, h, w, rng.choice(cats)["id"], [random_polygon(rng, cx, cy, rng.uniform(2, 20), 4)]))
    if not results:
        results.append((images[0]["id"], images[0]["height"], images[0]["width"], 1, [[1, 1, 5, 1, 5, 5, 1, 5]]))
    segm_res, bbox_res = [], []
    for img, h, w, cat, parts in results:
        score = round(rng.random(), 1)  # one decimal: many ties, to exercise the stable sorts
        rle = mask.merge(mask.frPyObjects(parts, h, w))
        rle["counts"] = rle["counts"].decode()
        segm_res.append({"image_id": img, "category_id": cat, "segmentation": rle, "score": score})
        bbox_res.append({"image_id": img, "category_id": cat, "bbox": [round(float(v), 2) for v in mask.toBbox(rle)], "score": score})
    paths = [os.path.join(folder, f"case{n}-{k}.json") for k in ("gt", "segm", "bbox")]
    for path, data in zip(paths, [{"images": images, "annotations": anns, "categories": cats}, segm_res, bbox_res]):
        with open(path, "w") as f:
            json.dump(data, f)
    return paths


def main():
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--cocoapi", required=True, help="cocoapi checkout or bare git directory")
    ap.add_argument("--random", type=int, default=20, help="random cases to compare (default 20)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pair", nargs=3, action="append", default=[], metavar=("GT", "RESULTS", "TYPE"), help="also compare these files")
    args = ap.parse_args()
    build = os.path.join(tempfile.gettempdir(), "edgelab-pycocotools")
    os.makedirs(build, exist_ok=True)
    stage_cocoapi(args.cocoapi, build)
    sys.path[:0] = [build, HERE]
    import pycocotools_ctypes as mask

    mask.load(build, build)
    # cocoeval.py's accumulate still says np.float, which numpy 1.24 removed.
    np.float = float
    worst = 0.0
    gt = os.path.join(FIXTURES, "instances_val2014_100.json")
    for t in ("bbox", "segm"):
        worst = max(worst, compare("cocoapi fake results", gt, os.path.join(FIXTURES, f"instances_val2014_fake{t}100_results.json"), t, True))
    for gt_file, res_file, iou_type in args.pair:
        worst = max(worst, compare(os.path.basename(res_file), gt_file, res_file, iou_type, True))
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        for n in range(args.random):
            gt_file, segm_file, bbox_file = random_case(rng, mask, folder, n)
            worst = max(worst, compare(f"random case {n}", gt_file, bbox_file, "bbox", False))
            worst = max(worst, compare(f"random case {n}", gt_file, segm_file, "segm", False))
    print(f"largest difference over every case: {worst:.3g}")
    sys.exit(0 if worst <= 1e-10 else 1)


if __name__ == "__main__":
    main()
