"""A server process's memory and CPU, sampled from /proc while a benchmark runs."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path


class ProcMonitor:
    """Polls /proc/<pid>/status (VmRSS) and /proc/<pid>/stat (utime+stime) in a thread."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.pid = pid
        self.interval = interval
        self.samples: list[tuple[float, int, float]] = []  # (time, rss bytes, cpu seconds)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="proc-monitor")
        self._ticks = os.sysconf("SC_CLK_TCK")

    def _sample(self) -> tuple[float, int, float] | None:
        try:
            status = Path(f"/proc/{self.pid}/status").read_text()
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return None
        rss = 0
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) * 1024
        fields = stat.rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / self._ticks  # utime, stime (fields 14, 15 of stat)
        return time.perf_counter(), rss, cpu

    def _run(self) -> None:
        while not self._stop.is_set():
            sample = self._sample()
            if sample is not None:
                self.samples.append(sample)
            self._stop.wait(self.interval)

    def start(self) -> ProcMonitor:
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._stop.is_set():  # stopped already: keep the samples as they are
            return
        self._stop.set()
        self._thread.join(timeout=5)
        sample = self._sample()
        if sample is not None:
            self.samples.append(sample)

    @property
    def peak_rss(self) -> int:
        return max((s[1] for s in self.samples), default=0)

    @property
    def first_rss(self) -> int:
        return self.samples[0][1] if self.samples else 0

    def cpu_percent(self, window: float = 2.0) -> tuple[float, float]:
        """(mean, peak over ``window`` seconds) CPU use of the process, in % of one core."""
        if len(self.samples) < 2:
            return float("nan"), float("nan")
        (t0, _, c0), (t1, _, c1) = self.samples[0], self.samples[-1]
        mean = 100 * (c1 - c0) / max(t1 - t0, 1e-9)
        peak = 0.0
        j = 0
        for i in range(len(self.samples)):
            while j < i and self.samples[i][0] - self.samples[j][0] > window:
                j += 1
            if self.samples[i][0] - self.samples[j][0] >= window * 0.75:
                dt_ = self.samples[i][0] - self.samples[j][0]
                peak = max(peak, 100 * (self.samples[i][2] - self.samples[j][2]) / dt_)
        return mean, peak
