"""The chaos suite's scenarios (issue 12), run by deploy/local/check-chaos.sh (make test, or alone: make chaos) against its private stack.

Each scenario drives load (the traffic simulator, `model-builder simulate`) plus counting probes (recommendations
and feedback whose every answer is counted), breaks one thing, prints its numbers (sent, stored, dropped, recovered
after N s) and asserts them. Whatever a scenario stopped or froze is started or continued in its `finally`.
"""
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASE = int(os.environ["CHAOS_HTTP_BASE"])
REDIS_PORT = int(os.environ["CHAOS_REDIS_PORT"])
DB_PORT = int(os.environ["CHAOS_DB_PORT"])
RUN_DIR = os.environ["RUN_DIR"]
SERVERS = os.environ["SERVICES_DIR"]
WORK = os.environ["CHAOS_DIR"]
MODELS = os.environ["CHAOS_MODELS"]
START = os.environ["CHAOS_START"]
OUTAGE = int(os.environ.get("CHAOS_OUTAGE_SECONDS", "30"))
RECOVERY = 30  # everything must recover by itself within this many seconds
LOAD_USERS = os.environ.get("CHAOS_LOAD_USERS", "6")
MODEL = "movie-recs"
STREAM = f"ml:predictions:{MODEL}"
GATEWAY_DEAD_LETTERS = f"ml:deadletter:gateway:{MODEL}"
DRIFT_DEAD_LETTERS = f"ml:deadletter:drift:{MODEL}"
INTERVAL_MS = 5000  # DRIFT_EVALUATION_INTERVAL of check-chaos.sh
# instance -> (packaged service, API port offset from CHAOS_HTTP_BASE; management port 1000 higher)
INSTANCES = {"recommender": ("recommender-service", 0), "drift-a": ("drift-service", 1),
             "drift-b": ("drift-service", 11), "gateway-a": ("metrics-gateway", 2),
             "gateway-b": ("metrics-gateway", 12)}

failures = []
results = {}
simulators = []  # stopped on any exit
frozen = []  # PostgreSQL processes under SIGSTOP, continued on any exit


def log(msg):
    print(f"[chaos] {msg}", flush=True)


def check(ok, msg):
    log(("ok   " if ok else "FAIL ") + msg)
    if not ok:
        failures.append(msg)
    return ok


def api(instance):
    return f"http://127.0.0.1:{BASE + INSTANCES[instance][1]}"


def mgmt(instance):
    return f"http://127.0.0.1:{BASE + 1000 + INSTANCES[instance][1]}"


