"""Spike-train statistics shared by the Brian2 reference scripts; NeuroEngine computes the same
definitions in SpikeTrainStatistics.cs. Over the window (warmup_ms, duration_ms]:
  rate   = spikes / (neurons * seconds)
  cv_isi = mean over neurons with >= 3 spikes of std(ISI) / mean(ISI) (population std, ddof = 0)
  fano   = mean over neurons with a spike in a full 100 ms bin of var / mean (ddof = 0) of the
           neuron's spike counts in floor(window / 100 ms) bins of 100 ms
"""
import numpy as np


def spike_stats(indices, times_ms, first, size, warmup_ms, duration_ms):
    indices = np.asarray(indices)
    times_ms = np.asarray(times_ms, dtype=float)
    keep = (indices >= first) & (indices < first + size) & (times_ms > warmup_ms)
    idx = indices[keep] - first
    t = times_ms[keep]
    window = duration_ms - warmup_ms
    rate = len(t) / (size * window / 1000.0)
    order = np.lexsort((t, idx))
    idx, t = idx[order], t[order]
    bounds = np.searchsorted(idx, np.arange(size + 1))
    cvs, fanos = [], []
    bins = int(np.floor(window / 100.0))
    for n in range(size):
        train = t[bounds[n]:bounds[n + 1]]
        if len(train) >= 3:
            isi = np.diff(train)
            cvs.append(isi.std() / isi.mean())
        if bins > 0 and len(train) > 0:
            b = ((train - warmup_ms) // 100.0).astype(int)
            counts = np.bincount(b[(b >= 0) & (b < bins)], minlength=bins)[:bins].astype(float)
            if counts.mean() > 0:
                fanos.append(counts.var() / counts.mean())
    return rate, (float(np.mean(cvs)) if cvs else float("nan")), (float(np.mean(fanos)) if fanos else float("nan"))
