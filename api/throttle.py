"""Request rate limits per API key and throttling of wrong keys per client address (token buckets).

The buckets live in each worker's memory: with N workers a key gets up to N times the rate, which is fine
for the purpose (stopping a runaway client or a key-guessing loop), and costs no database round trip."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from agent.errors import RoadmapAgentError


class TooManyRequests(RoadmapAgentError):
    """Rate limit reached; the client should wait retry_after seconds."""

    status_code = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Buckets:
    """per_minute tokens per key, refilled continuously, up to a burst of the same size. At most max_keys
    keys are tracked (least recently used dropped), so a flood of addresses cannot grow memory."""

    def __init__(self, per_minute: int, max_keys: int = 10_000, clock: Callable[[], float] = time.monotonic) -> None:
        self._rate, self._capacity = per_minute / 60.0, float(per_minute)
        self._max_keys, self._clock = max_keys, clock
        self._state: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        """False when the limit is 0 (off)."""
        return self._capacity > 0

    def wait_time(self, key: str) -> float:
        """Seconds until key has a token (0 when it has one now)."""
        with self._lock:
            tokens = self._refill(key)
        return 0.0 if tokens >= 1 else (1 - tokens) / self._rate

    def take(self, key: str) -> float:
        """Spend a token; returns 0, or the seconds to wait when there was none (nothing spent)."""
        with self._lock:
            tokens = self._refill(key)
            if tokens < 1:
                return (1 - tokens) / self._rate
            self._state[key] = (tokens - 1, self._clock())
        return 0.0

    def _refill(self, key: str) -> float:
        now = self._clock()
        tokens, since = self._state.pop(key, (self._capacity, now))
        tokens = min(self._capacity, tokens + (now - since) * self._rate)
        self._state[key] = (tokens, now)
        while len(self._state) > self._max_keys:
            self._state.popitem(last=False)
        return tokens


class Throttle:
    """The API's two limits: requests per key, and wrong keys per client address."""

    def __init__(self, requests_per_minute: int, auth_failures_per_minute: int) -> None:
        self.requests = Buckets(requests_per_minute)
        self.failures = Buckets(auth_failures_per_minute)

    def check_address(self, address: str) -> None:
        """Refuse an address that has used up its wrong-key allowance, before looking at its key."""
        if self.failures.enabled and (wait := self.failures.wait_time(address)) > 0:
            raise TooManyRequests("Too many wrong API keys from this address; wait and retry.", _seconds(wait))

    def failed(self, address: str) -> None:
        """Count one wrong key from address."""
        if self.failures.enabled:
            self.failures.take(address)

    def check_key(self, owner: str) -> None:
        """Spend one request of a key's allowance, or refuse."""
        if self.requests.enabled and (wait := self.requests.take(owner)) > 0:
            raise TooManyRequests("Too many requests for this API key; slow down and retry.", _seconds(wait))


def _seconds(wait: float) -> int:
    return max(1, math.ceil(wait))
