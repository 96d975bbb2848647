#!/usr/bin/env python3
"""HTTP fuzzer over every public endpoint of the running stack (docs/operations.md, "Fuzzing").

Sends boundary and random path, query, header and body values (NUL and other control characters,
invalid UTF-8 and percent-encoding, unicode, +-1e308, NaN, Infinity, huge integers, 10,000 nested
arrays, 50 MB bodies, plain and chunked) and asserts of every answer:
  - no 5xx;
  - every 4xx is application/problem+json whose "status" is the HTTP status (except the empty 414/431
    that Vert.x' HTTP codec sends for a request line or headers over its limits, before any handler);
  - no answer carries a stack trace or an absolute file path;
  - admin endpoints: no credentials or another scheme -> 401 with a Bearer challenge, a wrong token -> 403;
and, at the end, that every service is still ready. Prints the requests tried per endpoint and in
total and the seed; FUZZ_SEED=<seed> repeats a run exactly. Exit status 1 when anything was found.

Environment: FUZZ_SEED, FUZZ_REQUESTS (random requests per endpoint, default 60), FUZZ_SECONDS
(budget of the boundary and random phase, default 75), FUZZ_WORKERS (parallel connections, default 4), ADMIN_TOKEN (the stack's; without it admin endpoints are
fuzzed without the token only), FUZZ_HOST (default 127.0.0.1).
"""
import concurrent.futures
import json
import os
import random
import re
import socket
import sys
import threading
import time
import urllib.parse

HOST = os.environ.get("FUZZ_HOST", "127.0.0.1")
SEED = int(os.environ.get("FUZZ_SEED") or (time.time_ns() % 2**31))
PER_ENDPOINT = int(os.environ.get("FUZZ_REQUESTS", "60"))
BUDGET = float(os.environ.get("FUZZ_SECONDS", "75"))
TOKEN = os.environ.get("ADMIN_TOKEN", "")
BIG = 50 * 1024 * 1024
MODEL = "movie-recs"
FUZZ_MODEL = "fuzz-check"  # the model whose reference admin fuzzing may replace; cleared at the end
SERVICES = {"recommender-service": (8080, 9080), "drift-service": (8081, 9081), "metrics-gateway": (8082, 9082)}
SHORT = {"recommender-service": "recommender", "drift-service": "drift", "metrics-gateway": "gateway"}

rng = random.Random(SEED)

# --- values ---------------------------------------------------------------------------------
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\t", "\n", "\r", "\x1b", "\x1f", "\x7f", "\x85", "\u2028"]
TEXT = ["", " ", "a", "toy", "Amélie", "東京物語", "🎬🍿", "\u202egnp.exe", "Ω" * 300, "x" * 10_000,
        "../../../../etc/passwd", "/etc/passwd", "C:\\Windows", "<script>alert(1)</script>", "' OR 1=1 --",
        "%s%n%x", "${jndi:ldap://x}", "null", "true", "[]", "{}", "\\", "\"", "a b", "a/b", "a;b", "a?b#c"]
NUMBERS = ["0", "1", "-1", "2", "10", "100", "101", "1e308", "-1e308", "1e309", "NaN", "Infinity", "-Infinity",
           "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
           "-9223372036854775809", "99999999999999999999999999999999", "1.5", "0.5", "-0", "0x10", "+5", " 7 ",
           "1_000", "١", "4\x002", "1" * 5000]
BOOLEANS = ["true", "false", "TRUE", "yes", "1", ""]
DURATIONS = ["1h", "15m", "7d", "30s", "0h", "91d", "99999999d", "1y", "-1h", "1.5h", "h", "1e308d"]
STRINGS = CONTROL + TEXT + NUMBERS + BOOLEANS + DURATIONS + ["a" + c + "b" for c in CONTROL]
RAW_ENCODINGS = ["%00", "a%00b", "%FF%FE", "%C0%80", "%E2%82", "%", "%zz", "%%", "%2F", "..%2F..%2F", "%ED%A0%80",
                 "%F4%90%80%80", "%EF%BB%BF", "a%0D%0ASet-Cookie:%20x=1"]


def pick_value():
    return rng.choice(STRINGS)


def encode(value):
    return urllib.parse.quote(value, safe="")


