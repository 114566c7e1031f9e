"""Screenshots of the main pages at a phone's and a desktop's width, for docs/screenshots/ (linked
from README): the demo dataset, served by the debug build, read by Debian's Chromium.

    .venv/bin/python e2e/screenshots.py          # after scripts/test or swift build
"""
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent))
from conftest import CHROMIUM, ROOT, Server  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
WIDTHS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1440, "height": 900}}
PAGES = {
    None: [("home", "/"), ("catalogue-search", "/catalogue?tab=offers&q=lasers"), ("partnership", "/partnerships/photonics-4x"),
           ("organisation", "/organisations/member-0000"), ("news", "/news"), ("events", "/events"),
           ("statistics", "/statistics"),
           ("join", "/join?check=quote&fromCity=Gi%C5%BCycko&fromCountry=PL&toCity=D%C4%9B%C4%8D%C3%ADn&toCountry=CZ")],
    "participant@clusterxchange.example": [("participant-dashboard", "/dashboard"), ("exchanges", "/exchanges"),
                                           ("following", "/following"), ("publish-event", "/events/new"), ("account", "/account"),
                                           ("event-taking-part", "open-day"),
                                           ("suggestions", "first-suggestions")],
    "coordinator@clusterxchange.example": [("coordinator-dashboard", "/dashboard"), ("validation-queue", "/validation"),
                                           ("matching-round", "new-round"), ("budget", "/partnerships/photonics-4x/budget"),
                                           ("partnership-statistics", "/partnerships/photonics-4x/statistics"),
                                           ("moderation", "/moderation")],
    "admin@clusterxchange.example": [("support-office", "/dashboard"), ("support-people", "/support/people?q=Becker"),
                                     ("support-settings", "/support/settings"), ("support-mail", "/support/mail")],
}


class NoMail:
    url = "smtp://127.0.0.1:9"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    server = Server(NoMail())
    server.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
            for email, pages in PAGES.items():
                for width_name, viewport in WIDTHS.items():
                    context = browser.new_context(viewport=viewport, device_scale_factor=1)
                    page = context.new_page()
                    if email:
                        page.goto(server.url + "/login")
                        page.fill("#email", email)
                        page.fill("#password", "demo-password")
                        page.click("form[action='/login'] button[type=submit]")
                    for name, path in pages:
                        if path == "first-suggestions":
                            page.goto(server.url + "/dashboard")
                            page.locator("a", has_text="best suggestions").first.click()
                        elif path == "open-day":
                            page.goto(server.url + "/events")
                            page.locator(".cards a", has_text="Photonics open day").first.click()
                        elif path == "new-round":
                            page.goto(server.url + "/rounds")
                            page.select_option("#round-partnership", "photonics-4x")
                            page.click("form[action='/rounds'] button[type=submit]")
                        else:
                            page.goto(server.url + path)
                        target = OUT / f"{name}-{width_name}.jpg"
                        page.screenshot(path=str(target), full_page=True, type="jpeg", quality=70)
                        print(f"{target.relative_to(ROOT)}", flush=True)
                    context.close()
            browser.close()
    finally:
        server.close()


if __name__ == "__main__":
    main()
