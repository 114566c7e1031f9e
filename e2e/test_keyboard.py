"""The platform by keyboard alone: the skip link comes first and shows itself, every focused
control carries a visible outline, and signing in and reaching the catalogue need no mouse."""


def focused(page):
    return page.evaluate("""() => {
        const e = document.activeElement;
        const style = getComputedStyle(e);
        const box = e.getBoundingClientRect();
        return {tag: e.tagName.toLowerCase(), id: e.id, text: e.innerText || e.value || '',
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
                visible: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0};
    }""")


def tab_to(page, predicate, most=40):
    for _ in range(most):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["outline"], f"no visible focus on {now}"
        if predicate(now):
            return now
    raise AssertionError("never reached by Tab")


def test_signing_in_and_finding_the_catalogue_by_keyboard(page, server):
    page.goto(server + "/login")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"].strip() == "Skip to content" and first["visible"] and first["outline"]
    tab_to(page, lambda f: f["id"] == "email")
    page.keyboard.type("participant@clusterxchange.example")
    tab_to(page, lambda f: f["id"] == "password")
    page.keyboard.type("demo-password")
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard")
    assert "What to do now" in page.inner_text("main")
    tab_to(page, lambda f: f["tag"] == "a" and f["text"].strip() == "Catalogue")
    page.keyboard.press("Enter")
    page.wait_for_url("**/catalogue")
    tab_to(page, lambda f: f["id"] == "q")
    page.keyboard.type("lasers")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=lasers**")
    assert int(page.locator(".count strong").inner_text()) > 0
