r"""Your own code, checked by the package: ``sn.check(your_function)``.

The course grades a learner's ``forward_propagation`` or ``backward_propagation`` with
hidden test cells. `check` does the same with the package as the reference: it runs the
learner's function on the course's own test inputs and on random shapes, in float64 and
float32, compares every array with the package's, and reports the first difference in
the page's notation, with its likely cause and the equation's page.

A likely cause is named only when the learner's array equals what that mistake
computes: a missing transpose, a missing $1/m$, ``keepdims`` forgotten, a sum over the
wrong axis, $\sigma'$ used for tanh, $dZ^{[1]}$ without $g'$, $W - \alpha W$, a step
uphill, a flipped sign, or an update that changes its input in place.
"""

from __future__ import annotations

import copy
import inspect
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _course
from .backward import (
    backward_propagation,
    compute_db1,
    compute_db2,
    compute_dW1,
    compute_dW2,
    compute_dZ1,
    compute_dZ2,
)
from .cost import compute_cost
from .forward import compute_A1, compute_A2, compute_Z1, compute_Z2, forward_propagation
from .logistic import propagate
from .model import nn_model, predict
from .parameters import initialize_parameters, layer_sizes, update_parameter, update_parameters

#: The published site, whose equation anchors the reports link to (mkdocs.yml's site_url).
SITE = "https://shallownet.github.io/shallownet/"

#: Each array a check compares: the equation that computes it, its page and anchor.
EQUATIONS: dict[str, tuple[str, str, str]] = {
    "Z1": ("the equation of Z1", "explanation/forward-propagation/", "eq-Z1"),
    "A1": ("the equation of A1", "explanation/forward-propagation/", "eq-A1"),
    "Z2": ("the equation of Z2", "explanation/forward-propagation/", "eq-Z2"),
    "A2": ("the equation of A2", "explanation/forward-propagation/", "eq-A2"),
    "dZ2": ("equation (1)", "explanation/backpropagation/", "eq-dZ2"),
    "dW2": ("equation (2)", "explanation/backpropagation/", "eq-dW2"),
    "db2": ("equation (3)", "explanation/backpropagation/", "eq-db2"),
    "dZ1": ("equation (4)", "explanation/backpropagation/", "eq-dZ1"),
    "dW1": ("equation (5)", "explanation/backpropagation/", "eq-dW1"),
    "db1": ("equation (6)", "explanation/backpropagation/", "eq-db1"),
    "cost": ("the cost", "explanation/cost/", "eq-cost"),
    "update": ("the update", "explanation/gradient-descent/", "eq-update"),
    "shapes": ("the shape table", "explanation/parameters/", "eq-shapes"),
    "layer-sizes": ("the layer sizes", "explanation/parameters/", "eq-layer-sizes"),
    "predict": ("the prediction", "tutorial/flower/", "eq-predict"),
    "loop": ("the loop", "explanation/gradient-descent/", "eq-loop"),
    "logistic": (
        "logistic regression's gradients",
        "explanation/intuition-logistic/",
        "eq-lr-vectorized",
    ),
}

#: The shape of each array, in the page's symbols.
SYMBOLS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("W1", "dW1"), ("n_h", "n_x")),
    **dict.fromkeys(("b1", "db1"), ("n_h", "1")),
    **dict.fromkeys(("W2", "dW2"), ("n_y", "n_h")),
    **dict.fromkeys(("b2", "db2"), ("n_y", "1")),
    **dict.fromkeys(("Z1", "A1", "dZ1"), ("n_h", "m")),
    **dict.fromkeys(("Z2", "A2", "dZ2", "predictions"), ("n_y", "m")),
}

#: The arrays whose equation divides by m: the gradients and the cost.
DIVIDED_BY_M = ("dW1", "db1", "dW2", "db2", "cost", "dw", "db")


