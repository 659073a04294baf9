"""Writes the stages and the head of a cut graph as TorchScript methods, one line per graph operation.

Each method is the graph's own operations (`torch.ops.aten.*` with the graph's arguments), with the
frozen weights kept as buffers. A window operation whose input the tool cuts and pads itself is
written with no padding and no ceil mode; everything else is written as the graph has it.
"""
import linecache

import torch
import torch.nn as nn

from stage_graph import Refused, base_kind, order_of

# positions of the padding (and ceil mode) arguments the tool takes over, per window operation
PADDING = {"aten::conv2d": (4, None), "aten::_convolution": (4, None), "aten::max_pool2d": (3, 5),
           "aten::avg_pool2d": (3, 4)}


class Emitter:
    def __init__(self):
        self.buffers = {}  # name -> tensor
        self.by_id = {}  # id(tensor) -> name, so a shared weight is kept once

    def literal(self, value, typ):
        if isinstance(value, torch.Tensor):
            key = id(value)
            if key not in self.by_id:
                self.by_id[key] = f"w{len(self.buffers)}"
                self.buffers[self.by_id[key]] = value
            return "self." + self.by_id[key]
        if isinstance(value, torch.device):
            return f'torch.device("{value}")'
        if isinstance(value, list) and any(v is None or isinstance(v, torch.Tensor) for v in value):
            inner = ", ".join("None" if v is None else self.literal(v, None) for v in value)
            return f"torch.jit.annotate({typ}, [{inner}])"
        if isinstance(value, (list, tuple)) and not value:
            inner = str(typ).replace("List[", "").rstrip("]") if str(typ).startswith("List[") else "int"
            inner = {"int": "int", "float": "float", "bool": "bool", "Tensor": "Tensor"}.get(inner, "int")
            return f"torch.jit.annotate(List[{inner}], [])"
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            return f'float("{value}")'
        return repr(value)

    def method(self, name, params, outputs, given, window_args):
        """TorchScript source of a method computing `outputs` from its parameters.

        given: value -> parameter index (read as it is); window_args: window node -> parameter index
        of its (cut and padded) input.
        """
        names = {}
        for v, i in given.items():
            names[v] = params[i]
        nodes = set()
        stack = [v.node() for v in outputs if v not in given]
        while stack:
            n = stack.pop()
            if n in nodes:
                continue
            nodes.add(n)
            for i, v in enumerate(n.inputs()):
                if (n in window_args and i == 0) or v in given:
                    continue
                if v.node().kind() == "prim::Param":
                    raise Refused("a stage reads the image where it should read a map (internal error)")
                if v.node().kind() != "prim::Constant":
                    stack.append(v.node())
        lines = [f"    @torch.jit.export", f"    def {name}(self, {', '.join(p + ': Tensor' for p in params)}):"]
        for n in sorted(nodes, key=order_of):
            lines.append("        " + self.line(n, names, window_args.get(n), params))
        lines.append("        return " + ", ".join(self.ref(v, names) for v in outputs))
        return lines

    def ref(self, v, names):
        if v in names:
            return names[v]
        if v.node().kind() == "prim::Constant":
            return self.literal(v.toIValue(), v.type())
        raise Refused(f"value {v.debugName()} is used before it is computed (internal error)")

    def line(self, n, names, window_arg, params):
        kind = n.kind()
        outs = list(n.outputs())
        for o in outs:
            names[o] = f"v{o.unique()}"
        target = ", ".join(names[o] for o in outs)
        args = [params[window_arg] if window_arg is not None and i == 0 else self.ref(v, names)
                for i, v in enumerate(n.inputs())]
        if window_arg is not None:
            pad, ceil = PADDING[kind]
            args[pad] = "[0, 0]"
            if ceil is not None:
                args[ceil] = "False"
        if kind == "prim::ListConstruct":
            elem = str(outs[0].type())
            if not args:
                return f"{target} = {self.literal([], elem)}"
            return f"{target} = [{', '.join(args)}]"
        if kind == "prim::TupleConstruct":
            return f"{target} = ({', '.join(args)},)"
        if kind in ("prim::TupleUnpack", "prim::ListUnpack"):
            return f"{target}, = {args[0]}" if len(outs) == 1 else f"{target} = {args[0]}"
        if kind == "prim::NumToTensor":
            return f"{target} = torch.scalar_tensor({args[0]})"
        if kind == "aten::Int":
            return f"{target} = int({args[0]})"
        if kind == "aten::Float":
            return f"{target} = float({args[0]})"
        if kind == "prim::dtype":
            return f"{target} = {args[0]}.dtype"
        if not kind.startswith("aten::") or list(n.blocks()):
            raise Refused(f"the operation {kind} cannot be written as a method")
        name = kind.split("::", 1)[1]
        if name.endswith("_") and not name.endswith("__"):
            name = base_kind(kind)  # in-place on a value nothing else reads: the same result out of place
        schema = torch._C.parse_schema(n.schema()) if n.schema() != "(no schema)" else None
        parts = []
        for i, a in enumerate(args):
            arg = schema.arguments[i] if schema and i < len(schema.arguments) else None
            parts.append(f"{arg.name}={a}" if arg is not None and arg.kwarg_only else a)
        return f"{target} = torch.ops.aten.{name}({', '.join(parts)})"


def build(model, stages, head_inputs, graph_outputs):
    """The staged module: the original `forward`, `stage_K(maps...)` per stage and `head(maps...)`."""
    e = Emitter()
    source = ["class Staged(nn.Module):",
              "    def __init__(self, original, weights):",
              "        super().__init__()",
              "        self.original = original",
              "        for k, v in weights.items():",
              "            self.register_buffer(k, v)",
              "",
              "    def forward(self, x):",
              "        return self.original(x)", ""]
    for k, st in enumerate(stages):
        params = [f"a{i}" for i in range(len(st.inputs))]
        source += e.method(f"stage_{k}", params, [st.output], st.given, st.window_args) + [""]
    params = [f"a{i}" for i in range(len(head_inputs))]
    source += e.method("head", params, graph_outputs, {v: i for i, v in enumerate(head_inputs)}, {})
    code = "\n".join(source) + "\n"
    filename = "<occlude-staged>"
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    namespace = {"torch": torch, "nn": nn, "Tensor": torch.Tensor, "List": list}
    from typing import List
    from typing import Optional
    namespace["List"] = List
    namespace["Optional"] = Optional
    exec(compile(code, filename, "exec"), namespace)
    try:
        return torch.jit.script(namespace["Staged"](model, e.buffers)), code
    except Exception as ex:  # the compiler's message names the line it could not read
        raise Refused(f"the stages could not be compiled: {str(ex).strip().splitlines()[0]}") from ex
