"""Writes DJL model directories of torchvision architectures, randomly initialised with a fixed seed,
for trying incremental inference on the networks people bring (tests and scripts/bench).

Usage: make_architectures.py OUT_DIR [--real] [--width W --height H] [--no-resize]
                             [--calibrate IMAGE ...] [NAME[:traced|:scripted] ...]

Without --real the widths are reduced (fewer channels, the same kinds of blocks and windows) so
that tests run full passes quickly; --real builds torchvision's own widths. Weights are redrawn
so that the classes' probabilities move with what the network sees (torchvision's initialisation
leaves a fresh classifier's outputs near 1/3 whatever the image, which would test nothing); the
classifier is scaled so that its logits spread by about two units over random inputs, or over
--calibrate's images (real frames make a deep random network's logits far larger than noise does,
and probabilities that jump between 0 and 1 amplify float rounding into visible differences).
--no-resize writes a directory whose network sees each image at its own size (for the memory of
a 1920x1080 frame); --width and --height then only size the calibration and the trace.
Names: resnet18 resnet50 mobilenet_v2 mobilenet_v3_small vgg11 efficientnet_b0; with --real, any
torchvision classification model by its function name (vgg16, inception_v3, ...).
"""
import argparse
import os

import torch
import torch.nn as nn
import torchvision.models as M
from torchvision.models import efficientnet, vgg
from torchvision.models.resnet import Bottleneck, ResNet


def reduced(name):
    if name == "resnet18":
        return M.resnet18(num_classes=3)
    if name == "resnet50":
        return ResNet(Bottleneck, [3, 4, 6, 3], num_classes=3, width_per_group=16)
    if name == "mobilenet_v2":
        return M.mobilenet_v2(num_classes=3, width_mult=0.5)
    if name == "mobilenet_v3_small":
        return M.mobilenet_v3_small(num_classes=3, width_mult=0.5)
    if name == "vgg11":
        net = vgg.VGG(vgg.make_layers([16, "M", 32, "M", 64, 64, "M", 128, 128, "M", 128, 128, "M"]), num_classes=3)
        net.classifier = nn.Sequential(nn.Linear(128 * 7 * 7, 64), nn.ReLU(True), nn.Dropout(), nn.Linear(64, 3))
        return net
    if name == "efficientnet_b0":
        setting, last = efficientnet._efficientnet_conf("efficientnet_b0", width_mult=0.5, depth_mult=0.5)
        return efficientnet.EfficientNet(setting, 0.2, num_classes=3, last_channel=last)
    if name == "inception_v3":
        # torchvision's Inception3 has no width multiplier: its full widths, on the small input
        return real(name)
    raise SystemExit(f"make_architectures: unknown architecture {name}")


def real(name):
    if name == "inception_v3":
        # no auxiliary classifier (it runs only in training), torchvision's own initialisation
        return M.inception_v3(num_classes=3, aux_logits=False, init_weights=True)
    net = getattr(M, name)(num_classes=3)
    return net


def calibration(paths, width, height):
    """The images, resized to the network's input and normalised as serving.properties says (ImageNet)."""
    if not paths:
        return None
    from PIL import Image
    mean = torch.tensor([0.485, 0.456, 0.406])[:, None, None]
    std = torch.tensor([0.229, 0.224, 0.225])[:, None, None]
    out = []
    for p in paths:
        img = Image.open(p).convert("RGB").resize((width, height), Image.BILINEAR)
        x = torch.tensor(list(img.getdata()), dtype=torch.float32).view(height, width, 3).permute(2, 0, 1) / 255
        out += [(x - mean) / std, ((x - mean) / std).flip(2)]
    return torch.stack(out)


def redraw(net, seed, images=None):
    """Weights that make the output depend on the image: He-scaled convolutions, batch norms with
    spread statistics, and a classifier whose logits differ by a few units."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.Conv2d):
                fan_in = m.weight.shape[1] * m.weight.shape[2] * m.weight.shape[3]
                m.weight.copy_(torch.randn(m.weight.shape, generator=g) * (2.0 / fan_in) ** 0.5)
                if m.bias is not None:
                    m.bias.copy_(torch.randn(m.bias.shape, generator=g) * 0.1)
            elif isinstance(m, nn.BatchNorm2d):
                n = m.num_features
                m.weight.copy_(0.5 + torch.rand(n, generator=g))
                m.bias.copy_(torch.randn(n, generator=g) * 0.2)
                m.running_mean.copy_(torch.randn(n, generator=g) * 0.2)
                m.running_var.copy_(0.5 + torch.rand(n, generator=g))
            elif isinstance(m, nn.Linear):
                m.weight.copy_(torch.randn(m.weight.shape, generator=g) * (3.0 / m.weight.shape[1]) ** 0.5)
                m.bias.zero_()
        # the classifier scaled so that logits spread by about two units over images: probabilities
        # that neither saturate nor sit at 1/3
        last = [m for m in net.modules() if isinstance(m, nn.Linear)][-1]
        x = images if images is not None else (torch.rand(4, 3, 96, 160, generator=g) - 0.45) / 0.225
        spread = float(net.eval()(x).std())
        last.weight.mul_(2.0 / max(spread, 1e-6))
    return net


def write(directory, module, width, height, resize=True):
    os.makedirs(directory)
    name = os.path.basename(directory)
    module.save(os.path.join(directory, name + ".pt"))
    with open(os.path.join(directory, "synset.txt"), "w", encoding="utf-8") as f:
        f.write("none\nred\ngreen\n")
    with open(os.path.join(directory, "serving.properties"), "w", encoding="utf-8") as f:
        size = f"width={width}\nheight={height}\nresize=true\n" if resize else ""
        f.write(f"engine=PyTorch\noption.modelName={name}\n{size}"
                f"normalize=true\napplySoftmax=true\nsynsetFileName=synset.txt\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("names", nargs="*")
    p.add_argument("--real", action="store_true")
    p.add_argument("--width", type=int, default=160)
    p.add_argument("--height", type=int, default=96)
    p.add_argument("--calibrate", nargs="*", default=[])
    p.add_argument("--no-resize", action="store_true")
    a = p.parse_intermixed_args()
    names = a.names or ["resnet18", "resnet50", "mobilenet_v2", "mobilenet_v3_small", "vgg11", "efficientnet_b0"]
    for i, entry in enumerate(names):
        name, _, how = entry.partition(":")
        torch.manual_seed(i)
        net = redraw((real if a.real else reduced)(name), seed=i,
                     images=calibration(a.calibrate, a.width, a.height)).eval()
        if how == "traced":
            module = torch.jit.trace(net, torch.rand(1, 3, a.height, a.width))
        else:
            module = torch.jit.script(net)
        write(os.path.join(a.out, name), module, a.width, a.height, resize=not a.no_resize)
        print(f"make_architectures: {name} ({how or 'scripted'}) in {a.out}", flush=True)


if __name__ == "__main__":
    main()
