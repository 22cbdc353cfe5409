#!/usr/bin/env python3
"""Sends one notification with the single-file Python client and follows its status until it is final.

    set -a; . deploy/local/run/demo-app.env; set +a   # exports SMS_API_URL, SMS_KEY_ID, SMS_KEY_SECRET (after deploy/local/up.sh)
    python3 examples/python/send_and_status.py 13800138000

Prints the send's answer and then the message's final status as JSON; exits 1 if it is not final within 60 s.
"""
import json
import os
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "client" / "python"))
from sms1069 import ApiProblem, Client  # noqa: E402

FINAL = {"DELIVERED", "UNDELIVERED", "EXPIRED", "FAILED"}


def main():
    phone = sys.argv[1] if len(sys.argv) > 1 else "13800138000"
    signature = os.environ.get("SMS_SIGNATURE", "示例科技")
    sms = Client(os.environ["SMS_API_URL"], os.environ["SMS_KEY_ID"], os.environ["SMS_KEY_SECRET"])
    try:
        sent = sms.send([phone], text="【%s】您的订单已发货，请注意查收。" % signature, type="NOTIFICATION",
                        client_ref="example-python")
    except ApiProblem as problem:
        print("refused: %s %s: %s" % (problem.status, problem.code, problem.detail), file=sys.stderr)
        return 2
    print(json.dumps(sent, ensure_ascii=False))
    if not sent["messages"]:
        return 2
    message_id = sent["messages"][0]["messageId"]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        message = sms.get_message(message_id)
        if message["status"] in FINAL:
            print(json.dumps(message, ensure_ascii=False))
            return 0
        time.sleep(0.5)
    print("message %s is not final after 60 s" % message_id, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
