"""The whole exchange as issue 20 tells it, on a phone's width, each party in its own browser
context: a new SME in Giżycko signs up (its confirmation read by the support office on its mail
page, as a demo without a mail server would), registers, is validated, publishes a request, finds a
host in Děčín among its suggestions, proposes; both sides sign, the partnership funds, the stay
happens, the report is returned once and validated, the lump sum is paid. The banner's next step
is asserted at every phase. The platform's date moves by restarting the server."""
import json
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import PHONE, Server, act, signed_in

PASSWORD = "demo-password"
NEWCOMER = "ewa@mazury-sensors.example"


class NoMailServer:
    url = ""


@pytest.fixture(scope="module")
def platform():
    running = Server(NoMailServer())
    # No SMTP_URL: every e-mail is kept for the support office to read at /support/mail.
    running.env.pop("SMTP_URL", None)
    running.start()
    yield running
    running.close()


def phone(browser):
    return browser.new_context(viewport=PHONE).new_page()


def next_step(page):
    return page.locator(".next-step").first.inner_text()


def letter_link(office, platform, recipient, subject, path, wait=60):
    """Reads the newest e-mail to `recipient` with `subject` on the support office's mail page and
    returns the link in it that opens `path`."""
    deadline = time.time() + wait
    while True:
        office.goto(platform.url + "/support/mail")
        letters = office.locator("li", has_text=subject).filter(has_text=recipient)
        if letters.count() > 0:
            break
        assert time.time() < deadline, f"no e-mail '{subject}' to {recipient} on the mail page"
        time.sleep(1)
    letters.first.locator("a", has_text=subject).click()
    # The link is made when the message leaves the outbox (every few seconds): until then the page
    # says so, and a reload shows it.
    links = office.locator(f".mail-text a[href*='{path}']")
    while links.count() == 0:
        assert time.time() < deadline, f"the e-mail '{subject}' to {recipient} never left the outbox"
        time.sleep(1)
        office.reload()
    link = links.first.get_attribute("href")
    assert link and "token=" in link
    return link


def host_in_decin(platform, today):
    """A technology centre in Děčín with an offer that fits the newcomer's request, its member and
    its partnership's coordinator (the import and user commands an operator would use)."""
    first, last = today + timedelta(days=20), today + timedelta(days=240)
    lines = [
        {"type": "organisation", "key": "decin-optics", "name": "Děčín Optical Sensors Centre", "kind": "technology-centre",
         "country": "CZ", "city": "Děčín", "sectors": ["C26"], "topics": ["optical sensors", "photonics"],
         "description": "Pilot lines for optical sensors; we host SMEs that want to take the technology up.",
         "languages": ["cs", "en"], "partnership": "digital-4x"},
        {"type": "offer", "key": "decin-sensor-week", "host": "decin-optics", "title": "A week on our optical sensor pilot line",
         "description": "Work beside our engineers on calibrating optical sensors for industry.", "purposes": ["learn", "technology"],
         "topics": ["optical sensors"], "availableFrom": first.isoformat(), "availableTo": last.isoformat(), "capacity": 2,
         "languages": ["en"], "virtual": False},
    ]
    folder = Path(tempfile.mkdtemp(prefix="cx-e2e-import-"))
    (folder / "decin.jsonl").write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n")
    platform.command(["import", str(folder / "decin.jsonl")])
    platform.command(["user", "create", "--email", "host@decin.example", "--password", PASSWORD, "--role", "participant",
                      "--organisation", "decin-optics"])
    platform.command(["user", "create", "--email", "digital@decin.example", "--password", PASSWORD, "--role", "coordinator",
                      "--partnership", "digital-4x"])


