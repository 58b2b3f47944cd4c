// The playground's Web Worker: trains with engine.js off the page's thread.
//
// The data sets and the initial parameters are the ones shallownet generated when the
// site was built (docs/machinery/shallownet_site/playground.py writes data/datasets.json and
// data/seed-<seed>.json, seed "symmetric" for the start with every weight equal); there is
// no random generator here.
//
// Messages from the page:
//   {type: "train", id, args}      the contract of window.shallownetPlayground.train;
//                                  answered by {type: "trained", id, costs, parameters}
//                                  or {type: "failed", id, name, message}
//   {type: "reset", config, grid, generation}
//                                  a new network: config {dataset, n_h, activation, seed,
//                                  learning_rate}, grid: the largest side of the
//                                  probability map (see map_side); generation: the page's
//                                  count of resets, sent back with every state so that the
//                                  page drops the states of a network it has left
//   {type: "target", until}        train until iteration `until` (Infinity: on and on),
//                                  in chunks of CHUNK_MS, with a state after each chunk.
//                                  The page sets the pace: it raises `until` as its clock
//                                  runs (playground.js, pace), so the speed follows the
//                                  page's clock, not this thread's.
//   {type: "pause"}                stop where it is, and send the state
//   {type: "step"}                 one iteration, and the state
// The worker answers with
//   {type: "state", generation, iteration, costs, accuracy, lines, map, boundary, map_ms,
//    boundary_ms, grid, bounds, dataset, playing}
// where costs holds the costs of the iterations since the last state, lines each hidden
// unit's line (engine.js, hidden_unit_lines), boundary the segments of the line A2 = 0.5
// across the map (boundary, below), map_ms and boundary_ms the time those two took here,
// and playing says whether the worker is still short of its target; after a state, now
// and then,
//   {type: "lambda_max", generation, iteration, value}
// the sharpness at that iteration's parameters (engine.js, compute_lambda_max): after
// every state once the worker has stopped, and while it trains, as often as costs at most
// a twentieth of its time. Above LAMBDA_MAX_UNITS hidden units, where the Hessian
// would hold the worker a second or more, value is null and it is not computed.
"use strict";

importScripts("engine.js");

const E = self.shallownetEngine;
const DATA = new URL("data/", self.location.href);
const CHUNK_MS = 12; // training time between two states while playing
let datasets = null; // Promise of datasets.json
const seeds = new Map(); // seed -> Promise of its initial parameters

function fetch_json(name) {
  return fetch(new URL(name, DATA)).then((response) => {
    if (!response.ok) throw new Error(`playground data ${name}: HTTP ${response.status}`);
    return response.json();
  });
}

function load_datasets() {
  if (datasets === null) {
    datasets = fetch_json("datasets.json").then((data) => {
      const sets = {};
      for (const [name, set] of Object.entries(data.datasets)) {
        sets[name] = { X: E.from_nested(set.X), Y: E.from_nested(set.Y), bounds: bounds(set.X) };
      }
      return { sets, limits: { n_h_max: data.n_h_max, seeds: data.seeds, symmetric: data.symmetric } };
    });
  }
  return datasets;
}

function load_seed(seed) {
  if (!seeds.has(seed)) seeds.set(seed, fetch_json(`seed-${seed}.json`));
  return seeds.get(seed);
}

// A square around the points with a margin of 1, as the site's plots draw them.
function bounds(X) {
  const lo = X.map((row) => Math.min(...row) - 1);
  const hi = X.map((row) => Math.max(...row) + 1);
  const half = Math.max(hi[0] - lo[0], hi[1] - lo[1]) / 2;
  const centre = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2];
  return [centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half];
}

async function network(args) {
  const data = await load_datasets();
  const a = E.check_arguments(args, data.limits);
  const initial = (await load_seed(a.seed)).parameters[String(a.n_h)];
  const set = data.sets[a.dataset];
  return { a, set, net: E.create_network(set.X, set.Y, initial, a.activation) };
}

