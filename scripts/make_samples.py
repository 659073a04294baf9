"""Writes samples/generated/: generated frames covering the cases users ask about, with labels.csv.

For every case but the hard one, the first seed is taken whose frame the synthetic model gets
right and, for frames with lights, whose occlusion minimum (patch 32, stride 16, as the Java
sample test runs it) lands on a light: the samples show what the model does when it works. The
hard case is the first generated frame of the test distribution that the model gets wrong.
"""
import argparse
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenegen  # noqa: E402
import scenes  # noqa: E402
from train_synthetic_model import IN_H, IN_W, MEAN, STD  # noqa: E402

CASES = [
    ("red-day", {"tod": "day", "class": "red", "lights": 1}),
    ("green-day", {"tod": "day", "class": "green", "lights": 1}),
    ("green-two-lights", {"tod": "day", "class": "green", "lights": 2}),
    ("red-night", {"tod": "night", "class": "red", "lights": 1}),
    ("red-dusk-three-lights", {"tod": "dusk", "class": "red", "lights": 3}),
    ("green-far-small", {"tod": "day", "class": "green", "lights": 1, "light_size": 8}),
    ("none-tail-lights", {"tod": "night", "class": "none", "cars": 3, "brake": True, "signs": []}),
    ("none-parking-sign-night", {"tod": "night", "class": "none", "cars": 0, "signs": ["parking", "parking"]}),
    ("none-green-road-sign", {"tod": "day", "class": "none", "cars": 1, "signs": ["road", "road"]}),
]


def preprocess(batch_uint8_nchw):
    x = scenes.djl_resize(batch_uint8_nchw, IN_W, IN_H).float() / 255.0
    return (x - MEAN) / STD


def predict(model, rgb):
    x = torch.from_numpy(rgb.copy()).permute(2, 0, 1)[None]
    with torch.no_grad():
        return model(preprocess(x))[0]


def occlusion_min(model, rgb, cls, patch=32, stride=16):
    """The clipped patch (x, y, w, h) whose grey square lowers p(cls) most."""
    h, w, _ = rgb.shape
    boxes = []
    for y in range(-(patch - 1), h, stride):
        for x in range(-(patch - 1), w, stride):
            x0, y0 = max(0, x), max(0, y)
            boxes.append((x0, y0, min(w, x + patch) - x0, min(h, y + patch) - y0))
    src = torch.from_numpy(rgb.copy()).permute(2, 0, 1)
    best, best_p = None, 2.0
    with torch.no_grad():
        for i in range(0, len(boxes), 64):
            chunk = boxes[i:i + 64]
            batch = src[None].repeat(len(chunk), 1, 1, 1)
            for k, (x, y, bw, bh) in enumerate(chunk):
                batch[k, :, y:y + bh, x:x + bw] = 128
            p = model(preprocess(batch))[:, cls]
            k = int(p.argmin())
            if float(p[k]) < best_p:
                best, best_p = chunk[k], float(p[k])
    return best


def overlaps(a, b):
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="models/synthetic-traffic-lights")
    ap.add_argument("--out", default="samples/generated")
    args = ap.parse_args()
    torch.set_num_threads(2)
    name = os.path.basename(os.path.normpath(args.model))
    model = torch.jit.load(os.path.join(args.model, name + ".pt")).eval()
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for case, (file, spec) in enumerate(CASES):
        for seed in range(3_000_000 + case * 1000, 3_000_000 + case * 1000 + 1000):
            img, jpeg, cls, lights = scenegen.generate(seed, spec)
            if cls != spec["class"]:
                continue
            rgb = np.asarray(img, dtype=np.uint8)
            k = scenegen.CLASSES.index(cls)
            p = predict(model, rgb)
            if int(p.argmax()) != k or float(p[k]) < 0.8:
                continue
            if lights:
                m = occlusion_min(model, rgb, k)
                if not any(overlaps(m, [round(v) for v in l["box"]]) for l in lights):
                    continue
            break
        else:
            raise SystemExit(f"no seed found for {file}")
        rows.append((file + ".jpg", cls, lights, seed))
        with open(os.path.join(args.out, file + ".jpg"), "wb") as f:
            f.write(jpeg)
        print(f"{file}: seed {seed}, class {cls}, p = {[round(float(v), 3) for v in p]}", flush=True)
    # the hard case: the first frame of the test distribution the model gets wrong
    for seed in range(4_000_000, 4_100_000):
        img, jpeg, cls, lights = scenegen.generate(seed)
        p = predict(model, np.asarray(img, dtype=np.uint8))
        if int(p.argmax()) != scenegen.CLASSES.index(cls):
            said = scenegen.CLASSES[int(p.argmax())]
            file = f"hard-{cls}-predicted-{said}"
            rows.append((file + ".jpg", cls, lights, seed))
            with open(os.path.join(args.out, file + ".jpg"), "wb") as f:
                f.write(jpeg)
            print(f"{file}: seed {seed}, class {cls}, p = {[round(float(v), 3) for v in p]} (wrong)", flush=True)
            break
    scenes.write_labels(os.path.join(args.out, "labels.csv"), [(f, c, l) for f, c, l, _ in rows])


if __name__ == "__main__":
    main()
