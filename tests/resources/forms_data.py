"""Admin form data for resource and event pages, posted the way the admin's JavaScript would."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def resource_form_data(title, slug, kind, stages=("plan",), audiences=("practitioners",), **extra):
    evaluations = extra.pop("evaluations", [])
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "A plain sentence.",
            "kind": kind,
            "body": streamfield([("paragraph", rich_text("<p>Start with who the service is for.</p>"))]),
            "document": "",
            "method": "",
            "evaluation_links": inline_formset([{"evaluation": e.pk} for e in evaluations]),
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            **extra,
        }
    )
    # checkboxes: one value per ticked box (the test client posts a list as repeated fields)
    return {**data, "stages": list(stages), "audiences": list(audiences)}


def event_form_data(title, slug, start, end, online=True, place="", **extra):
    data = {
        "title": title,
        "slug": slug,
        "summary": "A workshop.",
        "start": start,
        "end": end,
        "place": place,
        "who_for": "Teams starting an evaluation.",
        "how_to_join": rich_text("<p>Email us to book.</p>"),
        "body": streamfield([]),
        "materials": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        **extra,
    }
    if online:
        data["online"] = "on"
    return {**nested_form_data(data), "stages": ["plan"], "audiences": ["practitioners"]}
