"""What both exporters read of a DJL model directory, and how they fail: one line on stderr naming the
directory and what to do, exit 2, never a Python traceback; outputs written beside the target and
renamed into place, so a failure leaves nothing behind.
"""
import os
import re
import shutil
import sys
import tempfile
import traceback


class Failed(Exception):
    """A refusal: its message is the whole line (after the tool's name)."""


def fail(message):
    raise Failed(message)


def run(tool, main):
    """Runs main(); a refusal or any unexpected error becomes one line and exit 2."""
    try:
        main()
    except Failed as e:
        print(f"{tool}: {e}", file=sys.stderr, flush=True)
        sys.exit(2)
    except KeyboardInterrupt:
        print(f"{tool}: interrupted; nothing written", file=sys.stderr, flush=True)
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - every other error is one line too, with where it came from
        first = str(e).strip().splitlines()[0] if str(e).strip() else ""
        where = traceback.extract_tb(e.__traceback__)[-1]
        print(f"{tool}: failed: {type(e).__name__}: {first} (at {os.path.basename(where.filename)}:{where.lineno}); "
              f"nothing written; please report it with the model directory's serving.properties",
              file=sys.stderr, flush=True)
        sys.exit(2)


def read_properties(path):
    """serving.properties as a dict (Java properties: key=value or key:value, # and ! comments)."""
    props = {}
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#!":
                continue
            sep = min((i for i in (line.find("="), line.find(":")) if i >= 0), default=-1)
            if sep > 0:
                props[line[:sep].strip()] = line[sep + 1:].strip()
    return props


def source(src):
    """The model directory's serving.properties, checked: the directory exists and has one."""
    if not os.path.exists(src):
        fail(f"{src}: no such directory")
    if not os.path.isdir(src):
        fail(f"{src}: not a directory (a DJL model directory is expected)")
    path = os.path.join(src, "serving.properties")
    if not os.path.isfile(path):
        fail(f"{src}: no serving.properties (a DJL model directory is expected: the network's .pt, its synset and "
             f"serving.properties)")
    return read_properties(path)


def channels(props):
    """1 for flag=GRAYSCALE, else 3: what DJL hands the network."""
    return 1 if props.get("flag", "COLOR").upper() == "GRAYSCALE" else 3


def size(props, src):
    """(height, width) from serving.properties, or None when it gives none; a bad value is refused."""
    if "width" not in props and "height" not in props:
        return None
    try:
        width, height = int(props.get("width", "")), int(props.get("height", ""))
    except ValueError:
        fail(f"{src}: serving.properties: width={props.get('width')} height={props.get('height')}: both must be whole "
             f"numbers of pixels")
    if width < 1 or height < 1:
        fail(f"{src}: serving.properties: width and height must be at least 1")
    return height, width


def network_name(props, src):
    return props.get("option.modelName", os.path.basename(os.path.normpath(src)))


def load(torch, src, props, tool):
    """The TorchScript network, in eval mode; a missing or unreadable file is refused in words."""
    name = network_name(props, src)
    path = os.path.join(src, name + ".pt")
    if not os.path.isfile(path):
        present = sorted(f for f in os.listdir(src) if f.endswith(".pt"))
        hint = (f"; it holds {', '.join(present)}: set option.modelName={present[0][:-3]} in serving.properties"
                if present else "")
        fail(f"{src}: no {name}.pt (the TorchScript file){hint}")
    try:
        return torch.jit.load(path, map_location="cpu").eval()
    except (RuntimeError, OSError, ValueError) as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        fail(f"{src}: {name}.pt cannot be read by this torch {torch.__version__} ({first}); a file saved by a newer "
             f"torch needs that torch: OCCLUDE_PYTHON=/path/to/its/python3 {tool}")


def check_input(torch, model, src, c, height, width):
    """One forward pass on the input serving.properties describes; a mismatch is refused with the fix."""
    with torch.no_grad():
        try:
            model(torch.rand(1, c, height, width))
        except RuntimeError as e:
            cause = str(e).strip().splitlines()[-1]
            wants = re.search(r"to have (\d+) channels", cause)
            if wants and int(wants.group(1)) != c:
                flag = "GRAYSCALE" if wants.group(1) == "1" else "COLOR (or leave flag out)"
                fail(f"{src}: the network takes {wants.group(1)}-channel images but serving.properties gives {c}: "
                     f"set flag={flag}")
            fail(f"{src}: the network fails on a {c}x{height}x{width} input, the size serving.properties gives "
                 f"(width, height): {cause}; set them to the size the network was trained on")


def output(src, out):
    """Refuses an output that is the input or a non-empty folder (nothing the tool did not make is written)."""
    if os.path.abspath(src) == os.path.abspath(out):
        fail(f"{out}: the output must be another directory (inputs are never overwritten)")
    if os.path.exists(out) and not os.path.isdir(out):
        fail(f"{out}: exists and is not a directory; name a new folder")
    if os.path.isdir(out) and os.listdir(out):
        fail(f"{out}: exists and is not empty; name a new folder or empty this one")


class Staging:
    """A temporary folder beside the output, renamed into place by commit(); removed on any failure."""

    def __init__(self, out):
        self.out = out
        parent = os.path.dirname(os.path.abspath(out))
        self.made = []  # parent folders this export created, removed again if it fails
        missing = parent
        while not os.path.exists(missing):
            self.made.insert(0, missing)
            missing = os.path.dirname(missing)
        os.makedirs(parent, exist_ok=True)
        self.work = tempfile.mkdtemp(prefix=".export-", dir=parent)
        self.done = False

    def __enter__(self):
        return self.work

    def commit(self):
        os.chmod(self.work, 0o755)
        if os.path.isdir(self.out):
            os.rmdir(self.out)  # empty: output() checked
        os.replace(self.work, self.out)
        self.done = True

    def __exit__(self, *exc):
        if os.path.exists(self.work):
            shutil.rmtree(self.work)
        if not self.done:
            for folder in reversed(self.made):
                try:
                    os.rmdir(folder)
                except OSError:
                    break
        return False
