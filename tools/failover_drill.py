#!/usr/bin/env python3
"""Failover drill of ./portal cluster drill (issue #18 §5): writes through the proxy while the primary's postmaster is
killed (SIGKILL). A client registers hazards (POST /api/v1/hazards, 10 per second, each with its own Idempotency-Key,
each retried with the same key until it is answered 201); five seconds in, the primary's postmaster is killed. It
prints failover_seconds (from the first failed write to the first write that succeeds again), failover_errors (failed
attempts, all retried), and failover_lost (writes answered 201 that are not there afterwards; target 0).
usage: failover_drill.py BASE_URL POSTMASTER_PID ENTERPRISE_ID [SECONDS]"""
import json, subprocess, sys, time, urllib.error, urllib.request, uuid

base, pid, enterprise = sys.argv[1], sys.argv[2], sys.argv[3]
seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 40


def call(method, path, body=None, token=None, key=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if key:
        request.add_header("Idempotency-Key", key)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None
    except Exception as e:  # a refused or reset connection during the failover
        return 0, str(e)


status, answer = call("POST", "/api/v1/auth/token", {"userName": "jx.ent.minhe1", "password": "Demo#2023"})
if status != 200:
    sys.exit(f"sign-in failed: {status}")
token = answer["accessToken"]
acked, errors, first_error, recovered, killed, sent = {}, 0, None, None, None, 0
start = time.time()
while time.time() - start < seconds:
    if killed is None and time.time() - start > 5:
        subprocess.run(["kill", "-9", pid], check=False)
        killed = time.time()
    key, sent = str(uuid.uuid4()), sent + 1
    body = {"enterpriseId": enterprise, "title": f"故障切换演练隐患{sent}", "foundOn": "2023-08-20", "grade": "General"}
    while True:
        status, answer = call("POST", "/api/v1/hazards", body, token, key)
        if status == 201:
            acked[key] = answer["id"]
            if first_error is not None and recovered is None:
                recovered = time.time()
            break
        errors += 1
        if killed is not None and first_error is None:
            first_error = time.time()
        time.sleep(0.2)
    time.sleep(0.1)
lost = sum(1 for hazard in acked.values() if call("GET", f"/api/v1/hazards/{hazard}", token=token)[0] != 200)
print(json.dumps({"sent": sent, "acknowledged": len(acked), "failover_seconds": None if recovered is None else round(recovered - first_error, 2),
                  "failover_errors": errors, "failover_lost": lost}))
sys.exit(1 if lost else 0)
