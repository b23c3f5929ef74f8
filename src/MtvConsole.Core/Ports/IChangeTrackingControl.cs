namespace MtvConsole.Core.Ports;

/// <summary>
/// A source that can turn on changed block tracking of a VM (vSphere ReconfigVM <c>changeTrackingEnabled</c>),
/// the prerequisite of warm migration. Implemented by the real vSphere adapter.
/// </summary>
public interface IChangeTrackingControl
{
    /// <summary>Enables CBT and waits until vCenter has applied it; fails with vCenter's message.</summary>
    Task EnableChangeBlockTrackingAsync(string vmId, CancellationToken cancellationToken = default);
}
