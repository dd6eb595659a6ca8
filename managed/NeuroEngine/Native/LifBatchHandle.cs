using System.Runtime.InteropServices;

namespace NeuroEngine.Native;

/// <summary>Owns one native ne_lif_batch; released by ne_lif_batch_destroy.</summary>
internal sealed class LifBatchHandle : SafeHandle
{
    public LifBatchHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.ne_lif_batch_destroy(handle);
        return true;
    }
}