def segment(value_or_raw):
    """A path segment or query value: ("raw", s) is sent as is, otherwise percent-encoded UTF-8."""
    if isinstance(value_or_raw, tuple):
        return value_or_raw[1]
    return encode(value_or_raw)


BOUNDARY = ["", " ", "a\x00b", "\x00", "\x1b", "\x7f", "\x85", "\t", "\r\n", "Amélie", "🎬🍿", "\u202egnp.exe",
            "x" * 5000, "../../../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "0", "-1", "1e308",
            "-1e308", "NaN", "Infinity", "2147483648", "9223372036854775808", "99999999999999999999999999999999",
            "1.5", "0x10", " 7 ", "١", "4\x002", "TRUE", "0h", "91d", "1e308d", "a/b"]


def boundary_values():
    return BOUNDARY + [("raw", r) for r in RAW_ENCODINGS]


def random_value():
    return ("raw", rng.choice(RAW_ENCODINGS)) if rng.random() < 0.2 else pick_value()


def json_values():
    return [None, True, False, 0, -1, 1, 1e308, -1e308, 10**30, -10**30, 2**63, 0.5, 4.5, 5.5, "", "a\u0000b",
            "\u001b[31m", "東京", "🎬", "x" * 100_000, [], {}, [1, 2], {"a": 1}, "NaN", "1e308", [[[[1]]]]]


def random_json(depth=0):
    roll = rng.random()
    if depth > 3 or roll < 0.6:
        return rng.choice(json_values())
    if roll < 0.8:
        return [random_json(depth + 1) for _ in range(rng.randint(0, 5))]
    return {rng.choice(["a", "x", "", "\u0000", "features", "type"]): random_json(depth + 1) for _ in range(rng.randint(0, 4))}


def dumps(value):
    return json.dumps(value, ensure_ascii=rng.random() < 0.5).encode("utf-8")


NESTED = b"[" * 10_000 + b"]" * 10_000
NESTED_OBJECT = b'{"a":' * 10_000 + b"1" + b"}" * 10_000
BAD_BODIES = [b"", b" ", b"null", b"[]", b"{}", b"{", b"}", b"{\"a\":", b"\xff\xfe\xfd", b"{\"a\":\"\xc3\x28\"}",
              b"\xef\xbb\xbf{}", b"{\"a\":NaN}", b"{\"a\":Infinity}", b"{\"a\":-Infinity}", b"{\"a\":1e99999}",
              b"{\"a\":" + b"9" * 5000 + b"}", b"{\"a\":\"\x00\"}", b"{'a':1}", b"{\"a\":1,}", b"<xml/>", NESTED,
              NESTED_OBJECT, b"{\"a\":1}{\"b\":2}", b"\x00" * 64]


def mutate_body(template):
    """A body made from the endpoint's valid template with one or more fields replaced."""
    roll = rng.random()
    if roll < 0.25:
        return rng.choice(BAD_BODIES)
    body = json.loads(json.dumps(template))
    targets = [body]
    for _ in range(rng.randint(1, 3)):
        node = rng.choice(targets)
        if isinstance(node, dict) and node:
            key = rng.choice(list(node))
            node[key] = random_json()
            if isinstance(node[key], (dict, list)):
                targets.append(node[key])
        elif isinstance(node, dict):
            node[rng.choice(["extra", "\u0000", "x" * 300])] = random_json()
        if isinstance(body, dict):
            for value in body.values():
                if isinstance(value, (dict, list)):
                    targets.append(value)
    if rng.random() < 0.1:
        body[rng.choice(["unknown", "", "\u0000"])] = random_json()
    return dumps(body)


# --- HTTP -------------------------------------------------------------------------------------
class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body


