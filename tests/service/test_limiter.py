"""`QueryLimiter.run_awaitable`, the `/sparql` path's limits on the event loop: work that
overruns the backstop deadline is cancelled and answered 503, a request that goes away
is not mistaken for a timeout, and every slot is free again afterwards."""

from __future__ import annotations

import asyncio
import time

import pytest

from beslutsgraf.service.http_errors import Overloaded, QueryTimedOut
from beslutsgraf.service.limits import DEADLINE_GRACE_S, QueryLimiter


def test_work_past_the_deadline_is_cancelled_and_its_slot_freed() -> None:
    limiter = QueryLimiter(1, timeout_s=0.1)
    stopped: list[bool] = []

    async def endless() -> None:
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            stopped.append(True)
            raise

    async def scenario() -> str:
        started = time.monotonic()
        with pytest.raises(QueryTimedOut):
            await limiter.run_awaitable(endless)
        assert time.monotonic() - started < 0.1 + DEADLINE_GRACE_S + 0.5
        return await limiter.run_awaitable(lambda: asyncio.sleep(0, "answered"))

    assert asyncio.run(scenario()) == "answered"  # the one slot was free again
    assert stopped == [True]
    limiter.close()


def test_a_request_that_goes_away_is_cancelled_not_timed_out() -> None:
    limiter = QueryLimiter(1, timeout_s=30)

    async def scenario() -> str:
        request = asyncio.ensure_future(limiter.run_awaitable(lambda: asyncio.sleep(60)))
        await asyncio.sleep(0.01)
        request.cancel()
        with pytest.raises(asyncio.CancelledError):
            await request
        return await limiter.run_awaitable(lambda: asyncio.sleep(0, "answered"))

    assert asyncio.run(scenario()) == "answered"
    limiter.close()


def test_beyond_the_slots_is_overloaded_until_one_frees() -> None:
    limiter = QueryLimiter(1, timeout_s=30)

    async def scenario() -> str:
        release = asyncio.Event()
        first = asyncio.ensure_future(limiter.run_awaitable(release.wait))
        await asyncio.sleep(0.01)
        with pytest.raises(Overloaded):
            await limiter.run_awaitable(lambda: asyncio.sleep(0))
        release.set()
        await first
        return await limiter.run_awaitable(lambda: asyncio.sleep(0, "answered"))

    assert asyncio.run(scenario()) == "answered"
    limiter.close()
