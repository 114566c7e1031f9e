def sign_in(page, server, email="participant@clusterxchange.example"):
    page.goto(server + "/login")
    page.fill("#email", email)
    page.fill("#password", "demo-password")
    page.click("form[action='/login'] button[type=submit]")


def test_a_visitor_filters_the_catalogue_and_opens_an_organisation(page, server):
    page.goto(server + "/catalogue")
    total = int(page.locator(".count strong").inner_text())
    assert total > 1000
    page.select_option("#country", "DE")
    page.select_option("#kind", "research-institute")
    page.click(".filters button[type=submit]")
    filtered = int(page.locator(".count strong").inner_text())
    assert 0 < filtered < total
    metas = page.locator(".card .meta").all_inner_texts()
    assert metas and all("Research institute" in m and "Germany" in m for m in metas)
    page.locator(".card h2 a").first.click()
    assert page.locator("h1").inner_text()
    assert "Germany" in page.locator(".meta").first.inner_text()


def test_a_bad_filter_is_explained_beside_the_field(page, server):
    page.expected_console = ("status of 400",)
    response = page.goto(server + "/catalogue?sector=X99")
    assert response.status == 400
    assert "NACE" in page.locator("#sector-error").inner_text()
    assert page.get_attribute("#sector", "aria-invalid") == "true"


def test_signing_in_and_out(page, server):
    sign_in(page, server)
    page.click("header .account summary")
    assert "Sign out" in page.locator("header").inner_text()
    page.click("header button.link")
    assert "Sign in" in page.locator("header").inner_text()


def test_a_wrong_password_is_said_on_the_form(page, server):
    page.expected_console = ("status of 401",)
    page.goto(server + "/login")
    page.fill("#email", "admin@clusterxchange.example")
    page.fill("#password", "not-the-password")
    page.click("form[action='/login'] button[type=submit]")
    assert "wrong" in page.locator(".form-error").inner_text()
