"""shallownet: gradient descent for a neural network with one hidden layer.

Every equation of the course notes is one small numpy function here, with the
course assignment's names. Arrays use the course's column layout: ``X`` is
``(n_x, m)`` and ``Y`` is ``(1, m)``.

>>> import shallownet as sn
>>> X, Y = sn.load_planar_dataset()
>>> sn.layer_sizes(X, Y)
(2, 4, 1)
"""

from . import _docstrings
from ._validation import ShapeError
from .activations import (
    ACTIVATIONS,
    Activation,
    get_activation,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from .backward import (
    backward_propagation,
    compute_db1,
    compute_db2,
    compute_dW1,
    compute_dW2,
    compute_dZ1,
    compute_dZ2,
)
from .checking import CheckReport, check
from .cost import compute_cost, compute_cost_from_logits
from .datasets import (
    ExtraDatasets,
    load_extra_datasets,
    load_planar_dataset,
    make_circles,
    make_moons,
    make_xor,
)
from .forward import compute_A1, compute_A2, compute_Z1, compute_Z2, forward_propagation
from .gradcheck import gradient_check
from .logistic import (
    logistic_da,
    logistic_db,
    logistic_dw,
    logistic_dz,
    logistic_dz_chain,
    logistic_loss,
    logistic_z,
    propagate,
)
from .model import TrainedParameters, TrainingWarning, gradient_descent, nn_model, predict
from .parameters import (
    initialize_parameters,
    initialize_parameters_he,
    initialize_parameters_xavier,
    layer_sizes,
    update_parameter,
    update_parameters,
)
from .per_example import (
    backward_propagation_loop,
    example_backward,
    example_db1,
    example_db2,
    example_dW1,
    example_dW2,
    example_dz1,
    example_dz2,
    example_forward,
)
from .plotting import (
    PlotStyle,
    plot_activations,
    plot_cost_curve,
    plot_dataset,
    plot_decision_boundary,
    plot_edge_of_stability,
    plot_held_out,
    plot_hidden_sizes,
    plot_hidden_units,
    plot_learning_rates,
    plot_loss_gradients,
    plot_quadratic_iterates,
    plot_trained_boundary,
    plot_two_cycle_cut,
)
from .regularization import (
    backward_propagation_with_regularization,
    check_lambd,
    compute_cost_with_regularization,
    compute_dW_with_regularization,
    l2_regularization_cost,
)
from .stability import (
    LambdaMaxHistory,
    compute_hessian,
    compute_lambda_max,
    cost_along_direction,
    finite_difference_hessian,
    lambda_max_history,
    quadratic_iterates,
    quadratic_step,
    top_eigenvalue,
)

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "CheckReport",
    "ExtraDatasets",
    "LambdaMaxHistory",
    "PlotStyle",
    "ShapeError",
    "TrainedParameters",
    "TrainingWarning",
    "backward_propagation",
    "backward_propagation_loop",
    "backward_propagation_with_regularization",
    "check",
    "check_lambd",
    "compute_A1",
    "compute_A2",
    "compute_Z1",
    "compute_Z2",
    "compute_cost",
    "compute_cost_from_logits",
    "compute_cost_with_regularization",
    "compute_dW1",
    "compute_dW2",
    "compute_dW_with_regularization",
    "compute_dZ1",
    "compute_dZ2",
    "compute_db1",
    "compute_db2",
    "compute_hessian",
    "compute_lambda_max",
    "cost_along_direction",
    "example_backward",
    "example_dW1",
    "example_dW2",
    "example_db1",
    "example_db2",
    "example_dz1",
    "example_dz2",
    "example_forward",
    "finite_difference_hessian",
    "forward_propagation",
    "get_activation",
    "gradient_check",
    "gradient_descent",
    "initialize_parameters",
    "initialize_parameters_he",
    "initialize_parameters_xavier",
    "l2_regularization_cost",
    "lambda_max_history",
    "layer_sizes",
    "leaky_relu",
    "leaky_relu_derivative",
    "load_extra_datasets",
    "load_planar_dataset",
    "logistic_da",
    "logistic_db",
    "logistic_dw",
    "logistic_dz",
    "logistic_dz_chain",
    "logistic_loss",
    "logistic_z",
    "make_circles",
    "make_moons",
    "make_xor",
    "nn_model",
    "plot_activations",
    "plot_cost_curve",
    "plot_dataset",
    "plot_decision_boundary",
    "plot_edge_of_stability",
    "plot_held_out",
    "plot_hidden_sizes",
    "plot_hidden_units",
    "plot_learning_rates",
    "plot_loss_gradients",
    "plot_quadratic_iterates",
    "plot_trained_boundary",
    "plot_two_cycle_cut",
    "predict",
    "propagate",
    "quadratic_iterates",
    "quadratic_step",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "tanh",
    "tanh_derivative",
    "top_eigenvalue",
    "update_parameter",
    "update_parameters",
]

# help() and Jupyter's ? show plain text: no [text][id] cross-references, no $$ (the site
# reads the source, so it keeps both). See shallownet/_docstrings.py.
_docstrings.make_plain(globals(), __all__)