// The contract: {costs, parameters} as nn_model(...).costs and nn_model(...) give them.
async function train(id, args) {
  try {
    const { a, net } = await network(args);
    const costs = new Float64Array(a.iterations);
    for (let i = 0; i < a.iterations; i++) costs[i] = E.step(net, a.learning_rate);
    const parameters = {};
    for (const key of ["W1", "b1", "W2", "b2"]) parameters[key] = E.to_nested(net.parameters[key]);
    self.postMessage({ type: "trained", id, costs, parameters }, [costs.buffer]);
  } catch (error) {
    self.postMessage({ type: "failed", id, name: error.name, message: error.message });
  }
}

// The live network of the page --------------------------------------------------------

let live = null; // {net, set, dataset, learning_rate, iteration, pending: [costs], grid, P}
let target = 0; // the iteration to train up to
let generation = 0; // the page's generation of the live network
let scheduled = false;
const tick = new MessageChannel(); // a zero-delay task, unlike setTimeout's 4 ms clamp
tick.port1.onmessage = () => {
  scheduled = false;
  chunk();
};

function schedule() {
  if (!scheduled) {
    scheduled = true;
    tick.port2.postMessage(null);
  }
}

function grid_points(b, side) {
  const P = E.matrix(2, side * side);
  for (let r = 0; r < side; r++) {
    const x2 = b[3] - ((r + 0.5) * (b[3] - b[2])) / side; // row 0 at the top
    for (let c = 0; c < side; c++) {
      const x1 = b[0] + ((c + 0.5) * (b[1] - b[0])) / side;
      P.data[r * side + c] = x1;
      P.data[side * side + r * side + c] = x2;
    }
  }
  return P;
}

// The decision boundary A2 = 0.5 across the map, by marching squares between its points,
// which sit at the centres of the map's pixels: [x0, y0, x1, y1] per segment, in pixels
// of the map (x from the left, y from the top). Traced here rather than in the page, so
// that the page's thread only draws it.
function boundary(map, side) {
  const segments = [];
  // a cell's corners in turn, as (row, column) offsets: the edge e runs from corner e to
  // corner e + 1
  const DR = [0, 0, 1, 1, 0];
  const DC = [0, 1, 1, 0, 0];
  const xs = new Float64Array(4); // the crossings of one cell, at most one per edge
  const ys = new Float64Array(4);
  for (let r = 0; r + 1 < side; r++) {
    for (let c = 0; c + 1 < side; c++) {
      let points = 0;
      for (let e = 0; e < 4; e++) {
        const r0 = r + DR[e];
        const c0 = c + DC[e];
        const r1 = r + DR[e + 1];
        const c1 = c + DC[e + 1];
        const v0 = map[r0 * side + c0] - 0.5;
        const v1 = map[r1 * side + c1] - 0.5;
        if (v0 > 0 !== v1 > 0) {
          const t = v0 / (v0 - v1);
          xs[points] = c0 + 0.5 + t * (c1 - c0);
          ys[points] = r0 + 0.5 + t * (r1 - r0);
          points++;
        }
      }
      for (let k = 0; k + 1 < points; k += 2) segments.push(xs[k], ys[k], xs[k + 1], ys[k + 1]);
    }
  }
  return Float64Array.from(segments);
}

function post_state(paused = false) {
  const { net, set } = live;
  const costs = Float64Array.from(live.pending);
  live.pending = [];
  const start = performance.now();
  const map = Float32Array.from(E.probabilities(net.parameters, net.activation, live.P));
  const mapped = performance.now();
  const line = boundary(map, live.grid);
  const traced = performance.now();
  self.postMessage(
    {
      type: "state",
      generation,
      iteration: live.iteration,
      costs,
      accuracy: E.accuracy(net.parameters, net.activation, set.X, set.Y),
      lines: E.hidden_unit_lines(net.parameters),
      map,
      boundary: line,
      // the time the map and the boundary took here, for benchmarks/bench_playground.py
      map_ms: mapped - start,
      boundary_ms: traced - mapped,
      grid: live.grid,
      bounds: set.bounds,
      dataset: live.dataset,
      playing: live.iteration < target,
      paused, // the answer to a "pause": no state of this network follows it until play
    },
    [costs.buffer, map.buffer, line.buffer],
  );
}

