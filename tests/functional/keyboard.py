"""Keyboard-only helpers: move focus with Tab; check focus can be seen and is not hidden (WCAG 2.4.7, 2.4.11)."""

FOCUS_STATE = """el => {
  const target = (el.matches('input[type=radio], input[type=checkbox]') && el.labels && el.labels[0]) || el;
  const styles = [getComputedStyle(target), getComputedStyle(target, '::before')];
  const visible = styles.some(s =>
    (s.boxShadow && s.boxShadow !== 'none') ||
    (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 &&
     !/rgba\\(.*, 0\\)|transparent/.test(s.outlineColor)));
  const rect = target.getBoundingClientRect();
  const x = Math.min(Math.max(rect.left + rect.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(rect.top + Math.min(rect.height / 2, 10), 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  const inView = rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth;
  const covered = !hit || !(target.contains(hit) || hit.contains(target) || el.contains(hit) || hit === el.labels?.[0]);
  return {visible, inView, covered, html: el.outerHTML.slice(0, 160), focusVisible: el.matches(':focus-visible')};
}"""

MATCHES = """([selector, text]) => {
  const el = document.activeElement;
  return !!el && el.matches(selector) && (!text || el.textContent.replace(/\\s+/g, ' ').includes(text));
}"""


def focus_state(page):
    return page.evaluate(f"() => ({FOCUS_STATE})(document.activeElement)")


def assert_focus_seen(page):
    state = focus_state(page)
    assert state["visible"], f"focus is not visible on {state['html']}"
    assert state["inView"] and not state["covered"], f"focus is off screen or covered on {state['html']}"


def tab_to(page, selector, text=None, limit=300):
    """Press Tab until the focused element matches `selector` (and contains `text`); focus must be seen each time."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(MATCHES, [selector, text]):
            assert_focus_seen(page)
            return
    raise AssertionError(f"Tab never reached {selector} {text or ''} on {page.url}")


def press_and_wait(page, key):
    """Press a key that follows a link or sends a form, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)
