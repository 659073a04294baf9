"""Writes a staged copy of a TorchScript DJL model directory, for occlude's incremental inference.

Usage: export_incremental.py MODEL_DIR OUT_DIR

The network is cut into stages, each a convolution or pooling window followed by pointwise work
(batch norm, activations, 1x1 convolutions). The staged TorchScript keeps the original network as
`forward` and adds one method per stage that computes it *without padding* (`stage_0`, ...), and
`head` (what follows the last stage, e.g. global pooling and softmax). stages.json declares, per
stage, the method, kernel, stride, padding, ceil mode and the value padding stands for, so that the
tool can pad a window of the stage's input itself and recompute only what an occluded patch
changes. Checked on the spot: the stages, padded as declared and chained, reproduce the original
network on random inputs.

Networks understood: the shipped Nexar SqueezeNet (conv, max pools, fire modules), the shipped
synthetic traffic-light network (conv/batch-norm/ReLU blocks, an evidence 1x1 convolution and a
log-sum-exp head), and plain traced or scripted nn.Sequential chains of Conv2d, BatchNorm2d,
activations and MaxPool2d followed by a head of global pooling, Flatten, Linear and Softmax.
Anything else is refused with the first module that is not understood.
"""
import json
import linecache
import math
import os
import re
import shutil
import sys
import tempfile

import torch
import torch.nn as nn
import torch.nn.functional as F

from export_onnx import read_properties  # serving.properties as a dict, the same reading for both exports

POINTWISE = {"ReLU", "ReLU6", "LeakyReLU", "Sigmoid", "Tanh", "ELU", "GELU", "SiLU", "Hardswish", "BatchNorm2d",
             "Identity", "Dropout", "Dropout2d"}
HEAD = {"AdaptiveAvgPool2d", "AdaptiveMaxPool2d", "Flatten", "Linear", "Softmax", "Dropout", "Identity", "ReLU"}


class Refused(Exception):
    pass


def pair(v):
    return [int(v), int(v)] if isinstance(v, int) else [int(v[0]), int(v[1])]


def conv_params(module, where):
    """stride, padding, dilation, groups of a Conv2d, scripted (attributes) or traced (its code)."""
    if hasattr(module, "stride") and hasattr(module, "padding") and not isinstance(module.padding, str):
        return pair(module.stride), pair(module.padding), pair(module.dilation), int(module.groups)
    m = re.search(r"_convolution\(\w+, \w+, \w+, \[(\d+), (\d+)\], \[(\d+), (\d+)\], \[(\d+), (\d+)\], False, "
                  r"\[0, 0\], (\d+),", module.code)
    if not m:
        raise Refused(f"{where}: cannot read the convolution's stride and padding (transposed or padding='same'?)")
    n = [int(g) for g in m.groups()]
    return n[0:2], n[2:4], n[4:6], n[6]


def pool_params(module, where):
    if hasattr(module, "kernel_size"):
        if module.padding not in (0, (0, 0), [0, 0]) and getattr(module, "return_indices", False):
            raise Refused(f"{where}: max pooling with indices is not supported")
        return (pair(module.kernel_size), pair(module.stride or module.kernel_size), pair(module.padding),
                pair(module.dilation), bool(module.ceil_mode))
    # a trace writes ceil_mode only when it is True (torch 1.13 leaves the default out)
    m = re.search(r"max_pool2d\(\w+, \[(\d+), (\d+)\], \[(\d+), (\d+)\], \[(\d+), (\d+)\], \[(\d+), (\d+)\]"
                  r"(?:, (True|False))?\)", module.code)
    if not m:
        raise Refused(f"{where}: cannot read the max pooling's window (kernel, stride, padding, dilation) from the "
                      f"traced code: {module.code.strip().splitlines()[-2].strip()}")
    g = m.groups()
    n = [int(x) for x in g[:8]]
    return n[0:2], n[2:4], n[4:6], n[6:8], g[8] == "True"


