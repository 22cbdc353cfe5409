"""Client for the 1069 SMS platform's REST API, in one file, Python 3 standard library only.

    from sms1069 import Client
    sms = Client("http://127.0.0.1:8081", key_id, key_secret)
    sent = sms.send(["13800138000"], text="【示例科技】您的订单已发货。", type="NOTIFICATION")
    message = sms.get_message(sent["messages"][0]["messageId"])

Every request is signed (scheme version 2, README "Signing requests"); a send goes under an Idempotency-Key
(a random one per call unless given), so its retries never send twice; 429 and 503 are retried after the
answer's Retry-After when it is at most ``max_retry_after`` seconds; any other non-2xx answer raises
``ApiProblem`` from its problem+json body. ``verify_callback`` checks the platform's callback POSTs.
"""
import hashlib
import hmac
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

__all__ = ["Client", "ApiProblem", "canonical_query", "canonical_request", "sign", "verify_callback"]

ALGORITHM = "SMS-HMAC-SHA256-2"
CALLBACK_TOLERANCE_SECONDS = 300
_SEND_FIELDS = {"signature", "clientRef", "sendAt", "validity"}


class ApiProblem(Exception):
    """A non-2xx answer: ``status``, the stable ``code`` (RATE_LIMITED, CONTENT_BLOCKED ...), ``detail``,
    ``retry_after`` (seconds, or None) and the whole problem+json object in ``problem``."""

    def __init__(self, status, problem, retry_after=None):
        self.status = status
        self.problem = problem
        self.code = problem.get("code")
        self.title = problem.get("title")
        self.detail = problem.get("detail")
        self.retry_after = retry_after
        super().__init__("%s %s: %s" % (status, self.code, self.detail))


def canonical_query(raw_query):
    """Each part split at its first '=', decoded as form data, encoded again per RFC 3986; sorted by name, then value."""
    if not raw_query:
        return ""
    pairs = []
    for part in raw_query.split("&"):
        if part:
            name, _, value = part.partition("=")
            pairs.append((_encode(urllib.parse.unquote_plus(name)), _encode(urllib.parse.unquote_plus(value))))
    pairs.sort()
    return "&".join(name + "=" + value for name, value in pairs)


def _encode(text):
    return urllib.parse.quote(text, safe="", encoding="utf-8")


def canonical_request(method, path, raw_query, timestamp, nonce, idempotency_key, body):
    """The eight lines that are signed; ``body`` is the exact bytes sent (b"" for a GET)."""
    return "\n".join([ALGORITHM, method.upper(), path, canonical_query(raw_query), str(timestamp), nonce,
                      idempotency_key or "", hashlib.sha256(body).hexdigest()])


def sign(secret, method, path, raw_query, timestamp, nonce, idempotency_key, body):
    """Lower-case hex HMAC-SHA256 of the canonical request, keyed with the key secret."""
    canonical = canonical_request(method, path, raw_query, timestamp, nonce, idempotency_key, body)
    return hmac.new(secret.encode("utf-8"), canonical.encode("utf-8"), hashlib.sha256).hexdigest()


def verify_callback(secret, timestamp, signature, body, now=None, tolerance=CALLBACK_TOLERANCE_SECONDS):
    """True when a callback POST is genuine: ``timestamp`` and ``signature`` are its X-Sms-Timestamp and
    X-Sms-Signature headers, ``body`` the raw bytes received (check before parsing them)."""
    if timestamp is None or signature is None:
        return False
    try:
        sent_at = int(str(timestamp).strip())
    except ValueError:
        return False
    now = int(time.time()) if now is None else now
    if abs(now - sent_at) > tolerance:
        return False
    expected = hmac.new(secret.encode("utf-8"), str(sent_at).encode("utf-8") + b"\n" + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.strip().lower())


def _camel(name):
    head, *rest = name.split("_")
    return head + "".join(word.capitalize() for word in rest)