function run(iterations) {
  const { net } = live;
  for (let i = 0; i < iterations; i++) {
    live.pending.push(E.step(net, live.learning_rate));
    live.iteration++;
  }
}

let sharpness = { generation: -1, iteration: -1, at: -Infinity, cost_ms: 0 };

const LAMBDA_MAX_UNITS = 20;

function post_lambda_max() {
  if (live === null) return;
  if (sharpness.generation === generation && sharpness.iteration === live.iteration) return;
  if (live.net.parameters.W1.rows > LAMBDA_MAX_UNITS) {
    if (sharpness.generation !== generation) {
      sharpness = { generation, iteration: -1, at: -Infinity, cost_ms: 0 };
      self.postMessage({
        type: "lambda_max",
        generation,
        iteration: live.iteration,
        value: null,
        units: LAMBDA_MAX_UNITS,
      });
    }
    return;
  }
  const now = performance.now();
  const stopped = live.iteration >= target;
  if (!stopped && now - sharpness.at < Math.max(250, 20 * sharpness.cost_ms)) return;
  const { net, set } = live;
  const value = E.compute_lambda_max(net.parameters, set.X, set.Y, net.activation);
  sharpness = { generation, iteration: live.iteration, at: now, cost_ms: performance.now() - now };
  self.postMessage({ type: "lambda_max", generation, iteration: live.iteration, value });
}

function chunk() {
  if (live === null || live.iteration >= target) return;
  const start = performance.now();
  do run(1); // a clock read costs far less than one iteration
  while (live.iteration < target && performance.now() - start < CHUNK_MS);
  post_state();
  post_lambda_max();
  if (live.iteration < target) schedule();
}

// The side of the probability map: grid for up to 8 hidden units, then smaller, so that
// computing the map costs at most about grid^2 * 8 activations and the worker still sends
// a state every CHUNK_MS or so with 50 units; the boundary is interpolated between points.
function map_side(grid, n_h) {
  return n_h <= 8 ? grid : Math.max(Math.round(grid / 2), Math.round(grid * Math.sqrt(8 / n_h)));
}

async function reset(config, grid, mine) {
  // the old network is gone at once: no step, target or chunk reaches it any more
  generation = mine;
  live = null;
  target = 0;
  try {
    const { a, set, net } = await network(Object.assign({ iterations: 0 }, config));
    if (mine !== generation) return;
    live = {
      net,
      set,
      dataset: a.dataset,
      learning_rate: a.learning_rate,
      iteration: 0,
      pending: [],
      grid: map_side(grid, a.n_h),
      P: grid_points(set.bounds, map_side(grid, a.n_h)),
    };
    post_state();
    post_lambda_max();
  } catch (error) {
    self.postMessage({ type: "failed", id: null, name: error.name, message: error.message });
  }
}

self.onmessage = (event) => {
  const message = event.data;
  switch (message.type) {
    case "train":
      train(message.id, message.args);
      break;
    case "reset":
      reset(message.config, message.grid, message.generation);
      break;
    case "target":
      if (live !== null && message.until > live.iteration) {
        target = message.until;
        schedule();
      }
      break;
    case "pause":
      if (live !== null) {
        target = live.iteration;
        post_state(true);
        post_lambda_max();
      }
      break;
    case "step":
      if (live !== null && live.iteration >= target) {
        run(1);
        target = live.iteration;
        post_state();
        post_lambda_max();
      }
      break;
  }
};
