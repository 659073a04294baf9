// occlude serve's page: a patch follows the mouse over a frame and every class's probability
// follows it (GET /api/probe); clicks keep patches hidden; full maps run as jobs (POST /api/maps)
// whose progress arrives as server-sent events (maps.js); canvas.js draws the frame and its patches.
// Every request carries the token of the page's address.
'use strict';

const token = new URLSearchParams(location.search).get('token');
const client = Math.random().toString(36).slice(2);
const $ = id => document.getElementById(id);

const state = {
  models: [], classes: [], frame: null, frameName: null, image: null, fillImage: null, patch: 64, kept: [],
  mouse: null, inFlight: false, pending: null, seq: 0, lastProbe: null,
  // the last map: its request (each model's job asks the same), the passes asked, each model's record,
  // and each model's own worst patches of the passes made, hidden for the next pass
  request: null, passes: 1, records: [], passKept: [],
};

function api(path, params) {
  const q = new URLSearchParams(params || {});
  if (token) q.set('token', token);
  const s = q.toString();
  return path + (s ? (path.includes('?') ? '&' : '?') + s : '');
}

async function getJson(path, params) {
  const r = await fetch(api(path, params));
  const body = await r.json();
  if (!r.ok) throw Object.assign(new Error(body.error || r.statusText), { status: r.status });
  return body;
}

// the fill as --fill takes it: a named one, or the colour chosen (#rrggbb)
function fillValue() {
  return $('fill').value === 'colour' ? $('fill-colour').value : $('fill').value;
}

// the patches a probe hides: the clicked ones and the most any model's passes keep
function keptCount() {
  return state.kept.length + Math.max(0, ...state.passKept.map(p => p.length));
}

function keepText(rects) {
  return rects.map(r => r.join(',')).join(';');
}

async function loadModel() {
  const m = await getJson('/api/model');
  state.models = m.models;
  state.classes = m.classes;
  state.limits = m.limits; // kept patches and passes at most, the server's own rule
  $('model').textContent = m.models.map(x => 'model ' + x.name + (x.staged ? ' (incremental inference)' : '') +
    '; classes ' + x.classes.join(', ')).join(' | ');
  const cls = $('map-class');
  m.classes.forEach(c => cls.add(new Option(c, c)));
  m.kinds.forEach(k => $('map-kind').add(new Option(k, k)));
  // a second model: its own table and pictures beside the first's
  m.models.slice(1).forEach(x => {
    const t = $('probs').cloneNode(true);
    t.id = 'probs-' + x.index;
    $('tables').append(t);
    const col = document.createElement('div');
    col.className = 'column';
    const w = document.createElement('div');
    w.id = 'worst-' + x.index;
    w.className = 'worst';
    const pics = document.createElement('div');
    pics.id = 'pictures-' + x.index;
    pics.className = 'pictures';
    col.append(w, pics);
    $('columns').append(col);
  });
  if (m.models.length > 1) {
    m.models.forEach(x => {
      const cap = document.createElement('caption');
      cap.textContent = x.name;
      $(tableId(x.index)).prepend(cap);
    });
  }
  m.models.forEach(x => drawTable(null, x.index));
}

const tableId = k => k === 0 ? 'probs' : 'probs-' + k;
const suffix = k => k === 0 ? '' : '-' + k;

async function loadFrames() {
  const list = (await getJson('/api/frames')).frames;
  const ul = $('frames');
  ul.textContent = '';
  const f = $('filter').value.toLowerCase();
  list.filter(e => e.name.toLowerCase().includes(f)).forEach(e => {
    const li = document.createElement('li');
    li.textContent = e.name;
    li.dataset.id = e.id;
    if (e.result) {
      li.dataset.result = e.result;
      li.classList.add('result');
      li.title = 'mapped by an earlier run: its map shows below';
    }
    if (state.frame === e.id) li.classList.add('current');
    li.addEventListener('click', () => openFrame(e.id, e.result));
    ul.appendChild(li);
  });
  return list;
}

