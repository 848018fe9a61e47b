#!/usr/bin/env python3
"""
Times a reference COCO evaluator on a ground truth and a results file, for `npm run bench:coco`:
loadRes (reading the results file included), evaluate, accumulate and summarize, the work edgelab's
timed region does. Loading the ground truth is done once, outside the timed region, as edgelab's is.
Prints one JSON line: the evaluator, its version, the median wall and CPU seconds of the repeats,
each phase's median, and the 12 stats of the last run (so the caller can check they agree).

  python3 scripts/coco/time-cocoeval.py --impl pycocotools|faster_coco_eval --gt GT --results RESULTS
                                         [--iou-type bbox|segm] [--repeats 3]

The evaluators come from PYTHONPATH, as scripts/coco/build-reference-cocoeval.sh builds them.
"""
import argparse
import contextlib
import io
import json
import statistics
import sys
import time

PHASES = ["loadRes", "evaluate", "accumulate", "summarize"]


def stub_matplotlib():
    """pycocotools' coco.py imports matplotlib for showAnns only: without it, empty stand-ins let it load."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        import types

        for name, attrs in [("matplotlib", {}), ("matplotlib.pyplot", {}), ("matplotlib.collections", {"PatchCollection": None}), ("matplotlib.patches", {"Polygon": None})]:
            module = types.ModuleType(name)
            module.__dict__.update(attrs)
            sys.modules[name] = module


def evaluator(impl):
    if impl == "pycocotools":
        stub_matplotlib()
        # cocoapi's cocoeval.py still says np.float, an alias numpy 1.24 removed (the PyPI release
        # patched it to float): restore the alias rather than edit the source.
        import numpy as np

        if "float" not in np.__dict__:
            np.float = float
        import pycocotools
        from pycocotools.coco import COCO
        from pycocotools.cocoeval import COCOeval

        return COCO, COCOeval, getattr(pycocotools, "__version__", "cocoapi")
    import faster_coco_eval
    from faster_coco_eval import COCO, COCOeval_faster

    return COCO, COCOeval_faster, faster_coco_eval.__version__


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--impl", choices=["pycocotools", "faster_coco_eval"], required=True)
    ap.add_argument("--gt", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--iou-type", choices=["bbox", "segm"], default="bbox")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    COCO, COCOeval, version = evaluator(args.impl)
    quiet = contextlib.redirect_stdout(io.StringIO())
    with quiet:
        gt = COCO(args.gt)
    runs = []
    stats = None
    for _ in range(max(1, args.repeats)):
        phases = {}
        c0, t0 = time.process_time(), time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            t = time.perf_counter()
            dt = gt.loadRes(args.results)
            phases["loadRes"] = time.perf_counter() - t
            e = COCOeval(gt, dt, args.iou_type)
            for name in PHASES[1:]:
                t = time.perf_counter()
                getattr(e, name)()
                phases[name] = time.perf_counter() - t
        runs.append({"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0, "phases": phases})
        stats = [float(s) for s in e.stats]
    runs.sort(key=lambda r: r["wall"])
    mid = runs[len(runs) // 2]
    print(json.dumps({
        "impl": args.impl,
        "version": version,
        "python": sys.version.split()[0],
        "iouType": args.iou_type,
        "repeats": len(runs),
        "wall": mid["wall"],
        "cpu": mid["cpu"],
        "phases": {k: statistics.median(r["phases"][k] for r in runs) for k in PHASES},
        "stats": stats,
    }))


if __name__ == "__main__":
    main()
