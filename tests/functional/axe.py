"""axe-core (shipped inside axe-playwright-python, so it runs offline) with the WCAG 2.0, 2.1 and 2.2 A/AA rules."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def axe_violations(page):
    """The WCAG A/AA violations axe finds on the page as it is now."""
    return _axe.run(page, options=OPTIONS).response["violations"]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]")
        for node in violation["nodes"][:10]:
            lines.append(f"    {', '.join(str(t) for t in node['target'])}: {node['html'][:160]}")
    return "\n".join(lines)


def assert_accessible(page, label=""):
    violations = axe_violations(page)
    assert not violations, f"axe found WCAG A/AA violations on {label or page.url}:\n{describe(violations)}"
