"""Screenshots of the key pages at 1280 px and 375 px, saved to docs/screenshots/ (`make screenshots`).

Builds a throwaway database with the demo content (load_demo_content, about 30 seconds), serves the site on a
loopback port from a thread in this process, and drives Debian's chromium with Playwright. Full-page PNGs are
named <page>-<width>.png; look at them after a design change.
"""

import os
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "docs" / "screenshots"
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = {"1280": {"width": 1280, "height": 900}, "375": {"width": 375, "height": 812}}
MAX_HEIGHT = 6000  # px: very long pages (the glossary A–Z) are cut here to keep the repository small


def setup_site(work_dir):
    sys.path.insert(0, str(REPO))
    os.environ["PORTAL_SCREENSHOT_DIR"] = str(work_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tools.browser.screenshot_settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo_content", verbosity=0)


def pages():
    """(name, path, action) for each screenshot; computed before the browser starts (it needs the ORM)."""
    from evidence.models import CaseStudyPage, EquityDimension, EvaluationPage, GlossaryTerm, PlainLanguageSummaryPage

    evaluation = EvaluationPage.objects.live().get(slug="pharmacy-blood-pressure-northshore")
    summary = PlainLanguageSummaryPage.objects.live().get(evaluation=evaluation)
    story = CaseStudyPage.objects.live().filter(evaluations__evaluation=evaluation).first()
    story = story or CaseStudyPage.objects.live().first()
    term = GlossaryTerm.objects.filter(live=True, slug="core20plus5").first() or GlossaryTerm.objects.first()
    equity = EquityDimension.objects.filter(page_links__page=evaluation).first()
    return [
        ("home", "/", None),
        ("evaluations", "/evaluations/", None),
        ("evaluation", evaluation.url, None),
        ("evaluation-glossary-definition-open", evaluation.url, "open_definition"),
        ("summary", summary.url, None),
        ("summary-print", summary.url, "print"),
        ("case-study", story.url, None),
        ("glossary", "/glossary/", None),
        ("glossary-term", term.url, None),
        ("search-with-facets", f"/search/?q=blood+pressure&equity={equity.slug}", None),
        ("search-no-results", "/search/?q=zzqxvnothing", None),
        ("evidence-map", "/evidence-map/", None),
        ("feedback-with-errors", evaluation.url, "send_feedback_empty"),
        ("suggest-a-glossary-term", "/suggest-a-glossary-term/", None),
        ("propose-an-evaluation-with-errors", "/propose-an-evaluation/", "send_form_empty"),
        ("accessibility-statement", "/accessibility/", None),
        ("404", "/no-such-page/", None),
    ]


def serve():
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(WSGIHandler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def shrink(path):
    """Cut very long pages and store the PNG with a 256-colour palette (a third of the size, same look)."""
    from PIL import Image

    with Image.open(path) as image:
        image = image.crop((0, 0, image.width, min(image.height, MAX_HEIGHT))).convert("RGB")
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def act(page, action):
    if action == "open_definition":
        page.locator("main button.glossary-term__toggle").first.click()
    elif action == "print":
        page.emulate_media(media="print")
    elif action == "send_feedback_empty":
        with page.expect_navigation():
            page.locator("#feedback button[type=submit]").click()
    elif action == "send_form_empty":
        with page.expect_navigation():
            page.locator("main form[method=post] button[type=submit]").click()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="portal-screenshots-") as work_dir:
        print("Building the demo site (about a minute)…", flush=True)
        setup_site(Path(work_dir))
        shots = pages()
        server, base = serve()
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # requests are answered while Playwright's loop runs
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
                for width, viewport in WIDTHS.items():
                    context = browser.new_context(viewport=viewport, locale="en-GB")
                    page = context.new_page()
                    for name, path, action in shots:
                        page.emulate_media(media="screen")
                        page.goto(base + path)
                        act(page, action)
                        page.wait_for_load_state("networkidle")
                        target = OUT / f"{name}-{width}.png"
                        page.screenshot(path=str(target), full_page=action != "open_definition")
                        shrink(target)
                        print(f"  {target.relative_to(REPO)}", flush=True)
                    context.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    print(f"Saved {len(shots) * len(WIDTHS)} screenshots to {OUT.relative_to(REPO)}/")


if __name__ == "__main__":
    main()
