"""The gap map page (/evidence-map/) and its CSV (/evidence-map.csv): markup, links, parameters, queries."""

import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from devdata.factories import EquityDimensionFactory, EvaluationPageFactory, PlaceFactory, ServiceFactory
from evidence.models import Framework
from tests.search.gap_map_helpers import CSV_URL, URL, csv_rows, queries, row_for, soup, table


@pytest.fixture
def tax(db):
    primary = ServiceFactory(name="Primary care", slug="primary-care", sort_order=1)
    return {
        "primary": primary,
        "gp": ServiceFactory(name="General practice", slug="general-practice", parent=primary, sort_order=1),
        "pharmacy": ServiceFactory(name="Community pharmacy", slug="community-pharmacy", parent=primary, sort_order=2),
        "residence": EquityDimensionFactory(
            name="Place of residence", slug="place-of-residence", framework=Framework.PROGRESS_PLUS, sort_order=1
        ),
        "occupation": EquityDimensionFactory(
            name="Occupation", slug="occupation", framework=Framework.PROGRESS_PLUS, sort_order=2
        ),
        "age": EquityDimensionFactory(name="Age", slug="age", framework=Framework.EQUALITY_ACT),
        "north": PlaceFactory(name="Northshore", slug="northshore"),
    }


def evaluation(services, dimensions, places=(), year=2024, **kwargs):
    return EvaluationPageFactory(
        services=list(services),
        equity_dimensions=list(dimensions),
        places=list(places),
        period_start=datetime.date(year - 1, 1, 1),
        period_end=datetime.date(year, 1, 1),
        completed=datetime.date(year, 3, 1),
        **kwargs,
    )


@pytest.fixture
def data(tax):
    t = tax
    evaluation([t["gp"], t["pharmacy"]], [t["residence"]], places=[t["north"]], year=2021)
    evaluation([t["gp"]], [t["residence"], t["age"]], year=2023)
    evaluation([t["gp"]], [t["residence"]], year=2024)
    return t


