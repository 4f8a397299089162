"""Beat's scheduler with a lock in Redis: however many beat processes are started, one fires the clocks.

The lock is taken before beat opens its schedule and refreshed on every tick (beat ticks at least once a
``beat_max_loop_interval``). A second beat waits, idle, until the lock is free (the first stopped, or died and
its lock expired), then takes over. A beat that finds its lock taken by another (it stalled longer than the
lock's timeout) stops rather than fire the clocks a second time.
"""

import logging
import time
from typing import Any

import redis
from celery.beat import PersistentScheduler
from django.conf import settings
from redis.exceptions import LockError

logger = logging.getLogger(__name__)

_waiting = False  # set while this process waits for the lock: a signal handler must not wait a second time


def beat_lock(*, url: str | None = None) -> redis.lock.Lock:
    """The deployment's beat lock in the broker's Redis (every beat of a deployment shares that broker)."""
    client = redis.Redis.from_url(url or settings.CELERY_BROKER_URL)
    return client.lock(
        settings.CELERY_BEAT_LOCK_KEY,
        timeout=settings.CELERY_BEAT_LOCK_TIMEOUT,
        thread_local=False,  # beat may tick from another thread than the one that started it
    )


class LockedScheduler(PersistentScheduler):
    """The file-backed beat scheduler, running only while this process holds the beat lock."""

    lock_retry_seconds = 5.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.beat_lock: redis.lock.Lock | None = None
        super().__init__(*args, **kwargs)

    def setup_schedule(self) -> None:
        self._lock_wait()
        super().setup_schedule()

    def _lock_wait(self) -> None:
        global _waiting
        if _waiting:  # beat's SIGTERM handler asks for a scheduler while the first one still waits
            raise SystemExit(0)
        lock = beat_lock(url=self.app.conf.broker_url)
        _waiting = True
        try:
            told = False
            while not lock.acquire(blocking=False):
                if not told:
                    logger.warning(
                        "beat: another beat holds the lock %r; waiting until it is free", lock.name
                    )
                    told = True
                time.sleep(self.lock_retry_seconds)
        finally:
            _waiting = False
        logger.info("beat: holds the lock %r", lock.name)
        self.beat_lock = lock

    def tick(self, *args: Any, **kwargs: Any) -> float:
        if self.beat_lock is not None:
            try:
                self.beat_lock.reacquire()  # back to the full timeout
            except LockError:
                logger.error("beat: lost the lock %r to another beat; stopping", self.beat_lock.name)
                self.beat_lock = None
                raise SystemExit(1) from None
        return super().tick(*args, **kwargs)

    def close(self) -> None:
        try:
            super().close()
        finally:
            if self.beat_lock is not None:
                try:
                    self.beat_lock.release()
                except LockError:
                    logger.warning("beat: the lock %r had expired already", self.beat_lock.name)
                self.beat_lock = None
