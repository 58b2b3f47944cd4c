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
  const INK = "#222222";

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

  function config() {
    return {
      dataset: current.controls.dataset.value,
      n_h: Number(current.controls.n_h.value),
      activation: current.controls.activation.value,
      seed: Number(current.controls.seed.value),
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
  function reset() {
    if (check_learning_rate()) current.learning_rate = current.typed_rate;
    stop_pace();
    show_message("");
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
    if (state.paused) current.pausing = false;
    current.ready = true;
    current.dirty = true;
    if (current.playing && state.iteration >= current.cap && !state.playing) {
      stop_pace();
      current.playing = false;
      show_message(
        `Stopped at ${COURSE_ITERATIONS.toLocaleString("en-US")} iterations, as the course does: ` +
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

  function update_buttons() {
    const { play, step } = current.controls;
    const can_run = current.ready && current.rate_valid;
    play.textContent = current.playing ? "Pause" : "Play";
    play.setAttribute("aria-pressed", current.playing ? "true" : "false");
    play.disabled = !current.playing && !can_run;
    step.disabled = !can_run || current.playing;
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
        `The network has run ${COURSE_ITERATIONS.toLocaleString("en-US")} iterations: ` +
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
    const image = ctx.createImageData(grid, grid);
    for (let i = 0; i < map.length; i++) {
      const p = map[i];
      const colour = p > 0.5 ? RGB[1] : RGB[0];
      const t = 0.55 * Math.abs(2 * p - 1); // at most 55% of the class colour
      for (let c = 0; c < 3; c++) image.data[4 * i + c] = Math.round(255 + t * (colour[c] - 255));
      image.data[4 * i + 3] = 255;
    }
    ctx.putImageData(image, 0, 0);
  }

  function draw_boundary(state) {
    paint_map(state);
    const canvas = current.boundary;
    const ctx = canvas.getContext("2d");
    const size = canvas.width;
    ctx.clearRect(0, 0, size, size);
    // the boundary A2 = 0.5, by marching squares between the grid points, which sit at
    // the centres of the map's pixels
    const { map, grid } = state;
    const cell = size / grid;
    ctx.strokeStyle = INK;
    ctx.lineWidth = 2;
    ctx.beginPath();
    const crossing = (r0, c0, r1, c1) => {
      const v0 = map[r0 * grid + c0] - 0.5;
      const v1 = map[r1 * grid + c1] - 0.5;
      const t = v0 / (v0 - v1);
      return [(c0 + 0.5 + t * (c1 - c0)) * cell, (r0 + 0.5 + t * (r1 - r0)) * cell];
    };
    for (let r = 0; r + 1 < grid; r++) {
      for (let c = 0; c + 1 < grid; c++) {
        const corners = [
          [r, c],
          [r, c + 1],
          [r + 1, c + 1],
          [r + 1, c],
        ];
        const points = [];
        for (let e = 0; e < 4; e++) {
          const [r0, c0] = corners[e];
          const [r1, c1] = corners[(e + 1) % 4];
          if (map[r0 * grid + c0] > 0.5 !== map[r1 * grid + c1] > 0.5) {
            points.push(crossing(r0, c0, r1, c1));
          }
        }
        for (let k = 0; k + 1 < points.length; k += 2) {
          ctx.moveTo(points[k][0], points[k][1]);
          ctx.lineTo(points[k + 1][0], points[k + 1][1]);
        }
      }
    }
    ctx.stroke();
    draw_points(state.dataset, state.bounds);
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
    ctx.strokeStyle = "#FFFFFF";
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
    for (const canvas of [current.map_canvas, current.boundary]) {
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

  function cost_label(value, step) {
    if (value !== 0 && (value >= 1e6 || step < 1e-4)) return value.toExponential(1);
    const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    return value.toLocaleString("en-US", {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
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
    ctx.fillStyle = "#FFFFFF";
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

    ctx.strokeStyle = "#DDDDDD";
    ctx.lineWidth = 1;
    ctx.fillStyle = INK;
    ctx.font = "12px sans-serif";
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    // the ticks drawn, for stats(): [label, pixel]
    const axis = { cost: [], iteration: [] };
    current.axis = axis;
    for (let k = 0; k * step <= y_top * (1 + 1e-9); k++) {
      const v = k * step;
      const y = y_of(v);
      axis.cost.push([cost_label(v, step), y]);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(right, y);
      ctx.stroke();
      ctx.fillText(cost_label(v, step), left - 4, y);
    }
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (let p = 0; p <= Math.floor(log_end + 1e-9); p++) {
      const x = x_of(10 ** p);
      axis.iteration.push([(10 ** p).toLocaleString("en-US"), x]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.fillText((10 ** p).toLocaleString("en-US"), x, bottom + 4);
    }
    ctx.fillText("iteration (log scale)", (left + right) / 2, bottom + 19);
    ctx.save();
    ctx.translate(12, (top + bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText("J", 0, -6);
    ctx.restore();
    if (n === 0) return;
    // J0, dashed
    ctx.strokeStyle = INK;
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
    ctx.strokeStyle = CLASS_COLOURS[1];
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

  function draw() {
    current.frame = null;
    const state = current.state;
    if (!current.dirty || state === null) return;
    const start = performance.now();
    current.dirty = false;
    draw_boundary(state);
    draw_costs();
    current.redraws++;
    const n = current.count;
    current.out.iteration.textContent = String(state.iteration);
    current.out.cost.textContent = n > 0 ? current.costs[n - 1].toFixed(6) : "–";
    current.out.accuracy.textContent = `${(100 * state.accuracy).toFixed(2)}%`;
    current.draw_ms += performance.now() - start;
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
        return points;
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
      play: element("sn-pg-play"),
      step: element("sn-pg-step"),
      reset: element("sn-pg-reset"),
    };
    current = {
      root,
      controls,
      map_canvas: element("sn-pg-map"),
      boundary: element("sn-pg-boundary"),
      points_canvas: element("sn-pg-points"),
      points_drawn: null,
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
      axis: null,
    };
    load_points().then((points) => {
      if (current !== null && current.root === root) {
        current.points = points;
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
      stop_pace();
      current = null;
      stop_worker();
    }
    if (root !== null && current === null) setup(root);
  }

  window.shallownetPlayground = {
    train,
    // for benchmarks/bench_playground.py: how often the drawings were redrawn, the time
    // that took on this thread, and the worker's last state: its iteration, and whether it
    // was playing
    stats: () => ({
      redraws: current ? current.redraws : 0,
      draw_ms: current ? current.draw_ms : 0,
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
    }),
  };
  document$.subscribe(on_document);
})();
