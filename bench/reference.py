"""The same-run reference of the benchmarks: a fixed pure-Python loop, timed."""

import time


def loop_ms(iterations: int, clock=time.thread_time) -> float:
    """Milliseconds of `clock` that a fixed loop of `iterations` takes: the machine's speed at
    this moment (it swings 2-4x between hours), to print beside a measured figure."""
    started = clock()
    total = 0
    for number in range(iterations):
        total += number * number % 7
    return (clock() - started) * 1000
