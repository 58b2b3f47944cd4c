r"""The fused training step that `nn_model` runs in its loop.

It computes the equations of `forward_propagation`, `compute_cost`,
`backward_propagation` and `update_parameters`, with no checks (`nn_model` checks its
inputs once) and with every array allocated once, in `__init__`. Rewritings that are
exact in real arithmetic save numpy calls (see docs/explanation/performance.md):

- The biases ride in the weights: $[W\ b]\,[X;\ 1] = W X + b$, so each $Z$ is one
  product, and $\frac{1}{m}\, dZ\, [X;\ 1]^T = [dW\ db]$ gives $db$ along with $dW$.
- $\frac{\alpha}{m}$ multiplies $dZ^{[2]}$ once: every gradient is linear in it, so
  the products give $\alpha\,dW$ and $\alpha\,db$, and the update is one subtraction.
- The cost reads $p$, the probability of the true label, as `compute_cost` does:
  $p = (1 - y) + (2y - 1)\,a^{[2]}$ is $a^{[2]}$ where $y = 1$ and $1 - a^{[2]}$ where
  $y = 0$, and $J = -\frac{1}{m} \sum \log \max(p, \text{tiny})$.

`tests/test_training.py` holds it equal to the page's functions, step by step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .activations import get_activation

Array = NDArray[Any]


class Trainer:
    """Owns copies of the parameters and updates them in place, one step at a time.

    `Y` must hold 0s and 1s (`nn_model` checks it). float32 `X` trains in float32,
    anything else in float64.
    """

    def __init__(
        self,
        X: Array,
        Y: Array,
        parameters: dict[str, Array],
        activation: str,
        learning_rate: float,
    ) -> None:
        dt: np.dtype[np.floating[Any]] = np.dtype(
            np.float32 if X.dtype == np.float32 else np.float64
        )
        (n_x, m), n_h, n_y = X.shape, parameters["W1"].shape[0], parameters["W2"].shape[0]
        self.n_h, self.g, self.tanh = n_h, get_activation(activation), activation == "tanh"
        # theta holds [W1 b1] then [W2 b2], so that the update is one subtraction.
        cut = n_h * (n_x + 1)
        self.theta = np.empty(cut + n_y * (n_h + 1), dt)
        self.dtheta = np.empty_like(self.theta)  # α [dW1 db1] then α [dW2 db2]
        self.W1b = self.theta[:cut].reshape(n_h, n_x + 1)  # [W1 b1], a view of theta
        self.W2b = self.theta[cut:].reshape(n_y, n_h + 1)  # [W2 b2]
        self.dW1b = self.dtheta[:cut].reshape(n_h, n_x + 1)
        self.dW2b = self.dtheta[cut:].reshape(n_y, n_h + 1)
        self.W1b[...] = np.hstack([parameters["W1"], parameters["b1"]])
        self.W2b[...] = np.hstack([parameters["W2"], parameters["b2"]])
        self.W2t = self.W2b[:, :n_h].T  # W2ᵀ, a view
        # For n_y = 1, W2ᵀ dZ2 is an outer product: BLAS has the lower call overhead, a
        # broadcast multiply the faster loop once the (n_h, m) result is large (measured).
        big = n_y == 1 and n_h * m > 100_000
        self.outer: Callable[..., Any] = np.multiply if big else np.dot
        self.Xa = np.ones((n_x + 1, m), dt)  # [X; 1]
        self.Xa[:n_x] = X
        self.A1a = np.ones((n_h + 1, m), dt)  # [A1; 1]
        self.A1 = self.A1a[:n_h]  # A1, a view: writing it fills [A1; 1]
        self.Z1 = self.A1 if self.tanh else np.empty((n_h, m), dt)  # tanh runs in place
        self.gp = np.empty((n_h, m), dt)  # g'(Z1)
        self.dZ1 = np.empty((n_h, m), dt)
        self.E, self.A2, self.P = (np.empty((n_y, m), dt) for _ in range(3))
        # Constants as full rows: a same-shape operand takes numpy's fastest loop.
        Yd = np.asarray(Y, dt).reshape(n_y, m)
        row = np.ones((n_y, m), dt)
        self.ones, self.s, self.one_minus_y = row, 2 * Yd - 1, 1 - Yd
        tiny = np.finfo(dt).tiny
        self.tiny, self.cap = row * tiny, row * -np.log(tiny)  # e^cap = 1/tiny is finite
        self.k, self.kY = row * (learning_rate / m), Yd * (learning_rate / m)  # α/m, (α/m) Y
        self.neg_inv_m = row * (-1 / m)  # J = -(1/m) Σ log p, as a dot product

    def step(self) -> float:
        """One iteration: forward, cost, backward, update. Returns the cost before the update."""
        A1, E, A2, P, gp = self.A1, self.E, self.A2, self.P, self.gp
        np.dot(self.W1b, self.Xa, out=self.Z1)  # Z1 = W1 X + b1 = [W1 b1] [X; 1]
        if self.tanh:
            np.tanh(A1, out=A1)  # A1 = g(Z1) = tanh(Z1), in place
        else:
            A1[...] = self.g.g(self.Z1)  # A1 = g(Z1)
        np.dot(self.W2b, self.A1a, out=E)  # Z2 = W2 A1 + b2 = [W2 b2] [A1; 1]
        np.negative(E, out=E)  # -Z2
        np.minimum(E, self.cap, out=E)  # keeps e^-Z2 finite; A2 < tiny there anyway
        np.exp(E, out=E)  # e^-Z2
        np.add(E, self.ones, out=E)  # 1 + e^-Z2
        np.divide(self.ones, E, out=A2)  # A2 = σ(Z2) = 1 / (1 + e^-Z2), as sigmoid for Z2 ≥ 0
        np.multiply(A2, self.s, out=P)  # (2y - 1) A2
        np.add(P, self.one_minus_y, out=P)  # p = A2 where y = 1, 1 - A2 where y = 0
        np.maximum(P, self.tiny, out=P)  # as compute_cost: p = 0 counts as tiny
        np.log(P, out=P)  # log p = y log A2 + (1 - y) log(1 - A2)
        cost = float(np.vdot(self.neg_inv_m, P))  # J = -(1/m) Σ log p
        D = E  # (α/m) dZ2 replaces 1 + e^-Z2
        np.multiply(A2, self.k, out=D)  # (α/m) A2
        np.subtract(D, self.kY, out=D)  # (1) (α/m) dZ2 = (α/m)(A2 - Y)
        np.dot(D, self.A1a.T, out=self.dW2b)  # (2), (3) α [dW2 db2] = (α/m) dZ2 [A1; 1]ᵀ
        if self.tanh:
            np.square(A1, out=gp)  # A1²
            np.subtract(1, gp, out=gp)  # g'(Z1) = 1 - A1²
        else:
            gp[...] = self.g.g_prime(self.Z1, A1)  # g'(Z1)
        self.outer(self.W2t, D, out=self.dZ1)  # (α/m) W2ᵀ dZ2, W2 not yet updated
        np.multiply(self.dZ1, gp, out=self.dZ1)  # (4) (α/m) dZ1 = (α/m) W2ᵀ dZ2 * g'(Z1)
        np.dot(self.dZ1, self.Xa.T, out=self.dW1b)  # (5), (6) α [dW1 db1] = (α/m) dZ1 [X; 1]ᵀ
        np.subtract(self.theta, self.dtheta, out=self.theta)  # θ := θ - α dθ, all four
        return cost

    def parameters(self) -> dict[str, Array]:
        """Copies of the current parameters, in their original shapes."""
        W1b, W2b, n_h = self.W1b, self.W2b, self.n_h
        return {
            "W1": W1b[:, :-1].copy(),
            "b1": W1b[:, -1:].copy(),
            "W2": W2b[:, :n_h].copy(),
            "b2": W2b[:, n_h:].copy(),
        }
