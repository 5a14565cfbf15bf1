"""Calls a running weishang by the operationIds of docs/openapi.yaml and checks
every answer against what the document says of that operation (see Contract).
Used by openapi_test.py; any end-to-end test may call through it. Needs Debian's
python3-jsonschema and python3-yaml (scripts/bootstrap)."""
import datetime
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

from harness import Checks

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "cmake"))
import openapi_to_json  # noqa: E402  (the build's own reader of the YAML)

try:
    import jsonschema
except ImportError:
    print("FAIL: python3-jsonschema is missing (scripts/bootstrap installs it)")
    sys.exit(1)

# What `default` may stand for (components/responses/AnyRoute).
ANY_ROUTE_STATUSES = {400, 413, 429, 431, 500, 503}
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def load_document():
    """docs/openapi.yaml as the build reads it; its schemas checked as JSON Schema 2020-12."""
    document = openapi_to_json.load(os.path.join(ROOT, "docs", "openapi.yaml"))
    jsonschema.Draft202012Validator.check_schema({"$defs": document["components"]["schemas"]})
    return document


def format_checker():
    """Checks `format: date-time` (jsonschema leaves it unchecked without rfc3339-validator)."""
    checker = jsonschema.FormatChecker(formats=())

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value):
        if not isinstance(value, str):
            return True
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    return checker


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    """Answers a redirect as it is (an HTTPError with its status) instead of following it:
    the document describes the 302, not the page behind it."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_NO_REDIRECTS = urllib.request.build_opener(_KeepRedirects)


class Answer:
    """One HTTP answer: status, headers, raw bytes, and the parsed body when it is JSON."""

    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw
        self.content_type = headers.get("Content-Type", "")
        self.body = None
        if self.content_type.startswith("application/json"):
            self.body = json.loads(raw)

    def code(self):
        return (self.body or {}).get("error", {}).get("code") if isinstance(self.body, dict) else None


class Contract:
    """Calls the server by operationId and checks each answer against the document:

    - its status must be one the operation lists (or, under `default`, one any
      route may give: 400, 413, 429, 431, 500, 503, 409 storage.*);
    - its Content-Type must be one of that status's media types, and a JSON body
      must validate against that status's schema (JSON Schema 2020-12, $refs
      resolved into components, date-time formats checked);
    - a request body the server accepted must validate against the operation's
      request schema; query parameters and headers sent must be declared, and a
      bearer token sent only to an operation that takes one.
    check_idempotency_keys() and check_coverage() are for the end of a walk.
    Failures are counted on the Checks given; nothing raises."""

    def __init__(self, document, base, checks):
        self.doc = document
        self.base = base
        self.c = checks
        self.ops = {}
        for path, item in document["paths"].items():
            for method, op in item.items():
                if method in METHODS:
                    self.ops[op["operationId"]] = (method.upper(), path, op, item)
        self.resolver = jsonschema.RefResolver.from_schema(document)
        self.formats = format_checker()
        self.seen = {}  # operationId -> set of statuses answered
        self.keyed = {}  # operationId -> the last accepted request that carried a key
        self.validated = 0

    # ---- the document
    def deref(self, node):
        while isinstance(node, dict) and "$ref" in node:
            target = self.doc
            for part in node["$ref"][2:].split("/"):
                target = target[part]
            node = target
        return node

    def parameters(self, op_id):
        _, _, op, item = self.ops[op_id]
        return [self.deref(p) for p in item.get("parameters", []) + op.get("parameters", [])]

    def success_statuses(self, op_id):
        return {int(s) for s in self.ops[op_id][2]["responses"] if s.startswith("2")}

    def validate(self, what, schema, instance):
        validator = jsonschema.Draft202012Validator(schema, resolver=self.resolver,
                                                    format_checker=self.formats)
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
        self.validated += 1
        for e in errors[:5]:
            where = "/".join(str(p) for p in e.absolute_path) or "(root)"
            self.c.true("%s: %s at %s (schema %s)" % (what, e.message[:300], where,
                                                     "/".join(str(p) for p in e.absolute_schema_path)),
                        False)
        if not errors:
            self.c.passed += 1
        return not errors

    # ---- calling
    def call(self, op_id, expect=None, path=None, query=None, body=None, raw=None,
             content_type="application/json", token=None, key=None, headers=None):
        """Calls `op_id` with path parameters `path`, checks the answer against the
        document and, when given, that its status is `expect`. Returns the Answer."""
        method, template, op, _ = self.ops[op_id]
        url = template
        for name, value in (path or {}).items():
            self.c.true("%s: path parameter %s is in %s" % (op_id, name, template), "{%s}" % name in url)
            url = url.replace("{%s}" % name, urllib.parse.quote(value, safe=""))
        self.c.true("%s: every path parameter given (%s)" % (op_id, url), "{" not in url)
        declared_query = {p["name"] for p in self.parameters(op_id) if p["in"] == "query"}
        for name in (query or {}):
            self.c.true("%s: query parameter %r is declared" % (op_id, name), name in declared_query)
        if query:
            url += "?" + urllib.parse.urlencode(query)
        declared_headers = {p["name"] for p in self.parameters(op_id) if p["in"] == "header"}
        for name in (["Idempotency-Key"] if key else []) + list(headers or {}):
            self.c.true("%s: header %s is declared" % (op_id, name), name in declared_headers)
        self.c.true("%s: a bearer token only where the operation takes one" % op_id,
                    not token or op.get("security") in ([{"bearer": []}], [{"customer": []}]))
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        sent = {"Content-Type": content_type}
        if token:
            sent["Authorization"] = "Bearer " + token
        if key:
            sent["Idempotency-Key"] = key
        sent.update(headers or {})
        answer = self._send(method, url, data, sent)
        json_body = body
        if raw is not None:
            json_body = json.loads(raw) if content_type == "application/json" else None
        self._check(op_id, answer, json_body, data is not None)
        if expect is not None:
            self.c.eq("%s %s: status (%s)" % (op_id, url, answer.raw[:300]), answer.status, expect)
        if key and 200 <= answer.status < 300:
            self.keyed[op_id] = dict(path=path, query=query, body=body, raw=raw,
                                     content_type=content_type, token=token, headers=headers)
        return answer

    def _send(self, method, url, data, headers):
        req = urllib.request.Request(self.base + url, data=data, method=method, headers=headers)
        try:
            with _NO_REDIRECTS.open(req, timeout=30) as resp:
                return Answer(resp.status, resp.headers, resp.read())
        except urllib.error.HTTPError as e:
            return Answer(e.code, e.headers, e.read())

    def _check(self, op_id, answer, json_body, sent_body):
        method, template, op, _ = self.ops[op_id]
        what = "%s (%s %s) answered %d" % (op_id, method, template, answer.status)
        self.seen.setdefault(op_id, set()).add(answer.status)
        responses = op["responses"]
        response = responses.get(str(answer.status))
        if response is None:
            storage_conflict = answer.status == 409 and (answer.code() or "").startswith("storage.")
            if "default" in responses and (answer.status in ANY_ROUTE_STATUSES or storage_conflict):
                response = responses["default"]
            else:
                self.c.true("%s, a status the document does not list: %s" % (what, answer.raw[:300]), False)
                return
        response = self.deref(response)
        content = response.get("content", {})
        media = answer.content_type.split(";")[0].strip()
        if not content:
            self.c.eq(what + ": no body", answer.raw, b"")
        elif self.c.true("%s: Content-Type %r is one of %s" % (what, answer.content_type, sorted(content)),
                         media in content):
            schema = content[media].get("schema")
            if media == "application/json" and schema is not None:
                self.validate(what, schema, answer.body)
        for name, header in response.get("headers", {}).items():
            header = self.deref(header)
            value = answer.headers.get(name)
            if value is not None:
                schema = header.get("schema", {})
                self.validate("%s: header %s" % (what, name), schema,
                              int(value) if schema.get("type") == "integer" else value)
        if 200 <= answer.status < 300:
            request_body = op.get("requestBody")
            if request_body is not None:
                request_body = self.deref(request_body)
                if request_body.get("required"):
                    self.c.true("%s without a body, which the document requires" % what, sent_body)
                schema = request_body["content"].get("application/json", {}).get("schema")
                if schema is not None and json_body is not None:
                    self.validate("%s: the accepted request body" % what, schema, json_body)

    # ---- the end of the walk
    def check_idempotency_keys(self, not_called=()):
        """Each operation that requires an Idempotency-Key refuses a request without one
        (those in `not_called` are never answered with success in the walk)."""
        for op_id in self.ops:
            if op_id in not_called:
                continue
            needs_key = any(p["in"] == "header" and p["name"] == "Idempotency-Key" and p.get("required")
                            for p in self.parameters(op_id))
            if not needs_key:
                continue
            request = self.keyed.get(op_id)
            if not self.c.true("%s was called with an Idempotency-Key" % op_id, request is not None):
                continue
            answer = self.call(op_id, **request)
            self.c.eq("%s without an Idempotency-Key" % op_id, (answer.status, answer.code()),
                      (422, "request.idempotency_key_required"))

    def check_coverage(self, not_called):
        """Every operation was called with each of its success statuses, but
        those in `not_called` (operationId -> why)."""
        missing = []
        for op_id in sorted(self.ops):
            if op_id in not_called:
                continue
            for status in sorted(self.success_statuses(op_id)):
                if status not in self.seen.get(op_id, set()):
                    missing.append("%s %d" % (op_id, status))
        self.c.eq("operations never called with each of their success statuses", missing, [])
        self.c.eq("the operations not called are operations of the document",
                  sorted(set(not_called) - set(self.ops)), [])
        pairs = sum(len(s) for s in self.seen.values())
        print("%d operations, %d called, %d (operation, status) pairs, %d schema validations"
              % (len(self.ops), len(self.seen), pairs, self.validated))


class ContractChecks(Checks):
    """Checks whose true() also says whether the check passed."""

    def true(self, what, cond):
        super().true(what, cond)
        return bool(cond)
