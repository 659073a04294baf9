"""Reads a TorchScript network's graph and cuts it into stages for occlude's incremental inference.

The network is frozen (weights become constants, batch norms fold into convolutions, calls are
inlined), then every operation is read from the graph, whatever modules wrote it:

- a *window* operation (a convolution of any kernel, stride, dilation and groups, a max pooling, an
  average pooling that counts its zero padding) makes each output position depend on a window of
  its input;
- a *pointwise* operation (activations, additions and products of maps, concatenation of channels,
  1x1 convolutions, ...) makes it depend on the same position of its inputs;
- anything else (a global pooling, a squeeze-and-excitation scale, a resize, a flatten, attention)
  makes every position depend on the whole map: the network is staged up to there, and the rest
  (the *head*) runs on whole maps.

Stages are groups of operations whose output is one map, computed from input maps that each reach it
through at most one window operation, so that a window of the output needs one window of each
input, each with its own geometry (a residual add reads the block input 1x1 and the branch 3x3; a
strided shortcut reads it 1x1 with stride 2).
"""
import torch

WINDOW = {"aten::conv2d", "aten::_convolution", "aten::max_pool2d", "aten::avg_pool2d"}
UNARY = {"relu", "relu6", "hardtanh", "hardswish", "hardsigmoid", "silu", "sigmoid", "tanh", "gelu", "leaky_relu",
         "elu", "selu", "celu", "mish", "softplus", "clamp", "clamp_min", "clamp_max", "batch_norm", "dropout",
         "feature_dropout", "alpha_dropout", "contiguous", "neg", "exp", "log", "sqrt", "rsqrt", "abs", "square",
         "pow", "prelu", "softmax", "log_softmax", "reciprocal", "erf", "detach", "clone"}
BINARY = {"add", "sub", "rsub", "mul", "div", "maximum", "minimum", "max", "min"}
# ops on shapes and lists that the head may use as they are
STRUCTURE = {"prim::Constant", "prim::ListConstruct", "prim::TupleConstruct"}


class Refused(Exception):
    pass


def base_kind(kind):
    """aten::relu_ -> relu: in-place and out-of-place versions are the same operation here."""
    name = kind.split("::", 1)[1]
    return name[:-1] if name.endswith("_") and not name.endswith("__") else name


def where(node):
    """A short, readable place for a node: after the module whose weights the nearest convolution before it uses."""
    ordered = sorted(_ORDER, key=_ORDER.get)
    for n in reversed(ordered[:_ORDER.get(node, 0)]):
        if n.kind() in ("aten::conv2d", "aten::_convolution"):
            name = list(n.inputs())[1].debugName()
            name = name[5:] if name.startswith("self.") else name
            return "after " + name.split(".weight")[0]
    return "at the start"


def constant(value):
    """The Python value of a value computed without the input, or raises KeyError."""
    node = value.node()
    if node.kind() == "prim::Constant":
        return value.toIValue()
    if node.kind() == "prim::ListConstruct":
        return [constant(v) for v in node.inputs()]
    raise KeyError(value.debugName())


def pair(v):
    return [int(v), int(v)] if isinstance(v, int) else [int(v[0]), int(v[1])]


class Window:
    """The window geometry of an operation on one input: extent, stride, padding, ceil mode, pad value."""

    def __init__(self, kernel, stride, padding, ceil, pad_value):
        self.kernel, self.stride, self.padding, self.ceil, self.pad_value = kernel, stride, padding, ceil, pad_value

    def json(self):
        return {"kernel": self.kernel, "stride": self.stride, "padding": self.padding, "ceilMode": self.ceil,
                "padValue": self.pad_value}


IDENTITY = Window([1, 1], [1, 1], [0, 0], False, 0.0)


