"""Every page of every role, on a phone: from each person's landing page, the suite follows the
links it finds (at most two pages of each kind, so an organisation page stands for all of them) and
checks on each page that nothing is wider than the screen, that axe finds no accessibility
violation, that the console is clean and that no link leads to an error."""
import collections
import re
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import PHONE
from test_catalogue import sign_in

ROLES = {
    "anonymous": None,
    "participant": "participant@clusterxchange.example",
    "coordinator": "coordinator@clusterxchange.example",
    "support office": "admin@clusterxchange.example",
}
# Downloads, pictures and feeds are not pages (the data download, logos, photos, CVs, evidence,
# feeds, CSV); signing out would end the walk.
NOT_PAGES = re.compile(
    r"/(logout|calendar/)|/cv$|/evidence/|^/account/data$|/logo(\?|$)|^/photos/|\.ics$|\.atom$|\.csv(\?|$)|^/api/|^/openapi")
KEYS = re.compile(r"/(organisations|offers|requests|partnerships|messages)/[^/?]+")
IDS = re.compile(r"/[0-9A-Fa-f]{8}-[0-9A-Fa-f-]{27}")
MOST_PAGES = 60


def kind(path):
    """Pages of one kind share a template: /organisations/x and /organisations/y are one kind."""
    return IDS.sub("/:id", KEYS.sub(r"/\1/:key", urlparse(path).path))


def problems_on(page, axe):
    found = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        wide = page.evaluate(
            """limit => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > limit + 1)
                .slice(0, 3).map(e => `${e.tagName.toLowerCase()}.${e.className}`)""", PHONE["width"])
        found.append(f"{width} px wide: {wide}")
    for violation in axe.run(page).response["violations"]:
        found.append(f"axe {violation['id']}: {violation['help']} ({len(violation['nodes'])}×)")
    return found


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_fits_a_phone_and_passes_axe(page, server, role):
    axe = Axe()
    if ROLES[role]:
        sign_in(page, server, ROLES[role])
    queue = collections.deque(["/dashboard" if ROLES[role] else "/", "/catalogue?tab=offers&q=lasers",
                               "/catalogue?tab=requests&q=lazer", "/partnerships", "/news", "/events", "/statistics"])
    seen, kinds, report = set(), collections.Counter(), []
    while queue and len(seen) < MOST_PAGES:
        path = queue.popleft()
        if path in seen or NOT_PAGES.search(path) or kinds[kind(path)] >= 2:
            continue
        seen.add(path)
        kinds[kind(path)] += 1
        page.console_problems.clear()
        response = page.goto(server + path)
        found = problems_on(page, axe)
        if response.status >= 400:
            found.append(f"answered {response.status}")
        found += [f"console: {text}" for text in page.console_problems]
        if found:
            report.append(f"{path}: {'; '.join(found)}")
        for href in page.eval_on_selector_all("a[href^='/']", "links => links.map(a => a.getAttribute('href'))"):
            if href not in seen:
                queue.append(href)
    page.console_problems.clear()
    assert len(seen) >= (10 if ROLES[role] else 8), f"only {len(seen)} pages reached: {sorted(seen)}"
    assert not report, f"{role}, {len(seen)} pages:\n" + "\n".join(report)
