"""The crosswalk between equity frameworks: what a selection means with it on, editing it in the admin, and the
reviewed demo crosswalk (evidence/demo/crosswalk.json, explained in docs/crosswalk.md)."""

import json
from itertools import combinations

import pytest
from django.urls import reverse

from devdata.factories import EquityDimensionFactory
from evidence.crosswalk import crosswalk_pairs, with_matches
from evidence.management.commands.load_demo_content import DEMO_DIR
from evidence.management.commands.load_demo_content import Command as DemoLoader
from evidence.models import EquityDimension, Framework

pytestmark = pytest.mark.django_db


@pytest.fixture
def dimensions():
    make = EquityDimensionFactory
    found = {
        "sex": make(name="Sex", slug="sex", framework=Framework.EQUALITY_ACT),
        "race": make(name="Race", slug="race", framework=Framework.EQUALITY_ACT),
        "age": make(name="Age", slug="age", framework=Framework.EQUALITY_ACT),
        "gender": make(name="Gender and sex", slug="gender-and-sex", framework=Framework.PROGRESS_PLUS),
        "ethnicity": make(name="Race, ethnicity", slug="race-ethnicity", framework=Framework.PROGRESS_PLUS),
        "minority": make(name="Ethnic minorities", slug="ethnic-minorities", framework=Framework.CORE20PLUS5_ADULTS),
    }
    found["sex"].close_matches.add(found["gender"])
    found["race"].close_matches.add(found["ethnicity"], found["minority"])
    found["ethnicity"].exact_matches.add(found["minority"])  # not true; only to tell exact from close here
    return found


def ids(dimensions, *names):
    return {dimensions[name].pk for name in names}


def test_a_dimension_means_itself_and_what_it_is_matched_with_both_ways(dimensions, django_assert_num_queries):
    asked = ids(dimensions, "sex", "gender", "minority", "age")
    with django_assert_num_queries(1):
        meaning = with_matches(asked)
    d = dimensions
    assert meaning == {
        d["sex"].pk: ids(d, "sex", "gender"),
        d["gender"].pk: ids(d, "gender", "sex"),
        d["minority"].pk: ids(d, "minority", "race", "ethnicity"),
        d["age"].pk: ids(d, "age"),
    }


def test_matches_are_followed_one_step_and_close_ones_can_be_left_out(dimensions):
    d = dimensions
    d["gender"].exact_matches.add(d["age"])  # a chain: Sex ~ Gender and sex = Age
    assert with_matches([d["sex"].pk])[d["sex"].pk] == ids(d, "sex", "gender")
    assert with_matches([d["gender"].pk])[d["gender"].pk] == ids(d, "gender", "sex", "age")
    assert with_matches([d["gender"].pk], include_close=False)[d["gender"].pk] == ids(d, "gender", "age")
    assert with_matches([d["minority"].pk], include_close=False) == {d["minority"].pk: ids(d, "minority", "ethnicity")}