def get(client, url=URL, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response


def html_matrix(page):
    """The table as the CSV writes it: header, then [service, parent, counts…, under way…] with gaps as 0."""
    tab = table(page)
    dimensions = [th.get_text(strip=True) for th in tab.select("thead th[scope=col]")[1:]]
    header = ["Service", "Parent service", *dimensions, *(f"Under way: {name}" for name in dimensions)]
    rows, parent = [header], ""
    for tr in tab.select("tbody tr"):
        th = tr.find("th", scope="row")
        name = th.find(string=True, recursive=False).strip()
        is_parent = "evidence-map__row--parent" in tr["class"]
        parent = name if is_parent else parent
        counts, under_way = [], []
        for td in tr.find_all("td"):
            link = td.find("a", class_="evidence-map__count")
            counts.append(link.find(string=True, recursive=False).strip() if link else "0")
            ongoing = td.find("a", class_="evidence-map__ongoing")
            under_way.append(ongoing.find(string=True, recursive=False).split()[0] if ongoing else "0")
        rows.append([name, "" if is_parent else parent, *counts, *under_way])
    return rows


def test_table_is_accessible(client, data):
    page = soup(get(client))
    region = page.find(attrs={"role": "region"})
    tab = region.find("table")
    caption = tab.find("caption")

    assert region["tabindex"] == "0"
    assert region["aria-labelledby"] == caption["id"]
    assert "PROGRESS-Plus" in caption.get_text()
    assert tab.select_one("thead th[scope=colgroup]").get_text(strip=True) == "PROGRESS-Plus"
    assert tab.select_one("thead th[scope=colgroup]")["colspan"] == "2"
    assert [th.get_text(strip=True) for th in tab.select("thead th[scope=col]")] == [
        "Service",
        "Place of residence",
        "Occupation",
    ]
    assert len(tab.select("tbody th[scope=row]")) == 3
    assert "evidence-map__row--parent" in row_for(page, "Primary care")["class"]
    assert "evidence-map__row--child" in row_for(page, "General practice")["class"]
    assert page.find("link", href="/static/css/evidence-map.css")


def test_counts_are_read_as_evaluations(client, data):
    page = soup(get(client))
    gp_residence = row_for(page, "General practice").find_all("td")[0]
    link = gp_residence.find("a")

    assert link.find(string=True, recursive=False).strip() == "3"
    assert link.get_text(" ", strip=True) == "3 evaluations for General practice and Place of residence"
    assert "evidence-map__cell--gap" not in gp_residence["class"]
    pharmacy_residence = row_for(page, "Community pharmacy").find_all("td")[0]
    assert pharmacy_residence.find("a").get_text(" ", strip=True).startswith("1 evaluation for Community pharmacy")


def test_parent_row_shows_distinct_rollup(client, data):
    page = soup(get(client))
    # Three evaluations: the one tagged with both general practice and pharmacy counts once.
    residence = row_for(page, "Primary care").find_all("td")[0]
    assert residence.find("a", class_="evidence-map__count").find(string=True, recursive=False).strip() == "3"


def test_cell_links_carry_both_facets(client, data):
    page = soup(get(client))
    link = row_for(page, "Community pharmacy").find_all("td")[0].find("a")
    url = urlsplit(link["href"])

    assert url.path == "/search/"
    assert parse_qs(url.query) == {
        "service": ["community-pharmacy"],
        "equity": ["place-of-residence"],
        "type": ["evaluation"],  # search also finds summaries and case studies: the cell counts evaluations
        "crosswalk": ["off"],  # and its own dimension, not matching ones from other frameworks
    }


def test_cell_links_carry_active_filters(client, data):
    page = soup(get(client, year_from="2021", year_to="2022", place="northshore"))
    link = row_for(page, "General practice").find_all("td")[0].find("a")
    query = parse_qs(urlsplit(link["href"]).query)

    assert query == {
        "service": ["general-practice"],
        "equity": ["place-of-residence"],
        "place": ["northshore"],
        "year": ["2021", "2022"],
        "type": ["evaluation"],
        "crosswalk": ["off"],
    }


def test_gaps_are_visible_and_link_to_the_proposal_form(client, data):
    page = soup(get(client))
    gap = row_for(page, "Community pharmacy").find_all("td")[1]
    link = gap.find("a")
    url = urlsplit(link["href"])

    assert "evidence-map__cell--gap" in gap["class"]
    assert gap.find(class_="evidence-map__gap").find(string=True, recursive=False) == "Gap"
    assert url.path == "/propose-an-evaluation/"
    assert parse_qs(url.query) == {"service": ["community-pharmacy"], "equity": ["occupation"]}
    assert link.find(string=True, recursive=False) == "Propose an evaluation"
    hidden = link.find(class_="nhsuk-u-visually-hidden").get_text()
    assert "Community pharmacy" in hidden
    assert "Occupation" in hidden


def test_summary_counts_pairs_with_evidence_and_gaps(client, data):
    text = soup(get(client)).find(id="evidence-map-summary").find_next("p").get_text(" ", strip=True)

    # 3 rows × 2 columns: place of residence has evidence for all three rows; occupation for none.
    assert "3 of 6 service and dimension pairs have at least one evaluation" in text
    assert "3 are gaps" in text
    assert "Based on 3 published evaluations" in text


def test_framework_switch(client, data):
    page = soup(get(client, framework="equality-act"))
    tab = table(page)

    assert [th.get_text(strip=True) for th in tab.select("thead th[scope=col]")][1:] == ["Age"]
    assert "Equality Act 2010" in tab.find("caption").get_text()
    assert parse_qs(urlsplit(row_for(page, "General practice").find("a")["href"]).query)["equity"] == ["age"]
    assert page.find("select", id="framework").find("option", selected=True)["value"] == "equality-act"
    assert not page.find(class_="nhsuk-error-summary")


def test_filters_change_counts(client, data):
    def gp_residence(**params):
        cell = row_for(soup(get(client, **params)), "General practice").find_all("td")[0]
        link = cell.find("a", class_="evidence-map__count")
        return link.find(string=True, recursive=False).strip() if link else "Gap"

    assert gp_residence() == "3"
    assert gp_residence(year_from="2023") == "2"
    assert gp_residence(year_to="2023") == "2"
    assert gp_residence(year_from="2022", year_to="2023") == "1"
    assert gp_residence(place="northshore") == "1"
    assert gp_residence(place="northshore", year_from="2022") == "Gap"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year_from": "abc"}, "year_from"),
        ({"year_to": "20x4"}, "year_to"),
        ({"year_from": "2024", "year_to": "2021"}, "year_to"),
        ({"framework": "nope"}, "framework"),
        ({"place": "atlantis"}, "place"),
        ({"year_from": "9" * 5000}, "year_from"),
        ({"year_to": "99999999999999999999"}, "year_to"),
        ({"year_from": "0001"}, "year_from"),
        ({"year_from": "-2021"}, "year_from"),
        ({"place": "x" * 10000}, "place"),
    ],
)
def test_invalid_params_answer_with_a_message_and_defaults(client, data, params, field):
    response = get(client, **params)
    page = soup(response)
    summary = page.find(class_="nhsuk-error-summary")

    assert summary is not None
    assert summary.find("a", href=f"#{field}")
    assert page.find(id=field) is not None
    assert "nhsuk-form-group--error" in page.find(id=field).parent["class"]
    # The defaults: PROGRESS-Plus, every year, every place; counts as without filters.
    assert "PROGRESS-Plus" in table(page).find("caption").get_text()
    assert html_matrix(page) == html_matrix(soup(get(client)))
    assert csv_rows(get(client, CSV_URL, **params)) == csv_rows(get(client, CSV_URL))


