"""Reading /resources/ as a reader does: the filter options with their counts, the listed titles."""

import re
from html import unescape


def option_counts(html):
    """{"stage-plan": 2, ...}: each checkbox's count, read from its label."""
    found = re.findall(r'<label class="nhsuk-label nhsuk-checkboxes__label" for="([\w-]+)">.*?\((\d+)\)', html)
    return {key: int(count) for key, count in found}


def checked(html):
    return set(re.findall(r'id="([\w-]+)" name="\w+" type="checkbox" value="[\w-]+" checked', html))


def section(html, heading_id, next_id=None):
    start = html.index(f'id="{heading_id}"')
    end = html.index(f'id="{next_id}"') if next_id else len(html)
    return html[start:end]


def titles(html):
    return [
        unescape(t) for t in re.findall(r'<h3 class="nhsuk-card__heading nhsuk-heading-s"><a[^>]*>([^<]+)</a>', html)
    ]


def resource_titles(html):
    return titles(section(html, "resources-heading", "upcoming-events"))


def upcoming_titles(html):
    return titles(section(html, "upcoming-events", "past-events"))


def past_titles(html):
    return titles(section(html, "past-events"))
