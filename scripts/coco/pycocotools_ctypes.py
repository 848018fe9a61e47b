"""
pycocotools' `mask` module over ctypes, for cross-checking only (never used by edgelab itself).

pycocotools binds maskApi.c through Cython (_mask.pyx). Where Cython is not installed, this module
compiles the same maskApi.c from a cocoapi checkout with the C compiler and binds it with ctypes,
following _mask.pyx function by function (frPyObjects' dispatch, iou's reshape in Fortran order),
so that the unchanged coco.py and cocoeval.py can run on top of it.
"""
import ctypes
import os
import subprocess

import numpy as np

siz = ctypes.c_ulong
uint_p = ctypes.POINTER(ctypes.c_uint)


class RLE(ctypes.Structure):
    _fields_ = [("h", siz), ("w", siz), ("m", siz), ("cnts", uint_p)]


_lib = None


def load(maskapi_dir, build_dir):
    """Compile maskApi.c (from maskapi_dir) into build_dir once, and bind it."""
    global _lib
    os.makedirs(build_dir, exist_ok=True)
    so = os.path.join(build_dir, "libmaskapi.so")
    src = os.path.join(maskapi_dir, "maskApi.c")
    if not os.path.exists(so) or os.path.getmtime(so) < os.path.getmtime(src):
        subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", so, src, "-lm"], check=True)
    _lib = ctypes.CDLL(so)
    _lib.rleToString.restype = ctypes.c_void_p
    _lib.free = ctypes.CDLL(None).free
    _lib.free.argtypes = [ctypes.c_void_p]
    return _lib


def _to_string(R):
    p = _lib.rleToString(ctypes.byref(R))
    s = ctypes.string_at(p)
    _lib.free(p)
    return {"size": [R.h, R.w], "counts": s}


def _fr_string(objs):
    Rs = (RLE * len(objs))()
    for i, obj in enumerate(objs):
        counts = obj["counts"]
        s = counts.encode() if isinstance(counts, str) else counts
        _lib.rleFrString(ctypes.byref(Rs[i]), ctypes.c_char_p(s), siz(obj["size"][0]), siz(obj["size"][1]))
    return Rs


def merge(rleObjs, intersect=0):
    Rs = _fr_string(rleObjs)
    R = RLE()
    _lib.rleMerge(Rs, ctypes.byref(R), siz(len(rleObjs)), ctypes.c_int(intersect))
    return _to_string(R)


def area(rleObjs):
    single = not isinstance(rleObjs, list)
    objs = [rleObjs] if single else rleObjs
    Rs = _fr_string(objs)
    a = (ctypes.c_uint * len(objs))()
    _lib.rleArea(Rs, siz(len(objs)), a)
    out = np.array(a, dtype=np.uint32)
    return out[0] if single else out


def toBbox(rleObjs):
    single = not isinstance(rleObjs, list)
    objs = [rleObjs] if single else rleObjs
    Rs = _fr_string(objs)
    bb = np.zeros(4 * len(objs), dtype=np.double)
    _lib.rleToBbox(Rs, bb.ctypes.data_as(ctypes.POINTER(ctypes.c_double)), siz(len(objs)))
    bb = bb.reshape((len(objs), 4))
    return bb[0] if single else bb


def frBbox(bb, h, w):
    bb = np.ascontiguousarray(np.array(bb, dtype=np.double))
    n = bb.shape[0]
    Rs = (RLE * n)()
    _lib.rleFrBbox(Rs, bb.ctypes.data_as(ctypes.POINTER(ctypes.c_double)), siz(h), siz(w), siz(n))
    return [_to_string(Rs[i]) for i in range(n)]


def frPoly(poly, h, w):
    objs = []
    for p in poly:
        xy = np.array(p, dtype=np.double, order="F")
        R = RLE()
        _lib.rleFrPoly(ctypes.byref(R), xy.ctypes.data_as(ctypes.POINTER(ctypes.c_double)), siz(int(len(p) / 2)), siz(h), siz(w))
        objs.append(_to_string(R))
    return objs


def frUncompressedRLE(ucRles, h, w):
    objs = []
    for uc in ucRles:
        cnts = np.array(uc["counts"], dtype=np.uint32)
        R = RLE()
        _lib.rleInit(ctypes.byref(R), siz(uc["size"][0]), siz(uc["size"][1]), siz(len(cnts)), cnts.ctypes.data_as(uint_p))
        objs.append(_to_string(R))
    return objs


def frPyObjects(pyobj, h, w):
    # The dispatch of _mask.pyx's frPyObjects, branch for branch.
    if type(pyobj) == np.ndarray:
        return frBbox(pyobj, h, w)
    if type(pyobj) == list and len(pyobj[0]) == 4:
        return frBbox(pyobj, h, w)
    if type(pyobj) == list and len(pyobj[0]) > 4:
        return frPoly(pyobj, h, w)
    if type(pyobj) == list and type(pyobj[0]) == dict and "counts" in pyobj[0] and "size" in pyobj[0]:
        return frUncompressedRLE(pyobj, h, w)
    if type(pyobj) == list and len(pyobj) == 4:
        return frBbox([pyobj], h, w)[0]
    if type(pyobj) == list and len(pyobj) > 4:
        return frPoly([pyobj], h, w)[0]
    if type(pyobj) == dict and "counts" in pyobj and "size" in pyobj:
        return frUncompressedRLE([pyobj], h, w)[0]
    raise Exception("input type is not supported.")


def iou(dt, gt, pyiscrowd):
    def preproc(objs):
        if len(objs) == 0:
            return objs
        if type(objs) == np.ndarray:
            return objs.astype(np.double)
        isbox = np.all(np.array([(len(obj) == 4) and ((type(obj) == list) or (type(obj) == np.ndarray)) for obj in objs]))
        isrle = np.all(np.array([type(obj) == dict for obj in objs]))
        if isbox:
            out = np.array(objs, dtype=np.double)
            return out.reshape((1, out.shape[0])) if len(out.shape) == 1 else out
        if isrle:
            return _fr_string(objs)
        raise Exception("list input can be bounding box (Nx4) or RLEs ([RLE])")

    iscrowd = np.array(pyiscrowd, dtype=np.uint8)
    dt = preproc(dt)
    gt = preproc(gt)
    m, n = len(dt), len(gt)
    if m == 0 or n == 0:
        return []
    out = np.zeros(m * n, dtype=np.double)
    o = out.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
    crowd = iscrowd.ctypes.data_as(ctypes.POINTER(ctypes.c_ubyte))
    if isinstance(dt, np.ndarray):
        dt = np.ascontiguousarray(dt)
        gt = np.ascontiguousarray(gt)
        dbl = ctypes.POINTER(ctypes.c_double)
        _lib.bbIou(dt.ctypes.data_as(dbl), gt.ctypes.data_as(dbl), siz(m), siz(n), crowd, o)
    else:
        _lib.rleIou(dt, gt, siz(m), siz(n), crowd, o)
    return out.reshape((m, n), order="F")
