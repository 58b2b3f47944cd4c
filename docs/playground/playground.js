// The playground page: its controls, its drawings, and window.shallownetPlayground.train.
//
// Loaded by the page itself (docs/playground/index.md), never by the others. The training
// runs in worker.js; this thread only draws the states the worker sends. It starts on
// Material's document$ observable, which fires on the first load and after every instant
// navigation, and stops the worker when the reader leaves the page.
(() => {
  "use strict";
  if (window.__shallownetPlaygroundLoaded) return; // instant navigation runs it again
  window.__shallownetPlaygroundLoaded = true;

  const SCRIPT = document.currentScript ? document.currentScript.src : null;
  const GRID = 64; // the probability map is GRID x GRID points
  // Okabe-Ito vermillion and blue, as the site's plots (docs/machinery/shallownet_site/plots.py)
  const CLASS_COLOURS = ["#D55E00", "#0072B2"];
  // The scheme's colours, read from Material's CSS variables when the page is set up and
  // when the reader switches between light and slate (scheme_colours): the background of
  // the plots (white where A2 = 0.5) and their ink. These are the light scheme's.
  const LIGHT = { paper: "#FFFFFF", ink: "#222222", grid: "#DDDDDD" };
  const SYMMETRIC = "symmetric"; // the seed list's start with every weight equal

  let current = null; // the page's state while it is shown

  // The contract ----------------------------------------------------------------------

  // worker.js and data/ sit next to this script.
  function here(path) {
    return new URL(path, SCRIPT || document.baseURI).href;
  }

  let worker = null;
  let calls = 0;
  const waiting = new Map(); // id -> {resolve, reject}

  function start_worker() {
    if (worker !== null) return worker;
    worker = new Worker(here("worker.js"));
    worker.onmessage = (event) => receive(event.data);
    worker.onerror = (event) => console.error("playground worker:", event.message);
    return worker;
  }

  function stop_worker() {
    if (worker === null) return;
    worker.terminate();
    worker = null;
    for (const { reject } of waiting.values()) reject(new Error("the playground page was left"));
    waiting.clear();
  }

  function train(args) {
    return new Promise((resolve, reject) => {
      const id = ++calls;
      waiting.set(id, { resolve, reject });
      try {
        start_worker().postMessage({ type: "train", id, args });
      } catch (error) {
        waiting.delete(id);
        reject(new TypeError(`train takes plain numbers and strings: ${error.message}`));
      }
    });
  }

  function receive(message) {
    if (message.type === "trained" || (message.type === "failed" && message.id !== null)) {
      const call = waiting.get(message.id);
      waiting.delete(message.id);
      if (call === undefined) return;
      if (message.type === "trained") {
        call.resolve({ costs: Array.from(message.costs), parameters: message.parameters });
      } else {
        const Type = { TypeError, RangeError }[message.name] || Error;
        call.reject(new Type(message.message));
      }
    } else if (message.type === "failed") {
      if (current !== null) show_message(message.message);
    } else if (message.type === "state" && current !== null) {
      take_state(message);
    } else if (message.type === "lambda_max" && current !== null) {
      take_lambda_max(message);
    }
  }

  // The page ---------------------------------------------------------------------------

  const COURSE_ITERATIONS = 10000; // nn_model's default, the course's run
  const PACE_MS = 25; // how often Play raises the worker's target at a set speed
  const HINT = "enter a positive number, such as 1.2";

  function element(id) {
    return document.getElementById(id);
  }

  // The learning rate α as typed: {value} or {error}, the error saying what to type.
  // The field is a text field, so that "1,2" reaches this check instead of a browser's
  // own reading of it.
  function read_learning_rate(typed) {
    const t = typed.trim();
    if (t === "") return { error: `α is empty: ${HINT}.` };
    if (/^[+-]?[0-9]*,[0-9]+$/.test(t)) {
      return { error: `α = ${t} has a comma: write decimals with a point; ${HINT}.` };
    }
    if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(t)) {
      return { error: `α = ${t} is not a number: ${HINT}.` };
    }
    const value = Number(t);
    if (!Number.isFinite(value)) return { error: `α = ${t} is too large: ${HINT}.` };
    if (!(value > 0)) return { error: `α = ${t} is not positive: ${HINT}.` };
    return { value };
  }

  function seed_of(value) {
    return value === SYMMETRIC ? SYMMETRIC : Number(value);
  }

  function config() {
    return {
      dataset: current.controls.dataset.value,
      n_h: Number(current.controls.n_h.value),
      activation: current.controls.activation.value,
      seed: seed_of(current.controls.seed.value),
      learning_rate: current.learning_rate,
    };
  }

  function show_message(text) {
    current.message.textContent = text;
  }

  // Checks the α field, marks it, and returns whether it holds a valid α.
  function check_learning_rate() {
    const { learning_rate: field } = current.controls;
    const read = read_learning_rate(field.value);
    const valid = read.error === undefined;
    field.setAttribute("aria-invalid", valid ? "false" : "true");
    current.rate_error.textContent = valid ? "" : read.error;
    current.rate_valid = valid;
    if (valid) current.typed_rate = read.value;
    return valid;
  }

  // Back to the initial parameters: iteration 0, no cost, no curve. Works whatever the
  // α field holds; while it is invalid, Play and One step stay disabled.
  function reset(event) {
    if (check_learning_rate()) current.learning_rate = current.typed_rate;
    stop_pace();
    show_message("");
    if (!(event instanceof CustomEvent && event.type === "task")) current.task_note.textContent = "";
    current.generation++;
    current.costs = new Float64Array(1024);
    current.count = 0;
    current.state = null;
    current.playing = false;
    current.pausing = false;
    current.ready = false;
    current.dirty = true;
    current.target = 0;
    update_buttons();
    clear_drawings();
    start_worker().postMessage({
      type: "reset",
      config: config(),
      grid: GRID,
      generation: current.generation,
    });
  }

  function on_learning_rate_input() {
    if (!check_learning_rate()) {
      if (current.playing) pause();
      update_buttons();
      return;
    }
    if (current.typed_rate !== current.learning_rate || !current.ready) reset();
    else update_buttons();
  }

  function take_state(state) {
    if (state.generation !== current.generation) return; // a network the page has left
    const need = current.count + state.costs.length;
    if (need > current.costs.length) {
      const grown = new Float64Array(Math.max(need, 2 * current.costs.length));
      grown.set(current.costs.subarray(0, current.count));
      current.costs = grown;
    }
    current.costs.set(state.costs, current.count);
    current.count = need;
    current.state = state;
    current.states++;
    current.map_ms += state.map_ms;
    current.boundary_ms += state.boundary_ms;
    if (state.paused) current.pausing = false;
    current.ready = true;
    current.dirty = true;
    if (current.playing && state.iteration >= current.cap && !state.playing) {
      stop_pace();
      current.playing = false;
      show_message(
        `Stopped at ${format(COURSE_ITERATIONS)} iterations, as the course does: ` +
          "untick “Stop at 10,000 iterations” to go on.",
      );
    }
    update_buttons();
    if (current.frame === null) current.frame = requestAnimationFrame(draw);
  }

  // λ_max at an iteration's parameters, next to 2/α.
  function take_lambda_max(message) {
    if (message.generation !== current.generation) return;
    if (message.value === null) {
      current.lambda_max = null;
      current.out.lambda_max.textContent = `computed for up to ${message.units} hidden units`;
      return;
    }
    current.lambda_max = { value: message.value, iteration: message.iteration };
    const two_over_alpha = 2 / current.learning_rate;
    const relation = message.value < two_over_alpha ? "below" : "not below";
    current.out.lambda_max.textContent = Number.isFinite(message.value)
      ? `${message.value.toPrecision(4)} at iteration ${message.iteration}, ${relation} 2/α`
      : `not finite at iteration ${message.iteration}`;
  }

  // Called at every state the worker sends: writes only what changes, since every write
  // to the page makes the browser recompute its style at the next frame.
  function update_buttons() {
    const { play, step } = current.controls;
    const can_run = current.ready && current.rate_valid;
    const label = current.playing ? "Pause" : "Play";
    const pressed = current.playing ? "true" : "false";
    if (play.textContent !== label) play.textContent = label;
    if (play.getAttribute("aria-pressed") !== pressed) play.setAttribute("aria-pressed", pressed);
    if (play.disabled !== (!current.playing && !can_run)) play.disabled = !current.playing && !can_run;
    if (step.disabled !== (!can_run || current.playing)) step.disabled = !can_run || current.playing;
  }

  // Play -------------------------------------------------------------------------------
  //
  // At a set speed, the page raises the worker's target every PACE_MS by the iterations
  // its clock says are due: `speed` per second since Play (or since the speed changed).
  // The clock is this page's performance.now and setTimeout, which a test can drive.

  function cap() {
    return current.controls.stop.checked ? COURSE_ITERATIONS : Infinity;
  }

  function speed() {
    const value = current.controls.speed.value;
    return value === "max" ? Infinity : Number(value);
  }

  function iteration_now() {
    return current.state === null ? 0 : current.state.iteration;
  }

  function stop_pace() {
    if (current.pace !== null) clearTimeout(current.pace);
    current.pace = null;
  }

  function start_pace() {
    stop_pace();
    current.cap = cap();
    current.pace_from = { time: performance.now(), iteration: Math.max(current.target, iteration_now()) };
    pace();
  }

  function pace() {
    current.pace = null;
    if (!current.playing) return;
    const per_second = speed();
    let until;
    if (per_second === Infinity) {
      until = current.cap;
    } else {
      const elapsed = performance.now() - current.pace_from.time;
      const due = Math.floor((per_second * elapsed) / 1000 + 1e-9);
      until = Math.min(current.cap, current.pace_from.iteration + due);
      current.pace = setTimeout(pace, PACE_MS);
    }
    if (until > current.target) {
      current.target = until;
      worker.postMessage({ type: "target", until });
    }
  }

  function play() {
    if (!current.ready || !current.rate_valid) return;
    if (iteration_now() >= cap()) {
      show_message(
        `The network has run ${format(COURSE_ITERATIONS)} iterations: ` +
          "untick “Stop at 10,000 iterations” to go on, or press Reset.",
      );
      return;
    }
    show_message("");
    current.playing = true;
    start_pace();
    update_buttons();
  }

  function pause() {
    stop_pace();
    current.playing = false;
    // a target sent just before may still train a chunk: the worker is done only when it
    // answers this pause
    current.pausing = true;
    current.target = iteration_now();
    worker.postMessage({ type: "pause" });
    update_buttons();
  }

  function toggle_play() {
    if (current.playing) pause();
    else play();
  }

  function one_step() {
    if (!current.ready || current.playing || !current.rate_valid) return;
    worker.postMessage({ type: "step" });
    current.target = iteration_now() + 1;
  }

  // Drawing ----------------------------------------------------------------------------

  function rgb(hex) {
    return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  }
  const RGB = CLASS_COLOURS.map(rgb);

  // The probability A2 of each grid point, from white at 0.5 to a class's colour, light;
  // one pixel per grid point, which the browser scales to the plot's size.
  function paint_map(state) {
    const { map, grid } = state;
    const canvas = current.map_canvas;
    if (canvas.width !== grid) {
      canvas.width = grid;
      canvas.height = grid;
    }
    const ctx = canvas.getContext("2d");
    // one ImageData per size, kept: a new one each redraw is garbage for the collector
    if (current.map_image === null || current.map_image.width !== grid) current.map_image = ctx.createImageData(grid, grid);
    const image = current.map_image;
    const data = image.data;
    const paper = rgb(current.colours.paper);
    for (let i = 0; i < map.length; i++) {
      const p = map[i];
      const colour = p > 0.5 ? RGB[1] : RGB[0];
      const t = 0.55 * Math.abs(2 * p - 1); // at most 55% of the class colour
      for (let c = 0; c < 3; c++) data[4 * i + c] = Math.round(paper[c] + t * (colour[c] - paper[c]));
      data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }

  function draw_boundary(state) {
    paint_map(state);
    const canvas = current.boundary;
    const ctx = canvas.getContext("2d");
    const size = canvas.width;
    ctx.clearRect(0, 0, size, size);
    // the boundary A2 = 0.5, as the worker traced it across the map (worker.js, boundary),
    // in the map's pixels
    const { boundary, grid } = state;
    const cell = size / grid;
    ctx.strokeStyle = current.colours.ink;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let k = 0; k + 3 < boundary.length; k += 4) {
      ctx.moveTo(boundary[k] * cell, boundary[k + 1] * cell);
      ctx.lineTo(boundary[k + 2] * cell, boundary[k + 3] * cell);
    }
    ctx.stroke();
    draw_lines(state);
  }

  // The hidden units' lines: unit j's a x1 + b x2 + c = 0, [a, b, c] = [W1[j,0], W1[j,1],
  // b1[j]] (engine.js, hidden_unit_lines), clipped to the plot's square, in the colours
  // of datasets.json's unit_colours (shallownet_site.playground.UNIT_COLOURS), each over
  // a halo of the background, numbered at one end. Drawn in unit order, so where lines
  // coincide the last unit's is on top.
  function draw_lines(state) {
    const canvas = current.lines_canvas;
    const ctx = canvas.getContext("2d");
    const size = canvas.width;
    // a canvas cleared is a canvas changed, which the browser copies at its next frame:
    // cleared only when it holds lines
    if (current.lines_shown === null || current.lines_shown.drawn > 0) ctx.clearRect(0, 0, size, size);
    const colours = current.unit_colours;
    const shown = { ticked: current.controls.lines.checked, units: state.lines.length / 3, drawn: 0, segments: [] };
    current.lines_shown = shown;
    if (!shown.ticked || colours.length === 0) return;
    const b = state.bounds;
    const px = (x1, x2) => [((x1 - b[0]) / (b[1] - b[0])) * size, ((b[3] - x2) / (b[3] - b[2])) * size];
    const labels = shown.units <= 12;
    ctx.font = "bold 13px sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    for (let j = 0; j < shown.units; j++) {
      const segment = clip_line(state.lines[3 * j], state.lines[3 * j + 1], state.lines[3 * j + 2], b);
      if (segment === null) continue;
      const [p, q] = [px(...segment[0]), px(...segment[1])];
      shown.drawn++;
      shown.segments.push([p, q]);
      const colour = colours[j % colours.length];
      for (const [style, width] of [[current.colours.paper, 5], [colour, 2.5]]) {
        ctx.strokeStyle = style;
        ctx.lineWidth = width;
        ctx.beginPath();
        ctx.moveTo(p[0], p[1]);
        ctx.lineTo(q[0], q[1]);
        ctx.stroke();
      }
      if (labels) {
        // the number 14 px inside the plot from the segment's end q
        const length = Math.hypot(q[0] - p[0], q[1] - p[1]) || 1;
        const x = q[0] + ((p[0] - q[0]) / length) * 14;
        const y = q[1] + ((p[1] - q[1]) / length) * 14;
        ctx.fillStyle = current.colours.paper;
        ctx.beginPath();
        ctx.arc(x, y, 8, 0, 2 * Math.PI);
        ctx.fill();
        ctx.fillStyle = colour;
        ctx.fillText(String(j + 1), x, y + 0.5);
      }
    }
  }

  // The part of the line a x1 + b x2 + c = 0 inside bounds [x1 lo, x1 hi, x2 lo, x2 hi],
  // as two points [x1, x2], or null when it misses the square (or a = b = 0): the
  // line is p0 + t d with p0 its point nearest the origin and d = (-b, a), and t is cut
  // to the square's two slabs in turn (Liang and Barsky's clipping).
  function clip_line(a, b, c, bounds) {
    const norm = a * a + b * b;
    if (!(norm > 0) || !Number.isFinite(norm) || !Number.isFinite(c)) return null;
    const p0 = [(-c * a) / norm, (-c * b) / norm];
    const d = [-b, a];
    let t0 = -Infinity;
    let t1 = Infinity;
    for (let axis = 0; axis < 2; axis++) {
      const lo = bounds[2 * axis];
      const hi = bounds[2 * axis + 1];
      if (d[axis] === 0) {
        if (p0[axis] < lo || p0[axis] > hi) return null;
        continue;
      }
      const ta = (lo - p0[axis]) / d[axis];
      const tb = (hi - p0[axis]) / d[axis];
      t0 = Math.max(t0, Math.min(ta, tb));
      t1 = Math.min(t1, Math.max(ta, tb));
    }
    if (!(t0 < t1)) return null;
    return [
      [p0[0] + t0 * d[0], p0[1] + t0 * d[1]],
      [p0[0] + t1 * d[0], p0[1] + t1 * d[1]],
    ];
  }

  // The training points, drawn into their own layer when the data set changes:
  // vermillion circles for y = 0, blue triangles for y = 1, as the site's plots draw them.
  function draw_points(dataset, bounds) {
    const set = current.points[dataset];
    if (set === undefined || current.points_drawn === dataset) return;
    current.points_drawn = dataset;
    const canvas = current.points_canvas;
    const ctx = canvas.getContext("2d");
    const size = canvas.width;
    ctx.clearRect(0, 0, size, size);
    const sx = size / (bounds[1] - bounds[0]);
    const sy = size / (bounds[3] - bounds[2]);
    ctx.lineWidth = 1;
    ctx.strokeStyle = current.colours.paper;
    for (let j = 0; j < set.Y.length; j++) {
      const x = (set.X[0][j] - bounds[0]) * sx;
      const y = (bounds[3] - set.X[1][j]) * sy;
      ctx.fillStyle = CLASS_COLOURS[set.Y[j]];
      ctx.beginPath();
      if (set.Y[j] === 1) {
        ctx.moveTo(x, y - 4.5);
        ctx.lineTo(x + 4, y + 3);
        ctx.lineTo(x - 4, y + 3);
        ctx.closePath();
      } else {
        ctx.arc(x, y, 3.5, 0, 2 * Math.PI);
      }
      ctx.fill();
      ctx.stroke();
    }
  }

  // Empty drawings and readouts, until the new network's first state.
  function clear_drawings() {
    current.lines_shown = null;
    for (const canvas of [current.map_canvas, current.boundary, current.lines_canvas]) {
      canvas.getContext("2d").clearRect(0, 0, canvas.width, canvas.height);
    }
    current.points_drawn = null;
    current.points_canvas.getContext("2d").clearRect(0, 0, current.points_canvas.width, current.points_canvas.height);
    current.out.iteration.textContent = "0";
    current.out.cost.textContent = "–";
    current.out.accuracy.textContent = "–";
    current.out.lambda_max.textContent = "–";
    current.out.two_over_alpha.textContent = (2 / current.learning_rate).toPrecision(4);
    current.lambda_max = null;
    current.cost_note.textContent = "";
    draw_costs();
  }

  // About `count` round steps (1, 2 or 5 times a power of ten) from 0 to `high`.
  function nice_step(high, count) {
    const raw = high / count;
    const power = 10 ** Math.floor(Math.log10(raw));
    for (const m of [1, 2, 5, 10]) if (m * power >= raw) return m * power;
    return 10 * power;
  }

  // A number as en-US writes it, with `decimals` digits after the point and a comma
  // between each three before it: 10,000, 0.25. Intl.NumberFormat("en-US") writes the
  // same, but building the first formatter of a page took 35-49 ms of this machine's CPU,
  // unslowed (3 fresh pages), in the playground's set-up as it drew its empty axes
  // (docs/project/performance.md). A browser test holds the two equal.
  function format(value, decimals = 0) {
    const [whole, fraction] = value.toFixed(decimals).split(".");
    const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ",");
    return fraction === undefined ? grouped : `${grouped}.${fraction}`;
  }

  function cost_label(value, step) {
    if (value !== 0 && (value >= 1e6 || step < 1e-4)) return value.toExponential(1);
    return format(value, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  }

  // The cost against the iteration: iteration k (1-based, the cost before the k-th update)
  // on a log axis from 1 to 10,000 or the iterations so far, whichever is more; the cost
  // on a linear axis from 0 to its largest value, with round ticks, and J0 dashed.
  function draw_costs() {
    const canvas = current.cost_canvas;
    const ctx = canvas.getContext("2d");
    const w = canvas.width;
    const h = canvas.height;
    const left = 56;
    const bottom = h - 34;
    const top = 12;
    const right = w - 24;
    ctx.fillStyle = current.colours.paper;
    ctx.fillRect(0, 0, w, h);
    const n = current.count;
    const costs = current.costs;
    const J0 = n > 0 ? costs[0] : NaN;
    let high = 0;
    let above = -1; // the first iteration whose cost is above J0
    for (let i = 0; i < n; i++) {
      const c = costs[i];
      if (!Number.isFinite(c)) continue;
      if (c > high) high = c;
      if (above < 0 && c > J0) above = i;
    }
    if (!(high > 0)) high = 0.75;
    const step = nice_step(high, 4);
    const y_top = Math.ceil(high / step - 1e-9) * step;
    const y_of = (v) => bottom - (Math.min(v, y_top) / y_top) * (bottom - top);
    const log_end = Math.log10(Math.max(COURSE_ITERATIONS, n));
    const x_of = (k) => left + (Math.log10(k) / log_end) * (right - left);

    ctx.strokeStyle = current.colours.grid;
    ctx.lineWidth = 1;
    ctx.fillStyle = current.colours.ink;
    ctx.font = "12px sans-serif";
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    // the ticks drawn, for stats(): [label, pixel]
    const axis = { cost: [], iteration: [] };
    current.axis = axis;
    for (let k = 0; k * step <= y_top * (1 + 1e-9); k++) {
      const v = k * step;
      const y = y_of(v);
      const label = cost_label(v, step);
      axis.cost.push([label, y]);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(right, y);
      ctx.stroke();
      ctx.fillText(label, left - 4, y);
    }
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (let p = 0; p <= Math.floor(log_end + 1e-9); p++) {
      const x = x_of(10 ** p);
      const label = format(10 ** p);
      axis.iteration.push([label, x]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.fillText(label, x, bottom + 4);
    }
    ctx.fillText("iteration (log scale)", (left + right) / 2, bottom + 19);
    ctx.save();
    ctx.translate(12, (top + bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText("J", 0, -6);
    ctx.restore();
    if (n === 0) return;
    // J0, dashed
    ctx.strokeStyle = current.colours.ink;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(left, y_of(J0));
    ctx.lineTo(right, y_of(J0));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.textAlign = "right";
    ctx.textBaseline = "bottom";
    ctx.fillText("J₀", right - 2, y_of(J0) - 2);
    // one vertical segment, min to max, per pixel column that holds iterations
    ctx.strokeStyle = current.colours.curve;
    ctx.lineWidth = 1.6;
    ctx.beginPath();
    let first = true;
    const columns = right - left;
    for (let c = 0; c < columns; c++) {
      // iterations k with x_of(k) in [c, c + 1): index k - 1
      const from = Math.max(1, Math.ceil(10 ** ((c / columns) * log_end) - 1e-9));
      const to = Math.min(n + 1, Math.ceil(10 ** (((c + 1) / columns) * log_end) - 1e-9));
      if (from > n) break;
      if (from >= to) continue;
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = from; k < to; k++) {
        lo = Math.min(lo, costs[k - 1]);
        hi = Math.max(hi, costs[k - 1]);
      }
      const x = left + c + 0.5;
      if (first) ctx.moveTo(x, y_of(hi));
      else ctx.lineTo(x, y_of(hi));
      ctx.lineTo(x, y_of(lo));
      first = false;
    }
    ctx.stroke();
    current.cost_note.textContent =
      above < 0
        ? ""
        : `The cost has gone above its start J₀ = ${J0.toFixed(6)}: first after ${above} iterations, ` +
          `J = ${costs[above].toFixed(6)}; the largest so far is ${high.toFixed(6)}.`;
  }

  // A redraw takes two animation frames: the plot of the plane in one, the cost curve and
  // the readouts in the next. Each frame's task is this thread's drawing and then the
  // browser's own work for the canvases it changed (style, layout, paint, and the copy of
  // each changed canvas for the screen); with one canvas a frame, neither frame's task
  // blocks the page for 50 ms on a phone's slow CPU, where one frame for both did
  // (benchmarks/bench_playground.py --long-tasks, docs/project/performance.md). The data
  // set's points, drawn once for each data set, take a frame of their own between the
  // two, so that the page's first drawing is three shorter tasks.
  function draw() {
    current.frame = null;
    const state = current.state;
    if (!current.dirty || state === null) return;
    const start = performance.now();
    current.dirty = false;
    draw_boundary(state);
    current.draw_ms += performance.now() - start;
    const set = state.dataset;
    const points = current.points[set] !== undefined && current.points_drawn !== set;
    current.frame = requestAnimationFrame(points ? draw_points_frame : draw_rest);
  }

  function draw_points_frame() {
    current.frame = null;
    const state = current.state;
    if (state !== null) {
      const start = performance.now();
      draw_points(state.dataset, state.bounds);
      current.draw_ms += performance.now() - start;
    }
    current.frame = requestAnimationFrame(draw_rest);
  }

  function draw_rest() {
    current.frame = null;
    const state = current.state;
    if (state !== null) {
      // a state that came since draw() is drawn here, and in the plot at the next frame
      const start = performance.now();
      draw_costs();
      current.redraws++;
      const n = current.count;
      current.out.iteration.textContent = String(state.iteration);
      current.out.cost.textContent = n > 0 ? current.costs[n - 1].toFixed(6) : "–";
      current.out.accuracy.textContent = `${(100 * state.accuracy).toFixed(2)}%`;
      current.draw_ms += performance.now() - start;
    }
    if (current.dirty) current.frame = requestAnimationFrame(draw);
  }

  // Guided tasks ("Try this") ---------------------------------------------------------
  //
  // Each task's button carries the controls it sets in data- attributes; a click sets
  // them all, ticks the course's stop, and starts again from the initial parameters. The
  // task's text stays under the controls until another change.
  function set_task(button) {
    const t = button.dataset;
    const { controls } = current;
    if (current.playing) pause();
    controls.dataset.value = t.dataset;
    controls.n_h.value = t.nH;
    element("sn-pg-n-h-value").textContent = t.nH;
    controls.activation.value = t.activation;
    controls.learning_rate.value = t.learningRate;
    controls.seed.value = t.seed;
    controls.lines.checked = t.lines === "on";
    controls.stop.checked = true;
    current.task = t.task;
    reset(new CustomEvent("task"));
    // the task's name and text, with its markup (sub- and superscripts, its link)
    const title = document.createElement("strong");
    title.textContent = `${button.textContent.trim()}. `;
    const text = button.parentElement.querySelector("p");
    current.task_note.replaceChildren(title, ...(text ? Array.from(text.childNodes, (node) => node.cloneNode(true)) : []));
    const top = current.root.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 2) current.root.scrollIntoView({ block: "start" });
  }

  // The plots' background, ink, grid and curve colours from Material's scheme: its CSS
  // variables, resolved by the browser and painted on one pixel, the ink over the
  // background (the schemes' text colours are translucent), read back as #rrggbb.
  function scheme_colours(root) {
    const style = getComputedStyle(root);
    const canvas = document.createElement("canvas");
    canvas.width = 1;
    canvas.height = 1;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    const hex = (data) => "#" + Array.from(data.slice(0, 3), (v) => v.toString(16).padStart(2, "0")).join("").toUpperCase();
    const paint = (over, name, fallback) => {
      const value = style.getPropertyValue(name).trim();
      ctx.fillStyle = over;
      ctx.fillRect(0, 0, 1, 1);
      ctx.fillStyle = fallback;
      if (value !== "") ctx.fillStyle = value; // an unreadable value leaves the fallback
      ctx.fillRect(0, 0, 1, 1);
      return hex(ctx.getImageData(0, 0, 1, 1).data);
    };
    const paper = paint("#FFFFFF", "--md-default-bg-color", LIGHT.paper);
    const ink = paint(paper, "--md-default-fg-color", LIGHT.ink);
    const dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    return {
      paper,
      ink,
      grid: paint(paper, "--md-default-fg-color--lightest", LIGHT.grid),
      // Okabe-Ito blue, and its sky blue on a dark background, where the blue is too dark
      curve: dark ? "#56B4E9" : CLASS_COLOURS[1],
    };
  }

  // Set-up on each document$ event ------------------------------------------------------

  function load_points() {
    return fetch(here("data/datasets.json"))
      .then((response) => response.json())
      .then((data) => {
        const points = {};
        for (const [name, set] of Object.entries(data.datasets)) {
          points[name] = { X: set.X, Y: set.Y[0] };
        }
        return { points, unit_colours: data.unit_colours };
      });
  }

  function setup(root) {
    const controls = {
      dataset: element("sn-pg-dataset"),
      n_h: element("sn-pg-n-h"),
      activation: element("sn-pg-activation"),
      learning_rate: element("sn-pg-learning-rate"),
      seed: element("sn-pg-seed"),
      speed: element("sn-pg-speed"),
      stop: element("sn-pg-stop"),
      lines: element("sn-pg-lines"),
      play: element("sn-pg-play"),
      step: element("sn-pg-step"),
      reset: element("sn-pg-reset"),
    };
    current = {
      root,
      controls,
      map_canvas: element("sn-pg-map"),
      map_image: null, // the map's ImageData, kept between redraws (paint_map)
      boundary: element("sn-pg-boundary"),
      points_canvas: element("sn-pg-points"),
      points_drawn: null,
      lines_canvas: element("sn-pg-lines-layer"),
      lines_shown: null, // what draw_lines drew last: {ticked, units, drawn, segments}
      unit_colours: [],
      colours: scheme_colours(root),
      task_note: element("sn-pg-task"),
      task: null, // the last task set, by its data-task name
      cost_canvas: element("sn-pg-costs"),
      cost_note: element("sn-pg-cost-note"),
      message: element("sn-pg-message"),
      rate_error: element("sn-pg-learning-rate-error"),
      out: {
        iteration: element("sn-pg-iteration"),
        cost: element("sn-pg-cost"),
        accuracy: element("sn-pg-accuracy"),
        lambda_max: element("sn-pg-lambda-max"),
        two_over_alpha: element("sn-pg-two-over-alpha"),
      },
      lambda_max: null,
      points: {},
      costs: new Float64Array(1024),
      count: 0,
      state: null,
      generation: 0,
      learning_rate: 1.2, // the α of the live network: the last valid one typed
      typed_rate: 1.2,
      rate_valid: true,
      playing: false,
      pausing: false, // paused, and the worker's answer to the pause not yet here
      ready: false,
      target: 0,
      cap: COURSE_ITERATIONS,
      pace: null,
      pace_from: null,
      dirty: false,
      frame: null,
      redraws: 0,
      draw_ms: 0,
      states: 0, // the states taken, and the worker's time for their maps and boundaries
      map_ms: 0,
      boundary_ms: 0,
      axis: null,
    };
    load_points().then(({ points, unit_colours }) => {
      if (current !== null && current.root === root) {
        current.points = points;
        current.unit_colours = unit_colours;
        current.points_drawn = null;
        current.dirty = true;
        if (current.frame === null) current.frame = requestAnimationFrame(draw);
      }
    });
    const n_h_shown = element("sn-pg-n-h-value");
    controls.n_h.addEventListener("input", () => {
      n_h_shown.textContent = controls.n_h.value;
    });
    for (const name of ["dataset", "n_h", "activation", "seed"]) {
      controls[name].addEventListener("change", reset);
    }
    controls.learning_rate.addEventListener("input", on_learning_rate_input);
    controls.learning_rate.addEventListener("change", on_learning_rate_input);
    for (const name of ["speed", "stop"]) {
      controls[name].addEventListener("change", () => {
        if (current.playing) start_pace();
      });
    }
    controls.lines.addEventListener("change", () => {
      current.dirty = true;
      if (current.frame === null) current.frame = requestAnimationFrame(draw);
    });
    for (const button of document.querySelectorAll(".sn-pg-tasks button[data-task]")) {
      button.addEventListener("click", () => set_task(button));
    }
    current.scheme = new MutationObserver(() => {
      const colours = scheme_colours(root);
      if (JSON.stringify(colours) === JSON.stringify(current.colours)) return;
      current.colours = colours;
      current.points_drawn = null;
      draw_costs();
      current.dirty = true;
      if (current.frame === null) current.frame = requestAnimationFrame(draw);
    });
    current.scheme.observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
    controls.play.addEventListener("click", toggle_play);
    controls.step.addEventListener("click", one_step);
    controls.reset.addEventListener("click", reset);
    const form = root.querySelector("form");
    if (form !== null) form.addEventListener("submit", (event) => event.preventDefault());
    reset();
  }

  function on_document() {
    const root = element("sn-playground");
    if (current !== null && current.root !== root) {
      if (current.frame !== null) cancelAnimationFrame(current.frame);
      current.scheme.disconnect();
      stop_pace();
      current = null;
      stop_worker();
    }
    if (root !== null && current === null) setup(root);
  }

  window.shallownetPlayground = {
    train,
    // for the tests: the page's number format, held equal to Intl.NumberFormat("en-US"),
    // and the last state's map of A2 (grid x grid, row 0 at the top) with the boundary's
    // segments as the worker traced them, [x0, y0, x1, y1] in the map's pixels (apart
    // from stats, which the benchmarks call while the page plays)
    format,
    plane: () =>
      current && current.state
        ? {
            grid: current.state.grid,
            A2: Array.from(current.state.map),
            boundary: Array.from(current.state.boundary),
          }
        : null,
    // for benchmarks/bench_playground.py: how often the drawings were redrawn, the time
    // that took on this thread, the states the worker sent and the time their maps and
    // boundaries took it, and the worker's last state: its iteration, and whether it was
    // playing
    stats: () => ({
      redraws: current ? current.redraws : 0,
      draw_ms: current ? current.draw_ms : 0,
      states: current ? current.states : 0,
      map_ms: current ? current.map_ms : 0,
      boundary_ms: current ? current.boundary_ms : 0,
      iteration: current && current.state ? current.state.iteration : 0,
      playing: current
        ? current.playing || current.pausing || (current.state !== null && current.state.playing)
        : false,
      // the iterations the cost curve holds, and the speed's target
      curve: current ? current.count : 0,
      target: current ? current.target : 0,
      // the cost plot's ticks, as drawn: {cost: [[label, y]], iteration: [[label, x]]}
      axis: current ? current.axis : null,
      // the last λ_max shown: {value, iteration}
      lambda_max: current ? current.lambda_max : null,
      // the last ten costs of the curve, the oldest first
      last_costs: current ? Array.from(current.costs.subarray(Math.max(0, current.count - 10), current.count)) : [],
      // the hidden units' lines as the worker last sent them, [[W1[j,0], W1[j,1], b1[j]]],
      // and as drawn: {ticked, units, drawn, segments: [[[x, y], [x, y]]] in canvas pixels}
      lines:
        current && current.state
          ? Array.from({ length: current.state.lines.length / 3 }, (_, j) =>
              Array.from(current.state.lines.subarray(3 * j, 3 * j + 3)),
            )
          : [],
      lines_shown: current ? current.lines_shown : null,
      // the last task set, and the plots' colours from the scheme
      task: current ? current.task : null,
      colours: current ? current.colours : null,
    }),
  };
  // The theme's bundle runs after the page's first paint (shallownet_site/after_paint.js): on
  // a page's first load this script, deferred, can run before it, and waits for it.
  if (typeof window.document$ !== "undefined") {
    document$.subscribe(on_document);
  } else {
    document.addEventListener("shallownet:theme", () => document$.subscribe(on_document), {
      once: true,
    });
  }
})();
