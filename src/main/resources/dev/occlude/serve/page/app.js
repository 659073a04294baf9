// occlude serve's page: a patch follows the mouse over a frame and every class's probability
// follows it (GET /api/probe); clicks keep patches hidden; full maps run as jobs (POST /api/maps)
// whose progress arrives as server-sent events. Every request carries the token of the page's address.
'use strict';

const token = new URLSearchParams(location.search).get('token');
const client = Math.random().toString(36).slice(2);
const $ = id => document.getElementById(id);

const state = {
  models: [], classes: [], frame: null, image: null, patch: 64, kept: [], mouse: null,
  inFlight: false, pending: null, seq: 0, lastProbe: null, job: null, record: null,
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

function keepText(rects) {
  return rects.map(r => r.join(',')).join(';');
}

async function loadModel() {
  const m = await getJson('/api/model');
  state.models = m.models;
  state.classes = m.classes;
  $('model').textContent = m.models.map(x => 'model ' + x.name + (x.staged ? ' (incremental inference)' : '') +
    '; classes ' + x.classes.join(', ')).join(' | ');
  const cls = $('map-class');
  m.classes.forEach(c => cls.add(new Option(c, c)));
  m.kinds.forEach(k => $('map-kind').add(new Option(k, k)));
  // a second model: its own table and pictures beside the first's
  m.models.slice(1).forEach(x => {
    const t = $('probs').cloneNode(true);
    t.id = 'probs-' + x.index;
    $('probs').after(t);
    const col = document.createElement('div');
    col.className = 'column';
    const w = document.createElement('p');
    w.id = 'worst-' + x.index;
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
  $('map-result').hidden = true;
  $('map-status').textContent = '';
  const c = $('view');
  c.width = img.naturalWidth;
  c.height = img.naturalHeight;
  document.querySelectorAll('#frames li').forEach(li => li.classList.toggle('current', li.dataset.id === id));
  draw();
  probeAt({ x: -10000, y: -10000 }); // the clean probabilities, no patch on the frame
  if (result) {
    // an earlier run's map of this frame: shown as a finished map, its worst patch ready to keep
    const r = await getJson(result);
    state.mapKeep = [];
    showMap({ record: r.record, total: r.record.variants }, 0);
  }
}

function patchAt(p) {
  const s = state.patch;
  return [Math.round(p.x - s / 2), Math.round(p.y - s / 2), s, s];
}

function draw() {
  const c = $('view');
  const g = c.getContext('2d');
  if (!state.image) return;
  g.drawImage(state.image, 0, 0);
  g.fillStyle = 'rgba(128,128,128,0.95)';
  state.kept.forEach(r => g.fillRect(r[0], r[1], r[2], r[3]));
  if (state.mouse) {
    const r = patchAt(state.mouse);
    g.fillStyle = 'rgba(128,128,128,0.75)';
    g.fillRect(r[0], r[1], r[2], r[3]);
    g.strokeStyle = '#fff';
    g.strokeRect(r[0] + 0.5, r[1] + 0.5, r[2] - 1, r[3] - 1);
  }
  $('kept').textContent = state.kept.length ? state.kept.map(r => '(' + r.join(', ') + ')').join(' ') : 'none';
}

function mouseIn(e) {
  const c = $('view');
  const b = c.getBoundingClientRect();
  return { x: (e.clientX - b.left) * c.width / b.width, y: (e.clientY - b.top) * c.height / b.height };
}

// at most one probe in flight; a newer position replaces the one waiting
function probeAt(p) {
  state.pending = p;
  if (!state.inFlight) sendProbe();
}

async function sendProbe() {
  const p = state.pending;
  state.pending = null;
  if (!p || !state.frame) return;
  state.inFlight = true;
  const r = patchAt(p);
  const seq = ++state.seq;
  try {
    const answers = await Promise.all(state.models.map(m => getJson('/api/probe', {
      image: state.frame, x: r[0], y: r[1], w: r[2], h: r[3], fill: fillValue(),
      keep: keepText(state.kept), client: client, seq: seq, model: m.index,
    })));
    answers.forEach((body, k) => drawTable(body, k));
    state.lastProbe = answers[0];
    $('probe-status').textContent = 'patch (' + answers[0].patch.join(', ') + ') in ' +
      answers.map(a => a.ms + ' ms').join(', ');
  } catch (e) {
    if (e.status !== 409) $('probe-status').textContent = e.message;
  } finally {
    state.inFlight = false;
    if (state.pending) sendProbe();
  }
}

function drawTable(probe, k) {
  const body = document.querySelector('#' + tableId(k) + ' tbody');
  body.textContent = '';
  state.models[k].classes.forEach((c, i) => {
    const tr = document.createElement('tr');
    tr.dataset.class = c;
    const clean = probe ? probe.clean[i] : NaN;
    const occ = probe ? probe.probabilities[i] : NaN;
    tr.innerHTML = '<td></td><td class="num clean"></td><td class="num occluded"></td>' +
      '<td><div class="track"><div class="bar"></div><div class="mark"></div></div></td>';
    tr.children[0].textContent = c;
    tr.children[1].textContent = isNaN(clean) ? '' : clean.toFixed(4);
    tr.children[2].textContent = isNaN(occ) ? '' : occ.toFixed(4);
    const bar = tr.querySelector('.bar');
    bar.style.width = (isNaN(occ) ? 0 : Math.round(200 * occ)) + 'px';
    if (occ < clean - 0.05) bar.classList.add('down');
    // the mark: where the bar stands with only the kept patches hidden
    tr.querySelector('.mark').style.left = (isNaN(clean) ? -10 : Math.round(200 * clean) - 1) + 'px';
    body.appendChild(tr);
  });
}

async function startMap(keep, cls) {
  if (!state.frame) return;
  state.mapKeep = keep;
  state.record = null;
  $('map-progress').value = 0;
  $('map-status').textContent = 'queued';
  $('map-result').hidden = true;
  state.models.forEach(m => startModelMap(m.index, keep, cls));
}

async function startModelMap(k, keep, cls) {
  const params = {
    image: state.frame, patch: $('map-patch').value, stride: $('map-stride').value,
    fill: fillValue(), map: $('map-kind').value, keep: keepText(keep),
    every_class: $('map-every').checked, flips: $('map-flips').checked, model: k,
  };
  if (cls || $('map-class').value) params.class = cls || $('map-class').value;
  const r = await fetch(api('/api/maps', params), { method: 'POST' });
  const job = await r.json();
  if (!r.ok) { $('map-status').textContent = job.error; return; }
  const events = new EventSource(api(job.events));
  events.addEventListener('progress', e => {
    if (k !== 0) return; // the first model's job drives the bar
    const s = JSON.parse(e.data);
    if (s.total > 0) $('map-progress').value = s.done / s.total;
    $('map-status').textContent = s.total > 0 ? s.done + ' of ' + s.total + ' variants' : s.state;
  });
  events.addEventListener('done', e => { events.close(); showMap(JSON.parse(e.data), k); });
  events.addEventListener('failed', e => { events.close(); $('map-status').textContent = JSON.parse(e.data).error; });
  events.onerror = () => { events.close(); };
}

function showMap(s, k) {
  const rec = s.record;
  if (k === 0) {
    state.record = rec;
    $('map-progress').value = 1;
    $('map-status').textContent = 'done: ' + s.total + ' variants, ' + rec.seconds + ' s';
  }
  const w = worstPatch(rec);
  $('worst' + suffix(k)).textContent = (state.models.length > 1 ? rec.model + ': ' : '') + 'worst patch for ' +
    rec.target + ': (' + (w ? w.join(', ') : '-') + '), ' + rec.target + ' ' + (rec.min ? rec.min.probability : '?') +
    ' with it hidden (' + rec.prediction.probabilities[rec.target] + ' without)';
  const pics = $('pictures' + suffix(k));
  pics.textContent = '';
  const urls = [];
  const collect = o => {
    if (!o) return;
    ['overlay', 'flips', 'worst'].forEach(key => { if (o[key]) urls.push(o[key]); });
  };
  collect(rec.outputs);
  Object.values(rec.classes || {}).forEach(c => collect(c.outputs)); // --class all: one map per class
  urls.forEach(u => {
    const img = document.createElement('img');
    img.src = api(u);
    img.alt = u.split('/').pop();
    pics.appendChild(img);
  });
  $('map-result').hidden = false;
}

function worstPatch(rec) {
  const m = rec && rec.min;
  return m ? [m.x, m.y, m.width, m.height] : null;
}

async function uploadFile(f) {
  const r = await fetch(api('/api/upload', { name: f.name }), { method: 'POST', body: f });
  const body = await r.json();
  $('upload-status').textContent = r.ok ? 'added ' + body.name : body.error;
  if (r.ok) { await loadFrames(); openFrame(body.id); }
}

function init() {
  const c = $('view');
  c.addEventListener('mousemove', e => { state.mouse = mouseIn(e); draw(); probeAt(state.mouse); });
  c.addEventListener('mouseleave', () => { state.mouse = null; draw(); probeAt({ x: -10000, y: -10000 }); });
  c.addEventListener('click', e => {
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
  $('fill').addEventListener('change', () => {
    $('fill-colour').hidden = $('fill').value !== 'colour';
    probeAt(state.mouse || { x: -10000, y: -10000 });
  });
  $('fill-colour').addEventListener('input', () => probeAt(state.mouse || { x: -10000, y: -10000 }));
  $('clear-kept').addEventListener('click', () => { state.kept = []; draw(); probeAt({ x: -10000, y: -10000 }); });
  $('filter').addEventListener('input', loadFrames);
  $('map-button').addEventListener('click', () => startMap(state.kept));
  $('keep-worst').addEventListener('click', () => {
    const w = worstPatch(state.record);
    if (!w) return;
    state.kept = (state.mapKeep || []).concat([w]);
    draw();
    probeAt({ x: -10000, y: -10000 });
    startMap(state.kept, state.record.target); // the same class, as the article's second pass
  });
  $('upload').addEventListener('change', () => { if ($('upload').files[0]) uploadFile($('upload').files[0]); });
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
// patch on (X, Y); map=1 only offers the map: a link never starts work, the user's click does
async function openLinked() {
  const q = new URLSearchParams(location.search);
  if (!q.get('frame')) return;
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
