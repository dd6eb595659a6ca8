// A consumer of the NeuroEngine package: simulates noiseless neurons and checks the
// spike count against the closed form of the seed's Euler scheme, that the
// package's assembly and native library carry one version, and loads the shipped
// data set gw from the data/ folder the package puts beside this program. Exit 0 =
// the package works (native library and data found and correct, same version), 1 = it does not.
using NeuroEngine;
using NeuroEngine.Data;
using NeuroEngine.Simulation;
using NeuroEngine.Simulation.Mass;

var settings = new LifSettings { IStd = 0, ObsNoiseStd = 0 };
var neuron = new LifParameters(VTh: -55, TauM: 10, GL: 10, VReset: -72, VInit: -70, EL: -70);
var result = LifNeuronBatch.Simulate([neuron, neuron, neuron], settings, new LifRunOptions { Seed = 1 });

// Closed form: from V_reset, V_inf = E_L + I/g_L = -50; first j with V_inf + (1-a)^j (V_reset - V_inf) >= V_th.
double a = settings.DtMs / neuron.TauM, vInf = neuron.EL + settings.IMean / neuron.GL;
int Steps(double v0) { int j = 0; double v = v0; while (v < neuron.VTh) { v = v + (-(v - neuron.EL) + settings.IMean / neuron.GL) * a; j++; } return j; }
int first = Steps(neuron.VInit), isi = settings.RefractorySteps + Steps(neuron.VReset);
int expected = 0;
for (long k = first; k < settings.Samples - 1; k += isi) expected++;

Console.WriteLine($"NeuroEngine {EngineInfo.ManagedVersion} native {EngineInfo.NativeVersion} ({EngineInfo.BuildInfo})");
Console.WriteLine($"spike counts {string.Join(",", result.SpikeCounts)}, closed form {expected}");
if (EngineInfo.ManagedVersion != EngineInfo.NativeVersion)
{
    Console.WriteLine("error: the package's assembly and native library versions differ");
    return 1;
}

// the data come with the package: 80 regions, 5 subjects with 80 x 80 FCs, and the ALN tables (350 x 64)
var gw = Datasets.Load("gw");
var aln = AlnTables.LoadDefault();
bool dataOk = gw.Connectome.Regions == 80 && gw.Subjects.Count == 5 && gw.EmpiricalFc.All(fc => fc.GetLength(0) == 80)
    && aln.Mu.Length == 350 && aln.Sigma.Length == 64;
Console.WriteLine($"data set {gw.Name}: {gw.Connectome.Regions} regions, {gw.Subjects.Count} subjects (from {gw.Folder}); ALN tables {aln.Mu.Length} x {aln.Sigma.Length}");
return result.SpikeCounts.All(c => c == expected) && dataOk ? 0 : 1;
