"""The fused training step that `nn_model` runs in its loop.

It computes exactly the equations of `forward_propagation`, `compute_cost`,
`backward_propagation` and `update_parameters`, with no checks (`nn_model` checks its
inputs once) and with arrays allocated once. `tests/test_model.py` holds it equal to
the page-by-page functions.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from .activations import get_activation, sigmoid

Array = NDArray[Any]


class Trainer:
    """Owns copies of the parameters and updates them in place, one step at a time."""

    def __init__(
        self,
        X: Array,
        Y: Array,
        parameters: dict[str, Array],
        activation: str,
        learning_rate: float,
    ) -> None:
        self.X = X
        self.Y = Y.astype(X.dtype)
        self.m = X.shape[1]
        self.W1 = parameters["W1"].copy()
        self.b1 = parameters["b1"].copy()
        self.W2 = parameters["W2"].copy()
        self.b2 = parameters["b2"].copy()
        self.g = get_activation(activation)
        self.alpha = learning_rate

    def step(self) -> float:
        """One iteration: forward, cost, backward, update. Returns the cost before the update."""
        X, Y, m = self.X, self.Y, self.m
        Z1 = self.W1 @ X + self.b1
        A1 = self.g.g(Z1)
        Z2 = self.W2 @ A1 + self.b2
        A2 = sigmoid(Z2)
        cost = float(np.mean(np.logaddexp(0, Z2) - Y * Z2)) * Z2.shape[0]
        dZ2 = A2 - Y
        dW2 = dZ2 @ A1.T / m
        db2 = dZ2.sum(axis=1, keepdims=True) / m
        dZ1 = (self.W2.T @ dZ2) * self.g.g_prime(Z1, A1)
        dW1 = dZ1 @ X.T / m
        db1 = dZ1.sum(axis=1, keepdims=True) / m
        self.W1 -= self.alpha * dW1
        self.b1 -= self.alpha * db1
        self.W2 -= self.alpha * dW2
        self.b2 -= self.alpha * db2
        return cost

    def parameters(self) -> dict[str, Array]:
        """Copies of the current parameters."""
        return {
            "W1": self.W1.copy(),
            "b1": self.b1.copy(),
            "W2": self.W2.copy(),
            "b2": self.b2.copy(),
        }