class Builder:
    """Collects stage methods as TorchScript source over the original network's submodules."""

    def __init__(self):
        self.parts = {}
        self.stages = []
        self.methods = []
        self.head_lines = None

    def part(self, module):
        name = f"m{len(self.parts)}"
        self.parts[name] = module
        return name

    def conv_call(self, module, where, crop=0):
        stride, _, dilation, groups = conv_params(module, where)
        name = self.part(module)
        bias = f"self.{name}.bias" if getattr(module, "bias", None) is not None else "None"
        x = "x" if crop == 0 else f"x[:, :, {crop}:-{crop}, {crop}:-{crop}]"
        return (f"F.conv2d({x}, self.{name}.weight, {bias}, ({stride[0]}, {stride[1]}), 0, "
                f"({dilation[0]}, {dilation[1]}), {groups})")

    def add_stage(self, lines, kernel, stride, padding, ceil, pad_value, note):
        method = f"stage_{len(self.stages)}"
        self.stages.append({"method": method, "kernel": kernel, "stride": stride, "padding": padding,
                            "ceilMode": ceil, "padValue": pad_value, "note": note})
        self.methods.append((method, lines))

    def conv_stage(self, module, where, post=(), pre=()):
        stride, padding, dilation, _ = conv_params(module, where)
        kernel = [dilation[i] * (int(module.weight.shape[2 + i]) - 1) + 1 for i in range(2)]
        lines = list(pre) + [f"x = {self.conv_call(module, where)}"] + list(post)
        self.add_stage(lines, kernel, stride, padding, False, 0.0, where)

    def pool_stage(self, module, where):
        kernel, stride, padding, dilation, ceil = pool_params(module, where)
        k = [dilation[i] * (kernel[i] - 1) + 1 for i in range(2)]
        lines = [f"x = F.max_pool2d(x, ({kernel[0]}, {kernel[1]}), ({stride[0]}, {stride[1]}), 0, "
                 f"({dilation[0]}, {dilation[1]}), False)"]
        self.add_stage(lines, k, stride, padding, ceil, "-inf", where)

    def pointwise(self, module):
        return f"x = self.{self.part(module)}(x)"

    def source(self):
        out = ["class Staged(nn.Module):",
               "    def __init__(self, original, parts):",
               "        super().__init__()",
               "        self.original = original",
               "        for k, v in parts.items():",
               "            setattr(self, k, v)",
               "",
               "    def forward(self, x):",
               "        return self.original(x)", ""]
        for method, lines in self.methods + [("head", self.head_lines)]:
            out += ["    @torch.jit.export", f"    def {method}(self, x):"]
            out += ["        " + line for line in lines] + ["        return x", ""]
        return "\n".join(out)


def squeezenet(model, b):
    """The Nexar SqueezeNet: Caffe preprocessing, conv1, max pools and fire modules, conv10, softmax."""
    pools = re.findall(r"max_pool2d\([^\[]*\[3, 3\], \[2, 2\], \[0, 0\], \[1, 1\], True\)", model.code)
    if len(pools) != 3 or model.code.count("max_pool2d(") != 3:
        raise Refused("the SqueezeNet's pooling is not three 3x3, stride 2, ceil-mode max pools")
    order = ["conv1", "pool", "fire2", "fire3", "fire4", "pool", "fire5", "fire6", "fire7", "fire8", "pool",
             "fire9", "conv10"]
    pre = ["x = x[:, [2, 1, 0]] * 255.0 - self.original.mean"]
    b.conv_stage(model.conv1, "conv1", post=["x = torch.relu(x)"], pre=pre)

    class Pool:
        code = "max_pool2d(x, [3, 3], [2, 2], [0, 0], [1, 1], True)"
    for step in order[1:]:
        if step == "pool":
            b.pool_stage(Pool, "max pool 3x3/2 (ceil)")
        elif step.startswith("fire"):
            fire = getattr(model, step)
            b.conv_stage(fire.squeeze, step + ".squeeze", post=["x = torch.relu(x)"])
            _, pad1, _, _ = conv_params(fire.expand1x1, step + ".expand1x1")
            _, pad3, _, _ = conv_params(fire.expand3x3, step + ".expand3x3")
            if pad1 != [0, 0] or pad3 != [1, 1] or tuple(fire.expand3x3.weight.shape[2:]) != (3, 3):
                raise Refused(f"{step}: the expands are not 1x1 and padded 3x3")
            one = b.conv_call(fire.expand1x1, step + ".expand1x1", crop=1)
            three = b.conv_call(fire.expand3x3, step + ".expand3x3")
            b.add_stage([f"x = torch.cat([torch.relu({one}), torch.relu({three})], 1)"], [3, 3], [1, 1], [1, 1],
                        False, 0.0, step + ".expand")
        else:
            b.conv_stage(model.conv10, "conv10", post=["x = torch.relu(x)"])
    b.head_lines = ["x = torch.softmax(torch.flatten(F.adaptive_avg_pool2d(x, [1, 1]), 1), 1)"]


