"""News, achievements and events: the feeds read by real parsers (feedparser for Atom, icalendar for
iCalendar), an event's schema.org markup, and a member publishing news that the demo coordinator
reviews from her queue, on a phone, with axe."""
import json
import urllib.request
import uuid
from datetime import timezone

import feedparser
import icalendar
from axe_playwright_python.sync_playwright import Axe

from test_catalogue import sign_in
from test_every_page import problems_on


def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.headers.get("Content-Type"), response.read()


def test_the_news_feed_is_atom_that_feedparser_reads(server):
    kind, body = fetch(server + "/news.atom")
    assert kind.startswith("application/atom+xml")
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert len(feed.entries) >= 5
    for entry in feed.entries:
        assert entry.id.startswith("urn:uuid:") and entry.title and entry.link.startswith("http")
    published = [entry.published_parsed for entry in feed.entries]
    assert published == sorted(published, reverse=True), "newest first"
    assert any(entry.title == "A week in Munich doubled our welding line's speed" for entry in feed.entries)


def test_the_events_feed_is_icalendar_with_what_calendars_need(server):
    kind, body = fetch(server + "/events.ics")
    assert kind.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(body)
    events = list(calendar.walk("VEVENT"))
    assert len(events) >= 5
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    for event in events:
        for field in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"):
            assert field in event, f"{field} missing in {event.get('SUMMARY')}"
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start.tzinfo is not None and start.utcoffset().total_seconds() == 0
        assert end > start
    # Fetched again, the same events keep the same UIDs.
    again = icalendar.Calendar.from_ical(fetch(server + "/events.ics")[1])
    assert [str(event["UID"]) for event in again.walk("VEVENT")] == uids


def test_an_event_page_carries_schema_org_event_markup(page, server):
    page.goto(server + "/events")
    page.locator(".cards a", has_text="Battery clusters summit").click()
    markup = json.loads(page.locator("script[type='application/ld+json']").inner_text())
    assert markup["@type"] == "Event" and markup["name"] == "Battery clusters summit"
    assert markup["startDate"].endswith("+02:00") or markup["startDate"].endswith("+03:00")
    assert markup["eventAttendanceMode"].endswith("MixedEventAttendanceMode")
    assert "(Europe/Helsinki)" in page.inner_text("main")


def test_a_member_publishes_and_the_coordinator_reviews_on_a_phone(page, browser, server):
    axe = Axe()
    title = f"Our open lab week {uuid.uuid4().hex[:6]}"
    page.expected_console = ("422",)  # the refused form, on purpose
    sign_in(page, server)
    page.goto(server + "/news")
    page.click("text=Publish news")
    assert not problems_on(page, axe)
    page.check("input[name=kind][value=achievement]")
    page.fill("#title", title)
    page.click("form[action='/news'] button[type=submit]")
    # The rule is said beside the field, and what was typed stays.
    assert "is required" in page.inner_text("main")
    assert page.input_value("#title") == title
    page.fill("#body", "We opened our lab to three visiting SMEs.\n\nTwo will come back.")
    page.click("form[action='/news'] button[type=submit]")
    assert "Sent for review" in page.locator(".flash").inner_text()
    assert "waiting for review" in page.inner_text("main")
    assert not problems_on(page, axe)

    coordinator = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    sign_in(coordinator, server, "coordinator@clusterxchange.example")
    coordinator.goto(server + "/moderation")
    assert "waiting since today" in coordinator.locator(".card", has_text=title).inner_text()
    assert not problems_on(coordinator, axe)
    coordinator.locator(".card", has_text=title).locator("a", has_text="publish or say why not").click()
    coordinator.click("button:has-text('Publish')")
    assert "Published" in coordinator.locator(".flash").inner_text()
    coordinator.context.close()

    anonymous = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    anonymous.goto(server + "/news")
    assert title in anonymous.inner_text("main")
    anonymous.goto(server + "/events?month=" + page.evaluate("new Date().toISOString().slice(0, 7)"))
    assert not problems_on(anonymous, axe)
    anonymous.context.close()


def test_the_statistics_page_draws_charts_with_their_csv(page, server):
    axe = Axe()
    page.goto(server + "/statistics")
    charts = page.locator("svg.chart")
    assert charts.count() == 10  # nine charts and the map
    assert not problems_on(page, axe)
    link = page.locator("a", has_text="Download the table").first
    kind, body = fetch(server + link.get_attribute("href"))
    assert kind.startswith("text/csv")
    lines = body.decode().split("\r\n")
    assert lines[0] == "month,phase,exchanges" and len(lines) > 2
    figures = json.loads(fetch(server + "/api/v1/statistics")[1])
    assert figures["exchanges"] >= 13
    for chart in ("flows", "byKind", "bySector", "byPurpose", "lumpSums"):
        assert all(cell["count"] >= 3 for cell in figures[chart]), chart


