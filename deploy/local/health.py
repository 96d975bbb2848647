#!/usr/bin/env python3
"""`make health`: every component of the system with its status and response time.

Required: the three services (readiness on their management port), Redis (PING) and PostgreSQL
(protocol handshake). Prometheus and Alertmanager are required while `make monitoring` runs
(or when PROMETHEUS_URL / ALERTMANAGER_URL is set); otherwise, like Grafana and Jaeger, they
are optional: checked, shown, and named when not running, without failing the check.

Exit status 0 only when every required component is healthy. `--json` prints one object for
machines; `--only redis,postgresql` checks the named components alone. Addresses come from the
environment the services use (docs/operations.md "Health check"). Python standard library only.
"""
import argparse
import json
import os
import socket
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def env(name, default):
    return os.environ.get(name) or default


def monitoring_started():
    """Whether `make monitoring` has Prometheus running (its pid file names a live process)."""
    try:
        os.kill(int(open(os.path.join(ROOT, ".local/monitoring/prometheus.pid")).read()), 0)
        return True
    except (OSError, ValueError):
        return False


def components():
    """(name, kind, address, required) in display order."""
    monitoring = monitoring_started()
    return [
        ("recommender-service", "http", env("RECOMMENDER_MANAGEMENT_URL", "http://127.0.0.1:9080") + "/q/health/ready", True),
        ("drift-service", "http", env("DRIFT_MANAGEMENT_URL", "http://127.0.0.1:9081") + "/q/health/ready", True),
        ("metrics-gateway", "http", env("GATEWAY_MANAGEMENT_URL", "http://127.0.0.1:9082") + "/q/health/ready", True),
        ("redis", "redis", env("REDIS_URL", "redis://127.0.0.1:6379"), True),
        ("postgresql", "postgresql", f"{env('DB_HOST', '127.0.0.1')}:{env('DB_PORT', '5432')}", True),
        ("prometheus", "http", env("PROMETHEUS_URL", "http://127.0.0.1:9090") + "/-/ready",
         monitoring or "PROMETHEUS_URL" in os.environ),
        ("alertmanager", "http", env("ALERTMANAGER_URL", "http://127.0.0.1:9093") + "/-/ready",
         monitoring or "ALERTMANAGER_URL" in os.environ),
        ("grafana", "http", env("GRAFANA_URL", "http://127.0.0.1:3000") + "/api/health", "GRAFANA_URL" in os.environ),
        ("jaeger", "http", env("JAEGER_URL", "http://127.0.0.1:16686") + "/", "JAEGER_URL" in os.environ),
    ]


class Down(Exception):
    """The component answered, but not healthy."""


class Unreachable(Exception):
    """Nothing answered at the address."""


def check_http(url, timeout):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read(65536)
            detail = ""
            if body[:1] == b"{":  # Quarkus health: name any check that is not UP
                checks = json.loads(body).get("checks", [])
                degraded = [c["name"] for c in checks if c.get("status") != "UP"]
                detail = f"checks not UP: {', '.join(degraded)}" if degraded else ""
            return detail
    except urllib.error.HTTPError as e:
        reason = f"HTTP {e.code}"
        try:
            checks = json.loads(e.read(65536)).get("checks", [])
            down = [c["name"] for c in checks if c.get("status") != "UP"]
            if down:
                reason += f": {', '.join(down)} DOWN"
        except (ValueError, AttributeError):
            pass
        raise Down(reason)
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise Unreachable(getattr(reason, "strerror", None) or str(reason))


def connect(host, port, timeout):
    try:
        return socket.create_connection((host, port), timeout=timeout)
    except OSError as e:
        raise Unreachable(f"{host}:{port}: {e.strerror or e}")


def check_redis(url, timeout):
    parsed = urllib.parse.urlparse(url)
    with connect(parsed.hostname or "127.0.0.1", parsed.port or 6379, timeout) as s:
        if parsed.password:
            user = [parsed.username] if parsed.username else []
            s.sendall(resp(["AUTH", *user, parsed.password]))
            if not s.recv(256).startswith(b"+OK"):
                raise Down("AUTH refused")
        s.sendall(resp(["PING"]))
        answer = s.recv(256)
        if not answer.startswith(b"+PONG"):
            raise Down(answer.decode(errors="replace").strip() or "no answer to PING")
    return ""


def resp(words):
    return b"".join([f"*{len(words)}\r\n".encode()] + [f"${len(w.encode())}\r\n{w}\r\n".encode() for w in words])


def check_postgresql(address, timeout):
    """The start of the PostgreSQL handshake (an SSLRequest): a server answers 'S' or 'N'."""
    host, port = address.rsplit(":", 1)
    with connect(host, int(port), timeout) as s:
        s.sendall(struct.pack("!ii", 8, 80877103))
        answer = s.recv(1)
        if answer not in (b"S", b"N"):
            raise Down(f"not a PostgreSQL answer: {answer!r}")
    return ""


CHECKS = {"http": check_http, "redis": check_redis, "postgresql": check_postgresql}


def run(selected, timeout):
    results = []
    for name, kind, address, required in components():
        if selected and name not in selected:
            continue
        started = time.perf_counter()
        try:
            detail = CHECKS[kind](address, timeout)
            status = "healthy"
        except Down as e:
            status, detail = "unhealthy", str(e)
        except Unreachable as e:
            status, detail = "not running", str(e)
        results.append({"component": name, "required": bool(required), "status": status,
                        "responseTimeMs": round((time.perf_counter() - started) * 1000, 1),
                        "address": address, "detail": detail})
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="one JSON object instead of the table")
    parser.add_argument("--only", default="", help="comma-separated components to check (default: all)")
    parser.add_argument("--timeout", type=float, default=float(env("HEALTH_TIMEOUT", "5")),
                        help="seconds per component (default 5)")
    args = parser.parse_args()
    known = [c[0] for c in components()]
    selected = {s.strip() for s in args.only.split(",") if s.strip()}
    if selected - set(known):
        parser.error(f"--only: unknown component(s) {', '.join(sorted(selected - set(known)))}; "
                     f"known: {', '.join(known)}")

    results = run(selected, args.timeout)
    healthy = all(r["status"] == "healthy" for r in results if r["required"])
    optional_missing = [r["component"] for r in results if not r["required"] and r["status"] != "healthy"]
    if args.json:
        print(json.dumps({"healthy": healthy, "components": results, "optionalNotRunning": optional_missing}, indent=2))
    else:
        print(f"{'component':<20} {'role':<9} {'status':<12} {'time':>9}  detail")
        for r in results:
            print(f"{r['component']:<20} {'required' if r['required'] else 'optional':<9} {r['status']:<12} "
                  f"{r['responseTimeMs']:>7.1f}ms  {r['detail'] or r['address']}")
        print("overall: " + ("healthy" if healthy else "UNHEALTHY (a required component is not healthy)"))
        if optional_missing:
            print("optional, not running or unhealthy: " + ", ".join(optional_missing))
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
