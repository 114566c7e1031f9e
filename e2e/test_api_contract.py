"""The OpenAPI document is valid OpenAPI 3.1, and live answers match its schemas."""
import json
import urllib.error
import urllib.request

import jsonschema
import pytest
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012


def fetch(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


@pytest.fixture(scope="module")
def document(server):
    status, _, doc = fetch(server + "/openapi.json")
    assert status == 200
    return doc


def response_schema(document, path, method, status):
    content = document["paths"][path][method]["responses"][str(status)]["content"]
    schema = next(iter(content.values()))["schema"]
    return schema


def test_the_document_is_valid_openapi_31(document):
    validate(document)


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield path, method, operation


def test_every_operation_documents_the_refusals_it_can_give(document):
    """What the middleware and the decoding give every route, whatever its handler does."""
    missing = []
    for path, method, operation in operations(document):
        statuses = set(operation["responses"])
        needed = {"400", "414"}  # control characters in the address; an address over 4 KB
        if "requestBody" in operation:
            needed |= {"413", "415", "422"} if "application/json" in operation["requestBody"]["content"] else {"413", "415"}
        if operation.get("security") == [{"bearer": []}]:
            needed.add("401")
        if any(p["in"] == "path" for p in operation.get("parameters", [])):
            needed.add("404")
        if not needed <= statuses:
            missing.append(f"{method.upper()} {path}: {sorted(needed - statuses)}")
    assert not missing, missing


SAMPLES = {
    "/api/v1/partnerships/{key}": "photonics-4x",
    "/api/v1/partnerships/{key}/budget": "photonics-4x",
    "/api/v1/organisations/{key}": "cluster-000",
    "/api/v1/offers/{key}": None,
    "/api/v1/requests/{key}": None,
}


def first_key(server, listing):
    _, _, page = fetch(server + listing)
    return page["items"][0]["key"]


def test_every_get_answers_as_documented(server, document):
    keys = dict(SAMPLES)
    keys["/api/v1/offers/{key}"] = first_key(server, "/api/v1/offers")
    keys["/api/v1/requests/{key}"] = first_key(server, "/api/v1/requests")
    checked = 0
    for path, operations in document["paths"].items():
        # Operations anyone may call: no security, or a token that is optional ({}).
        if "get" not in operations or {} not in operations["get"].get("security", [{}]):
            continue
        if "{id}" in path:
            # News and events (and what hangs under an event): the first of their published list.
            _, _, listed = fetch(server + path.split("/{id}")[0])
            keys[path] = listed[0]["id"]
        url = server + path.replace("{key}", keys.get(path) or "").replace("{id}", keys.get(path) or "")
        status, headers, body = fetch(url)
        assert status == 200, (path, status, body)
        check_inline(document, response_schema(document, path, "get", 200), body)
        checked += 1
    assert checked >= 9


def check_inline(document, schema, body):
    """Validates `body` against `schema`, resolving its references into the document."""
    registry = Registry().with_resource("urn:cx", Resource.from_contents(document, default_specification=DRAFT202012))
    rebased = json.loads(json.dumps(schema).replace('"#/components', '"urn:cx#/components'))
    validator = jsonschema.Draft202012Validator(rebased, registry=registry)
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_errors_are_documented_problem_details(server, document):
    # A malformed query is a bad request (400), naming each parameter at fault.
    status, headers, body = fetch(server + "/api/v1/organisations?country=Atlantis&per=0")
    assert status == 400
    assert headers["content-type"].startswith("application/problem+json")
    check_inline(document, response_schema(document, "/api/v1/organisations", "get", 400), body)
    assert {e["field"] for e in body["errors"]} == {"country", "per"}

    status, _, body = fetch(server + "/api/v1/organisations/no-such-key")
    assert status == 404
    check_inline(document, response_schema(document, "/api/v1/organisations/{key}", "get", 404), body)


def test_a_token_opens_me(server, document):
    payload = json.dumps({"email": "participant@clusterxchange.example", "password": "demo-password"}).encode()
    status, _, body = fetch(server + "/api/v1/auth/token", payload, {"Content-Type": "application/json"})
    assert status == 200
    check_inline(document, response_schema(document, "/api/v1/auth/token", "post", 200), body)
    status, _, me = fetch(server + "/api/v1/me", headers={"Authorization": "Bearer " + body["token"]})
    assert status == 200
    check_inline(document, response_schema(document, "/api/v1/me", "get", 200), me)
    assert me["organisations"] == ["member-0000"]


def token_for(server, email):
    payload = json.dumps({"email": email, "password": "demo-password"}).encode()
    _, _, body = fetch(server + "/api/v1/auth/token", payload, {"Content-Type": "application/json"})
    return {"Authorization": "Bearer " + body["token"], "Content-Type": "application/json"}


def test_suggestions_and_rounds_answer_as_documented(server, document):
    participant = token_for(server, "participant@clusterxchange.example")
    status, _, body = fetch(server + "/api/v1/requests/request-0000/suggestions?limit=5", headers=participant)
    assert status == 200
    check_inline(document, response_schema(document, "/api/v1/requests/{key}/suggestions", "get", 200), body)
    assert 0 < len(body["suggestions"]) <= 5
    scores = [s["score"] for s in body["suggestions"]]
    assert scores == sorted(scores, reverse=True)

    host = body["suggestions"][0]["host"]
    status, _, fit = fetch(server + f"/api/v1/requests/request-0000/fit?host={host}", headers=participant)
    assert status == 200
    check_inline(document, response_schema(document, "/api/v1/requests/{key}/fit", "get", 200), fit)
    assert any(pair["suggestible"] for pair in fit["pairs"])

    status, _, problem = fetch(server + "/api/v1/requests/request-0000/suggestions?limit=500", headers=participant)
    assert status == 400
    check_inline(document, response_schema(document, "/api/v1/requests/{key}/suggestions", "get", 400), problem)

    coordinator = token_for(server, "coordinator@clusterxchange.example")
    status, _, round_ = fetch(server + "/api/v1/rounds", json.dumps({"partnership": "photonics-4x"}).encode(), coordinator)
    assert status == 201
    check_inline(document, response_schema(document, "/api/v1/rounds", "post", 201), round_)
    assert round_["bound"] >= round_["objective"] - 1e-9
    budget = round_["budgets"][0]
    assert budget["usedCents"] <= budget["budgetCents"]
