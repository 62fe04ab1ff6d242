"""Reading /register/ as a reader does: the listed project titles, the stage counts, the checked boxes."""

import re
from html import unescape


def project_titles(html):
    start = html.index('id="projects-heading"')
    return [
        unescape(t)
        for t in re.findall(r'<h3 class="nhsuk-card__heading nhsuk-heading-s"><a[^>]*>([^<]+)</a>', html[start:])
    ]


def stage_counts(html):
    found = re.findall(r'<label class="nhsuk-label nhsuk-checkboxes__label" for="stage-([\w-]+)">.*?\((\d+)\)', html)
    return {key: int(count) for key, count in found}


def checked(html):
    return set(re.findall(r'id="stage-([\w-]+)" name="stage" type="checkbox" value="[\w-]+" checked', html))


def selected_service(html):
    found = re.search(r'<option value="([\w-]*)" selected>', html)
    return found.group(1) if found else ""