def test_valid_params_show_no_error(client, data):
    page = soup(get(client, framework="progress-plus", year_from="2021", year_to="2021", place="northshore"))
    assert page.find(class_="nhsuk-error-summary") is None
    assert "completed in 2021, in Northshore" in table(page).find("caption").get_text()


def test_year_options_cover_the_evidence(client, data):
    page = soup(get(client, year_from="2022"))
    options = [o["value"] for o in page.find("select", id="year_from").find_all("option")]

    assert options == ["", "2021", "2022", "2023", "2024"]
    assert page.find("select", id="year_from").find("option", selected=True)["value"] == "2022"


@pytest.mark.parametrize(
    "params",
    [{}, {"framework": "equality-act"}, {"year_from": "2022", "place": "northshore"}, {"year_to": "2023"}],
)
def test_csv_equals_the_html_matrix(client, data, params):
    html = html_matrix(soup(get(client, **params)))
    response = get(client, CSV_URL, **params)

    assert csv_rows(response) == html
    assert response["Content-Type"].startswith("text/csv")


def test_csv_header_and_filename(client, data):
    response = get(client, CSV_URL, framework="equality-act")
    rows = csv_rows(response)

    assert response["Content-Disposition"] == 'attachment; filename="evidence-map-equality-act.csv"'
    assert rows[0] == ["Service", "Parent service", "Age", "Under way: Age"]
    assert rows[1:] == [
        ["Primary care", "", "1", "0"],
        ["General practice", "Primary care", "1", "0"],
        ["Community pharmacy", "Primary care", "0", "0"],
    ]
    invalid = get(client, CSV_URL, framework="nope")
    assert invalid["Content-Disposition"] == 'attachment; filename="evidence-map-progress-plus.csv"'


