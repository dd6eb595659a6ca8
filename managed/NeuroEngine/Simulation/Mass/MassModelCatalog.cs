using System.Runtime.InteropServices;
using NeuroEngine.Native;

namespace NeuroEngine.Simulation.Mass;

/// <summary>The built-in neural mass models as data: their descriptors, read once from the native library's
/// table (<c>ne_mass_model_*</c>, native/src/mass/mass_models.c), the one place that describes them. Configs,
/// searches, <c>neuroengine models</c> and docs/models.md all read this.</summary>
public static unsafe class MassModelCatalog
{
    private static readonly Lazy<IReadOnlyList<MassModelDescriptor>> Table = new(Load);

    /// <summary>The built-in models, in the order of <see cref="NeuralMassModel"/>.</summary>
    public static IReadOnlyList<MassModelDescriptor> BuiltIn => Table.Value;

    /// <summary>The built-in model of that config name or alias (e.g. <c>wc</c>, <c>ww</c>), or null.</summary>
    public static MassModelDescriptor? Find(string nameOrAlias) =>
        BuiltIn.FirstOrDefault(d => d.Name == nameOrAlias || d.Aliases.Contains(nameOrAlias));

    /// <summary>The descriptor of a built-in model.</summary>
    public static MassModelDescriptor Get(NeuralMassModel model) =>
        (int)model >= 0 && (int)model < BuiltIn.Count ? BuiltIn[(int)model]
            : throw new ArgumentOutOfRangeException(nameof(model), model, $"not a built-in model (there are {BuiltIn.Count})");

    /// <summary>Every name a config's <c>model:</c> takes for a built-in model: each name, then its aliases.</summary>
    public static IReadOnlyList<string> Names => BuiltIn.SelectMany(d => d.Aliases.Prepend(d.Name)).ToArray();

    /// <summary>The built-in models for a message: <c>wc, fhn, hopf, wongwang (ww) or aln</c>.</summary>
    public static string NameList(string last = "or")
    {
        var names = BuiltIn.Select(d => d.Aliases.Count == 0 ? d.Name : $"{d.Name} ({string.Join(", ", d.Aliases)})").ToArray();
        return names.Length == 1 ? names[0] : $"{string.Join(", ", names[..^1])} {last} {names[^1]}";
    }

    private static IReadOnlyList<MassModelDescriptor> Load()
    {
        NativeLibraryLoader.EnsureCompatible();
        NativeStatus.Check(NativeMethods.ne_mass_model_count(out int count));
        var models = new MassModelDescriptor[count];
        for (uint m = 0; m < count; m++)
        {
            var info = new MassModelInfoNative { StructSize = (uint)sizeof(MassModelInfoNative) };
            NativeStatus.Check(NativeMethods.ne_mass_model_info_get(m, ref info));
            var parameters = new MassModelParameter[info.NParams];
            for (int i = 0; i < info.NParams; i++)
            {
                var p = new MassParamInfoNative { StructSize = (uint)sizeof(MassParamInfoNative) };
                NativeStatus.Check(NativeMethods.ne_mass_model_param(m, i, ref p));
                parameters[i] = new MassModelParameter(Text(p.Name), Text(p.Unit), p.DefaultValue, p.Min, p.Max, p.MinOpen != 0,
                    p.MaxOpen != 0, Text(p.Description), p.Slot);
            }
            var state = new string[info.NState];
            var units = new string[info.NState];
            var low = new double[info.NState];
            var high = new double[info.NState];
            for (int v = 0; v < info.NState; v++)
            {
                var s = new MassStateInfoNative { StructSize = (uint)sizeof(MassStateInfoNative) };
                NativeStatus.Check(NativeMethods.ne_mass_model_state(m, v, ref s));
                (state[v], units[v], low[v], high[v]) = (Text(s.Name), Text(s.Unit), s.InitLow, s.InitHigh);
            }
            string[] Texts(uint kind, int n) => Enumerable.Range(0, n).Select(i =>
            {
                NativeStatus.Check(NativeMethods.ne_mass_model_text(m, kind, i, out byte* text));
                return Text(text);
            }).ToArray();
            models[m] = new MassModelDescriptor(Text(info.Name), Texts(TextAlias, info.NAliases), Text(info.Title), Text(info.Citation),
                parameters, state, Texts(TextOutput, info.NOutputs), Text(info.Coupling), Texts(TextNoise, info.NNoise),
                string.Join("\n", Texts(TextEquation, info.NEquations)), info.BoldOffset, info.BoldScale, low, high, (NeuralMassModel)m) { StateUnits = units };
        }
        return models;
    }

    // NE_MASS_TEXT_*
    private const uint TextAlias = 0, TextOutput = 1, TextNoise = 2, TextEquation = 3;

    private static string Text(byte* p) => Marshal.PtrToStringUTF8((nint)p) ?? "";
}
