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
    }
  }

  // The page ---------------------------------------------------------------------------

  function element(id) {
    return document.getElementById(id);
  }

  function config() {
    return {
      dataset: current.controls.dataset.value,
      n_h: Number(current.controls.n_h.value),
      activation: current.controls.activation.value,
      seed: Number(current.controls.seed.value),
      learning_rate: learning_rate(),
    };
  }

  function learning_rate() {
    const text = current.controls.learning_rate.value.trim();
    return text === "" ? NaN : Number(text);
  }

  function show_message(text) {
    current.message.textContent = text;
  }

  function reset() {
    const lr = learning_rate();
    if (!(Number.isFinite(lr) && lr > 0)) {
      show_message(`learning_rate must be finite and positive, got ${current.controls.learning_rate.value}`);
      return;
    }
    show_message("");
    current.costs = new Float64Array(1024);
    current.count = 0;
    current.state = null;
    current.playing = false;
    current.ready = false;
    update_buttons();
    start_worker().postMessage({ type: "reset", config: config(), grid: GRID });
  }

  function take_state(state) {
    const need = current.count + state.costs.length;
    if (need > current.costs.length) {
      const grown = new Float64Array(Math.max(need, 2 * current.costs.length));
      grown.set(current.costs.subarray(0, current.count));
      current.costs = grown;
    }
    current.costs.set(state.costs, current.count);
    current.count = need;
    current.state = state;
    current.ready = true;
    current.dirty = true;
    if (!state.playing && current.playing) {
      current.playing = false;
    }
    update_buttons();
    if (current.frame === null) current.frame = requestAnimationFrame(draw);
  }

  function update_buttons() {
    const { play, step } = current.controls;
    play.textContent = current.playing ? "Pause" : "Play";
    play.setAttribute("aria-pressed", current.playing ? "true" : "false");
    play.disabled = !current.ready && !current.playing;
    step.disabled = !current.ready || current.playing;
  }

  function toggle_play() {
    if (!current.ready) return;
    current.playing = !current.playing;
    worker.postMessage({ type: current.playing ? "play" : "pause" });
    update_buttons();
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

  function draw_costs() {
    const canvas = current.cost_canvas;
    const ctx = canvas.getContext("2d");
    const w = canvas.width;
    const h = canvas.height;
    const left = 44;
    const bottom = h - 26;
    const top = 10;
    const right = w - 10;
    ctx.fillStyle = "#FFFFFF";
    ctx.fillRect(0, 0, w, h);
    const n = current.count;
    const costs = current.costs;
    let high = 0.75;
    for (let i = 0; i < n; i++) if (costs[i] > high && Number.isFinite(costs[i])) high = costs[i];
    const span = Math.max(n, 1);
    ctx.strokeStyle = "#DDDDDD";
    ctx.lineWidth = 1;
    ctx.fillStyle = INK;
    ctx.font = "12px sans-serif";
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const v of [0, 0.25, 0.5, 0.75]) {
      const y = bottom - (v / high) * (bottom - top);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(right, y);
      ctx.stroke();
      ctx.fillText(v.toFixed(2), left - 4, y);
    }
    ctx.textAlign = "left";
    ctx.textBaseline = "top";
    ctx.fillText("0", left, bottom + 6);
    ctx.textAlign = "right";
    ctx.fillText(`iteration ${n}`, right, bottom + 6);
    if (n === 0) return;
    // one vertical segment, min to max, per pixel column
    ctx.strokeStyle = CLASS_COLOURS[1];
    ctx.lineWidth = 1.6;
    ctx.beginPath();
    const columns = right - left;
    for (let c = 0; c < columns; c++) {
      const from = Math.floor((c * span) / columns);
      const to = Math.min(n, Math.max(from + 1, Math.floor(((c + 1) * span) / columns)));
      if (from >= n) break;
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = from; i < to; i++) {
        lo = Math.min(lo, costs[i]);
        hi = Math.max(hi, costs[i]);
      }
      const x = left + c + 0.5;
      const y_hi = bottom - (Math.min(hi, high) / high) * (bottom - top);
      const y_lo = bottom - (Math.min(lo, high) / high) * (bottom - top);
      if (c === 0) ctx.moveTo(x, y_hi);
      else ctx.lineTo(x, y_hi);
      ctx.lineTo(x, y_lo);
    }
    ctx.stroke();
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
      message: element("sn-pg-message"),
      out: {
        iteration: element("sn-pg-iteration"),
        cost: element("sn-pg-cost"),
        accuracy: element("sn-pg-accuracy"),
      },
      points: {},
      costs: new Float64Array(1024),
      count: 0,
      state: null,
      playing: false,
      ready: false,
      dirty: false,
      frame: null,
      redraws: 0,
      draw_ms: 0,
    };
    load_points().then((points) => {
      if (current !== null && current.root === root) {
        current.points = points;
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
    controls.learning_rate.addEventListener("change", () => {
      const lr = learning_rate();
      if (!(Number.isFinite(lr) && lr > 0)) {
        show_message(`learning_rate must be finite and positive, got ${controls.learning_rate.value}`);
        return;
      }
      show_message("");
      if (current.ready) worker.postMessage({ type: "learning_rate", value: lr });
      else reset();
    });
    controls.play.addEventListener("click", toggle_play);
    controls.step.addEventListener("click", () => {
      if (current.ready && !current.playing) worker.postMessage({ type: "step" });
    });
    controls.reset.addEventListener("click", reset);
    const form = root.querySelector("form");
    if (form !== null) form.addEventListener("submit", (event) => event.preventDefault());
    reset();
  }

  function on_document() {
    const root = element("sn-playground");
    if (current !== null && current.root !== root) {
      if (current.frame !== null) cancelAnimationFrame(current.frame);
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
      playing: current && current.state ? current.state.playing : false,
    }),
  };
  document$.subscribe(on_document);
})();