def traffic_light_net(model, b):
    """The synthetic network: Sequential blocks of conv/BN/ReLU, a 1x1 evidence conv, log-sum-exp."""
    net = model.net
    blocks = list(net.features.named_children())
    for i, (name, block) in enumerate(blocks):
        kids = list(block.named_children())
        kinds = [k.original_name for _, k in kids]
        if kinds != ["Conv2d", "BatchNorm2d", "ReLU"]:
            raise Refused(f"net.features.{name}: expected Conv2d, BatchNorm2d, ReLU, found {', '.join(kinds)}")
        post = [b.pointwise(kids[1][1]), "x = torch.relu(x)"]
        if i == len(blocks) - 1:
            post.append(f"x = {b.conv_call(net.evidence, 'net.evidence')}")
            if conv_params(net.evidence, "net.evidence")[1] != [0, 0] or tuple(net.evidence.weight.shape[2:]) != (1, 1):
                raise Refused("net.evidence: expected an unpadded 1x1 convolution")
        b.conv_stage(kids[0][1], f"net.features.{name}", post=post)
    b.head_lines = ["m = torch.logsumexp(torch.flatten(x, 2), [2])",
                    "x = torch.softmax(torch.cat([torch.zeros_like(m[:, 0:1]), m], 1), 1)"]


def sequential(model, b):
    """A plain chain: conv/pool stages with pointwise modules after them, then a head."""
    kids = list(model.named_children())
    head_from = None
    pending = []
    for i, (name, kid) in enumerate(kids):
        kind = kid.original_name
        if kind == "Conv2d":
            b.conv_stage(kid, name)
        elif kind == "MaxPool2d":
            b.pool_stage(kid, name)
        elif kind in POINTWISE and b.stages:
            b.methods[-1][1].append(b.pointwise(kid))
        elif kind in HEAD and b.stages:
            head_from = i
            break
        else:
            raise Refused(f"module '{name}' ({kind}) cannot be staged: only Conv2d, MaxPool2d, BatchNorm2d and "
                          f"activations before the head")
    if head_from is None:
        raise Refused("no head (global pooling, Flatten, Linear) after the stages")
    lines = []
    for name, kid in kids[head_from:]:
        if kid.original_name not in HEAD and kid.original_name not in POINTWISE:
            raise Refused(f"module '{name}' ({kid.original_name}) is not understood in the head")
        lines.append(b.pointwise(kid))
    b.head_lines = lines


def why_not(model):
    """In plain words, what in the network keeps it from being a chain of window operations."""
    kinds = {m.original_name for m in model.modules()}
    if kinds & {"BasicBlock", "Bottleneck"}:
        return ("it adds each residual block's input to the block's output (a residual branch, with strided 1x1 "
                "shortcuts): a stage would read two earlier maps, which the stages do not support yet")
    if kinds & {"InvertedResidual"}:
        why = ("its inverted residual blocks add their input to their output (a residual branch) around depthwise "
               "convolutions")
        if kinds & {"SqueezeExcitation"}:
            why += ", and squeeze-and-excitation scales every channel by a global average inside the network"
        return why
    if kinds & {"SqueezeExcitation"}:
        return "squeeze-and-excitation scales every channel by a global average inside the network"
    if kinds & {"Inception", "InceptionA", "InceptionB", "InceptionC", "InceptionD", "InceptionE", "Fire"}:
        return "its blocks concatenate branches with different windows, which the stages do not support yet"
    return ("its forward pass is not a plain chain of modules (only nn.Sequential chains and the shipped networks "
            "are read)")


def build(model):
    b = Builder()
    kind = model.original_name
    if kind == "SqueezeNetV10":
        squeezenet(model, b)
    elif kind == "WithSoftmax" and hasattr(model, "net") and model.net.original_name == "TrafficLightNet":
        traffic_light_net(model, b)
    elif kind == "Sequential":
        sequential(model, b)
    else:
        raise Refused(f"a network of type {kind} cannot be staged: {why_not(model)}; it runs with full forward "
                      f"passes, as every model does without stages (staged: the shipped SqueezeNet and "
                      f"traffic-light network, and plain nn.Sequential chains of Conv2d, MaxPool2d, BatchNorm2d and "
                      f"activations with a global-pooling head)")
    code = b.source()
    filename = "<occlude-staged>"
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    namespace = {"torch": torch, "nn": nn, "F": F}
    exec(compile(code, filename, "exec"), namespace)
    staged = torch.jit.script(namespace["Staged"](model, b.parts))
    return staged, b.stages


