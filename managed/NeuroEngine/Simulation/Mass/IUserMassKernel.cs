using NeuroEngine.Native;

namespace NeuroEngine.Simulation.Mass;

/// <summary>The seam between a user-defined model (NeuroEngine.Models.UserMassModel: compiled C or the managed
/// fallback) and the native run path (NE_MASS_USER): the model's descriptor and its ne_mass_user_model. The memory
/// the filled struct points to lives as long as the kernel object.</summary>
internal interface IUserMassKernel
{
    /// <summary>The model as configs and runs see it.</summary>
    MassModelDescriptor Descriptor { get; }

    /// <summary>Fills the layout, slots, lane functions and context of the model.</summary>
    void Fill(ref MassUserModelNative native);
}
