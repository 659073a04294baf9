"""Writes the small TorchScript models the tests use into src/test/resources/models/.

Run with Debian's python3-torch (1.13): /usr/bin/python3 src/test/python/make_test_models.py
The models are tiny and their weights seeded, so the files are the same on every run; they are
committed, so the tests need no Python.

- grey-cnn: a 1-channel CNN (flag=GRAYSCALE), 32x32 input, three classes.
- warns: a 3-channel CNN whose forward pass raises a Python warning, which libtorch prints from
  C++ on stderr: the tool must keep it off a clean run's stderr (and show it with --verbose).
"""
import os
import warnings

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "models")
CLASSES = "none\nred\ngreen\n"


def cnn(channels):
    torch.manual_seed(20261201)
    return nn.Sequential(
        nn.Conv2d(channels, 6, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(6, 8, 3, stride=2, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 3), nn.Softmax(dim=1)).eval()


class Warns(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = cnn(3)

    def forward(self, x):
        warnings.warn("a warning from inside the network (TorchScript prints it from C++)")
        return self.net(x)


def write(name, module, properties):
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    torch.jit.script(module).save(os.path.join(d, name + ".pt"))
    with open(os.path.join(d, "synset.txt"), "w") as f:
        f.write(CLASSES)
    with open(os.path.join(d, "serving.properties"), "w") as f:
        f.write("# written by src/test/python/make_test_models.py\n")
        f.write("engine=PyTorch\noption.modelName=%s\n" % name)
        f.write("translatorFactory=ai.djl.modality.cv.translator.ImageClassificationTranslatorFactory\n")
        f.write(properties)


write("grey-cnn", cnn(1), "flag=GRAYSCALE\nwidth=32\nheight=32\nresize=true\nsynsetFileName=synset.txt\n")
write("warns", Warns().eval(), "width=32\nheight=32\nresize=true\nsynsetFileName=synset.txt\n")
