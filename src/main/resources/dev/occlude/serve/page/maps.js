// occlude serve's page, its full maps: a map job per model (POST /api/maps), its progress as server-sent
// events, its pictures and passes shown; "scan again" asks the same map with one pass more, as --passes
// N+1 does, each model keeping its own worst patches. Loaded before app.js, whose state and helpers it uses.
'use strict';

// a map request from the controls; each model's job asks the same (a class left "predicted" is each model's own)
function requestFromControls() {
  return {
    image: state.frame, patch: $('map-patch').value, stride: $('map-stride').value, fill: fillValue(),
    map: $('map-kind').value, keep: keepText(state.kept), every_class: $('map-every').checked,
    flips: $('map-flips').checked, class: $('map-class').value,
  };
}

// the request that made an earlier run's record: its patch, stride, map, fill; its class only when it was
// not the prediction (else each model maps its own prediction)
function requestOf(rec) {
  const fill = rec.fill_kind === 'colour' ? rec.fill_colour : rec.fill_kind && rec.fill_kind !== 'grey'
    ? rec.fill_kind : String(rec.fill === undefined ? 0.5 : rec.fill);
  return {
    image: state.frame, patch: rec.patch, stride: rec.stride, fill: fill, map: rec.map || 'probability', keep: '',
    every_class: false, flips: false, class: rec.target === rec.prediction.class ? '' : rec.target,
  };
}

function passesMade(rec) {
  return rec.passes && rec.passes.length ? rec.passes.length : 1;
}

function forgetMap() {
  state.request = null;
  state.passes = 1;
  state.records = [];
  state.passKept = [];
}

function startMap() {
  if (!state.frame) return;
  forgetMap();
  state.request = requestFromControls();
  draw();
  runMaps();
}

// one pass more, as --passes N+1: each model keeps its own worst patches hidden and maps its own class
function scanAgain() {
  if (!state.request) return;
  state.passKept = state.models.map(m => worstPatches(state.records[m.index]));
  state.passes = Math.max(...state.records.filter(r => r).map(passesMade)) + 1;
  draw();
  probeAt(state.mouse);
  runMaps();
}

// the jobs running or queued (their result URLs), which "cancel" stops (DELETE /api/maps/ID)
const running = new Set();

function jobEnded(url) {
  running.delete(url);
  $('map-cancel').hidden = running.size === 0;
}

function cancelMaps() {
  running.forEach(url => fetch(api(url), { method: 'DELETE' }));
  $('map-status').textContent = 'cancelling';
}

function runMaps() {
  cancelMaps(); // a new map replaces the one under way
  state.mapRun = (state.mapRun || 0) + 1;
  state.records = [];
  $('map-progress').value = 0;
  $('map-status').textContent = 'queued';
  $('map-result').hidden = true;
  state.models.forEach(m => startModelMap(m.index));
}

async function startModelMap(k) {
  const run = state.mapRun;
  const current = () => run === state.mapRun; // a job replaced by a newer one says nothing more
  const params = Object.assign({}, state.request, { passes: state.passes, model: k });
  if (!params.class) delete params.class;
  const r = await fetch(api('/api/maps', params), { method: 'POST' });
  const job = await r.json();
  if (!r.ok) { $('map-status').textContent = job.error; return; }
  if (!current()) { fetch(api(job.result), { method: 'DELETE' }); return; } // replaced while it was being asked
  running.add(job.result);
  $('map-cancel').hidden = false;
  const events = new EventSource(api(job.events));
  events.addEventListener('progress', e => {
    if (k !== 0 || !current()) return; // the first model's job drives the bar
    const s = JSON.parse(e.data);
    if (s.total > 0) $('map-progress').value = s.done / s.total;
    $('map-status').textContent = s.total > 0 ? s.done + ' of ' + s.total + ' variants' +
      (state.passes > 1 ? ' (' + state.passes + ' passes)' : '') : s.state;
  });
  const ended = (e, show) => { events.close(); jobEnded(job.result); if (current()) show(JSON.parse(e.data)); };
  events.addEventListener('done', e => ended(e, s => showMap(s, k)));
  events.addEventListener('failed', e => ended(e, s => { $('map-status').textContent = s.error; }));
  events.addEventListener('cancelled', e => ended(e, () => { $('map-status').textContent = 'cancelled'; }));
  events.onerror = () => { events.close(); jobEnded(job.result); };
}