def http(port, method, target, body=None, headers=None, chunked=False, timeout=60):
    """One request on its own connection (Connection: close); survives the server closing early."""
    head = [f"{method} {target} HTTP/1.1", f"Host: {HOST}:{port}", "Connection: close", "Accept: */*"]
    for name, value in (headers or {}).items():
        head.append(f"{name}: {value}")
    if body is not None:
        head.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {len(body)}")
    data = ("\r\n".join(head) + "\r\n\r\n").encode("utf-8", "surrogateescape")
    sock = socket.create_connection((HOST, port), timeout=timeout)
    try:
        try:
            sock.sendall(data)
            if body is not None:
                if chunked:
                    step = 1 << 20
                    for i in range(0, len(body), step):
                        part = body[i:i + step]
                        sock.sendall(f"{len(part):x}\r\n".encode() + part + b"\r\n")
                    sock.sendall(b"0\r\n\r\n")
                else:
                    step = 1 << 20
                    for i in range(0, len(body), step):
                        sock.sendall(body[i:i + step])
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered (413) and closed before reading the whole body
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
            if sum(len(c) for c in chunks) > 4 << 20:
                break
    finally:
        sock.close()
    raw = b"".join(chunks)
    if not raw:
        return None
    header_end = raw.find(b"\r\n\r\n")
    head_lines = raw[:header_end].decode("latin-1").split("\r\n")
    status = int(head_lines[0].split(" ")[1])
    answer_headers = {}
    for line in head_lines[1:]:
        name, _, value = line.partition(":")
        answer_headers[name.strip().lower()] = value.strip()
    payload = raw[header_end + 4:]
    if answer_headers.get("transfer-encoding", "").lower() == "chunked":
        payload = dechunk(payload)
    return Answer(status, answer_headers, payload)


