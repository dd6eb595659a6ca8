"""sklearn side of the MLP training benchmark (run_inference.sh): MLPRegressor with the same
architecture, batch size, epochs and data as `neuroengine bench inference`, features scaled with
StandardScaler fitted on the training rows. Prints key=value lines."""
import csv
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import r2_score
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import StandardScaler


def load(path):
    with open(path) as f:
        header = next(csv.reader(f))
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    xs = [i for i, c in enumerate(header) if c.startswith("x")]
    ys = [i for i, c in enumerate(header) if c.startswith("y")]
    return data[:, xs], data[:, ys]


def main():
    folder, hidden, epochs = sys.argv[1], tuple(int(h) for h in sys.argv[2].split(",")), int(sys.argv[3])
    x, y = load(f"{folder}/train.csv")
    xt, yt = load(f"{folder}/test.csv")
    scaler = StandardScaler().fit(x)
    model = MLPRegressor(hidden_layer_sizes=hidden, max_iter=epochs, tol=0.0, n_iter_no_change=epochs + 1,
                         batch_size=200, random_state=1)
    warnings.simplefilter("ignore", ConvergenceWarning)
    start = time.perf_counter()
    model.fit(scaler.transform(x), y)
    seconds = time.perf_counter() - start
    print(f"mlp_seconds={seconds:.3f}")
    print(f"mlp_rows_epochs_per_s={len(x) * model.n_iter_ / seconds:.0f}")
    print(f"mlp_final_loss={model.loss_curve_[-1]:.5f}")
    print(f"mlp_test_r2={r2_score(yt, model.predict(scaler.transform(xt))):.4f}")


if __name__ == "__main__":
    main()
