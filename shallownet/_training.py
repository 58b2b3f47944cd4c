r"""The fused training step that `nn_model` runs in its loop.

It computes the equations of `forward_propagation`, `compute_cost`,
`backward_propagation` and `update_parameters`, with no checks (`nn_model` checks its
inputs once) and with every array allocated once, in `__init__`. Rewritings that are
exact in real arithmetic save numpy calls and memory (see
docs/project/performance.md):

- On small problems the bias of layer 1 rides in the weights:
  $[W\ b]\,[X;\ 1] = W X + b$, so $Z^{[1]}$ is one product, and
  $\frac{1}{m}\, dZ\, [X;\ 1]^T = [dW\ db]$ gives $db$ along with $dW$. That needs a
  copy of $X$ with a row of ones under it, so on larger ones (`folds_bias`) $X$ is
  read where it lies, in C or Fortran order, $b^{[1]}$ is added in place and
  $db^{[1]}$ is a product with a row of ones. Layer 2 always folds: $[A^{[1]};\ 1]$
  is the buffer that $A^{[1]}$ lives in.
- $\frac{\alpha}{m}$ multiplies $dZ^{[2]}$ once: every gradient is linear in it, so
  the products give $\alpha\,dW$ and $\alpha\,db$, and the update is one subtraction.
- With tanh, $Z^{[1]}$, $A^{[1]}$ and $g'(Z^{[1]})$ share one $(n^{[1]}, m)$
  buffer: each is dead once the next is made. Without the fold and for
  $n^{[2]} = 1$, $dZ^{[1]}_{ij} = w_i\, g'_{ij}\, dZ^{[2]}_j$ with $w = W^{[2]T}$, so
  that buffer also holds $g' * dZ^{[2]}$ (rows scaled by $dZ^{[2]}$), and $w$ scales
  the rows of the small products $dW^{[1]}$, $db^{[1]}$ instead. With the fold, $X$
  is small and $dZ^{[1]}$ is computed as the page writes it, in an array of its own.
- With L2 regularization ($\lambda > 0$), a mask keeps the weights of $\theta$ and
  zeroes its biases: the penalty $\frac{\lambda}{2m}(\lVert W^{[1]} \rVert_F^2 +
  \lVert W^{[2]} \rVert_F^2)$ is one dot product of the masked $\theta$ with itself,
  and $\alpha\,\frac{\lambda}{m} W^{[l]}$ is added to every $\alpha\,dW^{[l]}$ at
  once (`compute_cost_with_regularization`, `backward_propagation_with_regularization`).
  With $\lambda = 0$ none of this runs.
- The cost is computed from $Z^{[2]}$, as `compute_cost_from_logits` computes it,
  exact for every $z$: each term is $\log(1 + e^{(1 - 2y) z})$, one ``np.logaddexp``
  of a row of zeros and $(1 - 2y) * Z^{[2]}$, and $J$ is its mean, a dot product.

`tests/test_training.py` holds it equal to the page's functions, step by step, and
checks that it never copies a large $X$ and stays within `working_set_bytes`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from .activations import get_activation

Array = NDArray[Any]

# The bias is folded when [X; 1] and dZ1 together hold at most this many numbers.
FOLD_MAX_NUMBERS = 1 << 16


def folds_bias(n_x: int, n_h: int, m: int) -> bool:
    r"""Whether layer 1 uses $[W^{[1]}\ b^{[1]}]\,[X;\ 1]$, which needs a copy of $X$.

    The fold saves numpy calls: $b^{[1]}$ rides in the product instead of a broadcast
    addition, and $db^{[1]}$ comes with $dW^{[1]}$. It costs the copy $[X;\ 1]$ and,
    to keep $dZ^{[1]}$ as the page computes it, an $(n^{[1]}, m)$ array of its own:
    $(n_x + 1 + n^{[1]})\, m$ numbers. Measured (docs/project/performance.md),
    the fold is faster only while the calls' fixed cost is most of a step, and the
    step without it is faster from about $n^{[1]} m = 10^5$; so the fold is made only
    while those numbers stay under `FOLD_MAX_NUMBERS`, 512 KB in float64.
    """
    return (n_x + 1 + n_h) * m <= FOLD_MAX_NUMBERS


def blas_ready(X: Array) -> bool:
    """Whether BLAS can read the 2-D `X` in place: unit stride along one axis."""
    (rows, cols), (s0, s1), size = X.shape, X.strides, X.itemsize
    if X.flags.c_contiguous or X.flags.f_contiguous:
        return True
    by_rows = s1 == size and s0 % size == 0 and s0 >= cols * size
    by_cols = s0 == size and s1 % size == 0 and s1 >= rows * size
    return by_rows or by_cols


def working_set_bytes(
    n_x: int,
    n_h: int,
    n_y: int,
    m: int,
    itemsize: int,
    activation: str = "tanh",
    fold: bool | None = None,
    lambd: float = 0.0,
) -> int:
    """The bytes that `Trainer` allocates and keeps, X aside (see performance.md)."""
    fold = folds_bias(n_x, n_h, m) if fold is None else fold
    hidden = (n_h + 1) * m  # [A1; 1], which also holds Z1, g'(Z1) and, shared, dZ1
    hidden += 0 if activation == "tanh" else n_h * m  # Z1 beside A1
    hidden += 0 if n_y == 1 and not fold else n_h * m  # dZ1 in an array of its own
    rows = 10 * n_y * m  # E, A2, P and seven constant rows
    x = (n_x + 1) * m if fold else m  # [X; 1], or the row of ones for db1
    theta = (4 if lambd else 2) * (n_h * (n_x + 1) + n_y * (n_h + 1))  # θ, dθ (mask, W)
    return (hidden + rows + x + theta) * itemsize


class Trainer:
    """Owns copies of the parameters and updates them in place, one step at a time.

    `Y` must hold 0s and 1s (`nn_model` checks it). float32 `X` trains in float32,
    anything else in float64. `X` is kept, not copied, when it is C- or
    Fortran-contiguous in that dtype and `folds_bias` is false. `fold` forces the
    choice of `folds_bias` either way (for the tests and benchmarks).
    """

    def __init__(
        self,
        X: Array,
        Y: Array,
        parameters: dict[str, Array],
        activation: str,
        learning_rate: float,
        fold: bool | None = None,
        lambd: float = 0.0,
    ) -> None:
        dt: np.dtype[np.floating[Any]] = np.dtype(
            np.float32 if X.dtype == np.float32 else np.float64
        )
        (n_x, m), n_h, n_y = X.shape, parameters["W1"].shape[0], parameters["W2"].shape[0]
        self.g, self.tanh = get_activation(activation), activation == "tanh"
        self.n_x, self.n_h = n_x, n_h
        self.fold = folds_bias(n_x, n_h, m) if fold is None else fold
        # θ holds layer 1's W1, b1 then [W2 b2], so that the update is one subtraction.
        cut = n_h * (n_x + 1)
        self.theta = np.empty(cut + n_y * (n_h + 1), dt)
        self.dtheta = np.empty_like(self.theta)  # α dW1, α db1, then α [dW2 db2]
        if self.fold:
            # [W1 b1] (n_h, n_x + 1), and its gradient, as one matrix each.
            self.W1b = self.theta[:cut].reshape(n_h, n_x + 1)
            self.dW1b = self.dtheta[:cut].reshape(n_h, n_x + 1)
            self.W1, self.b1 = self.W1b[:, :n_x], self.W1b[:, n_x:]
            self.Xa = np.empty((n_x + 1, m), dt)  # [X; 1], each entry written once
            self.Xa[:n_x] = X
            self.Xa[n_x] = 1
        else:
            # W1 (n_h, n_x) then b1: each C-contiguous, as the products' out= needs.
            self.W1 = self.theta[: n_h * n_x].reshape(n_h, n_x)
            self.b1 = self.theta[n_h * n_x : cut].reshape(n_h, 1)
            self.dW1 = self.dtheta[: n_h * n_x].reshape(n_h, n_x)
            self.db1 = self.dtheta[n_h * n_x : cut]  # (n_h,), the result of a matrix-vector product
            # Read where it lies: np.matmul hands BLAS a C- or F-ordered X, or a slice of
            # one, as it is. Any other layout it would multiply slowly, without BLAS, so
            # that X is copied once, here.
            self.X = X if X.dtype == dt and blas_ready(X) else np.ascontiguousarray(X, dt)
            self.ones_m = np.ones(m, dt)  # db1 = dZ1 1
        self.W1[...] = parameters["W1"]
        self.b1[...] = parameters["b1"]
        self.W2b = self.theta[cut:].reshape(n_y, n_h + 1)  # [W2 b2]
        self.dW2b = self.dtheta[cut:].reshape(n_y, n_h + 1)
        self.W2b[:, :n_h] = parameters["W2"]
        self.W2b[:, n_h:] = parameters["b2"]
        self.W2t = self.W2b[:, :n_h].T  # W2ᵀ (n_h, n_y), a view
        self.A1a = np.empty((n_h + 1, m), dt)  # [A1; 1]
        self.A1a[n_h] = 1
        self.A1 = self.A1a[:n_h]  # A1, a view: writing it fills [A1; 1]
        self.Z1 = self.A1 if self.tanh else np.empty((n_h, m), dt)  # tanh runs in place
        # g'(Z1) overwrites the array it is made from; for n_y = 1 it then becomes
        # g'(Z1) * dZ2, for n_y > 1 dZ1 needs an array of its own.
        self.G = self.A1 if self.tanh else self.Z1
        # For n_y = 1 without the fold, dZ1 shares G's array (its rows over w_i); with
        # the fold, X is small and dZ1 has its own array, as in the page's equation.
        self.shared = n_y == 1 and not self.fold
        self.dZ1 = self.G if self.shared else np.empty((n_h, m), dt)
        self.E, self.A2, self.P = (np.empty((n_y, m), dt) for _ in range(3))
        # Constants as full rows: a same-shape operand takes numpy's fastest loop.
        # Each row is made once, by one call: no temporaries of size m.
        Yd = np.array(Y, dt).reshape(n_y, m)  # a copy, scaled in place below
        self.flip = np.multiply(Yd, -2)
        self.flip += 1  # 1 - 2y: -1 where y = 1, 1 where y = 0
        self.zeros = np.zeros((n_y, m), dt)
        self.ones = np.ones((n_y, m), dt)
        self.cap = np.full((n_y, m), -np.log(np.finfo(dt).tiny), dt)  # e^cap is finite
        self.k = np.full((n_y, m), learning_rate / m, dt)  # α/m
        self.kY = np.multiply(Yd, dt.type(learning_rate / m), out=Yd)  # (α/m) Y
        self.inv_m = np.full((n_y, m), 1 / m, dt)  # J = (1/m) Σ L, as a dot product
        self.lambd = lambd
        if lambd:
            # 1 where θ holds a weight, 0 where it holds a bias; and the masked θ.
            self.mask = np.zeros_like(self.theta)
            if self.fold:  # [W1 b1] row by row
                self.mask[:cut].reshape(n_h, n_x + 1)[:, :n_x] = 1
            else:  # W1, then b1
                self.mask[: n_h * n_x] = 1
            self.mask[cut:].reshape(n_y, n_h + 1)[:, :n_h] = 1
            self.weights = np.empty_like(self.theta)
            self.half_l2 = dt.type(lambd / (2 * m))  # λ/2m
            self.decay = dt.type(learning_rate * lambd / m)  # αλ/m

    def step(self) -> float:
        """One iteration: forward, cost, backward, update. Returns the cost before the update."""
        A1, E, A2, P, G = self.A1, self.E, self.A2, self.P, self.G
        if self.fold:
            np.dot(self.W1b, self.Xa, out=self.Z1)  # Z1 = W1 X + b1 = [W1 b1] [X; 1]
        else:
            np.matmul(self.W1, self.X, out=self.Z1)  # W1 X
            np.add(self.Z1, self.b1, out=self.Z1)  # Z1 = W1 X + b1, in place
        if self.tanh:
            np.tanh(A1, out=A1)  # A1 = g(Z1) = tanh(Z1), in place
        else:
            A1[...] = self.g.g(self.Z1)  # A1 = g(Z1)
        np.dot(self.W2b, self.A1a, out=E)  # Z2 = W2 A1 + b2 = [W2 b2] [A1; 1]
        np.multiply(E, self.flip, out=P)  # (1 - 2y) Z2
        np.logaddexp(self.zeros, P, out=P)  # L = log(1 + e^{(1 - 2y) Z2}), exact for every z
        cost = float(np.vdot(self.inv_m, P))  # J = (1/m) Σ L
        if self.lambd:
            W = np.multiply(self.theta, self.mask, out=self.weights)  # W1 and W2, biases 0
            cost += float(self.half_l2 * np.vdot(W, W))  # J + (λ/2m)(‖W1‖² + ‖W2‖²)
        np.negative(E, out=E)  # -Z2
        np.minimum(E, self.cap, out=E)  # keeps e^-Z2 finite; A2 < tiny there anyway
        np.exp(E, out=E)  # e^-Z2
        np.add(E, self.ones, out=E)  # 1 + e^-Z2
        np.divide(self.ones, E, out=A2)  # A2 = σ(Z2) = 1 / (1 + e^-Z2), as sigmoid for Z2 ≥ 0
        D = E  # (α/m) dZ2 replaces 1 + e^-Z2
        np.multiply(A2, self.k, out=D)  # (α/m) A2
        np.subtract(D, self.kY, out=D)  # (1) (α/m) dZ2 = (α/m)(A2 - Y)
        np.dot(D, self.A1a.T, out=self.dW2b)  # (2), (3) α [dW2 db2] = (α/m) dZ2 [A1; 1]ᵀ
        # A1 is dead from here: G takes its place (tanh) or Z1's.
        if self.tanh:
            np.square(A1, out=G)  # A1²
            np.subtract(1, G, out=G)  # g'(Z1) = 1 - A1²
        else:
            G[...] = self.g.g_prime(self.Z1, A1)  # g'(Z1)
        dZ1 = self.dZ1
        if self.shared:
            np.multiply(G, D, out=dZ1)  # g'(Z1) * (α/m) dZ2: row i of (α/m) dZ1 over w_i
        else:
            np.dot(self.W2t, D, out=dZ1)  # (α/m) W2ᵀ dZ2, W2 not yet updated
            np.multiply(dZ1, G, out=dZ1)  # (4) (α/m) dZ1 = (α/m) W2ᵀ dZ2 * g'(Z1)
        if self.fold:
            np.dot(dZ1, self.Xa.T, out=self.dW1b)  # (5), (6) α [dW1 db1] = (α/m) dZ1 [X; 1]ᵀ
        else:
            np.matmul(dZ1, self.X.T, out=self.dW1)  # (5) α dW1 = (α/m) dZ1 Xᵀ
            np.matmul(dZ1, self.ones_m, out=self.db1)  # (6) α db1 = (α/m) dZ1 1
            if self.shared:
                np.multiply(self.dW1, self.W2t, out=self.dW1)  # α dW1: row i times w_i
                np.multiply(self.db1, self.W2t[:, 0], out=self.db1)  # α db1
        if self.lambd:
            np.multiply(self.weights, self.decay, out=self.weights)  # (αλ/m) W
            np.add(self.dtheta, self.weights, out=self.dtheta)  # α dW += (αλ/m) W
        np.subtract(self.theta, self.dtheta, out=self.theta)  # θ := θ - α dθ, all four
        return cost

    def parameters(self) -> dict[str, Array]:
        """Copies of the current parameters, in their original shapes."""
        W2b, n_h = self.W2b, self.n_h
        return {
            "W1": self.W1.copy(),
            "b1": self.b1.copy(),
            "W2": W2b[:, :n_h].copy(),
            "b2": W2b[:, n_h:].copy(),
        }
