"""Generated data sets: seeds, parallel generation, labels.csv, and DJL's preprocessing in torch.

The held-out test split is written to disk (JPEG + labels.csv) so that the Java tool itself can
score it (the pointing game); the training split stays in memory.
"""
import csv
import os
from multiprocessing import Pool

import numpy as np

import scenegen

SPLITS = {"train": (1_000_000, 16000), "test": (2_000_000, 2400)}


def _one(seed):
    img, jpeg, cls, lights = scenegen.generate(seed)
    return np.asarray(img, dtype=np.uint8), jpeg, cls, lights


def generate_split(name, count=None, processes=2):
    """Returns a list of (rgb uint8 HxWx3, jpeg bytes, class, lights) for a split, in seed order."""
    base, default_count = SPLITS[name]
    seeds = range(base, base + (count or default_count))
    with Pool(processes) as pool:
        return pool.map(_one, seeds, chunksize=64)


def box_text(lights):
    """Light boxes as 'x y w h' per light (housing, output pixels, rounded), joined by ';'."""
    return ";".join(" ".join(str(int(round(v))) for v in light["box"]) for light in lights)


def lamp_text(lights):
    return ";".join(" ".join(str(int(round(v))) for v in light["lamp"]) for light in lights)


def write_labels(path, rows):
    """rows: (file, class, lights). Columns: file,class,boxes,lamps (boxes: 'x y w h;x y w h')."""
    tmp = path + ".tmp"
    with open(tmp, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "class", "boxes", "lamps"])
        for name, cls, lights in rows:
            w.writerow([name, cls, box_text(lights), lamp_text(lights)])
    os.replace(tmp, path)


def write_split(out_dir, scenes, prefix):
    os.makedirs(out_dir, exist_ok=True)
    rows = []
    for i, (_, jpeg, cls, lights) in enumerate(scenes):
        name = f"{prefix}-{i:05d}.jpg"
        with open(os.path.join(out_dir, name), "wb") as f:
            f.write(jpeg)
        rows.append((name, cls, lights))
    write_labels(os.path.join(out_dir, "labels.csv"), rows)


def djl_resize(batch_uint8_nchw, width, height):
    """DJL's Resize on the PyTorch engine: torch's interpolate, bilinear, align_corners=False and
    antialias=True (DJL's native call sets it), then cast back to uint8 (truncation), exactly as
    PtNDArrayEx.resize does."""
    import torch
    import torch.nn.functional as F
    x = F.interpolate(batch_uint8_nchw.float(), size=(height, width), mode="bilinear", align_corners=False, antialias=True)
    return x.to(torch.uint8)
