"""Writes a staged copy of a TorchScript DJL model directory, for occlude's incremental inference.

Usage: export_incremental.py MODEL_DIR OUT_DIR

The network's graph is read operation by operation (stage_graph.py), whatever modules wrote it,
traced or scripted: it is cut into stages, each one map computed from earlier maps through at most
one window operation per map read (convolutions of any kernel, stride, dilation and groups, max
pooling, average pooling), with pointwise work after it (activations, residual additions,
concatenations, 1x1 convolutions). Where an operation makes every position depend on the whole map
(a squeeze-and-excitation scale, a global pooling, a resize) the stages stop and the rest is the
head, run on whole maps. The staged TorchScript keeps the original network as `forward` and adds
`stage_K(maps...)`, which computes stage K *without padding*, and `head(maps...)`. stages.json
declares, per stage, the maps it reads and, per map, the window: kernel, stride, padding, ceil mode
and the value padding stands for, so that the tool can pad a window of each map itself and
recompute only what an occluded patch changes. Checked on the spot: the stages, padded as declared
and run in order, reproduce the original network on random inputs.
"""
import json
import os
import shutil
import sys

try:
    import torch
    import torch.nn.functional as F
except ImportError as e:  # the wrapper found torch without importing it; one that does not load is one line too
    print(f"export-incremental: {sys.executable} cannot import torch ({e})", file=sys.stderr, flush=True)
    sys.exit(2)

from model_dir import Staging, channels, check_input, fail, load, network_name, output, run, size, source
from stage_code import build
from stage_graph import WINDOW, Refused, cut, live_nodes, number
from stage_macs import head_macs, per_position

FORMAT = "occlude-stages/2"


def stage(model, c, height, width):
    """The staged module and its declaration; raises Refused saying why a network cannot be staged."""
    # batch norms kept as they are (not folded into the convolutions): the stages then compute what the
    # original computes, operation for operation, and agree with it to rounding
    frozen = torch.jit.freeze(model.eval(), optimize_numerics=False)
    graph = frozen.graph
    torch._C._jit_pass_remove_mutation(graph)
    number(graph)
    if len(list(graph.inputs())) != 2:
        raise Refused("its forward takes more than one input")
    outputs = list(graph.return_node().inputs())
    stages, head_inputs, reason = cut(graph)
    maps = {list(graph.inputs())[1]: 0}
    for k, st in enumerate(stages):
        maps[st.output] = k + 1
    staged, code = build(model, stages, head_inputs, outputs)
    declaration = []
    for k, st in enumerate(stages):
        declaration.append({"method": f"stage_{k}",
                            "inputs": [dict({"map": maps[v]}, **w.json()) for v, w in st.inputs],
                            "macsPerPosition": per_position(st)})
    total = sum(1 for n in live_nodes(graph) if n.kind() in WINDOW)
    inside = sum(1 for st in stages for n in st.nodes if n.kind() in WINDOW)
    head = {"method": "head", "inputs": [maps[v] for v in head_inputs], "from": reason,
            "staged": f"{inside} of the network's {total} convolutions and poolings"}
    macs = head_macs(graph, stages, c, height, width)
    if macs is not None:
        head["macs"] = macs
    return staged, declaration, head


