"""Matching in a browser: a visitor reads its suggested hosts and asks why not another; a
coordinator runs a round, reads its bound and budgets, and sends the proposals, which become exchange
proposals."""
from test_catalogue import sign_in


def test_a_visitor_reads_suggested_hosts_and_asks_why_not(page, server):
    sign_in(page, server)
    page.goto(server + "/requests/request-0000")
    page.click("text=Suggested hosts")
    assert page.locator("h1").inner_text().startswith("Hosts for")
    suggestions = page.locator(".suggestion")
    assert suggestions.count() == 10
    first = suggestions.first
    assert "working days fit the windows" in first.locator(".reasons").inner_text()
    assert first.locator("meter").count() == 1
    # Asked by its name, a host is explained, above the list: the first one suggested...
    host = first.locator(".suggestion-head a").nth(1).inner_text()
    page.fill("#why-not-name", host)
    page.click(".why-not button[type=submit]")
    assert "Why not" in page.locator(".why-not h2").inner_text()
    assert "It would be suggested: fit" in page.locator(".why-not").inner_text()
    # ... and an organisation without offers says so.
    page.fill("#why-not-name", "Mannheim Photonics Cluster Association")
    page.click(".why-not button[type=submit]")
    assert "has no offers to compare" in page.locator(".why-not").inner_text()
    assert page.locator(".why-not").bounding_box()["y"] < page.locator(".suggestions").bounding_box()["y"]


def test_a_coordinator_runs_a_round_and_sends_it(page, server):
    sign_in(page, server, "coordinator@clusterxchange.example")
    page.goto(server + "/rounds")
    page.select_option("#round-partnership", "photonics-4x")
    page.click("form[action='/rounds'] button[type=submit]")
    lead = page.locator(".lead").inner_text()
    assert "The round proposes" in lead and "leaving EUR" in lead and "fits better" in lead
    assert page.locator(".budgets .bar").count() == 1
    proposals = page.locator(".suggestion").count()
    assert proposals > 0
    page.click("text=Send the")
    assert "Send the round?" in page.locator("h1").inner_text()
    page.click("button:has-text('Send the proposals')")
    assert "are now exchange proposals" in page.locator(".flash").inner_text()
    # Each pair is now an exchange proposal, linked from the round.
    page.locator(".suggestion a", has_text="the exchange").first.click()
    assert "proposed" in page.locator(".status").inner_text()
