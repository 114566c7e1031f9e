"""One exchange from the suggestion to the payment, through the pages, with one browser context
per party: the visitor (the demo participant), the host, the host's partnership's coordinator and
the visitor's partnership's coordinator (the demo coordinator). The platform's date moves by
restarting the server with CLUSTERXCHANGE_TODAY, as a demonstration would."""
import json
import re
import urllib.request
from datetime import date, timedelta

import pytest

from conftest import Server, act, signed_in

PASSWORD = "demo-password"
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def platform(mailbox):
    running = Server(mailbox)
    running.start()
    yield running
    running.close()


def api(server, path):
    with urllib.request.urlopen(server.url + path, timeout=10) as response:
        return json.load(response)


def test_an_exchange_walks_from_a_suggestion_to_the_payment(browser, platform, tmp_path):
    visitor = signed_in(browser, platform.url, "participant@clusterxchange.example", viewport=DESKTOP)
    visitor.goto(platform.url + "/requests/request-0000/suggestions")
    first = visitor.locator(".suggestion").first

    # The host's people: a member of the suggested host and a coordinator of its partnership.
    offer_key = first.locator(".suggestion-head a[href^='/offers/']").get_attribute("href").split("/")[-1]
    host_key = api(platform, f"/api/v1/offers/{offer_key}")["host"]["key"]
    host_partnership = api(platform, f"/api/v1/organisations/{host_key}")["organisation"]["partnership"]
    platform.command(["user", "create", "--email", "host@e2e.example", "--password", PASSWORD, "--role", "participant",
                      "--organisation", host_key])
    platform.command(["user", "create", "--email", "hop@e2e.example", "--password", PASSWORD, "--role", "coordinator",
                      "--partnership", host_partnership])

    # From the suggestions, the visitor proposes the first one.
    first.locator("text=Propose this exchange").click()
    assert visitor.locator("h1").inner_text() == "Propose an exchange"
    visitor.fill("#goals", "See how a photonics cluster runs its shared pilot line.")
    visitor.click("form[action='/exchanges'] button[type=submit]")
    assert "The exchange is proposed" in visitor.locator(".flash").inner_text()
    exchange = visitor.url
    # The stay is said in words; its days are in the <time> element's attributes.
    stay = visitor.locator(".facts time").first
    start, end = date.fromisoformat(stay.get_attribute("datetime")), date.fromisoformat(stay.get_attribute("data-end"))
    assert re.search(r"\d{1,2}(–| \w+ – )\d{1,2} \w+ \d{4}", visitor.locator(".facts time").first.inner_text())
    host = signed_in(browser, platform.url, "host@e2e.example")
    host_coordinator = signed_in(browser, platform.url, "hop@e2e.example")
    coordinator = signed_in(browser, platform.url, "coordinator@clusterxchange.example")

    # The host is told (the bell counts it) and accepts.
    assert host.locator(".bell .badge").count() == 1
    host.goto(exchange)
    assert "Next, for the host" in host.locator(".next-step").inner_text()
    act(host, "Accept the proposal")
    # The commitment, written by the host, then signed by the four and the agreement by the two.
    host.click("text=Write or change the commitment")
    host.fill("#agenda", "Day 1: welcome.\nDay 2: the pilot line.\nDay 3: member companies.\nDay 4: workshop.\nDay 5: next steps.")
    host.fill("#objectives", "One joint project proposal.")
    host.click("form[action$='/commitment'] button[type=submit]")
    assert "Version 2 of the Commitment to Quality is saved" in host.locator(".flash").inner_text()
    act(host, "Sign the Commitment to Quality as the host")
    host_coordinator.goto(exchange)
    act(host_coordinator, "Sign the Commitment to Quality as the host's partnership")
    visitor.goto(exchange)
    act(visitor, "Sign the Commitment to Quality as the visitor")
    act(visitor, "Sign the financial-support agreement as the visitor")
    coordinator.goto(exchange)
    act(coordinator, "Sign the Commitment to Quality as the visitor's partnership")
    act(coordinator, "Sign the financial-support agreement as the visitor's partnership")
    assert coordinator.locator(".signatures li.signed").count() == 6
    coordinator.goto(exchange + "/print")
    assert "Day 2: the pilot line." in coordinator.locator(".printable").inner_text()
    coordinator.goto(exchange)
    act(coordinator, "Approve the funding")
    assert "(approved, fixed)" in coordinator.locator(".facts").first.inner_text()
    coordinator.click("text=its budget")
    assert coordinator.locator(".chart svg").count() == 1
    assert "reserved when the funding was approved" in coordinator.locator(".ledger").inner_text()

    # The stay begins: the platform's date moves to its first day.
    platform.restart(today=start.isoformat())
    visitor.goto(exchange)
    act(visitor, "Mark the stay as started")
    # The report's text and its first file go in one form.
    visitor.fill("#outcomes", "Two joint project ideas and a visit back in spring.")
    evidence = tmp_path / "boarding-pass.pdf"
    evidence.write_bytes(b"%PDF-1.4\n%%EOF\n")
    visitor.set_input_files("#file", str(evidence))
    visitor.click("form[action$='/report'] button[type=submit]")
    assert "The report is saved and boarding-pass.pdf is added" in visitor.locator(".flash").inner_text()
    # A file of the wrong kind is refused; what was typed stays.
    wrong = tmp_path / "notes.txt"
    wrong.write_bytes(b"just text")
    visitor.fill("#learned", "How a shared pilot line is booked.")
    visitor.set_input_files("#file", str(wrong))
    visitor.click("form[action$='/report'] button[type=submit]")
    assert "The report is saved, but the file is not added" in visitor.locator(".flash").inner_text()
    assert visitor.locator("#learned").input_value() == "How a shared pilot line is booked."
    # A file added by mistake is removed before the report goes in; the right one stays.
    mistake = tmp_path / "holiday photos.pdf"
    mistake.write_bytes(b"%PDF-1.4\n%%EOF\n")
    visitor.set_input_files("#file", str(mistake))
    visitor.click("form[action$='/report'] button[type=submit]")
    visitor.locator("ul.evidence li", has_text="holiday photos.pdf").locator("button", has_text="Remove").click()
    assert "holiday photos.pdf is removed from the evidence" in visitor.locator(".flash").inner_text()
    assert visitor.locator("ul.evidence li a").all_inner_texts() == ["boarding-pass.pdf"]
    assert visitor.locator("form.action-form", has_text="Submit the closing report").count() == 0, "not before the stay ended"

    # After the stay: the report, returned once, then validated and paid.
    platform.restart(today=(end + timedelta(days=1)).isoformat())
    visitor.goto(exchange)
    act(visitor, "Submit the closing report")
    coordinator.goto(exchange)
    act(coordinator, "Return the report", reason="Please add the signed agenda.")
    visitor.goto(exchange)
    assert "Please add the signed agenda." in visitor.locator(".form-page").inner_text()
    act(visitor, "Submit the closing report")
    coordinator.goto(exchange)
    act(coordinator, "Validate the report")
    act(coordinator, "Record the payment", reference="PH4X-E2E-1")
    assert coordinator.locator(".status").inner_text() == "paid"
    assert "reference PH4X-E2E-1" in coordinator.locator("article").inner_text()
    history = coordinator.locator(".history li").all_inner_texts()
    assert history[0].split(" · ")[1] == "Proposed the exchange"
    assert "Record the payment" in history[-1]
    assert not any("@" in line for line in history), "names, not e-mail addresses"
