"""Procedural dash-cam scenes with exact ground truth, for the default traffic-light model.

A scene is sky, buildings, road in perspective, poles, cars and signs, with 0 to 3 traffic lights
that share one state (red or green). Class is that state, or "none" when no light is drawn.
Distractors a lazy network could latch onto (tail lights, lit signs, green road signs, street lamps,
red and green objects) appear in every class, and most "none" scenes carry some of them.

Drawing happens at twice the output size and is downsampled, so small lights are anti-aliased.
Everything random comes from the numpy Generator passed in: a seed fixes the scene.
"""
import io
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

CLASSES = ["none", "red", "green"]
WIDTH, HEIGHT = 455, 256
SS = 2  # supersampling factor

RED_LAMPS = [(255, 40, 30), (255, 70, 40), (240, 20, 40), (255, 90, 60)]
GREEN_LAMPS = [(60, 255, 140), (40, 230, 110), (90, 255, 180), (20, 220, 160)]


def _jitter(rng, color, amount=20):
    return tuple(min(255, max(0, int(c) + int(d))) for c, d in zip(color, rng.integers(-amount, amount + 1, 3)))


def _mix(a, b, t):
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))


class Scene:
    """Everything drawn into one frame, plus its ground truth."""

    def __init__(self, rng, spec):
        self.rng = rng
        self.spec = spec
        self.tod = spec.get("tod") or rng.choice(["day", "dusk", "night"], p=[0.45, 0.2, 0.35])
        self.W, self.H = WIDTH * SS, HEIGHT * SS
        self.horizon = int(self.H * rng.uniform(0.38, 0.62))
        self.vp_x = int(self.W * rng.uniform(0.35, 0.65))
        self.img = Image.new("RGB", (self.W, self.H))
        self.draw = ImageDraw.Draw(self.img)
        # additive light glows, blurred and added at the end (night looks)
        self.glow = Image.new("RGB", (self.W, self.H))
        self.glow_draw = ImageDraw.Draw(self.glow)
        self.lights = []  # ground truth: dicts with box and lamp (output pixels)
        self.taken = []  # boxes of traffic lights, to keep them apart

    # ---- helpers -------------------------------------------------------------------------
    @property
    def dark(self):
        return self.tod == "night"

    def shade(self, color):
        """Darkens a daylight colour for dusk and night."""
        f = {"day": 1.0, "dusk": 0.65, "night": 0.25}[self.tod]
        return tuple(int(c * f) for c in color)

    def add_glow(self, cx, cy, r, color, strength=1.0):
        if self.tod == "day":
            strength *= 0.25
        elif self.tod == "dusk":
            strength *= 0.6
        c = tuple(int(v * strength) for v in color)
        self.glow_draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=c)

    # ---- background ----------------------------------------------------------------------
    def sky(self):
        top, bottom = {
            "day": ((90, 140, 210), (200, 215, 230)),
            "dusk": ((40, 50, 100), (230, 140, 90)),
            "night": ((5, 5, 15), (25, 25, 40)),
        }[self.tod]
        top, bottom = _jitter(self.rng, top, 15), _jitter(self.rng, bottom, 15)
        for y in range(self.horizon + 1):
            self.draw.line([(0, y), (self.W, y)], fill=_mix(top, bottom, y / max(1, self.horizon)))
        ground = self.shade(_jitter(self.rng, (110, 105, 100), 20))
        self.draw.rectangle([0, self.horizon, self.W, self.H], fill=ground)

    def buildings(self):
        x = int(-self.rng.uniform(0, 60))
        while x < self.W:
            w = int(self.rng.uniform(40, 220))
            h = int(self.rng.uniform(20, self.horizon * 0.9))
            base = _jitter(self.rng, [(150, 140, 130), (120, 110, 100), (170, 160, 150),
                                       (100, 100, 110), (140, 120, 100)][self.rng.integers(5)], 25)
            self.draw.rectangle([x, self.horizon - h, x + w, self.horizon + 4], fill=self.shade(base))
            win = int(self.rng.uniform(6, 14))
            for wy in range(self.horizon - h + win, self.horizon - win, win * 2):
                for wx in range(x + win // 2, x + w - win, win * 2):
                    if self.dark and self.rng.random() < 0.4:
                        color = _jitter(self.rng, (255, 220, 140), 30)
                    else:
                        color = self.shade(_jitter(self.rng, (60, 70, 90), 15))
                    self.draw.rectangle([wx, wy, wx + win, wy + int(win * 1.2)], fill=color)
            x += w + int(self.rng.uniform(0, 30))

    def road(self):
        H, W, hz, vx = self.H, self.W, self.horizon, self.vp_x
        color = self.shade(_jitter(self.rng, (80, 80, 85), 12))
        left, right = -W * self.rng.uniform(0.1, 0.6), W * self.rng.uniform(1.1, 1.6)
        self.draw.polygon([(vx - 4, hz), (vx + 4, hz), (right, H), (left, H)], fill=color)
        mark = self.shade((230, 230, 220)) if not self.dark else (120, 120, 110)
        for lane in (-0.33, 0.0, 0.33):
            bottom_x = W / 2 + lane * W * 1.2
            t = 0.05
            while t < 1.0:
                t2 = min(1.0, t + 0.06 * (0.3 + t))
                pts = []
                for tt, side in ((t, -1), (t, 1), (t2, 1), (t2, -1)):
                    y = hz + (H - hz) * tt
                    xm = vx + (bottom_x - vx) * tt
                    pts.append((xm + side * 6 * tt * SS, y))
                if lane != 0.0 or self.rng.random() < 0.9:
                    self.draw.polygon([pts[0], pts[1], pts[2], pts[3]], fill=mark)
                t = t2 + 0.06 * (0.3 + t)

    # ---- objects -------------------------------------------------------------------------
    def tree(self):
        x = self.rng.uniform(0, self.W)
        r = self.rng.uniform(15, 70)
        y = self.horizon - r * self.rng.uniform(0.3, 1.2)
        self.draw.rectangle([x - r * 0.08, y, x + r * 0.08, self.horizon + r * 0.3],
                            fill=self.shade((70, 50, 30)))
        green = self.shade(_jitter(self.rng, (50, 130, 50), 30))
        for _ in range(4):
            dx, dy = self.rng.normal(0, r * 0.3, 2)
            rr = r * self.rng.uniform(0.5, 0.8)
            self.draw.ellipse([x + dx - rr, y + dy - rr, x + dx + rr, y + dy + rr], fill=green)

    def street_lamp(self):
        x = self.rng.uniform(0, self.W)
        top = self.rng.uniform(self.H * 0.05, self.horizon * 0.7)
        bottom = self.horizon + self.rng.uniform(5, 60)
        pole = self.shade((70, 70, 75))
        self.draw.rectangle([x - 2, top, x + 2, bottom], fill=pole)
        arm = self.rng.choice([-1, 1]) * self.rng.uniform(15, 40)
        self.draw.line([(x, top), (x + arm, top)], fill=pole, width=3)
        lamp = _jitter(self.rng, [(255, 230, 170), (255, 250, 240), (255, 200, 120)][self.rng.integers(3)], 10)
        lit = lamp if self.tod != "day" else self.shade((200, 200, 190))
        self.draw.ellipse([x + arm - 7, top - 2, x + arm + 7, top + 5], fill=lit)
        if self.tod != "day":
            self.add_glow(x + arm, top + 2, 18, lamp, 0.6)

    def car(self, brake=None):
        t = self.rng.uniform(0.15, 0.9)  # depth: 0 horizon, 1 bottom
        y_bottom = self.horizon + (self.H - self.horizon) * t
        w = (self.W * 0.45) * t * self.rng.uniform(0.8, 1.2)
        h = w * self.rng.uniform(0.55, 0.8)
        x = self.vp_x + (self.rng.uniform(-0.6, 0.6) * self.W) * t - w / 2
        body = self.shade(_jitter(self.rng, [(160, 20, 20), (30, 30, 35), (200, 200, 205), (40, 60, 120),
                                             (120, 120, 125), (20, 90, 40)][self.rng.integers(6)], 20))
        self.draw.rounded_rectangle([x, y_bottom - h, x + w, y_bottom], radius=max(1, w * 0.08), fill=body)
        self.draw.rectangle([x + w * 0.12, y_bottom - h * 0.92, x + w * 0.88, y_bottom - h * 0.55],
                            fill=self.shade((40, 50, 60)))
        self.draw.rectangle([x + w * 0.05, y_bottom - h * 0.1, x + w * 0.95, y_bottom],
                            fill=(15, 15, 15))
        brake = self.dark or self.rng.random() < 0.4 if brake is None else brake
        tail = (255, 30, 20) if brake else (150, 20, 20)
        for lx in (x + w * 0.04, x + w * 0.8):
            ly = y_bottom - h * 0.45
            self.draw.rectangle([lx, ly, lx + w * 0.16, ly + h * 0.12], fill=tail)
            if brake:
                self.add_glow(lx + w * 0.08, ly + h * 0.06, w * 0.12, (255, 30, 20), 0.9)

    def sign(self, kind=None):
        kind = kind or self.rng.choice(["parking", "shop", "road", "stop", "object"])
        s = self.rng.uniform(10, 40)
        x = self.rng.uniform(0, self.W - s * 3)
        y = self.rng.uniform(self.H * 0.1, self.horizon + 20)
        pole = self.shade((90, 90, 95))
        if kind == "parking":
            self.draw.rectangle([x + s / 2 - 1.5, y + s, x + s / 2 + 1.5, self.horizon + 30], fill=pole)
            blue = (30, 80, 220) if not self.dark else (80, 140, 255)
            self.draw.rectangle([x, y, x + s, y + s], fill=blue if self.dark else self.shade(blue))
            white = (255, 255, 255) if self.dark else self.shade((240, 240, 240))
            self.draw.rectangle([x + s * 0.3, y + s * 0.2, x + s * 0.42, y + s * 0.8], fill=white)
            self.draw.ellipse([x + s * 0.3, y + s * 0.2, x + s * 0.72, y + s * 0.5], fill=white)
            self.draw.ellipse([x + s * 0.42, y + s * 0.3, x + s * 0.6, y + s * 0.42], fill=blue)
            if self.dark:
                self.add_glow(x + s / 2, y + s / 2, s * 0.9, (200, 220, 255), 0.7)
        elif kind == "shop":
            w = s * self.rng.uniform(2, 3)
            color = [(255, 40, 40), (40, 255, 120), (255, 200, 60), (80, 200, 255), (255, 60, 200)][
                self.rng.integers(5) if self.rng.random() < 0.5 else self.rng.integers(2)]
            lit = self.dark or self.tod == "dusk"
            self.draw.rectangle([x, y, x + w, y + s * 0.6], fill=color if lit else self.shade(color))
            for i in range(3):
                lx = x + w * (0.15 + 0.25 * i)
                self.draw.rectangle([lx, y + s * 0.15, lx + w * 0.15, y + s * 0.45], fill=(255, 255, 240))
            if lit:
                self.add_glow(x + w / 2, y + s * 0.3, w * 0.6, color, 0.6)
        elif kind == "road":
            w = s * self.rng.uniform(1.5, 3)
            self.draw.rectangle([x + w / 2 - 2, y + s, x + w / 2 + 2, self.horizon + 30], fill=pole)
            self.draw.rectangle([x, y, x + w, y + s], fill=self.shade((20, 120, 60)))
            for i in range(2):
                self.draw.rectangle([x + w * 0.1, y + s * (0.2 + 0.35 * i), x + w * 0.8, y + s * (0.35 + 0.35 * i)],
                                    fill=self.shade((240, 240, 240)))
        elif kind == "stop":
            self.draw.rectangle([x + s / 2 - 1.5, y + s, x + s / 2 + 1.5, self.horizon + 30], fill=pole)
            pts = [(x + s / 2 + s / 2 * math.cos(a), y + s / 2 + s / 2 * math.sin(a))
                   for a in np.linspace(0, 2 * math.pi, 9)[:-1] + math.pi / 8]
            self.draw.polygon(pts, fill=self.shade((200, 20, 20)))
        else:  # a red or green round thing (balloon, ball, bin lid, bright clothing)
            color = [(230, 30, 30), (30, 200, 60), (255, 60, 40), (60, 230, 90)][self.rng.integers(4)]
            r = s * 0.3
            self.draw.ellipse([x, y + 20, x + 2 * r, y + 20 + 2 * r], fill=self.shade(color))

    def traffic_light(self, state, size=None):
        """Draws one traffic light; returns False when there is no free room for it."""
        rng = self.rng
        for _ in range(30):
            w = size if size is not None else float(np.exp(rng.uniform(math.log(8), math.log(30))))
            w *= SS
            vertical = rng.random() < 0.75
            long_side = w * rng.uniform(2.5, 2.8)
            bw, bh = (w, long_side) if vertical else (long_side, w)
            x = rng.uniform(4, self.W - bw - 4)
            y = rng.uniform(self.H * 0.03, max(self.H * 0.04, self.horizon - bh - 6))
            box = (x, y, bw, bh)
            if all(x + bw + 10 < ox or ox + ow + 10 < x or y + bh + 10 < oy or oy + oh + 10 < y
                   for ox, oy, ow, oh in self.taken):
                break
        else:
            return False
        self.taken.append(box)
        housing = _jitter(rng, [(25, 25, 25), (40, 40, 35), (200, 170, 30), (50, 60, 50)][
            rng.integers(4) if rng.random() < 0.3 else 0], 8)
        housing = housing if not self.dark else tuple(int(c * 0.5) for c in housing)
        # mounting: a pole below, or an arm / wire above
        mount = self.shade((60, 60, 65))
        if rng.random() < 0.5:
            cx = x + bw / 2
            self.draw.rectangle([cx - w * 0.12, y + bh, cx + w * 0.12, self.horizon + rng.uniform(0, 40)], fill=mount)
        else:
            side = rng.choice([-1, 1])
            self.draw.line([(x + bw / 2, y), (x + bw / 2, y - w * 0.5)], fill=mount, width=max(1, int(w * 0.15)))
            self.draw.line([(x + bw / 2, y - w * 0.5), (x + bw / 2 + side * self.W, y - w * 0.5 - side * rng.uniform(0, 40))],
                           fill=mount, width=max(1, int(w * 0.12)))
        self.draw.rounded_rectangle([x, y, x + bw, y + bh], radius=w * 0.2, fill=housing)
        lit_index = 0 if state == "red" else 2
        lamp_color = (RED_LAMPS if state == "red" else GREEN_LAMPS)[rng.integers(4)]
        r = w * 0.36
        lamp_box = None
        for i in range(3):
            t = (i + 0.5) / 3
            cx, cy = (x + bw / 2, y + bh * t) if vertical else (x + bw * t, y + bh / 2)
            if i == lit_index:
                color = lamp_color
                lamp_box = (cx - r, cy - r, 2 * r, 2 * r)
                self.add_glow(cx, cy, r * 2.6, lamp_color, 1.0)
            else:
                color = _mix((30, 30, 30), [(255, 40, 30), (255, 180, 0), (60, 255, 140)][i], 0.12)
            self.draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=color)
        self.lights.append({
            "box": [v / SS for v in box],
            "lamp": [v / SS for v in lamp_box],
        })
        return True

    # ---- the whole frame -----------------------------------------------------------------
    def render(self):
        rng, spec = self.rng, self.spec
        self.sky()
        self.buildings()
        for _ in range(rng.integers(0, 4) if self.tod != "night" else rng.integers(0, 2)):
            self.tree()
        self.road()
        cls = spec.get("class") or CLASSES[rng.integers(3)]
        # distractors: more of them when there is no light, so "none" is often full of red and green
        n_lamps = rng.integers(0, 4)
        n_signs = rng.integers(0, 4) + (2 if cls == "none" else 0)
        n_cars = rng.integers(0, 4) + (1 if cls == "none" else 0)
        for _ in range(n_lamps):
            self.street_lamp()
        for kind in spec.get("signs", []):
            self.sign(kind)
        for _ in range(n_signs if "signs" not in spec else 0):
            self.sign()
        cars = spec.get("cars")
        for _ in range(n_cars if cars is None else cars):
            self.car(brake=spec.get("brake"))
        if cls != "none":
            n = spec.get("lights") or int(rng.choice([1, 2, 3], p=[0.5, 0.35, 0.15]))
            for _ in range(n):
                self.traffic_light(cls, spec.get("light_size"))
            if not self.lights:
                cls = "none"
        return self.finish(), cls, self.lights

    def finish(self):
        rng = self.rng
        # the glow is blurred at a quarter of the size: the same look for a fraction of the cost
        small = self.glow.resize((self.W // 4, self.H // 4), Image.BILINEAR)
        glow = small.filter(ImageFilter.GaussianBlur(1.5 * SS)).resize((self.W, self.H), Image.BILINEAR)
        arr = np.asarray(self.img, dtype=np.float32) + np.asarray(glow, dtype=np.float32) * 0.8
        haze = rng.uniform(0, 0.35) if rng.random() < 0.4 else 0.0
        if haze:
            fog = np.array(_jitter(rng, (190, 190, 195), 10) if not self.dark else (40, 40, 50), np.float32)
            arr = arr * (1 - haze) + fog * haze
        arr *= rng.uniform(0.8, 1.15)
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
        img = img.resize((WIDTH, HEIGHT), Image.BILINEAR, reducing_gap=None)
        blur = rng.uniform(0, 0.9)
        if blur > 0.3:
            img = img.filter(ImageFilter.GaussianBlur(blur))
        arr = np.asarray(img, np.float32)
        arr += rng.normal(0, rng.uniform(0, 6), arr.shape).astype(np.float32)
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=int(rng.integers(40, 96)))
        buf.seek(0)
        return Image.open(buf).convert("RGB"), buf.getvalue()


def generate(seed, spec=None):
    """Returns (PIL image, jpeg bytes, class, lights) for one seed; lights carry box and lamp."""
    rng = np.random.default_rng(seed)
    (img, jpeg), cls, lights = Scene(rng, spec or {}).render()
    return img, jpeg, cls, lights
