"""flask-full's ladder, declared once: each rung's features are what its answers turn on."""

import itertools

from scaffold import ladder, registry

RUNGS = ladder.rungs()
FLASK = registry.get(ladder.LADDER_TEMPLATE).metadata["features"]
DJANGO = registry.get(ladder.TWIN_TEMPLATE).metadata["features"]


def test_the_rungs_climb_from_flask_alone_one_feature_at_a_time():
    names = [rung.name for rung in RUNGS]
    assert names == ["minimal", "+database", "+accounts", "+forms", "+admin"]
    assert [rung.tag for rung in RUNGS] == [
        "rung-minimal", "rung-database", "rung-accounts", "rung-forms", "rung-admin",
    ]  # fmt: skip
    assert RUNGS[0].features == ()
    for rung in RUNGS[1:]:
        assert rung.name == f"+{rung.features[0]}"


def test_a_rung_adds_the_features_whose_option_it_turns_on():
    """+database turns on use_database, which renders the migrations too: it adds both."""
    for below, rung in itertools.pairwise(RUNGS):
        turned_on = {key for key, value in rung.data.items() if value and not below.data[key]}
        assert {FLASK[name]["when"] for name in rung.features} == turned_on, rung.name
    assert RUNGS[1].features == ("database", "migrations")


def test_every_optional_feature_is_added_by_one_rung_and_django_full_has_it():
    added = [name for rung in RUNGS for name in rung.features]
    assert sorted(added) == sorted(name for name, feature in FLASK.items() if "when" in feature)
    assert set(added) <= set(DJANGO)
