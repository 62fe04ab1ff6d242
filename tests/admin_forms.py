"""Form data for Wagtail admin forms, built the way the admin's JavaScript would post it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def summary_form_data(title, slug, evaluation, co_authors, body="We asked people. They told us.", **extra):
    """co_authors: [(name, role, user_or_None), ...]"""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "A plain sentence.",
            "evaluation": evaluation.pk,
            "body": streamfield([("paragraph", rich_text(f"<p>{body}</p>"))]),
            "co_authors": inline_formset(
                [{"name": n, "role": r, "user": u.pk if u else ""} for n, r, u in co_authors], min=1
            ),
            "comments": inline_formset([]),
            "last_reviewed": "",
            "next_review": "",
            "seo_title": "",
            "search_description": "",
            **extra,
        }
    )


def glossary_form_data(term, slug, definition, aliases="", **extra):
    return nested_form_data(
        {
            "term": term,
            "slug": slug,
            "definition": definition,
            "explanation": rich_text(""),
            "aliases": aliases,
            "source": "",
            "service": "",
            "equity_dimension": "",
            "framework": "",
            **extra,
        }
    )
