"""HTTP requests from inside a network namespace, for tests/deploy.

Run as `ip netns exec NS /usr/bin/python3 netclient.py` with a JSON spec on stdin:
    {"host": "10.213.0.1", "port": 8080,
     "requests": [{"target": "/status", "method": "GET", "headers": {}, "repeat": 1, "body": false}]}
Prints a JSON list with one result per request sent: status, headers, complete, length, and
the body (base64) when "body" is true. A request that fails prints {"error": "..."}.
"""

import base64
import json
import os
import sys

# Run as a script (not imported by pytest): deploykit is found next to this file.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deploykit import http  # noqa: E402


def main() -> None:
    spec = json.load(sys.stdin)
    results = []
    for req in spec["requests"]:
        for _ in range(int(req.get("repeat", 1))):
            try:
                r = http(spec["host"], int(spec["port"]), req["target"], method=req.get("method", "GET"),
                         headers=req.get("headers"), timeout=float(req.get("timeout", 10)))
            except (OSError, ConnectionError) as e:
                results.append({"error": repr(e)})
                continue
            item = {"status": r.status, "headers": r.headers, "complete": r.complete, "length": len(r.body)}
            if req.get("body"):
                item["body"] = base64.b64encode(r.body).decode()
            results.append(item)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
