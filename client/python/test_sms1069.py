"""Golden tests of sms1069.py against the README's worked examples, and its retries against a local server.
Run: python3 -m unittest discover -s client/python  (ClientPythonTest runs it in the Maven build)."""
import hashlib
import http.server
import json
import threading
import time
import unittest

import sms1069

SECRET = "demo-secret"
TIMESTAMP = 1764331200
NONCE = "3f6c1e0a9b2d4c58"
BODY = '{"phones":["13800138000"],"text":"【示例科技】您的验证码是482913，5分钟内有效。","type":"VERIFICATION"}'.encode("utf-8")


class ReadmeSigningExamples(unittest.TestCase):
    def test_post_with_idempotency_key(self):
        self.assertEqual(hashlib.sha256(BODY).hexdigest(), "4a2bb7bc9b12844f277675d207147e07d476779ce329a5ba9e9685be342091e9")
        self.assertEqual(sms1069.sign(SECRET, "POST", "/v1/messages", None, TIMESTAMP, NONCE, "order-42-shipped", BODY),
                         "0f40b4e34b30747919998fa1b45d2065eb561a3e9dfc56a7658126ffa6a4e1fe")

    def test_get_with_query(self):
        query = "status=DELIVERED&clientRef=order+42%2F%E4%B8%80&phone=%2B8613800138000"
        self.assertEqual(sms1069.canonical_query(query), "clientRef=order%2042%2F%E4%B8%80&phone=%2B8613800138000&status=DELIVERED")
        self.assertEqual(sms1069.sign(SECRET, "GET", "/v1/messages", query, TIMESTAMP, NONCE, None, b""),
                         "f1b902b8b87e572fd96eab5577d40d9e9a8692c9c8c8aa36de8a275e8dd76e3b")

    def test_encoded_separators_do_not_share_a_canonical_query(self):
        self.assertNotEqual(sms1069.canonical_query("a=1&b=2"), sms1069.canonical_query("a=1%26b%3D2"))
        self.assertEqual(sms1069.canonical_query("b=2&a&a=1&&"), "a=&a=1&b=2")


class ReadmeCallbackExample(unittest.TestCase):
    CALLBACK_SECRET = "demo-callback-secret"
    CALLBACK_BODY = ('{"kind":"STATUS","items":[{"callbackId":17,"messageId":"01M8H24F9Z7W1ZQEHFZB47Q1CS",'
                     '"phone":"13800138000","status":"DELIVERED","carrier":"CMCC","rawStat":"DELIVRD","segments":1,'
                     '"clientRef":"order-42","at":"2026-11-28T08:00:03Z"}]}').encode("utf-8")
    SIGNATURE = "1019c44ee3d7c2e7a0ab3a3996ee685d81c4ae206a38ad864adc808a1ec645a3"

    def test_the_readme_signature_is_valid(self):
        self.assertTrue(sms1069.verify_callback(self.CALLBACK_SECRET, "1764331200", self.SIGNATURE, self.CALLBACK_BODY,
                                                now=TIMESTAMP + 299))

    def test_tampered_stale_or_missing_is_refused(self):
        verify = sms1069.verify_callback
        self.assertFalse(verify(self.CALLBACK_SECRET, "1764331200", self.SIGNATURE, self.CALLBACK_BODY + b" ", now=TIMESTAMP))
        self.assertFalse(verify("other", "1764331200", self.SIGNATURE, self.CALLBACK_BODY, now=TIMESTAMP))
        self.assertFalse(verify(self.CALLBACK_SECRET, "1764331200", self.SIGNATURE, self.CALLBACK_BODY, now=TIMESTAMP + 301))
        self.assertFalse(verify(self.CALLBACK_SECRET, None, self.SIGNATURE, self.CALLBACK_BODY, now=TIMESTAMP))
        self.assertFalse(verify(self.CALLBACK_SECRET, "soon", self.SIGNATURE, self.CALLBACK_BODY, now=TIMESTAMP))


class ScriptedApi(http.server.BaseHTTPRequestHandler):
    """Answers the scripted (status, headers, body) in turn and records each request's headers and body."""
    script = []
    seen = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.seen.append((dict(self.headers), body, time.monotonic()))
        status, headers, answer = self.script.pop(0)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        payload = json.dumps(answer).encode("utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


class Retries(unittest.TestCase):
    def setUp(self):
        self.server = http.server.HTTPServer(("127.0.0.1", 0), ScriptedApi)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        ScriptedApi.seen = []
        self.client = sms1069.Client("http://127.0.0.1:%d" % self.server.server_port, "AK1", SECRET)

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def test_503_is_retried_after_retry_after_under_the_same_idempotency_key(self):
        accepted = {"messages": [{"phone": "13800138000", "messageId": "01M8H24F9Z7W1ZQEHFZB47Q1CS"}], "rejected": []}
        ScriptedApi.script = [(503, {"Retry-After": "1", "Content-Type": "application/problem+json"},
                               {"status": 503, "code": "UNAVAILABLE"}),
                              (202, {"Content-Type": "application/json"}, accepted)]
        self.assertEqual(self.client.send("13800138000", text="【示例科技】您的订单已发货。", type="NOTIFICATION"), accepted)
        (first, body1, at1), (second, body2, at2) = ScriptedApi.seen
        self.assertEqual(first["Idempotency-Key"], second["Idempotency-Key"])
        self.assertNotEqual(first["X-Sms-Nonce"], second["X-Sms-Nonce"])
        self.assertEqual(body1, body2)
        self.assertGreaterEqual(at2 - at1, 0.95)
        self.assertEqual(second["X-Sms-Signature"], sms1069.sign(SECRET, "POST", "/v1/messages", "",
                                                                 second["X-Sms-Timestamp"], second["X-Sms-Nonce"],
                                                                 second["Idempotency-Key"], body2))

    def test_a_long_retry_after_is_raised_typed_without_waiting(self):
        ScriptedApi.script = [(429, {"Retry-After": "60", "Content-Type": "application/problem+json"},
                               {"status": 429, "code": "RATE_LIMITED", "detail": "1 per minute", "limit": "PER_MINUTE"})]
        with self.assertRaises(sms1069.ApiProblem) as raised:
            self.client.send(["13800138000"], text="x", type="VERIFICATION", client_ref="r-1")
        self.assertEqual((raised.exception.status, raised.exception.code, raised.exception.retry_after), (429, "RATE_LIMITED", 60))
        self.assertEqual(raised.exception.problem["limit"], "PER_MINUTE")
        self.assertEqual(len(ScriptedApi.seen), 1)
        self.assertEqual(json.loads(ScriptedApi.seen[0][1])["clientRef"], "r-1")

    def test_unknown_options_are_refused(self):
        with self.assertRaises(TypeError):
            self.client.send(["13800138000"], text="x", colour="red")


if __name__ == "__main__":
    unittest.main()
