"""Drives the Python client (client/python/sms1069.py, on PYTHONPATH) against a running platform for
ClientLibrariesEndToEndTest: a send, its idempotent repeat, the status read back until final, the list by
clientRef, and two refusals as ApiProblem. Prints one JSON object with what it saw.
usage: SMS_API_URL=... SMS_KEY_ID=... SMS_KEY_SECRET=... python3 client_e2e.py PHONE"""
import json
import os
import sys
import time

from sms1069 import ApiProblem, Client

FINAL = {"DELIVERED", "UNDELIVERED", "EXPIRED", "FAILED"}


def refused(call):
    try:
        call()
    except ApiProblem as problem:
        return [problem.status, problem.code]
    return None


def main(phone):
    sms = Client(os.environ["SMS_API_URL"], os.environ["SMS_KEY_ID"], os.environ["SMS_KEY_SECRET"])
    text = "【示例科技】您预约的服务已确认，时间为明天上午10点。"
    sent = sms.send(["+86 " + phone], text=text, type="NOTIFICATION", client_ref="python-e2e", idempotency_key="python-e2e-1")
    again = sms.send(["+86 " + phone], text=text, type="NOTIFICATION", client_ref="python-e2e", idempotency_key="python-e2e-1")
    message_id = sent["messages"][0]["messageId"]
    deadline = time.monotonic() + 60
    message = sms.get_message(message_id)
    while message["status"] not in FINAL and time.monotonic() < deadline:
        time.sleep(0.25)
        message = sms.get_message(message_id)
    listed = sms.list_messages(client_ref="python-e2e", limit=10)
    print(json.dumps({
        "sent": sent,
        "again": again,
        "message": message,
        "listed": [m["id"] for m in listed["messages"]],
        "notFound": refused(lambda: sms.get_message("01M8H24F9Z7W1ZQEHFZB47Q1CS")),
        "conflict": refused(lambda: sms.send([phone], text=text + "请准时到达。", type="NOTIFICATION",
                                             idempotency_key="python-e2e-1")),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
