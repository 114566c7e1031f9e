"""The support office and a coordinator in the browser: a newcomer asks to join an organisation and
the support office approves it from its dashboard; the demo coordinator validates the registration
waiting in the queue from hers."""
import uuid

from test_catalogue import sign_in

PASSWORD = "a-long-password-for-e2e"


def test_the_support_office_approves_a_join_from_its_dashboard(page, browser, server, mailbox):
    email = f"joiner-{uuid.uuid4().hex[:8]}@e2e.example"
    joiner = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    joiner.goto(server + "/register")
    joiner.fill("#name", "Jana Joiner")
    joiner.fill("#email", email)
    joiner.fill("#password", PASSWORD)
    joiner.click("form[action='/register'] button[type=submit]")
    joiner.goto(mailbox.link(email, "Confirm your ClusterXchange account", "/register/confirm"))
    joiner.click("form[action='/register/confirm'] button[type=submit]")
    # A newcomer lands on the dashboard, which says where to start.
    assert "Add your organisation" in joiner.inner_text("main")
    joiner.goto(server + "/organisations/member-0000")
    joiner.click("text=I work here: ask to join")
    assert "request to join is sent" in joiner.locator(".flash").inner_text()

    sign_in(page, server, "admin@clusterxchange.example")
    assert page.locator("h1").inner_text() == "Support office"
    request = page.locator(".todo li", has_text="Jana Joiner")
    assert "asks to join" in request.inner_text()
    request.locator("button", has_text="Approve").click()
    assert "Jana Joiner is now a member" in page.locator(".flash").inner_text()
    joiner.goto(server + "/dashboard")
    assert "Nordic Photonics Solutions" in joiner.inner_text("main")
    joiner.context.close()


def test_a_coordinator_validates_from_her_dashboard(page, server):
    sign_in(page, server, "coordinator@clusterxchange.example")
    assert "Registrations waiting for you" in page.inner_text("main")
    assert "Wrocław Laser Works" in page.inner_text("main")
    page.click("text=Decide in the validation queue")
    card = page.locator(".queue-item", has_text="Wrocław Laser Works")
    assert "C26 Computer, electronic and optical products" in card.inner_text()
    card.locator("button", has_text="Validate").click()
    assert "Wrocław Laser Works is validated" in page.locator(".flash").inner_text()
    page.goto(server + "/dashboard")
    assert "Wrocław Laser Works" not in page.locator("#queue-title").locator("..").inner_text()
