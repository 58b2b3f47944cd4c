// The playground's engine: shallownet's training step in plain JavaScript, float64.
//
// One function per equation, named as in the package and on the pages (compute_Z1 ...
// compute_db1, update_parameters), so that the step reads like the pages:
//   forward   Z1 = W1 X + b1, A1 = g(Z1), Z2 = W2 A1 + b2, A2 = sigmoid(Z2)
//   cost      J = (1/m) sum log(1 + e^{(1 - 2y) z}), from Z2, exact for every z
//   backward  (1) dZ2 = A2 - Y, (2) dW2 = (1/m) dZ2 A1^T, (3) db2 = (1/m) sum dZ2,
//             (4) dZ1 = W2^T dZ2 * g'(Z1), (5) dW1 = (1/m) dZ1 X^T, (6) db1 = (1/m) sum dZ1
//   update    theta := theta - alpha dtheta
// The arithmetic follows shallownet's functions: the overflow-free sigmoid of
// shallownet/activations.py, the cost from Z2 of shallownet/cost.py (np.logaddexp(0, u), so J
// is exact and finite for every z), derivatives taken from A where the package takes them
// from A. tests/docs/test_playground.py holds it to shallownet.nn_model.
//
// A matrix is {rows, cols, data}: a Float64Array in row-major order, the shapes of the
// pages, (n_h, m) for Z1. Outputs are written into arrays allocated once per network.
// Loaded by worker.js (importScripts); nothing here touches the page.
(function (root) {
  "use strict";

  const DATASETS = ["flower", "xor", "circles", "moons"];
  const ACTIVATIONS = ["tanh", "sigmoid", "relu", "leaky_relu"];
  const LEAKY_SLOPE = 0.01; // as shallownet.activations.LEAKY_SLOPE

  function matrix(rows, cols) {
    return { rows, cols, data: new Float64Array(rows * cols) };
  }

  function from_nested(nested) {
    const rows = nested.length;
    const cols = nested[0].length;
    const M = matrix(rows, cols);
    for (let i = 0; i < rows; i++) M.data.set(nested[i], i * cols);
    return M;
  }

  function to_nested(M) {
    const out = [];
    for (let i = 0; i < M.rows; i++) {
      out.push(Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));
    }
    return out;
  }

  // sigmoid(z) = 1 / (1 + e^-z), as shallownet.sigmoid computes it: with e = e^-|z|,
  // 1 / (1 + e) for z >= 0 and e / (1 + e) for z < 0, so no e^z overflows.
  function sigmoid(z) {
    const e = Math.exp(-Math.abs(z));
    return z >= 0 ? 1 / (1 + e) : e / (1 + e);
  }

  // Z = W A + b, for Z1 (A = X) and Z2 (A = A1): b added to every column, after the
  // products are summed over k, as numpy's W @ A + b adds it.
  function linear(W, A, b, Z) {
    const n = W.rows;
    const k_max = W.cols;
    const m = A.cols;
    const w = W.data;
    const a = A.data;
    const z = Z.data;
    for (let i = 0; i < n; i++) {
      const row = i * m;
      const bi = b.data[i];
      const w0 = w[i * k_max];
      if (k_max === 1) {
        for (let j = 0; j < m; j++) z[row + j] = w0 * a[j] + bi;
        continue;
      }
      for (let j = 0; j < m; j++) z[row + j] = w0 * a[j];
      for (let k = 1; k < k_max - 1; k++) {
        const wik = w[i * k_max + k];
        const col = k * m;
        for (let j = 0; j < m; j++) z[row + j] += wik * a[col + j];
      }
      const wlast = w[i * k_max + k_max - 1];
      const col = (k_max - 1) * m;
      for (let j = 0; j < m; j++) z[row + j] = z[row + j] + wlast * a[col + j] + bi;
    }
    return Z;
  }

  // Forward propagation ---------------------------------------------------------------

  // Z1 = W1 X + b1, shape (n_h, m): explanation/forward-propagation.md#eq-Z1
  function compute_Z1(W1, X, b1, Z1) {
    return linear(W1, X, b1, Z1);
  }

  // A1 = g(Z1), shape (n_h, m): explanation/forward-propagation.md#eq-A1
  function compute_A1(Z1, activation, A1) {
    const z = Z1.data;
    const a = A1.data;
    const n = z.length;
    if (activation === "tanh") {
      for (let i = 0; i < n; i++) a[i] = Math.tanh(z[i]);
    } else if (activation === "sigmoid") {
      for (let i = 0; i < n; i++) a[i] = sigmoid(z[i]);
    } else if (activation === "relu") {
      for (let i = 0; i < n; i++) a[i] = Math.max(z[i], 0); // as np.maximum(Z, 0)
    } else {
      for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : LEAKY_SLOPE * z[i];
    }
    return A1;
  }

  // Z2 = W2 A1 + b2, shape (1, m): explanation/forward-propagation.md#eq-Z2
  function compute_Z2(W2, A1, b2, Z2) {
    return linear(W2, A1, b2, Z2);
  }

  // A2 = sigmoid(Z2), shape (1, m): explanation/forward-propagation.md#eq-A2
  function compute_A2(Z2, A2) {
    const z = Z2.data;
    const a = A2.data;
    for (let i = 0; i < z.length; i++) a[i] = sigmoid(z[i]);
    return A2;
  }

  // log(1 + e^u) without overflow, as np.logaddexp(0, u) computes it.
  function log1p_exp(u) {
    if (u === 0) return Math.LN2;
    return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
  }

  // The cost J from Z2: explanation/cost.md#eq-cost-logits. Each example's loss is
  // log(1 + e^{(1 - 2y) z}): log(1 + e^{-z}) where y = 1, log(1 + e^{z}) where y = 0, exact
  // for every z, as shallownet.compute_cost_from_logits computes it.
  function compute_cost_from_logits(Z2, Y) {
    const z = Z2.data;
    const y = Y.data;
    const m = Z2.cols;
    let sum = 0;
    for (let i = 0; i < z.length; i++) sum += log1p_exp(y[i] === 1 ? -z[i] : z[i]);
    return sum / m;
  }

  // Backpropagation --------------------------------------------------------------------

  // (1) dZ2 = A2 - Y: explanation/backpropagation.md#eq-dZ2
  function compute_dZ2(A2, Y, dZ2) {
    const a = A2.data;
    const y = Y.data;
    const d = dZ2.data;
    for (let i = 0; i < a.length; i++) d[i] = a[i] - y[i];
    return dZ2;
  }

  // dW = (1/m) dZ A^T: (2) with A = A1, (5) with A = X.
  function weight_gradient(dZ, A, dW) {
    const n = dZ.rows;
    const k_max = A.rows;
    const m = dZ.cols;
    const d = dZ.data;
    const a = A.data;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < k_max; k++) {
        let sum = 0;
        for (let j = 0; j < m; j++) sum += d[i * m + j] * a[k * m + j];
        dW.data[i * k_max + k] = sum / m;
      }
    }
    return dW;
  }

  // db = (1/m) sum over the examples of dZ, shape (rows, 1): (3) and (6).
  function bias_gradient(dZ, db) {
    const m = dZ.cols;
    const d = dZ.data;
    for (let i = 0; i < dZ.rows; i++) {
      let sum = 0;
      for (let j = 0; j < m; j++) sum += d[i * m + j];
      db.data[i] = sum / m;
    }
    return db;
  }

  // (2) dW2 = (1/m) dZ2 A1^T, shape (1, n_h): explanation/backpropagation.md#eq-dW2
  function compute_dW2(dZ2, A1, dW2) {
    return weight_gradient(dZ2, A1, dW2);
  }

  // (3) db2 = (1/m) sum_i dZ2^(i), shape (1, 1): explanation/backpropagation.md#eq-db2
  function compute_db2(dZ2, db2) {
    return bias_gradient(dZ2, db2);
  }

  // (4) dZ1 = W2^T dZ2 * g'(Z1), shape (n_h, m): explanation/backpropagation.md#eq-dZ1
  // g'(Z1) from A1 = g(Z1), as shallownet's derivatives take it when A1 is given:
  // 1 - A1^2 for tanh, A1 (1 - A1) for sigmoid, 1 or 0 (0.01) where A1 > 0 or not.
  function compute_dZ1(W2, dZ2, Z1, activation, A1, dZ1) {
    const n_h = W2.cols;
    const n_y = W2.rows;
    const m = dZ2.cols;
    const w = W2.data;
    const d2 = dZ2.data;
    const a = A1.data;
    const d1 = dZ1.data;
    for (let k = 0; k < n_h; k++) {
      const row = k * m;
      for (let j = 0; j < m; j++) d1[row + j] = w[k] * d2[j]; // (W2^T dZ2)[k, j], i = 0
      for (let i = 1; i < n_y; i++) {
        const wik = w[i * n_h + k];
        for (let j = 0; j < m; j++) d1[row + j] += wik * d2[i * m + j];
      }
    }
    const n = d1.length;
    if (activation === "tanh") {
      for (let i = 0; i < n; i++) d1[i] = d1[i] * (1 - a[i] * a[i]);
    } else if (activation === "sigmoid") {
      for (let i = 0; i < n; i++) d1[i] = d1[i] * (a[i] * (1 - a[i]));
    } else if (activation === "relu") {
      for (let i = 0; i < n; i++) d1[i] = d1[i] * (a[i] > 0 ? 1 : 0);
    } else {
      for (let i = 0; i < n; i++) d1[i] = d1[i] * (a[i] > 0 ? 1 : LEAKY_SLOPE);
    }
    return dZ1;
  }

  // (5) dW1 = (1/m) dZ1 X^T, shape (n_h, n_x): explanation/backpropagation.md#eq-dW1
  function compute_dW1(dZ1, X, dW1) {
    return weight_gradient(dZ1, X, dW1);
  }

  // (6) db1 = (1/m) sum_i dZ1^(i), shape (n_h, 1): explanation/backpropagation.md#eq-db1
  function compute_db1(dZ1, db1) {
    return bias_gradient(dZ1, db1);
  }

  // Update -----------------------------------------------------------------------------

  // theta := theta - alpha dtheta, in place: explanation/gradient-descent.md#eq-update
  function update_parameter(theta, dtheta, learning_rate) {
    const t = theta.data;
    const d = dtheta.data;
    for (let i = 0; i < t.length; i++) t[i] = t[i] - learning_rate * d[i];
    return theta;
  }

  function update_parameters(parameters, grads, learning_rate) {
    update_parameter(parameters.W1, grads.dW1, learning_rate);
    update_parameter(parameters.b1, grads.db1, learning_rate);
    update_parameter(parameters.W2, grads.dW2, learning_rate);
    update_parameter(parameters.b2, grads.db2, learning_rate);
    return parameters;
  }

  // The loop ---------------------------------------------------------------------------

  // A network being trained on X (n_x, m) and Y (1, m), from initial parameters given as
  // nested arrays ({W1, b1, W2, b2}, as shallownet.initialize_parameters returns them).
  function create_network(X, Y, initial, activation) {
    const parameters = {
      W1: from_nested(initial.W1),
      b1: from_nested(initial.b1),
      W2: from_nested(initial.W2),
      b2: from_nested(initial.b2),
    };
    const n_h = parameters.W1.rows;
    const n_x = parameters.W1.cols;
    const n_y = parameters.W2.rows;
    const m = X.cols;
    return {
      X,
      Y,
      activation,
      parameters,
      cache: {
        Z1: matrix(n_h, m),
        A1: matrix(n_h, m),
        Z2: matrix(n_y, m),
        A2: matrix(n_y, m),
      },
      grads: {
        dZ2: matrix(n_y, m),
        dW2: matrix(n_y, n_h),
        db2: matrix(n_y, 1),
        dZ1: matrix(n_h, m),
        dW1: matrix(n_h, n_x),
        db1: matrix(n_h, 1),
      },
    };
  }

  function forward_propagation(X, parameters, activation, cache) {
    const { W1, b1, W2, b2 } = parameters;
    compute_Z1(W1, X, b1, cache.Z1);
    compute_A1(cache.Z1, activation, cache.A1);
    compute_Z2(W2, cache.A1, b2, cache.Z2);
    compute_A2(cache.Z2, cache.A2);
    return cache.A2;
  }

  function backward_propagation(parameters, cache, X, Y, activation, grads) {
    compute_dZ2(cache.A2, Y, grads.dZ2); // (1)
    compute_dW2(grads.dZ2, cache.A1, grads.dW2); // (2)
    compute_db2(grads.dZ2, grads.db2); // (3)
    compute_dZ1(parameters.W2, grads.dZ2, cache.Z1, activation, cache.A1, grads.dZ1); // (4)
    compute_dW1(grads.dZ1, X, grads.dW1); // (5)
    compute_db1(grads.dZ1, grads.db1); // (6)
    return grads;
  }

  // One iteration of nn_model's loop: forward, cost, backward, update. Returns the cost
  // before the update, as nn_model(...).costs records it.
  function step(net, learning_rate) {
    const { X, Y, activation, parameters, cache, grads } = net;
    forward_propagation(X, parameters, activation, cache);
    const cost = compute_cost_from_logits(cache.Z2, Y);
    backward_propagation(parameters, cache, X, Y, activation, grads);
    update_parameters(parameters, grads, learning_rate);
    return cost;
  }

  // A2 for the points of P (n_x, k), in chunks of the network's own buffers' size.
  function probabilities(parameters, activation, P) {
    const n_h = parameters.W1.rows;
    const k = P.cols;
    const cache = {
      Z1: matrix(n_h, k),
      A1: matrix(n_h, k),
      Z2: matrix(1, k),
      A2: matrix(1, k),
    };
    return forward_propagation(P, parameters, activation, cache).data;
  }

  // The fraction of examples that predict (A2 > 0.5) labels correctly.
  function accuracy(parameters, activation, X, Y) {
    const A2 = probabilities(parameters, activation, X);
    let right = 0;
    for (let j = 0; j < A2.length; j++) {
      if ((A2[j] > 0.5 ? 1 : 0) === Y.data[j]) right++;
    }
    return right / A2.length;
  }

  // What each hidden unit computes: unit j's line W1[j,0] x1 + W1[j,1] x2 + b1[j] = 0,
  // where its Z1 is 0 (tanh and sigmoid at their middle, ReLU at its kink), as
  // [W1[j,0], W1[j,1], b1[j]] for j = 0 .. n_h - 1, in one Float64Array of 3 n_h numbers.
  function hidden_unit_lines(parameters) {
    const { W1, b1 } = parameters;
    const n_h = W1.rows;
    const lines = new Float64Array(3 * n_h);
    for (let j = 0; j < n_h; j++) {
      lines[3 * j] = W1.data[j * W1.cols];
      lines[3 * j + 1] = W1.data[j * W1.cols + 1];
      lines[3 * j + 2] = b1.data[j];
    }
    return lines;
  }

  // The sharpness lambda_max ------------------------------------------------------------
  //
  // As shallownet.compute_lambda_max: theta is W1, b1, W2, b2 flattened in that order
  // (each row-major), d_theta the gradients of backward_propagation flattened the same
  // way; the Hessian H by central differences of d_theta, column k from theta +- epsilon
  // e_k (shallownet.finite_difference_hessian), and lambda_max the largest eigenvalue of
  // (H + H^T) / 2 (shallownet.top_eigenvalue), here by cyclic Jacobi rotations.

  const PARAMETER_KEYS = ["W1", "b1", "W2", "b2"];

  // d_theta at theta, for the network's shapes: a forward and a backward pass.
  function gradient_at(theta, shapes, X, Y, activation, work) {
    const parameters = {};
    let start = 0;
    for (const key of PARAMETER_KEYS) {
      const [rows, cols] = shapes[key];
      parameters[key] = { rows, cols, data: theta.subarray(start, start + rows * cols) };
      start += rows * cols;
    }
    forward_propagation(X, parameters, activation, work.cache);
    backward_propagation(parameters, work.cache, X, Y, activation, work.grads);
    const d_theta = new Float64Array(theta.length);
    start = 0;
    for (const key of ["dW1", "db1", "dW2", "db2"]) {
      d_theta.set(work.grads[key].data, start);
      start += work.grads[key].data.length;
    }
    return d_theta;
  }

  // H, column k = (d_theta(theta + epsilon e_k) - d_theta(theta - epsilon e_k)) / (2 epsilon),
  // as an n x n matrix {rows, cols, data}, not symmetrized.
  function compute_hessian(parameters, X, Y, activation, epsilon = 1e-5) {
    const shapes = {};
    let n = 0;
    for (const key of PARAMETER_KEYS) {
      shapes[key] = [parameters[key].rows, parameters[key].cols];
      n += parameters[key].data.length;
    }
    const theta = new Float64Array(n);
    let start = 0;
    for (const key of PARAMETER_KEYS) {
      theta.set(parameters[key].data, start);
      start += parameters[key].data.length;
    }
    const work = create_network(X, Y, {
      W1: to_nested(parameters.W1),
      b1: to_nested(parameters.b1),
      W2: to_nested(parameters.W2),
      b2: to_nested(parameters.b2),
    }, activation);
    const H = matrix(n, n);
    for (let k = 0; k < n; k++) {
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[k] = theta[k] + epsilon;
      minus[k] = theta[k] - epsilon;
      const d_plus = gradient_at(plus, shapes, X, Y, activation, work);
      const d_minus = gradient_at(minus, shapes, X, Y, activation, work);
      for (let j = 0; j < n; j++) H.data[j * n + k] = (d_plus[j] - d_minus[j]) / (2 * epsilon);
    }
    return H;
  }

  // The eigenvalues of a symmetric matrix S (n x n), by the cyclic Jacobi method: rotations
  // that zero each off-diagonal entry in turn, until they are all below round-off.
  function symmetric_eigenvalues(S) {
    const n = S.rows;
    const a = Float64Array.from(S.data);
    for (let sweep = 0; sweep < 100; sweep++) {
      let off = 0;
      let total = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const v = a[i * n + j] * a[i * n + j];
          total += v;
          if (i !== j) off += v;
        }
      }
      if (off <= 1e-30 * total || off === 0) break;
      for (let p = 0; p < n - 1; p++) {
        for (let q = p + 1; q < n; q++) {
          const apq = a[p * n + q];
          if (apq === 0) continue;
          const app = a[p * n + p];
          const aqq = a[q * n + q];
          const theta = (aqq - app) / (2 * apq);
          const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          const c = 1 / Math.sqrt(t * t + 1);
          const s = t * c;
          for (let k = 0; k < n; k++) {
            const akp = a[k * n + p];
            const akq = a[k * n + q];
            a[k * n + p] = c * akp - s * akq;
            a[k * n + q] = s * akp + c * akq;
          }
          for (let k = 0; k < n; k++) {
            const apk = a[p * n + k];
            const aqk = a[q * n + k];
            a[p * n + k] = c * apk - s * aqk;
            a[q * n + k] = s * apk + c * aqk;
          }
        }
      }
    }
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = a[i * n + i];
    return values;
  }

  // lambda_max: the largest eigenvalue of (H + H^T) / 2.
  function top_eigenvalue(H) {
    const n = H.rows;
    if (!H.data.every(Number.isFinite)) return NaN;
    const S = matrix(n, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) S.data[i * n + j] = (H.data[i * n + j] + H.data[j * n + i]) / 2;
    }
    return Math.max(...symmetric_eigenvalues(S));
  }

  function compute_lambda_max(parameters, X, Y, activation, epsilon = 1e-5) {
    return top_eigenvalue(compute_hessian(parameters, X, Y, activation, epsilon));
  }

  // Arguments of train(), checked in the page's notation -------------------------------

  const DEFAULTS = { dataset: "flower", activation: "tanh", learning_rate: 1.2, seed: 2 };
  const ARGUMENTS = ["dataset", "n_h", "activation", "learning_rate", "iterations", "seed"];

  function names(list) {
    return list.map((name) => JSON.stringify(name)).join(", ");
  }

  function shown(value) {
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "number" || typeof value === "boolean" || value == null) {
      return String(value);
    }
    return Array.isArray(value) ? "an array" : `a ${typeof value}`;
  }

  // Returns the arguments with their defaults, or throws an Error whose message is in the
  // page's notation. limits: {n_h_max, seeds} of the data the site was built with.
  function check_arguments(args, limits) {
    if (args === null || typeof args !== "object" || Array.isArray(args)) {
      throw new TypeError(`train takes one object {${ARGUMENTS.join(", ")}}, got ${shown(args)}`);
    }
    for (const key of Object.keys(args)) {
      if (!ARGUMENTS.includes(key)) {
        throw new TypeError(`unknown argument ${JSON.stringify(key)}; train takes ${ARGUMENTS.join(", ")}`);
      }
    }
    const a = Object.assign({}, DEFAULTS, args);
    if (!DATASETS.includes(a.dataset)) {
      throw new RangeError(`dataset must be one of ${names(DATASETS)}, got ${shown(a.dataset)}`);
    }
    if (!Number.isInteger(a.n_h) || a.n_h < 1) {
      throw new RangeError(`n_h must be an integer >= 1, got ${shown(a.n_h)}`);
    }
    if (a.n_h > limits.n_h_max) {
      throw new RangeError(
        `n_h must be at most ${limits.n_h_max}, the largest hidden size the playground has initial parameters for, got ${a.n_h}`,
      );
    }
    if (!ACTIVATIONS.includes(a.activation)) {
      throw new RangeError(`activation must be one of ${names(ACTIVATIONS)}, got ${shown(a.activation)}`);
    }
    if (typeof a.learning_rate !== "number" || !Number.isFinite(a.learning_rate) || !(a.learning_rate > 0)) {
      throw new RangeError(`learning_rate must be finite and positive, got ${shown(a.learning_rate)}`);
    }
    if (!Number.isInteger(a.iterations) || a.iterations < 0) {
      throw new RangeError(`iterations must be an integer >= 0, got ${shown(a.iterations)}`);
    }
    if (!limits.seeds.includes(a.seed) && a.seed !== limits.symmetric) {
      throw new RangeError(
        `seed must be one of ${limits.seeds.join(", ")}, the seeds the playground has initial parameters for, ` +
          `or ${JSON.stringify(limits.symmetric)}, the start with every weight equal, got ${shown(a.seed)}`,
      );
    }
    return a;
  }

  const api = {
    DATASETS,
    ACTIVATIONS,
    LEAKY_SLOPE,
    matrix,
    from_nested,
    to_nested,
    sigmoid,
    compute_Z1,
    compute_A1,
    compute_Z2,
    compute_A2,
    compute_cost_from_logits,
    compute_dZ2,
    compute_dW2,
    compute_db2,
    compute_dZ1,
    compute_dW1,
    compute_db1,
    update_parameter,
    update_parameters,
    forward_propagation,
    backward_propagation,
    create_network,
    step,
    probabilities,
    accuracy,
    hidden_unit_lines,
    compute_hessian,
    top_eigenvalue,
    compute_lambda_max,
    check_arguments,
  };
  root.shallownetEngine = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof self !== "undefined" ? self : globalThis);