class Client:
    def __init__(self, base_url, key_id, key_secret, timeout=30, max_attempts=3, max_retry_after=10, backoff=0.5):
        self.base_url = base_url.rstrip("/")
        self.key_id = key_id
        self._secret = key_secret
        self.timeout = timeout
        self.max_attempts = max(1, max_attempts)
        self.max_retry_after = max_retry_after
        self.backoff = backoff

    def send(self, phones, text=None, template_id=None, params=None, type=None, idempotency_key=None, **options):
        """POST /v1/messages; answers the parsed 202 body ({"messages": [...], "rejected": [...]}).
        ``options``: signature, client_ref, send_at (ISO-8601 instant), validity (ISO-8601 duration)."""
        body = {"phones": [phones] if isinstance(phones, str) else list(phones)}
        for name, value in (("text", text), ("templateId", template_id), ("params", params), ("type", type)):
            if value is not None:
                body[name] = value
        for name, value in options.items():
            field = _camel(name)
            if field not in _SEND_FIELDS:
                raise TypeError("send() got an unexpected option %r" % name)
            if value is not None:
                body[field] = value
        return self.request("POST", "/v1/messages", body=body, idempotency_key=idempotency_key or str(uuid.uuid4()))

    def get_message(self, message_id):
        """GET /v1/messages/{id}: status, carrier, raw code and timeline; ApiProblem NOT_FOUND if not the app's."""
        return self.request("GET", "/v1/messages/" + _encode(message_id))

    def list_messages(self, **filters):
        """GET /v1/messages: phone, status, from_ (or "from"), to, client_ref, limit, cursor."""
        query = {_camel(name.rstrip("_")): str(value) for name, value in filters.items() if value is not None}
        return self.request("GET", "/v1/messages", query=query)

    def request(self, method, path, query=None, body=None, idempotency_key=None):
        """Any endpoint: signs, sends, retries, and answers the parsed JSON of a 2xx (None if empty)."""
        raw_query = "&".join(_encode(k) + "=" + _encode(v) for k, v in (query or {}).items())
        data = b"" if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        repeatable = method.upper() == "GET" or idempotency_key is not None
        attempt = 0
        while True:
            attempt += 1
            try:
                with urllib.request.urlopen(self._signed(method, path, raw_query, data, idempotency_key),
                                            timeout=self.timeout) as response:
                    payload = response.read()
                    return json.loads(payload) if payload else None
            except urllib.error.HTTPError as error:
                problem = _problem(error)
                if error.code not in (429, 503) or attempt >= self.max_attempts:
                    raise problem from None
                wait = problem.retry_after if problem.retry_after is not None else self.backoff * 2 ** (attempt - 1)
                if wait > self.max_retry_after:
                    raise problem from None
            except OSError:  # URLError, refused or reset connections, timeouts (socket.timeout before 3.10)
                if not repeatable or attempt >= self.max_attempts:
                    raise
                wait = self.backoff * 2 ** (attempt - 1)
            time.sleep(wait)

    def _signed(self, method, path, raw_query, data, idempotency_key):
        timestamp = int(time.time())
        nonce = secrets.token_hex(16)
        headers = {
            "Accept": "application/json, application/problem+json",
            "X-Sms-Key-Id": self.key_id,
            "X-Sms-Timestamp": str(timestamp),
            "X-Sms-Nonce": nonce,
            "X-Sms-Signature-Version": "2",
            "X-Sms-Signature": sign(self._secret, method, path, raw_query, timestamp, nonce, idempotency_key, data),
        }
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        if data:
            headers["Content-Type"] = "application/json"
        url = self.base_url + path + ("?" + raw_query if raw_query else "")
        return urllib.request.Request(url, data=data or None, headers=headers, method=method.upper())


def _problem(error):
    raw = error.read()
    try:
        problem = json.loads(raw) if raw else {}
    except ValueError:
        problem = {}
    if not isinstance(problem, dict):
        problem = {}
    problem.setdefault("status", error.code)
    retry_after = error.headers.get("Retry-After") if error.headers else None
    try:
        retry_after = None if retry_after is None else max(0, int(retry_after.strip()))
    except ValueError:
        retry_after = None
    return ApiProblem(error.code, problem, retry_after)
