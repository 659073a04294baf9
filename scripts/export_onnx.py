"""Exports a TorchScript DJL model directory to an ONNX one for DJL's OnnxRuntime engine.

Usage: export_onnx.py MODEL_DIR OUT_DIR. Writes OUT_DIR/<name>.onnx (batch dimension dynamic, the
height and width serving.properties gives: ONNX fixes them, so a directory without width and height
is refused), copies synset.txt and LICENSE, and writes serving.properties with the same preprocessing
keys and engine=OnnxRuntime. OUT_DIR must be new or empty; everything is written beside it and
renamed into place, so a failure leaves nothing. 1-channel networks (flag=GRAYSCALE) export with one
channel. Every refusal is one line on stderr and exit 2. The Java tests compare its probabilities
with the TorchScript model's.
"""
import os
import shutil
import sys
import warnings

from model_dir import Staging, channels, check_input, fail, load, network_name, output, run, size, source

TOOL = "export-onnx"


def main():
    if len(sys.argv) != 3:
        fail("usage: scripts/export-onnx MODEL_DIR OUT_DIR")
    src, out = os.path.normpath(sys.argv[1]), os.path.normpath(sys.argv[2])
    props = source(src)
    output(src, out)
    if props.get("engine", "PyTorch") != "PyTorch":
        fail(f"{src}: engine={props['engine']}: only TorchScript models (engine=PyTorch) can be exported")
    hw = size(props, src)
    if hw is None:
        fail(f"{src}: serving.properties gives no width and height, and an ONNX network has one input size: add the "
             f"size the network was trained on (width=W, height=H, resize=true) and export again")
    height, width = hw
    try:
        import torch  # after the checks: a refusal comes at once
    except ImportError as e:  # the wrapper found torch without importing it
        fail(f"{sys.executable} cannot import torch ({e})")
    warnings.filterwarnings("ignore")  # the exporter's tracer warnings are not the user's business
    model = load(torch, src, props, "scripts/export-onnx")
    c = channels(props)
    out_name = os.path.basename(out)
    example = torch.rand(2, c, height, width, generator=torch.Generator().manual_seed(0))
    check_input(torch, model, src, c, height, width)
    with torch.no_grad():
        expected = model(example)
    staging = Staging(out)
    with staging as work:
        target = os.path.join(work, out_name + ".onnx")
        try:
            torch.onnx.export(model, example, target, input_names=["input"], output_names=["probabilities"],
                              dynamic_axes={"input": {0: "batch"}, "probabilities": {0: "batch"}}, opset_version=13)
        except Exception as e:  # noqa: BLE001 - torch's exporter raises several kinds; each is one line here
            first = str(e).strip().split(". ")[0].splitlines()[0]
            fail(f"{src}: ONNX opset 13 cannot express this network ({first}); nothing written; occlude runs the "
                 f"TorchScript directory as it is (engine=PyTorch)")
        for extra in ("synset.txt", props.get("synsetFileName", "synset.txt"), "LICENSE"):
            if os.path.isfile(os.path.join(src, extra)):
                shutil.copy(os.path.join(src, extra), os.path.join(work, extra))
        props["engine"] = "OnnxRuntime"
        props["option.modelName"] = out_name
        with open(os.path.join(work, "serving.properties"), "w", encoding="utf-8") as f:
            f.write(f"# DJL model directory for the OnnxRuntime engine, exported by scripts/export-onnx from "
                    f"{network_name({}, src)}\n")
            f.write(f"# (same preprocessing keys; the TorchScript graph converted to ONNX opset 13, input "
                    f"{c}x{height}x{width}, batch dynamic)\n")
            for k, v in props.items():
                f.write(f"{k}={v}\n")
        nbytes = os.path.getsize(target)
        staging.commit()
    print(f"export-onnx: wrote {out}: {out_name}.onnx ({nbytes} bytes), input {c}x{height}x{width}; TorchScript says "
          f"{[round(v, 6) for v in expected[0].tolist()]} on the first example", flush=True)


if __name__ == "__main__":
    run(TOOL, main)