async function openFrame(id, result) {
  const img = new Image();
  img.src = api('/api/image', { image: id });
  await img.decode();
  state.frame = id;
  state.image = img;
  state.kept = [];
  state.lastProbe = null;
  forgetMap();
  $('map-result').hidden = true;
  $('map-status').textContent = '';
  const c = $('view');
  c.width = img.naturalWidth;
  c.height = img.naturalHeight;
  const li = [...document.querySelectorAll('#frames li')];
  li.forEach(x => x.classList.toggle('current', x.dataset.id === id));
  const entry = li.find(x => x.dataset.id === id);
  state.frameName = entry ? entry.textContent : id;
  $('hint').textContent = state.frameName + ': move the mouse over it and a grey patch hides what it covers, ' +
    'the table below gives each class\'s probability; a click keeps the patch hidden';
  fit();
  await loadFill();
  draw();
  probeAt(null); // no patch on the frame: its probabilities as they are
  if (result) {
    // an earlier run's map of this frame: shown as a finished map, ready for one pass more
    const r = await getJson(result);
    state.request = requestOf(r.record);
    state.passes = passesMade(r.record);
    showMap({ record: r.record, total: r.record.variants }, 0);
  }
}

// at most one probe in flight; a newer position (null: no patch on the frame) replaces the one waiting
function probeAt(p) {
  state.pending = { at: p };
  if (!state.inFlight) sendProbe();
}

async function sendProbe() {
  const next = state.pending;
  state.pending = null;
  if (!next || !state.frame) return;
  state.inFlight = true;
  const r = next.at ? patchAt(next.at) : null;
  const patch = r && onFrame(r) ? r : null;
  const at = patch || [-10000, -10000, state.patch, state.patch]; // off the frame: nothing hidden but the kept
  const seq = ++state.seq;
  try {
    const answers = await Promise.all(state.models.map(m => getJson('/api/probe', {
      image: state.frame, x: at[0], y: at[1], w: at[2], h: at[3], fill: fillValue(),
      keep: keepText(state.kept.concat(state.passKept[m.index] || [])), client: client, seq: seq, model: m.index,
    })));
    answers.forEach((body, k) => drawTable(body, k));
    state.lastProbe = answers[0];
    const hidden = state.kept.length || passPatches().length;
    $('probe-status').textContent = (patch ? 'patch (' + answers[0].patch.join(', ') + ')'
      : 'no patch over the frame: each class\'s probability ' + (hidden ? 'with the kept patches hidden' : 'of the frame as it is')) +
      ' in ' + answers.map(a => a.ms + ' ms').join(', ');
  } catch (e) {
    if (e.status !== 409) $('probe-status').textContent = e.message;
  } finally {
    state.inFlight = false;
    if (state.pending) sendProbe();
  }
}

const TRACK = 200;
const px = p => Math.round(TRACK * p);

function drawTable(probe, k) {
  const body = document.querySelector('#' + tableId(k) + ' tbody');
  body.textContent = '';
  state.models[k].classes.forEach((c, i) => {
    const tr = document.createElement('tr');
    tr.dataset.class = c;
    const clean = probe ? probe.clean[i] : NaN;
    const occ = probe ? probe.probabilities[i] : NaN;
    tr.innerHTML = '<td></td><td class="num clean"></td><td class="num occluded"></td>' +
      '<td><div class="track"><div class="bar"></div><div class="fall"></div><div class="mark"></div></div></td>';
    tr.children[0].textContent = c;
    tr.children[1].textContent = isNaN(clean) ? '' : clean.toFixed(4);
    tr.children[2].textContent = isNaN(occ) ? '' : occ.toFixed(4);
    // the bar: the probability with the patch hidden; orange from there up to where it stood without the
    // patch (the fall, as long as the fall is); the mark: with only the kept patches hidden
    tr.querySelector('.bar').style.width = (isNaN(occ) ? 0 : px(occ)) + 'px';
    const fall = tr.querySelector('.fall');
    const lost = isNaN(occ) || isNaN(clean) ? 0 : px(clean) - px(occ);
    fall.style.left = (isNaN(occ) ? 0 : px(occ)) + 'px';
    fall.style.width = Math.max(0, lost) + 'px';
    tr.querySelector('.mark').style.left = (isNaN(clean) ? -10 : px(clean) - 1) + 'px';
    body.appendChild(tr);
  });
}