def test_nothing_asked_costs_no_query_and_unknown_ids_mean_themselves(dimensions, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert with_matches([]) == {}
    assert with_matches(["999999"]) == {999999: {999999}}


def test_the_whole_crosswalk_in_one_query_both_ways(dimensions, django_assert_num_queries):
    d = dimensions
    with django_assert_num_queries(1):
        pairs = set(crosswalk_pairs())
    assert (d["sex"].pk, d["gender"].pk, "close") in pairs
    assert (d["gender"].pk, d["sex"].pk, "close") in pairs
    assert (d["minority"].pk, d["ethnicity"].pk, "exact") in pairs
    assert len(pairs) == 2 * 4


# The admin: the equity dimension snippet's edit form, posted as the browser would.


def edit(client, dimension, exact=(), close=(), **changes):
    url = reverse("wagtailsnippets_evidence_equitydimension:edit", args=[dimension.pk])
    data = {
        "framework": dimension.framework,
        "name": dimension.name,
        "slug": dimension.slug,
        "sort_order": dimension.sort_order,
        "exact_matches": [d.pk for d in exact],
        "close_matches": [d.pk for d in close],
        **changes,
    }
    return client.post(url, data)


def test_editors_mark_matches_in_the_admin_and_they_hold_both_ways(client, editor, dimensions):
    client.force_login(editor)
    d = dimensions
    form = client.get(reverse("wagtailsnippets_evidence_equitydimension:edit", args=[d["age"].pk]))
    html = form.content.decode()
    # Checkboxes grouped by framework; the dimension's own framework is not offered.
    assert 'type="checkbox" name="exact_matches"' in html
    groups = [choice[0] for choice in form.context["form"].fields["close_matches"].choices]
    assert groups == ["PROGRESS-Plus", "Core20PLUS5 (adults)"]

    response = edit(client, d["age"], exact=[d["gender"]], close=[d["minority"]])
    assert response.status_code == 302, response.context["form"].errors
    assert set(d["gender"].exact_matches.all()) == {d["age"]}
    assert d["age"] in d["minority"].close_matches.all()


@pytest.mark.parametrize(
    "exact, close, field",
    [
        (["race"], [], "exact_matches"),  # its own framework (Equality Act)
        ([], ["sex"], "close_matches"),  # itself
        (["gender"], ["gender"], "close_matches"),  # both the same and close
    ],
)
def test_the_admin_refuses_a_match_in_its_own_framework_itself_or_both_kinds(
    client, editor, dimensions, exact, close, field
):
    client.force_login(editor)
    d = dimensions
    before = set(crosswalk_pairs())
    response = edit(client, d["sex"], exact=[d[n] for n in exact], close=[d[n] for n in close])
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert set(crosswalk_pairs()) == before


def test_changing_framework_is_checked_against_the_matches_posted(client, editor, dimensions):
    client.force_login(editor)
    d = dimensions
    # Sex moved into PROGRESS-Plus would match Gender and sex in its own framework.
    response = edit(client, d["sex"], close=[d["gender"]], framework=Framework.PROGRESS_PLUS)
    assert response.status_code == 200
    assert "close_matches" in response.context["form"].errors
    assert EquityDimension.objects.get(pk=d["sex"].pk).framework == Framework.EQUALITY_ACT


# The demo crosswalk.


def demo(name):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


def demo_pairs():
    crosswalk = demo("crosswalk.json")
    return [(kind, a, b) for kind in ("exact", "close") for a, b, _why in crosswalk[kind]]


def test_the_demo_crosswalk_names_real_dimensions_of_different_frameworks_once_each():
    frameworks = {d["slug"]: d["framework"] for d in demo("taxonomy.json")["equity_dimensions"]}
    pairs = demo_pairs()
    assert len(pairs) >= 15
    for kind, a, b in pairs:
        assert a in frameworks and b in frameworks, (a, b)
        assert frameworks[a] != frameworks[b], f"{kind} {a} ~ {b}: same framework"
    unordered = [frozenset((a, b)) for _, a, b in pairs]
    assert len(set(unordered)) == len(unordered), "a pair is listed twice (or as both exact and close)"
    # Every framework takes part (the children's one too).
    assert {frameworks[s] for _, a, b in pairs for s in (a, b)} == set(Framework.values)


def test_exact_matches_in_the_demo_are_closed_under_transitivity():
    """skos:exactMatch is transitive: if A = B and B = C the crosswalk must say A = C (lookups go one step)."""
    exact = {frozenset((a, b)) for kind, a, b in demo_pairs() if kind == "exact"}
    linked = {}
    for pair in exact:
        a, b = tuple(pair)
        linked.setdefault(a, set()).add(b)
        linked.setdefault(b, set()).add(a)
    for middle, ends in linked.items():
        for a, b in combinations(sorted(ends), 2):
            assert frozenset((a, b)) in exact, f"{a} = {middle} = {b} but not {a} = {b}"


def load_taxonomy_and_crosswalk():
    loader = DemoLoader()
    loader.created = {}
    loader.load_taxonomy()
    loader.load_crosswalk()
    return loader.created.get("crosswalk pairs", 0)


def test_the_demo_crosswalk_loads_both_ways_once_and_keeps_editors_changes():
    assert load_taxonomy_and_crosswalk() == len(demo_pairs())
    by_slug = {d.slug: d for d in EquityDimension.objects.all()}
    loaded = {(by_slug_of(by_slug, f), by_slug_of(by_slug, t), kind) for f, t, kind in crosswalk_pairs()}
    for kind, a, b in demo_pairs():
        assert (a, b, kind) in loaded and (b, a, kind) in loaded
    assert len(loaded) == 2 * len(demo_pairs())
    for f, t, _kind in loaded:
        assert by_slug[f].framework != by_slug[t].framework
    # An editor removes a pair they disagree with: loading the demo again does not put it back.
    by_slug["sex"].close_matches.remove(by_slug["gender-and-sex"])
    assert load_taxonomy_and_crosswalk() == 0
    assert by_slug["gender-and-sex"] not in by_slug["sex"].close_matches.all()


def by_slug_of(by_slug, pk):
    return next(slug for slug, d in by_slug.items() if d.pk == pk)


def test_the_matches_the_issue_names_are_in_the_demo():
    """Sex shows under Gender and sex; Ethnic minority communities under PROGRESS-Plus race and the Act's Race."""
    load_taxonomy_and_crosswalk()
    by_slug = {d.slug: d for d in EquityDimension.objects.all()}
    meaning = with_matches([by_slug["sex"].pk, by_slug["ethnic-minority-communities"].pk])
    assert by_slug["gender-and-sex"].pk in meaning[by_slug["sex"].pk]
    assert {by_slug["race"].pk, by_slug["race-ethnicity-culture-language"].pk} <= meaning[
        by_slug["ethnic-minority-communities"].pk
    ]
