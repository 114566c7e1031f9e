"""The registration phase as people live it, in a real browser on the demo data."""
import re
import uuid
from pathlib import Path


def sign_in(page, server, email, password):
    page.goto(server + "/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("form[action='/login'] button[type=submit]")


def test_a_newcomer_registers_and_the_coordinator_asks_for_changes(browser, server, mailbox, tmp_path):
    email = f"newcomer-{uuid.uuid4().hex[:8]}@example.eu"
    person = browser.new_context().new_page()
    person.goto(server + "/register")
    person.fill("#name", "Nora Newcomer")
    person.fill("#email", email)
    person.fill("#password", "a-long-enough-password")
    person.click("form[action='/register'] button[type=submit]")
    assert "Check your e-mail" in person.locator("h1").inner_text()

    # The confirmation link in the e-mail opens a page whose button finishes the account.
    person.goto(mailbox.link(email, "Confirm your ClusterXchange account", "/register/confirm"))
    person.click("form[action='/register/confirm'] button[type=submit]")
    assert "Nora Newcomer" in person.locator("header .account summary").inner_text()
    assert "your account is ready" in person.locator(".flash").inner_text()

    # A mistake is shown beside its field and the other values stay.
    person.goto(server + "/organisations/new")
    person.fill("#name", "Nora Photonics Lab")
    person.select_option("#kind", "technology-centre")
    person.select_option("#country", "AT")
    person.fill("#city", "Nowhereville")
    person.select_option("#sector1", "C26")
    person.click("form[action='/organisations'] button[type=submit]")
    assert "unknown city" in person.locator("#city-error").inner_text()
    assert person.input_value("#name") == "Nora Photonics Lab"
    person.fill("#city", "Graz")
    person.fill("#languages", "de, en")
    person.click("form[action='/organisations'] button[type=submit]")

    # The registration form suggests the partnerships that fit, with their reasons.
    assert re.search(r"/organisations/nora-photonics-lab[-0-9]*/registration$", person.url)
    assert "Photonics and Advanced Manufacturing Partnership" in person.locator(".suggestions").inner_text()
    person.check("input[name=asVisitor]")
    person.fill("#motivation", "We want to learn how photonics clusters run shared pilot lines.")
    person.select_option("#partnership", "photonics-4x")
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"%PDF-1.4\n% Nora's CV\n")
    person.set_input_files("#cv", str(cv))
    person.click("form.form-page button[type=submit], section.form-page form button[type=submit]")
    assert person.url.endswith("/my")
    assert "waiting for validation" in person.locator(".status-table").inner_text()
    assert "is submitted to" in person.locator(".flash").inner_text()

    # The demo coordinator sees it in the queue, downloads the CV and asks for changes.
    coordinator = browser.new_context(accept_downloads=True).new_page()
    sign_in(coordinator, server, "coordinator@clusterxchange.example", "demo-password")
    coordinator.goto(server + "/validation")
    item = coordinator.locator("article.queue-item", has_text="Nora Photonics Lab")
    assert item.count() == 1
    with coordinator.expect_download() as download:
        item.locator("a", has_text="Download the CV").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    item.locator("button[value=request-changes]").click()
    assert "say why" in coordinator.locator(".field-error").first.inner_text()
    item = coordinator.locator("article.queue-item", has_text="Nora Photonics Lab")
    item.locator("textarea[name=reason]").fill("Please describe the agenda you have in mind.")
    item.locator("button[value=request-changes]").click()
    assert "changes requested" in coordinator.locator(".flash").inner_text()

    # The person sees the reason.
    person.goto(server + "/my")
    text = person.locator(".status-table").inner_text()
    assert "changes requested" in text and "agenda you have in mind" in text
