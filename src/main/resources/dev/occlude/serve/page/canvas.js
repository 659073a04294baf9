// occlude serve's page, its canvas: the frame as large as the window allows (in its own pixels, so that
// patches and probes stay in source pixels), the patches drawn opaque with the pixels the probes put there
// (GET /api/fill), each model's pass patches numbered. Loaded before app.js, whose state and helpers it uses.
'use strict';

// the frame filled as the probes fill their patches (grey, a colour, its mean, its blur, noise): the patches
// on the canvas show what the model is shown, opaque
async function loadFill() {
  if (!state.frame) return;
  const img = new Image();
  img.src = api('/api/fill', { image: state.frame, fill: fillValue() });
  try {
    await img.decode();
    state.fillImage = img;
  } catch (e) {
    state.fillImage = null;
  }
}

// the frame as large as the window allows: as wide as the column, its whole height in the window; the canvas
// keeps the frame's own pixels, so patches and probes stay in source pixels
function fit() {
  const c = $('view');
  if (!state.image) return;
  const width = $('explore').clientWidth - 2;
  const height = window.innerHeight - document.querySelector('#explore .controls').offsetHeight - 60;
  const scale = Math.max(0.1, Math.min(width / c.width, height / c.height));
  c.style.width = Math.floor(c.width * scale) + 'px';
  c.style.height = Math.floor(c.height * scale) + 'px';
}

function patchAt(p) {
  const s = state.patch;
  return [Math.round(p.x - s / 2), Math.round(p.y - s / 2), s, s];
}

// whether a patch covers any pixel of the frame
function onFrame(r) {
  const c = $('view');
  return r[0] < c.width && r[1] < c.height && r[0] + r[2] > 0 && r[1] + r[3] > 0;
}

function hide(g, r) {
  if (state.fillImage) {
    const x = Math.max(0, r[0]);
    const y = Math.max(0, r[1]);
    const w = Math.min(state.fillImage.naturalWidth, r[0] + r[2]) - x;
    const h = Math.min(state.fillImage.naturalHeight, r[1] + r[3]) - y;
    if (w > 0 && h > 0) g.drawImage(state.fillImage, x, y, w, h, x, y, w, h);
  } else {
    g.fillStyle = 'rgb(128,128,128)';
    g.fillRect(r[0], r[1], r[2], r[3]);
  }
}

// each model's own kept passes: numbered, with the model's letter when there are two
function passPatches() {
  const out = [];
  state.passKept.forEach((rects, k) => rects.forEach((r, i) =>
    out.push({ rect: r, label: (state.models.length > 1 ? String.fromCharCode(65 + k) : '') + (i + 1) })));
  return out;
}

function draw() {
  const c = $('view');
  const g = c.getContext('2d');
  if (!state.image) return;
  g.drawImage(state.image, 0, 0);
  state.kept.forEach(r => hide(g, r));
  const passes = passPatches();
  passes.forEach(p => hide(g, p.rect));
  g.font = 'bold 14px system-ui, sans-serif';
  passes.forEach(p => {
    g.strokeStyle = '#00e5ff';
    g.strokeRect(p.rect[0] + 0.5, p.rect[1] + 0.5, p.rect[2] - 1, p.rect[3] - 1);
    g.fillStyle = '#00e5ff';
    g.fillText(p.label, p.rect[0] + 4, p.rect[1] + 16);
  });
  if (state.mouse) {
    const r = patchAt(state.mouse);
    hide(g, r);
    g.strokeStyle = '#fff';
    g.strokeRect(r[0] + 0.5, r[1] + 0.5, r[2] - 1, r[3] - 1);
  }
  const listed = state.kept.map(r => '(' + r.join(', ') + ')')
    .concat(passes.map(p => 'pass patch ' + p.label + ' (' + p.rect.join(', ') + ')'));
  $('kept').textContent = listed.length ? listed.join(' ') : 'none';
}

function mouseIn(e) {
  const c = $('view');
  const b = c.getBoundingClientRect();
  return { x: (e.clientX - b.left) * c.width / b.width, y: (e.clientY - b.top) * c.height / b.height };
}