def out_size(size, k, s, p, ceil):
    """torch's output length of a window k, stride s, padding p (ceil mode: a last window must start inside)."""
    if ceil:
        n = -(-(size + 2 * p - k) // s) + 1
        if (n - 1) * s >= size + p:
            n -= 1
        return n
    return (size + 2 * p - k) // s + 1


def run_stages(staged, stages, x):
    """The stages chained as the tool runs them: each input padded as declared, then the method."""
    for st in stages:
        h, w = x.shape[2], x.shape[3]
        (kh, kw), (sh, sw), (ph, pw) = st["kernel"], st["stride"], st["padding"]
        oh, ow = out_size(h, kh, sh, ph, st["ceilMode"]), out_size(w, kw, sw, pw, st["ceilMode"])
        bottom = max(ph, (oh - 1) * sh + kh - h - ph)
        right = max(pw, (ow - 1) * sw + kw - w - pw)
        value = float("-inf") if st["padValue"] == "-inf" else float(st["padValue"])
        x = F.pad(x, (pw, right, ph, bottom), value=value)
        x = getattr(staged, st["method"])(x)
        if tuple(x.shape[2:]) != (oh, ow):
            raise Refused(f"{st['method']} ({st['note']}): gave {tuple(x.shape[2:])}, expected {(oh, ow)}")
        st["output"] = [int(x.shape[1]), oh, ow]
    return staged.head(x)


def compact(declaration):
    """JSON with one line per stage, so that a reader sees the network's windows at a glance."""
    lines = ",\n".join("  " + json.dumps(st) for st in declaration["stages"])
    rest = {k: v for k, v in declaration.items() if k != "stages"}
    head = json.dumps(rest, indent=1)[:-2]
    return head + ',\n "stages": [\n' + lines + "\n ]\n}\n"


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: export_incremental.py MODEL_DIR OUT_DIR")
    src, out = os.path.normpath(sys.argv[1]), os.path.normpath(sys.argv[2])
    props_file = os.path.join(src, "serving.properties")
    if not os.path.isfile(props_file):
        raise SystemExit(f"export-incremental: {src}: no serving.properties (a DJL model directory is expected)")
    if os.path.abspath(src) == os.path.abspath(out):
        raise SystemExit(f"export-incremental: {out}: the output must be another directory (inputs are never "
                         f"overwritten)")
    if os.path.exists(out) and os.listdir(out):
        raise SystemExit(f"export-incremental: {out}: exists and is not empty")
    props = read_properties(props_file)
    if props.get("engine", "PyTorch") != "PyTorch":
        raise SystemExit(f"export-incremental: {src}: engine={props['engine']}: only TorchScript models can be staged")
    name = props.get("option.modelName", os.path.basename(src))
    width, height = int(props.get("width", 224)), int(props.get("height", 224))
    model = torch.jit.load(os.path.join(src, name + ".pt")).eval()
    if model.original_name == "Staged" and hasattr(model, "original"):
        model = model.original  # staged before (the shipped models are): staged again from the network it keeps
    try:
        staged, stages = build(model)
    except Refused as e:
        raise SystemExit(f"export-incremental: {src}: {e}")
    generator = torch.Generator().manual_seed(0)
    worst = 0.0
    with torch.no_grad():
        for trial in range(4):
            x = torch.rand(2, 3, height, width, generator=generator)
            if trial % 2:
                x = (x - 0.45) / 0.225  # normalised inputs too: a model may see either range
            want = model(x)
            got = run_stages(staged, stages, x)
            if not torch.equal(staged(x), want):
                raise SystemExit("export-incremental: the staged forward differs from the original")
            worst = max(worst, float((got - want).abs().max()))
    if worst > 1e-5:
        raise SystemExit(f"export-incremental: the stages differ from the original network by {worst:.3g}")
    for st in stages:
        st.pop("note")
    parent = os.path.dirname(os.path.abspath(out))
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix=".export-", dir=parent)
    try:
        for entry in os.listdir(src):
            path = os.path.join(src, entry)
            if os.path.isfile(path) and entry not in (name + ".pt", "stages.json"):
                shutil.copy(path, os.path.join(work, entry))
        staged.save(os.path.join(work, name + ".pt"))
        if "option.modelName" not in props and os.path.basename(out) != name:
            # the network keeps its name; DJL would otherwise look for OUT_DIR's name
            with open(os.path.join(work, "serving.properties"), "a", encoding="utf-8") as f:
                f.write(f"\n# staged by scripts/export-incremental; the network keeps its file name\noption.modelName={name}\n")
        declaration = {"format": "occlude-stages/1", "input": [3, height, width], "stages": stages, "head": "head",
                       "checked": f"stages chained with their padding equal the original within {worst:.2g} on 8 "
                                  f"random inputs"}
        with open(os.path.join(work, "stages.json"), "w", encoding="utf-8") as f:
            f.write(compact(declaration))
        os.chmod(work, 0o755)
        if os.path.exists(out):
            os.rmdir(out)
        os.replace(work, out)
    finally:
        if os.path.exists(work):
            shutil.rmtree(work)
    print(f"export-incremental: wrote {out}: {len(stages)} stages; chained they equal the original within "
          f"{worst:.2g}", flush=True)


if __name__ == "__main__":
    main()