async function uploadFile(f) {
  const r = await fetch(api('/api/upload', { name: f.name }), { method: 'POST', body: f });
  const body = await r.json();
  $('upload-status').textContent = r.ok ? 'added ' + body.name : body.error;
  if (r.ok) { await loadFrames(); openFrame(body.id); }
}

async function fillChanged() {
  $('fill-colour').hidden = $('fill').value !== 'colour';
  await loadFill();
  draw();
  probeAt(state.mouse);
}

function init() {
  const c = $('view');
  c.addEventListener('mousemove', e => { state.mouse = mouseIn(e); draw(); probeAt(state.mouse); });
  c.addEventListener('mouseleave', () => { state.mouse = null; draw(); probeAt(null); });
  c.addEventListener('click', e => {
    if (keptCount() + 1 > state.limits.kept) {
      $('probe-status').textContent = 'at most ' + state.limits.kept + ' patches can be kept hidden (the passes\' too)';
      return;
    }
    state.kept.push(patchAt(mouseIn(e)));
    draw();
    probeAt(mouseIn(e));
  });
  c.addEventListener('wheel', e => {
    e.preventDefault();
    state.patch = Math.max(4, Math.min(1024, Math.round(state.patch * (e.deltaY < 0 ? 1.1 : 1 / 1.1))));
    $('patch').value = state.patch;
    draw();
    if (state.mouse) probeAt(state.mouse);
  }, { passive: false });
  $('patch').addEventListener('change', () => { state.patch = Number($('patch').value) || 64; draw(); });
  $('fill').addEventListener('change', fillChanged);
  $('fill-colour').addEventListener('input', fillChanged);
  $('clear-kept').addEventListener('click', () => { state.kept = []; state.passKept = []; draw(); probeAt(state.mouse); });
  $('filter').addEventListener('input', loadFrames);
  $('map-button').addEventListener('click', startMap);
  $('keep-worst').addEventListener('click', scanAgain);
  $('map-cancel').addEventListener('click', cancelMaps);
  $('upload').addEventListener('change', () => { if ($('upload').files[0]) uploadFile($('upload').files[0]); });
  window.addEventListener('resize', fit);
  // an image dropped anywhere on the page is added as the file chooser adds it
  document.addEventListener('dragover', e => e.preventDefault());
  document.addEventListener('drop', e => {
    e.preventDefault();
    const f = e.dataTransfer && e.dataTransfer.files[0];
    if (f) uploadFile(f);
  });
  loadModel().then(loadFrames).then(openLinked).catch(e => { $('model').textContent = e.message; });
}

// a link to a state of the page: ?frame=ID[&x=X&y=Y][&patch=P][&map=1] opens the frame and puts the
// patch on (X, Y); map=1 only offers the map: a link never starts work, the user's click does.
// Without a link, the page opens on the first frame listed.
async function openLinked() {
  const q = new URLSearchParams(location.search);
  if (!q.get('frame')) {
    const first = document.querySelector('#frames li');
    if (first) await openFrame(first.dataset.id, first.dataset.result);
    return;
  }
  if (q.get('patch')) { state.patch = Number(q.get('patch')) || 64; $('patch').value = state.patch; }
  const entry = document.querySelector('#frames li[data-id="' + CSS.escape(q.get('frame')) + '"]');
  await openFrame(q.get('frame'), entry ? entry.dataset.result : undefined);
  if (q.get('x') && q.get('y')) {
    state.mouse = { x: Number(q.get('x')), y: Number(q.get('y')) };
    draw();
    probeAt(state.mouse);
  }
  if (q.get('map')) {
    $('map-status').textContent = 'press compute to map this frame';
    $('map-button').focus();
  }
}

init();