def window_of(node):
    """The geometry of a window operation, or a string saying why it cannot be staged, or None if pointwise."""
    kind = node.kind()
    args = list(node.inputs())
    try:
        if kind in ("aten::conv2d", "aten::_convolution"):
            if kind == "aten::_convolution" and constant(args[6]):
                return "a transposed convolution"
            weight = constant(args[1])
            size = [int(weight.shape[2]), int(weight.shape[3])]
            stride, dilation = pair(constant(args[3])), pair(constant(args[5]))
            padding = constant(args[4])
            if isinstance(padding, str):
                if padding == "valid":
                    padding = [0, 0]
                elif all(d * (k - 1) % 2 == 0 for d, k in zip(dilation, size)) and stride == [1, 1]:
                    padding = [d * (k - 1) // 2 for d, k in zip(dilation, size)]
                else:
                    return "a convolution padded 'same' unevenly"
            padding = pair(padding)
            kernel = [dilation[i] * (size[i] - 1) + 1 for i in range(2)]
            if kernel == [1, 1] and stride == [1, 1] and padding == [0, 0]:
                return None  # a 1x1 convolution mixes channels at each position
            return Window(kernel, stride, padding, False, 0.0)
        if kind == "aten::max_pool2d":
            size, stride = pair(constant(args[1])), constant(args[2])
            stride = pair(stride) if stride else size
            padding, dilation, ceil = pair(constant(args[3])), pair(constant(args[4])), bool(constant(args[5]))
            kernel = [dilation[i] * (size[i] - 1) + 1 for i in range(2)]
            return Window(kernel, stride, padding, ceil, "-inf")
        if kind == "aten::avg_pool2d":
            size, stride = pair(constant(args[1])), constant(args[2])
            stride = pair(stride) if stride else size
            padding, ceil, include = pair(constant(args[3])), bool(constant(args[4])), bool(constant(args[5]))
            if constant(args[6]) is not None:
                return "an average pooling with a divisor override"
            if ceil:
                return "an average pooling in ceil mode (its last windows divide by fewer values)"
            if padding != [0, 0] and not include:
                return "an average pooling that leaves its padding out of the count (its edge windows divide by fewer values)"
            return Window(size, stride, padding, False, 0.0)
    except KeyError as e:
        return f"a {kind} whose parameters are computed from the input ({e})"
    raise AssertionError(kind)


def is_spatially_constant(value):
    """A constant operand that is the same at every position (a scalar, or sized 1 in height and width)."""
    try:
        v = constant(value)
    except KeyError:
        return False
    if isinstance(v, torch.Tensor):
        return v.dim() < 3 or (v.dim() <= 4 and v.shape[-1] == 1 and v.shape[-2] == 1)
    return True


def pointwise(node, local):
    """True when each output position depends only on the same position of its local inputs."""
    kind = node.kind()
    if not kind.startswith("aten::"):
        return False
    name = base_kind(kind)
    args = list(node.inputs())
    dyn = [a for a in args if a in local]
    others = [a for a in args if a not in local]
    if kind in ("aten::conv2d", "aten::_convolution"):
        return window_of(node) is None and args[0] in local and all(is_spatially_constant(a) for a in args[1:])
    if name == "cat":
        parts = args[0].node()
        if parts.kind() != "prim::ListConstruct" or not all(p in local for p in parts.inputs()):
            return False
        return constant(args[1]) in (1, -3)
    if name == "slice":
        # a slice of channels, or a slice that keeps every position (x[:, :, :, :])
        if args[0] not in local or not all(is_spatially_constant(a) for a in args[1:]):
            return False
        dim, start, end, step = (constant(a) for a in args[1:5])
        return dim in (1, -3) or dim == 0 or ((start or 0) == 0 and (end is None or end >= 2 ** 62) and step == 1)
    if name == "index":
        # a channel gather, as x[:, [2, 1, 0]]
        try:
            idx = constant(args[1])
        except KeyError:
            return False
        return (args[0] in local and len(idx) == 2 and idx[0] is None and isinstance(idx[1], torch.Tensor)
                and idx[1].dim() == 1)
    if name == "index_select":
        return args[0] in local and constant(args[1]) in (1, -3) and is_spatially_constant(args[2])
    if name in ("softmax", "log_softmax"):
        return args[0] in local and constant(args[1]) in (1, -3) and all(is_spatially_constant(a) for a in others)
    if name in UNARY:
        return args and args[0] in local and len(dyn) == 1 and all(is_spatially_constant(a) for a in others)
    if name in BINARY:
        return bool(dyn) and all(is_spatially_constant(a) for a in others)
    return False


class Stage:
    def __init__(self, output):
        self.output = output  # the value the stage computes
        self.nodes = []  # in graph order
        self.inputs = []  # (value, Window), one per method argument
        self.window_args = {}  # window node -> the argument its input comes from (padding left to the tool)
        self.given = {}  # value read as it is -> its argument


def live_nodes(graph):
    """Nodes that the output depends on, in graph order (assertions and dead code dropped)."""
    needed = set()
    stack = [v for v in graph.return_node().inputs()]
    seen = set()
    while stack:
        v = stack.pop()
        if v in seen:
            continue
        seen.add(v)
        n = v.node()
        if n.kind() == "prim::Param":
            continue
        needed.add(n)
        stack.extend(n.inputs())
        for block in n.blocks():
            for inner in block.nodes():
                stack.extend(inner.inputs())
            stack.extend(block.returnNode().inputs())
    return [n for n in graph.nodes() if n in needed]


def cut(graph):
    """Splits the live graph into stages and the head.

    Returns (stages, head_inputs, reason): stages in order; the staged maps the head reads; and what
    makes the head start where it does, in words.
    """
    x = list(graph.inputs())[1]
    nodes = live_nodes(graph)
    local = {x}
    staged_nodes = []
    first_global = None
    for n in nodes:
        if n.kind() in STRUCTURE:
            continue
        if not any(v in local for v in reads(n)):
            continue
        if n.kind() in WINDOW and list(n.inputs())[0] in local and len(list(n.outputs())) == 1:
            w = window_of(n)
            if not isinstance(w, str):
                local.add(n.output())
                staged_nodes.append(n)
                continue
            if isinstance(w, str) and first_global is None:
                first_global = (n, w)
        elif len(list(n.outputs())) == 1 and pointwise(n, local):
            local.add(n.output())
            staged_nodes.append(n)
            continue
        if first_global is None:
            first_global = (n, None)
    staged_set = set(staged_nodes)
    head_inputs = []
    users = {}
    for n in nodes:
        if n.kind() in ("prim::Constant", "prim::ListConstruct"):
            continue
        for v in reads(n):
            users.setdefault(v, []).append(n)
            if n not in staged_set and v in local and v not in head_inputs:
                head_inputs.append(v)
    for v in graph.return_node().inputs():
        if v in local and v not in head_inputs:
            head_inputs.append(v)
    if x in head_inputs or not staged_nodes:
        n, why = first_global or (None, None)
        what = why or GLOBAL_WORDS.get(base_kind(n.kind()), f"the operation {base_kind(n.kind())}") if n else "none"
        raise Refused(f"its first operation on the image is {what}, which needs the whole image")
    boundaries = {x} | set(head_inputs)
    for v, us in users.items():
        if v in local and (len(us) > 1 or any(u.kind() in WINDOW and window_of(u) is not None for u in us)):
            boundaries.add(v)
    stages = [group(n.output(), boundaries, local) for n in staged_nodes if n.output() in boundaries]
    reason = describe(*first_global, local) if first_global else "the network's end"
    return stages, head_inputs, reason


GLOBAL_WORDS = {"adaptive_avg_pool2d": "a global average pooling", "mean": "a mean over the map",
                "adaptive_max_pool2d": "a global max pooling", "flatten": "a flatten", "view": "a reshape",
                "reshape": "a reshape", "upsample_bilinear2d": "a resize", "upsample_nearest2d": "a resize",
                "interpolate": "a resize", "linear": "a fully connected layer", "matmul": "a matrix product",
                "softmax": "a softmax over positions", "max_pool2d_with_indices": "a max pooling with indices"}


def describe(node, why, local=None):
    """What starts the head, in words: a squeeze-and-excitation scale, the final pooling, or the operation."""
    if node is None:
        return "the network's end"
    place = where(node)
    if why:
        return f"{why} ({place})"
    name = base_kind(node.kind())
    what = GLOBAL_WORDS.get(name, f"the operation {name}")
    if local is not None and scales_a_map(node, local):
        return (f"a squeeze-and-excitation block ({place}): {what} whose result scales every channel, so every "
                f"position after it depends on the whole map")
    return f"{what} ({place}), which needs the whole map"


def scales_a_map(node, local, depth=8):
    """Whether a global result comes back to multiply a staged map within a few operations (squeeze-and-excitation)."""
    frontier = [node]
    for _ in range(depth):
        following = []
        for n in frontier:
            for out in n.outputs():
                for use in out.uses():
                    user = use.user
                    if base_kind(user.kind()) in ("mul", "div") and any(v in local for v in user.inputs()):
                        return True
                    following.append(user)
        frontier = following
    return False


def group(output, boundaries, local):
    """The stage computing a boundary map: the nodes back to the maps it reads, each read either through
    one window operation (that operation's geometry) or as it is (1x1)."""
    stage = Stage(output)
    members = set()
    stack = [output.node()]
    while stack:
        n = stack.pop()
        if n in members:
            continue
        members.add(n)
        window = window_of(n) if n.kind() in WINDOW else None
        for i, v in enumerate(reads(n)):
            if v not in local:
                continue  # a constant, written into the method
            if window is not None and i == 0:
                stage.window_args[n] = len(stage.inputs)
                stage.inputs.append((v, window))
            elif v in boundaries:
                if v not in stage.given:
                    stage.given[v] = len(stage.inputs)
                    stage.inputs.append((v, IDENTITY))
            else:
                stack.append(v.node())
    stage.nodes = sorted(members, key=order_of)
    return stage


def reads(node):
    """A node's inputs, looking through the list a concatenation takes."""
    values = []
    for v in node.inputs():
        if v.node().kind() == "prim::ListConstruct":
            values.extend(v.node().inputs())
        else:
            values.append(v)
    return values


_ORDER = {}


def number(graph):
    """Remembers each node's place in the graph, so that a stage's nodes are emitted in order."""
    _ORDER.clear()
    for i, n in enumerate(graph.nodes()):
        _ORDER[n] = i


def order_of(node):
    return _ORDER[node]