@dataclass(frozen=True)
class CheckReport:
    """What `check` found: printed, it reads as a sentence; as a bool, whether it passed.

    Attributes:
        name: The function checked, by the course's name.
        passed: Every case agreed with the package.
        signature: The signature `check` called it with, and whose it is.
        message: The whole report, as printed.
        url: The page of the equation the first difference belongs to, or ``None``.
    """

    name: str
    passed: bool
    signature: str
    message: str
    url: str | None = None

    def __bool__(self) -> bool:
        return self.passed

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:  # a notebook cell that ends in check(...) shows the report
        return self.message


@dataclass(frozen=True)
class Case:
    """One set of inputs: every array of the network, in the page's names."""

    label: str
    arrays: dict[str, Any]
    m: int
    float32: bool = False


def problem(
    n_x: int, n_h: int, n_y: int, m: int, seed: int, dtype: Any, activation: str
) -> dict[str, Any]:
    """Random inputs and the package's values of every equation on them."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m)).astype(dtype)
    Y = (rng.random((n_y, m)) > 0.5).astype(dtype)
    parameters = {
        "W1": (0.5 * rng.standard_normal((n_h, n_x))).astype(dtype),
        "b1": (0.1 * rng.standard_normal((n_h, 1))).astype(dtype),
        "W2": (0.5 * rng.standard_normal((n_y, n_h))).astype(dtype),
        "b2": (0.1 * rng.standard_normal((n_y, 1))).astype(dtype),
    }
    return complete({"X": X, "Y": Y, **parameters}, activation)


def complete(arrays: dict[str, Any], activation: str) -> dict[str, Any]:
    """``arrays`` with the package's forward and backward values added."""
    X, Y = arrays["X"], arrays["Y"]
    parameters = {key: arrays[key] for key in ("W1", "b1", "W2", "b2")}
    A2, cache = forward_propagation(X, parameters, activation)
    grads = backward_propagation(parameters, cache, X, Y, activation)
    return {
        **arrays,
        **cache,
        "dZ2": compute_dZ2(cache["A2"], Y),
        "dZ1": compute_dZ1(parameters["W2"], compute_dZ2(A2, Y), cache["Z1"], activation),
        **grads,
        "parameters": parameters,
        "cache": cache,
        "grads": grads,
        "learning_rate": 1.2,
    }


def cases(activation: str) -> list[Case]:
    """The course's test case, then random shapes in float64 and float32."""
    parameters, _, X, Y = _course.backward_case()
    course = {"X": X, "Y": Y.astype(np.float64), **parameters}
    shapes = "n_x = 3, n_h = 5, n_y = 1, m = 7"
    return [
        Case("the course's test arrays (n_x = 2, n_h = 4, m = 3)", complete(course, activation), 3),
        Case(
            f"random arrays, {shapes}, float64", problem(3, 5, 1, 7, 1, np.float64, activation), 7
        ),
        Case(
            f"random arrays, {shapes}, float32",
            problem(3, 5, 1, 7, 2, np.float32, activation),
            7,
            float32=True,
        ),
    ]