def test_a_new_sme_in_gizycko_goes_through_a_whole_exchange_on_a_phone(browser, platform, tmp_path):
    # The platform's date is the machine's until the server is restarted with another.
    today = date.today()
    host_in_decin(platform, today)

    # 1. A newcomer signs up; without a mail server the support office reads the confirmation.
    ewa = phone(browser)
    ewa.goto(platform.url + "/join#check")
    ewa.select_option("#kind", "sme")
    ewa.select_option("#country", "PL")
    ewa.check("input[name=clusterMember][value=yes]")
    ewa.click("#check button[type=submit]")
    assert "Yes: an SME in Poland may visit" in ewa.locator("#check [role=status]").inner_text()
    ewa.click("#check a:has-text('Create an account')")
    ewa.fill("#name", "Ewa Nowak")
    ewa.fill("#email", NEWCOMER)
    ewa.fill("#password", "a-long-enough-password")
    ewa.click("form[action='/register'] button[type=submit]")
    assert "Check your e-mail" in ewa.locator("h1").inner_text()
    office = signed_in(browser, platform.url, "admin@clusterxchange.example")
    ewa.goto(letter_link(office, platform, NEWCOMER, "Confirm your ClusterXchange account", "/register/confirm"))
    ewa.click("form[action='/register/confirm'] button[type=submit]")
    assert "your account is ready" in ewa.locator(".flash").inner_text()

    # 2. Her organisation, an SME of a cluster, registered with a partnership.
    ewa.goto(platform.url + "/organisations/new")
    ewa.fill("#name", "Mazury Sensors")
    ewa.select_option("#kind", "sme")
    ewa.select_option("#country", "PL")
    ewa.fill("#city", "Giżycko")
    ewa.select_option("#sector1", "C26")
    ewa.select_option("#cluster", index=1)
    ewa.fill("#languages", "Polish, English")
    ewa.fill("#topics", "optical sensors, photonics")
    ewa.click("form[action='/organisations'] button[type=submit]")
    assert "/registration" in ewa.url, ewa.locator("main").inner_text()[:400]
    ewa.check("input[name=asVisitor]")
    ewa.fill("#motivation", "We build optical sensors and want to learn how a pilot line calibrates them at scale.")
    ewa.select_option("#partnership", "photonics-4x")
    cv = tmp_path / "cv.pdf"
    cv.write_bytes(b"%PDF-1.4\n% Ewa's CV\n")
    ewa.set_input_files("#cv", str(cv))
    ewa.click("section.form-page form button[type=submit]")
    assert "is submitted to" in ewa.locator(".flash").inner_text()

    coordinator = signed_in(browser, platform.url, "coordinator@clusterxchange.example")
    coordinator.goto(platform.url + "/validation")
    coordinator.locator("article.queue-item", has_text="Mazury Sensors").locator("button[value=validate]").click()
    assert "validated" in coordinator.locator(".flash").inner_text()

    # 3. Validated: the dashboard's next step is to publish a request.
    ewa.goto(platform.url + "/dashboard")
    assert "Mazury Sensors is validated: publish a visiting request" in ewa.locator(".next-step").inner_text()
    ewa.click(".next-step a:has-text('Publish a request or an offer')")
    ewa.locator("a", has_text="publish a visiting request").first.click()
    ewa.fill("#title", "Learn to calibrate optical sensors on a pilot line")
    ewa.fill("#description", "Five days beside engineers who calibrate optical sensors for industrial customers.")
    ewa.check("input[name='purposes[]'][value=learn]")
    ewa.fill("#topics", "optical sensors")
    ewa.fill("#languages", "English")
    ewa.fill("#earliest", (today + timedelta(days=30)).isoformat())
    ewa.fill("#latest", (today + timedelta(days=150)).isoformat())
    ewa.fill("#workingDays", "5")
    ewa.fill("#preferredCountries", "Czechia")
    ewa.click("main form button[type=submit]")
    assert ewa.locator("h1").inner_text() == "Learn to calibrate optical sensors on a pilot line", ewa.locator("main").inner_text()[:400]

    # 4. The host in Děčín is among the suggestions, with its reasons; she proposes it.
    ewa.click("a:has-text('Suggested hosts')")
    card = ewa.locator(".suggestion", has_text="Děčín Optical Sensors Centre").first
    assert "in a preferred country, Czechia" in card.inner_text()
    card.locator("text=Propose this exchange").click()
    ewa.fill("#goals", "Learn how a pilot line calibrates optical sensors, and meet its industrial customers.")
    ewa.click("form[action='/exchanges'] button[type=submit]")
    assert "The exchange is proposed" in ewa.locator(".flash").inner_text()
    exchange = ewa.url
    assert "Next, for the host: accept or decline the proposal" in next_step(ewa)
    stay = ewa.locator(".facts time").first
    start, end = date.fromisoformat(stay.get_attribute("datetime")), date.fromisoformat(stay.get_attribute("data-end"))

    # The host reads the proposal's e-mail where a demo keeps it, then accepts.
    office.goto(platform.url + "/support/mail")
    assert office.locator("li", has_text="host@decin.example").count() >= 1
    host = signed_in(browser, platform.url, "host@decin.example")
    host.goto(exchange)
    act(host, "Accept the proposal")
    assert "write the Commitment to Quality together" in next_step(host)
    host.locator(".next-step a", has_text="Write the commitment").click()
    host.fill("#agenda", "Day 1: welcome and safety.\nDay 2-4: on the pilot line.\nDay 5: what Mazury takes home.")
    host.fill("#objectives", "Calibrate two sensor types; plan a joint project.")
    host.click("form[action$='/commitment'] button[type=submit]")
    assert "sign the Commitment to Quality" in next_step(host)

    # 5. Four signatures on the commitment and two on the financial-support agreement.
    act(host, "Sign the Commitment to Quality as the host")
    host_partnership = signed_in(browser, platform.url, "digital@decin.example")
    host_partnership.goto(exchange)
    act(host_partnership, "Sign the Commitment to Quality as the host's partnership")
    ewa.goto(exchange)
    assert "The financial-support agreement" in ewa.locator("details.agreement").inner_text()
    act(ewa, "Sign the Commitment to Quality as the visitor")
    act(ewa, "Sign the financial-support agreement as the visitor")
    coordinator.goto(exchange)
    act(coordinator, "Sign the Commitment to Quality as the visitor's partnership")
    assert "sign the financial-support agreement" in next_step(coordinator)
    act(coordinator, "Sign the financial-support agreement as the visitor's partnership")
    assert "approve the funding" in next_step(coordinator)
    act(coordinator, "Approve the funding")
    assert "travel, and mark the stay as started" in next_step(coordinator)

    # 6. The stay: its first day, then the report after its last.
    platform.restart(today=start.isoformat())
    ewa.goto(exchange)
    act(ewa, "Mark the stay as started")
    assert "write and submit the closing report" in next_step(ewa)
    ewa.fill("#outcomes", "Calibrated two sensor types with the pilot line's engineers; a joint project is planned.")
    ticket = tmp_path / "train-ticket.pdf"
    ticket.write_bytes(b"%PDF-1.4\n%%EOF\n")
    ewa.set_input_files("#file", str(ticket))
    ewa.click("form[action$='/report'] button[type=submit]")
    assert "train-ticket.pdf is added" in ewa.locator(".flash").inner_text()
    platform.restart(today=(end + timedelta(days=1)).isoformat())
    ewa.goto(exchange)
    act(ewa, "Submit the closing report")
    assert "validate the report or return it with comments" in next_step(ewa)

    # The host evaluates the stay beside the report.
    host.goto(exchange)
    host.check("#evaluation input[name=rating][value='5']")
    host.fill("#evaluation-text", "A well-prepared visitor; two calibration methods exchanged.")
    host.click("#evaluation button[type=submit]")
    assert "Your evaluation is saved" in host.locator(".flash").inner_text()

    # 7. Returned once, validated, paid.
    coordinator.goto(exchange)
    act(coordinator, "Return the report", reason="Please add the signed agenda.")
    ewa.goto(exchange)
    assert "Please add the signed agenda." in ewa.locator(".form-page").inner_text()
    act(ewa, "Submit the closing report")
    coordinator.goto(exchange)
    assert "excellent" in coordinator.locator("#evaluation").inner_text()
    act(coordinator, "Validate the report")
    assert "pay the lump sum" in next_step(coordinator)
    act(coordinator, "Record the payment", reference="PH4X-GIZ-1")
    assert coordinator.locator(".status").inner_text() == "paid"
    assert coordinator.locator(".next-step").count() == 0
    for page in (ewa, host, coordinator, office):
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url