def test_csv_guards_against_formula_injection(client, data):
    ServiceFactory(name='=HYPERLINK("http://x")', slug="formula", parent=data["primary"], sort_order=9)
    EquityDimensionFactory(name="@SUM(A1)", slug="at-sum", framework=Framework.PROGRESS_PLUS, sort_order=9)
    ServiceFactory(name="+1", slug="plus", sort_order=8)
    ServiceFactory(name="-1", slug="minus", sort_order=9)

    rows = csv_rows(get(client, CSV_URL))
    cells = [cell for row in rows for cell in row]

    assert rows[0][len(rows[0]) // 2] == "'@SUM(A1)"  # the last dimension's count column
    assert '\'=HYPERLINK("http://x")' in cells
    assert {"'+1", "'-1"} <= set(cells)
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@"}]


def test_csv_link_keeps_the_filters(client, data):
    page = soup(get(client, framework="equality-act", year_from="2022", place="northshore"))
    link = page.find("a", href=lambda h: h and h.startswith(CSV_URL))

    assert parse_qs(urlsplit(link["href"]).query) == {
        "framework": ["equality-act"],
        "year_from": ["2022"],
        "place": ["northshore"],
    }


def test_drafts_are_not_counted_on_the_page(client, data):
    t = data
    evaluation([t["pharmacy"]], [t["occupation"]], live=False)

    gap = row_for(soup(get(client)), "Community pharmacy").find_all("td")[1]
    assert "evidence-map__cell--gap" in gap["class"]


def test_form_works_without_javascript(client, data):
    form = soup(get(client)).find("form", class_="evidence-map__form")

    assert form["method"] == "get"
    assert form["action"] == URL
    assert {s["name"] for s in form.find_all("select")} == {"framework", "year_from", "year_to", "place", "crosswalk"}
    # A field named like a property of the <form> element hides it from scripts (form.matches(), form.method).
    shadowing = {"action", "method", "matches", "submit", "reset", "elements", "length", "target", "closest"}
    assert not {s["name"] for s in form.find_all(["select", "input", "button"]) if s.get("name")} & shadowing
    for select in form.find_all("select"):
        assert form.find("label", attrs={"for": select["id"]})
    assert form.find("button", type="submit")


def test_cache_headers_and_methods(client, data):
    for url in (URL, CSV_URL):
        response = get(client, url)
        assert "public" in response["Cache-Control"]
        assert "max-age=300" in response["Cache-Control"]
        assert client.post(url).status_code == 405


def test_first_column_is_sticky():
    from django.contrib.staticfiles import finders

    with open(finders.find("css/evidence-map.css")) as f:
        css = f.read()
    sticky_selectors = [
        m["selectors"]
        for m in re.finditer(r"(?P<selectors>[^{}]+)\{(?P<body>[^}]*)\}", css)
        if "position: sticky" in m["body"]
    ]
    assert any(".evidence-map__service" in selectors for selectors in sticky_selectors)
    assert any(".evidence-map__corner" in selectors for selectors in sticky_selectors)


def build(n, width, tag):
    area = ServiceFactory(name=f"Area {tag}", slug=f"area-{tag}")
    services = [ServiceFactory(name=f"S {tag} {i}", slug=f"s-{tag}-{i}", parent=area) for i in range(width)]
    dimensions = [
        EquityDimensionFactory(name=f"D {tag} {i}", slug=f"d-{tag}-{i}", framework=Framework.PROGRESS_PLUS)
        for i in range(width)
    ]
    place = PlaceFactory(name=f"Place {tag}", slug=f"place-{tag}")
    for i in range(n):
        evaluation(services[: i % width + 1], dimensions, places=[place], year=2020 + i % 4)


@pytest.mark.django_db
@pytest.mark.slow  # over 1 s measured (make check-fast leaves it out)
def test_queries_do_not_grow_with_content(client):
    from tests.search.test_gap_map import GAP_MAP_QUERIES

    cases = [
        (URL, {}),
        (URL, {"year_from": "2020", "year_to": "2023", "place": "place-small"}),
        (CSV_URL, {"framework": "progress-plus", "year_from": "2021"}),
    ]
    build(2, 1, "small")
    small = [queries(client, url, params) for url, params in cases]
    build(15, 6, "large")
    large = [queries(client, url, params) for url, params in cases]

    assert large == small
    # The gap map's queries (tests/search/test_gap_map.py GAP_MAP_QUERIES: 4 on the database, 5 with an engine) plus
    # the places; the page adds what the layout needs (site and portal settings) and the register's address for the
    # legend (register/ongoing.py register_path).
    assert small[2] == GAP_MAP_QUERIES + 1
    assert small[0] <= GAP_MAP_QUERIES + 5  # 9 on the database, 10 with an engine
