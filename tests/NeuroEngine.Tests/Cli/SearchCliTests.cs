using System.Globalization;
using NeuroEngine.IO;
using NeuroEngine.Search;
using NUnit.Framework;
using static NeuroEngine.Tests.Cli.CliRunner;

namespace NeuroEngine.Tests.Cli;

/// <summary><c>explore</c>, <c>optimize</c> and <c>runs</c> (docs/search.md), in-process.</summary>
public class SearchCliTests : TempFolderTest
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private string RunDir(string name) => Path.Combine(Dir, name);

    private static List<EvaluationRecord> Evaluations(string runDir)
    {
        using var store = RunStore.Open(Path.Combine(runDir, RunStore.FileName));
        return store.Evaluations();
    }

    [Test]
    public void OptimizeFindsTheRosenbrockMinimumAndShowsIt()
    {
        string config = Write("rosen.yaml", "objective: {function: rosenbrock, dims: 4}\noptimizer: {name: cmaes, budget: 3000, seed: 1}\n");
        var (code, stdout, stderr) = Run("optimize", config, "--run-dir", RunDir("run"));
        Assert.That(code, Is.EqualTo(0), stderr);
        var best = Evaluations(RunDir("run")).Where(e => e.Status == EvaluationStatus.Ok).MinBy(e => e.Objectives[0])!;
        Assert.That(best.Objectives[0], Is.LessThan(1e-8));
        Assert.That(best.Parameters, Is.EqualTo(new[] { 1.0, 1, 1, 1 }).Within(1e-4), "Rosenbrock's minimum is at (1, 1, 1, 1)");
        Assert.That(stdout, Does.Contain("3000/3000 evaluations (0 failed)"));
        (code, stdout, _) = Run("runs", "show", RunDir("run"), "--history", "--top", "2");
        Assert.That(code, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain($"{best.Id}\t"));
        Assert.That(stdout.Split('\n').Count(l => l.Length > 0 && char.IsAsciiDigit(l[0]) && l.Split('\t').Length == 3), Is.GreaterThan(100), "one history row per generation");
    }

    [Test]
    public void TheSameSeedGivesTheSameHistoryAnotherSeedAnother()
    {
        string Config(int seed) => Write($"de{seed}.yaml", $"objective: {{function: rastrigin, dims: 3}}\noptimizer: {{name: de, budget: 600, seed: {seed}, workers: 2}}\n");
        string Export(string config, string name)
        {
            Assert.That(Run("optimize", config, "--run-dir", RunDir(name)).Code, Is.EqualTo(0));
            string csv = Path.Combine(Dir, name + ".csv");
            Assert.That(Run("runs", "export", RunDir(name), "--out", csv).Code, Is.EqualTo(0));
            return File.ReadAllText(csv);
        }
        string a = Export(Config(5), "a"), b = Export(Config(5), "b"), c = Export(Config(6), "c");
        Assert.That(a.Split('\n')[0], Is.EqualTo("id,generation,status,objective_0,x0,x1,x2"));
        Assert.That(a.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(601));
        Assert.That(b, Is.EqualTo(a), "same seed, two workers: the same candidates and values in the same order");
        Assert.That(c, Is.Not.EqualTo(a));
    }

    [Test]
    public void ShardsOfASobolExplorationMergeIntoTheUnshardedRun()
    {
        string config = Write("sobol.yaml", """
            space:
              a: {type: float, low: -1, high: 1}
              b: {type: log, low: 0.01, high: 100}
              c: {type: categorical, values: [red, green, blue]}
            objective: {function: sphere, dims: 3}
            optimizer: {name: sobol, budget: 64, population: 8}
            """);
        Assert.That(Run("explore", config, "--run-dir", RunDir("x")).Err, Does.Contain("space is implied by objective.function"), "function objectives bring their space");
        config = Write("sobol.yaml", "objective: {function: sphere, dims: 3}\noptimizer: {name: sobol, budget: 64, population: 8, seed: 3}\n");
        Assert.That(Run("explore", config, "--run-dir", RunDir("whole")).Code, Is.EqualTo(0));
        for (int i = 0; i < 3; i++)
        {
            var (code, _, err) = Run("explore", config, "--run-dir", RunDir("sharded"), "--shard", $"{i}/3");
            Assert.That(code, Is.EqualTo(0), err);
        }
        Assert.That(Evaluations(Path.Combine(RunDir("sharded"), "shard-1-of-3")).Select(e => e.Id), Is.EqualTo(Enumerable.Range(0, 21).Select(k => 1L + 3 * k)), "shard 1 of 3 takes candidates 1, 4, 7, ...");
        var (mcode, mout, merr) = Run(["runs", "merge", .. Enumerable.Range(0, 3).Select(i => Path.Combine(RunDir("sharded"), $"shard-{i}-of-3")), "--out", RunDir("merged")]);
        Assert.That(mcode, Is.EqualTo(0), merr);
        Assert.That(mout, Does.Contain("64 evaluations"));
        var whole = Evaluations(RunDir("whole"));
        var merged = Evaluations(RunDir("merged"));
        Assert.That(merged.Select(e => e.Id), Is.EqualTo(whole.Select(e => e.Id)));
        Assert.That(merged.Select(e => e.Parameters), Is.EqualTo(whole.Select(e => e.Parameters)));
        Assert.That(merged.Select(e => e.Objectives), Is.EqualTo(whole.Select(e => e.Objectives)));
        Assert.That(merged.Select(e => e.Seed), Is.EqualTo(whole.Select(e => e.Seed)), "seeds depend on the evaluation id, not the shard");
        // the Sobol points themselves: point 1 is the centre of the cube, decoded into [-5, 5]
        Assert.That(whole[1].Parameters, Is.EqualTo(new[] { 0.0, 0, 0 }));
        Assert.That(Run("runs", "merge", Path.Combine(RunDir("sharded"), "shard-0-of-3"), Path.Combine(RunDir("sharded"), "shard-0-of-3"), "--out", RunDir("twice")).Err,
            Does.Contain("given twice"));
        Assert.That(Run("runs", "show", RunDir("sharded")).Err, Does.Contain("runs merge"), "a folder of shards says how to combine them");
    }

    [Test]
    public void Nsga2FindsANonDominatedZdt1Front()
    {
        string config = Write("zdt.yaml", "objective: {function: zdt1, dims: 5}\noptimizer: {name: nsga2, budget: 4000, population: 40, seed: 2}\n");
        var (code, stdout, stderr) = Run("optimize", config, "--run-dir", RunDir("run"));
        Assert.That(code, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("Pareto front of"));
        using var store = RunStore.Open(Path.Combine(RunDir("run"), RunStore.FileName));
        var front = store.Front();
        foreach (var a in front)
            foreach (var b in front) Assert.That(ParetoFront.Dominates(a.Objectives, b.Objectives), Is.False, $"{a.Id} dominates {b.Id}");
        double hv = ParetoFront.Hypervolume2D(front.Select(e => e.Objectives), (1.1, 1.1));
        Assert.That(hv, Is.GreaterThan(0.85).And.LessThan(0.8767), "ZDT1's optimal front has hypervolume 0.8767 against (1.1, 1.1)");
        string csv = Path.Combine(Dir, "zdt.csv");
        Assert.That(Run("runs", "export", RunDir("run"), "--out", csv).Code, Is.EqualTo(0));
        Assert.That(File.ReadLines(csv).First(), Does.StartWith("id,generation,status,objective_0,objective_1,x0,"));
    }

    [Test]
    public void BadConfigsAndRunFoldersGiveClearErrors()
    {
        string brunel = Write("brunel.yaml", TestNetworks.SmallBrunel(100, "{spikes: true}"));
        (string Yaml, string Expected)[] cases =
        [
            ("space: {x: {type: float, low: 5, high: 1}}\nobjective: {simulate: brunel.yaml, metrics: [{name: fr, target: 5}]}\noptimizer: {name: cmaes, budget: 10}",
                "space.x bounds [5, 1] are inverted"),
            ("space: {nosuchkey: {type: float, low: 0, high: 1}}\nobjective: {simulate: brunel.yaml, metrics: [{name: fr, target: 5}]}\noptimizer: {name: cmaes, budget: 10}",
                "unknown key nosuchkey"),
            ("space: {drive.3.rate_hz: {type: float, low: 0, high: 1}}\nobjective: {simulate: brunel.yaml, metrics: [{name: fr, target: 5}]}\noptimizer: {name: cmaes, budget: 10}",
                "space.drive.3.rate_hz: drive has 1 items, there is no item 3"),
            ("objective: {function: sphere}\noptimizer: {name: cmaes, budget: -5}", "optimizer.budget must be at least 1 evaluation, got -5"),
            ("objective: {function: sphere}\noptimizer: {name: cmaes}", "optimizer.budget is required for cmaes"),
            ("objective: {function: sphere}\noptimizer: {name: simplex, budget: 5}", "optimizer.name must be one of grid, random, sobol"),
            ("objective: {function: zdt1}\noptimizer: {name: cmaes, budget: 5}", "cmaes minimises one objective"),
            ("objective: {function: sphere}\noptimizer: {name: nsga2, budget: 5}", "nsga2 needs several objectives"),
            ("space: {x: {low: 0, high: 1}}\nobjective: {simulate: brunel.yaml, metrics: [{name: spikiness, target: 5}]}\noptimizer: {name: cmaes, budget: 10}",
                "must be fr, cv, corr"),
            ("space: {drive.0.rate_hz: {low: 50, high: 150}}\nobjective: {simulate: brunel.yaml, metrics: [{name: fc_corr, target: 1, against: .}]}\noptimizer: {name: cmaes, budget: 10}",
                "fc_corr needs a whole-brain model"),
            ("space: {drive.0.rate_hz: {low: 50, high: 150}}\nobjective: {simulate: brunel.yaml, metrics: [{name: fr, population: X, target: 1}]}\noptimizer: {name: cmaes, budget: 10}",
                "population 'X' is not in the simulate config"),
        ];
        foreach (var (yaml, expected) in cases)
        {
            string config = Write("bad.yaml", yaml);
            var (code, stdout, stderr) = Run("optimize", config, "--run-dir", RunDir("bad"));
            Assert.That(code, Is.EqualTo(2), yaml);
            Assert.That(stderr, Does.Contain(expected), yaml);
            Assert.That(stdout, Is.Empty);
            Assert.That(Directory.Exists(RunDir("bad")), Is.False, "nothing is created for a bad config");
        }
        string good = Write("good.yaml", "objective: {function: sphere}\noptimizer: {name: cmaes, budget: 20}\n");
        Assert.That(Run("explore", good, "--run-dir", RunDir("r")).Err, Does.Contain("run it with neuroengine optimize"));
        Assert.That(Run("optimize", good, "--run-dir", RunDir("r"), "--resume").Err, Does.Contain("holds no run to resume"));
        Assert.That(Run("optimize", good, "--run-dir", RunDir("r")).Code, Is.EqualTo(0));
        Assert.That(Run("optimize", good, "--run-dir", RunDir("r")).Err, Does.Contain("is not empty; add --resume"));
        string other = Write("other.yaml", "objective: {function: sphere}\noptimizer: {name: cmaes, budget: 30}\n");
        Assert.That(Run("optimize", other, "--run-dir", RunDir("r"), "--resume").Err, Does.Contain("differs from the config the run"));
        Assert.That(Run("explore", Write("g.yaml", "objective: {function: sphere}\noptimizer: {name: grid, budget: 5}\n"), "--run-dir", RunDir("g"), "--shard", "3/3").Err,
            Does.Contain("--shard must be i/N with 0 <= i < N"));
    }

    [Test]
    public void SpikingMetricsEqualThoseOfTheSimulatedSpikes()
    {
        Write("brunel.yaml", TestNetworks.SmallBrunel(300, "{spikes: true}"));
        string config = Write("grid.yaml", """
            space: {drive.0.rate_hz: {type: float, low: 100, high: 150}}
            objective:
              simulate: brunel.yaml
              metrics:
                - {name: fr, target: 10}
                - {name: cv, population: E, target: 1, weight: 2}
                - {name: rate_I, target: 10, scale: 5}
            optimizer: {name: grid, points_per_axis: 2, seed: 9}
            """);
        var (code, _, stderr) = Run("explore", config, "--run-dir", RunDir("grid"));
        Assert.That(code, Is.EqualTo(0), stderr);
        var evaluations = Evaluations(RunDir("grid"));
        Assert.That(evaluations.Select(e => e.Parameters[0]), Is.EqualTo(new[] { 100.0, 150 }));
        foreach (var e in evaluations)
        {
            // the generation ran as one batch; each network equals `simulate` of the config's network
            // (connectivity seed 7) with the evaluation's seed and rate
            string single = Write($"single{e.Id}.yaml", TestNetworks.SmallBrunel(300, "{spikes: true}")
                .Replace("seed: 7", $"seed: {e.Seed}\nconnectivity_seed: 7").Replace("rate_hz: 125", $"rate_hz: {e.Parameters[0].ToString("R", C)}"));
            Assert.That(Run("simulate", single, "--out", Path.Combine(Dir, $"out{e.Id}")).Code, Is.EqualTo(0));
            var spikes = NumericCsv.Read(Path.Combine(Dir, $"out{e.Id}", "spikes.csv")).Rows;
            var trains = Enumerable.Range(0, 1000).Select(n => spikes.Where(r => (int)r[0] == n).Select(r => r[1]).Order().ToArray()).ToArray();
            double fr = spikes.Length / 1000.0 / 0.3, rateI = trains[800..].Sum(t => t.Length) / 200.0 / 0.3;
            var cvs = trains[..800].Where(t => t.Length >= 3).Select(t =>
            {
                var isi = t.Zip(t.Skip(1), (a, b) => b - a).ToArray();
                double mean = isi.Average();
                return Math.Sqrt(isi.Average(x => (x - mean) * (x - mean))) / mean;
            }).ToArray();
            Assert.That(cvs, Has.Length.GreaterThan(100));
            Assert.That(e.Metrics["fr"], Is.EqualTo(fr).Within(1e-9));
            Assert.That(e.Metrics["rate_I"], Is.EqualTo(rateI).Within(1e-9));
            Assert.That(e.Metrics["cv_E"], Is.EqualTo(cvs.Average()).Within(1e-9));
            double loss = (fr - 10) * (fr - 10) + 2 * (cvs.Average() - 1) * (cvs.Average() - 1) + Math.Pow((rateI - 10) / 5, 2);
            Assert.That(e.Objectives[0], Is.EqualTo(loss).Within(1e-9 * loss));
        }
        Assert.That(evaluations[1].Metrics["fr"], Is.GreaterThan(evaluations[0].Metrics["fr"]), "more drive, more spikes");
    }

    [Test]
    public void ABatchedNeuralMassGenerationEqualsSingleRuns()
    {
        // noise-free Hopf nodes: the batched generation must give each candidate exactly its own single run
        Write("hopf.yaml", "model: hopf\nnodes: 2\nduration_ms: 500\ndt_ms: 0.1\nsampling_ms: 1\nparams: {sigma_ou: 0, w: 0.3}\ninit: {x: [0.5, 0.1], y: [0, 0.2]}\n");
        string config = Write("search.yaml", """
            space:
              a: {type: float, low: -0.5, high: 0.5}
              w: {type: float, low: 0.1, high: 0.5}
            objective: {simulate: hopf.yaml, metrics: [{name: mean_x, target: 0}, {name: mean_y, target: 0.1, weight: 3}]}
            optimizer: {name: random, budget: 6, population: 3, seed: 4}
            """);
        var (code, _, stderr) = Run("explore", config, "--run-dir", RunDir("run"));
        Assert.That(code, Is.EqualTo(0), stderr);
        foreach (var e in Evaluations(RunDir("run")))
        {
            string single = Write($"single{e.Id}.yaml", $"model: hopf\nnodes: 2\nduration_ms: 500\ndt_ms: 0.1\nsampling_ms: 1\n" +
                $"params: {{sigma_ou: 0, a: {e.Parameters[0].ToString("R", C)}, w: {e.Parameters[1].ToString("R", C)}}}\ninit: {{x: [0.5, 0.1], y: [0, 0.2]}}\n");
            Assert.That(Run("simulate", single, "--out", Path.Combine(Dir, $"out{e.Id}")).Code, Is.EqualTo(0));
            var rows = NumericCsv.Read(Path.Combine(Dir, $"out{e.Id}", "activity.csv")).Rows;
            var columns = NumericCsv.Read(Path.Combine(Dir, $"out{e.Id}", "activity.csv")).Columns;
            double Mean(string prefix) => rows.Average(r => Enumerable.Range(0, columns.Length).Where(j => columns[j].StartsWith(prefix)).Average(j => r[j]));
            Assert.That(e.Metrics["mean_x"], Is.EqualTo(Mean("x_")).Within(1e-12), $"evaluation {e.Id}");
            Assert.That(e.Metrics["mean_y"], Is.EqualTo(Mean("y_")).Within(1e-12), $"evaluation {e.Id}");
        }
    }

    [Test]
    public void WholeBrainMetricsEqualTheFitsOfASimulatedSweep()
    {
        string gw = RepositoryData.Data("gw");
        string connectome = Path.Combine(gw, "connectome"), subjects = Path.Combine(gw, "cortical80");
        string model = $"model: hopf\nconnectome: {connectome}\nduration_ms: 40000\ndt_ms: 0.1\nsampling_ms: 10\nparams: {{a: -0.02, w: 0.2, sigma_ou: 0.14}}\n";
        Write("hopf.yaml", model);
        string config = Write("search.yaml", $$$"""
            space: {K_gl: {type: float, low: 0.5, high: 3}}
            objective:
              simulate: hopf.yaml
              metrics:
                - {name: fc_corr, target: 1, against: gw}
                - {name: fcd_ks, target: 0, window: 10, step: 2, against: {{{subjects}}}}
            optimizer: {name: random, budget: 2, population: 2, seed: 5}
            """);
        var (code, _, stderr) = Run("explore", config, "--run-dir", RunDir("run"));
        Assert.That(code, Is.EqualTo(0), stderr);
        var e = Evaluations(RunDir("run"));
        Assert.That(e[1].Seed, Is.EqualTo(e[0].Seed), "one batched simulation, seeded with the generation's first evaluation seed");

        // the same two parameter sets as a `simulate` sweep with that seed: its FC fits and its BOLD
        string sweep = Write("sweep.yaml", model + $"seed: {e[0].Seed}\nbold: true\nempirical_fc: {subjects}\n" +
            $"sweep: {{K_gl: [{e[0].Parameters[0].ToString("R", C)}, {e[1].Parameters[0].ToString("R", C)}]}}\n");
        Assert.That(Run("simulate", sweep, "--out", Path.Combine(Dir, "sweep")).Code, Is.EqualTo(0));
        var fits = NumericCsv.Read(Path.Combine(Dir, "sweep", "sweep.csv"));
        int fitColumn = Array.IndexOf(fits.Columns, "mean_fc_correlation");
        var bold = ReadNpy(Path.Combine(Dir, "sweep", "bold.npy"), out int[] shape); // [set, sample, node]
        var empirical = Directory.GetFiles(subjects, "*_BOLD.csv").Order(StringComparer.Ordinal).Select(f =>
        {
            var rows = NumericCsv.Read(f, hasHeader: false).Rows; // regions x time
            var t = new double[rows[0].Length, rows.Length];
            for (int i = 0; i < rows.Length; i++) for (int s = 0; s < rows[0].Length; s++) t[s, i] = rows[i][s];
            return NeuroEngine.Signals.FunctionalConnectivity.Fcd(t, 10, 2);
        }).ToList();
        Assert.That(empirical, Has.Count.EqualTo(5));
        for (int set = 0; set < 2; set++)
        {
            Assert.That(e[set].Metrics["fc_corr"], Is.EqualTo(fits.Rows[set][fitColumn]).Within(1e-12), $"set {set}: FC fit as simulate computes it");
            int samples = shape[1] - 5, nodes = shape[2]; // 10 s transient = 5 samples at TR 2 s
            var series = new double[samples, nodes];
            for (int s = 0; s < samples; s++) for (int i = 0; i < nodes; i++) series[s, i] = bold[((long)set * shape[1] + s + 5) * nodes + i];
            var fcd = NeuroEngine.Signals.FunctionalConnectivity.Fcd(series, 10, 2);
            double ks = empirical.Average(x => NeuroEngine.Signals.FunctionalConnectivity.FcdKsDistance(fcd, x));
            Assert.That(e[set].Metrics["fcd_ks"], Is.EqualTo(ks).Within(1e-12), $"set {set}: FCD KS distance");
            Assert.That(e[set].Objectives[0], Is.EqualTo(Math.Pow(1 - fits.Rows[set][fitColumn], 2) + ks * ks).Within(1e-12));
        }
    }

    // a little-endian float64 .npy file (format 1.0) and its shape
    private static double[] ReadNpy(string path, out int[] shape)
    {
        var bytes = File.ReadAllBytes(path);
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        string header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.That(header, Does.Contain("'descr': '<f8'"));
        string dims = header[(header.IndexOf("'shape': (", StringComparison.Ordinal) + 10)..];
        shape = dims[..dims.IndexOf(')')].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var values = new double[(bytes.Length - 10 - headerLength) / 8];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * 8);
        return values;
    }

    [Test]
    public void TheBrunelExampleFitReachesItsRateAndCvTargets()
    {
        // examples/search-brunel.yaml as shipped: DE, 120 evaluations in generations of 12 (one batch each)
        var (code, stdout, stderr) = Run("optimize", RepositoryData.RepoFile("examples/search-brunel.yaml"), "--run-dir", RunDir("fit"));
        Assert.That(code, Is.EqualTo(0), stderr);
        var all = Evaluations(RunDir("fit"));
        var best = all.Where(e => e.Status == EvaluationStatus.Ok && double.IsFinite(e.Objectives[0])).MinBy(e => e.Objectives[0])!;
        Assert.That(best.Metrics["fr_E"], Is.EqualTo(15).Within(0.3), "target rate 15 Hz");
        Assert.That(best.Metrics["cv_E"], Is.EqualTo(0.38).Within(0.01), "target CV 0.38");
        var firstGeneration = all.Where(e => e.Generation == 0 && double.IsFinite(e.Objectives[0])).Min(e => e.Objectives[0]);
        Assert.That(best.Objectives[0], Is.LessThan(firstGeneration / 10), "the optimiser improved on its first generation");
    }

    [Test]
    public void ALifNeuronsGenerationIsOneBatchEqualToSimulatingItsNeurons()
    {
        Write("neurons.yaml", "model: lif-neurons\nneurons: 50\nsettings: {T_ms: 500, dt_ms: 0.1, I_mean: 250, I_std: 50}\n");
        string config = Write("search.yaml", """
            space:
              V_th: {type: float, low: -58, high: -50}
              tau_m: {type: log, low: 5, high: 20}
            objective:
              simulate: neurons.yaml
              metrics: [{name: fr, target: 40}, {name: cv, target: 0.5}, {name: mean_V, target: -60, weight: 0.01}]
            optimizer: {name: random, budget: 3, population: 3, seed: 2}
            """);
        var (code, _, stderr) = Run("explore", config, "--run-dir", RunDir("run"));
        Assert.That(code, Is.EqualTo(0), stderr);
        var e = Evaluations(RunDir("run"));
        Assert.That(e.Select(x => x.Seed).Distinct().Count(), Is.EqualTo(1), "one batch, seeded with the generation's first evaluation seed");
        // the same 150 neurons (50 per candidate, the unsearched parameters at the prior's centres) through simulate
        string theta = Write("theta.csv", "V_th,tau_m,g_L,V_reset,V_init,E_L\n" + string.Concat(e.SelectMany(x =>
            Enumerable.Repeat($"{x.Parameters[0].ToString("R", C)},{x.Parameters[1].ToString("R", C)},10,-72,-70,-70\n", 50))));
        string single = Write("single.yaml", $"model: lif-neurons\nseed: {e[0].Seed}\nparameters: theta.csv\nsettings: {{T_ms: 500, dt_ms: 0.1, I_mean: 250, I_std: 50}}\n");
        Assert.That(Run("simulate", single, "--out", Path.Combine(Dir, "single")).Code, Is.EqualTo(0));
        var summary = NumericCsv.Read(Path.Combine(Dir, "single", "summary.csv"));
        int count = summary.IndexOf("spike_count"), meanV = summary.IndexOf("mean_v");
        for (int k = 0; k < 3; k++)
        {
            var rows = summary.Rows.Skip(50 * k).Take(50).ToArray();
            Assert.That(e[k].Metrics["fr"], Is.EqualTo(rows.Average(r => r[count]) / 0.5).Within(1e-9), $"candidate {k}: rate");
            Assert.That(e[k].Metrics["mean_V"], Is.EqualTo(rows.Average(r => r[meanV])).Within(1e-9), $"candidate {k}: mean V");
        }
        Assert.That(e.Select(x => x.Metrics["fr"]).Distinct().Count(), Is.EqualTo(3));
        string bad = Write("bad.yaml", File.ReadAllText(config).Replace("{name: mean_V, target: -60, weight: 0.01}", "{name: corr, target: 0}"));
        Assert.That(Run("explore", bad, "--run-dir", RunDir("bad")).Err, Does.Contain("a lif-neurons run gives fr, cv and mean_V"));
    }

    [Test]
    public void FailedEvaluationsAreStoredWithTheirErrorAndTheRunGoesOn()
    {
        Write("brunel.yaml", TestNetworks.SmallBrunel(100, "{spikes: true}"));
        // a negative in-degree is refused by the network builder: those candidates fail, the others run
        string config = Write("search.yaml", """
            space: {connections.0.indegree: {type: int, low: -40, high: 120}}
            objective: {simulate: brunel.yaml, metrics: [{name: fr, target: 20}]}
            optimizer: {name: grid, points_per_axis: 5}
            """);
        var (code, stdout, stderr) = Run("explore", config, "--run-dir", RunDir("run"));
        Assert.That(code, Is.EqualTo(0), stderr);
        var all = Evaluations(RunDir("run"));
        Assert.That(all, Has.Count.EqualTo(5));
        var failed = all.Where(e => e.Status == EvaluationStatus.Failed).ToList();
        Assert.That(failed.Select(e => e.Parameters[0]), Is.EqualTo(new[] { -40.0 }));
        Assert.That(failed[0].Error, Does.Contain("indegree"));
        Assert.That(stdout, Does.Contain("5/5 evaluations (1 failed)"));
    }
}
