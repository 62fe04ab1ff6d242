"""The promote tab of each page type: every promote panel of BasePage (Wagtail's own and the portal's), and the
plain summary exactly once on the page's form, on the content tab where the page type asks for it there."""

import pytest
from wagtail.admin.panels import ObjectList
from wagtail.models import get_page_models

from core.models import BasePage

SUMMARY_ON_CONTENT_TAB = {"EvaluationPage", "PlainLanguageSummaryPage", "CaseStudyPage"}
PORTAL_PAGE_TYPES = [model for model in get_page_models() if issubclass(model, BasePage)]


def tab_fields(model):
    return {
        str(tab.heading): set(tab.get_form_options().get("fields", [])) for tab in model.get_edit_handler().children
    }


def base_promote_fields(model):
    return set(ObjectList(BasePage.promote_panels).bind_to_model(model).get_form_options()["fields"])


@pytest.mark.parametrize("model", PORTAL_PAGE_TYPES, ids=lambda model: model.__name__)
def test_promote_tab_has_every_base_promote_field_and_the_summary_once(model):
    tabs = tab_fields(model)
    summary_on_content = model.__name__ in SUMMARY_ON_CONTENT_TAB
    assert tabs["Promote"] == base_promote_fields(model) - ({"summary"} if summary_on_content else set())
    assert [name for name, fields in tabs.items() if "summary" in fields] == [
        "Content" if summary_on_content else "Promote"
    ]


def test_the_page_types_with_the_summary_on_the_content_tab_exist():
    assert {model.__name__ for model in PORTAL_PAGE_TYPES} >= SUMMARY_ON_CONTENT_TAB
