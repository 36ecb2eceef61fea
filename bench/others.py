#!/usr/bin/env python3
"""The CPU time other user processes used, for bench/compare's quiet-machine check.

Usage: bench/others.py snapshot FILE PID     writes the counters to FILE
       bench/others.py since FILE PID        prints the CPU seconds other processes used since the snapshot

"Other" means a user process that is neither PID (the benchmark's shell) nor one of its descendants (the timed
builds and everything they start), and not a kernel thread: the kernel's own threads (writeback, kworker) mostly do
the benchmark's own writes, which /proc/stat's machine-wide busy time counts as someone else's. It is the machine's
user and system time (/proc/stat) less the time of the benchmark's processes (their own and that of the children
they waited for) and of the kernel threads, so short processes that came and went between the snapshots count too.
Interrupt time is not counted (the disk's interrupts are mostly the benchmark's writes).
"""
import json, os, sys

PF_KTHREAD = 0x00200000
HZ = os.sysconf("SC_CLK_TCK")


def machine():
    """User, nice and system ticks of every core so far."""
    with open("/proc/stat", encoding="ascii") as f:
        fields = f.readline().split()
    return int(fields[1]) + int(fields[2]) + int(fields[3])


def processes():
    """pid -> (parent pid, flags, user + system ticks, ticks of the children it waited for)."""
    out = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="utf-8", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        # After "pid (comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
        out[int(name)] = (int(fields[1]), int(fields[6]), int(fields[11]) + int(fields[12]),
                          int(fields[13]) + int(fields[14]))
    return out


def counters(own):
    """The machine's ticks, and by pid the ticks of the benchmark's processes and of the kernel threads."""
    procs = processes()
    mine, kernel = {}, {}
    for pid, (ppid, flags, ticks, children) in procs.items():
        if flags & PF_KTHREAD:
            kernel[pid] = ticks
            continue
        p, depth = pid, 0
        while p > 1 and p != own and depth < 4096:
            p, depth = procs.get(p, (0,))[0], depth + 1
        if p == own:
            mine[pid] = ticks + children
    return {"machine": machine(), "own": mine, "kernel": kernel}


def delta(now, before):
    """What the processes in now used since before (all of it for a new one)."""
    return sum(max(0, t - before.get(pid, 0)) for pid, t in now.items())


def main():
    mode, file, own = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "snapshot":
        with open(file, "w", encoding="utf-8") as f:
            json.dump(counters(own), f)
        return
    with open(file, encoding="utf-8") as f:
        before = json.load(f)
    now = counters(own)
    others = now["machine"] - before["machine"]
    for kind in ("own", "kernel"):
        others -= delta(now[kind], {int(k): v for k, v in before[kind].items()})
    print(f"{max(0, others) / HZ:.2f}")


if __name__ == "__main__":
    main()
