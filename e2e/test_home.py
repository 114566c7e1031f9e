def test_home_page_shows_the_programme_and_its_styles(page, server):
    response = page.goto(server + "/")
    assert response.status == 200
    assert page.title().endswith("· ClusterXchange")
    assert "Exchanges between Europe" in page.locator("h1").inner_text()
    assert page.locator("ul.purposes li").count() == 4
    # The stylesheet is served by the app and applied: the brand link takes the accent colour.
    colour = page.eval_on_selector(".brand", "el => getComputedStyle(el).color")
    assert colour == "rgb(11, 92, 173)"


def test_the_layout_fits_a_phone(page, server):
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(server + "/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