def request(method, url, body=None, timeout=10):
    """(status, headers, body); status 0 when no answer came (refused, timed out)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()
    except Exception as e:  # refused, reset, timed out
        return 0, {}, str(e).encode()


def metric(instance, name, exclude=None, **labels):
    """Sum of the samples of `name` (exact) whose labels match; None when the service does not answer."""
    status, _, body = request("GET", f"{mgmt(instance)}/q/metrics", timeout=5)
    if status != 200:
        return None
    total = 0.0
    for line in body.decode().splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        head, _, value = line.split(" # ")[0].rpartition(" ")  # without the exemplar
        if all(f'{k}="{v}"' in head for k, v in labels.items()) and not (exclude and exclude in head):
            total += float(value)
    return total


def ready(instance):
    return request("GET", f"{mgmt(instance)}/q/health/ready", timeout=3)[0] == 200


def recovery(conditions, timeout):
    """Seconds until every condition (name -> predicate) has held once, or None; and when each first held."""
    start, first = time.time(), {}
    while time.time() - start < timeout and len(first) < len(conditions):
        for name, predicate in conditions.items():
            try:
                if name not in first and predicate():
                    first[name] = round(time.time() - start, 1)
            except Exception:
                pass
        time.sleep(0.5)
    return (max(first.values()) if len(first) == len(conditions) else None), first


def wait_for(predicate, timeout, step=0.5):
    """Seconds until predicate() held, or None after timeout."""
    start = time.time()
    while time.time() - start < timeout:
        try:
            if predicate():
                return time.time() - start
        except Exception:
            pass
        time.sleep(step)
    return None


# ---------------------------------------------------------------- Redis (RESP over a socket) and PostgreSQL
def redis(*args, timeout=5):
    with socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=timeout) as s:
        out = f"*{len(args)}\r\n".encode()
        for a in args:
            a = a if isinstance(a, bytes) else str(a).encode()
            out += f"${len(a)}\r\n".encode() + a + b"\r\n"
        s.sendall(out)
        f = s.makefile("rb")
        return _reply(f)


def _reply(f):
    line = f.readline()
    if not line:
        raise ConnectionError("Redis closed the connection")
    line = line.rstrip(b"\r\n")
    kind, rest = line[:1], line[1:]
    if kind in (b"+", b":"):
        return int(rest) if kind == b":" else rest.decode()
    if kind == b"-":
        raise RuntimeError(rest.decode())
    if kind == b"$":
        n = int(rest)
        return None if n < 0 else f.read(n + 2)[:-2]
    if kind == b"*":
        n = int(rest)
        return None if n < 0 else [_reply(f) for _ in range(n)]
    raise RuntimeError(f"unexpected reply {line!r}")


def stream_request_ids(start_ms, end_ms):
    """requestId of every prediction event with an entry id in [start_ms, end_ms] (poison entries skipped)."""
    ids, cursor = [], f"{start_ms}-0"
    while True:
        page = redis("XRANGE", STREAM, cursor, f"{end_ms}-18446744073709551615", "COUNT", 2000)
        for entry_id, fields in page:
            values = dict(zip(fields[::2], fields[1::2]))
            try:
                ids.append(json.loads(values[b"event"])["requestId"])
            except Exception:
                pass
        if len(page) < 2000:
            return ids
        last = page[-1][0].decode()
        ms, seq = last.split("-")
        cursor = f"{ms}-{int(seq) + 1}"


def psql(db, sql):
    out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(DB_PORT), "-U", "postgres", "-d", db, "-tAc", sql],
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return [line.split("|") for line in out.stdout.splitlines() if line]


def ensure_servers():
    """Starts what of the private Redis and PostgreSQL is not running (services.sh ensure, SERVICES_DIR)."""
    subprocess.run(["bash", f"{ROOT}/deploy/local/services.sh", "ensure"], check=True,
                   env={**os.environ, "REDIS_PORT": str(REDIS_PORT), "DB_PORT": str(DB_PORT)},
                   stdout=subprocess.DEVNULL)


def redis_stop():
    try:
        redis("SHUTDOWN", "SAVE")  # the stream and the consumer groups survive in dump.rdb
    except ConnectionError:
        pass  # the answer to a successful SHUTDOWN is the closed connection


def postgres_pids():
    postmaster = int(open(f"{SERVERS}/pgdata/postmaster.pid").readline())
    children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
    return [postmaster] + [int(c) for c in children]


def postgres_stop():
    subprocess.run(["su", "postgres", "-s", "/bin/bash", "-c",
                    f"$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl -D {SERVERS}/pgdata -m fast stop"],
                   check=True, stdout=subprocess.DEVNULL)


def signal_all(pids, sig):
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


def pid_of(instance):
    return int(open(f"{RUN_DIR}/{instance}.pid").read())


def start(instance):
    name, offset = INSTANCES[instance]
    subprocess.run(f"{START} {instance} {name} {offset}", shell=True, check=True)


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


def start_ready(*instances, timeout=180):
    """Starts the instances and waits until all are ready; one that exits while starting (on a loaded machine
    Flyway's connection can time out while JVMs start, as check-chaos.sh knows) is started again, at most twice.
    Seconds until all were ready, or None."""
    for instance in instances:
        start(instance)
    retries = dict.fromkeys(instances, 2)
    began = time.time()
    while time.time() - began < timeout:
        pending = [i for i in instances if not ready(i)]
        if not pending:
            return time.time() - began
        for instance in pending:
            if not alive(pid_of(instance)) and retries[instance] > 0:
                log(f"{instance} exited while starting (log {RUN_DIR}/{instance}.log); starting it again")
                retries[instance] -= 1
                start(instance)
        time.sleep(0.5)
    return None


# ---------------------------------------------------------------- load and counting probes
def simulator(label, seconds, seed):
    """`model-builder simulate` (as `make load`) against the recommender and gateway-a, in the background."""
    command = ["bash", f"{ROOT}/model-builder/bin/model-builder", "simulate", "--repository", MODELS,
               "--model", MODEL, "--duration", f"{seconds}s", "--users", LOAD_USERS, "--seed", str(seed),
               "--recommender", api("recommender"), "--gateway", api("gateway-a"),
               "--management", mgmt("recommender"), "--json", f"{WORK}/{label}.json"]
    process = subprocess.Popen(command, stdout=open(f"{WORK}/{label}.log", "w"), stderr=subprocess.STDOUT)
    simulators.append(process)
    return process


def stop_simulator(process):
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


class Probe:
    """Asks for uncached recommendations on one thread and, on another, sends feedback on lists served at least
    2 s before, counting every answer; feedback is one `clicked` on the list's first movie, so each sent feedback
    names one row. A hung gateway slows only the feedback."""

    def __init__(self, feedback=True, gateway="gateway-a"):
        self.gateway = gateway
        self.recs, self.uncached, self.fb = Counter(), Counter(), Counter()
        self.sent_feedback = []  # (requestId, movieId, status, userId, stalled)
        self.served = []  # (time, requestId, userId, movieId)
        self.queue = []  # served lists waiting for feedback
        self.stop_flag = threading.Event()
        self.rng = random.Random(7)
        self.threads = [threading.Thread(target=self.recommend, daemon=True)]
        if feedback:
            self.threads.append(threading.Thread(target=self.feedback, daemon=True))

    def start(self):
        for thread in self.threads:
            thread.start()

    def recommend(self):
        while not self.stop_flag.is_set():
            user = self.rng.randint(1, 1000)
            status, _, body = request("GET", f"{api('recommender')}/api/v1/users/{user}/recommendations"
                                             f"?k=10&excludeSeen=false", timeout=5)
            self.recs[status] += 1
            if status == 200:
                page = json.loads(body)
                if not page["cached"]:
                    self.uncached[status] += 1
                if page["items"]:
                    served = (time.time(), page["requestId"], user, page["items"][0]["movieId"])
                    self.served.append(served)
                    self.queue.append(served)
            elif status != 0:
                self.uncached[status] += 1
            time.sleep(0.02)

    def feedback(self):
        while not self.stop_flag.is_set():
            if not self.queue or time.time() - self.queue[0][0] < 2:
                time.sleep(0.05)
                continue
            _, request_id, user_id, movie_id = self.queue.pop(0)
            status, _, body = request("POST", f"{api(self.gateway)}/api/v1/feedback",
                                      {"requestId": request_id, "userId": user_id, "movieId": movie_id,
                                       "event": "clicked"}, timeout=15)
            self.fb[status] += 1
            # a 503 after store-timeout says the outcome is unknown (a COMMIT may have landed just before the stall)
            stalled = status == 503 and b"did not answer" in body
            self.sent_feedback.append((request_id, movie_id, status, user_id, stalled))

    def finish(self):
        self.stop_flag.set()
        for thread in self.threads:
            thread.join(30)


def summary(sent, stored, dropped, recovered):
    return f"sent: {sent}; stored: {stored}; dropped: {dropped}; recovered after " + (
        "never" if recovered is None else f"{recovered:.1f} s")


def statuses(counter):
    return ", ".join(f"{k or 'no answer'}: {v}" for k, v in sorted(counter.items())) or "none"


def drift_evaluations():
    """Scheduled window evaluations counted by the live drift replicas (outcome error left out)."""
    return sum(metric(i, "drift_evaluations_total", exclude='result="error"') or 0 for i in ("drift-a", "drift-b"))


def status_window_end():
    """windowEnd of the latest evaluation in the shared status (drift:status:{model} in Redis), or None."""
    raw = redis("GET", f"drift:status:{MODEL}")
    return json.loads(raw)["result"]["windowEnd"] if raw else None


def evaluated_windows(since_ms, until_ms):
    rows = psql("drift", f"select window_end, window_start, samples from drift_evaluation where model = '{MODEL}' "
                         f"and window_end >= {since_ms} and window_end <= {until_ms} order by window_end")
    return [(int(e), int(s), int(n)) for e, s, n in rows]


def missing_windows(since_ms, until_ms):
    """Aligned window ends in [since, until] with no row in drift_evaluation."""
    have = {e for e, _, _ in evaluated_windows(since_ms, until_ms)}
    first = -(-since_ms // INTERVAL_MS) * INTERVAL_MS
    return [e for e in range(first, until_ms + 1, INTERVAL_MS) if e not in have]


# ---------------------------------------------------------------- scenarios
def scenario_redis():
    log(f"== Redis stopped {OUTAGE} s, then started")
    served0 = metric("recommender", "recommendations_generated_total")
    published0 = metric("recommender", "prediction_events_published_total")
    dropped0 = metric("recommender", "prediction_events_dropped_total")
    xlen0 = redis("XLEN", STREAM)
    load = simulator("redis", OUTAGE + RECOVERY + 20, 11)
    probe = Probe(feedback=False)
    probe.start()
    time.sleep(5)
    # the simulator's JVM starts slowly on a loaded machine: Redis stops once its traffic flows
    wait_for(lambda: metric("recommender", "recommendations_generated_total") - served0 >= 200, 60)
    drift_answers = Counter()
    stopped_at = time.time()
    try:
        redis_stop()
        while time.time() - stopped_at < OUTAGE:
            for path in ("", f"/{MODEL}/status", f"/{MODEL}/report"):
                drift_answers[request("GET", f"{api('drift-a')}/api/v1/drift/models{path}", timeout=5)[0]] += 1
            time.sleep(1)
        outage_recs, outage_uncached = Counter(probe.recs), Counter(probe.uncached)
    finally:
        ensure_servers()

    # the cache serves again once a lookup hits; asked for one user on every poll, so a lookup that misses its
    # 250 ms budget on a loaded machine (and bypasses the cache 2 s) is followed by others
    hits_outage = metric("recommender", "recommendation_cache_requests_total", result="hit")

    def cached_again():
        request("GET", f"{api('recommender')}/api/v1/users/5/recommendations?k=10")
        return metric("recommender", "recommendation_cache_requests_total", result="hit") > hits_outage
    published_outage = metric("recommender", "prediction_events_published_total")
    recovered_after, first = recovery({
        "drift status": lambda: request("GET", f"{api('drift-a')}/api/v1/drift/models/{MODEL}/status")[0] == 200,
        "all ready": lambda: all(ready(i) for i in ("recommender", "drift-a", "gateway-a", "gateway-b")),
        "events published": lambda: metric("recommender", "prediction_events_published_total") > published_outage,
        "cache": cached_again,
        "gateway stores lists": lambda: int(psql("gateway", "select count(*) from served_list where served_at > "
                                                            "now() - interval '3 seconds'")[0][0]) > 0,
    }, RECOVERY + 10)
    probe.finish()
    stop_simulator(load)
    time.sleep(3)  # the last buffered events go out
    wait_for(lambda: json.loads(request("GET", f"{api('recommender')}/api/v1/monitoring/summary")[2])
             ["events"]["buffered"] == 0, 60)
    served = metric("recommender", "recommendations_generated_total") - served0
    published = metric("recommender", "prediction_events_published_total") - published0
    dropped = metric("recommender", "prediction_events_dropped_total") - dropped0
    arrived = redis("XLEN", STREAM) - xlen0
    log(f"recommendations during the outage: {statuses(outage_recs)} (uncached: {statuses(outage_uncached)}); "
        f"drift answers: {statuses(drift_answers)}")
    log(f"served {served:.0f} lists, events published {published:.0f} + dropped {dropped:.0f}, "
        f"{arrived} arrived in the stream; recovered after "
        + (f"{recovered_after:.1f} s" if recovered_after is not None else "never") + f" ({first})")
    results["redis"] = summary(f"{served:.0f} lists served", f"{arrived} events in the stream",
                               f"{dropped:.0f} counted as dropped", recovered_after)
    check(set(outage_recs) == {200} and outage_recs[200] > 0,
          f"redis: recommendations answer 200 during the outage ({statuses(outage_recs)})")
    check(dropped > 0, f"redis: events beyond the buffer counted as dropped ({dropped:.0f})")
    check(published + dropped == served, f"redis: published + dropped = served ({published:.0f} + {dropped:.0f} "
                                         f"vs {served:.0f})")
    check(arrived == published, f"redis: every published event arrived in the stream ({arrived} vs {published:.0f})")
    check(not any(s >= 500 and s != 503 for s in drift_answers),
          f"redis: drift answers 503, never another 5xx ({statuses(drift_answers)})")
    check(recovered_after is not None and recovered_after <= RECOVERY,
          f"redis: everything recovers by itself within {RECOVERY} s "
          f"({'%.1f s' % recovered_after if recovered_after is not None else 'not recovered'})")


def scenario_postgres():
    for mode in ("stopped", "frozen"):
        log(f"== PostgreSQL {mode} {OUTAGE} s")
        load = simulator(f"postgres-{mode}", OUTAGE + 20, 21 if mode == "stopped" else 22)
        probe = Probe()
        probe.start()
        time.sleep(5)
        evaluations0 = drift_evaluations()
        began_ms = int(time.time() * 1000)
        movie_answers, reco_ready = Counter(), Counter()
        try:
            if mode == "stopped":
                postgres_stop()
            else:
                frozen.extend(postgres_pids())
                signal_all(frozen, signal.SIGSTOP)
            while time.time() * 1000 - began_ms < OUTAGE * 1000:
                status, headers, _ = request("GET", f"{api('recommender')}/api/v1/movies/1", timeout=10)
                movie_answers[(status, "Retry-After" in headers)] += 1
                reco_ready[ready("recommender")] += 1
                time.sleep(1)
            evaluations = drift_evaluations() - evaluations0
            outage_fb, outage_recs = Counter(probe.fb), Counter(probe.recs)
        finally:
            if frozen:
                signal_all(frozen, signal.SIGCONT)
                frozen.clear()
            else:
                ensure_servers()
        ended_ms = int(time.time() * 1000)
        recovered_after, first = recovery({
            "all ready": lambda: all(ready(i) for i in ("recommender", "drift-a", "gateway-a", "gateway-b")),
            "movie lookups": lambda: request("GET", f"{api('recommender')}/api/v1/movies/1")[0] in (200, 404),
            "feedback": lambda: probe.sent_feedback[-1][2] == 201,
            "drift history": lambda: not missing_windows(began_ms - INTERVAL_MS, ended_ms)}, RECOVERY + 10)
        probe.finish()
        stop_simulator(load)
        sent = probe.sent_feedback
        created = {(r, m) for r, m, s, _, _ in sent if s == 201}
        refused = {(r, m) for r, m, s, _, stalled in sent if s == 503 and not stalled}
        stalled = {(r, m, u) for r, m, s, u, st in sent if st}
        ids = sorted({r for r, *_ in sent})

        def stored_rows():
            found = Counter()
            for chunk in range(0, len(ids), 500):
                in_list = ",".join("'" + i + "'" for i in ids[chunk:chunk + 500])
                found.update((r, int(m)) for r, m in psql("gateway", f"select request_id, movie_id from feedback "
                                                                     f"where event = 'clicked' and request_id in ({in_list})"))
            return found
        rows = stored_rows()
        missing = created - set(rows)
        half = refused & set(rows)
        # what a client does with "outcome unknown": resubmit; a repeat of stored feedback answers 200, never a 2nd row
        stalled_stored = {(r, m) for r, m, _ in stalled} & set(rows)
        answers = {(r, m): request("POST", f"{api(probe.gateway)}/api/v1/feedback",
                                   {"requestId": r, "userId": u, "movieId": m, "event": "clicked"}, timeout=15)[0]
                   for r, m, u in sorted(stalled)}
        resubmitted = Counter(answers.values())
        rows_after = stored_rows()
        # 200/201: in the table once; 202: its list was not stored yet, so it waits in feedback_unmatched (moved
        # into the table, once, when the list arrives: at most one row)
        stalled_once = all(rows_after[key] <= 1 if status == 202 else rows_after[key] == 1
                           for key, status in answers.items())
        gaps = missing_windows(began_ms - INTERVAL_MS, ended_ms)
        log(f"feedback during the outage: {statuses(outage_fb)}; all feedback: {statuses(probe.fb)}; "
            f"recommendations: {statuses(outage_recs)}; movie lookups (status, Retry-After): "
            f"{dict(movie_answers)}; recommender ready: {dict(reco_ready)}; drift evaluations during the outage: "
            f"{evaluations:.0f}")
        log(f"feedback 201: {len(created)}, rows for them: {len(created & set(rows))}; 503 'nothing was stored' "
            f"answered but stored: {len(half)}; 503 'did not answer' (outcome unknown): {len(stalled)}, stored before "
            f"the stall: {len(stalled_stored)}, resubmitted: {statuses(resubmitted)}, each stored once: {stalled_once}; "
            f"drift windows missing afterwards: {len(gaps)}; recovered after "
            + (f"{recovered_after:.1f} s" if recovered_after is not None else "never") + f" ({first})")
        results[f"postgres-{mode}"] = summary(f"{len(sent)} feedback", f"{len(created & set(rows))} rows for "
                                              f"{len(created)} answered 201", f"{len(refused) + len(stalled)} answered 503 "
                                              f"({len(stalled_stored)} of {len(stalled)} 'did not answer' stored before "
                                              f"the stall; resubmissions {statuses(resubmitted)})", recovered_after)
        check(not missing, f"postgres {mode}: every 201 feedback is in the table ({len(missing)} of {len(created)} missing)")
        check(not any(s >= 500 and s != 503 for s in probe.fb) and not any(s == 0 for s in outage_fb),
              f"postgres {mode}: feedback answers 201 or 503, never another 5xx or no answer ({statuses(probe.fb)})")
        check(outage_fb[503] > 0, f"postgres {mode}: feedback answers 503 while the database is away")
        check(not half, f"postgres {mode}: a 503 that says nothing was stored stored nothing ({len(half)} stored)")
        check(set(resubmitted) <= {200, 201, 202} and stalled_once,
              f"postgres {mode}: every 503 of unknown outcome, resubmitted, is accepted and stored exactly once "
              f"({statuses(resubmitted)}; each once: {stalled_once})")
        check(set(outage_recs) == {200}, f"postgres {mode}: recommendations answer 200 ({statuses(outage_recs)})")
        check(set(movie_answers) == {(503, True)},
              f"postgres {mode}: movie lookups answer 503 with Retry-After ({dict(movie_answers)})")
        check(set(reco_ready) == {True}, f"postgres {mode}: the recommender stays ready ({dict(reco_ready)})")
        # a round waits for PostgreSQL up to its socket timeout (10 s) before it queues: fewer rounds, not none
        check(evaluations >= 2, f"postgres {mode}: drift keeps evaluating from cached references "
                                f"({evaluations:.0f} evaluations in {OUTAGE} s, interval {INTERVAL_MS // 1000} s)")
        check(not gaps, f"postgres {mode}: no history window missing afterwards ({len(gaps)} missing: {gaps[:5]})")
        check(recovered_after is not None and recovered_after <= RECOVERY,
              f"postgres {mode}: everything recovers by itself within {RECOVERY} s")


def scenario_drift_kill():
    log("== drift-service kill -9 mid-window, restarted; a second replica races it")
    load = simulator("drift-kill", 75, 31)
    time.sleep(15)  # windows with traffic of this scenario on both sides of the kill
    time.sleep(((INTERVAL_MS / 2 - time.time() * 1000 % INTERVAL_MS) % INTERVAL_MS) / 1000)  # mid-interval
    killed_ms = int(time.time() * 1000)
    os.kill(pid_of("drift-a"), signal.SIGKILL)
    time.sleep(0.5)
    # nothing evaluates until the restarted replicas do: each window after this one is theirs to evaluate once
    before = status_window_end()
    log(f"drift-a killed {killed_ms % INTERVAL_MS} ms into the interval (last window evaluated: {before}); "
        f"restarted, drift-b started with it")
    back = start_ready("drift-a", "drift-b")
    back = None if back is None else time.time() - killed_ms / 1000  # seconds from the kill
    next_end = -(-killed_ms // INTERVAL_MS) * INTERVAL_MS
    wait_for(lambda: evaluated_windows(next_end, next_end), 60)
    first = evaluated_windows(next_end, next_end)
    time.sleep(6 * INTERVAL_MS / 1000)  # both replicas race for a few more windows
    stop_simulator(load)

    # the replicas' counters started with them, so together they count every evaluation since the kill; each
    # is counted after its window's status is stored. Settled when the count equals the windows since the kill
    # between two reads of the same status; a count above the windows at any read is a window evaluated twice.
    above, settled = [], None

    def count_settles():
        nonlocal settled
        end_before = status_window_end()
        count = drift_evaluations()
        end_after = status_window_end()
        windows = (end_after - before) // INTERVAL_MS
        if count > windows:
            above.append((count, windows))
        if end_before == end_after and count == windows:
            settled = (end_after, count)
            return True
        return False
    wait_for(count_settles, 60)
    last_end, evaluations = settled or (status_window_end(), drift_evaluations())
    windows = (last_end - before) // INTERVAL_MS
    gaps = missing_windows(killed_ms - INTERVAL_MS, last_end)
    if first:
        end, begin, samples = first[0]
        in_stream = len(stream_request_ids(begin, end - 1))
        log(f"window ending {end} (the one the kill interrupted): {samples} samples, {in_stream} events in the "
            f"stream for [{begin}, {end}); replicas ready " + (f"{back:.0f} s after the kill" if back else "never"))
    else:
        samples = in_stream = 0
    log(f"two replicas: {evaluations:.0f} evaluations counted for the {windows} windows after {before} up to "
        f"{last_end}" + ("" if settled else " (the count never settled)") + f"; counts above the windows: "
        f"{above[:3]}; windows missing since the kill: {len(gaps)}")
    results["drift-kill"] = summary(f"{in_stream} events in the interrupted window", f"{samples} evaluated in it",
                                    f"{len(gaps)} windows missing", back)
    check(back is not None, "drift kill: the restarted replica and the second one are ready")
    check(bool(first), f"drift kill: the interrupted window ending {next_end} is evaluated after the restart")
    check(bool(first) and abs(samples - in_stream) <= max(5, in_stream // 100),
          f"drift kill: it covers the same window ({samples} samples vs {in_stream} events in the stream)")
    check(not gaps, f"drift kill: no window missing ({gaps[:5]})")
    check(settled is not None and not above, f"drift kill: no window evaluated twice by two replicas "
                                             f"({evaluations:.0f} evaluations, {windows} windows)")


def scenario_gateway_kill():
    log("== two gateway replicas, gateway-b kill -9'd under load")
    started_ms = int(time.time() * 1000)
    load = simulator("gateway-kill", 25, 41)
    time.sleep(10)
    os.kill(pid_of("gateway-b"), signal.SIGKILL)
    killed = time.time()
    load.wait()
    ended_ms = int(time.time() * 1000)

    def stored_all():
        ids = set(stream_request_ids(started_ms, ended_ms))
        rows = {r for (r,) in psql("gateway", "select request_id from served_list where served_at >= "
                                              f"to_timestamp({started_ms / 1000 - 5})")}
        return ids <= rows
    caught_up = wait_for(stored_all, 90, 1)
    ids = stream_request_ids(started_ms, ended_ms)
    rows = psql("gateway", "select request_id, count(*) over (partition by request_id) from served_list "
                           f"where served_at >= to_timestamp({started_ms / 1000 - 5})")
    stored = {r for r, _ in rows}
    missing = set(ids) - stored
    pending = redis("XPENDING", STREAM, "metrics-gateway")[0]
    log(f"served lists in the stream: {len(ids)}, stored: {len(set(ids) & stored)}, missing: {len(missing)}, "
        f"pending in the gateway group: {pending}; all stored "
        + (f"{caught_up:.1f} s after the load ended ({ended_ms / 1000 - killed:.0f} s after the kill)"
           if caught_up is not None else "never"))
    results["gateway-kill"] = summary(f"{len(ids)} lists in the stream", f"{len(set(ids) & stored)} stored",
                                      f"{len(missing)} missing", caught_up)
    check(len(ids) == len(set(ids)), f"gateway kill: each served list once in the stream ({len(ids)} events)")
    check(not missing, f"gateway kill: every served list stored ({len(missing)} of {len(ids)} missing)")
    check(pending == 0, f"gateway kill: nothing left pending in the gateway group ({pending})")
    check(start_ready("gateway-b") is not None, "gateway kill: the killed replica is ready again after its restart")


def scenario_poison():
    log("== poison entries in the prediction stream")
    valid = {"v": 1, "eventId": "poison", "ts": int(time.time() * 1000), "model": MODEL, "version": "1",
             "requestId": "poison", "traceId": None, "spanId": None, "userId": 1, "k": 1, "coldStart": False,
             "cached": False, "experiment": None, "variant": None, "items": [1], "scores": [4.0], "features": {}}
    poison = {
        "no event field": ["other", "x"],
        "not JSON": ["event", "{not json"],
        "JSON but not an object": ["event", "[1, 2, 3]"],
        "schema version 99": ["event", json.dumps({**valid, "v": 99, "requestId": "poison-v99"})],
        "missing fields": ["event", json.dumps({"v": 1, "requestId": "poison-missing"})],
        "70-character version": ["event", json.dumps({**valid, "version": "v" * 70, "requestId": "poison-version"})],
        "items not numbers": ["event", json.dumps({**valid, "items": ["a"], "requestId": "poison-items"})],
        "over 64 KiB": ["event", json.dumps({**valid, "requestId": "poison-big", "features": {"x": "y" * 70_000}})],
    }
    gateway0 = redis("XLEN", GATEWAY_DEAD_LETTERS)
    drift0 = redis("XLEN", DRIFT_DEAD_LETTERS)
    gateway_counted0 = sum(metric(i, "gateway_prediction_events_invalid_total") or 0 for i in ("gateway-a", "gateway-b"))
    for fields in poison.values():
        redis("XADD", STREAM, "*", *fields)
    probe = Probe(feedback=False)
    probe.start()
    time.sleep(8)
    probe.finish()
    served = [r for _, r, _, _ in probe.served]

    def ingested():
        rows = {r for (r,) in psql("gateway", "select request_id from served_list where request_id in ("
                                              + ",".join(f"'{r}'" for r in served) + ")")}
        return len(rows) == len(served)
    continued = wait_for(ingested, 60) if served else None
    drift_lag = wait_for(lambda: (metric("drift-a", "drift_consumer_lag_events") or 0) == 0, 60)
    gateway_dead = redis("XLEN", GATEWAY_DEAD_LETTERS) - gateway0
    drift_dead = redis("XLEN", DRIFT_DEAD_LETTERS) - drift0
    gateway_counted = sum(metric(i, "gateway_prediction_events_invalid_total") or 0
                          for i in ("gateway-a", "gateway-b")) - gateway_counted0
    # the batch stored last is acknowledged when the consumer's next read returns (at most its block time)
    wait_for(lambda: redis("XPENDING", STREAM, "metrics-gateway")[0] == 0, 60)
    pending = redis("XPENDING", STREAM, "metrics-gateway")[0]
    log(f"planted {len(poison)} ({', '.join(poison)}); dead-lettered by the gateway {gateway_dead} "
        f"(counted {gateway_counted:.0f}), by drift {drift_dead}; {len(served)} lists served after them, stored "
        + (f"within {continued:.1f} s" if continued is not None else "not all"))
    results["poison"] = summary(f"{len(poison)} planted", f"dead-lettered: gateway {gateway_dead}, drift {drift_dead}",
                                f"{pending} left pending", continued)
    check(gateway_dead == len(poison), f"poison: gateway dead-letter count equals what was planted "
                                       f"({gateway_dead} of {len(poison)} in {GATEWAY_DEAD_LETTERS})")
    check(gateway_counted == len(poison), f"poison: gateway counts them ({gateway_counted:.0f})")
    # drift reads no items, so only the gateway refuses "items not numbers"
    drift_poison = len(poison) - 1
    check(drift_dead == drift_poison, f"poison: drift dead-letter count equals what was planted for it "
                                      f"({drift_dead} of {drift_poison} in {DRIFT_DEAD_LETTERS})")
    check(continued is not None, "poison: the gateway goes on storing the lists served after them")
    check(pending == 0, f"poison: nothing pending in the gateway group ({pending})")
    check(drift_lag is not None, "poison: the drift consumer's lag returns to 0")


def main():
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        run()
    finally:
        signal_all(frozen, signal.SIGCONT)
        for process in simulators:
            if process.poll() is None:
                process.kill()


def run():
    started = time.time()
    # warm-up: enough traffic for the first drift windows, the stream and the gateway consumer group
    warm = simulator("warm-up", 15, 1)
    warm.wait()
    wait_for(lambda: redis("XLEN", STREAM) > 0, 10)
    for scenario in (scenario_redis, scenario_postgres, scenario_drift_kill, scenario_gateway_kill, scenario_poison):
        try:
            scenario()
        except Exception as e:
            check(False, f"{scenario.__name__}: unexpected error {e!r}")
    log("summary (sent, stored, dropped, recovered after):")
    for name, line in results.items():
        log(f"  {name:17} {line}")
    log(f"suite took {time.time() - started:.0f} s")
    if failures:
        log(f"{len(failures)} assertion(s) failed:")
        for f in failures:
            log(f"  - {f}")
        sys.exit(1)
    log("all assertions passed")


if __name__ == "__main__":
    main()