def test_a_coordinator_reads_the_partnership_statistics_with_names_on_a_phone(browser, server):
    axe = Axe()
    phone = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    sign_in(phone, server, "coordinator@clusterxchange.example")
    phone.goto(server + "/statistics")
    phone.locator(".notice a[href$='/statistics']").first.click()
    assert phone.locator("h1").inner_text().startswith("Statistics of ")
    # Nine charts and the exchanges by name; no map.
    assert phone.locator("svg.chart").count() == 10
    assert not problems_on(phone, axe)
    phone.locator("summary", has_text="The figures as a table").last.click()
    assert phone.locator("#title-exchanges").is_visible()
    href = phone.locator("a[href$='/exchanges.csv']").get_attribute("href")
    response = phone.request.get(server + href)
    assert response.ok and response.headers["content-type"].startswith("text/csv")
    lines = response.text().split("\r\n")
    assert lines[0] == "visitor,host,phase,lump sum (EUR),one-way km,travel,outcomes" and len(lines) > 2
    phone.context.close()


def test_a_participant_follows_an_organisation_and_chooses_a_digest(page, server):
    axe = Axe()
    sign_in(page, server)
    page.goto(server + "/partnerships")
    page.locator("main a[href^='/partnerships/']").nth(1).click()
    name = page.locator("h1").inner_text()
    page.click("button:has-text('Follow this partnership')")
    assert f"You follow {name}" in page.locator(".flash").inner_text() or "already follow" in page.locator(".flash").inner_text()
    page.goto(server + "/following")
    assert name in page.inner_text("main")
    assert not problems_on(page, axe)
    page.check("input[name=frequency][value=daily]")
    page.click("form[action='/following/digest'] button[type=submit]")
    assert "daily digest" in page.locator(".flash").inner_text()
    assert page.is_checked("input[name=frequency][value=daily]")


def png(width, height):
    """A blue `width` × `height` PNG, written with the standard library."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\x33\x66\xcc" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_a_participant_takes_part_in_events_and_meets_someone_on_a_phone(page, server):
    """b2match's core: a place or the waiting list, who comes, and a one-to-one meeting accepted."""
    axe = Axe()
    sign_in(page, server)
    page.goto(server + "/events")
    page.locator(".cards a", has_text="Photonics open day").first.click()
    part = page.locator("#taking-part")
    assert "You are registered" in part.inner_text()
    assert "of 40 places taken" in part.inner_text()
    assert "Who comes (6)" in part.inner_text()
    assert not problems_on(page, axe)
    # A meeting the demo asked of him: accepted, it goes to both calendars.
    meeting = page.locator(".meetings li", has_text="asked, waiting for an answer").first
    assert "About: Your laser line" in meeting.inner_text()
    meeting.locator("button", has_text="Accept").click()
    assert page.locator(".flash").inner_text().startswith("Agreed: you meet ")
    assert "agreed" in page.locator(".meetings").inner_text()
    # He asks someone else for another time; the form offers only people with a place.
    form = page.locator("form[action$='/meetings']")
    assert form.locator("select[name=with] option").count() == 5
    form.locator("textarea[name=note]").fill("Photonics pilots.")
    form.locator("button", has_text="Ask for the meeting").click()
    assert page.locator(".flash").inner_text().startswith("Asked: ")
    # The summit is full: he waits first in its line.
    page.goto(server + "/events")
    page.locator(".cards a", has_text="Battery clusters summit").first.click()
    assert "You are number 1 on the waiting list" in page.locator("#taking-part").inner_text()
    assert "3 of 3 places taken, 1 on the waiting list" in page.locator("#taking-part").inner_text()


def test_a_participant_adds_a_photo_and_a_logo_that_the_browser_shows(page, server):
    axe = Axe()
    sign_in(page, server)
    page.goto(server + "/account")
    page.locator("#photo summary").click()
    page.set_input_files("#photo-file", files=[{"name": "me.png", "mimeType": "image/png", "buffer": png(900, 1200)}])
    page.locator("#photo button", has_text="Save the photo").click()
    assert page.locator(".flash").inner_text().startswith("Your photo is saved")
    photo = page.locator("img.photo[alt='Your photo']").element_handle()
    page.wait_for_function("image => image.complete", arg=photo)
    assert page.evaluate("image => image.naturalWidth", photo) == 240
    assert not problems_on(page, axe)
    # A file that is not a picture is refused in words, naming the rule.
    page.locator("#photo summary").click()
    page.set_input_files("#photo-file", files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n"}])
    page.expected_console = ("415",)
    page.locator("#photo button", has_text="Save the photo").click()
    assert "Photo must be a PNG, JPEG, WebP or GIF picture" in page.locator(".flash").inner_text()
    # The organisation's logo, on its page for everyone.
    page.goto(server + "/my")
    page.locator("a", has_text="edit the profile").first.click()
    page.set_input_files("#logo-file", files=[{"name": "logo.png", "mimeType": "image/png", "buffer": png(1000, 500)}])
    page.locator("#logo button", has_text="Add the logo").click()
    assert page.locator(".flash").inner_text().startswith("The logo is saved")
    logo = page.locator("img.logo").first.element_handle()
    page.wait_for_function("image => image.complete", arg=logo)
    assert page.evaluate("image => image.naturalWidth", logo) == 400
    assert not problems_on(page, axe)