def dechunk(payload):
    out, i = bytearray(), 0
    while i < len(payload):
        end = payload.find(b"\r\n", i)
        if end < 0:
            break
        size = int(payload[i:end].split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += payload[end + 2:end + 2 + size]
        i = end + 2 + size + 2
    return bytes(out)


# --- checks -----------------------------------------------------------------------------------
STACK_TRACE = re.compile(r"(\tat [\w.$]+\(|\bat (?:java|jdk|io\.vertx|io\.quarkus|dev\.recsys)\.[\w.$]+\(|^Stack:|Caused by: )",
                         re.MULTILINE)
ABSOLUTE_PATH = re.compile(r"(?<![\w.:/~-])/(?:home|work|root|tmp|srv|opt|usr|var|etc|mnt|Users)/[^\s\"'<>]+")
findings = []
tried = {}
skipped = []
lock = threading.Lock()
WORKERS = int(os.environ.get("FUZZ_WORKERS", "4"))
CODEC_REFUSALS = (414, 431)
codec_refusals = {}


def record(endpoint, description, problem, answer=None):
    detail = ""
    if answer is not None:
        detail = f" -> {answer.status} {answer.headers.get('content-type', '')} {answer.body[:200]!r}"
    findings.append(f"{endpoint}: {problem}: {description}{detail}")


def invalid_uri(target):
    """Whether java.net.URI refuses the request target: a '%' without two hex digits, or a character RFC 3986 forbids."""
    return bool(re.search(r"%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]", target))


def check(endpoint, description, answer, expect=None, busy_ok=False, sent=b"", codec_ok=(), target=""):
    tried[endpoint] = tried.get(endpoint, 0) + 1
    if answer is None:
        record(endpoint, description, "no answer (connection closed)")
        return
    if answer.status >= 500 and not (busy_ok and answer.status == 503 and "retry-after" in answer.headers):
        record(endpoint, description, f"server error {answer.status}", answer)
    if not answer.body and (answer.status in CODEC_REFUSALS + tuple(codec_ok)
                            or answer.status == 400 and invalid_uri(target)):
        # refused before any handler runs, with an empty body: by Vert.x' HTTP codec (request line over 4,096
        # bytes, headers over 20 KiB, a control character in a header) or by Quarkus' URI check (a target that
        # java.net.URI refuses, e.g. a malformed percent-encoding); neither offers a hook to answer a problem
        codec_refusals[answer.status] = codec_refusals.get(answer.status, 0) + 1
    elif 400 <= answer.status < 500:
        content_type = answer.headers.get("content-type", "")
        if not content_type.startswith("application/problem+json"):
            record(endpoint, description, "4xx without application/problem+json", answer)
        else:
            try:
                problem = json.loads(answer.body)
                if problem.get("status") != answer.status:
                    record(endpoint, description, "problem status differs from the HTTP status", answer)
            except ValueError:
                record(endpoint, description, "problem+json body does not parse", answer)
    text = answer.body[:1 << 20].decode("utf-8", "replace")
    if STACK_TRACE.search(text):
        record(endpoint, description, "stack trace in the answer", answer)
    leaked = next((m for m in ABSOLUTE_PATH.finditer(text) if m.group().encode() not in sent
                   and urllib.parse.quote(m.group(), safe="").encode() not in sent), None)
    if leaked:
        record(endpoint, description, f"absolute path {leaked.group()[:80]!r} in the answer", answer)
    if expect is not None and answer.status not in expect:
        record(endpoint, description, f"expected {sorted(expect)}", answer)


def short(value, limit=60):
    text = repr(value if not isinstance(value, tuple) else value[1])
    return text if len(text) <= limit else text[:limit] + f"…({len(text)} chars)"


# --- endpoints --------------------------------------------------------------------------------
class Endpoint:
    def __init__(self, service, method, path, params=(), query=(), body=None, admin=False, busy_ok=False):
        self.service, self.method, self.path = service, method, path
        self.params, self.query, self.body, self.admin = dict(params), dict(query), body, admin
        self.busy_ok = busy_ok  # 503 with Retry-After is the documented answer while another evaluation runs
        self.name = f"{method} {SHORT[service]}:{path}"

    @property
    def port(self):
        return SERVICES[self.service][0]

    def target(self, params, query):
        path = self.path
        for name, value in params.items():
            path = path.replace("{" + name + "}", segment(value))
        if query:
            path += "?" + "&".join(f"{encode(k)}={segment(v)}" for k, v in query.items() if v is not None)
        return path

    def send(self, description, params=None, query=None, body=None, headers=None, expect=None, chunked=False,
             codec_ok=()):
        params = dict(self.params, **(params or {}))
        query = dict(self.query, **(query or {}))
        all_headers = {"Content-Type": "application/json"} if body is not None else {}
        if self.admin and TOKEN and headers is None:
            all_headers["Authorization"] = f"Bearer {TOKEN}"
        all_headers.update(headers or {})
        target = self.target(params, query)
        sent = target.encode("utf-8", "surrogateescape") + (body[:1 << 16] if body else b"")
        try:
            answer = http(self.port, self.method, target, body, all_headers, chunked)
        except (socket.timeout, TimeoutError):
            answer = None
            description += " (timed out)"
        except OSError as e:
            answer = None
            description += f" ({e})"
        with lock:
            check(self.name, description, answer, expect, self.busy_ok, sent, codec_ok, target)
        return answer


FEEDBACK = {"requestId": "fuzz-unknown-request", "userId": 1, "movieId": 1, "event": "rated", "rating": 4.0}
COMPARE = {"reference": {"x": [1.0, 2.0, 3.0, 4.0], "g": ["a", "b", "a", "c"]},
           "current": {"x": [1.5, 2.5, 3.5, 9.0], "g": ["a", "a", "b", "d"]},
           "features": {"x": {"method": "ks", "threshold": 0.05}}, "driftShare": 0.5}
REFERENCE = {"features": {"user_mean_rating": [3.5, 4.0, 2.5, 3.0], "user_segment": ["light", "heavy", "casual", "light"]}}

ENDPOINTS = [
    Endpoint("recommender-service", "GET", "/api/v1/users/{userId}/recommendations", {"userId": "1"},
             {"k": "10", "excludeSeen": "true", "genre": None}),
    Endpoint("recommender-service", "GET", "/api/v1/movies/{movieId}", {"movieId": "1"}),
    Endpoint("recommender-service", "GET", "/api/v1/movies/search", query={"q": "toy", "limit": "20"}),
    Endpoint("recommender-service", "GET", "/api/v1/model"),
    Endpoint("recommender-service", "GET", "/api/v1/models"),
    Endpoint("recommender-service", "GET", "/api/v1/models/{version}", {"version": "1"}),
    Endpoint("recommender-service", "GET", "/api/v1/monitoring/summary"),
    Endpoint("recommender-service", "POST", "/api/v1/model/reload", admin=True),
    Endpoint("drift-service", "POST", "/api/v1/drift/compare", body=COMPARE),
    Endpoint("drift-service", "GET", "/api/v1/drift/models"),
    Endpoint("drift-service", "GET", "/api/v1/drift/models/{model}/status", {"model": MODEL}),
    Endpoint("drift-service", "GET", "/api/v1/drift/models/{model}/report", {"model": MODEL}),
    Endpoint("drift-service", "GET", "/api/v1/drift/models/{model}/history", {"model": MODEL},
             {"feature": "user_segment", "from": None, "to": None, "limit": "10"}),
    Endpoint("drift-service", "GET", "/api/v1/drift/models/{model}/reports", {"model": MODEL}, {"limit": "5"}),
    Endpoint("drift-service", "GET", "/api/v1/drift/models/{model}/reports/{id}", {"model": MODEL, "id": "1"}),
    Endpoint("drift-service", "POST", "/api/v1/drift/models/{model}/evaluate", {"model": MODEL}, admin=True, busy_ok=True),
    Endpoint("drift-service", "PUT", "/api/v1/drift/models/{model}/reference", {"model": FUZZ_MODEL}, body=REFERENCE,
             admin=True),
    Endpoint("drift-service", "DELETE", "/api/v1/drift/models/{model}/reference", {"model": FUZZ_MODEL}, admin=True),
    Endpoint("metrics-gateway", "POST", "/api/v1/feedback", body=FEEDBACK),
    Endpoint("metrics-gateway", "GET", "/api/v1/quality", query={"model": MODEL, "window": "1h", "from": None, "to": None}),
    Endpoint("metrics-gateway", "GET", "/api/v1/reports/performance", query={"period": "1d", "model": MODEL}),
    Endpoint("metrics-gateway", "GET", "/api/v1/monitoring/summary"),
    Endpoint("metrics-gateway", "GET", "/api/v1/services/health"),
]
# admin calls with the token that change state are few: a reload loads a model, an evaluation reads a window
TOKEN_LIMIT = {"POST recommender:/api/v1/model/reload": 2}


def endpoint_named(name):
    return next(endpoint for endpoint in ENDPOINTS if endpoint.name == name)


def plan_auth(endpoint):
    """The one admin rule: 401 with a Bearer challenge without credentials, 403 for a wrong token."""
    body = dumps(endpoint.body) if endpoint.body is not None else None
    tasks = []
    for header, expected in [(None, 401), ("", 401), ("Basic dXNlcjpwYXNz", 401), ("Bearer", 401),
                             ("Token abc", 401), ("Bearer wrong-token", 403), ("bearer wrong-token", 403),
                             ("Bearer " + "x" * 4000, 403), ("Bearer a\x01b", 400)]:
        def task(header=header, expected=expected):
            headers = {} if header is None else {"Authorization": header}
            # a control character is not a valid header value (RFC 9110 §5.5): the HTTP codec refuses it, empty 400
            answer = endpoint.send(f"Authorization {short(header)}", body=body, headers=headers, expect={expected},
                                   codec_ok=(400,) if expected == 400 else ())
            if answer is not None and expected == 401 \
                    and not answer.headers.get("www-authenticate", "").lower().startswith("bearer"):
                with lock:
                    record(endpoint.name, f"Authorization {short(header)}", "401 without WWW-Authenticate: Bearer", answer)
        tasks.append(task)
    return tasks


def plan_endpoint(endpoint):
    """The requests for one endpoint, drawn from the seeded generator (the same seed, the same requests)."""
    tasks = plan_auth(endpoint) if endpoint.admin else []
    if endpoint.admin and not TOKEN:
        return tasks
    planned = []
    body = dumps(endpoint.body) if endpoint.body is not None else None
    # boundary values: each path and query parameter in turn, the others valid
    for name in list(endpoint.params) + list(endpoint.query):
        where = "params" if name in endpoint.params else "query"
        for value in boundary_values():
            planned.append((f"{name}={short(value)}", {where: {name: value}, "body": body}))
    # boundary bodies
    if endpoint.body is not None:
        for bad in BAD_BODIES:
            planned.append((f"body {short(bad)}", {"body": bad}))
    # random combinations
    for _ in range(PER_ENDPOINT):
        params = {n: random_value() for n in endpoint.params if rng.random() < 0.5}
        query = {n: random_value() for n in list(endpoint.query) + ["unknown"] if rng.random() < 0.5}
        request_body = mutate_body(endpoint.body) if endpoint.body is not None else None
        planned.append((f"params {short(params, 120)} query {short(query, 120)} body {short(request_body, 120)}",
                        {"params": params, "query": query, "body": request_body}))
    limit = TOKEN_LIMIT.get(endpoint.name)
    for description, kwargs in planned[:limit]:
        tasks.append(lambda description=description, kwargs=kwargs: endpoint.send(description, **kwargs))
    return tasks


def fuzz_large_bodies(deadline):
    """50 MB bodies, declared (Content-Length) and chunked, to every endpoint that reads one."""
    labels = b'{"reference":{"g":[' + b'"a",' * ((48 * 1024 * 1024) // 4) + b'"a"]},"current":{"g":["a"]}}'
    big = {"POST drift:/api/v1/drift/compare": [labels, b'{"reference":{"x":[' + b"1," * (BIG // 2) + b'1]}}'],
           "POST gateway:/api/v1/feedback": [b'{"requestId":"' + b"a" * BIG + b'"}'],
           "PUT drift:/api/v1/drift/models/{model}/reference": [b'{"features":{"x":[' + b"1," * (BIG // 2) + b"1]}}"]}
    for endpoint in ENDPOINTS:
        for body in big.get(endpoint.name, []):
            if endpoint.admin and not TOKEN:
                continue
            for chunked in (False, True):
                if time.monotonic() > deadline:
                    return
                endpoint.send(f"{len(body) // (1024 * 1024)} MB body{' (chunked)' if chunked else ''}",
                              body=body, chunked=chunked)


def extreme_compare():
    """The extreme values of docs/drift-statistics.md, each method once."""
    endpoint = endpoint_named("POST drift:/api/v1/drift/compare")
    for method in ["ks", "psi", "wasserstein", "jensenshannon", "chisquare", "z", "kl", "hellinger"]:
        for ref, cur in [([-1e308, 1, 2], [1e308, 3, 4]), ([0, 0, 0], [0, 0, 0]), ([1e-308, 2e-308], [3e-308, 1e-308]),
                         ([2**63, 1], [-2**63, 2])]:
            body = dumps({"reference": {"x": ref}, "current": {"x": cur}, "features": {"x": {"method": method}}})
            endpoint.send(f"compare {method} {ref} vs {cur}", body=body)


def ready(service):
    port = SERVICES[service][1]
    for _ in range(60):
        try:
            answer = http(port, "GET", "/q/health/ready", timeout=10)
            if answer is not None and answer.status == 200:
                return True
        except OSError:
            pass
        time.sleep(1)
    return False


def main():
    print(f"[fuzz] seed {SEED} (FUZZ_SEED={SEED} repeats this run); admin token {'given' if TOKEN else 'not given'}")
    for service in SERVICES:
        if not ready(service):
            print(f"[fuzz] {service} is not ready before fuzzing", file=sys.stderr)
            return 2
    started = time.monotonic()
    deadline = started + BUDGET
    tasks = [task for endpoint in ENDPOINTS for task in plan_endpoint(endpoint)]
    # interleaved across endpoints, so that a budget cut leaves no endpoint out
    rng.shuffle(tasks)
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        futures = [pool.submit(lambda task=task: task() if time.monotonic() < deadline else skipped.append(1))
                   for task in tasks]
        for future in futures:
            future.result()
    extreme_compare()
    fuzz_large_bodies(time.monotonic() + 60)
    if TOKEN:
        endpoint_named("DELETE drift:/api/v1/drift/models/{model}/reference").send("clean up the fuzz model's reference", expect={204, 404})
    not_ready = [service for service in SERVICES if not ready(service)]
    elapsed = time.monotonic() - started
    width = max(len(endpoint.name) for endpoint in ENDPOINTS)
    for endpoint in ENDPOINTS:
        print(f"[fuzz] {endpoint.name:<{width}} {tried.get(endpoint.name, 0):6d} requests")
    print(f"[fuzz] {sum(tried.values())} requests to {len(tried)} endpoints in {elapsed:.0f} s, "
          f"{len(findings)} findings, seed {SEED}"
          + (f"; {len(skipped)} planned requests left out by FUZZ_SECONDS={BUDGET:.0f}" if skipped else ""))
    if codec_refusals:
        print(f"[fuzz] refused before routing, empty body (docs/platform.md): {codec_refusals}")
    for finding in findings[:200]:
        print(f"[fuzz] FINDING {finding}")
    if len(findings) > 200:
        print(f"[fuzz] … and {len(findings) - 200} more findings")
    for service in not_ready:
        print(f"[fuzz] FINDING {service} is not ready after fuzzing")
    return 1 if findings or not_ready else 0


if __name__ == "__main__":
    sys.exit(main())
