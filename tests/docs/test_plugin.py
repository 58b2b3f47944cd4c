"""The MkDocs plugin's one option, ``features``: every feature unless it names some."""

from __future__ import annotations

from shallownet_site.plugin import FEATURES, ShallownetPlugin


def test_the_plugin_runs_every_feature_by_default() -> None:
    plugin = ShallownetPlugin()
    errors, warnings = plugin.load_config({})
    assert (errors, warnings) == ([], [])
    assert list(plugin.config.features) == list(FEATURES)
    assert all(plugin.uses(feature) for feature in FEATURES)
    assert {"equations", "mathjax", "search"} <= set(FEATURES)


def test_a_site_can_name_the_features_it_runs() -> None:
    plugin = ShallownetPlugin()
    errors, _ = plugin.load_config({"features": ["mathjax"]})
    assert errors == []
    assert [feature for feature in FEATURES if plugin.uses(feature)] == ["mathjax"]


def test_an_unknown_feature_is_a_configuration_error() -> None:
    errors, _ = ShallownetPlugin().load_config({"features": ["mathjax", "hooks"]})
    assert len(errors) == 1 and "hooks" in str(errors[0][1]), errors