class Mismatch(Exception):
    """The first difference found, as the report's sentence."""

    def __init__(self, message: str, key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.key = key


#: The equation of an array that is not an equation's own result.
_EQUATION_OF = {"W1": "update", "b1": "update", "W2": "update", "b2": "update"}
_EQUATION_OF |= {"theta": "update", "predictions": "predict", "dw": "logistic", "db": "logistic"}


def entry_of(key: str | None) -> tuple[str, str, str] | None:
    """The equation, page and anchor of array ``key``, if it has one."""
    if key is None:
        return None
    return EQUATIONS.get(key) or EQUATIONS.get(_EQUATION_OF.get(key, ""))


def equation_of(key: str) -> str:
    entry = entry_of(key)
    return entry[0] if entry else "its equation"


def url_of(key: str | None) -> str | None:
    entry = entry_of(key)
    return f"{SITE}{entry[1]}#{entry[2]}" if entry else None


def named_shape(key: str, shape: tuple[int, ...]) -> str:
    symbols = SYMBOLS.get(key)
    if symbols is None or len(symbols) != len(shape):
        return str(shape)
    return f"{shape} = ({', '.join(symbols)})"


def close(actual: Any, expected: Any, float32: bool) -> bool:
    expected = np.asarray(expected, dtype=np.float64)
    actual = np.asarray(actual, dtype=np.float64)
    if actual.shape != expected.shape or not np.all(np.isfinite(actual)):
        return False
    scale = float(np.max(np.abs(expected))) if expected.size else 0.0
    rtol, atol = (1e-4, 1e-5 * scale) if float32 else (1e-7, 1e-12 * scale)
    return bool(np.allclose(actual, expected, rtol=rtol, atol=atol + 1e-300))


def compare(
    key: str,
    expected: Any,
    actual: Any,
    case: Case,
    causes: Mapping[str, Any] = {},
    equation: str | None = None,
) -> None:
    """Raise `Mismatch` with the likely cause when ``actual`` is not ``expected``.

    ``equation`` names the equation that computes the array, a key of `EQUATIONS`, where
    it is not the array's own: the weights that ``initialize_parameters`` returns come
    from the shape table, not from the update.
    """
    eq = EQUATIONS[equation][0] if equation else equation_of(key)
    if actual is None:
        raise Mismatch(f"{key} is missing: the function returned None for it", key)
    try:
        actual_array = np.asarray(actual, dtype=np.float64)
    except (TypeError, ValueError):
        raise Mismatch(
            f"{key} is not an array of numbers: got {type(actual).__name__}", key
        ) from None
    expected_array = np.asarray(expected, dtype=np.float64)
    got, want = actual_array.shape, expected_array.shape
    if got != want:
        message = f"{key} has shape {got}, expected {named_shape(key, want)}"
        if len(want) == 2 and got == want[::-1]:
            message += f": did you forget a transpose in {eq}?"
        elif len(want) == 2 and want[1] == 1 and got == want[:1]:
            message += f": did you forget keepdims=True in the sum of {eq}?"
        elif len(want) == 2 and want[1] == 1 and got == (1, case.m):
            message += f": the sum of {eq} runs over the examples, axis=1, not axis=0"
        raise Mismatch(message, key)
    if close(actual_array, expected_array, case.float32):
        return
    m = case.m
    candidates: dict[str, Any] = dict(causes)
    if key in DIVIDED_BY_M:
        candidates[f"{key} is m = {m} times too large: did you forget the 1/m of {eq}?"] = (
            expected_array * m
        )
    candidates[
        f"{key} has the opposite sign: check the order of the subtraction in {eq}"
    ] = -expected_array
    if len(want) == 2 and want[0] == want[1]:
        candidates[f"{key} is transposed: did you forget a transpose in {eq}?"] = expected_array.T
    for cause, value in candidates.items():
        # a cause upstream of this array names its own array: ("...", ("dZ1", value))
        where, value = value if isinstance(value, tuple) else (key, value)
        if close(actual_array, value, case.float32):
            raise Mismatch(cause, where)
    difference = np.abs(actual_array - expected_array)
    difference[~np.isfinite(difference)] = np.inf
    index = tuple(int(i) for i in np.unravel_index(int(np.argmax(difference)), want))
    where = f"{key}[{', '.join(map(str, index))}]" if want else key
    raise Mismatch(
        f"{where} is {actual_array[index]:.8g}, expected {expected_array[index]:.8g} ({eq})",
        key,
    )


# Calling the learner's function ---------------------------------------------------


def parameters_of(function: Callable[..., Any]) -> list[inspect.Parameter]:
    try:
        return list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):  # a builtin without a signature
        return []