const rect = m => [m.x, m.y, m.width, m.height];
// why passes stopped early (the record's passes_stop), as the command line's caption says it
const STOPS = {
  'worst-hidden': 'its worst patch is hidden already (another pass would repeat it)',
  'no-change': 'hiding its worst patch gave the same map again (another pass would repeat it)',
  'stop-below': 'the class fell below the stopping probability',
};

// a record's passes as the page lists them: one entry for a map of one pass
function passesOf(rec) {
  return rec.passes && rec.passes.length ? rec.passes
    : [{ pass: 1, probability: rec.prediction.probabilities[rec.target], min: rec.min, outputs: rec.outputs }];
}

function worstPatches(rec) {
  return rec && rec.min ? passesOf(rec).map(p => rect(p.min)) : [];
}

function showMap(s, k) {
  const rec = s.record;
  state.records[k] = rec;
  const stop = rec.passes_stop;
  if (k === 0) {
    $('map-progress').value = 1;
    $('map-status').textContent = 'done: ' + s.total + ' variants, ' + rec.seconds + ' s';
  }
  // one line a pass: what was hidden before it, its worst patch, the class's probability with it hidden
  const box = $('worst' + suffix(k));
  box.textContent = '';
  passesOf(rec).forEach(p => {
    const line = document.createElement('p');
    line.textContent = (state.models.length > 1 ? rec.model + ': ' : '') +
      (p.pass > 1 ? 'pass ' + p.pass + ', with patch' + (p.pass > 2 ? 'es 1-' + (p.pass - 1) : ' 1') + ' hidden: ' : '') +
      'worst patch for ' + rec.target + ': (' + rect(p.min).join(', ') + '), ' + rec.target + ' ' + p.min.probability +
      ' with it hidden (' + p.probability + ' without)';
    box.append(line);
  });
  if (stop) {
    const line = document.createElement('p');
    line.className = 'stop';
    line.textContent = 'stopped after pass ' + stop.after + ': ' + (STOPS[stop.reason] || stop.reason);
    box.append(line);
  }
  const pics = $('pictures' + suffix(k));
  pics.textContent = '';
  const urls = [];
  const collect = o => {
    if (!o) return;
    ['overlay', 'flips', 'worst'].forEach(key => { if (o[key]) urls.push(o[key]); });
  };
  collect(rec.outputs);
  passesOf(rec).slice(1).forEach(p => collect(p.outputs)); // passes 2..: each its own picture
  Object.values(rec.classes || {}).forEach(c => collect(c.outputs)); // --class all: one map per class
  urls.forEach(u => {
    const img = document.createElement('img');
    img.src = api(u);
    img.alt = u.split('/').pop();
    pics.appendChild(img);
  });
  // a pass that would repeat the last (its worst patch hidden already, or the same map) is not offered, nor one
  // past the limits: N+1 passes, and probes hiding the clicked patches and the N worst ones
  const stopped = state.records.some(r => r && r.passes_stop);
  const made = Math.max(...state.records.filter(r => r).map(passesMade));
  const past = made + 1 > state.limits.passes || state.kept.length + made > state.limits.kept;
  $('keep-worst').disabled = stopped || past;
  $('keep-worst').title = stopped ? 'one more pass would repeat the last one'
    : past ? 'at most ' + state.limits.passes + ' passes, and ' + state.limits.kept + ' patches kept hidden' : '';
  $('map-result').hidden = false;
}
