#!/usr/bin/env bash
# Builds the two reference COCO evaluators from their sources, for `npm run bench:coco` and
# scripts/coco/compare-pycocotools.py to time and check edgelab against (never used by edgelab):
#   - pycocotools (cocodataset/cocoapi, PythonAPI): _mask.pyx over maskApi.c, compiled with Cython;
#   - faster_coco_eval (MiXaiLL76/faster_coco_eval): its C++ COCOeval and mask API, bound with pybind11.
# Both are compiled in place (`setup.py build_ext --inplace`), nothing is installed and nothing is
# downloaded: the compilers and Python headers come from Debian,
#   apt-get install -y cython3 python3-dev python3-numpy pybind11-dev python3-pybind11
#
#   scripts/coco/build-reference-cocoeval.sh COCOAPI FASTER_COCO_EVAL OUT
#
# COCOAPI and FASTER_COCO_EVAL are checkouts, or bare git directories (read at HEAD); either may be
# `-` to skip it. OUT receives pycocotools/ and faster_coco_eval/; then
#   EDGELAB_COCO_PYTHONPATH=OUT npm run bench:coco
# times them on the same files as edgelab. PYTHON picks the interpreter (default /usr/bin/python3,
# the one Debian's numpy, Cython and pybind11 belong to).
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 COCOAPI FASTER_COCO_EVAL OUT  (each source a checkout or a bare git directory, or - to skip it)" >&2
  exit 2
fi
cocoapi=$1
faster=$2
out=$(mkdir -p "$3" && cd "$3" && pwd)
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/reference-cocoeval.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Copies the paths the build needs ($3…) from source $1 into $2: from a checkout as they are, from a
# bare git directory at HEAD (only those paths: a snapshot may lack the blobs of large examples).
stage() {
  local from=$1 to=$2
  shift 2
  if [ -d "$from/.git" ] || [ ! -f "$from/HEAD" ]; then
    for p in "$@"; do cp -r "$from/$p" "$to/"; done
  else
    git --git-dir "$from" archive HEAD -- "$@" | tar -x -C "$to"
  fi
}

for module in numpy setuptools; do
  "$python" -c "import $module" 2>/dev/null || { echo "$python cannot import $module: apt-get install -y python3-numpy python3-setuptools" >&2; exit 2; }
done

if [ "$cocoapi" != - ]; then
  "$python" -c 'import Cython' 2>/dev/null || { echo "$python cannot import Cython: apt-get install -y cython3" >&2; exit 2; }
  mkdir -p "$work/cocoapi"
  stage "$cocoapi" "$work/cocoapi" common PythonAPI
  [ -f "$work/cocoapi/PythonAPI/setup.py" ] || { echo "$cocoapi has no PythonAPI/setup.py: is it a cocoapi checkout?" >&2; exit 2; }
  (cd "$work/cocoapi/PythonAPI" && "$python" setup.py build_ext --inplace >"$work/pycocotools.log" 2>&1) ||
    { tail -20 "$work/pycocotools.log" >&2; echo "building pycocotools failed" >&2; exit 1; }
  rm -rf "$out/pycocotools"
  cp -r "$work/cocoapi/PythonAPI/pycocotools" "$out/pycocotools"
  echo "pycocotools ($(git --git-dir "$cocoapi" rev-parse --short HEAD 2>/dev/null || git -C "$cocoapi" rev-parse --short HEAD 2>/dev/null || echo 'unknown commit')) in $out/pycocotools"
fi

if [ "$faster" != - ]; then
  "$python" -c 'import pybind11' 2>/dev/null || { echo "$python cannot import pybind11: apt-get install -y pybind11-dev python3-pybind11" >&2; exit 2; }
  mkdir -p "$work/faster"
  stage "$faster" "$work/faster" csrc faster_coco_eval setup.py README.md requirements
  [ -d "$work/faster/csrc/faster_eval_api" ] || { echo "$faster has no csrc/faster_eval_api: is it a faster_coco_eval checkout?" >&2; exit 2; }
  # -O3 as the project's wheels are built (setup.py adds -funroll-loops and friends itself).
  (cd "$work/faster" && CFLAGS="-O3" "$python" setup.py build_ext --inplace -j 2 >"$work/faster.log" 2>&1) ||
    { tail -20 "$work/faster.log" >&2; echo "building faster_coco_eval failed" >&2; exit 1; }
  rm -rf "$out/faster_coco_eval"
  cp -r "$work/faster/faster_coco_eval" "$out/faster_coco_eval"
  echo "faster_coco_eval $(cd "$out" && "$python" -c 'import faster_coco_eval; print(faster_coco_eval.__version__)') in $out/faster_coco_eval"
fi

echo "EDGELAB_COCO_PYTHONPATH=$out npm run bench:coco"