def call(
    function: Callable[..., Any],
    reference: Callable[..., Any],
    inputs: Mapping[str, Any],
    activation: str,
) -> Any:
    """Call ``function`` as the package's ``reference`` is called, by name where it can.

    By keyword when every required parameter of ``function`` is one of the page's
    names; otherwise positionally, in the package's order. ``activation`` is passed only
    to a function that has a parameter of that name.
    """
    learner = parameters_of(function)
    names = [
        p.name
        for p in learner
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
    ]
    required = [
        p.name
        for p in learner
        if p.default is p.empty and p.kind != p.VAR_POSITIONAL and p.kind != p.VAR_KEYWORD
    ]
    extra = {"activation": activation} if "activation" in names else {}
    if required and all(name in inputs for name in required):
        return function(**{name: inputs[name] for name in names if name in inputs}, **extra)
    order = [
        p.name for p in parameters_of(reference) if p.name != "activation" and p.name in inputs
    ]
    positional = [p for p in learner if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    count = len(positional) if not any(p.kind == p.VAR_POSITIONAL for p in learner) else len(order)
    return function(*[inputs[name] for name in order[:count]], **extra)


@contextmanager
def global_random_state(seed: int | None) -> Iterator[None]:
    """Seed numpy's global state, as the course's test cells do, and restore it after."""
    state = np.random.get_state()  # noqa: NPY002 (the course's global state)
    try:
        if seed is not None:
            np.random.seed(seed)  # noqa: NPY002
        yield
    finally:
        np.random.set_state(state)  # noqa: NPY002


class Raised(Exception):
    """The learner's function raised: the report shows its traceback."""


def run(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return function(*args, **kwargs)
    except NotImplementedError:
        raise
    except Exception as error:
        frames = traceback.extract_tb(error.__traceback__)
        own = [frame for frame in frames if frame.filename != __file__]
        text = "".join(traceback.format_list(own)) + "".join(
            traceback.format_exception_only(type(error), error)
        )
        raise Raised(text) from error


# What each function is checked on -----------------------------------------------------


def hidden_causes(case: Case, activation: str) -> dict[str, dict[str, Any]]:
    """The arrays of ``backward_propagation`` as each common mistake in dZ1 computes them."""
    a = case.arrays
    X, W2, A1, dZ2 = a["X"], a["W2"], a["A1"], a["dZ2"]
    mistakes = {
        "dZ1 is missing the factor g'(Z1) of equation (4): it equals W2.T @ dZ2 alone": W2.T @ dZ2,
    }
    if activation == "tanh":
        mistakes[
            "dZ1 uses A1 * (1 - A1), the derivative of sigmoid; for tanh equation (4) "
            "needs g'(Z1) = 1 - A1**2"
        ] = W2.T @ dZ2 * (A1 * (1 - A1))
    causes: dict[str, dict[str, Any]] = {"dZ1": {}, "dW1": {}, "db1": {}}
    for cause, dZ1 in mistakes.items():
        causes["dZ1"][cause] = dZ1
        causes["dW1"][cause] = ("dZ1", compute_dW1(dZ1, X))
        causes["db1"][cause] = ("dZ1", compute_db1(dZ1))
    return causes


def check_arrays(
    outputs: Mapping[str, Any],
    expected: Mapping[str, Any],
    case: Case,
    causes: Mapping[str, Mapping[str, Any]] = {},
    equation: str | None = None,
) -> None:
    for key, value in expected.items():
        if key not in outputs:
            raise Mismatch(f"the result has no {key!r}: expected the keys {sorted(expected)}", key)
        compare(key, value, outputs[key], case, causes.get(key, {}), equation)


def as_dict(result: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(result, Mapping):
        raise Mismatch(f"{what} should be a dict, got {type(result).__name__}")
    return result


EQUATION_FUNCTIONS: dict[str, tuple[Callable[..., Any], str, tuple[str, ...]]] = {
    "compute_Z1": (compute_Z1, "Z1", ("W1", "X", "b1")),
    "compute_A1": (compute_A1, "A1", ("Z1",)),
    "compute_Z2": (compute_Z2, "Z2", ("W2", "A1", "b2")),
    "compute_A2": (compute_A2, "A2", ("Z2",)),
    "compute_dZ2": (compute_dZ2, "dZ2", ("A2", "Y")),
    "compute_dW2": (compute_dW2, "dW2", ("dZ2", "A1")),
    "compute_db2": (compute_db2, "db2", ("dZ2",)),
    "compute_dZ1": (compute_dZ1, "dZ1", ("W2", "dZ2", "Z1", "A1")),
    "compute_dW1": (compute_dW1, "dW1", ("dZ1", "X")),
    "compute_db1": (compute_db1, "db1", ("dZ1",)),
}

#: The package's function of each name `check` knows.
REFERENCES: dict[str, Callable[..., Any]] = {
    "layer_sizes": layer_sizes,
    "initialize_parameters": initialize_parameters,
    "forward_propagation": forward_propagation,
    "compute_cost": compute_cost,
    "backward_propagation": backward_propagation,
    "update_parameters": update_parameters,
    "nn_model": nn_model,
    "predict": predict,
    "propagate": propagate,
    **{name: spec[0] for name, spec in EQUATION_FUNCTIONS.items()},
    "update_parameter": update_parameter,
}

#: Every name `check` knows: the course's graded functions (week 3's, then week 2's
#: `propagate`), then one per equation.
CHECKED = (
    "layer_sizes",
    "initialize_parameters",
    "forward_propagation",
    "compute_cost",
    "backward_propagation",
    "update_parameters",
    "nn_model",
    "predict",
    "propagate",
    *EQUATION_FUNCTIONS,
    "update_parameter",
)


def check_equation(function: Callable[..., Any], name: str, case: Case, activation: str) -> None:
    reference, key, inputs = EQUATION_FUNCTIONS[name]
    arrays = {k: copy.deepcopy(case.arrays[k]) for k in inputs}
    if name == "compute_A1":
        expected = compute_A1(case.arrays["Z1"], activation)
    elif name == "compute_dZ1":
        expected = case.arrays["dZ1"]
    else:
        expected = reference(*[case.arrays[k] for k in inputs])
    result = run(call, function, reference, arrays, activation)
    causes = hidden_causes(case, activation).get(key, {})
    compare(key, expected, result, case, causes)


def check_composite(
    function: Callable[..., Any], name: str, case: Case, activation: str
) -> str | None:
    """Check one case of a graded function; return the course version it matched, if any."""
    a = case.arrays
    if name == "forward_propagation":
        parameters = copy.deepcopy(a["parameters"])
        result = run(
            call,
            function,
            forward_propagation,
            {"X": a["X"].copy(), "parameters": parameters},
            activation,
        )
        if not (isinstance(result, tuple) and len(result) == 2):
            raise Mismatch("forward_propagation should return (A2, cache)")
        A2, cache = result
        compare("A2", a["A2"], A2, case)
        check_arrays(as_dict(cache, "cache"), {k: a[k] for k in ("Z1", "A1", "Z2", "A2")}, case)
    elif name == "backward_propagation":
        inputs = {
            "parameters": copy.deepcopy(a["parameters"]),
            "cache": copy.deepcopy(a["cache"]),
            "X": a["X"].copy(),
            "Y": a["Y"].copy(),
        }
        grads = run(call, function, backward_propagation, inputs, activation)
        check_arrays(
            as_dict(grads, "grads"),
            {k: a[k] for k in ("dW1", "db1", "dW2", "db2")},
            case,
            hidden_causes(case, activation),
        )
    elif name == "update_parameters":
        parameters, grads = copy.deepcopy(a["parameters"]), copy.deepcopy(a["grads"])
        before = copy.deepcopy(parameters)
        lr = a["learning_rate"]
        result = run(
            call,
            function,
            update_parameters,
            {"parameters": parameters, "grads": grads, "learning_rate": lr},
            activation,
        )
        for key in ("W1", "b1", "W2", "b2"):
            if not np.array_equal(parameters[key], before[key]):
                raise Mismatch(
                    f"update_parameters changed the caller's parameters[{key!r}] in place "
                    f"({key} -= ... on the input's array): write {key} = {key} - learning_rate * d{key}, "
                    f"or copy.deepcopy the input first, as the course does",
                    key,
                )
        expected = {k: a[k] - lr * a["d" + k] for k in ("W1", "b1", "W2", "b2")}
        causes = {
            k: {
                f"{k} equals {k} - learning_rate * {k}: the update subtracts the gradient, "
                f"{k} - learning_rate * d{k}": a[k] - lr * a[k],
                f"{k} moved uphill, {k} + learning_rate * d{k}: gradient descent subtracts": a[k]
                + lr * a["d" + k],
            }
            for k in expected
        }
        check_arrays(as_dict(result, "parameters"), expected, case, causes)
    elif name == "predict":
        result = run(
            call,
            function,
            predict,
            {"parameters": copy.deepcopy(a["parameters"]), "X": a["X"].copy()},
            activation,
        )
        expected = (a["A2"] > 0.5).astype(np.float64)
        probabilities = {
            "predictions holds probabilities, not classes: predict returns A2 > 0.5": a["A2"],
        }
        compare("predictions", expected, result, case, probabilities)
    elif name == "propagate":
        # logistic regression on the case's inputs: w is W1's first row, as a column
        w, b = a["W1"][:1].T.copy(), float(a["b1"][0, 0])
        result = run(function, w.copy(), b, a["X"].copy(), a["Y"].copy())
        if not (isinstance(result, tuple) and len(result) == 2):
            raise Mismatch("propagate should return (grads, cost), grads = {'dw': dw, 'db': db}")
        grads, cost = result
        (expected, expected_cost) = propagate(w, b, a["X"], a["Y"])
        grads = as_dict(grads, "grads")
        for key in ("dw", "db"):
            if key not in grads:
                raise Mismatch(f"grads has no {key!r}: expected the keys ['db', 'dw']", key)
        compare("dw", expected["dw"], grads["dw"], case)
        # db and the cost are numbers; the course's squeeze them from (1, 1) arrays
        compare("db", expected["db"], np.squeeze(np.asarray(grads["db"], dtype=float)), case)
        compare("cost", expected_cost, np.squeeze(np.asarray(cost, dtype=float)), case)
    elif name == "compute_cost":
        signature = len([p for p in parameters_of(function) if p.default is p.empty])
        args = [a["A2"].copy(), a["Y"].copy()]
        version = "W3A1"
        if signature >= 3:
            args.append(copy.deepcopy(a["parameters"]))
            version = "v6c"
        cost = run(function, *args)
        if isinstance(cost, np.ndarray) and cost.size == 1 and cost.shape != ():
            raise Mismatch(
                f"the cost is an array of shape {cost.shape}; the course's cost is a float: "
                "return float(cost), or np.squeeze(cost)",
                "cost",
            )
        expected_cost = compute_cost(a["A2"], a["Y"])
        Y, A2 = a["Y"], a["A2"]
        causes = {
            "the cost is missing its (1 - Y) * log(1 - A2) term": -np.mean(Y * np.log(A2)),
        }
        compare("cost", expected_cost, cost, case, causes)
        return version
    return None


def check_sizes(function: Callable[..., Any], name: str) -> tuple[int, str]:
    """``layer_sizes`` and ``initialize_parameters``, which take sizes, not arrays."""
    if name == "layer_sizes":
        X, Y = _course.layer_sizes_case()
        case = Case("the course's test case, X (5, 3) and Y (2, 3)", {}, 3)
        result = run(function, X.copy(), Y.copy())
        sizes_expected = layer_sizes(X, Y)
        if not isinstance(result, tuple) or tuple(int(v) for v in result) != sizes_expected:
            raise Mismatch(
                f"layer_sizes returned {result!r}, expected (n_x, n_h, n_y) = {sizes_expected} "
                f"for {case.label}: X is (n_x, m) and Y is (n_y, m), one example per column",
                "layer-sizes",
            )
        return 1, "v6c and W3A1 (X, Y)"
    sizes = [(2, 4, 1), (3, 5, 2)]
    for n_x, n_h, n_y in sizes:
        case = Case(f"(n_x, n_h, n_y) = ({n_x}, {n_h}, {n_y})", {}, 1)
        with global_random_state(2):
            result = run(function, n_x, n_h, n_y)
        expected = initialize_parameters(n_x, n_h, n_y, seed=2)
        result = as_dict(result, "parameters")
        causes = {
            k: {f"{k} is 100 times too large: the course scales randn by 0.01": expected[k] * 100}
            for k in ("W1", "W2")
        }
        try:
            check_arrays(result, expected, case, causes, equation="shapes")
        except Mismatch as mismatch:
            raise Mismatch(f"{mismatch.message}, for {case.label}", "shapes") from None
    return len(sizes), "v6c and W3A1 (n_x, n_h, n_y), after np.random.seed(2)"


def check_nn_model(function: Callable[..., Any]) -> tuple[int, str]:
    """``nn_model`` on the course's test case: v6c's weights (seed 2) or W3A1's (seed 3)."""
    X, Y = _course.nn_model_case()
    iterations = 100
    with global_random_state(3):  # W3A1's nn_model_test seeds 3 before the call
        result = run(function, X.copy(), Y.copy(), 4, iterations, False)
    result = as_dict(result, "nn_model's parameters")
    references = {
        "v6c (its initialize_parameters seeds 2)": nn_model(X, Y, 4, iterations, seed=2),
        "W3A1 (np.random.seed(3) before the call)": nn_model(X, Y, 4, iterations, seed=3),
    }
    case = Case(f"the course's test case, n_h = 4, {iterations} iterations", {}, 3)
    first: Mismatch | None = None
    for version, expected in references.items():
        try:
            check_arrays(result, {k: expected[k] for k in ("W1", "b1", "W2", "b2")}, case)
        except Mismatch as mismatch:
            first = first or mismatch
            continue
        return 1, f"{version}: (X, Y, n_h, num_iterations, print_cost)"
    assert first is not None
    raise Mismatch(f"{first.message}, after {iterations} iterations", "loop")


def check(
    function: Callable[..., Any],
    name: str | None = None,
    *,
    activation: str = "tanh",
) -> CheckReport:
    r"""Check your own function against the package, as the course's hidden tests would.

    Runs ``function`` on the course's test inputs and on random arrays in float64 and
    float32, and compares what it returns with the package's function of the same name.
    The first difference is reported in the page's notation, with the likely cause when
    the array equals what a common mistake computes, and a link to the equation.

    Your arrays are never changed: ``function`` gets copies. A function that raises
    ``NotImplementedError`` (or returns ``None``) is "not implemented yet"; one that
    raises anything else is reported with its traceback.

    Args:
        function: Your function, with the course's signature (v6c's or W3A1's, for
            ``compute_cost`` the two differ) or the package's.
        name: Which function it implements, one of `CHECKED`; by default the
            function's own name.
        activation: $g^{[1]}$, passed to ``function`` if it has an ``activation``
            parameter, and used by the reference either way.

    Returns:
        A `CheckReport`: true if every case agreed; printed, what was found.

    Raises:
        ValueError: If ``name`` is not one of the functions it can check.

    Examples:
        >>> import numpy as np
        >>> import shallownet as sn
        >>> def compute_dW1(dZ1, X):
        ...     m = X.shape[1]
        ...     return np.dot(X, dZ1.T) / m       # the transpose on the wrong side
        ...
        >>> print(sn.check(compute_dW1))
        compute_dW1 does not agree with shallownet yet.
          On the course's test arrays (n_x = 2, n_h = 4, m = 3):
            dW1 has shape (2, 4), expected (4, 2) = (n_h, n_x): did you forget a transpose in equation (5)?
          See https://shallownet.github.io/shallownet/explanation/backpropagation/#eq-dW1
        >>> def compute_dW1(dZ1, X):
        ...     m = X.shape[1]
        ...     return np.dot(dZ1, X.T) / m
        ...
        >>> print(sn.check(compute_dW1))
        compute_dW1 agrees with shallownet on 3 cases: the course's test arrays, and random arrays in float64 and float32.
    """
    name = name or getattr(function, "__name__", "")
    if name not in CHECKED:
        raise ValueError(f"check() does not know {name!r}: pass name= one of {', '.join(CHECKED)}")
    reference = REFERENCES[name]
    signature = "the package's ({})".format(
        ", ".join(p.name for p in parameters_of(reference) if p.name != "activation")
    )
    with global_random_state(None):  # the course's inputs seed numpy's global state
        return _check(function, name, activation, signature)


def _check(function: Callable[..., Any], name: str, activation: str, signature: str) -> CheckReport:
    try:
        if name in ("layer_sizes", "initialize_parameters"):
            count, signature = check_sizes(function, name)
            what = f"{count} case{'s' if count > 1 else ''}"
        elif name == "nn_model":
            count, signature = check_nn_model(function)
            what = "the course's test case"
        else:
            versions = set()
            for case in cases(activation):
                try:
                    if name in EQUATION_FUNCTIONS:
                        check_equation(function, name, case, activation)
                    elif name == "update_parameter":
                        check_update_parameter(function, case)
                    else:
                        version = check_composite(function, name, case, activation)
                        if version:
                            versions.add(version)
                except Mismatch as mismatch:
                    raise Mismatch(
                        f"On {case.label}:\n  {mismatch.message}", mismatch.key
                    ) from None
                except Raised as raised:
                    raise Raised(f"On {case.label}, it raised:\n{raised}") from None
            if versions == {"v6c"}:
                signature = "v6c's (A2, Y, parameters)"
            elif versions == {"W3A1"}:
                signature = "W3A1's (A2, Y)"
            what = "3 cases: the course's test arrays, and random arrays in float64 and float32"
    except NotImplementedError:
        return CheckReport(name, False, signature, f"{name} is not implemented yet.")
    except Raised as raised:
        return CheckReport(
            name, False, signature, f"{name} raised an error.\n{indent(str(raised))}"
        )
    except Mismatch as mismatch:
        url = url_of(mismatch.key)
        message = f"{name} does not agree with shallownet yet.\n{indent(mismatch.message)}"
        if "returned None" in mismatch.message or "got NoneType" in mismatch.message:
            message = f"{name} is not implemented yet: it returned None."
        elif url:
            message += f"\n  See {url}"
        return CheckReport(name, False, signature, message, url)
    message = f"{name} agrees with shallownet on {what}."
    if name in ("compute_cost", "initialize_parameters", "nn_model"):
        message += f" Signature: {signature}."
    return CheckReport(name, True, signature, message)


def check_update_parameter(function: Callable[..., Any], case: Case) -> None:
    a = case.arrays
    lr = a["learning_rate"]
    theta, dtheta = a["W1"].copy(), a["dW1"].copy()
    before = theta.copy()
    result = run(function, theta, dtheta, lr)
    if not np.array_equal(theta, before):
        raise Mismatch(
            "update_parameter changed its input theta in place: write theta - learning_rate * dtheta",
            "update",
        )
    compare(
        "theta",
        a["W1"] - lr * a["dW1"],
        result,
        case,
        {
            "theta equals theta - learning_rate * theta: the update subtracts the gradient": a["W1"]
            - lr * a["W1"]
        },
    )


def indent(text: str) -> str:
    return "\n".join("  " + line if line else line for line in text.splitlines())


__all__ = ["CHECKED", "CheckReport", "check"]
