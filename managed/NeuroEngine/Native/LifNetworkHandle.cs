using System.Runtime.InteropServices;

namespace NeuroEngine.Native;

/// <summary>Owns one native ne_network; released by ne_network_destroy.</summary>
internal sealed class LifNetworkHandle : SafeHandle
{
    public LifNetworkHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.ne_network_destroy(handle);
        return true;
    }
}
