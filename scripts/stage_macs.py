"""Counts a staged network's multiply-adds, so that the tool can say how far its incremental scan is
from the bound: per stage, the multiply-adds of one output position (the convolutions in it); for the
head, its multiply-adds on the declared input (convolutions and fully connected layers, measured by
running the graph one operation at a time on an input of that size). Pooling, activations and
additions are not multiply-adds and are not counted.
"""
import torch

from stage_graph import base_kind, live_nodes

CONVOLUTIONS = ("aten::conv2d", "aten::_convolution")


def per_position(stage):
    """Multiply-adds of one output position of a stage: every convolution's weight, once."""
    return sum(int(list(n.inputs())[1].toIValue().numel()) for n in stage.nodes if n.kind() in CONVOLUTIONS)


def run_graph(graph, x):
    """Each live value's result on input x, computed operation by operation."""
    env = {list(graph.inputs())[1]: x}

    def get(v):
        if v in env:
            return env[v]
        return v.toIValue()

    for n in live_nodes(graph):
        kind = n.kind()
        args = [get(v) for v in n.inputs()]
        outs = list(n.outputs())
        if kind == "prim::Constant":
            env[outs[0]] = outs[0].toIValue()
        elif kind == "prim::ListConstruct":
            env[outs[0]] = list(args)
        elif kind == "prim::TupleConstruct":
            env[outs[0]] = tuple(args)
        elif kind in ("prim::TupleUnpack", "prim::ListUnpack"):
            for o, value in zip(outs, args[0]):
                env[o] = value
        elif kind == "aten::Int":
            env[outs[0]] = int(args[0])
        elif kind == "prim::NumToTensor":
            env[outs[0]] = torch.scalar_tensor(args[0])
        elif kind.startswith("aten::"):
            schema = torch._C.parse_schema(n.schema())
            positional = [a for a, s in zip(args, schema.arguments) if not s.kwarg_only]
            named = {s.name: a for a, s in zip(args, schema.arguments) if s.kwarg_only}
            result = getattr(torch.ops.aten, base_kind(kind))(*positional, **named)
            if len(outs) == 1:
                env[outs[0]] = result
            else:
                for o, value in zip(outs, result):
                    env[o] = value
        else:
            return None  # an operation this counter does not run: no head figure
    return env


def head_macs(graph, stages, channels, height, width):
    """Multiply-adds of the head (what no stage holds) on one input of channels x height x width, or None."""
    staged = {n for st in stages for n in st.nodes}
    with torch.no_grad():
        env = run_graph(graph, torch.rand(1, channels, height, width))
    if env is None:
        return None
    total = 0
    for n in live_nodes(graph):
        if n in staged:
            continue
        if n.kind() in CONVOLUTIONS:
            out = env[n.output()]
            total += int(list(n.inputs())[1].toIValue().numel()) * out.shape[2] * out.shape[3]
        elif base_kind(n.kind()) == "linear":
            out = env[n.output()]
            total += int(list(n.inputs())[1].toIValue().numel()) * (out.numel() // out.shape[-1])
    return total