def out_size(size, k, s, p, ceil):
    """torch's output length of a window k, stride s, padding p (ceil mode: a last window must start inside)."""
    if ceil:
        n = -(-(size + 2 * p - k) // s) + 1
        if (n - 1) * s >= size + p:
            n -= 1
        return n
    return (size + 2 * p - k) // s + 1


def pad(x, st):
    """A map padded as the tool pads it for one window: the declared padding and what ceil mode adds."""
    h, w = x.shape[2], x.shape[3]
    (kh, kw), (sh, sw), (ph, pw) = st["kernel"], st["stride"], st["padding"]
    oh, ow = out_size(h, kh, sh, ph, st["ceilMode"]), out_size(w, kw, sw, pw, st["ceilMode"])
    bottom = max(ph, (oh - 1) * sh + kh - h - ph)
    right = max(pw, (ow - 1) * sw + kw - w - pw)
    value = float("-inf") if st["padValue"] == "-inf" else float(st["padValue"])
    return F.pad(x, (pw, right, ph, bottom), value=value), (oh, ow)


def run_stages(staged, stages, head, x):
    """The stages run as the tool runs them: each map they read padded as declared, then the method."""
    maps = [x]
    for st in stages:
        args, size = [], None
        for i in st["inputs"]:
            padded, out = pad(maps[i["map"]], i)
            if size not in (None, out):
                raise Refused(f"{st['method']} reads maps that give outputs of {size} and {out}")
            args.append(padded)
            size = out
        y = getattr(staged, st["method"])(*args)
        if tuple(y.shape[2:]) != size:
            raise Refused(f"{st['method']}: gave {tuple(y.shape[2:])}, expected {size}")
        st["output"] = [int(y.shape[1]), size[0], size[1]]
        maps.append(y)
    return staged.head(*[maps[m] for m in head["inputs"]])


def compact(declaration):
    """JSON with one line per stage, so that a reader sees the network's windows at a glance."""
    lines = ",\n".join("  " + json.dumps(st, separators=(", ", ": ")) for st in declaration["stages"])
    rest = {k: v for k, v in declaration.items() if k != "stages"}
    head = json.dumps(rest, indent=1)[:-2]
    return head + ',\n "stages": [\n' + lines + "\n ]\n}\n"


def main():
    if len(sys.argv) != 3:
        fail("usage: scripts/export-incremental MODEL_DIR OUT_DIR")
    src, out = os.path.normpath(sys.argv[1]), os.path.normpath(sys.argv[2])
    props = source(src)
    output(src, out)
    if props.get("engine", "PyTorch") != "PyTorch":
        fail(f"{src}: engine={props['engine']}: only TorchScript models can be staged")
    name = network_name(props, src)
    # without a size the network sees each frame at its own size; the stages are checked on 224x224
    height, width = size(props, src) or (224, 224)
    c = channels(props)
    model = load(torch, src, props, "scripts/export-incremental")
    if model.original_name == "Staged" and hasattr(model, "original"):
        model = model.original  # staged before (the shipped models are): staged again from the network it keeps
    check_input(torch, model, src, c, height, width)
    try:
        staged, stages, head = stage(model, c, height, width)
    except Refused as e:
        fail(f"{src}: cannot be staged: {e}; it runs with full forward passes, as every model does without stages")
    generator = torch.Generator().manual_seed(0)
    worst = 0.0
    with torch.no_grad():
        for trial in range(4):
            x = torch.rand(2, c, height, width, generator=generator)
            if trial % 2:
                x = (x - 0.45) / 0.225  # normalised inputs too: a model may see either range
            want = model(x)
            got = run_stages(staged, stages, head, x)
            if not torch.equal(staged(x), want):
                fail(f"{src}: the staged forward differs from the original (please report it); nothing written")
            # relative to the outputs' size: random logits of a deep network reach the hundreds
            worst = max(worst, float((got - want).abs().max()) / max(1.0, float(want.abs().max())))
    if worst > 1e-4:
        fail(f"{src}: the stages differ from the original network by {worst:.3g} of its largest output (please "
             f"report it); nothing written; it runs with full forward passes without stages")
    staging = Staging(out)
    with staging as work:
        for entry in os.listdir(src):
            path = os.path.join(src, entry)
            if os.path.isfile(path) and entry not in (name + ".pt", "stages.json"):
                shutil.copy(path, os.path.join(work, entry))
        staged.save(os.path.join(work, name + ".pt"))
        if "option.modelName" not in props and os.path.basename(out) != name:
            # the network keeps its name; DJL would otherwise look for OUT_DIR's name
            with open(os.path.join(work, "serving.properties"), "a", encoding="utf-8") as f:
                f.write(f"\n# staged by scripts/export-incremental; the network keeps its file name\noption.modelName={name}\n")
        declaration = {"format": FORMAT, "input": [c, height, width], "head": head,
                       "checked": f"the stages run in order with their padding equal the original within "
                                  f"{worst:.2g} of its largest output on 8 random inputs", "stages": stages}
        with open(os.path.join(work, "stages.json"), "w", encoding="utf-8") as f:
            f.write(compact(declaration))
        staging.commit()
    how = "fully" if head["staged"].split(" of ")[0] == head["staged"].split("'s ")[1].split(" ")[0] else "partly"
    print(f"export-incremental: wrote {out}: staged {how}, {len(stages)} stages holding {head['staged']}; the head "
          f"starts at {head['from']}; run in order they equal the original within {worst:.2g}", flush=True)


if __name__ == "__main__":
    run("export-incremental", main)
