"""Trains the synthetic traffic-light classifier on generated scenes and writes models/synthetic-traffic-lights.

Deterministic: fixed seeds for scenes, initialisation and shuffling. Run through
scripts/train-synthetic-model (Debian's python3-torch). Prints accuracy and per-class recall on the
held-out split and writes them to models/synthetic-traffic-lights/metrics.json for the model card.
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenegen  # noqa: E402
import scenes  # noqa: E402

IN_W, IN_H = 256, 144
MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
FILL = 128  # the tool's grey (0.5 rounded to 8 bits)
LABEL_SMOOTHING = 0.05


def conv(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class TrafficLightNet(nn.Module):
    """Fully convolutional: a red and a green evidence map, each pooled by log-sum-exp.

    The 'none' logit is a constant 0, so the network says red or green only where some place of
    the frame shows that evidence: the decision is local by construction, which is what an
    occlusion map should find. Log-sum-exp (rather than the maximum) lets every light add to the
    evidence, so hiding one of two lights still lowers the probability a little.
    """

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            conv(3, 16, 2), conv(16, 32, 2), conv(32, 32), conv(32, 64, 2), conv(64, 64))
        self.evidence = nn.Conv2d(64, 2, 1)

    def forward(self, x):
        e = self.evidence(self.features(x))
        m = torch.logsumexp(e.flatten(2), dim=2)
        return torch.cat([torch.zeros_like(m[:, :1]), m], dim=1)


class WithSoftmax(nn.Module):
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.softmax(self.net(x), dim=1)


def macs(model):
    total = 0
    h, w = IN_H, IN_W
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            h = math.ceil(h / m.stride[0])
            w = math.ceil(w / m.stride[1])
            total += h * w * m.out_channels * m.in_channels * m.kernel_size[0] * m.kernel_size[1]
    return total


def to_tensors(data):
    """Generated scenes → uint8 NCHW at the model's input size (DJL's resize), labels, lamp boxes."""
    x = torch.from_numpy(np.stack([d[0] for d in data])).permute(0, 3, 1, 2)
    xs = torch.cat([scenes.djl_resize(x[i:i + 512], IN_W, IN_H) for i in range(0, len(x), 512)])
    y = torch.tensor([scenegen.CLASSES.index(d[2]) for d in data])
    sx, sy = IN_W / scenegen.WIDTH, IN_H / scenegen.HEIGHT
    lamps = [[(l["lamp"][0] * sx, l["lamp"][1] * sy, l["lamp"][2] * sx, l["lamp"][3] * sy) for l in d[3]]
             for d in data]
    return xs, y, lamps


def normalise(x_uint8):
    return (x_uint8.float() / 255.0 - MEAN) / STD


def augment(x, y, lamps, gen):
    """Flips, and grey squares like the tool's: a square that hides every lit lamp makes it 'none'."""
    x = x.clone()
    y = y.clone()
    n = len(x)
    flip = torch.rand(n, generator=gen) < 0.5
    x[flip] = x[flip].flip(3)
    for i in range(n):
        ls = [(IN_W - lx - lw, ly, lw, lh) if flip[i] else (lx, ly, lw, lh) for lx, ly, lw, lh in lamps[i]]
        r = torch.rand(4, generator=gen).tolist()
        if r[0] < 0.5:
            s = int(6 + r[1] * 30)
            if ls and r[2] < 0.4:  # aim at a lamp
                lx, ly, lw, lh = ls[int(r[3] * len(ls)) % len(ls)]
                cx, cy = lx + lw / 2, ly + lh / 2
                s = max(s, int(max(lw, lh)) + 4)
                jx, jy = (torch.rand(2, generator=gen) - 0.5).tolist()
                x0, y0 = int(cx - s / 2 + jx * (s - lw) * 0.8), int(cy - s / 2 + jy * (s - lh) * 0.8)
            else:
                x0 = int(torch.randint(-s + 1, IN_W, (1,), generator=gen))
                y0 = int(torch.randint(-s + 1, IN_H, (1,), generator=gen))
            x[i, :, max(0, y0):max(0, y0 + s), max(0, x0):max(0, x0 + s)] = FILL
            if ls and all(x0 <= lx and y0 <= ly and lx + lw <= x0 + s and ly + lh <= y0 + s for lx, ly, lw, lh in ls):
                y[i] = 0
    return x, y


def evaluate(model, x, y, batch=256):
    model.eval()
    preds = []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            preds.append(model(normalise(x[i:i + batch])).argmax(1))
    p = torch.cat(preds)
    acc = (p == y).float().mean().item()
    recall = {c: ((p == k) & (y == k)).sum().item() / max(1, (y == k).sum().item())
              for k, c in enumerate(scenegen.CLASSES)}
    confusion = [[((y == t) & (p == q)).sum().item() for q in range(3)] for t in range(3)]
    return acc, recall, confusion, p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="models/synthetic-traffic-lights")
    ap.add_argument("--test-dir", default="target/scenes/test")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--train-count", type=int, default=None)
    ap.add_argument("--test-count", type=int, default=None)
    args = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    t0 = time.time()

    train = scenes.generate_split("train", args.train_count)
    test = scenes.generate_split("test", args.test_count)
    scenes.write_split(args.test_dir, test, "test")
    print(f"generated {len(train)} train + {len(test)} test scenes in {time.time() - t0:.0f}s", flush=True)
    xtr, ytr, ltr = to_tensors(train)
    xte, yte, _ = to_tensors(test)
    del train, test

    net = TrafficLightNet()
    print(f"MACs per image: {macs(net) / 1e6:.1f}M ({2 * macs(net) / 1e9:.3f} GFLOP)", flush=True)
    opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-4)
    batch = 64
    steps = args.epochs * math.ceil(len(xtr) / batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps, pct_start=0.15)
    gen = torch.Generator().manual_seed(1)
    for epoch in range(args.epochs):
        net.train()
        order = torch.randperm(len(xtr), generator=gen)
        total, seen = 0.0, 0
        for i in range(0, len(order), batch):
            idx = order[i:i + batch]
            xb, yb = augment(xtr[idx], ytr[idx], [ltr[j] for j in idx.tolist()], gen)
            # label smoothing keeps the probabilities off 1.0, where float32 could not show a change
            loss = F.cross_entropy(net(normalise(xb)), yb, label_smoothing=LABEL_SMOOTHING)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
            seen += len(idx)
        acc, recall, _, _ = evaluate(net, xte, yte)
        print(f"epoch {epoch + 1}/{args.epochs} loss {total / seen:.4f} test acc {acc:.4f} "
              f"recall {recall} ({time.time() - t0:.0f}s)", flush=True)

    acc, recall, confusion, _ = evaluate(net, xte, yte)
    net.eval()
    os.makedirs(args.out, exist_ok=True)
    traced = torch.jit.trace(WithSoftmax(net), torch.zeros(1, 3, IN_H, IN_W))
    name = os.path.basename(os.path.normpath(args.out))
    tmp = os.path.join(args.out, name + ".pt.tmp")
    traced.save(tmp)
    os.replace(tmp, os.path.join(args.out, name + ".pt"))
    metrics = {
        "train_scenes": len(xtr), "test_scenes": len(xte), "epochs": args.epochs,
        "accuracy": acc, "recall": recall, "confusion": confusion,
        "macs": macs(net), "gflops": 2 * macs(net) / 1e9,
        "seconds": round(time.time() - t0), "torch": torch.__version__,
    }
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
    print(json.dumps(metrics), flush=True)


if __name__ == "__main__":
    main()
